"""Human output of the ``vendorgov`` command line: its words, and its tables.

Kept apart from :mod:`vendorgov._cli` so that ``vendorgov --help`` never loads
it. Every word is a message of the catalogs (`vendorgov._i18n`), in French,
English or Spanish; enum values and standings print with the labels the
documents use (`vendorgov._labels`), and numbers, money and dates with the
shared formatter (`vendorgov._format`): a score reads the same here, in a
review report and in a notebook. Data (names, descriptions) prints as written.
``--json`` output carries exact values instead.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from vendorgov._format import (
    NONE,
    format_date,
    format_list,
    format_money,
    format_number,
    format_score,
    format_share,
    format_trend,
    horizon_name,
)
from vendorgov._i18n import N_, NP_, pgettext
from vendorgov._labels import enum_label, message, unit_label, verdict_label
from vendorgov._model.results import PayoutCategory
from vendorgov._model.voice import ContestStatus

if TYPE_CHECKING:
    from vendorgov import Contact, Finding, Mission, Money, Payout, Scorecard, Side
    from vendorgov._model.portfolio import Portfolio
    from vendorgov._model.text import LocalizedText

__all__ = [
    "WIDTH",
    "date",
    "demo_head",
    "findings_report",
    "label",
    "money",
    "number",
    "payouts_report",
    "portfolio_report",
    "portfolio_table",
    "render_details",
    "scorecard_report",
    "table",
]

WIDTH = 100
"""Lines are kept to this many columns (long texts wrap)."""

_LABELS: Final[dict[str, str | tuple[str, str]]] = {
    # vendorgov demo
    "title": N_("Demo portfolio: %(count)s missions of %(clients)s"),
    "as_of": N_("Status on %(date)s"),
    "mission": N_("Mission"),
    "provider": N_("Provider"),
    "milestone": N_("Current milestone"),
    "score": NP_("a column: the overall score", "Score"),
    "standing": N_("Standing"),
    "coverage": N_("Coverage"),
    "findings": N_("Findings"),
    "findings_value": N_("%(total)s (%(critical)s critical)"),
    "activities": N_("Activities"),
    "term": N_("Mission term"),
    "term_value": N_("from %(start)s to %(end)s"),
    "contacts": N_("Points of contact"),
    "escalation": N_("Escalation"),
    "budget": N_("Budget"),
    "budget_value": N_("%(total)s in total, %(spent)s invoiced"),
    "no_budget": N_("not set"),
    "kpis": N_("KPIs"),
    "kpis_value": N_("%(count)s, target (threshold) per milestone"),
    "kpi": N_("KPI"),
    "unit": N_("Unit"),
    "measurements": N_("Measurements"),
    "measurements_value": N_("%(count)s, from %(first)s to %(last)s"),
    "reviews": N_("Reviews"),
    "reviews_value": N_("%(count)s, the last on %(last)s"),
    "actions": N_("Open actions"),
    "action_value": N_("%(id)s, due on %(date)s"),
    "written": N_("%(count)s files written to %(folder)s"),
    # vendorgov score
    "scorecard_head": N_("Scorecard as of %(date)s — milestone “%(milestone)s” (due %(due)s)"),
    "window": N_("Period assessed: %(start)s to %(end)s"),
    "empty_window": N_("Period assessed: none (the mission has not started)"),
    "overall": N_("Overall score: %(score)s / 100 (%(standing)s), coverage %(coverage)s"),
    "no_overall": N_("Overall score: none (no measurement in the period assessed)"),
    "withheld": N_(
        "No standing: the KPIs with data hold %(coverage)s of the weight, below the minimum "
        "of %(minimum)s."
    ),
    "actual": N_("Actual"),
    "target": N_("Target (threshold)"),
    "expected": N_("Expected"),
    "points": N_("Points"),
    "status": N_("Status"),
    "trend": N_("Trend"),
    "better": NP_("trend", "improving"),
    "worse": NP_("trend", "worsening"),
    "same": NP_("trend", "steady"),
    "no_results": N_("No target is set for this milestone."),
    "status_contest": N_("%(status)s, %(contest)s"),
    "voices": N_(
        "%(kpi)s: %(count)s evaluations in the period (%(evaluators)s); the provider's "
        "self-assessment, not scored: %(self)s"
    ),
    "amended": N_("%(kpi)s: %(original)s as measured, %(actual)s after the contest"),
    "contested_note": N_(
        "Contested results (%(kpis)s): the payouts that depend on them wait for the answer."
    ),
    "open_contest": N_(
        "Contest open: %(kpi)s at “%(milestone)s”, raised on %(raised)s by %(by)s; answer due "
        "by %(due)s."
    ),
    "pending": NP_("a payout waiting for a contest", "%(amount)s (pending)"),
    # vendorgov check
    "check_head": N_(
        "%(mission)s — findings as of %(date)s: %(count)s (%(critical)s critical, "
        "%(warning)s warning, %(info)s info)"
    ),
    "severity": N_("Severity"),
    "code": N_("Code"),
    "message": N_("Finding"),
    "no_findings": N_("Nothing to report."),
    # vendorgov payouts
    "payouts_head": N_("%(mission)s — bonuses and service credits owed as of %(date)s"),
    "due": N_("Due"),
    "milestone_short": N_("Milestone"),
    "category": N_("Kind"),
    "amount": N_("Amount"),
    "no_payouts": N_("Nothing owed: no milestone reached yet, or no incentive scheme."),
    "net": N_("Net owed to the provider"),
    # vendorgov validate and init
    "valid": N_("%(file)s: valid (%(what)s)"),
    "mission_key": N_("mission %(key)s"),
    "validated": N_("%(count)s files: %(valid)s valid, %(invalid)s invalid"),
    "init_next": N_("%(file)s: fill in the values marked TODO, then run: %(command)s"),
    # several files: the portfolio
    "portfolio_title": N_("Portfolio: %(count)s missions, most in need of attention first"),
    "summary_head": N_("%(mission)s — %(title)s, %(provider)s (%(file)s)"),
    "trend_line": N_("Trend over %(days)s days: %(trend)s points"),
    "findings_line": N_(
        "Findings: %(total)s (%(critical)s critical, %(warning)s warning, %(info)s info)"
    ),
    "kpi_counts": N_(
        "KPIs: %(met)s met, %(at_risk)s at risk, %(missed)s missed, %(no_data)s without data"
    ),
    "deadlines_line": N_("Coming up: %(deadlines)s"),
    "no_deadlines": N_("Coming up: nothing in the next %(days)s days"),
    "events_line": N_("Calendar: %(count)s events"),
    "unreadable_head": N_("Files that could not be read (%(count)s), see standard error:"),
}


def label(name: str, lang: str, **values: object) -> str:
    """The CLI's label ``name`` in ``lang``, with ``values`` put into it.

    >>> label("as_of", "fr", date="29/11/2026"), label("as_of", "es", date="29/11/2026")
    ('Situation au 29/11/2026', 'Situación a 29/11/2026')
    """
    return message(lang, _LABELS[name], **values)


def _colon(name: str, lang: str) -> str:
    """``name:`` with the language's typography (``Nom\u202f:`` in French)."""
    return pgettext(lang, "a label before its value", "%(label)s:") % {"label": name}


