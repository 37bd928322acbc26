"""The review report (*compte rendu de point d'étape*): its context builder.

The context is read from the engine's `ReviewReport` (`vendorgov.review_report`), built
once per render: this module scores nothing, settles nothing and picks no rule; it
chooses what to show and rounds it for reading. Which review, which date (the report's
rule):

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
from vendorgov._engine.report import build_report, undated_timeline
from vendorgov._engine.scoring import consensus
from vendorgov._format import round_score, round_share
from vendorgov._model.incentives import BonusTier
from vendorgov._model.kpi import Consensus, Direction, Kpi
from vendorgov._model.mission import Mission
from vendorgov._model.money import DECIMAL_CONTEXT, Money
from vendorgov._model.report import (
    ActionState,
    IdeaState,
    KpiHistory,
    KpiSeries,
    MilestoneState,
    MilestoneStep,
    NeedState,
    PayoutDetail,
    ReviewReport,
)
from vendorgov._model.results import Payout
from vendorgov._model.review import (
    ActionStatus,
    CorrectiveAction,
    Idea,
    IdeaStatus,
    NeedStatus,
    ProviderNeed,
    Recognition,
)
from vendorgov._model.scorecard import KpiResult, Status
from vendorgov._model.text import LocalizedText, localize
from vendorgov._model.tracking import ReportCheck, ReportStatus
from vendorgov._model.voice import Contest, ContestStatus, Evaluation

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
class VoiceScore:
    """One score of an evaluation round: who, the score, its label on a named scale."""

    evaluator: str
    score: Decimal
    label: str | None
    comment: str


@attrs.frozen(kw_only=True)
class VoiceRound:
    """One evaluation round of a qualitative KPI: the evaluators' scores, their consensus
    (median or mean, as the KPI says) and the provider's self-assessment beside it."""

    on: dt.date
    scores: tuple[VoiceScore, ...]
    consensus: Decimal | None
    own: tuple[VoiceScore, ...]


@attrs.frozen(kw_only=True)
class VoiceView:
    """A qualitative KPI's evaluations in the scorecard's period."""

    kpi: Kpi
    mean: bool
    rounds: tuple[VoiceRound, ...]
    self_assessment: Decimal | None

    @property
    def comments(self) -> tuple[tuple[VoiceRound, VoiceScore], ...]:
        """The scores that carry a comment, with their round, in order."""
        return tuple(
            (one, item) for one in self.rounds for item in (*one.scores, *one.own) if item.comment
        )


@attrs.frozen(kw_only=True)
class ContestView:
    """A contest raised by the report's date, as it stood on that date."""

    kpi: Kpi
    contest: Contest
    status: ContestStatus
    answer_due: dt.date
    new_value: Decimal | None


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
    kpi_name: str | LocalizedText | None


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
    kpi_name: str | LocalizedText | None


@attrs.frozen(kw_only=True)
class PayoutView:
    """A payout line and what a sentence about its rule needs.

    Attributes:
        line: The engine's line (its ``rule`` is a code, with typed ``params``).
        kpi_name: The name of the KPI of a service credit or an earn-back.
        score: The overall score, shown by the one rule for scores (`round_score`).
        tier: The bonus tier reached (``None``: none reached, or not a bonus).
        lowest: The lowest tier's minimum score, for a bonus no tier was reached for.
        cap: The bonus scheme's cap (a capped bonus), or the service credits'
            amount at risk (capped credits).
        base: The amount a rate applied to (the bonus base, the period's fee).
        coverage: For a bonus withheld on insufficient evidence, the coverage of
            its scorecard, cut down like every coverage (`round_share`).
        minimum: The minimum coverage that bonus needed (`round_share`).
    """

    line: Payout
    kpi_name: str | LocalizedText | None
    score: Decimal | None
    tier: BonusTier | None
    lowest: Decimal | None
    cap: Money | None
    base: Money | None
    coverage: Decimal | None = None
    minimum: Decimal | None = None


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
    for amendment in mission.amendments:  # the targets amendments set count too
        for change in amendment.changes:
            if change.kpi == kpi and change.new_target is not None:
                values.append(change.new_target)
            if change.kpi == kpi and change.new_threshold is not None:
                values.append(change.new_threshold)
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


