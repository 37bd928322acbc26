"""HTML for notebooks: missions, scorecards, findings and payouts as compact tables.

Jupyter (and any tool following IPython's display protocol) calls a value's
``_repr_html_``; the model's methods look their view up in ``vendorgov._model.hooks``,
where this module registers its renderers when it is imported (``vendorgov``
imports it on the first display), so the model never imports this edge.

Every value is escaped with `html.escape` on its way into the page: the only
markup in the output is the markup written in this module. Numbers are shown
with two decimals (rounded half-up, digits grouped by a narrow space) and money
with its currency's minor unit; this rounding is for display only, the values
themselves stay exact. Colours are inline styles (notebook front ends drop
``<style>`` blocks) and every coloured badge also carries a class
(``vg-status-met``, ``vg-severity-critical``) for style sheets and tests.
"""

from __future__ import annotations

import decimal
import html
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from vendorgov._model import hooks
from vendorgov._model.kpi import Direction
from vendorgov._model.money import CURRENCY_MINOR_UNITS, Money
from vendorgov._model.parties import Side
from vendorgov._model.results import PayoutCategory
from vendorgov._model.scorecard import Severity, Status

if TYPE_CHECKING:
    from vendorgov._model.mission import Mission
    from vendorgov._model.results import Payout
    from vendorgov._model.scorecard import Finding, KpiResult, Scorecard

__all__ = [
    "CATEGORY_COLOURS",
    "SEVERITY_COLOURS",
    "STATUS_COLOURS",
    "findings_html",
    "mission_html",
    "number",
    "payouts_html",
    "scorecard_html",
]

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

_NONE = "—"
_GROUP = "\u202f"  # narrow no-break space: digit grouping that reads the same in any locale
_CONTEXT = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_UP)
_TABLE = "border-collapse:collapse;font-size:90%;margin:0.3em 0"
_CELL = "padding:2px 8px;border-bottom:1px solid rgba(128,128,128,0.3);vertical-align:top"
_BADGE = "color:#fff;border-radius:3px;padding:0 0.4em;white-space:nowrap;background:"
_GOOD = "#1a7f37"
_BAD = "#cf222e"


class _Markup(str):
    """Text that is already HTML (written by this module), not to be escaped again."""

    __slots__ = ()


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


# -- formatting -------------------------------------------------------------------
def number(value: Decimal | int | None, places: int = 2) -> str:
    """A number for people: ``places`` decimals, half-up, digits grouped.

    >>> number(Decimal("87.45039682539682539682539683"))
    '87.45'
    >>> number(Decimal("-1234567.005"))
    '-1\\u202f234\\u202f567.01'
    >>> number(None)
    '—'
    """
    if value is None:
        return _NONE
    with decimal.localcontext(_CONTEXT):
        rounded = Decimal(value).quantize(Decimal(1).scaleb(-places))
    if rounded == 0:
        rounded = abs(rounded)  # no "-0.00"
    return f"{rounded:,.{places}f}".replace(",", _GROUP)


def _money(value: Money | None) -> str:
    if value is None:
        return _NONE
    return f"{number(value.amount, CURRENCY_MINOR_UNITS[value.currency])} {value.currency}"


def _signed(value: Decimal | None) -> str:
    text = number(value)
    return f"+{text}" if value is not None and value > 0 and text != "0.00" else text


def _date(value: object) -> str:
    isoformat = getattr(value, "isoformat", None)
    return _NONE if value is None or isoformat is None else str(isoformat())


def _yes_no(value: bool | None) -> str:
    return _NONE if value is None else ("yes" if value else "no")


def _badge(label: str, colour: str, cls: str) -> _Markup:
    return _tag("span", label, cls=f"vg-badge {cls}", style=_BADGE + colour)


def status_badge(status: Status) -> _Markup:
    """A coloured badge for a KPI status."""
    return _badge(status.value.replace("_", " "), STATUS_COLOURS[status], f"vg-status-{status}")


def severity_badge(severity: Severity) -> _Markup:
    """A coloured badge for a finding's severity."""
    return _badge(severity.value, SEVERITY_COLOURS[severity], f"vg-severity-{severity}")