# -- numbers and dates: the shared formatter ------------------------------------
def number(value: Decimal | None, lang: str, places: int | None = None) -> str:
    """A number for people (`vendorgov._format.format_number`): exact, or half-up to ``places``.

    >>> number(Decimal("98.025"), "en", 2), number(Decimal("1234.5"), "fr")
    ('98.03', '1\u202f234,5')
    >>> number(None, "es")
    '—'
    """
    return format_number(value, lang, places)


def money(amount: Money, lang: str) -> str:
    """An amount in the language's currency format: ``6 850,00 €``, ``€6,850.00``.

    >>> from vendorgov import Money
    >>> money(Money(Decimal("-1234.5"), "EUR"), "en")
    '-€1,234.50'
    """
    return format_money(amount, lang)


def date(day: dt.date, lang: str) -> str:
    """A date in a table or a headline: ``29/11/2026``, ``11/29/2026``.

    >>> date(dt.date(2026, 11, 29), "fr"), date(dt.date(2026, 11, 29), "en")
    ('29/11/2026', '11/29/2026')
    """
    return format_date(day, lang, "numeric")


# -- tables ---------------------------------------------------------------------
def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    indent: str = "",
    wrap_last: bool = False,
) -> list[str]:
    """Aligned columns, two spaces apart, under an underlined header.

    Columns listed in ``right`` align right (numbers). With ``wrap_last``, the
    last column wraps to keep lines within :data:`WIDTH`.

    >>> print("\\n".join(table(["KPI", "Points"], [["a", "100"], ["bb", "5"]], right=[1])))
    KPI  Points
    ---  ------
    a       100
    bb        5
    """
    columns = len(header)
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(columns)]
    lead = len(indent) + sum(widths[:-1]) + 2 * (columns - 1)  # where the last column starts
    last_width = widths[-1]
    if wrap_last and lead + last_width > WIDTH:
        last_width = max(WIDTH - lead, 30)

    def line(cells: Sequence[str]) -> list[str]:
        parts = []
        for index, cell in enumerate(cells[:-1]):
            parts.append(cell.rjust(widths[index]) if index in right else cell.ljust(widths[index]))
        last = cells[-1]
        pieces = [last]
        if wrap_last and len(last) > last_width:
            pieces = textwrap.wrap(last, width=last_width) or [""]
        elif columns - 1 in right:
            pieces = [last.rjust(widths[-1])]
        first = indent + "  ".join([*parts, pieces[0]])
        rest = [" " * lead + piece for piece in pieces[1:]]
        return [first.rstrip(), *(text.rstrip() for text in rest)]

    lines = line(list(header))
    lines.append((indent + "  ".join("-" * width for width in widths)).rstrip())
    for row in rows:
        lines.extend(line([str(cell) for cell in row]))
    if wrap_last:  # the rule under the header follows the wrapped width
        widths_rule = [*widths[:-1], min(widths[-1], last_width)]
        lines[1] = (indent + "  ".join("-" * width for width in widths_rule)).rstrip()
    return lines