# -- choosing the report -----------------------------------------------------------------------
def _report(mission: Mission, options: RenderOptions) -> ReviewReport | None:
    """The engine's report on ``at`` (or at the latest review); ``None`` in draft without."""
    report = build_report(mission, options.at)
    if report is None:
        refuse_unless_draft(
            "at",
            options.draft,
            "the mission has no review to report on: record a review, give the date "
            "of the scorecard with at=..., or render with draft=True",
        )
        return None
    if not mission.milestones:
        refuse_unless_draft(
            "milestones",
            options.draft,
            "the mission has no milestone to score against; add milestones with "
            "targets, or render with draft=True",
        )
    return report


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


def _voice_score(item: Evaluation, kpi: Kpi) -> VoiceScore:
    label = kpi.scale.label_of(item.score) if kpi.scale is not None else None
    return VoiceScore(
        evaluator=item.evaluator, score=_clean(item.score), label=label, comment=item.comment
    )


def _two(value: Decimal) -> Decimal:
    """A consensus or a self-assessment for reading: two decimals at most, half-even."""
    rounded = _rounded(value, _quantum(2), decimal.ROUND_HALF_EVEN)
    assert rounded is not None
    return _clean(rounded.normalize())


def _voices(lines: Sequence[ScoreLine]) -> tuple[VoiceView, ...]:
    """The evaluation rounds of each qualitative KPI line, oldest first."""
    views = []
    for line in lines:
        if not line.result.evaluations:
            continue
        kpi = line.kpi
        days = sorted({item.on for item in line.result.evaluations})
        rounds = []
        for day in days:
            same = [item for item in line.result.evaluations if item.on == day]
            scored = [item.score for item in same if not item.self_assessment]
            rounds.append(
                VoiceRound(
                    on=day,
                    scores=tuple(_voice_score(i, kpi) for i in same if not i.self_assessment),
                    consensus=_two(consensus(scored, kpi.consensus)) if scored else None,
                    own=tuple(_voice_score(i, kpi) for i in same if i.self_assessment),
                )
            )
        own = line.result.self_assessment
        views.append(
            VoiceView(
                kpi=kpi,
                mean=kpi.consensus is Consensus.MEAN,
                rounds=tuple(rounds),
                self_assessment=None if own is None else _two(own),
            )
        )
    return tuple(views)


def _contest_views(mission: Mission, day: dt.date | None) -> tuple[ContestView, ...]:
    """The contests raised by ``day``, as they stood on it, in the order raised."""
    if day is None:
        return ()
    views = []
    for item in sorted(mission.contests, key=lambda contest: contest.raised_on):
        status = item.status_on(day)
        if status is None:
            continue
        views.append(
            ContestView(
                kpi=mission.kpi(item.kpi),
                contest=item,
                status=status,
                answer_due=mission.contest_answer_due(item),
                new_value=None if status is ContestStatus.OPEN else item.new_value,
            )
        )
    return tuple(views)


def _history(
    rows: Sequence[KpiHistory], kpis: dict[str, Kpi], places: dict[str, int]
) -> tuple[HistoryRow, ...]:
    views = []
    for row in rows:
        kpi = kpis[row.kpi]
        views.append(
            HistoryRow(
                kpi=kpi,
                cells=tuple(
                    HistoryCell(
                        state="none" if cell.state is None else cell.state.value,
                        target=cell.target,
                        threshold=cell.threshold,
                        actual=_toward_worse(cell.actual, places[row.kpi], kpi.direction),
                        status=cell.status,
                    )
                    for cell in row.cells
                ),
            )
        )
    return tuple(views)


