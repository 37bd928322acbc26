"""Human output of the ``vendorgov`` command line: labels, numbers and tables.

Kept apart from :mod:`vendorgov._cli` so that ``vendorgov --help`` never loads
it. Labels are the CLI's own words, in French or English; data (names,
descriptions, finding messages) is printed as written. Numbers are rounded
here, for display only, half-up; ``--json`` output carries them exact.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vendorgov import Contact, Finding, Mission, Money, Payout, Scorecard, Side
    from vendorgov._model.text import LocalizedText

__all__ = [
    "WIDTH",
    "findings_report",
    "label",
    "money",
    "number",
    "payouts_report",
    "portfolio_table",
    "render_details",
    "scorecard_report",
    "table",
]

WIDTH = 100
"""Lines are kept to this many columns (long texts wrap)."""

_LABELS: dict[str, tuple[str, str]] = {
    # (French, English)
    "title": (
        "Portefeuille de démonstration : {count} missions de {clients}",
        "Demo portfolio: {count} missions of {clients}",
    ),
    "as_of": ("Situation au {at}", "As of {at}"),
    "mission": ("Mission", "Mission"),
    "provider": ("Prestataire", "Provider"),
    "milestone": ("Palier en cours", "Current milestone"),
    "score": ("Score", "Score"),
    "standing": ("Appréciation", "Standing"),
    "findings": ("Constats", "Findings"),
    "findings_value": ("{total} ({critical} critiques)", "{total} ({critical} critical)"),
    "activities": ("Activités", "Activities"),
    "term": ("Période", "Term"),
    "term_value": ("du {start} au {end}", "from {start} to {end}"),
    "contacts": ("Interlocuteurs", "Contacts"),
    "escalation": ("Escalade", "Escalation"),
    "client": ("client", "client"),
    "provider_side": ("prestataire", "provider"),
    "budget": ("Budget", "Budget"),
    "budget_value": ("{total} au total, {spent} facturés", "{total} in total, {spent} invoiced"),
    "no_budget": ("non renseigné", "not set"),
    "kpis": ("Indicateurs", "KPIs"),
    "kpis_value": (
        "{count}, objectif (seuil) par palier",
        "{count}, target (threshold) per milestone",
    ),
    "kpi": ("Indicateur", "KPI"),
    "unit": ("Unité", "Unit"),
    "measurements": ("Mesures", "Measurements"),
    "measurements_value": ("{count}, du {first} au {last}", "{count}, from {first} to {last}"),
    "reviews": ("Points d'étape", "Reviews"),
    "reviews_value": ("{count}, dernier le {last}", "{count}, last on {last}"),
    "actions": ("Actions ouvertes", "Open actions"),
    "action_value": ("{id}, échéance le {due}", "{id}, due on {due}"),
    "none": ("aucun", "none"),
    "none_f": ("aucune", "none"),
    "written": (
        "{count} fichiers écrits dans {folder}",
        "{count} files written to {folder}",
    ),
    # vendorgov score
    "scorecard_head": (
        "Tableau de bord au {at} — palier « {milestone} » (échéance le {due})",
        "Scorecard at {at} — milestone “{milestone}” (due {due})",
    ),
    "window": ("Fenêtre : du {start} au {end}", "Window: {start} to {end}"),
    "empty_window": (
        "Fenêtre vide : la mission n'a pas commencé",
        "Empty window: the mission has not started",
    ),
    "overall": (
        "Score global : {overall} / 100 ({standing}), couverture {coverage}",
        "Overall score: {overall} / 100 ({standing}), coverage {coverage}",
    ),
    "no_overall": (
        "Score global : aucun (aucune mesure dans la fenêtre)",
        "Overall score: none (no measurement in the window)",
    ),
    "actual": ("Réalisé", "Actual"),
    "target": ("Objectif (seuil)", "Target (threshold)"),
    "expected": ("Attendu", "Expected"),
    "points": ("Points", "Points"),
    "status": ("Statut", "Status"),
    "trend": ("Tendance", "Trend"),
    "better": ("en progrès", "better"),
    "worse": ("en recul", "worse"),
    "same": ("stable", "same"),
    "no_results": (
        "Aucun indicateur n'a d'objectif à ce palier.",
        "No KPI has a target at this milestone.",
    ),
    # vendorgov check
    "check_head": (
        "{mission} — {count} constat(s) au {at} : {critical} critique(s), "
        "{warning} alerte(s), {info} information(s)",
        "{mission} — {count} finding(s) at {at}: {critical} critical, "
        "{warning} warning(s), {info} info",
    ),
    "severity": ("Gravité", "Severity"),
    "code": ("Code", "Code"),
    "subject": ("Objet", "Subject"),
    "message": ("Constat", "Finding"),
    "no_findings": ("Rien à signaler.", "Nothing to report."),
    # vendorgov payouts
    "payouts_head": (
        "{mission} — primes et pénalités dues au {at}",
        "{mission} — payouts owed at {at}",
    ),
    "due": ("Échéance", "Due"),
    "milestone_short": ("Palier", "Milestone"),
    "category": ("Nature", "Category"),
    "amount": ("Montant", "Amount"),
    "rule": ("Règle appliquée", "Rule"),
    "no_payouts": (
        "Aucune ligne : pas de palier atteint ou pas de dispositif d'incitation.",
        "No line: no milestone reached yet, or no incentive scheme.",
    ),
    "net": ("Net dû au prestataire", "Net owed to the provider"),
}

_ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    "kind": {
        "logistics": ("logistique", "logistics"),
        "community": ("community management", "community management"),
        "website": ("site web", "website"),
        "customer_service": ("service client", "customer service"),
        "content": ("contenus", "content"),
        "other": ("autre", "other"),
    },
    "standing": {  # the default bands; other band names print as written
        "excellent": ("excellent", "excellent"),
        "good": ("bon", "good"),
        "fair": ("moyen", "fair"),
        "poor": ("insuffisant", "poor"),
    },
    "status": {
        "met": ("atteint", "met"),
        "at_risk": ("à risque", "at risk"),
        "missed": ("manqué", "missed"),
        "no_data": ("sans donnée", "no data"),
    },
    "severity": {
        "critical": ("critique", "critical"),
        "warning": ("alerte", "warning"),
        "info": ("info", "info"),
    },
    "category": {
        "bonus": ("prime", "bonus"),
        "service_credit": ("pénalité", "service credit"),
        "earn_back": ("restitution", "earn-back"),
    },
}


def label(name: str, lang: str, **values: object) -> str:
    """The CLI's label ``name`` in ``lang``, formatted with ``values``.

    >>> label("as_of", "fr", at="2026-11-29")
    'Situation au 2026-11-29'
    """
    french, english = _LABELS[name]
    text = french if lang == "fr" else english
    return text.format(**values) if values else text


def enum_label(group: str, value: str, lang: str) -> str:
    """How ``lang`` prints an enumeration value (or a default band name).

    >>> enum_label("status", "at_risk", "fr"), enum_label("standing", "Top", "fr")
    ('à risque', 'Top')
    """
    words = _ENUMS[group].get(value)
    if words is None:
        return value
    return words[0] if lang == "fr" else words[1]


# -- numbers --------------------------------------------------------------------
_WIDE = Context(prec=200)


def number(value: Decimal | None, lang: str, places: int | None = None) -> str:
    """A number for people: rounded half-up to ``places`` decimals (trailing zeros dropped).

    ``None`` prints as a dash. French uses a decimal comma.

    >>> number(Decimal("98.025"), "en", 2), number(Decimal("60"), "fr", 2)
    ('98.03', '60')
    >>> number(Decimal("99.50"), "fr"), number(None, "en")
    ('99,50', '—')
    """
    if value is None:
        return "—"
    shown = value
    if places is not None:
        try:
            shown = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP, _WIDE)
            if shown == shown.to_integral_value():
                shown = shown.quantize(Decimal(1), context=_WIDE)
            else:
                shown = shown.normalize(_WIDE)
        except InvalidOperation:  # astronomically large: print as written
            shown = value
    text = f"{shown:f}" if shown.is_finite() else str(shown)
    return text.replace(".", ",") if lang == "fr" else text


def money(amount: Money, lang: str) -> str:
    """``83 700,00 EUR`` in French, ``83,700.00 EUR`` in English (no locale lookup).

    >>> from vendorgov import Money
    >>> money(Money(Decimal("-1234.5"), "EUR"), "fr")
    '-1 234,50 EUR'
    """
    value = amount.rounded().amount
    digits = amount.minor_unit.as_tuple().exponent
    places = -digits if isinstance(digits, int) else 0
    text = f"{abs(value):,.{places}f}"
    if lang == "fr":
        text = text.replace(",", " ").replace(".", ",")
    sign = "-" if value < 0 else ""
    return f"{sign}{text} {amount.currency}"


def percent(share: Decimal, lang: str) -> str:
    """A share (0-1) as a percentage: ``100 %`` in French, ``100%`` in English."""
    shown = number(share * 100, lang, 1)
    return f"{shown} %" if lang == "fr" else f"{shown}%"


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
def portfolio_table(
    missions: Sequence[Mission],
    cards: Sequence[Scorecard],
    findings: Sequence[Sequence[Finding]],
    lang: str,
) -> list[str]:
    """The demo's table: mission, provider, current milestone, score, standing, findings."""
    rows = []
    for mission, card, found in zip(missions, cards, findings, strict=True):
        critical = sum(1 for finding in found if finding.severity.value == "critical")
        rows.append(
            [
                mission.key,
                mission.provider.name,
                f"{_local(card.milestone, mission, lang)} ({card.due.isoformat()})",
                number(card.overall, lang, 1),
                "—" if card.standing is None else enum_label("standing", card.standing, lang),
                label("findings_value", lang, total=len(found), critical=critical),
            ]
        )
    header = [
        label(name, lang)
        for name in ("mission", "provider", "milestone", "score", "standing", "findings")
    ]
    return table(header, rows, right=[3])


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
        first, *rest = values if values else [label("none", lang)]
        lines.append(f"  {label(name, lang):<{width}}{first}")
        lines.extend(f"  {'':<{width}}{value}" for value in rest)

    provider = mission.provider
    details = [provider.legal_form] if provider.legal_form else []
    if provider.address is not None:
        details.append(provider.address.city)
    field("provider", [provider.name + (f" ({', '.join(details)})" if details else "")])

    colon = " : " if lang == "fr" else ": "  # French puts a space before the colon
    field(
        "activities",
        [
            f"{_local(activity.name, mission, lang)} "
            f"[{enum_label('kind', activity.kind.value, lang)}]"
            + (f"{colon}{money(activity.budget, lang)}" if activity.budget is not None else "")
            for activity in mission.activities
        ],
    )
    field(
        "term",
        [label("term_value", lang, start=mission.start.isoformat(), end=mission.end.isoformat())],
    )

    def side_name(side: Side) -> str:
        return label("client" if side is Side.CLIENT else "provider_side", lang)

    field(
        "contacts",
        [
            f"{side_name(side)}{colon}{_person(mission.primary_contact(side))}"
            for side in (Side.CLIENT, Side.PROVIDER)
        ],
    )
    field(
        "escalation",
        [
            f"{side_name(contact.side)}{colon}{_person(contact)}"
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
        first, last = days[0].isoformat(), days[-1].isoformat()
        field(
            "measurements",
            [label("measurements_value", lang, count=len(days), first=first, last=last)],
        )
    else:
        field("measurements", [])
    if mission.reviews:
        last_review = max(review.on for review in mission.reviews).isoformat()
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
        action_lines.append(label("action_value", lang, id=action.id, due=action.due.isoformat()))
        action_lines.extend(
            textwrap.wrap(
                action.description,
                width=WIDTH - width - 2,
                initial_indent="  ",
                subsequent_indent="  ",
            )
        )
    field("actions", action_lines or [label("none_f", lang)])
    return lines


def _kpi_table(mission: Mission, lang: str) -> list[str]:
    from vendorgov import Direction

    dues = mission.milestone_dues()
    header = [
        label("kpi", lang),
        label("unit", lang),
        *(str(m.horizon) for m in mission.milestones),
    ]
    subheader = ["", "", *(due.isoformat() for due in dues)]
    rows = [header, subheader]
    for kpi in mission.kpis:
        sign = ">=" if kpi.direction is Direction.HIGHER else "<="
        cells = [_local(kpi.name, mission, lang), kpi.unit]
        for milestone in mission.milestones:
            target = milestone.target_for(kpi.key)
            cells.append(
                "-"
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
            at=card.at.isoformat(),
            milestone=_local(card.milestone, mission, lang),
            due=card.due.isoformat(),
        ),
    ]
    if card.empty_window:
        lines.append(label("empty_window", lang))
    else:
        lines.append(
            label(
                "window",
                lang,
                start=card.window_start.isoformat(),
                end=card.window_end.isoformat(),
            )
        )
    if card.overall is None:
        lines.append(label("no_overall", lang))
    else:
        standing = "—" if card.standing is None else enum_label("standing", card.standing, lang)
        lines.append(
            label(
                "overall",
                lang,
                overall=number(card.overall, lang, 1),
                standing=standing,
                coverage=percent(card.coverage, lang),
            )
        )
    lines.append("")
    if not card.results:
        lines.append(label("no_results", lang))
        return lines
    rows = []
    for result in card.results:
        kpi = kpis.get(result.kpi)
        name = result.kpi if kpi is None else f"{_local(kpi.name, mission, lang)} ({kpi.unit})"
        if result.trend is None:
            trend = "—"
        elif result.trend == 0:
            trend = label("same", lang)
        else:
            trend = label("better" if result.improving else "worse", lang)
        rows.append(
            [
                name,
                number(result.actual, lang, 2),
                f"{number(result.target, lang)} ({number(result.threshold, lang)})",
                number(result.expected, lang, 2),
                number(result.points, lang, 1),
                enum_label("status", result.status.value, lang),
                trend,
            ]
        )
    header = [
        label(name, lang)
        for name in ("kpi", "actual", "target", "expected", "points", "status", "trend")
    ]
    lines.extend(table(header, rows, right=[1, 2, 3, 4]))
    return lines


# -- vendorgov check ------------------------------------------------------------
def findings_report(mission: Mission, found: Sequence[Finding], at: str, lang: str) -> list[str]:
    """Findings for people: a count by severity, then one line per finding (most urgent first)."""
    from vendorgov._describe import describe  # loads Babel: only when findings are printed

    counts = _severity_counts(found)
    lines = [
        label(
            "check_head",
            lang,
            mission=mission.key,
            count=len(found),
            at=at,
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
            enum_label("severity", finding.severity.value, lang),
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
    at: str,
    lang: str,
) -> list[str]:
    """Payout lines for people, then the totals by category and the net owed."""
    from vendorgov._describe import describe  # loads Babel: only when payouts are printed

    lines = [label("payouts_head", lang, mission=mission.key, at=at)]
    if not lines_:
        lines.append(label("no_payouts", lang))
        return lines
    lines.append("")
    rows = [
        [
            _local(line.milestone, mission, lang),
            line.due.isoformat(),
            enum_label("category", line.category.value, lang),
            line.kpi or "—",
            money(line.amount, lang),
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
        [len(enum_label("category", name, lang)) for name in totals] + [len(label("net", lang))]
    )
    amounts = [money(total, lang) for total in totals.values()] + [money(net, lang)]
    amount_width = max(len(text) for text in amounts)
    for (name, _), text in zip(totals.items(), amounts, strict=False):
        lines.append(f"{enum_label('category', name, lang):<{width}}  {text:>{amount_width}}")
    lines.append(f"{label('net', lang):<{width}}  {amounts[-1]:>{amount_width}}")
    return lines
