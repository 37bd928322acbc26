"""Charts of KPIs over time, as inline SVG written by hand (no plotting library).

One chart per KPI (`kpi_chart`): the measurements up to the report date against the
tiered targets of the milestones. What is drawn comes from the review report's series
(`KpiSeries`, computed by the engine): this module only places and draws it, and
decides nothing the engine decides (which measurements, running totals, the expected
path). What is drawn, back to front:

- the period after the report date, shaded (what is still to come);
- horizontal grid lines at "nice" values, labelled with the language's number format,
  and the unit above the axis;
- a tick and a short month name (``avr.`` / ``Apr``) at the first day of each month
  (every 2nd, 3rd... month on long spans), and the year under January and the first tick;
- a thin vertical line at each milestone's due date, its name above the plot;
- the **threshold** of each milestone as a dashed red step over the milestone's window;
- the **expected path** as a green line: the series' ``expected`` polylines (the linear
  interpolation between two consecutive milestones' targets, the scorecard's
  ``expected``; flat at the target over a window without a previous target);
- each milestone's **target** as a green diamond at its due date;
- the **measurements** as blue dots joined by a line, each with its own ``<title>``
  (date and value) as a tooltip; for a KPI aggregated by ``sum`` the series holds the
  running total of each milestone's window instead, since that is what its target is about;
- a vertical line at the report date.

Scales (the numbers a test can check by hand). The plot area runs from
``x = PLOT_LEFT`` to ``PLOT_LEFT + PLOT_WIDTH`` and from ``y = PLOT_TOP`` (top) to
``PLOT_TOP + PLOT_HEIGHT`` (bottom). A date ``d`` is at::

    x(d) = PLOT_LEFT + (d - first).days × PLOT_WIDTH / (last - first).days

where ``first`` is the earlier of the mission start and the first measurement drawn, and
``last`` the latest of the last milestone's due date, the report date and the last
measurement drawn. A value ``v`` is at::

    y(v) = PLOT_TOP + PLOT_HEIGHT - (v - low) × PLOT_HEIGHT / (high - low)

where ``[low, high]`` is the smallest span of whole "nice" steps (1, 2, 2.5 or 5 times a
power of ten, about four steps) holding every value drawn (measurements, targets and
thresholds). Coordinates are computed in ``Decimal`` and written with exactly two
decimals (rounded half-even): the same data gives the same bytes everywhere.

Every text in a chart (KPI names, milestone names, the tooltips) is escaped: a chart is
well-formed XML whatever the data says.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final

import attrs
from babel import dates
from markupsafe import Markup, escape

from vendorgov._documents.labels import unit_label
from vendorgov._format import LOCALES, format_date, format_measure, format_number
from vendorgov._i18n import gettext
from vendorgov._model.kpi import Direction
from vendorgov._model.money import DECIMAL_CONTEXT
from vendorgov._model.report import KpiSeries

__all__ = [
    "COLOURS",
    "HEIGHT",
    "PLOT_HEIGHT",
    "PLOT_LEFT",
    "PLOT_TOP",
    "PLOT_WIDTH",
    "WIDTH",
    "ChartData",
    "Tier",
    "chart_data",
    "kpi_chart",
    "legend",
    "nice_scale",
]

WIDTH: Final = 360
"""The chart's width in SVG units (the ``viewBox``); it is scaled to its column."""
HEIGHT: Final = 212
"""The chart's height in SVG units."""
PLOT_LEFT: Final = 46
"""The left edge of the plot area (room for the value labels on its left)."""
PLOT_TOP: Final = 24
"""The top edge of the plot area (room for the milestone names above it)."""
PLOT_WIDTH: Final = 304
"""The width of the plot area."""
PLOT_HEIGHT: Final = 152
"""The height of the plot area."""

COLOURS: Final[dict[str, str]] = {
    "measure": "#1f3a5f",  # the document's accent blue
    "target": "#1a7f37",  # the "met" green of the status badges
    "threshold": "#cf222e",  # the "missed" red
    "grid": "#d8dde3",
    "axis": "#5b6470",
    "text": "#3d4550",
    "future": "#eef2f6",
    "milestone": "#9aa4b0",
    "report": "#1f3a5f",
}
"""The colours of the chart's parts (the legend uses the same)."""

