"""HTML for notebooks: missions, scorecards, findings and payouts as compact tables.

Jupyter (and any tool following IPython's display protocol) calls a value's
``_repr_html_``; the model's methods look their view up in ``vendorgov._model.hooks``,
where this module registers its renderers when it is imported (``vendorgov``
imports it on the first display), so the model never imports this edge.

**Language.** ``_repr_html_`` takes no argument, and a value does not know its
reader's language: it shows in English. `to_html` shows a value in French,
English or Spanish (``vendorgov.to_html(card, lang="fr")``, the last expression of
a cell, displays as HTML). Every word comes from the message catalogs, enum
labels and standings as in the documents and the command line (`vendorgov._labels`).

**Numbers** come from the shared formatter (`vendorgov._format`), as in the
documents and the command line: scores (overall, points) by the one display rule
(at most one decimal, cut down), coverage to a tenth of a percent (cut down),
KPI values exact as measured or half-up to two decimals when computed (an
aggregate, an expected value, a trend), money in the language's currency format,
dates in the language's medium style. The values themselves stay exact.

Every value is escaped with `html.escape` on its way into the page: the only
markup in the output is the markup written in this module (and the words of the
catalogs, escaped too). Colours are inline styles (notebook front ends drop
``<style>`` blocks) and every coloured badge also carries a class
(``vg-status-met``, ``vg-severity-critical``) for style sheets and tests.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from vendorgov._format import (
    NONE,
    format_date,
    format_money,
    format_number,
    format_score,
    format_share,
    format_trend,
    horizon_name,
)
from vendorgov._i18n import N_, NP_, check_language, ngettext, translate
from vendorgov._labels import PHRASES, enum_label, unit_label, verdict_label
from vendorgov._model import hooks
from vendorgov._model.kpi import Direction
from vendorgov._model.mission import Mission
from vendorgov._model.money import Money
from vendorgov._model.parties import Side
from vendorgov._model.portfolio import Portfolio, Scorecards
from vendorgov._model.results import Payout, PayoutCategory
from vendorgov._model.scorecard import Finding, Scorecard, Severity, Status

if TYPE_CHECKING:
    from vendorgov._model.scorecard import KpiResult

__all__ = [
    "CATEGORY_COLOURS",
    "DEFAULT_LANGUAGE",
    "SEVERITY_COLOURS",
    "STATUS_COLOURS",
    "HtmlView",
    "findings_html",
    "mission_html",
    "number",
    "payouts_html",
    "portfolio_html",
    "scorecard_html",
    "scorecards_html",
    "to_html",
]

DEFAULT_LANGUAGE: Final = "en"
"""The language of ``_repr_html_``, which cannot be given one: English."""

STATUS_COLOURS: dict[Status, str] = {
    Status.MET: "#1a7f37",  # green
    Status.AT_RISK: "#9a6700",  # amber
    Status.MISSED: "#cf222e",  # red
    Status.NO_DATA: "#6e7781",  # grey
}
"""Badge colour of each KPI status (white text on it reads in light and dark themes)."""

SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.CRITICAL: "#cf222e",  # red
    Severity.WARNING: "#9a6700",  # amber
    Severity.INFO: "#0969da",  # blue
}
"""Badge colour of each finding severity."""

CATEGORY_COLOURS: dict[PayoutCategory, str] = {
    PayoutCategory.BONUS: "#1a7f37",
    PayoutCategory.SERVICE_CREDIT: "#cf222e",
    PayoutCategory.EARN_BACK: "#0969da",
}
"""Badge colour of each payout category."""

_TABLE = "border-collapse:collapse;font-size:90%;margin:0.3em 0"
_CELL = "padding:2px 8px;border-bottom:1px solid rgba(128,128,128,0.3);vertical-align:top"
_BADGE = "color:#fff;border-radius:3px;padding:0 0.4em;white-space:nowrap;background:"
_GOOD = "#1a7f37"
_BAD = "#cf222e"
_PLACES = 2  # computed KPI values (aggregates, expected values, trends): two decimals

# The display's own words (the others are the CLI's and the documents' messages).
_WORDS: Final[dict[str, str | tuple[str, str]]] = {
    "contact": N_("%(side)s contact: %(name)s"),
    "name": N_("Name"),
    "unit": N_("Unit"),
    "direction": N_("Direction"),
    "weight": N_("Weight"),
    "kpi": N_("KPI"),
    "legend": N_("Each milestone shows its target (and the worst acceptable value)."),
    "scorecard": N_("Scorecard of %(mission)s as of %(date)s"),
    "milestone_due": N_("milestone %(milestone)s, due %(due)s"),
    "window": N_("Period assessed: %(start)s to %(end)s"),
    "empty_window": N_("Period assessed: none (the mission has not started)"),
    "overall": N_("Overall score: %(score)s / 100 (%(standing)s), coverage %(coverage)s"),
    "no_overall": N_("Overall score: none (no measurement in the period assessed)"),
    "withheld": N_(
        "No standing: the KPIs with data hold %(coverage)s of the weight, below the minimum "
        "of %(minimum)s."
    ),
    "actual": N_("Actual"),
    "target": N_("Target"),
    "threshold": N_("Threshold"),
    "expected": N_("Expected"),
    "points": N_("Points"),
    "status": N_("Status"),
    "on_track": N_("On track"),
    "trend": N_("Trend"),
    "measurements": N_("Measurements"),
    "nothing": N_("Nothing to report."),
    "severity": N_("Severity"),
    "code": N_("Code"),
    "finding": N_("Finding"),
    "subject": NP_("what a finding is about", "Subject"),
    "due": N_("Due"),
    "date": N_("Date"),
    "no_payouts": N_("Nothing owed: no milestone reached yet, or no incentive scheme."),
    "milestone": N_("Milestone"),
    "kind": N_("Kind"),
    "amount": N_("Amount"),
    "rule": N_("Rule applied"),
    "capped": N_(" (capped)"),
    "gives_back": N_(" · gives back the credit of %(milestone)s"),
    "net": N_("Net owed to the provider"),
    "label": NP_("a label before its value", "%(label)s:"),
    "mission": N_("Mission"),
    "current_milestone": N_("Current milestone"),
    "score": NP_("a column: the overall score", "Score"),
    "standing": N_("Standing"),
    "coverage": N_("Coverage"),
    "findings": N_("Findings"),
    "next_deadline": N_("Next deadline"),
    "portfolio": N_("Portfolio as of %(date)s"),
    "portfolio_head": N_("%(missions)s missions · %(critical)s with a critical finding"),
    "findings_count": N_("%(critical)s critical, %(warning)s warning, %(info)s info"),
    "unreadable": N_("Files that could not be read: %(files)s"),
    "history": N_("Score history of %(mission)s"),
    "no_history": N_("No milestone reached yet."),
}


class _Markup(str):
    """Text that is already HTML (written by this module), not to be escaped again."""

    __slots__ = ()


class HtmlView(str):
    """HTML text that a notebook displays as HTML (it is its own ``_repr_html_``).

    >>> HtmlView("<b>87.4</b>")._repr_html_()
    '<b>87.4</b>'
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