# -- vendorgov demo -------------------------------------------------------------
def demo_head(missions: Sequence[Mission], at: dt.date, lang: str) -> list[str]:
    """The demo's first lines: how many missions of which clients, and the date."""
    clients = format_list(dict.fromkeys(mission.client.name for mission in missions), lang)
    return [
        label("title", lang, count=len(missions), clients=clients),
        label("as_of", lang, date=date(at, lang)),
    ]


def portfolio_table(
    missions: Sequence[Mission],
    cards: Sequence[Scorecard],
    findings: Sequence[Sequence[Finding]],
    lang: str,
) -> list[str]:
    """The demo's table: mission, current milestone, score, standing, coverage, findings."""
    rows = []
    for mission, card, found in zip(missions, cards, findings, strict=True):
        critical = sum(1 for finding in found if finding.severity.value == "critical")
        rows.append(
            [
                mission.key,
                f"{_local(card.milestone, mission, lang)} ({date(card.due, lang)})",
                format_score(card.overall, lang),
                verdict_label(card, lang),
                format_share(card.coverage, lang),
                label("findings_value", lang, total=len(found), critical=critical),
            ]
        )
    header = [
        label(name, lang)
        for name in ("mission", "milestone", "score", "standing", "coverage", "findings")
    ]
    # The provider is in each mission's details: the table keeps to 100 columns.
    return table(header, rows, right=[2, 4])


def render_details(missions: Sequence[Mission], lang: str) -> list[str]:
    """Each mission in detail: parties, term, contacts, budget, KPIs and tiers, reviews."""
    lines: list[str] = []
    for mission in missions:
        lines.append("")
        lines.extend(_render_mission(mission, lang))
    return lines


_FIELD_LABELS = (
    "provider",
    "activities",
    "term",
    "contacts",
    "escalation",
    "budget",
    "kpis",
    "measurements",
    "reviews",
    "actions",
)


def _local(value: str | LocalizedText, mission: Mission, lang: str) -> str:
    """A text the mission's author wrote, in ``lang`` (see `vendorgov.localize`)."""
    from vendorgov import localize

    return localize(value, lang, mission.language)[0]