_CONTEXT: Final = DECIMAL_CONTEXT
_CENT: Final = Decimal("0.01")
_NICE: Final = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
_FONT: Final = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"


@functools.cache
def _words(lang: str) -> dict[str, str]:
    """The chart's words in ``lang`` (``str.format`` fields in braces)."""
    return {
        "title": gettext(lang, "{name}: measurements and tiered targets"),
        "measures": gettext(
            lang, "{count} measurements from {first} to {last}; latest: {value} on {day}."
        ),
        "one_measure": gettext(lang, "One measurement: {value} on {day}."),
        "no_measure": gettext(lang, "No measurement by this date."),
        "sum": gettext(
            lang, "Each point is the running total since the start of the milestone's window."
        ),
        "targets": gettext(lang, "Targets: {items}."),
        "target_item": gettext(lang, "{milestone} on {due}: {target} (threshold {threshold})"),
        "report": gettext(lang, "Review date: {day}."),
        "legend_measure": gettext(lang, "Measurements"),
        "legend_target": gettext(lang, "Milestone target"),
        "legend_expected": gettext(lang, "Expected path"),
        "legend_threshold": gettext(lang, "Threshold"),
        "legend_report": gettext(lang, "Review date"),
        "legend_future": gettext(lang, "Still to come"),
        "legend_label": gettext(lang, "Chart legend"),
        "separator": gettext(lang, "; "),
        "tooltip": gettext(lang, "{day}: {value}"),
    }


# -- the data of a chart ---------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Tier:
    """One milestone as a chart sees it: its window and, if any, the KPI's target there."""

    name: str
    start: dt.date
    due: dt.date
    target: Decimal | None = None
    threshold: Decimal | None = None


@attrs.frozen(kw_only=True)
class ChartData:
    """Everything one KPI's chart shows.

    Attributes:
        key: The KPI's key (it makes the SVG's element ids).
        name: The KPI's name.
        unit: Its unit.
        direction: Whether higher or lower is better.
        cumulative: Whether the points are running totals of each milestone's window.
        points: ``(date, value)`` in time order: what is plotted.
        tiers: The milestones in order, with the KPI's target and threshold where set.
        expected: The expected path's polylines, ``(date, value)`` vertices.
        start: The mission's first day.
        report_date: The date of the report (``None``: no date, nothing shaded).
    """

    key: str
    name: str
    unit: str
    direction: Direction
    cumulative: bool
    points: tuple[tuple[dt.date, Decimal], ...]
    tiers: tuple[Tier, ...]
    expected: tuple[tuple[tuple[dt.date, Decimal], ...], ...]
    start: dt.date
    report_date: dt.date | None = None

    @property
    def first(self) -> dt.date:
        """The first day on the x axis."""
        if self.points:
            return min(self.start, self.points[0][0])
        return self.start

    @property
    def last(self) -> dt.date:
        """The last day on the x axis."""
        days = [self.first + dt.timedelta(days=1)]
        days.extend(tier.due for tier in self.tiers[-1:])
        days.extend(point[0] for point in self.points[-1:])
        if self.report_date is not None:
            days.append(self.report_date)
        return max(days)


def chart_data(
    series: KpiSeries,
    *,
    name: str,
    unit: str,
    direction: Direction,
    milestone_names: Sequence[str],
    start: dt.date,
    report_date: dt.date | None,
) -> ChartData:
    """The chart of one KPI from its series in the review report.

    ``name`` and ``milestone_names`` are the KPI's and the milestones' names in the
    document's language; everything else is the engine's series, unchanged.
    """
    tiers = tuple(
        Tier(
            name=tier_name,
            start=tier.start,
            due=tier.due,
            target=tier.target,
            threshold=tier.threshold,
        )
        for tier, tier_name in zip(series.tiers, milestone_names, strict=True)
    )
    return ChartData(
        key=series.kpi,
        name=name,
        unit=unit,
        direction=direction,
        cumulative=series.cumulative,
        points=tuple((point.on, point.value) for point in series.points),
        tiers=tiers,
        expected=tuple(
            tuple((point.on, point.value) for point in line) for line in series.expected
        ),
        start=start,
        report_date=report_date,
    )