def category_badge(category: PayoutCategory) -> _Markup:
    """A coloured badge for a payout category."""
    return _badge(
        category.value.replace("_", " "), CATEGORY_COLOURS[category], f"vg-category-{category}"
    )


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
def mission_html(mission: Mission) -> str:
    """A mission at a glance: parties, dates, contacts, KPIs and their tiered targets.

    >>> from vendorgov import examples
    >>> page = mission_html(examples.demo_missions()[0])
    >>> "Logistique e-commerce" in page and "on_time_shipping" in page
    True
    """
    head = _line(
        _tag("strong", mission.name),
        " ",
        _tag("code", mission.key),
        f" — {mission.client.name} → {mission.provider.name}",
    )
    facts = [
        f"{mission.start.isoformat()} – {mission.end.isoformat()}",
        mission.currency,
        mission.timezone,
    ]
    for side in Side:
        contact = mission.primary_contact(side)
        reach = f" ({contact.email})" if contact.email else ""
        facts.append(f"{side.value} contact: {contact.name}{reach}")
    dates = _line(" · ".join(facts))
    counts = [
        (len(mission.activities), "activity", "activities"),
        (len(mission.kpis), "KPI", "KPIs"),
        (len(mission.milestones), "milestone", "milestones"),
        (len(mission.reviews), "review", "reviews"),
        (len(mission.measurements), "measurement", "measurements"),
        (len(mission.reports), "report", "reports"),
        (len(mission.spend), "spend entry", "spend entries"),
    ]
    summary = _line(" · ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts))
    if not mission.kpis:
        return _block("vg-mission", head, dates, summary)
    dues = mission.milestone_dues()
    headers: list[object] = ["KPI", "Name", "Unit", "Better", "Weight"]
    for milestone, due in zip(mission.milestones, dues, strict=True):
        when = due.isoformat()
        if milestone.name != str(milestone.horizon):
            when = f"{milestone.horizon} · {when}"
        headers.append(_join([milestone.name, _Markup("<br>"), _tag("small", when)]))
    rows = []
    for kpi in mission.kpis:
        cells: list[object] = [
            _tag("code", kpi.key),
            kpi.name,
            kpi.unit,
            kpi.direction.value,
            number(kpi.weight),
        ]
        for milestone in mission.milestones:
            target = milestone.target_for(kpi.key)
            if target is None:
                cells.append(_NONE)
            else:
                worst = "≥" if kpi.direction is Direction.HIGHER else "≤"
                cells.append(f"{number(target.target)} ({worst} {number(target.threshold)})")
        rows.append(cells)
    numeric = range(4, len(headers))
    table = _table(headers, rows, numeric=numeric, wrap=(1,), cls="vg-kpis")
    legend = _line(
        _tag("small", "Each milestone shows its target (and the worst acceptable value).")
    )
    return _block("vg-mission", head, dates, summary, table, legend)


# -- scorecard -------------------------------------------------------------------------
def _trend(line: KpiResult) -> _Markup | str:
    trend = line.trend
    if trend is None:
        return _NONE
    improving = line.improving
    if trend == 0 or improving is None:
        return _signed(trend)
    colour = _GOOD if improving else _BAD
    arrow = "▲" if trend > 0 else "▼"
    return _tag("span", f"{arrow} {_signed(trend)}", style=f"color:{colour}")


def scorecard_html(card: Scorecard) -> str:
    """A scorecard: the overall score, then one line per KPI with a coloured status.

    >>> import datetime as dt
    >>> import vendorgov
    >>> card = vendorgov.score(vendorgov.examples.demo_missions()[0], dt.date(2026, 11, 29))
    >>> "vg-status-met" in scorecard_html(card)
    True
    """
    head = _line(
        _tag("strong", f"Scorecard {card.mission}"),
        f" at {card.at.isoformat()} · milestone ",
        _tag("strong", card.milestone),
        f" due {card.due.isoformat()} · window {card.window_start.isoformat()}"
        f" – {card.window_end.isoformat()}",
    )
    if card.overall is None:
        overall: list[object] = ["Overall ", _tag("strong", _NONE), " (no KPI had data)"]
    else:
        overall = ["Overall ", _tag("strong", number(card.overall))]
        if card.standing is not None:
            overall.append(f" ({card.standing})")
    overall.append(f" · coverage {number(card.coverage * 100)} %")
    if card.empty_window:
        overall.append(" · empty window (scored before the mission started)")
    headers = [
        "KPI",
        "Actual",
        "Target",
        "Threshold",
        "Expected",
        "Points",
        "Status",
        "On track",
        "Trend",
        "Weight",
        "Count",
    ]
    rows = [
        [
            _tag("code", line.kpi),
            number(line.actual),
            number(line.target),
            number(line.threshold),
            number(line.expected),
            number(line.points),
            status_badge(line.status),
            _yes_no(line.on_track),
            _trend(line),
            number(line.weight),
            line.count,
        ]
        for line in card.results
    ]
    numeric = (1, 2, 3, 4, 5, 8, 9, 10)
    table = _table(headers, rows, numeric=numeric, cls="vg-results") if rows else ""
    return _block("vg-scorecard", head, _line(*overall), table)


# -- findings ----------------------------------------------------------------------------
def findings_html(findings: Sequence[Finding]) -> str:
    """Findings, most urgent first as given, with coloured severities.

    >>> import datetime as dt
    >>> import vendorgov
    >>> found = vendorgov.assess(vendorgov.examples.demo_missions()[0], dt.date(2026, 11, 29))
    >>> "vg-severity-critical" in findings_html(found)
    True
    """
    from vendorgov._describe import describe  # Babel loads when findings are shown

    if not findings:
        return _block("vg-findings", _line("No findings."))
    counts = Counter(finding.severity for finding in findings)
    by_severity = ", ".join(
        f"{counts[severity]} {severity.value}"
        for severity in sorted(Severity, key=lambda s: -s.rank)
        if counts[severity]
    )
    plural = "finding" if len(findings) == 1 else "findings"
    dates = sorted({finding.at for finding in findings})
    when = f" on {dates[0].isoformat()}" if len(dates) == 1 else ""
    head = _line(_tag("strong", f"{len(findings)} {plural}"), f"{when}: {by_severity}")
    headers = ["Severity", "Code", "Message", "Subject", "Due"]
    if len(dates) > 1:
        headers.append("At")
    rows = []
    for finding in findings:
        row: list[object] = [
            severity_badge(finding.severity),
            _tag("code", finding.code),
            describe(finding, "en"),
            finding.subject,
            _date(finding.due),
        ]
        if len(dates) > 1:
            row.append(finding.at.isoformat())
        rows.append(row)
    table = _table(headers, rows, wrap=(2, 3), cls="vg-findings-table")
    return _block("vg-findings", head, table)


# -- payouts ------------------------------------------------------------------------------
def payouts_html(payouts: Sequence[Payout]) -> str:
    """Payout lines, then the net owed to the provider in each currency.

    >>> import datetime as dt
    >>> import vendorgov
    >>> lines = vendorgov.payouts(vendorgov.examples.demo_missions()[0], dt.date(2026, 11, 29))
    >>> "Net owed to the provider" in payouts_html(lines)
    True
    """
    from vendorgov._describe import describe  # Babel loads when payouts are shown

    if not payouts:
        return _block("vg-payouts", _line("No payouts."))
    headers = ["Milestone", "Due", "Category", "KPI", "Amount", "Rule"]
    rows = []
    for line in payouts:
        amount = _money(line.amount)
        if line.amount.amount < 0:
            amount = _tag("span", amount, style=f"color:{_BAD}")
        rule: list[object] = [describe(line, "en")]
        if line.capped:
            rule.append(_tag("em", " (capped)"))
        if line.credit_milestone is not None:
            rule.append(f" · gives back the credit of {line.credit_milestone}")
        rows.append(
            [
                line.milestone,
                line.due.isoformat(),
                category_badge(line.category),
                _NONE if line.kpi is None else _tag("code", line.kpi),
                amount,
                _join(rule),
            ]
        )
    totals: dict[str, Money] = {}
    for line in payouts:
        currency = line.amount.currency
        totals[currency] = totals.get(currency, Money.zero(currency)) + line.amount
    net = " + ".join(_money(total) for total in totals.values())
    head = _line(
        _tag("strong", f"{len(payouts)} payout line{'s' if len(payouts) != 1 else ''}"),
        " · Net owed to the provider: ",
        _tag("strong", net),
    )
    table = _table(headers, rows, numeric=(4,), wrap=(0, 5), cls="vg-payouts-table")
    return _block("vg-payouts", head, table)


# The edge registers itself: the model's ``_repr_html_`` methods look their view up by kind.
hooks.register_html("mission", mission_html)
hooks.register_html("scorecard", scorecard_html)
hooks.register_html("findings", findings_html)
hooks.register_html("payouts", payouts_html)