def _render_mission(mission: Mission, lang: str) -> list[str]:
    from vendorgov import ActionStatus, ContactRole, Money, Side

    width = max(len(label(name, lang)) for name in _FIELD_LABELS) + 2
    heading = f"{mission.key} — {_local(mission.name, mission, lang)}"
    lines = [heading, "-" * len(heading)]

    def field(name: str, values: Sequence[str]) -> None:
        room = WIDTH - width - 2  # a value longer than the line wraps, indented
        shown = [
            piece
            for value in values or [NONE]
            for piece in (
                [value]
                if len(value) <= room or value.startswith("  ")
                else textwrap.wrap(value, width=room, subsequent_indent="  ")
            )
        ]
        first, *rest = shown
        lines.append(f"  {label(name, lang):<{width}}{first}")
        lines.extend(f"  {'':<{width}}{value}" for value in rest)

    provider = mission.provider
    details = [provider.legal_form] if provider.legal_form else []
    if provider.address is not None:
        details.append(provider.address.city)
    field("provider", [provider.name + (f" ({', '.join(details)})" if details else "")])

    def labelled(name: str, value: str) -> str:
        return f"{_colon(name, lang)} {value}"

    field(
        "activities",
        [
            labelled(
                f"{_local(activity.name, mission, lang)} [{enum_label(activity.kind, lang)}]",
                money(activity.budget, lang),
            )
            if activity.budget is not None
            else f"{_local(activity.name, mission, lang)} [{enum_label(activity.kind, lang)}]"
            for activity in mission.activities
        ],
    )
    field(
        "term",
        [
            label(
                "term_value",
                lang,
                start=date(mission.start, lang),
                end=date(mission.end, lang),
            )
        ],
    )

    def side_name(side: Side) -> str:
        return enum_label(side, lang)

    field(
        "contacts",
        [
            labelled(side_name(side), _person(mission.primary_contact(side)))
            for side in (Side.CLIENT, Side.PROVIDER)
        ],
    )
    field(
        "escalation",
        [
            labelled(side_name(contact.side), _person(contact))
            for side in (Side.CLIENT, Side.PROVIDER)
            for contact in mission.contacts
            if contact.side is side and contact.role is ContactRole.ESCALATION
        ],
    )

    budgets = [activity.budget for activity in mission.activities if activity.budget is not None]
    if budgets:
        zero = Money.zero(mission.currency)
        spent = sum((entry.amount for entry in mission.spend), zero)
        field(
            "budget",
            [
                label(
                    "budget_value",
                    lang,
                    total=money(sum(budgets, zero), lang),
                    spent=money(spent, lang),
                )
            ],
        )
    else:
        field("budget", [label("no_budget", lang)])

    field("kpis", [label("kpis_value", lang, count=len(mission.kpis))] if mission.kpis else [])
    if mission.kpis:
        lines.extend(_kpi_table(mission, lang))

    if mission.measurements:
        days = sorted(measurement.on for measurement in mission.measurements)
        first, last = date(days[0], lang), date(days[-1], lang)
        field(
            "measurements",
            [label("measurements_value", lang, count=len(days), first=first, last=last)],
        )
    else:
        field("measurements", [])
    if mission.reviews:
        last_review = date(max(review.on for review in mission.reviews), lang)
        field(
            "reviews",
            [label("reviews_value", lang, count=len(mission.reviews), last=last_review)],
        )
    else:
        field("reviews", [])
    open_actions = sorted(
        (
            action
            for review in mission.reviews
            for action in review.corrective_actions
            if action.status is ActionStatus.OPEN
        ),
        key=lambda action: (action.due, action.id),
    )
    action_lines: list[str] = []
    for action in open_actions:
        action_lines.append(label("action_value", lang, id=action.id, date=date(action.due, lang)))
        action_lines.extend(
            textwrap.wrap(
                action.description,
                width=WIDTH - width - 2,
                initial_indent="  ",
                subsequent_indent="  ",
            )
        )
    field("actions", action_lines)
    return lines