# -- scales ------------------------------------------------------------------------------------
def nice_scale(values: Iterable[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """``(low, high, step)``: whole nice steps (1, 2, 2.5, 5 × 10^n) holding every value.

    About four steps; an empty or flat set of values still gets a span.

    >>> nice_scale([Decimal("93.6"), Decimal(99)])
    (Decimal('92'), Decimal('100'), Decimal('2'))
    >>> nice_scale([Decimal("0.32"), Decimal("1.2")])
    (Decimal('0.25'), Decimal('1.25'), Decimal('0.25'))
    >>> nice_scale([Decimal(5)])
    (Decimal('4'), Decimal('6'), Decimal('0.5'))
    """
    with decimal.localcontext(_CONTEXT):
        numbers = list(values)
        low = min(numbers, default=Decimal(0))
        high = max(numbers, default=Decimal(1))
        if low == high:
            pad = abs(low) / 5 if low else Decimal(1)
            low, high = low - pad, high + pad
        raw = (high - low) / 4
        magnitude = Decimal(1).scaleb(raw.adjusted())
        fraction = raw / magnitude
        nice = next(step for step in _NICE if step >= fraction)
        step = (nice * magnitude).normalize()
        bottom = (low / step).to_integral_value(decimal.ROUND_FLOOR) * step
        top = (high / step).to_integral_value(decimal.ROUND_CEILING) * step
        if top == bottom:
            top = bottom + step
        return _plain(bottom), _plain(top), step


def _plain(value: Decimal) -> Decimal:
    """``value`` without an exponent (``1E+2`` → ``100``) or trailing zeros."""
    normal = value.normalize(_CONTEXT)
    if normal.as_tuple().exponent > 0:  # type: ignore[operator] # an int for finite numbers
        return normal.quantize(Decimal(1))
    return normal


def _coordinate(value: Decimal) -> str:
    """A coordinate with exactly two decimals: ``78.00``."""
    return f"{value.quantize(_CENT, context=_CONTEXT):f}"


class _Scale:
    def __init__(self, data: ChartData) -> None:
        self.first = data.first
        self.days = max((data.last - self.first).days, 1)
        values = [value for _, value in data.points]
        for tier in data.tiers:
            values.extend(v for v in (tier.target, tier.threshold) if v is not None)
        self.low, self.high, self.step = nice_scale(values)

    def x(self, day: dt.date) -> str:
        with decimal.localcontext(_CONTEXT):
            offset = Decimal((day - self.first).days) * PLOT_WIDTH / self.days
            return _coordinate(PLOT_LEFT + offset)

    def y(self, value: Decimal) -> str:
        with decimal.localcontext(_CONTEXT):
            offset = (value - self.low) * PLOT_HEIGHT / (self.high - self.low)
            return _coordinate(PLOT_TOP + PLOT_HEIGHT - offset)

    def ticks(self) -> list[Decimal]:
        count = int((self.high - self.low) / self.step)
        with decimal.localcontext(_CONTEXT):
            return [_plain(self.low + self.step * index) for index in range(count + 1)]


# -- drawing -------------------------------------------------------------------------------------
_RIGHT = _coordinate(Decimal(PLOT_LEFT + PLOT_WIDTH))
_LEFT = _coordinate(Decimal(PLOT_LEFT))
_TOP = _coordinate(Decimal(PLOT_TOP))
_BOTTOM = _coordinate(Decimal(PLOT_TOP + PLOT_HEIGHT))


def _at(value: int | Decimal) -> str:
    return _coordinate(Decimal(value))


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of months from ``first`` to ``last``, thinned to at most 12.

    Every ``step`` months (1, 2, 3, 6 or 12, then a whole number of years: 2, 4,
    5, 10, 20, 25, 50, 100... as an axis of centuries needs), counted from January
    of the year 1, so ticks fall on round months and years.
    """
    # Months as indexes (year * 12 + month - 1); a month that starts before first is left out.
    low = first.year * 12 + first.month - 1 + int(first.day > 1)
    high = last.year * 12 + last.month - 1
    count = high - low + 1
    every = next(step for step in _TICK_STEPS if count <= 12 * step)
    start = -(-low // every) * every  # the first multiple of every at or after low
    return [dt.date(index // 12, index % 12 + 1, 1) for index in range(start, high + 1, every)]


# The last step, 50,000 years, fits any axis: 0001-01 to 9999-12 is under 120,000 months.
_TICK_STEPS = (
    1,
    2,
    3,
    6,
    *(12 * years * 10**power for power in range(5) for years in (1, 2, 4, 5)),
)


def _text(x: str, y: str, content: str, *, anchor: str = "middle", extra: str = "") -> str:
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}"{extra}>{escape(content)}</text>'


def _x_axis(scale: _Scale, data: ChartData, lang: str) -> list[str]:
    locale = LOCALES[lang]
    label_y = _at(PLOT_TOP + PLOT_HEIGHT + 13)
    year_y = _at(PLOT_TOP + PLOT_HEIGHT + 24)
    tick_end = _at(PLOT_TOP + PLOT_HEIGHT + 4)
    ticks, labels = [], []
    for index, day in enumerate(_month_starts(scale.first, data.last)):
        x = scale.x(day)
        ticks.append(f'<line x1="{x}" y1="{_BOTTOM}" x2="{x}" y2="{tick_end}"/>')
        labels.append(_text(x, label_y, str(dates.format_date(day, "LLL", locale=locale))))
        if index == 0 or day.month == 1:
            labels.append(_text(x, year_y, str(day.year), extra=f' fill="{COLOURS["axis"]}"'))
    return [
        f'<g stroke="{COLOURS["axis"]}" stroke-width="0.6">',
        *ticks,
        "</g>",
        *labels,
    ]


def _y_axis(scale: _Scale, data: ChartData, lang: str) -> list[str]:
    label_x = _at(PLOT_LEFT - 5)
    lines, labels = [], []
    for tick in scale.ticks():
        y = scale.y(tick)
        lines.append(f'<line x1="{_LEFT}" y1="{y}" x2="{_RIGHT}" y2="{y}"/>')
        labels.append(_text(label_x, _at(Decimal(y) + 3), format_number(tick, lang), anchor="end"))
    if data.unit:
        unit = unit_label(data.unit, lang)
        labels.append(
            _text(label_x, _at(PLOT_TOP - 8), unit, anchor="end", extra=' font-weight="600"')
        )
    return [
        f'<g stroke="{COLOURS["grid"]}" stroke-width="0.6">',
        *lines,
        "</g>",
        *labels,
    ]


def _label_width(text: str) -> Decimal:
    """An estimate of a label's width at font size 10, bold: 0.55 em a character."""
    return Decimal("5.5") * len(text)


def _milestones(scale: _Scale, data: ChartData) -> list[str]:
    """The milestones' dotted lines, and their names above the plot, kept from overlapping.

    Each name is centred on its line, kept inside the plot's width, then pushed left
    (from the right-most one) until it clears the next name by 4 units.
    """
    label_y = _at(PLOT_TOP - 8)
    lines: list[str] = []
    placed: list[tuple[str, Decimal, Decimal]] = []  # name, left edge, width
    with decimal.localcontext(_CONTEXT):
        for tier in data.tiers:
            if not data.first <= tier.due <= data.last:
                continue
            x = scale.x(tier.due)
            lines.append(f'<line x1="{x}" y1="{_TOP}" x2="{x}" y2="{_BOTTOM}"/>')
            width = _label_width(tier.name)
            left = Decimal(x) - width / 2
            left = max(min(left, PLOT_LEFT + PLOT_WIDTH - width), Decimal(PLOT_LEFT))
            placed.append((tier.name, left, width))
        for index in range(len(placed) - 2, -1, -1):
            name, left, width = placed[index]
            limit = placed[index + 1][1] - 4 - width
            if left > limit:
                placed[index] = (name, limit, width)
    if not lines:
        return []
    style = f' font-weight="600" fill="{COLOURS["axis"]}"'
    labels = [
        _text(_coordinate(left), label_y, name, anchor="start", extra=style)
        for name, left, _ in placed
    ]
    return [
        f'<g stroke="{COLOURS["milestone"]}" stroke-width="0.6" stroke-dasharray="1.5 2">',
        *lines,
        "</g>",
        *labels,
    ]


def _threshold_path(scale: _Scale, data: ChartData) -> str:
    """The thresholds as a step line: one level per milestone window, joined when adjacent."""
    commands: list[str] = []
    joined = False
    for tier in data.tiers:
        if tier.threshold is None:
            joined = False
            continue
        y = scale.y(tier.threshold)
        start = max(tier.start, data.first)
        commands.append(f"{'L' if joined else 'M'}{scale.x(start)} {y}")
        commands.append(f"L{scale.x(tier.due)} {y}")
        joined = True
    return " ".join(commands)


def _expected_path(scale: _Scale, data: ChartData) -> str:
    """The expected path: the series' polylines, each from a move to its first vertex."""
    commands: list[str] = []
    for line in data.expected:
        for index, (day, value) in enumerate(line):
            commands.append(f"{'L' if index else 'M'}{scale.x(day)} {scale.y(value)}")
    return " ".join(commands)


def _diamond(x: str, y: str) -> str:
    cx, cy, r = Decimal(x), Decimal(y), Decimal("3.6")
    corners = ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))
    return " ".join(f"{_coordinate(px)},{_coordinate(py)}" for px, py in corners)