def _charts(
    mission: Mission,
    series: Sequence[KpiSeries],
    steps: Sequence[MilestoneStep],
    report: ReviewReport | None,
    lang: str,
) -> tuple[ChartView, ...]:
    names = [localize(step.milestone, lang, mission.language)[0] for step in steps]
    card = None if report is None else report.card
    views = []
    for kpi, data in zip(mission.kpis, series, strict=True):
        chart = charts.chart_data(
            data,
            name=localize(kpi.name, lang, mission.language)[0],
            unit=kpi.unit,
            direction=kpi.direction,
            milestone_names=names,
            start=mission.start,
            report_date=None if report is None else report.at,
        )
        result = None if card is None else card.result(kpi.key)
        status = None if result is None else result.status
        views.append(ChartView(kpi=kpi, svg=charts.kpi_chart(chart, lang), status=status))
    return tuple(views)


# -- follow-up: actions, needs, ideas, recognitions --------------------------------------------
def _milestone_state(step: MilestoneStep) -> str:
    """A closed milestone's final outcome, else its state (the history table's header)."""
    if step.state is MilestoneState.CLOSED and step.outcome is not None:
        return "below_target" if step.outcome is Status.AT_RISK else step.outcome.value
    return step.state.value


def _actions(states: Iterable[ActionState], kpis: dict[str, Kpi]) -> tuple[ActionView, ...]:
    return tuple(
        ActionView(
            action=state.action,
            raised_on=state.raised_on,
            status=state.status,
            closed_on=state.closed_on,
            overdue=state.overdue,
            current=state.current,
            kpi_name=_kpi_name(state.action.kpi, kpis),
        )
        for state in states
    )


def _needs(states: Iterable[NeedState]) -> tuple[NeedView, ...]:
    return tuple(
        NeedView(
            need=state.need,
            raised_on=state.raised_on,
            status=state.status,
            answered_on=state.answered_on,
            answer=state.answer,
            current=state.current,
        )
        for state in states
    )


def _ideas(states: Iterable[IdeaState]) -> tuple[IdeaView, ...]:
    return tuple(
        IdeaView(
            idea=state.idea,
            raised_on=state.raised_on,
            status=state.status,
            decided_on=state.decided_on,
            current=state.current,
        )
        for state in states
    )


def _recognitions(
    given: Iterable[Recognition], kpis: dict[str, Kpi]
) -> tuple[RecognitionView, ...]:
    return tuple(
        RecognitionView(recognition=item, kpi_name=_kpi_name(item.kpi, kpis)) for item in given
    )


def _kpi_name(key: str | None, kpis: dict[str, Kpi]) -> str | LocalizedText | None:
    if key is None:
        return None
    kpi = kpis.get(key)
    return key if kpi is None else kpi.name


# -- payouts -----------------------------------------------------------------------------------
def _payout_views(details: Sequence[PayoutDetail], kpis: dict[str, Kpi]) -> tuple[PayoutView, ...]:
    return tuple(
        PayoutView(
            line=detail.line,
            kpi_name=_kpi_name(detail.line.kpi, kpis),
            score=round_score(detail.line.overall),
            tier=detail.tier,
            lowest=detail.lowest,
            cap=detail.cap,
            base=detail.line.base,
            coverage=_share_param(detail.line, "coverage"),
            minimum=_share_param(detail.line, "minimum"),
        )
        for detail in details
    )


def _share_param(line: Payout, name: str) -> Decimal | None:
    """A share parameter of a bonus withheld on insufficient evidence, for display."""
    if line.rule != "bonus_insufficient_evidence":
        return None
    value = line.param(name)
    return round_share(value) if isinstance(value, Decimal) else None


