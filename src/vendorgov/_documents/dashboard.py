"""The portfolio dashboard: one self-contained HTML page for every mission at a glance.

``vendorgov render portfolio missions/ -o dashboard.html`` and `dashboard` write it: no
external asset (the style sheet is inline, the sparklines are inline SVG, no script, no
font or image to fetch), so the file can be mailed, archived or opened offline. What it
shows comes from the engine (`vendorgov.summarize_portfolio`, `vendorgov.load_portfolio`):
the missions in the order of attention, each with its standing, score, coverage, trend,
a sparkline of its score over the last twelve weeks, its findings and what falls due in
the next 30 days; then the files that could not be read, with their errors.

Every word comes from the message catalogs (French, English, Spanish), every number and
date from the shared formatter; every value from the data is escaped (``markupsafe``),
so a mission named ``<script>`` shows as text. The same portfolio gives the same bytes
on any machine.

The sparkline (`sparkline`) has a fixed scale, so that two missions compare at a
glance: ``x`` runs over the points' dates, ``y`` over scores 0 to 100::

    x(d) = 2 + (d - first).days × 116 / (last - first).days   (2 when one point)
    y(v) = 2 + (100 - v) × 24 / 100

in a 120 × 28 box; coordinates are written with two decimals (half-even). A week
without a score breaks the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final

from markupsafe import Markup, escape

from vendorgov._format import (
    format_date,
    format_score,
    format_share,
    format_trend,
)
from vendorgov._i18n import N_, NP_, check_language, ngettext, translate
from vendorgov._labels import enum_label, verdict_label
from vendorgov._model.portfolio import MissionSummary, Portfolio, ScorePoint
from vendorgov._model.scorecard import Severity
from vendorgov._model.text import LocalizedText, localize
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["SPARK_HEIGHT", "SPARK_WIDTH", "dashboard", "sparkline"]

SPARK_WIDTH: Final = 120
"""The sparkline's width in SVG units."""
SPARK_HEIGHT: Final = 28
"""The sparkline's height in SVG units."""

_CENT: Final = Decimal("0.01")
_SEVERITY_COLOURS: Final = {
    Severity.CRITICAL: "#cf222e",
    Severity.WARNING: "#9a6700",
    Severity.INFO: "#0969da",
}
# The standing's colour by its rank from the worst (see MissionSummary.standing_rank):
# the lowest band red, no verdict grey, the next band amber, the better ones green.
_STANDING_COLOURS: Final = {0: "#cf222e", 1: "#6e7781", 2: "#9a6700"}
_GOOD: Final = "#1a7f37"

_WORDS: Final[dict[str, str | tuple[str, str]]] = {
    "title": N_("Portfolio dashboard"),
    "as_of": N_("Status on %(date)s"),
    "as_of_each": N_("Each mission as of its own date"),
    "mission": N_("Mission"),
    "provider": N_("Provider"),
    "milestone": N_("Current milestone"),
    "score": NP_("a column: the overall score", "Score"),
    "standing": N_("Standing"),
    "coverage": N_("Coverage"),
    "trend": N_("Trend"),
    "history": N_("Last 12 weeks"),
    "findings": N_("Findings"),
    "deadlines": N_("Coming up (30 days)"),
    "no_findings": N_("Nothing to report."),
    "no_deadlines": N_("Nothing due in the next 30 days."),
    "due_on": N_("due %(date)s"),
    "spark_title": N_("Overall score, week by week: %(points)s"),
    "spark_point": N_("%(date)s: %(score)s"),
    "unreadable": N_("Files that could not be read"),
    "order": N_(
        "Most in need of attention first: critical findings, then the worst standing, "
        "then the lowest score."
    ),
    "no_missions": N_("No mission to show."),
}


def _say(lang: str, key: str, **values: object) -> Markup:
    """A message in ``lang``, escaped, with ``values`` escaped (unless markup) put in."""
    text = escape(translate(lang, _WORDS[key]))
    return Markup(str(text) % {name: escape(value) for name, value in values.items()})  # noqa: S704


def _local(value: str | LocalizedText, summary: MissionSummary, lang: str) -> str:
    return localize(value, lang, summary.language)[0]


def _day(value: dt.date, lang: str) -> str:
    return format_date(value, lang, "medium")


def _at(value: Decimal) -> str:
    return str(value.quantize(_CENT, rounding=ROUND_HALF_EVEN))