def _escape(value: object) -> _Markup:
    if isinstance(value, _Markup):
        return value
    return _Markup(html.escape(str(value), quote=True))


def _join(parts: Iterable[object], separator: str = "") -> _Markup:
    return _Markup(separator.join(_escape(part) for part in parts))


def _tag(name: str, content: object, *, cls: str = "", style: str = "") -> _Markup:
    attributes = f' class="{_escape(cls)}"' if cls else ""
    attributes += f' style="{_escape(style)}"' if style else ""
    return _Markup(f"<{name}{attributes}>{_escape(content)}</{name}>")


def _say(lang: str, key: str, **values: object) -> _Markup:
    """The display's message ``key`` in ``lang``: its text escaped, then ``values`` (escaped
    unless they are markup from this module) put in."""
    text = html.escape(translate(lang, _WORDS[key]), quote=True)
    return _Markup(text % {name: _escape(value) for name, value in values.items()})


def _labelled(lang: str, name: str) -> _Markup:
    """``name:`` with the language's typography."""
    return _say(lang, "label", label=name)


# -- formatting -------------------------------------------------------------------
def number(value: Decimal | int | None, lang: str = DEFAULT_LANGUAGE, places: int = 2) -> str:
    """A computed number for people: ``places`` decimals at most, half-up (the formatter's).

    >>> number(Decimal("87.45039682539682539682539683"))
    '87.45'
    >>> number(Decimal("-1234567.005"), "fr")
    '-1\u202f234\u202f567,01'
    >>> number(None)
    '—'
    """
    return format_number(value, lang, places)


