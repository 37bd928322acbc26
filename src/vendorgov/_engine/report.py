"""The review report: every engine result a review shows, computed once (DESIGN.md §3).

[`review_report`][vendorgov.review_report] gathers, for one mission on one date, what
the review document, its charts, the CLI and the notebook show: the scorecard, the
results milestone by milestone, each KPI's series for its chart, the payouts with the
rule applied, reporting compliance, the follow-up of the reviews and, on request, the
findings. Each dependency is computed once: the milestones' due dates are resolved
once, each milestone reached is scored once at its due date (its scorecard serves the
history and the payouts, and the current scorecard when the report falls on that due
date), the current milestone once at the report's date.

Which review, which date (the review document's rule):

- ``at=None``: the mission's latest review, and its date is the report's date.
  A mission without any review has nothing to report: refused (path ``at``).
- ``at`` given: the report is the situation on that date; the review reported on is
  the latest held on or before ``at``, if any (a report dated before the first review
  has the scorecard and the follow-up, but no meeting).

The scorecard is the one the review recorded when the review was held on the report's
date; for a review held on that date that names its milestone, that milestone scored at
its due date (the window the meeting was about); else the mission scored on that date.
Milestones already due carry their final outcome (met, below target, missed).
Everything else is seen *as it stood on the report's date*: measurements after it are not
in the series; corrective actions,
provider needs and ideas raised by the reviews held up to that date have their status
on that date (an action closed later is still open, and overdue when its due date has
passed); recognitions up to that date; payouts of the milestones reached by then;
reporting compliance on that date.
"""

from __future__ import annotations

import datetime as dt
import decimal
import zoneinfo
from collections.abc import Iterable, Sequence
from decimal import Decimal

from vendorgov._engine import incentives, scoring
from vendorgov._engine.health import assess
from vendorgov._engine.reporting import reporting_compliance
from vendorgov._model.amendment import in_force
from vendorgov._model.incentives import BonusScheme, BonusTier
from vendorgov._model.kpi import Aggregation, Kpi, Milestone
from vendorgov._model.mission import Mission
from vendorgov._model.money import DECIMAL_CONTEXT, Money
from vendorgov._model.report import (
    ActionState,
    HistoryCell,
    IdeaState,
    KpiHistory,
    KpiSeries,
    MilestoneState,
    MilestoneStep,
    NeedState,
    PayoutDetail,
    PayoutTotal,
    ReviewReport,
    SeriesPoint,
    SeriesTier,
)
from vendorgov._model.results import Payout, PayoutCategory
from vendorgov._model.review import ActionStatus, IdeaStatus, NeedStatus, Recognition, Review
from vendorgov._model.scorecard import Scorecard
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["build_report", "held_reviews", "review_report", "undated_timeline"]

_DAY = dt.timedelta(days=1)
_NEW = object.__new__
_SET = object.__setattr__


def review_report(
    mission: Mission, at: dt.date | None = None, *, findings: bool = True
) -> ReviewReport:
    """What a review report says about ``mission`` on ``at``, every part computed once.

    The module documentation says which review and which date: the latest review held
    on or before ``at``; without ``at``, the latest review and its date.

    Args:
        mission: The mission.
        at: The report's date (a date; vendorgov never reads the clock); ``None``: the
            date of the latest review.
        findings: Whether to [`assess`][vendorgov.assess] the mission on the report's
            date too (``findings`` is ``None`` in the report without them).

    Returns:
        The report: scorecard, history, series, payouts, reporting, follow-up, findings.

    Raises:
        ValidationError: When ``mission`` is not a mission or ``at`` is not a date, or
            without ``at`` when the mission has no review (path ``at``).

    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_mission("logistique")
    >>> report = vendorgov.review_report(mission)
    >>> report.at, report.card.milestone, report.card.at
    (datetime.date(2026, 9, 8), 'M+6', datetime.date(2026, 9, 2))
    >>> bonus = report.payouts[0]
    >>> bonus.line.milestone, str(bonus.line.amount), bonus.tier.min_score, bonus.tier.rate
    ('M+1', '137.00 EUR', Decimal('75'), Decimal('0.02'))
    """
    mission = incentives.check_mission(mission)
    if at is not None:
        at = incentives.check_date(at)
    built = build_report(mission, at, findings=findings)
    if built is None:
        raise ValidationError(
            [
                ErrorDetail(
                    "at",
                    "the mission has no review to report on: record a review, "
                    "or give the report's date with at=...",
                )
            ]
        )
    return built