def _target_words(tier: Tier, data: ChartData, lang: str, style: str) -> str:
    assert tier.target is not None
    threshold = "—"
    if tier.threshold is not None:
        threshold = format_measure(tier.threshold, data.unit, lang)
    return _words(lang)["target_item"].format(
        milestone=tier.name,
        due=format_date(tier.due, lang, style),
        target=format_measure(tier.target, data.unit, lang),
        threshold=threshold,
    )


def _targets(scale: _Scale, data: ChartData, lang: str) -> list[str]:
    parts = []
    for tier in data.tiers:
        if tier.target is None:
            continue
        x, y = scale.x(tier.due), scale.y(tier.target)
        label = _target_words(tier, data, lang, "medium")
        parts.append(
            f'<polygon class="vg-target" points="{_diamond(x, y)}" fill="{COLOURS["target"]}" '
            f'stroke="#fff" stroke-width="0.8" data-date="{tier.due.isoformat()}">'
            f"<title>{escape(label)}</title></polygon>"
        )
    return parts


def _measurements(scale: _Scale, data: ChartData, lang: str) -> list[str]:
    if not data.points:
        return []
    words = _words(lang)
    coordinates = [(scale.x(day), scale.y(value)) for day, value in data.points]
    parts = []
    if len(coordinates) > 1:
        line = " ".join(f"{x},{y}" for x, y in coordinates)
        parts.append(
            f'<polyline class="vg-series" points="{line}" fill="none" '
            f'stroke="{COLOURS["measure"]}" stroke-width="1.1" stroke-linejoin="round"/>'
        )
    parts.append(f'<g fill="{COLOURS["measure"]}" stroke="#fff" stroke-width="0.5">')
    for (day, value), (x, y) in zip(data.points, coordinates, strict=True):
        tooltip = words["tooltip"].format(
            day=format_date(day, lang, "medium"), value=format_measure(value, data.unit, lang)
        )
        parts.append(
            f'<circle class="vg-point" cx="{x}" cy="{y}" r="2.2" data-date="{day.isoformat()}">'
            f"<title>{escape(tooltip)}</title></circle>"
        )
    parts.append("</g>")
    return parts