def _date(value: dt.date | None, lang: str) -> str:
    return NONE if value is None else format_date(value, lang, "medium")


def _yes_no(value: bool | None, lang: str) -> str:
    return NONE if value is None else PHRASES[lang]["yes" if value else "no"]


def _signed(value: Decimal | None, lang: str) -> str:
    text = number(value, lang)
    return f"+{text}" if value is not None and value > 0 and text != number(0, lang) else text


def _badge(label: str, colour: str, cls: str) -> _Markup:
    return _tag("span", label, cls=f"vg-badge {cls}", style=_BADGE + colour)


def status_badge(status: Status, lang: str = DEFAULT_LANGUAGE) -> _Markup:
    """A coloured badge for a KPI status."""
    return _badge(enum_label(status, lang), STATUS_COLOURS[status], f"vg-status-{status}")


def severity_badge(severity: Severity, lang: str = DEFAULT_LANGUAGE) -> _Markup:
    """A coloured badge for a finding's severity."""
    return _badge(enum_label(severity, lang), SEVERITY_COLOURS[severity], f"vg-severity-{severity}")


def category_badge(category: PayoutCategory, lang: str = DEFAULT_LANGUAGE) -> _Markup:
    """A coloured badge for a payout category."""
    return _badge(enum_label(category, lang), CATEGORY_COLOURS[category], f"vg-category-{category}")