def held_reviews(mission: Mission, day: dt.date | None) -> list[Review]:
    """The mission's reviews held on or before ``day`` (all of them for ``None``), in date order."""
    reviews = sorted(mission.reviews, key=lambda review: review.on)
    return [review for review in reviews if day is None or review.on <= day]


def build_report(
    mission: Mission, at: dt.date | None, *, findings: bool = False
) -> ReviewReport | None:
    """The report on ``at`` (a checked date), or at the latest review for ``None``.

    ``None`` when there is no date to report on (no ``at`` and no review): the review
    document then shows placeholders in draft mode.
    """
    held = held_reviews(mission, at)
    day = at if at is not None else (held[-1].on if held else None)
    if day is None:
        return None
    review = held[-1] if held else None
    previous = [item for item in held if item is not review]

    dues = mission.milestone_dues()  # resolved once for the whole report
    current = _current_index(dues, day)
    closed = _closed_cards(mission, dues, day)
    card = _scorecard(mission, review, day, dues, current, closed)
    # The history's current column is the current milestone on ``day``, even when the
    # review's card is about a milestone already closed.
    now = card
    if dues and card is not None and card.at != day:
        now = closed.get(current) if dues[current] == day else None
        if now is None:
            now = scoring._score(mission, day, dues, current, day)
    milestones, history, series = _timeline(mission, dues, day, now, closed)
    details = _payouts(mission, closed, dues, day)
    totals = incentives.payout_totals(detail.line for detail in details)
    return ReviewReport._unchecked(
        mission=mission.key,
        at=day,
        review=review,
        previous_review=previous[-1] if previous else None,
        card=card,
        milestones=milestones,
        history=history,
        series=series,
        payouts=details,
        payout_totals=tuple(
            PayoutTotal._unchecked(category=category, amount=amount)
            for category, amount in totals.items()
        ),
        payout_net=sum(totals.values(), Money.zero(mission.currency)) if totals else None,
        reporting=reporting_compliance(mission, day),
        actions=_actions(held, review, day),
        needs=_needs(held, review, day),
        ideas=_ideas(held, review, day),
        recognitions=_recognitions(mission, held, day),
        findings=tuple(assess(mission, day)) if findings else None,
    )


def undated_timeline(
    mission: Mission,
) -> tuple[tuple[MilestoneStep, ...], tuple[KpiHistory, ...], tuple[KpiSeries, ...]]:
    """The milestones, history and series of a report without a date (a draft).

    Every milestone is to come, and the series hold every measurement.
    """
    return _timeline(mission, mission.milestone_dues(), None, None, {})


def _timeline(
    mission: Mission,
    dues: Sequence[dt.date],
    day: dt.date | None,
    card: Scorecard | None,
    closed: dict[int, Scorecard],
) -> tuple[tuple[MilestoneStep, ...], tuple[KpiHistory, ...], tuple[KpiSeries, ...]]:
    starts = tuple(
        mission.start if index == 0 else dues[index - 1] + _DAY for index in range(len(dues))
    )
    current = -1 if day is None else _current_index(dues, day)
    states = tuple(
        MilestoneState.CLOSED
        if day is not None and due <= day
        else MilestoneState.CURRENT
        if index == current
        else MilestoneState.FUTURE
        for index, due in enumerate(dues)
    )
    milestones = tuple(
        MilestoneStep._unchecked(
            milestone=milestone.name,
            start=start,
            due=due,
            state=state,
            outcome=scoring.outcome(closed[index]) if index in closed else None,
        )
        for index, (milestone, start, due, state) in enumerate(
            zip(mission.milestones, starts, dues, states, strict=True)
        )
    )
    in_force_milestones = _milestones_in_force(mission, dues)
    history = _history(mission, card, states, closed, in_force_milestones)
    return milestones, history, _series(mission, starts, dues, day, in_force_milestones)