def _description(data: ChartData, lang: str) -> str:
    words = _words(lang)
    sentences = []
    if not data.points:
        sentences.append(words["no_measure"])
    else:
        last_day, last_value = data.points[-1]
        value = format_measure(last_value, data.unit, lang)
        day = format_date(last_day, lang)
        if len(data.points) == 1:
            sentences.append(words["one_measure"].format(value=value, day=day))
        else:
            first = format_date(data.points[0][0], lang)
            sentences.append(
                words["measures"].format(
                    count=len(data.points), first=first, last=day, value=value, day=day
                )
            )
        if data.cumulative:
            sentences.append(words["sum"])
    items = [
        _target_words(tier, data, lang, "long") for tier in data.tiers if tier.target is not None
    ]
    if items:
        sentences.append(words["targets"].format(items=words["separator"].join(items)))
    if data.report_date is not None:
        sentences.append(words["report"].format(day=format_date(data.report_date, lang)))
    return " ".join(sentences)


def kpi_chart(data: ChartData, lang: str) -> Markup:
    """The SVG chart of one KPI, with an accessible name and description.

    The ``<svg>`` has ``role="img"``, an ``aria-labelledby`` pointing at its
    ``<title>`` (the KPI's name) and an ``aria-describedby`` pointing at its
    ``<desc>`` (the measurements and the targets in words). Its size is its
    ``viewBox`` (`WIDTH` × `HEIGHT`); the page's stylesheet scales it to its column.
    Styles are presentation attributes, so a copy of the SVG looks the same alone.
    """
    words = _words(lang)
    scale = _Scale(data)
    ident = f"vg-chart-{data.key}"
    title = words["title"].format(name=data.name)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vg-chart-svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(_description(data, lang))}</desc>',
        f'<g font-family="{_FONT}" font-size="10" fill="{COLOURS["text"]}">',
    ]
    report = data.report_date
    if report is not None and report < data.last:
        x = scale.x(report)
        parts.append(
            f'<rect class="vg-future" x="{x}" y="{_TOP}" '
            f'width="{_coordinate(Decimal(_RIGHT) - Decimal(x))}" height="{_at(PLOT_HEIGHT)}" '
            f'fill="{COLOURS["future"]}"/>'
        )
    parts.extend(_y_axis(scale, data, lang))
    parts.append(
        f'<rect x="{_LEFT}" y="{_TOP}" width="{_at(PLOT_WIDTH)}" height="{_at(PLOT_HEIGHT)}" '
        f'fill="none" stroke="{COLOURS["axis"]}" stroke-width="0.7"/>'
    )
    parts.extend(_x_axis(scale, data, lang))
    parts.extend(_milestones(scale, data))
    threshold = _threshold_path(scale, data)
    if threshold:
        parts.append(
            f'<path class="vg-threshold" d="{threshold}" fill="none" '
            f'stroke="{COLOURS["threshold"]}" stroke-width="1.2" stroke-dasharray="4 2.5"/>'
        )
    expected = _expected_path(scale, data)
    if expected:
        parts.append(
            f'<path class="vg-expected" d="{expected}" fill="none" '
            f'stroke="{COLOURS["target"]}" stroke-width="1.3"/>'
        )
    if report is not None and data.first <= report <= data.last:
        x = scale.x(report)
        parts.append(
            f'<line class="vg-report" x1="{x}" y1="{_TOP}" x2="{x}" y2="{_BOTTOM}" '
            f'stroke="{COLOURS["report"]}" stroke-width="1"/>'
        )
    parts.extend(_targets(scale, data, lang))
    parts.extend(_measurements(scale, data, lang))
    parts.append("</g>")
    parts.append("</svg>")
    return Markup("\n".join(parts))  # noqa: S704 - every text above is escaped