def _kpi_table(mission: Mission, lang: str) -> list[str]:
    from vendorgov import Direction

    dues = mission.milestone_dues()
    header = [
        label("kpi", lang),
        label("unit", lang),
        *(horizon_name(m.horizon, lang) for m in mission.milestones),
    ]
    subheader = ["", "", *(date(due, lang) for due in dues)]
    rows = [header, subheader]
    for kpi in mission.kpis:
        sign = ">=" if kpi.direction is Direction.HIGHER else "<="
        cells = [_local(kpi.name, mission, lang), unit_label(kpi.unit, lang)]
        for milestone in mission.milestones:
            target = milestone.target_for(kpi.key)
            cells.append(
                NONE
                if target is None
                else f"{sign} {number(target.target, lang)} ({number(target.threshold, lang)})"
            )
        rows.append(cells)
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    return [
        "    "
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _person(contact: Contact) -> str:
    return f"{contact.name} ({contact.title})" if contact.title else contact.name


# -- vendorgov score --------------------------------------------------------------
def scorecard_report(mission: Mission, card: Scorecard, lang: str) -> list[str]:
    """A scorecard for people: the milestone, the overall score, one line per KPI."""
    kpis = {kpi.key: kpi for kpi in mission.kpis}
    lines = [
        f"{mission.key} — {_local(mission.name, mission, lang)} ({mission.provider.name})",
        label(
            "scorecard_head",
            lang,
            date=date(card.at, lang),
            milestone=_local(card.milestone, mission, lang),
            due=date(card.due, lang),
        ),
    ]
    if card.empty_window:
        lines.append(label("empty_window", lang))
    else:
        lines.append(
            label(
                "window",
                lang,
                start=date(card.window_start, lang),
                end=date(card.window_end, lang),
            )
        )
    if card.overall is None:
        lines.append(label("no_overall", lang))
    else:
        lines.append(
            label(
                "overall",
                lang,
                score=format_score(card.overall, lang),
                standing=verdict_label(card, lang),
                coverage=format_share(card.coverage, lang),
            )
        )
        if not card.sufficient:
            lines.append(
                label(
                    "withheld",
                    lang,
                    coverage=format_share(card.coverage, lang),
                    minimum=format_share(card.min_coverage, lang),
                )
            )
    lines.append("")
    if not card.results:
        lines.append(label("no_results", lang))
        return lines
    rows = []
    for result in card.results:
        kpi = kpis.get(result.kpi)
        name = (
            result.kpi
            if kpi is None
            else f"{_local(kpi.name, mission, lang)} ({unit_label(kpi.unit, lang)})"
        )
        if result.trend is None:
            trend = NONE
        elif result.trend == 0:
            trend = label("same", lang)
        else:
            trend = label("better" if result.improving else "worse", lang)
        status = enum_label(result.status, lang)
        if result.contest is not None:
            status = label(
                "status_contest", lang, status=status, contest=enum_label(result.contest, lang)
            )
        rows.append(
            [
                name,
                number(result.actual, lang, 2),
                f"{number(result.target, lang)} ({number(result.threshold, lang)})",
                number(result.expected, lang, 2),
                format_score(result.points, lang),
                status,
                trend,
            ]
        )
    header = [
        label(name, lang)
        for name in ("kpi", "actual", "target", "expected", "points", "status", "trend")
    ]
    lines.extend(table(header, rows, right=[1, 2, 3, 4]))
    lines.extend(_voice_lines(card, lang))
    lines.extend(_open_contests(mission, card.at, lang))
    return lines


def _open_contests(mission: Mission, at: dt.date, lang: str) -> list[str]:
    """The contests open on ``at``, whatever milestone they are about."""
    lines = [
        label(
            "open_contest",
            lang,
            kpi=contest.kpi,
            milestone=contest.milestone,
            raised=date(contest.raised_on, lang),
            by=contest.raised_by,
            due=date(mission.contest_answer_due(contest), lang),
        )
        for contest in mission.contests
        if contest.status_on(at) is ContestStatus.OPEN
    ]
    return ["", *lines] if lines else []


def _voice_lines(card: Scorecard, lang: str) -> list[str]:
    """Under the table: the evaluations and self-assessments, amended values, contests."""
    lines: list[str] = []
    for result in card.results:
        scored = [item for item in result.evaluations if not item.self_assessment]
        if result.evaluations:
            lines.append(
                label(
                    "voices",
                    lang,
                    kpi=result.kpi,
                    count=len(scored),
                    evaluators=format_list(sorted({item.evaluator for item in scored}), lang)
                    or NONE,
                    self=number(result.self_assessment, lang, 2),
                )
            )
        if result.contest in (ContestStatus.ACCEPTED, ContestStatus.AMENDED):
            lines.append(
                label(
                    "amended",
                    lang,
                    kpi=result.kpi,
                    original=number(result.original, lang, 2),
                    actual=number(result.actual, lang, 2),
                )
            )
    if card.contested:
        lines.append(label("contested_note", lang, kpis=format_list(card.contested, lang)))
    return ["", *lines] if lines else []


# -- vendorgov check ------------------------------------------------------------
def findings_report(
    mission: Mission, found: Sequence[Finding], at: dt.date, lang: str
) -> list[str]:
    """Findings for people: a count by severity, then one line per finding (most urgent first)."""
    from vendorgov._describe import describe  # loads Babel: only when findings are printed

    counts = _severity_counts(found)
    lines = [
        label(
            "check_head",
            lang,
            mission=mission.key,
            count=len(found),
            date=date(at, lang),
            critical=counts["critical"],
            warning=counts["warning"],
            info=counts["info"],
        )
    ]
    if not found:
        lines.append(label("no_findings", lang))
        return lines
    lines.append("")
    rows = [
        [
            enum_label(finding.severity, lang),
            finding.code,
            describe(finding, lang),
        ]
        for finding in found
    ]
    header = [label(name, lang) for name in ("severity", "code", "message")]
    lines.extend(table(header, rows, wrap_last=True))
    return lines


def _severity_counts(found: Sequence[Finding]) -> Mapping[str, int]:
    counts = {"critical": 0, "warning": 0, "info": 0}
    for finding in found:
        counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
    return counts


# -- vendorgov payouts ----------------------------------------------------------
def payouts_report(
    mission: Mission,
    lines_: Sequence[Payout],
    totals: Mapping[str, Money],
    net: Money,
    at: dt.date,
    lang: str,
) -> list[str]:
    """Payout lines for people, then the totals by category and the net owed."""
    from vendorgov._describe import describe  # loads Babel: only when payouts are printed

    lines = [label("payouts_head", lang, mission=mission.key, date=date(at, lang))]
    if not lines_:
        lines.append(label("no_payouts", lang))
        return lines
    lines.append("")
    rows = [
        [
            _local(line.milestone, mission, lang),
            date(line.due, lang),
            enum_label(line.category, lang),
            line.kpi or NONE,
            label("pending", lang, amount=money(line.amount, lang))
            if line.pending
            else money(line.amount, lang),
        ]
        for line in lines_
    ]
    header = [label(name, lang) for name in ("milestone_short", "due", "category", "kpi", "amount")]
    grid = table(header, rows, right=[4])
    lines.extend(grid[:2])
    for row, line in zip(grid[2:], lines_, strict=True):
        lines.append(row)  # then the rule applied, in words, under its line
        lines.extend(
            textwrap.wrap(
                describe(line, lang),
                width=WIDTH - 4,
                initial_indent="    ",
                subsequent_indent="    ",
            )
        )
    lines.append("")
    width = max(
        [len(enum_label(PayoutCategory(name), lang)) for name in totals] + [len(label("net", lang))]
    )
    amounts = [money(total, lang) for total in totals.values()] + [money(net, lang)]
    amount_width = max(len(text) for text in amounts)
    for (name, _), text in zip(totals.items(), amounts, strict=False):
        shown = enum_label(PayoutCategory(name), lang)
        lines.append(f"{shown:<{width}}  {text:>{amount_width}}")
    lines.append(f"{label('net', lang):<{width}}  {amounts[-1]:>{amount_width}}")
    return lines


# -- several files: the portfolio -------------------------------------------------
def _text_in(value: str | LocalizedText, language: str, lang: str) -> str:
    from vendorgov import localize

    return localize(value, lang, language)[0]


def portfolio_report(
    portfolio: Portfolio,
    lang: str,
    detail: str,
    problems: Sequence[str] = (),
    events: Mapping[str, int] | None = None,
) -> list[str]:
    """The portfolio table (most in need of attention first), then each mission in short.

    ``detail`` adds to each mission's summary: ``"findings"`` (``check``: every
    finding), ``"payouts"`` (the net owed), ``"calendar"`` (the number of events,
    from ``events``), or nothing (``"score"``). ``problems`` are the lines of the
    files that could not be read, shown first.
    """
    from vendorgov._describe import describe  # loads Babel: only when findings are printed
    from vendorgov._engine.portfolio import HORIZON_DAYS, TREND_DAYS
    from vendorgov._model.money import Money

    lines: list[str] = []
    if problems:
        lines.append(label("unreadable_head", lang, count=len(portfolio.problems)))
        lines.extend(f"  {line}" for line in problems)
        lines.append("")
    days = sorted({summary.at for summary in portfolio.summaries})
    lines.append(label("portfolio_title", lang, count=len(portfolio.summaries)))
    if len(days) == 1:
        lines.append(label("as_of", lang, date=date(days[0], lang)))
    lines.append("")
    rows = []
    for summary in portfolio.summaries:
        card = summary.scorecard
        rows.append(
            [
                summary.mission,
                _text_in(card.milestone, summary.language, lang),
                format_score(card.overall, lang),
                verdict_label(card, lang),
                format_share(card.coverage, lang),
                format_trend(summary.trend, lang),
                label(
                    "findings_value", lang, total=len(summary.findings), critical=summary.critical
                ),
            ]
        )
    header = [
        label(name, lang)
        for name in ("mission", "milestone", "score", "standing", "coverage", "trend", "findings")
    ]
    lines.extend(table(header, rows, right=[2, 4, 5]))
    for summary in portfolio.summaries:
        card = summary.scorecard
        lines.append("")
        lines.append(
            label(
                "summary_head",
                lang,
                mission=summary.mission,
                title=_text_in(summary.name, summary.language, lang),
                provider=summary.provider,
                file=summary.file or NONE,
            )
        )
        indent = "  "
        if card.overall is None:
            lines.append(indent + label("no_overall", lang))
        else:
            standing = verdict_label(card, lang)
            overall = label(
                "overall",
                lang,
                score=format_score(card.overall, lang),
                standing=standing,
                coverage=format_share(card.coverage, lang),
            )
            lines.append(indent + overall)
        statuses = [line.status.value for line in card.results]
        counts = {name: statuses.count(name) for name in ("met", "at_risk", "missed", "no_data")}
        lines.append(indent + label("kpi_counts", lang, **counts))
        lines.append(
            indent
            + label("trend_line", lang, days=TREND_DAYS, trend=format_trend(summary.trend, lang))
        )
        lines.append(
            indent
            + label(
                "findings_line",
                lang,
                total=len(summary.findings),
                critical=summary.critical,
                warning=summary.warning,
                info=summary.count("info"),
            )
        )
        if summary.deadlines:
            coming = "; ".join(
                f"{date(item.on, lang)} {enum_label(item.kind, lang)}"
                + (f" ({_text_in(item.subject, summary.language, lang)})" if item.subject else "")
                for item in summary.deadlines
            )
            lines.extend(
                textwrap.wrap(
                    label("deadlines_line", lang, deadlines=coming),
                    width=WIDTH - 2,
                    initial_indent=indent,
                    subsequent_indent=indent * 2,
                )
            )
        else:
            lines.append(indent + label("no_deadlines", lang, days=HORIZON_DAYS))
        if detail == "findings" and summary.findings:
            rows = [
                [enum_label(finding.severity, lang), finding.code, describe(finding, lang)]
                for finding in summary.findings
            ]
            header = [label(name, lang) for name in ("severity", "code", "message")]
            lines.extend(table(header, rows, wrap_last=True, indent=indent * 2))
        elif detail == "payouts":
            totals: dict[str, Money] = {}
            for line in summary.payouts:
                currency = line.amount.currency
                totals[currency] = totals.get(currency, Money.zero(currency)) + line.amount
            if totals:
                net = " + ".join(money(total.rounded(), lang) for total in totals.values())
                lines.append(indent + f"{_colon(label('net', lang), lang)} {net}")
            else:
                lines.append(indent + label("no_payouts", lang))
        elif detail == "calendar" and events is not None:
            count = events.get(summary.file or "", 0)
            lines.append(indent + label("events_line", lang, count=count))
    return lines