# -- scorecards --------------------------------------------------------------------------
def _current_index(dues: Sequence[dt.date], day: dt.date) -> int:
    """The milestone being scored on ``day`` (`current_milestone`); -1 without milestones."""
    for index, due in enumerate(dues):
        if due >= day:
            return index
    return len(dues) - 1


def _closed_cards(mission: Mission, dues: Sequence[dt.date], day: dt.date) -> dict[int, Scorecard]:
    """Each milestone reached by ``day``, scored at its due date (`score_history`)."""
    return {
        index: scoring._score(mission, due, dues, index, day)
        for index, due in enumerate(dues)
        if due <= day
    }


def _scorecard(
    mission: Mission,
    review: Review | None,
    day: dt.date,
    dues: Sequence[dt.date],
    current: int,
    closed: dict[int, Scorecard],
) -> Scorecard | None:
    """The scorecard of a review held on ``day`` (`review_scorecard`), else ``score(mission, day)``.

    A review held on ``day`` shows the scorecard it recorded; without one, the scorecard
    of the milestone it names (scored at its due date); else the mission scored on ``day``.
    """
    if review is not None and review.on == day and review.scorecard is not None:
        return review.scorecard
    if not dues:
        return None
    if review is not None and review.on == day and review.milestone is not None:
        index = mission.milestone_index(review.milestone)
        if index is not None:
            found = closed.get(index)
            if found is not None:
                return found  # scored at its due date already: the same computation
            return scoring._score(mission, day, dues, index, day)
    same = closed.get(current)
    if same is not None and dues[current] == day:
        return same  # scored at its due date already: the same computation
    return scoring._score(mission, day, dues, current, day)


def _history(
    mission: Mission,
    card: Scorecard | None,
    states: tuple[MilestoneState, ...],
    closed: dict[int, Scorecard],
    in_force_milestones: Sequence[Milestone],
) -> tuple[KpiHistory, ...]:
    if not mission.milestones or not mission.kpis:
        return ()
    rows = []
    for kpi in mission.kpis:
        cells = []
        for index, milestone in enumerate(in_force_milestones):
            target = milestone.target_for(kpi.key)
            if target is None:
                cells.append(HistoryCell._unchecked())
                continue
            state = states[index]
            found = closed.get(index)
            if found is None and state is MilestoneState.CURRENT:
                found = card
            if found is None:
                cells.append(
                    HistoryCell._unchecked(
                        state=MilestoneState.FUTURE,
                        target=target.target,
                        threshold=target.threshold,
                    )
                )
                continue
            result = found.result(kpi.key)
            cells.append(
                HistoryCell._unchecked(
                    state=state,
                    target=target.target,
                    threshold=target.threshold,
                    actual=None if result is None else result.actual,
                    status=None if result is None else result.status,
                )
            )
        rows.append(KpiHistory._unchecked(kpi=kpi.key, cells=tuple(cells)))
    return tuple(rows)


def _milestones_in_force(mission: Mission, dues: Sequence[dt.date]) -> tuple[Milestone, ...]:
    """Each milestone as in force on its window's first day (the terms it is scored by)."""
    if not mission.amendments:
        return mission.milestones
    return tuple(
        in_force(mission, mission.start if index == 0 else dues[index - 1] + _DAY).milestones[index]
        for index in range(len(dues))
    )


# -- series ------------------------------------------------------------------------------
def _point(on: dt.date, value: Decimal) -> SeriesPoint:
    """A `SeriesPoint` from checked values, built lean: there are many."""
    point = _NEW(SeriesPoint)
    _SET(point, "on", on)
    _SET(point, "value", value)
    return point


