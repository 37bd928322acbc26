"""Scorecards: where a provider stands against its tiered targets (DESIGN.md §5).

For a mission at date ``at``, the *current milestone* is the first whose due
date is on or after ``at`` (the last one when all have passed). Its *window*
runs from the day after the previous milestone's due date (the mission start
for the first milestone) to ``min(at, due)``, both inclusive.

For each KPI with a target on that milestone, ``actual`` aggregates the
window's measurements; ``points = 100 × clamp((actual − threshold) / (target −
threshold), 0, 1)``; the status is ``met`` when ``actual`` is at least as good
as the target, ``missed`` when it is not better than the threshold, otherwise
``at_risk``. The overall score is the weighted mean of the points of the KPIs
that have data, ``coverage`` the share of weight that had data; with no data
at all the overall score is ``None``. The standing is the band the overall
score falls in, given only when ``coverage`` reaches the mission's
``min_coverage`` (50 % by default); below it the standing is ``None``:
"insufficient evidence" (``Scorecard.sufficient`` is false).

All arithmetic is ``Decimal`` in a fixed context (28 significant digits),
whatever the caller's thread context; nothing is rounded.
"""

from __future__ import annotations

import datetime as dt
import decimal
import zoneinfo
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from vendorgov._model.amendment import in_force
from vendorgov._model.kpi import Aggregation, Band, Consensus, Direction, Kpi, Milestone
from vendorgov._model.mission import Mission
from vendorgov._model.money import DECIMAL_CONTEXT
from vendorgov._model.portfolio import Scorecards
from vendorgov._model.scorecard import KpiResult, Scorecard, Status
from vendorgov._model.voice import Contest, ContestStatus, Evaluation
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "aggregate",
    "consensus",
    "current_milestone",
    "outcome",
    "score",
    "score_history",
    "standing",
]

