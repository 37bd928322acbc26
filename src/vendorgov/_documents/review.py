"""The review report (*compte rendu de point d'étape*): its context builder.

Which review, which date:

- ``at=None`` (the default): the mission's latest review, and its date is the report's
  date. The scorecard is the one the review recorded, or else ``score(mission, review.on)``.
  A mission without any review has nothing to report: refused (path ``at``) unless in
  draft mode, where the date and everything that depends on it are placeholders.
- ``at`` given: the report is the situation on that date. The scorecard is
  ``score(mission, at)`` (or the one recorded by a review held that very day); the review
  shown is the latest one held on or before ``at``, if any (a report dated before the
  first review has the scorecard and the follow-up, but no meeting).

Everything is seen *as it stood on the report's date*: measurements after it are not
drawn; corrective actions, provider needs and ideas raised by the reviews held up to
that date are listed with their status on that date (an action closed later is still
open in the report, and overdue when its due date has passed); recognitions up to that
date; payouts of the milestones reached by then; reporting compliance on that date.

Values meant for reading are rounded here, for display only (the engine's values stay
exact): a KPI's actual value and its expected value to one decimal more than its data
and targets have (at most four); the actual value rounded toward the *worse* side, so
that a KPI shown at its target is really at its target; scores (points, the overall score,
the score a bonus sentence quotes) by the one display rule of every face,
`vendorgov._format.round_score` (at most one decimal, cut down: a score just under a
bonus tier never reads as the tier); coverage by `vendorgov._format.round_share` (a
tenth of a percent, cut down) and timeliness to a tenth of a percent.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs
from markupsafe import Markup

from vendorgov._documents import charts
from vendorgov._documents.contexts import RenderOptions, base_context, refuse_unless_draft
from vendorgov._documents.environment import Placeholder
from vendorgov._engine.incentives import payout_totals, payouts
from vendorgov._engine.reporting import reporting_compliance
from vendorgov._engine.scoring import current_milestone, score, score_history
from vendorgov._format import round_score, round_share
from vendorgov._model.incentives import BonusTier
from vendorgov._model.kpi import Direction, Kpi
from vendorgov._model.mission import Mission
from vendorgov._model.money import DECIMAL_CONTEXT, Money
from vendorgov._model.results import Payout, PayoutCategory
from vendorgov._model.review import (
    ActionStatus,
    CorrectiveAction,
    Idea,
    IdeaStatus,
    NeedStatus,
    ProviderNeed,
    Recognition,
    Review,
)
from vendorgov._model.scorecard import KpiResult, Scorecard, Status
from vendorgov._model.tracking import ReportCheck, ReportStatus

__all__ = [
    "ActionView",
    "ChartView",
    "HistoryCell",
    "HistoryRow",
    "IdeaView",
    "NeedView",
    "PayoutView",
    "RecognitionView",
    "ScoreLine",
    "review_context",
]

_CONTEXT: Final = DECIMAL_CONTEXT
_PER_MILLE: Final = Decimal("0.001")
_MAX_PLACES: Final = 4


# -- views -------------------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class ScoreLine:
    """One line of the scorecard table, with its values rounded for reading.

    Attributes:
        kpi: The KPI.
        result: The engine's exact line.
        actual: The actual value, rounded toward the worse side (``None``: no data).
        target: The milestone's target.
        threshold: The milestone's threshold.
        expected: The expected value at the report's date (rounded half-even).
        points: 0-100, shown by the one rule for scores (``None``: no data).
        status: Met, at risk, missed or no data.
        trend: ``actual - previous``, rounded (``None``: no previous window or no data).
        arrow: ``↑`` (went up), ``↓`` (went down), ``→`` (unchanged), ``""`` (no trend).
        sense: ``"better"``, ``"worse"``, ``"steady"`` (the KPI's direction taken into
            account), or ``None``.
    """

    kpi: Kpi
    result: KpiResult
    actual: Decimal | None
    target: Decimal
    threshold: Decimal
    expected: Decimal | None
    points: Decimal | None
    status: Status
    trend: Decimal | None
    arrow: str
    sense: str | None


@attrs.frozen(kw_only=True)
class HistoryCell:
    """One KPI at one milestone: its result when scored at the due date, or what is to come.

    ``state`` is ``"closed"`` (the milestone is due on or before the report's date),
    ``"current"`` (the milestone being scored), ``"future"`` or ``"none"`` (no target).
    """

    state: str
    target: Decimal | None = None
    threshold: Decimal | None = None
    actual: Decimal | None = None
    status: Status | None = None


@attrs.frozen(kw_only=True)
class HistoryRow:
    """One KPI's results milestone by milestone (one `HistoryCell` per milestone)."""

    kpi: Kpi
    cells: tuple[HistoryCell, ...]


@attrs.frozen(kw_only=True)
class ChartView:
    """One KPI's chart: the KPI, its inline SVG (HTML only) and its status on the scorecard."""

    kpi: Kpi
    svg: Markup
    status: Status | None = None


@attrs.frozen(kw_only=True)
class ActionView:
    """A corrective action as it stood on the report's date.

    ``status`` and ``closed_on`` are those on that date (an action closed afterwards is
    still open); ``overdue``: open and due before the report's date; ``raised_on``: the
    date of the review that raised it; ``current``: raised by the review reported on.
    """

    action: CorrectiveAction
    raised_on: dt.date
    status: ActionStatus
    closed_on: dt.date | None
    overdue: bool
    current: bool
    kpi_name: str | None


@attrs.frozen(kw_only=True)
class NeedView:
    """A provider need (information request) as it stood on the report's date."""

    need: ProviderNeed
    raised_on: dt.date
    status: NeedStatus
    answered_on: dt.date | None
    answer: str
    current: bool


@attrs.frozen(kw_only=True)
class IdeaView:
    """An improvement idea as it stood on the report's date."""

    idea: Idea
    raised_on: dt.date
    status: IdeaStatus
    decided_on: dt.date | None
    current: bool


@attrs.frozen(kw_only=True)
class RecognitionView:
    """A recognition given to the provider, and the name of the KPI it is about."""

    recognition: Recognition
    kpi_name: str | None


@attrs.frozen(kw_only=True)
class PayoutView:
    """A payout line and what a sentence about its rule needs.

    Attributes:
        line: The engine's line (its ``rule`` is in English, for tools).
        kpi_name: The name of the KPI of a service credit or an earn-back.
        score: The overall score, shown by the one rule for scores (`round_score`).
        tier: The bonus tier reached (``None``: none reached, or not a bonus).
        lowest: The lowest tier's minimum score, for a bonus no tier was reached for.
        cap: The bonus scheme's cap (a capped bonus), or the service credits'
            amount at risk (capped credits).
        base: The amount a rate applied to (the bonus base, the period's fee).
    """

    line: Payout
    kpi_name: str | None
    score: Decimal | None
    tier: BonusTier | None
    lowest: Decimal | None
    cap: Money | None
    base: Money | None


# -- rounding for display ----------------------------------------------------------------------
def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _places(kpi: str, mission: Mission) -> int:
    """One decimal more than the KPI's data and targets have, at most `_MAX_PLACES`."""
    values = [m.value for m in mission.measurements if m.kpi == kpi]
    for milestone in mission.milestones:
        target = milestone.target_for(kpi)
        if target is not None:
            values.extend((target.target, target.threshold))
    return min(max((_decimals(value) for value in values), default=0) + 1, _MAX_PLACES)


def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def _toward_worse(value: Decimal | None, places: int, direction: Direction) -> Decimal | None:
    if value is None:
        return None
    rounding = decimal.ROUND_FLOOR if direction is Direction.HIGHER else decimal.ROUND_CEILING
    return _clean(value.quantize(_quantum(places), rounding=rounding, context=_CONTEXT))


def _rounded(value: Decimal | None, quantum: Decimal, rounding: str) -> Decimal | None:
    if value is None:
        return None
    return _clean(value.quantize(quantum, rounding=rounding, context=_CONTEXT))


def _clean(value: Decimal) -> Decimal:
    """No negative zero (``-0.0`` prints as ``-0``)."""
    return abs(value) if value.is_zero() else value


# -- choosing the review and the date ----------------------------------------------------------
def _choose(mission: Mission, options: RenderOptions) -> tuple[Review | None, dt.date | None]:
    held = _held(mission, options.at)
    if options.at is not None:
        return (held[-1] if held else None), options.at
    if held:
        return held[-1], held[-1].on
    refuse_unless_draft(
        "at",
        options.draft,
        "the mission has no review to report on: record a review, give the date "
        "of the scorecard with at=..., or render with draft=True",
    )
    return None, None


def _scorecard(
    mission: Mission, review: Review | None, day: dt.date, draft: bool
) -> Scorecard | None:
    if review is not None and review.on == day and review.scorecard is not None:
        return review.scorecard
    if not mission.milestones:
        refuse_unless_draft(
            "milestones",
            draft,
            "the mission has no milestone to score against; add milestones with "
            "targets, or render with draft=True",
        )
        return None
    return score(mission, day)


# -- the scorecard and its history -------------------------------------------------------------
def _stand_in(result: KpiResult) -> Kpi:
    """A KPI for a recorded scorecard's line whose KPI the mission no longer has."""
    return Kpi(key=result.kpi, name=result.kpi, unit="", direction=result.direction)


def _score_line(result: KpiResult, kpi: Kpi, places: int) -> ScoreLine:
    trend = result.trend
    improving = result.improving
    arrow, sense = "", None
    if trend is not None:
        arrow = "↑" if trend > 0 else "↓" if trend < 0 else "→"
        sense = "steady" if trend == 0 else "better" if improving else "worse"
    quantum = _quantum(places)
    return ScoreLine(
        kpi=kpi,
        result=result,
        actual=_toward_worse(result.actual, places, result.direction),
        target=result.target,
        threshold=result.threshold,
        expected=_rounded(result.expected, quantum, decimal.ROUND_HALF_EVEN),
        points=round_score(result.points),
        status=result.status,
        trend=_rounded(trend, quantum, decimal.ROUND_HALF_EVEN),
        arrow=arrow,
        sense=sense,
    )


def _milestone_states(mission: Mission, day: dt.date | None) -> tuple[str, ...]:
    """``closed`` (due on or before ``day``), ``current`` (being scored) or ``future``."""
    current = -1 if day is None or not mission.milestones else current_milestone(mission, day)
    states = []
    for index, due in enumerate(mission.milestone_dues()):
        if day is not None and due <= day:
            states.append("closed")
        else:
            states.append("current" if index == current else "future")
    return tuple(states)


def _history(
    mission: Mission,
    kpis: dict[str, Kpi],
    places: dict[str, int],
    card: Scorecard | None,
    day: dt.date | None,
    states: tuple[str, ...],
) -> tuple[HistoryRow, ...]:
    if not mission.milestones or not mission.kpis:
        return ()
    closed: dict[int, Scorecard] = {}
    if day is not None:
        reached = [index for index, state in enumerate(states) if state == "closed"]
        closed = dict(zip(reached, score_history(mission, day), strict=True))
    rows = []
    for key, kpi in kpis.items():
        cells = []
        for index, milestone in enumerate(mission.milestones):
            target = milestone.target_for(key)
            if target is None:
                cells.append(HistoryCell(state="none"))
                continue
            found: Scorecard | None = closed.get(index)
            state = "closed"
            if found is None and states[index] == "current":
                found, state = card, "current"
            if found is None:
                cells.append(
                    HistoryCell(state="future", target=target.target, threshold=target.threshold)
                )
                continue
            result = found.result(key)
            cells.append(
                HistoryCell(
                    state=state,
                    target=target.target,
                    threshold=target.threshold,
                    actual=None
                    if result is None
                    else _toward_worse(result.actual, places[key], kpi.direction),
                    status=None if result is None else result.status,
                )
            )
        rows.append(HistoryRow(kpi=kpi, cells=tuple(cells)))
    return tuple(rows)


def _charts(
    mission: Mission, day: dt.date | None, card: Scorecard | None, lang: str
) -> tuple[ChartView, ...]:
    dues = mission.milestone_dues()
    views = []
    for kpi in mission.kpis:
        tiers = []
        for index, (milestone, due) in enumerate(zip(mission.milestones, dues, strict=True)):
            target = milestone.target_for(kpi.key)
            start = mission.start if index == 0 else dues[index - 1] + dt.timedelta(days=1)
            tiers.append(
                charts.Tier(
                    name=milestone.name,
                    start=start,
                    due=due,
                    target=None if target is None else target.target,
                    threshold=None if target is None else target.threshold,
                )
            )
        data = charts.chart_data(
            kpi,
            mission.measurements,
            tiers,
            start=mission.start,
            timezone=mission.timezone,
            report_date=day,
        )
        result = None if card is None else card.result(kpi.key)
        status = None if result is None else result.status
        views.append(ChartView(kpi=kpi, svg=charts.kpi_chart(data, lang), status=status))
    return tuple(views)


# -- follow-up: actions, needs, ideas, recognitions --------------------------------------------
def _held(mission: Mission, day: dt.date | None) -> list[Review]:
    reviews = sorted(mission.reviews, key=lambda review: review.on)
    return [review for review in reviews if day is None or review.on <= day]


def _as_of(day: dt.date | None, on: dt.date | None) -> bool:
    """Whether something dated ``on`` had happened by ``day``."""
    return on is not None and (day is None or on <= day)


def _actions(
    held: Iterable[Review], current: Review | None, day: dt.date | None, kpis: dict[str, Kpi]
) -> tuple[ActionView, ...]:
    views = []
    for review in held:
        for action in review.corrective_actions:
            closed = _as_of(day, action.closed_on)
            status = action.status if closed else ActionStatus.OPEN
            views.append(
                ActionView(
                    action=action,
                    raised_on=review.on,
                    status=status,
                    closed_on=action.closed_on if closed else None,
                    overdue=status is ActionStatus.OPEN and day is not None and action.due < day,
                    current=review is current,
                    kpi_name=_kpi_name(action.kpi, kpis),
                )
            )
    return tuple(views)


def _needs(
    held: Iterable[Review], current: Review | None, day: dt.date | None
) -> tuple[NeedView, ...]:
    views = []
    for review in held:
        for need in review.needs:
            answered = _as_of(day, need.answered_on)
            views.append(
                NeedView(
                    need=need,
                    raised_on=review.on,
                    status=need.status if answered else NeedStatus.OPEN,
                    answered_on=need.answered_on if answered else None,
                    answer=need.answer if answered else "",
                    current=review is current,
                )
            )
    return tuple(views)


def _ideas(
    held: Iterable[Review], current: Review | None, day: dt.date | None
) -> tuple[IdeaView, ...]:
    views = []
    for review in held:
        for idea in review.ideas:
            decided = _as_of(day, idea.decided_on)
            views.append(
                IdeaView(
                    idea=idea,
                    raised_on=review.on,
                    status=idea.status if decided else IdeaStatus.PROPOSED,
                    decided_on=idea.decided_on if decided else None,
                    current=review is current,
                )
            )
    return tuple(views)


def _recognitions(
    mission: Mission, held: Iterable[Review], day: dt.date | None, kpis: dict[str, Kpi]
) -> tuple[RecognitionView, ...]:
    given = [item for review in held for item in review.recognitions]
    given.extend(mission.recognitions)
    kept = sorted(
        (item for item in given if day is None or item.on <= day), key=lambda item: item.on
    )
    return tuple(
        RecognitionView(recognition=item, kpi_name=_kpi_name(item.kpi, kpis)) for item in kept
    )


def _kpi_name(key: str | None, kpis: dict[str, Kpi]) -> str | None:
    if key is None:
        return None
    kpi = kpis.get(key)
    return key if kpi is None else kpi.name


# -- payouts -----------------------------------------------------------------------------------
def _payout_views(
    mission: Mission, lines: Sequence[Payout], kpis: dict[str, Kpi]
) -> tuple[PayoutView, ...]:
    bonus, credits = mission.bonus, mission.service_credits
    views = []
    for line in lines:
        tier: BonusTier | None = None
        lowest: Decimal | None = None
        cap: Money | None = None
        if line.category is PayoutCategory.BONUS and bonus is not None:
            overall = line.overall
            reached = [t for t in bonus.tiers if overall is not None and t.min_score <= overall]
            if reached:
                tier = max(reached, key=lambda item: item.min_score)
            else:
                lowest = min(t.min_score for t in bonus.tiers)
            cap = bonus.cap if line.capped else None
        elif line.category is PayoutCategory.SERVICE_CREDIT and credits is not None:
            cap = credits.at_risk if line.capped else None
        views.append(
            PayoutView(
                line=line,
                kpi_name=_kpi_name(line.kpi, kpis),
                score=round_score(line.overall),
                tier=tier,
                lowest=lowest,
                cap=cap,
                base=line.base,
            )
        )
    return tuple(views)


# -- the builder -------------------------------------------------------------------------------
def review_context(mission: Mission, options: RenderOptions) -> dict[str, Any]:
    """The variables of the review report (*compte rendu de point d'étape*).

    Adds to `base_context` (the module's documentation says which review and which date):

    - ``review``: the `Review` reported on; ``None`` when ``at`` is before the first
      review; a placeholder in draft mode without review nor ``at``.
    - ``report_date``: the date of the report and of its scorecard (a placeholder in
      draft mode without review nor ``at``); ``previous_review``: the review before.
    - ``card``: the `Scorecard` (``None`` when it cannot be computed, in draft mode);
      ``lines``: `ScoreLine` objects; ``overall`` (cut down to 0.1), ``coverage`` (a
      fraction, cut down to 0.001); ``met_count``: how many KPIs are met.
    - ``history``: `HistoryRow` objects, one per KPI, a `HistoryCell` per milestone;
      ``milestone_states``: ``"closed"``, ``"current"`` or ``"future"`` per milestone.
    - ``charts``: `ChartView` objects, one per KPI (HTML only; empty in Markdown);
      ``chart_legend``: the charts' legend (HTML).
    - ``actions``, ``needs``, ``ideas``: `ActionView`, `NeedView`, `IdeaView` objects
      from the reviews held up to the report's date, as they stood on it;
      ``overdue_count``: the open actions past their due date.
    - ``recognitions``: `RecognitionView` objects up to the report's date, oldest first.
    - ``payouts``: `PayoutView` objects of the milestones reached by the report's date;
      ``payout_totals``: the total of each category present; ``payout_net``: their sum.
    - ``reporting``: the `ReportingSummary` on the report's date (``None`` without a
      date); ``timeliness``: its rate to a tenth of a percent; ``reporting_issues``: its
      late and missing lines.
    - ``kpis_by_key``: the KPIs by key.

    Raises:
        ValidationError: Without a review and without ``at`` (path ``at``), or when
            the mission has no milestone (path ``milestones``), unless ``draft`` is true.
    """
    context = base_context(mission, options)
    kpis = {kpi.key: kpi for kpi in mission.kpis}
    places = {kpi.key: _places(kpi.key, mission) for kpi in mission.kpis}
    review, day = _choose(mission, options)
    card = None if day is None else _scorecard(mission, review, day, options.draft)
    held = _held(mission, day)
    previous = [item for item in held if item is not review]

    lines: tuple[ScoreLine, ...] = ()
    if card is not None:
        lines = tuple(
            _score_line(
                result,
                kpis.get(result.kpi) or _stand_in(result),
                places.get(result.kpi, 2),
            )
            for result in card.results
        )
    context["review"] = review if day is not None else Placeholder("reviews", options.lang)
    context["report_date"] = day if day is not None else Placeholder("at", options.lang)
    context["previous_review"] = previous[-1] if previous else None
    context["card"] = card
    context["lines"] = lines
    context["overall"] = None if card is None else round_score(card.overall)
    context["coverage"] = None if card is None else round_share(card.coverage)
    context["met_count"] = sum(1 for line in lines if line.status is Status.MET)
    states = _milestone_states(mission, day)
    context["history"] = _history(mission, kpis, places, card, day, states)
    context["milestone_states"] = states
    html = options.format == "html"
    context["charts"] = _charts(mission, day, card, options.lang) if html else ()
    context["chart_legend"] = charts.legend(options.lang) if html else Markup("")
    context["actions"] = _actions(held, review, day, kpis)
    context["overdue_count"] = sum(1 for view in context["actions"] if view.overdue)
    context["needs"] = _needs(held, review, day)
    context["ideas"] = _ideas(held, review, day)
    context["recognitions"] = _recognitions(mission, held, day, kpis)
    lines_paid = payouts(mission, day) if day is not None else ()
    context["payouts"] = _payout_views(mission, lines_paid, kpis)
    totals = payout_totals(lines_paid)
    context["payout_totals"] = totals
    context["payout_net"] = sum(totals.values(), Money.zero(mission.currency)) if totals else None
    summary = reporting_compliance(mission, day) if day is not None else None
    context["reporting"] = summary
    context["timeliness"] = (
        None
        if summary is None
        else _rounded(summary.timeliness, _PER_MILLE, decimal.ROUND_HALF_EVEN)
    )
    issues: tuple[ReportCheck, ...] = ()
    if summary is not None:
        issues = tuple(
            line
            for line in summary.lines
            if line.status in (ReportStatus.LATE, ReportStatus.MISSING)
        )
    context["reporting_issues"] = issues
    context["kpis_by_key"] = kpis
    return context