def _series(
    mission: Mission,
    starts: Sequence[dt.date],
    dues: Sequence[dt.date],
    day: dt.date | None,
    milestones: Sequence[Milestone],
) -> tuple[KpiSeries, ...]:
    """Each KPI's series, from one pass over the measurements."""
    zone: zoneinfo.ZoneInfo | None = None
    dated: dict[str, list[tuple[dt.date, int, int, Decimal]]] = {
        kpi.key: [] for kpi in mission.kpis
    }
    for position, measurement in enumerate(mission.measurements):
        found = dated.get(measurement.kpi)
        if found is None:
            continue
        at = measurement.at
        second = -1
        if isinstance(at, dt.datetime):  # its day in the mission's timezone
            if zone is None:
                zone = zoneinfo.ZoneInfo(mission.timezone)
            local = at.astimezone(zone)
            at, second = local.date(), local.hour * 3600 + local.minute * 60 + local.second
        if day is not None and at > day:
            continue
        found.append((at, second, position, measurement.value))
    # A qualitative KPI's points are its evaluation rounds: each round's consensus.
    rounds: dict[tuple[str, dt.date], list[Decimal]] = {}
    for evaluation in mission.evaluations:
        if evaluation.self_assessment or (day is not None and evaluation.on > day):
            continue
        rounds.setdefault((evaluation.kpi, evaluation.on), []).append(evaluation.score)
    if rounds:
        how = {kpi.key: kpi.consensus for kpi in mission.kpis}
        for position, ((key, on), scores) in enumerate(sorted(rounds.items())):
            if key in dated:
                dated[key].append((on, -1, position, scoring.consensus(scores, how[key])))
    return tuple(_kpi_series(kpi, dated[kpi.key], starts, dues, milestones) for kpi in mission.kpis)


def _kpi_series(
    kpi: Kpi,
    dated: list[tuple[dt.date, int, int, Decimal]],
    starts: Sequence[dt.date],
    dues: Sequence[dt.date],
    milestones: Sequence[Milestone],
) -> KpiSeries:
    dated.sort(key=lambda item: item[:3])  # day, time of day (a date first), given order
    points = [(on, value) for on, _, _, value in dated]
    cumulative = kpi.aggregation is Aggregation.SUM
    if cumulative:
        points = _running_totals(points, dues)
    tiers = []
    for milestone, start, due in zip(milestones, starts, dues, strict=True):
        target = milestone.target_for(kpi.key)
        tiers.append(
            SeriesTier._unchecked(
                milestone=milestone.name,
                start=start,
                due=due,
                target=None if target is None else target.target,
                threshold=None if target is None else target.threshold,
            )
        )
    return KpiSeries._unchecked(
        kpi=kpi.key,
        cumulative=cumulative,
        points=tuple(_point(on, value) for on, value in points),
        tiers=tuple(tiers),
        expected=_expected_path(tiers),
    )


def _running_totals(
    points: Sequence[tuple[dt.date, Decimal]], dues: Sequence[dt.date]
) -> list[tuple[dt.date, Decimal]]:
    """Each point's running total since the start of its milestone window."""

    def window(day: dt.date) -> int:
        for index, due in enumerate(dues):
            if day <= due:
                return index
        return len(dues)

    totals: list[tuple[dt.date, Decimal]] = []
    current, total = -1, Decimal(0)
    with decimal.localcontext(DECIMAL_CONTEXT):
        for day, value in points:
            index = window(day)
            if index != current:
                current, total = index, Decimal(0)
            total += value
            totals.append((day, total))
    return totals


def _expected_path(tiers: Sequence[SeriesTier]) -> tuple[tuple[SeriesPoint, ...], ...]:
    """The expected value's path (`scoring`'s interpolation), as polylines."""
    lines: list[tuple[SeriesPoint, ...]] = []
    line: list[SeriesPoint] = []
    for tier in tiers:
        if tier.target is None:
            if line:
                lines.append(tuple(line))
            line = []
            continue
        if not line:  # no previous target: flat at the target over the window
            line.append(_point(tier.start, tier.target))
        line.append(_point(tier.due, tier.target))
    if line:
        lines.append(tuple(line))
    return tuple(lines)