_CONTEXT = DECIMAL_CONTEXT
_ZERO = Decimal(0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
_DAY = dt.timedelta(days=1)


def aggregate(values: Sequence[Decimal], aggregation: Aggregation) -> Decimal:
    """Combine a window's values (in time order) into one actual value.

    ``last`` takes the last value of the sequence; ``median`` of an even count
    is the mean of the two middle values.

    Raises:
        ValidationError: When there are no values.

    >>> from decimal import Decimal
    >>> aggregate([Decimal(1), Decimal(2), Decimal(4)], Aggregation.MEAN)
    Decimal('2.333333333333333333333333333')
    >>> aggregate([Decimal(4), Decimal(1), Decimal(3), Decimal(2)], Aggregation.MEDIAN)
    Decimal('2.5')
    """
    if not values:
        raise ValidationError([ErrorDetail("values", "cannot aggregate an empty window")])
    with decimal.localcontext(_CONTEXT):
        return _aggregate(values, aggregation)


def _aggregate(values: Sequence[Decimal], aggregation: Aggregation) -> Decimal:
    if aggregation is Aggregation.MEAN:
        return sum(values, _ZERO) / len(values)
    if aggregation is Aggregation.SUM:
        return sum(values, _ZERO)
    if aggregation is Aggregation.LAST:
        return values[-1]
    if aggregation is Aggregation.MIN:
        return min(values)
    if aggregation is Aggregation.MAX:
        return max(values)
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def consensus(scores: Sequence[Decimal], how: Consensus = Consensus.MEDIAN) -> Decimal:
    """Combine the scores of one evaluation round into one value.

    ``median`` (the default) of an even count is the mean of the two middle
    scores, exact; ``mean`` is the plain mean.

    Raises:
        ValidationError: When there are no scores.

    >>> from decimal import Decimal
    >>> consensus([Decimal(4), Decimal(2), Decimal(5)])
    Decimal('4')
    >>> consensus([Decimal(4), Decimal(3)]), consensus([Decimal(4), Decimal(3)], Consensus.MEAN)
    (Decimal('3.5'), Decimal('3.5'))
    >>> consensus([Decimal(5), Decimal(2), Decimal(2)], Consensus.MEAN)
    Decimal('3')
    """
    if not scores:
        raise ValidationError([ErrorDetail("scores", "cannot combine an empty round")])
    aggregation = Aggregation.MEDIAN if how is Consensus.MEDIAN else Aggregation.MEAN
    with decimal.localcontext(_CONTEXT):
        return _aggregate(scores, aggregation)


def standing(overall: Decimal | None, bands: Iterable[Band]) -> str | None:
    """The name of the band ``overall`` falls in; ``None`` without a score.

    Bands are closed: a score equal to a band's minimum is in that band.

    >>> from vendorgov import DEFAULT_BANDS
    >>> standing(Decimal(90), DEFAULT_BANDS), standing(Decimal("89.99"), DEFAULT_BANDS)
    ('excellent', 'good')
    """
    if overall is None:
        return None
    best: Band | None = None
    for band in bands:
        if band.minimum <= overall and (best is None or band.minimum > best.minimum):
            best = band
    return None if best is None else best.name


def current_milestone(mission: Mission, at: dt.date) -> int:
    """The index of the milestone a scorecard at ``at`` is about.

    The first milestone due on or after ``at``, or the last one when all have passed.

    Raises:
        ValidationError: When the mission has no milestone.
    """
    dues = _dues(mission)
    return _current_index(dues, at)


def _dues(mission: Mission) -> tuple[dt.date, ...]:
    if not mission.milestones:
        raise ValidationError(
            [ErrorDetail("milestones", "the mission has no milestone to score against")]
        )
    return mission.milestone_dues()


def _current_index(dues: Sequence[dt.date], at: dt.date) -> int:
    for index, due in enumerate(dues):
        if due >= at:
            return index
    return len(dues) - 1


def _check_at(at: object) -> dt.date:
    if isinstance(at, dt.datetime) or not isinstance(at, dt.date):
        raise ValidationError([ErrorDetail("at", f"expected a date, got {at!r}")])
    return at


def score(mission: Mission, at: dt.date) -> Scorecard:
    """The mission's scorecard at date ``at``.

    Args:
        mission: The mission.
        at: The date to score at (a date, not a datetime; vendorgov never
            reads the clock).

    Returns:
        The scorecard of the current milestone at ``at``.

    Raises:
        ValidationError: When ``at`` is not a date or the mission has no milestone.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> card = score(examples.demo_missions()[0], dt.date(2026, 4, 2))
    >>> card.milestone, card.window_start.isoformat(), card.window_end.isoformat()
    ('M+1', '2026-03-02', '2026-04-02')
    """
    at = _check_at(at)
    dues = _dues(mission)
    return _score(mission, at, dues, _current_index(dues, at), at)


def outcome(card: Scorecard) -> Status | None:
    """How a milestone ended, from its scorecard at its due date.

    ``missed`` when any KPI is missed, ``met`` when every KPI with data is met,
    otherwise ``at_risk`` (*below target*: no KPI below its threshold, not all at
    their target); ``None`` when no KPI had data, or when the scorecard covers less
    than the mission's minimum coverage and no KPI is missed (a missed KPI is a fact
    on any evidence; "met" or "below target" on too little of it is no verdict).

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> history = score_history(examples.demo_mission("logistique"), dt.date(2026, 12, 31))
    >>> [(card.milestone, outcome(card).value) for card in history]
    [('M+1', 'missed'), ('M+6', 'missed'), ("Fin d'année", 'at_risk')]
    """
    statuses = {line.status for line in card.results if line.status is not Status.NO_DATA}
    if not statuses:
        return None
    if Status.MISSED in statuses:
        return Status.MISSED
    if not card.sufficient:
        return None
    if statuses == {Status.MET}:
        return Status.MET
    return Status.AT_RISK


def score_history(mission: Mission, at: dt.date | None = None) -> Scorecards:
    """The scorecard of each milestone, scored at its due date.

    A [`Scorecards`][vendorgov.Scorecards]: a tuple that notebooks show as a table.

    Args:
        mission: The mission.
        at: When given, only the milestones due on or before ``at``.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> [c.milestone for c in score_history(examples.demo_missions()[0], dt.date(2026, 11, 29))]
    ['M+1', 'M+6']
    """
    if at is not None:
        at = _check_at(at)
    dues = _dues(mission)
    known = dt.date.max if at is None else at
    return Scorecards(
        _score(mission, due, dues, index, known)
        for index, due in enumerate(dues)
        if at is None or due <= at
    )


def _window(mission: Mission, dues: Sequence[dt.date], index: int) -> tuple[dt.date, dt.date]:
    start = mission.start if index == 0 else dues[index - 1] + _DAY
    return start, dues[index]


def _score(
    mission: Mission, at: dt.date, dues: Sequence[dt.date], index: int, known: dt.date
) -> Scorecard:
    """Milestone ``index``'s scorecard at ``at``, with the contests known on ``known``.

    ``known`` is the date whose knowledge counts for contests (``at`` for `score`; the
    history's date for `score_history`, so that a milestone's final result shows the
    contests raised and resolved since its due date).
    """
    window_start, due = _window(mission, dues, index)
    if mission.amendments:
        # A window is scored by the terms in force on its first day: an amendment taking
        # effect inside it applies from the next window on (amendments never move milestones).
        mission = in_force(mission, window_start)
    milestone = mission.milestones[index]
    # Before the mission starts, the window is empty: it starts and ends on the mission's
    # start (the first day it will hold), later than ``at``, and counts no measurement.
    window_end = max(min(at, due), window_start)
    current = (window_start.toordinal(), window_end.toordinal())
    if at < window_start:
        current = (window_start.toordinal(), window_start.toordinal() - 1)
    previous: tuple[int, int] | None = None
    if index > 0:
        previous_start, previous_due = _window(mission, dues, index - 1)
        previous = (previous_start.toordinal(), previous_due.toordinal())

    kpis = {kpi.key: kpi for kpi in mission.kpis}
    targeted = {target.kpi for target in milestone.targets}
    now_values, before_values = _collect(mission, targeted, current, previous)
    voices = _voices(mission, kpis, targeted, current, previous, now_values, before_values)
    contests = _contests(mission, milestone.name, index, known)

    with decimal.localcontext(_CONTEXT):
        results = tuple(
            _voiced(
                _result(
                    kpis[target.kpi],
                    target.target,
                    target.threshold,
                    now_values[target.kpi],
                    before_values[target.kpi],
                    _expected(mission, dues, index, target.kpi, target.target, window_end),
                ),
                kpis[target.kpi],
                voices.get(target.kpi),
                contests.get(target.kpi),
                known,
            )
            for target in milestone.targets
        )
        total_weight = sum((line.weight for line in results), _ZERO)
        data_weight = sum((line.weight for line in results if line.points is not None), _ZERO)
        overall: Decimal | None = None
        if data_weight:
            weighted = sum(
                (line.weight * line.points for line in results if line.points is not None), _ZERO
            )
            overall = weighted / data_weight
        coverage = data_weight / total_weight if total_weight else _ZERO
    return Scorecard._unchecked(
        mission=mission.key,
        at=at,
        milestone=milestone.name,
        due=due,
        window_start=window_start,
        window_end=window_end,
        results=results,
        coverage=coverage,
        overall=overall,
        # Below the mission's minimum coverage the verdict is withheld: no band.
        standing=standing(overall, mission.bands) if coverage >= mission.min_coverage else None,
        min_coverage=mission.min_coverage,
    )


_Voice = tuple[tuple[Evaluation, ...], Decimal | None]


def _rounds(
    evaluations: Iterable[Evaluation], how: Consensus, aggregation: Aggregation
) -> list[Decimal]:
    """One consensus value per evaluation round (date), in date order."""
    by_day: dict[dt.date, list[Decimal]] = {}
    for evaluation in evaluations:
        by_day.setdefault(evaluation.on, []).append(evaluation.score)
    kind = Aggregation.MEDIAN if how is Consensus.MEDIAN else Aggregation.MEAN
    return [_aggregate(by_day[day], kind) for day in sorted(by_day)]


def _voices(
    mission: Mission,
    kpis: dict[str, Kpi],
    targeted: set[str],
    current: tuple[int, int],
    previous: tuple[int, int] | None,
    now: dict[str, list[Decimal]],
    before: dict[str, list[Decimal]],
) -> dict[str, _Voice]:
    """The evaluators' rounds of each targeted qualitative KPI, as measurements.

    Each round's consensus is appended (in date order) to the KPI's values of its
    window; returns, per KPI, the window's evaluations and the provider's
    self-assessment over the window (its rounds combined in the same way).
    """
    qualitative = {key for key in targeted if kpis[key].scale is not None}
    if not qualitative or not mission.evaluations:
        return {}
    low, high = current
    p_low, p_high = previous if previous is not None else (1, 0)
    found: dict[str, list[Evaluation]] = {key: [] for key in qualitative}
    found_before: dict[str, list[Evaluation]] = {key: [] for key in qualitative}
    for evaluation in mission.evaluations:
        if evaluation.kpi not in qualitative:
            continue
        ordinal = evaluation.on.toordinal()
        if low <= ordinal <= high:
            found[evaluation.kpi].append(evaluation)
        elif p_low <= ordinal <= p_high:
            found_before[evaluation.kpi].append(evaluation)
    voices: dict[str, _Voice] = {}
    with decimal.localcontext(_CONTEXT):
        for key in sorted(qualitative):
            kpi = kpis[key]
            window = found[key]
            now[key].extend(
                _rounds(
                    (e for e in window if not e.self_assessment), kpi.consensus, kpi.aggregation
                )
            )
            before[key].extend(
                _rounds(
                    (e for e in found_before[key] if not e.self_assessment),
                    kpi.consensus,
                    kpi.aggregation,
                )
            )
            own = _rounds((e for e in window if e.self_assessment), kpi.consensus, kpi.aggregation)
            self_assessment = _aggregate(own, kpi.aggregation) if own else None
            ordered = tuple(sorted(window, key=lambda e: (e.on, e.self_assessment)))
            voices[key] = (ordered, self_assessment)
    return voices


def _contests(mission: Mission, name: object, index: int, known: dt.date) -> dict[str, Contest]:
    """The latest contest raised by ``known`` on each KPI of milestone ``index``."""
    found: dict[str, Contest] = {}
    for contest in mission.contests:
        if contest.raised_on > known or mission.milestone_index(contest.milestone) != index:
            continue
        latest = found.get(contest.kpi)
        if latest is None or contest.raised_on >= latest.raised_on:
            found[contest.kpi] = contest
    return found


def _voiced(
    line: KpiResult,
    kpi: Kpi,
    voice: _Voice | None,
    contest: Contest | None,
    known: dt.date,
) -> KpiResult:
    """A KPI line with its evaluations, its self-assessment and its contest.

    A contest resolved by ``known`` with a new value (accepted or amended) replaces
    the actual value: points, status and path are those of the new value, and
    ``original`` keeps the value it replaced.
    """
    if voice is None and contest is None:
        return line
    changes: dict[str, Any] = {}
    if voice is not None:
        changes["evaluations"], changes["self_assessment"] = voice
    if contest is not None:
        status = contest.status_on(known)
        changes["contest"] = status
        new_value = contest.new_value if status is not ContestStatus.OPEN else None
        if new_value is not None:
            replaced = _result(
                kpi,
                line.target,
                line.threshold,
                [new_value],
                [line.previous] if line.previous is not None else [],
                line.expected if line.expected is not None else line.target,
            )
            changes.update(
                actual=replaced.actual,
                points=replaced.points,
                status=replaced.status,
                on_track=replaced.on_track,
                original=line.actual,
            )
    return attrs.evolve(line, **changes)


def _collect(
    mission: Mission,
    targeted: set[str],
    current: tuple[int, int],
    previous: tuple[int, int] | None,
) -> tuple[dict[str, list[Decimal]], dict[str, list[Decimal]]]:
    """Values per targeted KPI in the current and previous windows.

    One pass over the measurements comparing ordinals; datetimes are read in
    the mission's timezone. Only ``last`` needs time order: for those KPIs the
    latest measurement is tracked on the way (by date, then time of day — a
    date-only measurement sorts before timed ones of that day — then the
    mission's order), so nothing is sorted.
    """
    kpis = {kpi.key: kpi for kpi in mission.kpis}
    latest_only = {key for key in targeted if kpis[key].aggregation is Aggregation.LAST}
    low, high = current
    p_low, p_high = previous if previous is not None else (1, 0)
    now: dict[str, list[Decimal]] = {key: [] for key in targeted}
    before: dict[str, list[Decimal]] = {key: [] for key in targeted}
    if not latest_only and _collect_dates(mission, now, before, low, high, p_low, p_high):
        return now, before
    for values in (*now.values(), *before.values()):
        values.clear()
    latest: dict[tuple[int, str], tuple[int, int, int, Decimal]] = {}
    zone: zoneinfo.ZoneInfo | None = None
    date_type = dt.date
    for position, measurement in enumerate(mission.measurements):
        kpi = measurement.kpi
        if kpi not in targeted:
            continue
        at = measurement.at
        seconds = -1
        if type(at) is date_type:
            ordinal = at.toordinal()
        else:
            assert isinstance(at, dt.datetime)
            if zone is None:
                zone = zoneinfo.ZoneInfo(mission.timezone)
            local = at.astimezone(zone)
            ordinal = local.toordinal()
            seconds = local.hour * 3600 + local.minute * 60 + local.second
        if low <= ordinal <= high:
            window = 0
        elif p_low <= ordinal <= p_high:
            window = 1
        else:
            continue
        if kpi in latest_only:
            entry = (ordinal, seconds, position, measurement.value)
            slot = (window, kpi)
            known = latest.get(slot)
            if known is None or entry[:3] > known[:3]:
                latest[slot] = entry
        elif window == 0:
            now[kpi].append(measurement.value)
        else:
            before[kpi].append(measurement.value)
    for (window, kpi), entry in latest.items():
        (now if window == 0 else before)[kpi].append(entry[3])
    return now, before


def _collect_dates(
    mission: Mission,
    now: dict[str, list[Decimal]],
    before: dict[str, list[Decimal]],
    low: int,
    high: int,
    p_low: int,
    p_high: int,
) -> bool:
    """The common case — dates only, no ``last`` KPI — in one lean pass.

    Returns False, leaving partial lists, at the first datetime: the caller then
    clears them and takes the general path.
    """
    date_type = dt.date
    current = now.get
    for measurement in mission.measurements:
        values = current(measurement.kpi)
        if values is None:
            continue
        at = measurement.at
        if type(at) is not date_type:
            return False
        ordinal = at.toordinal()
        if low <= ordinal <= high:
            values.append(measurement.value)
        elif p_low <= ordinal <= p_high:
            before[measurement.kpi].append(measurement.value)
    return True


def _expected(
    mission: Mission,
    dues: Sequence[dt.date],
    index: int,
    kpi: str,
    target: Decimal,
    day: dt.date,
) -> Decimal:
    """The target interpolated linearly from the previous milestone's target at ``day``.

    Without a previous target for the KPI (first milestone, or a KPI new at
    this milestone) the expected value is the target itself.
    """
    if index == 0:
        return target
    before: Milestone = mission.milestones[index - 1]
    previous = before.target_for(kpi)
    if previous is None:
        return target
    start, due = dues[index - 1], dues[index]
    span = (due - start).days
    elapsed = min(max((day - start).days, 0), span)
    return previous.target + (target - previous.target) * Decimal(elapsed) / Decimal(span)


def _at_least_as_good(kpi: Kpi, value: Decimal, reference: Decimal) -> bool:
    return value >= reference if kpi.direction is Direction.HIGHER else value <= reference


def _result(
    kpi: Kpi,
    target: Decimal,
    threshold: Decimal,
    values: Sequence[Decimal],
    previous_values: Sequence[Decimal],
    expected: Decimal,
) -> KpiResult:
    previous = _aggregate(previous_values, kpi.aggregation) if previous_values else None
    if not values:
        return KpiResult._unchecked(
            kpi=kpi.key,
            target=target,
            threshold=threshold,
            status=Status.NO_DATA,
            weight=kpi.weight,
            count=0,
            direction=kpi.direction,
            expected=expected,
            previous=previous,
        )
    actual = _aggregate(values, kpi.aggregation)
    ratio = (actual - threshold) / (target - threshold)
    points = _HUNDRED * min(max(ratio, _ZERO), _ONE)
    if _at_least_as_good(kpi, actual, target):
        status = Status.MET
    elif _at_least_as_good(kpi, threshold, actual):
        status = Status.MISSED
    else:
        status = Status.AT_RISK
    return KpiResult._unchecked(
        kpi=kpi.key,
        target=target,
        threshold=threshold,
        status=status,
        weight=kpi.weight,
        count=len(values),
        actual=actual,
        points=points,
        direction=kpi.direction,
        expected=expected,
        on_track=_at_least_as_good(kpi, actual, expected),
        previous=previous,
    )