# -- tables -------------------------------------------------------------------------
def _table(
    headers: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    numeric: Iterable[int] = (),
    wrap: Iterable[int] = (),
    cls: str = "",
) -> _Markup:
    """A table; cells are escaped unless they are markup from this module.

    Columns listed in ``numeric`` are aligned right; only the columns listed in
    ``wrap`` (long text) may break across lines.
    """
    right = set(numeric)
    may_wrap = set(wrap)

    def cell(tag: str, index: int, value: object) -> str:
        style = "text-align:right;" if index in right else "text-align:left;"
        if tag == "th":
            style += "font-weight:600;"
        if index not in may_wrap:
            style += "white-space:nowrap;"
        return _tag(tag, value, style=style + _CELL)

    head = "".join(cell("th", index, name) for index, name in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(cell("td", index, value) for index, value in enumerate(row)) + "</tr>"
        for row in rows
    )
    classes = f"vendorgov-table {cls}".strip()
    return _Markup(
        f'<table class="{_escape(classes)}" style="{_TABLE}">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _block(cls: str, *parts: object) -> str:
    return f'<div class="vendorgov {_escape(cls)}">{_join(parts)}</div>'


def _line(*parts: object) -> _Markup:
    return _tag("p", _join(parts), style="margin:0.2em 0")


# -- mission --------------------------------------------------------------------------
def mission_html(mission: Mission, lang: str = DEFAULT_LANGUAGE) -> str:
    """A mission at a glance: parties, dates, contacts, KPIs and their tiered targets.

    >>> from vendorgov import examples
    >>> page = mission_html(examples.demo_missions()[0], "fr")
    >>> "Logistique e-commerce" in page and "on_time_shipping" in page
    True
    """
    head = _line(
        _tag("strong", mission.name),
        " ",
        _tag("code", mission.key),
        f" — {mission.client.name} → {mission.provider.name}",
    )
    facts: list[object] = [
        f"{_date(mission.start, lang)} – {_date(mission.end, lang)}",
        mission.currency,
        mission.timezone,
    ]
    for side in Side:
        contact = mission.primary_contact(side)
        reach = f" ({contact.email})" if contact.email else ""
        name = enum_label(side, lang)
        facts.append(_say(lang, "contact", side=name[:1].upper() + name[1:], name=contact.name))
        facts[-1] = _join([facts[-1], reach])
    dates = _line(_join(facts, " · "))
    counts = [
        ngettext(lang, "%(num)s activity", "%(num)s activities", len(mission.activities)),
        ngettext(lang, "%(num)s KPI", "%(num)s KPIs", len(mission.kpis)),
        ngettext(lang, "%(num)s milestone", "%(num)s milestones", len(mission.milestones)),
        ngettext(lang, "%(num)s review", "%(num)s reviews", len(mission.reviews)),
        ngettext(lang, "%(num)s measurement", "%(num)s measurements", len(mission.measurements)),
        ngettext(lang, "%(num)s report", "%(num)s reports", len(mission.reports)),
        ngettext(lang, "%(num)s spend entry", "%(num)s spend entries", len(mission.spend)),
    ]
    sizes = [
        len(mission.activities),
        len(mission.kpis),
        len(mission.milestones),
        len(mission.reviews),
        len(mission.measurements),
        len(mission.reports),
        len(mission.spend),
    ]
    summary = _line(
        " · ".join(text % {"num": size} for text, size in zip(counts, sizes, strict=True))
    )
    if not mission.kpis:
        return _block("vg-mission", head, dates, summary)
    dues = mission.milestone_dues()
    headers: list[object] = [
        _say(lang, "kpi"),
        _say(lang, "name"),
        _say(lang, "unit"),
        _say(lang, "direction"),
        _say(lang, "weight"),
    ]
    for milestone, due in zip(mission.milestones, dues, strict=True):
        when = _date(due, lang)
        horizon = horizon_name(milestone.horizon, lang)
        if milestone.name != str(milestone.horizon):
            when = f"{horizon} · {when}"
        headers.append(_join([milestone.name, _Markup("<br>"), _tag("small", when)]))
    rows = []
    for kpi in mission.kpis:
        cells: list[object] = [
            _tag("code", kpi.key),
            kpi.name,
            unit_label(kpi.unit, lang),
            enum_label(kpi.direction, lang),
            format_number(kpi.weight, lang),
        ]
        for milestone in mission.milestones:
            target = milestone.target_for(kpi.key)
            if target is None:
                cells.append(NONE)
            else:
                worst = "≥" if kpi.direction is Direction.HIGHER else "≤"
                cells.append(
                    f"{format_number(target.target, lang)} "
                    f"({worst} {format_number(target.threshold, lang)})"
                )
        rows.append(cells)
    numeric = range(4, len(headers))
    table = _table(headers, rows, numeric=numeric, wrap=(1,), cls="vg-kpis")
    legend = _line(_tag("small", _say(lang, "legend")))
    return _block("vg-mission", head, dates, summary, table, legend)


# -- scorecard -------------------------------------------------------------------------
def _trend(line: KpiResult, lang: str) -> _Markup | str:
    trend = line.trend
    if trend is None:
        return NONE
    improving = line.improving
    if trend == 0 or improving is None:
        return _signed(trend, lang)
    colour = _GOOD if improving else _BAD
    arrow = "▲" if trend > 0 else "▼"
    return _tag("span", f"{arrow} {_signed(trend, lang)}", style=f"color:{colour}")


def scorecard_html(card: Scorecard, lang: str = DEFAULT_LANGUAGE) -> str:
    """A scorecard: the overall score, then one line per KPI with a coloured status.

    >>> import datetime as dt
    >>> import vendorgov
    >>> card = vendorgov.score(vendorgov.examples.demo_missions()[0], dt.date(2026, 11, 29))
    >>> "vg-status-met" in scorecard_html(card)
    True
    """
    head_parts: list[object] = [
        _tag("strong", _say(lang, "scorecard", mission=card.mission, date=_date(card.at, lang))),
        " · ",
        _say(lang, "milestone_due", milestone=card.milestone, due=_date(card.due, lang)),
        " · ",
    ]
    if card.empty_window:
        head_parts.append(_say(lang, "empty_window"))
    else:
        head_parts.append(
            _say(
                lang,
                "window",
                start=_date(card.window_start, lang),
                end=_date(card.window_end, lang),
            )
        )
    if card.overall is None:
        overall = _say(lang, "no_overall")
    else:
        overall = _say(
            lang,
            "overall",
            score=_tag("strong", format_score(card.overall, lang)),
            standing=verdict_label(card, lang),
            coverage=format_share(card.coverage, lang),
        )
        if not card.sufficient:
            withheld = _say(
                lang,
                "withheld",
                coverage=format_share(card.coverage, lang),
                minimum=format_share(card.min_coverage, lang),
            )
            overall = _Markup(f"{overall} {withheld}")
    headers = [
        _say(lang, name)
        for name in (
            "kpi",
            "actual",
            "target",
            "threshold",
            "expected",
            "points",
            "status",
            "on_track",
            "trend",
            "weight",
            "measurements",
        )
    ]
    rows = [
        [
            _tag("code", line.kpi),
            number(line.actual, lang, _PLACES),
            format_number(line.target, lang),
            format_number(line.threshold, lang),
            number(line.expected, lang, _PLACES),
            format_score(line.points, lang),
            _status(line, lang),
            _yes_no(line.on_track, lang),
            _trend(line, lang),
            format_number(line.weight, lang),
            format_number(line.count, lang),
        ]
        for line in card.results
    ]
    numeric = (1, 2, 3, 4, 5, 8, 9, 10)
    table = _table(headers, rows, numeric=numeric, cls="vg-results") if rows else ""
    return _block("vg-scorecard", _line(*head_parts), _line(overall), table)


def _status(line: KpiResult, lang: str) -> _Markup:
    """The status badge, and a contest's status beside it (``contested`` while open)."""
    badge = status_badge(line.status, lang)
    if line.contest is None:
        return badge
    return _Markup(f"{badge} {_tag('small', enum_label(line.contest, lang))}")


# -- findings ----------------------------------------------------------------------------
def findings_html(findings: Sequence[Finding], lang: str = DEFAULT_LANGUAGE) -> str:
    """Findings, most urgent first as given, with coloured severities.

    >>> import datetime as dt
    >>> import vendorgov
    >>> found = vendorgov.assess(vendorgov.examples.demo_missions()[0], dt.date(2026, 11, 29))
    >>> "vg-severity-critical" in findings_html(found)
    True
    """
    from vendorgov._describe import describe  # Babel loads when findings are shown

    if not findings:
        return _block("vg-findings", _line(_say(lang, "nothing")))
    counts = Counter(finding.severity for finding in findings)
    by_severity = ", ".join(
        f"{counts[severity]} {enum_label(severity, lang)}"
        for severity in sorted(Severity, key=lambda s: -s.rank)
        if counts[severity]
    )
    title = ngettext(lang, "%(num)s finding", "%(num)s findings", len(findings))
    dates = sorted({finding.at for finding in findings})
    when = f" — {_date(dates[0], lang)}" if len(dates) == 1 else ""
    head = _line(_tag("strong", title % {"num": len(findings)}), when, " · ", by_severity)
    headers = [_say(lang, name) for name in ("severity", "code", "finding", "subject", "due")]
    if len(dates) > 1:
        headers.append(_say(lang, "date"))
    rows = []
    for finding in findings:
        row: list[object] = [
            severity_badge(finding.severity, lang),
            _tag("code", finding.code),
            describe(finding, lang),
            finding.subject,
            _date(finding.due, lang),
        ]
        if len(dates) > 1:
            row.append(_date(finding.at, lang))
        rows.append(row)
    table = _table(headers, rows, wrap=(2, 3), cls="vg-findings-table")
    return _block("vg-findings", head, table)


# -- payouts ------------------------------------------------------------------------------
def payouts_html(payouts: Sequence[Payout], lang: str = DEFAULT_LANGUAGE) -> str:
    """Payout lines, then the net owed to the provider in each currency.

    >>> import datetime as dt
    >>> import vendorgov
    >>> lines = vendorgov.payouts(vendorgov.examples.demo_missions()[0], dt.date(2026, 11, 29))
    >>> "Net owed to the provider" in payouts_html(lines)
    True
    """
    from vendorgov._describe import describe  # Babel loads when payouts are shown

    if not payouts:
        return _block("vg-payouts", _line(_say(lang, "no_payouts")))
    headers = [_say(lang, name) for name in ("milestone", "due", "kind", "kpi", "amount", "rule")]
    rows = []
    for line in payouts:
        amount: object = format_money(line.amount, lang)
        if line.amount.amount < 0:
            amount = _tag("span", amount, style=f"color:{_BAD}")
        rule: list[object] = [describe(line, lang)]
        if line.capped:
            rule.append(_tag("em", _say(lang, "capped")))
        if line.credit_milestone is not None:
            rule.append(_say(lang, "gives_back", milestone=line.credit_milestone))
        rows.append(
            [
                line.milestone,
                _date(line.due, lang),
                category_badge(line.category, lang),
                NONE if line.kpi is None else _tag("code", line.kpi),
                amount,
                _join(rule),
            ]
        )
    totals: dict[str, Money] = {}
    for line in payouts:
        currency = line.amount.currency
        totals[currency] = totals.get(currency, Money.zero(currency)) + line.amount
    net = " + ".join(format_money(total, lang) for total in totals.values())
    title = ngettext(lang, "%(num)s payout line", "%(num)s payout lines", len(payouts))
    head = _line(
        _tag("strong", title % {"num": len(payouts)}),
        " · ",
        _labelled(lang, translate(lang, _WORDS["net"])),
        " ",
        _tag("strong", net),
    )
    table = _table(headers, rows, numeric=(4,), wrap=(0, 5), cls="vg-payouts-table")
    return _block("vg-payouts", head, table)


# -- a portfolio, a score history ----------------------------------------------------------
def portfolio_html(portfolio: Portfolio, lang: str = DEFAULT_LANGUAGE) -> str:
    """A portfolio, one line per mission in the order of attention (critical findings first).

    >>> import datetime as dt
    >>> import vendorgov
    >>> portfolio = vendorgov.summarize_portfolio(vendorgov.examples.demo_missions(),
    ...                                           dt.date(2026, 11, 29))
    >>> "vg-portfolio" in portfolio_html(portfolio) and "logistique" in portfolio_html(portfolio)
    True
    """
    days = sorted({summary.at for summary in portfolio.summaries})
    head: list[object] = []
    if len(days) == 1:
        head.append(_tag("strong", _say(lang, "portfolio", date=_date(days[0], lang))))
        head.append(" · ")
    with_critical = sum(1 for summary in portfolio.summaries if summary.critical)
    head.append(
        _say(lang, "portfolio_head", missions=len(portfolio.summaries), critical=with_critical)
    )
    headers = [
        _say(lang, name)
        for name in (
            "mission",
            "current_milestone",
            "score",
            "standing",
            "coverage",
            "trend",
            "findings",
            "next_deadline",
        )
    ]
    rows = []
    for summary in portfolio.summaries:
        card = summary.scorecard
        critical = summary.critical
        counts = _say(
            lang,
            "findings_count",
            critical=critical,
            warning=summary.warning,
            info=summary.count(Severity.INFO),
        )
        nearest = summary.deadlines[0] if summary.deadlines else None
        rows.append(
            [
                _tag("strong", summary.mission),
                f"{_local(card.milestone, summary.language, lang)} ({_date(card.due, lang)})",
                format_score(card.overall, lang),
                verdict_label(card, lang),
                format_share(card.coverage, lang),
                format_trend(summary.trend, lang),
                _tag("span", counts, style=f"color:{_BAD}") if critical else counts,
                NONE
                if nearest is None
                else f"{_date(nearest.on, lang)} · {enum_label(nearest.kind, lang)}",
            ]
        )
    parts: list[object] = [
        _line(*head),
        _table(headers, rows, numeric=(2, 4, 5), cls="vg-portfolio-table"),
    ]
    if portfolio.problems:
        files = ", ".join(problem.file for problem in portfolio.problems)
        parts.append(
            _tag(
                "p",
                _say(lang, "unreadable", files=files),
                style=f"margin:0.2em 0;color:{_BAD}",
            )
        )
    return _block("vg-portfolio", *parts)


def _local(value: object, language: str, lang: str) -> str:
    from vendorgov._model.text import localize

    return localize(value, lang, language)[0]  # type: ignore[arg-type]


def scorecards_html(cards: Scorecards, lang: str = DEFAULT_LANGUAGE) -> str:
    """A score history: one line per scorecard (date, milestone, score, standing, coverage).

    >>> import datetime as dt
    >>> import vendorgov
    >>> history = vendorgov.score_history(vendorgov.examples.demo_missions()[0],
    ...                                   dt.date(2026, 11, 29))
    >>> "Score history of logistique" in scorecards_html(history)
    True
    """
    if not cards:
        return _block("vg-scorecards", _line(_say(lang, "no_history")))
    missions = sorted({card.mission for card in cards})
    headers: list[object] = [
        _say(lang, name) for name in ("date", "milestone", "score", "standing", "coverage")
    ]
    headers.extend(enum_label(status, lang) for status in Status)
    rows = []
    for card in cards:
        statuses = Counter(line.status for line in card.results)
        rows.append(
            [
                _date(card.at, lang),
                _local(card.milestone, "en", lang),
                format_score(card.overall, lang),
                verdict_label(card, lang),
                format_share(card.coverage, lang),
                *(statuses[status] for status in Status),
            ]
        )
    head = _line(_tag("strong", _say(lang, "history", mission=", ".join(missions))))
    table = _table(headers, rows, numeric=(2, 4, 5, 6, 7, 8), cls="vg-scorecards-table")
    return _block("vg-scorecards", head, table)


# The edge registers itself: the model's ``_repr_html_`` methods look their view up by kind.
hooks.register_html("mission", mission_html)
hooks.register_html("scorecard", scorecard_html)
hooks.register_html("findings", findings_html)
hooks.register_html("payouts", payouts_html)
hooks.register_html("portfolio", portfolio_html)
hooks.register_html("scorecards", scorecards_html)


# -- choosing the language -------------------------------------------------------------------
def to_html(value: object, *, lang: str = DEFAULT_LANGUAGE) -> HtmlView:
    """The notebook view of ``value`` in ``lang``: what ``_repr_html_`` shows, in English.

    ``value`` is a `Mission`, a `Scorecard`, a `Finding` or findings (`assess`), a
    `Payout` or payout lines (`payouts`). The result is HTML text that a notebook
    displays as HTML when it ends a cell.

    Raises:
        ValidationError: When vendorgov does not speak ``lang`` (path ``lang``), or
            ``value`` has no notebook view (path ``value``).

    >>> import datetime as dt
    >>> import vendorgov
    >>> card = vendorgov.score(vendorgov.examples.demo_missions()[0], dt.date(2026, 11, 29))
    >>> "Note globale" in vendorgov.to_html(card, lang="fr")
    True
    """
    from vendorgov.exceptions import ErrorDetail, ValidationError

    check_language(lang)
    if isinstance(value, Portfolio):
        return HtmlView(portfolio_html(value, lang))
    if isinstance(value, Scorecards):
        return HtmlView(scorecards_html(value, lang))
    if isinstance(value, Mission):
        return HtmlView(mission_html(value, lang))
    if isinstance(value, Scorecard):
        return HtmlView(scorecard_html(value, lang))
    if isinstance(value, Finding):
        return HtmlView(findings_html((value,), lang))
    if isinstance(value, Payout):
        return HtmlView(payouts_html((value,), lang))
    if isinstance(value, Sequence) and not isinstance(value, str):
        items = list(value)
        if all(isinstance(item, Finding) for item in items):
            return HtmlView(findings_html(items, lang))
        if all(isinstance(item, Payout) for item in items):
            return HtmlView(payouts_html(items, lang))
    raise ValidationError(
        [
            ErrorDetail(
                "value",
                f"no notebook view for {type(value).__name__}: expected a Mission, a "
                "Scorecard, findings, payout lines, a Portfolio or a score history",
            )
        ]
    )