def sparkline(points: Sequence[ScorePoint], lang: str) -> Markup:
    """A mission's overall score over time as a small inline SVG (scale in the module doc).

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> svg = sparkline([ScorePoint(dt.date(2026, 11, 1), Decimal(50)),
    ...                  ScorePoint(dt.date(2026, 11, 29), Decimal(100))], "en")
    >>> 'points="2.00,14.00 118.00,2.00"' in svg
    True
    """
    check_language(lang)
    scored = [point for point in points if point.overall is not None]
    words = "; ".join(
        str(
            _say(
                lang,
                "spark_point",
                date=_day(point.on, lang),
                score=format_score(point.overall, lang),
            )
        )
        for point in points
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vg-spark" role="img" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" width="{SPARK_WIDTH}" '
        f'height="{SPARK_HEIGHT}">',
        f"<title>{_say(lang, 'spark_title', points=Markup(words))}</title>",  # noqa: S704
        f'<rect x="0.5" y="0.5" width="{SPARK_WIDTH - 1}" height="{SPARK_HEIGHT - 1}" '
        'fill="#f6f8fa" stroke="#d8dde3"/>',
        # the 50 and 75 lines: where the default bands "fair" and "good" start
        f'<line x1="2" y1="{_at(_y(Decimal(50)))}" x2="{SPARK_WIDTH - 2}" '
        f'y2="{_at(_y(Decimal(50)))}" stroke="#e1e4e8" stroke-width="0.6"/>',
        f'<line x1="2" y1="{_at(_y(Decimal(75)))}" x2="{SPARK_WIDTH - 2}" '
        f'y2="{_at(_y(Decimal(75)))}" stroke="#e1e4e8" stroke-width="0.6"/>',
    ]
    if scored:
        first, last = points[0].on, points[-1].on
        span = (last - first).days
        runs: list[list[str]] = [[]]
        for point in points:
            if point.overall is None:
                runs.append([])
                continue
            runs[-1].append(f"{_at(_x(point.on, first, span))},{_at(_y(point.overall))}")
        for run in runs:
            if len(run) > 1:
                parts.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="#1f3a5f" '
                    'stroke-width="1.4" stroke-linejoin="round"/>'
                )
        end = scored[-1]
        assert end.overall is not None
        parts.append(
            f'<circle cx="{_at(_x(end.on, first, span))}" cy="{_at(_y(end.overall))}" '
            'r="2.2" fill="#1f3a5f"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text above is escaped


def _x(day: dt.date, first: dt.date, span: int) -> Decimal:
    if span <= 0:
        return Decimal(2)
    return Decimal(2) + Decimal((day - first).days) * Decimal(SPARK_WIDTH - 4) / Decimal(span)


def _y(value: Decimal) -> Decimal:
    bounded = min(max(value, Decimal(0)), Decimal(100))
    return Decimal(2) + (Decimal(100) - bounded) * Decimal(SPARK_HEIGHT - 4) / Decimal(100)


_STYLE: Final = """
:root { color-scheme: light; }
body { font-family: 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans',
  sans-serif; color: #1f2328; margin: 24px; background: #fff; font-size: 14px; }
h1 { font-size: 22px; margin: 0 0 4px; color: #1f3a5f; }
h2 { font-size: 17px; margin: 0; }
.vg-sub { color: #57606a; margin: 0 0 16px; }
table.vg-overview { border-collapse: collapse; width: 100%; margin: 8px 0 24px; }
.vg-overview th, .vg-overview td { padding: 6px 8px; border-bottom: 1px solid #d8dde3;
  text-align: left; vertical-align: middle; }
.vg-overview th { font-size: 12px; color: #57606a; font-weight: 600; white-space: nowrap; }
.vg-overview td.vg-num, .vg-overview th.vg-num { text-align: right; white-space: nowrap; }
.vg-overview td.vg-nowrap { white-space: nowrap; }
.vg-key { color: #57606a; font-size: 12px; font-family: ui-monospace, Menlo, Consolas,
  monospace; }
.vg-badge { color: #fff; border-radius: 3px; padding: 1px 6px; font-size: 12px;
  white-space: nowrap; }
.vg-count { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 9px;
  padding: 0 5px; margin-right: 3px; font-size: 12px; color: #fff; }
.vg-zero { background: #eaeef2; color: #57606a; }
.vg-bar { display: inline-block; width: 48px; height: 6px; background: #eaeef2;
  border-radius: 3px; vertical-align: middle; margin-left: 6px; overflow: hidden; }
.vg-bar > span { display: block; height: 6px; background: #1f3a5f; }
section.vg-mission { border: 1px solid #d8dde3; border-radius: 6px; padding: 12px 16px;
  margin: 0 0 16px; break-inside: avoid; }
.vg-mission header { display: flex; gap: 12px; align-items: baseline; flex-wrap: wrap;
  margin-bottom: 8px; }
.vg-columns { display: grid; grid-template-columns: 2fr 1fr; gap: 16px; }
.vg-columns h3 { font-size: 13px; color: #57606a; margin: 4px 0; }
ul.vg-list { list-style: none; margin: 0; padding: 0; }
ul.vg-list li { margin: 0 0 6px; line-height: 1.4; }
.vg-code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px;
  color: #57606a; }
.vg-problems { border: 1px solid #cf222e; border-radius: 6px; padding: 8px 16px;
  margin: 0 0 24px; }
.vg-problems h2 { color: #cf222e; }
.vg-problems code { word-break: break-all; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } section.vg-mission { page-break-inside: avoid; } }
@media (max-width: 800px) { .vg-columns { grid-template-columns: 1fr; } }
"""


def _badge(text: str, colour: str, cls: str) -> Markup:
    return Markup(  # noqa: S704 - escaped
        f'<span class="vg-badge {escape(cls)}" style="background:{colour}">{escape(text)}</span>'
    )


def _severity(severity: Severity, lang: str) -> Markup:
    label = enum_label(severity, lang)
    return _badge(label, _SEVERITY_COLOURS[severity], f"vg-severity-{severity.value}")


def _standing(summary: MissionSummary, lang: str) -> Markup:
    rank = summary.standing_rank
    colour = _STANDING_COLOURS.get(rank, _GOOD)
    return _badge(verdict_label(summary.scorecard, lang), colour, f"vg-standing-{rank}")


def _counts(summary: MissionSummary, lang: str) -> Markup:
    cells = []
    for severity in (Severity.CRITICAL, Severity.WARNING, Severity.INFO):
        count = summary.count(severity)
        label = enum_label(severity, lang)
        if count:
            cells.append(
                f'<span class="vg-count vg-severity-{severity.value}" title="{escape(label)}" '
                f'style="background:{_SEVERITY_COLOURS[severity]}">{count}</span>'
            )
        else:
            cells.append(f'<span class="vg-count vg-zero" title="{escape(label)}">{count}</span>')
    return Markup("".join(cells))  # noqa: S704 - escaped


def _coverage(summary: MissionSummary, lang: str) -> Markup:
    share = summary.scorecard.coverage
    width = _at(min(max(share, Decimal(0)), Decimal(1)) * 100)
    return Markup(  # noqa: S704 - escaped
        f"{escape(format_share(share, lang))}"
        f'<span class="vg-bar"><span style="width:{width}%"></span></span>'
    )


def _overview(portfolio: Portfolio, lang: str) -> Markup:
    heads = [
        ("mission", ""),
        ("standing", ""),
        ("score", "vg-num"),
        ("coverage", "vg-num"),
        ("trend", "vg-num"),
        ("history", ""),
        ("findings", ""),
        ("milestone", ""),
    ]
    rows = [
        "<tr>"
        + "".join(f'<th class="{cls}">{_say(lang, key)}</th>' for key, cls in heads)
        + "</tr>"
    ]
    for summary in portfolio.summaries:
        card = summary.scorecard
        rows.append(
            "<tr>"
            f'<td><a href="#mission-{escape(summary.mission)}">'
            f"{escape(_local(summary.name, summary, lang))}</a><br>"
            f'<span class="vg-key">{escape(summary.mission)}</span> · '
            f"{escape(summary.provider)}</td>"
            f"<td>{_standing(summary, lang)}</td>"
            f'<td class="vg-num">{escape(format_score(card.overall, lang))}</td>'
            f'<td class="vg-num">{_coverage(summary, lang)}</td>'
            f'<td class="vg-num">{escape(format_trend(summary.trend, lang))}</td>'
            f"<td>{sparkline(summary.history, lang)}</td>"
            f'<td class="vg-nowrap">{_counts(summary, lang)}</td>'
            f"<td>{escape(_local(card.milestone, summary, lang))}<br>"
            f'<span class="vg-key">{_say(lang, "due_on", date=_day(card.due, lang))}</span></td>'
            "</tr>"
        )
    return Markup(  # noqa: S704 - escaped
        '<table class="vg-overview"><thead>'
        + rows[0]
        + "</thead><tbody>"
        + "".join(rows[1:])
        + "</tbody></table>"
    )


def _mission(summary: MissionSummary, lang: str) -> Markup:
    from vendorgov._describe import describe

    card = summary.scorecard
    findings = (
        "".join(
            f"<li>{_severity(finding.severity, lang)} {escape(describe(finding, lang))} "
            f'<span class="vg-code">{escape(finding.code)}</span></li>'
            for finding in summary.findings
        )
        or f"<li>{_say(lang, 'no_findings')}</li>"
    )
    deadlines = (
        "".join(
            f"<li><strong>{escape(_day(item.on, lang))}</strong> · "
            f"{escape(enum_label(item.kind, lang))}"
            + (f" — {escape(_local(item.subject, summary, lang))}" if item.subject else "")
            + "</li>"
            for item in summary.deadlines
        )
        or f"<li>{_say(lang, 'no_deadlines')}</li>"
    )
    score = format_score(card.overall, lang)
    return Markup(  # noqa: S704 - escaped
        f'<section class="vg-mission" id="mission-{escape(summary.mission)}">'
        f"<header><h2>{escape(_local(summary.name, summary, lang))}</h2>"
        f'<span class="vg-key">{escape(summary.mission)}</span>'
        f"<span>{escape(summary.provider)}</span>"
        f"{_standing(summary, lang)}<span>{escape(score)} / 100</span></header>"
        '<div class="vg-columns">'
        f'<div><h3>{_say(lang, "findings")}</h3><ul class="vg-list">{findings}</ul></div>'
        f'<div><h3>{_say(lang, "deadlines")}</h3><ul class="vg-list">{deadlines}</ul></div>'
        "</div></section>"
    )


def _problems(portfolio: Portfolio, lang: str) -> Markup:
    if not portfolio.problems:
        return Markup("")
    items = "".join(
        f"<li><code>{escape(problem.file)}</code><ul>"
        + "".join(
            f"<li><code>{escape(error.path)}</code> {escape(error.message)}</li>"
            if error.path
            else f"<li>{escape(error.message)}</li>"
            for error in problem.errors
        )
        + "</ul></li>"
        for problem in portfolio.problems
    )
    return Markup(  # noqa: S704 - escaped
        f'<div class="vg-problems"><h2>{_say(lang, "unreadable")}</h2><ul>{items}</ul></div>'
    )


def dashboard(portfolio: Portfolio, *, lang: str = "fr") -> str:
    """The portfolio as one self-contained HTML page (no external asset), in ``lang``.

    Args:
        portfolio: What `vendorgov.summarize_portfolio` or `vendorgov.load_portfolio` gives.
        lang: ``"fr"``, ``"en"`` or ``"es"``.

    Raises:
        ValidationError: When ``portfolio`` is not a `Portfolio` or ``lang`` is unknown.

    >>> import datetime as dt
    >>> import vendorgov
    >>> portfolio = vendorgov.summarize_portfolio(vendorgov.examples.demo_missions(),
    ...                                           dt.date(2026, 11, 29))
    >>> page = vendorgov.dashboard(portfolio, lang="en")
    >>> page.startswith("<!DOCTYPE html>"), "Portfolio dashboard" in page
    (True, True)
    """
    check_language(lang)
    if not isinstance(portfolio, Portfolio):
        raise ValidationError(
            [ErrorDetail("portfolio", f"expected a Portfolio, got {type(portfolio).__name__}")]
        )
    days = sorted({summary.at for summary in portfolio.summaries})
    if portfolio.at is not None or len(days) == 1:
        when = _say(lang, "as_of", date=format_date(portfolio.at or days[0], lang, "long"))
    else:
        when = _say(lang, "as_of_each")
    count = len(portfolio.summaries)
    missions = ngettext(lang, "%(num)s mission", "%(num)s missions", count) % {"num": count}
    body = [
        f"<h1>{_say(lang, 'title')}</h1>",
        f'<p class="vg-sub">{when} · {escape(missions)} · {_say(lang, "order")}</p>',
        str(_problems(portfolio, lang)),
    ]
    if portfolio.summaries:
        body.append(str(_overview(portfolio, lang)))
        body.extend(str(_mission(summary, lang)) for summary in portfolio.summaries)
    else:
        body.append(f"<p>{_say(lang, 'no_missions')}</p>")
    title = _say(lang, "title")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