# -- the builder -------------------------------------------------------------------------------
def review_context(mission: Mission, options: RenderOptions) -> dict[str, Any]:
    """The variables of the review report (*compte rendu de point d'étape*).

    Adds to `base_context` (the module's documentation says which review and which date):

    - ``review``: the `Review` reported on; ``None`` when ``at`` is before the first
      review; a placeholder in draft mode without review nor ``at``.
    - ``report_date``: the date of the report and of its scorecard (a placeholder in
      draft mode without review nor ``at``); ``previous_review``: the review before.
    - ``card``: the `Scorecard` (``None`` when it cannot be computed, in draft mode);
      ``lines``: `ScoreLine` objects; ``overall`` (cut down to 0.1), ``coverage`` and
      ``min_coverage`` (fractions, cut down to 0.001); ``met_count``: how many KPIs are met.
    - ``history``: `HistoryRow` objects, one per KPI, a `HistoryCell` per milestone;
      ``milestone_states``: per milestone, its final outcome once closed (``"met"``,
      ``"below_target"``, ``"missed"``; ``"closed"`` without any data), else
      ``"current"`` or ``"future"``.
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
    - ``voices``: `VoiceView` objects, one per qualitative KPI of the scorecard with
      evaluations in its period: each round's scores, consensus and self-assessment.
    - ``contests``: `ContestView` objects, the contests raised by the report's date, as
      they stood on it (open until resolved), with their answer deadline.

    Raises:
        ValidationError: Without a review and without ``at`` (path ``at``), or when
            the mission has no milestone (path ``milestones``), unless ``draft`` is true.
    """
    report = _report(mission, options)
    dues = None if report is None else tuple(step.due for step in report.milestones)
    context = base_context(mission, options, dues)
    kpis = {kpi.key: kpi for kpi in mission.kpis}
    places = {kpi.key: _places(kpi.key, mission) for kpi in mission.kpis}
    card = None if report is None else report.card
    if report is not None:
        steps, rows, series = report.milestones, report.history, report.series
    else:
        steps, rows, series = undated_timeline(mission)

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
    if report is None:
        context["review"] = Placeholder("reviews", options.lang)
        context["report_date"] = Placeholder("at", options.lang)
        context["previous_review"] = None  # no date without any review
    else:
        context["review"] = report.review
        context["report_date"] = report.at
        context["previous_review"] = report.previous_review
    context["card"] = card
    context["lines"] = lines
    context["overall"] = None if card is None else round_score(card.overall)
    context["coverage"] = None if card is None else round_share(card.coverage)
    context["min_coverage"] = None if card is None else round_share(card.min_coverage)
    context["met_count"] = sum(1 for line in lines if line.status is Status.MET)
    context["history"] = _history(rows, kpis, places)
    context["milestone_states"] = tuple(_milestone_state(step) for step in steps)
    html = options.format == "html"
    context["charts"] = _charts(mission, series, steps, report, options.lang) if html else ()
    context["chart_legend"] = charts.legend(options.lang) if html else Markup("")
    if report is None:
        # a draft without any review: no follow-up, the mission's recognitions
        context["actions"] = context["needs"] = context["ideas"] = ()
        given = sorted(mission.recognitions, key=lambda item: item.on)
        context["recognitions"] = _recognitions(given, kpis)
    else:
        context["actions"] = _actions(report.actions, kpis)
        context["needs"] = _needs(report.needs)
        context["ideas"] = _ideas(report.ideas)
        context["recognitions"] = _recognitions(report.recognitions, kpis)
    context["overdue_count"] = sum(1 for view in context["actions"] if view.overdue)
    details = () if report is None else report.payouts
    context["payouts"] = _payout_views(details, kpis)
    context["payout_totals"] = (
        {} if report is None else {total.category: total.amount for total in report.payout_totals}
    )
    context["payout_net"] = None if report is None else report.payout_net
    summary = None if report is None else report.reporting
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
    context["voices"] = _voices(lines)
    context["contests"] = _contest_views(mission, None if report is None else report.at)
    return context