def legend(lang: str) -> Markup:
    """The charts' legend: a small SVG sample of each symbol, then its name."""
    words = _words(lang)
    samples = {
        "measure": (
            f'<polyline points="1,9 7,5 13,7" fill="none" stroke="{COLOURS["measure"]}" '
            f'stroke-width="1.1"/><circle cx="7" cy="5" r="2.2" fill="{COLOURS["measure"]}"/>'
        ),
        "target": f'<polygon points="7,2.4 10.6,6 7,9.6 3.4,6" fill="{COLOURS["target"]}"/>',
        "expected": (
            f'<line x1="0" y1="6" x2="14" y2="6" stroke="{COLOURS["target"]}" stroke-width="1.3"/>'
        ),
        "threshold": (
            f'<line x1="0" y1="6" x2="14" y2="6" stroke="{COLOURS["threshold"]}" '
            'stroke-width="1.2" stroke-dasharray="4 2.5"/>'
        ),
        "report": (
            f'<line x1="7" y1="0" x2="7" y2="12" stroke="{COLOURS["report"]}" stroke-width="1"/>'
        ),
        "future": (
            f'<rect x="0" y="1" width="14" height="10" fill="{COLOURS["future"]}" '
            f'stroke="{COLOURS["grid"]}" stroke-width="0.6"/>'
        ),
    }
    items = [
        '<li><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 14 12" width="14" height="12" '
        f'aria-hidden="true" focusable="false">{sample}</svg> '
        f"{escape(words['legend_' + name])}</li>"
        for name, sample in samples.items()
    ]
    label = escape(words["legend_label"])
    return Markup(  # noqa: S704 - fixed markup and escaped words
        f'<ul class="vg-legend" aria-label="{label}">\n' + "\n".join(items) + "\n</ul>"
    )