# -- payouts -----------------------------------------------------------------------------
def _payouts(
    mission: Mission, closed: dict[int, Scorecard], dues: Sequence[dt.date], at: dt.date
) -> tuple[PayoutDetail, ...]:
    """`payouts` from the scorecards of the milestones reached, already computed.

    The same lines, in the same order, built by the same functions as
    [`payouts`][vendorgov.payouts]; only the scoring is not done again.
    """
    bonus, credit_scheme = mission.bonus, mission.service_credits
    if not closed or (bonus is None and credit_scheme is None):
        return ()
    currency = mission.currency
    lines: list[Payout] = []
    previous_credits: list[Payout] = []
    for index, card in sorted(closed.items()):
        if bonus is not None:
            lines.append(incentives._bonus(bonus, card, currency))
        credits: list[Payout] = []
        if credit_scheme is not None:
            credits = incentives._milestone_credits(mission, credit_scheme, index, card, dues, at)
            lines.extend(credits)
            if credit_scheme.earn_back:
                lines.extend(incentives._earn_backs(previous_credits, card))
        previous_credits = credits
    return tuple(_detail(mission, line) for line in lines)


def _reached_tier(scheme: BonusScheme, overall: Decimal | None) -> BonusTier | None:
    """The tier a bonus line was paid on: the highest one ``overall`` reaches."""
    if overall is None:
        return None
    reached = [tier for tier in scheme.tiers if tier.min_score <= overall]
    return max(reached, key=lambda tier: tier.min_score) if reached else None


def _detail(mission: Mission, line: Payout) -> PayoutDetail:
    bonus, credits = mission.bonus, mission.service_credits
    if line.category is PayoutCategory.BONUS and line.rule == "bonus_insufficient_evidence":
        return PayoutDetail._unchecked(line=line)  # no tier on too little evidence
    if line.category is PayoutCategory.BONUS and bonus is not None:
        tier = _reached_tier(bonus, line.overall)
        return PayoutDetail._unchecked(
            line=line,
            tier=tier,
            lowest=None if tier is not None else min(t.min_score for t in bonus.tiers),
            cap=bonus.cap if line.capped else None,
        )
    if line.category is PayoutCategory.SERVICE_CREDIT and credits is not None:
        return PayoutDetail._unchecked(line=line, cap=credits.at_risk if line.capped else None)
    return PayoutDetail._unchecked(line=line)


# -- follow-up ---------------------------------------------------------------------------
def _as_of(day: dt.date, on: dt.date | None) -> bool:
    """Whether something dated ``on`` had happened by ``day``."""
    return on is not None and on <= day


def _actions(
    held: Iterable[Review], current: Review | None, day: dt.date
) -> tuple[ActionState, ...]:
    states = []
    for review in held:
        for action in review.corrective_actions:
            closed = _as_of(day, action.closed_on)
            status = action.status if closed else ActionStatus.OPEN
            states.append(
                ActionState._unchecked(
                    action=action,
                    raised_on=review.on,
                    status=status,
                    closed_on=action.closed_on if closed else None,
                    overdue=status is ActionStatus.OPEN and action.due < day,
                    current=review is current,
                )
            )
    return tuple(states)


def _needs(held: Iterable[Review], current: Review | None, day: dt.date) -> tuple[NeedState, ...]:
    states = []
    for review in held:
        for need in review.needs:
            answered = _as_of(day, need.answered_on)
            states.append(
                NeedState._unchecked(
                    need=need,
                    raised_on=review.on,
                    status=need.status if answered else NeedStatus.OPEN,
                    answered_on=need.answered_on if answered else None,
                    answer=need.answer if answered else "",
                    current=review is current,
                )
            )
    return tuple(states)


def _ideas(held: Iterable[Review], current: Review | None, day: dt.date) -> tuple[IdeaState, ...]:
    states = []
    for review in held:
        for idea in review.ideas:
            decided = _as_of(day, idea.decided_on)
            states.append(
                IdeaState._unchecked(
                    idea=idea,
                    raised_on=review.on,
                    status=idea.status if decided else IdeaStatus.PROPOSED,
                    decided_on=idea.decided_on if decided else None,
                    current=review is current,
                )
            )
    return tuple(states)


def _recognitions(
    mission: Mission, held: Iterable[Review], day: dt.date
) -> tuple[Recognition, ...]:
    given = [item for review in held for item in review.recognitions]
    given.extend(mission.recognitions)
    return tuple(sorted((item for item in given if item.on <= day), key=lambda item: item.on))
