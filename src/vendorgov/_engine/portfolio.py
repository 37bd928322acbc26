"""Many missions at once, on any :class:`concurrent.futures.Executor`.

`summarize` puts one mission at a date into a `MissionSummary` (its scorecard,
findings, score path, trend and coming deadlines), and `summarize_portfolio`
does it for many and sorts them by what needs attention (see `attention`).

Without an executor the work runs in the calling thread. With one — a
``ThreadPoolExecutor``, a ``ProcessPoolExecutor``, or a Dask distributed
executor (``client.get_executor()``) — missions are sent in chunks and the
results come back in the order of the input, identical in every case.
Everything that crosses a process boundary pickles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from decimal import Decimal
from typing import Any, TypeVar

from vendorgov._engine.health import assess, notice_deadline
from vendorgov._engine.incentives import payouts
from vendorgov._engine.reporting import report_dues
from vendorgov._engine.reviews import open_actions
from vendorgov._engine.scoring import score
from vendorgov._engine.time import occurrences
from vendorgov._model.mission import Mission
from vendorgov._model.portfolio import (
    Deadline,
    DeadlineKind,
    FileProblem,
    MissionSummary,
    Portfolio,
    ScorePoint,
)
from vendorgov._model.scorecard import Finding, Scorecard
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "HISTORY_WEEKS",
    "HORIZON_DAYS",
    "TREND_DAYS",
    "assess_portfolio",
    "attention",
    "deadlines",
    "portfolio_of",
    "score_portfolio",
    "summarize",
    "summarize_portfolio",
]

HISTORY_WEEKS = 12
"""A summary's score path: the overall score every 7 days over this many weeks before ``at``."""

TREND_DAYS = 28
"""A summary's trend: the overall score at ``at`` minus the one this many days earlier."""

HORIZON_DAYS = 30
"""A summary's deadlines: what falls due from ``at`` to this many days after it."""

T = TypeVar("T")

DEFAULT_CHUNK_SIZE = 25
"""Missions per task sent to an executor: large enough to amortise pickling."""


def _score_chunk(missions: Sequence[Mission], at: dt.date) -> list[Scorecard]:
    return [score(mission, at) for mission in missions]


def _assess_chunk(missions: Sequence[Mission], at: dt.date) -> list[tuple[Finding, ...]]:
    return [assess(mission, at) for mission in missions]


def _run(
    work: Callable[[Sequence[Mission], dt.date], list[T]],
    missions: Iterable[Mission],
    at: dt.date,
    executor: Executor | None,
    chunk_size: int,
) -> tuple[T, ...]:
    if isinstance(at, dt.datetime) or not isinstance(at, dt.date):
        raise ValidationError([ErrorDetail("at", f"expected a date, got {at!r}")])
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValidationError(
            [ErrorDetail("chunk_size", f"must be at least 1, got {chunk_size!r}")]
        )
    items = tuple(missions)
    if executor is None:
        return tuple(work(items, at))
    futures = [
        executor.submit(work, items[index : index + chunk_size], at)
        for index in range(0, len(items), chunk_size)
    ]
    return tuple(result for future in futures for result in future.result())


def score_portfolio(
    missions: Iterable[Mission],
    at: dt.date,
    executor: Executor | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> tuple[Scorecard, ...]:
    """The scorecard of each mission at ``at``, in the order given.

    Args:
        missions: The missions.
        at: The date to score at.
        executor: Any :class:`concurrent.futures.Executor`; ``None`` runs here.
        chunk_size: Missions per task sent to the executor.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> cards = score_portfolio(examples.demo_missions(), dt.date(2026, 11, 29))
    >>> [card.mission for card in cards]
    ['logistique', 'community', 'site_web']
    """
    return _run(_score_chunk, missions, at, executor, chunk_size)


def assess_portfolio(
    missions: Iterable[Mission],
    at: dt.date,
    executor: Executor | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> tuple[tuple[Finding, ...], ...]:
    """The findings of each mission at ``at``, in the order given.

    Args:
        missions: The missions.
        at: The date to assess for.
        executor: Any :class:`concurrent.futures.Executor`; ``None`` runs here.
        chunk_size: Missions per task sent to the executor.

    >>> import datetime as dt
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> from vendorgov import examples
    >>> missions = examples.demo_missions()
    >>> with ThreadPoolExecutor(2) as pool:
    ...     threaded = assess_portfolio(missions, dt.date(2026, 11, 29), pool)
    >>> threaded == assess_portfolio(missions, dt.date(2026, 11, 29))
    True
    """
    return _run(_assess_chunk, missions, at, executor, chunk_size)


# -- one mission at a glance ------------------------------------------------------------
def summarize(mission: Mission, at: dt.date, *, file: str | None = None) -> MissionSummary:
    """One mission at ``at``: its scorecard, findings, score path, trend and deadlines.

    The score path (``history``) is the overall score every 7 days from
    ``at`` minus `HISTORY_WEEKS` weeks (or the first such day on or after the
    mission's start) to ``at``; the ``trend`` is the overall score at ``at``
    minus the one `TREND_DAYS` days earlier (``None`` when either is missing,
    or that day is before the start); the deadlines are those of `deadlines`.

    Args:
        mission: The mission.
        at: The date to summarize at.
        file: The file the mission was read from, kept in the summary.

    Raises:
        ValidationError: When ``at`` is not a date, or the mission has no milestone.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> summary = summarize(examples.demo_mission("logistique"), dt.date(2026, 11, 29))
    >>> summary.scorecard.standing, summary.trend is not None
    ('fair', True)
    """
    _check_at(at)
    if not isinstance(mission, Mission):
        raise ValidationError(
            [ErrorDetail("mission", f"expected a Mission, got {type(mission).__name__}")]
        )
    card = score(mission, at)
    found = assess(mission, at)
    days = [at - dt.timedelta(days=7 * weeks) for weeks in range(HISTORY_WEEKS, 0, -1)]
    history = (
        *(ScorePoint(day, score(mission, day).overall) for day in days if day >= mission.start),
        ScorePoint(at, card.overall),
    )
    earlier_day = at - dt.timedelta(days=TREND_DAYS)
    earlier = next((point for point in history if point.on == earlier_day), None)
    trend = (
        None
        if earlier is None or earlier.overall is None or card.overall is None
        else card.overall - earlier.overall
    )
    return MissionSummary(
        mission=mission.key,
        name=mission.name,
        provider=mission.provider.name,
        language=mission.language,
        at=at,
        scorecard=card,
        findings=found,
        history=history,
        trend=trend,
        deadlines=deadlines(mission, at),
        payouts=payouts(mission, at),
        attention=attention(mission, card, found),
        file=file,
    )


def attention(mission: Mission, card: Scorecard, found: Sequence[Finding]) -> tuple[Any, ...]:
    """The sort key of a mission in a portfolio: what needs attention first.

    In order: more critical findings; the standing, worst first (the mission's
    lowest band, then no verdict — insufficient evidence or no data — then the
    other bands from worst to best); the lower overall score (none last); more
    warnings; the mission's key.

    >>> import datetime as dt
    >>> from vendorgov import assess, examples, score
    >>> mission = examples.demo_mission("site_web")
    >>> at = dt.date(2026, 11, 29)
    >>> attention(mission, score(mission, at), assess(mission, at))
    (0, 1, (0, Decimal('100')), -4, 'site_web')
    """
    critical = sum(1 for finding in found if finding.severity == "critical")
    warning = sum(1 for finding in found if finding.severity == "warning")
    worst_first = [band.name for band in sorted(mission.bands, key=lambda band: band.minimum)]
    if card.standing is None or card.standing not in worst_first:
        standing = 1
    else:
        index = worst_first.index(card.standing)
        standing = 0 if index == 0 else index + 1
    # One ascending sort does it all: counts are negated (more first), no score sorts last.
    overall = (0, card.overall) if card.overall is not None else (1, Decimal(0))
    return (-critical, standing, overall, -warning, mission.key)


def deadlines(mission: Mission, at: dt.date, days: int = HORIZON_DAYS) -> tuple[Deadline, ...]:
    """What falls due from ``at`` to ``days`` days after it, soonest first.

    The milestones due; the next review of the review cadence; the corrective
    actions open at ``at`` and due in the period; the next report of the
    contract's reporting cadence; the last day to give notice (a contract with a
    renewal clause) and the contract's end. Something already overdue is a
    finding, not a deadline.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> [(d.kind.value, d.on.isoformat())
    ...  for d in deadlines(examples.demo_mission("logistique"), dt.date(2026, 11, 29))]
    [('report', '2026-11-30'), ('review', '2026-12-01'), ('notice', '2026-12-01')]
    """
    _check_at(at)
    last = at + dt.timedelta(days=days)

    def within(day: dt.date | None) -> bool:
        return day is not None and at <= day <= last

    found: list[Deadline] = []
    for milestone, due in zip(mission.milestones, mission.milestone_dues(), strict=True):
        if within(due):
            found.append(Deadline(kind=DeadlineKind.MILESTONE, on=due, subject=milestone.name))
    if mission.review_cadence is not None and at <= mission.end:
        upcoming = occurrences(
            mission.review_cadence, max(at, mission.start), min(last, mission.end)
        )
        if upcoming:
            found.append(Deadline(kind=DeadlineKind.REVIEW, on=upcoming[0]))
    for action in open_actions(mission, at):
        if within(action.due):
            found.append(Deadline(kind=DeadlineKind.ACTION, on=action.due, subject=action.id))
    report = next((day for day in report_dues(mission) if within(day)), None)
    if report is not None:
        found.append(Deadline(kind=DeadlineKind.REPORT, on=report))
    contract = mission.contract
    if contract is not None:
        notice = notice_deadline(contract)
        if within(notice):
            assert notice is not None
            found.append(Deadline(kind=DeadlineKind.NOTICE, on=notice))
        if within(contract.term_end):
            found.append(Deadline(kind=DeadlineKind.CONTRACT_END, on=contract.term_end))
    order = list(DeadlineKind)
    found.sort(key=lambda item: (item.on, order.index(item.kind), str(item.subject)))
    return tuple(found)


def _check_at(at: object) -> None:
    if isinstance(at, dt.datetime) or not isinstance(at, dt.date):
        raise ValidationError([ErrorDetail("at", f"expected a date, got {at!r}")])


def _summarize_chunk(missions: Sequence[Mission], at: dt.date) -> list[MissionSummary]:
    return [summarize(mission, at) for mission in missions]


def summarize_portfolio(
    missions: Iterable[Mission],
    at: dt.date,
    executor: Executor | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Portfolio:
    """Every mission summarized at ``at``, sorted by what needs attention (see `attention`).

    Args:
        missions: The missions.
        at: The date to summarize at.
        executor: Any :class:`concurrent.futures.Executor`; ``None`` runs here.
        chunk_size: Missions per task sent to the executor.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> portfolio = summarize_portfolio(examples.demo_missions(), dt.date(2026, 11, 29))
    >>> [(s.mission, s.critical, s.scorecard.standing) for s in portfolio.summaries]
    [('logistique', 2, 'fair'), ('site_web', 0, None), ('community', 0, 'good')]
    """
    summaries: tuple[MissionSummary, ...] = _run(
        _summarize_chunk, missions, at, executor, chunk_size
    )
    return portfolio_of(summaries, at)


def portfolio_of(
    results: Iterable[MissionSummary | FileProblem],
    at: dt.date | None,
    ignored: Iterable[str] = (),
) -> Portfolio:
    """Gather summaries and file problems into a `Portfolio`, summaries sorted by attention."""
    summaries: list[MissionSummary] = []
    problems: list[FileProblem] = []
    for result in results:
        if isinstance(result, FileProblem):
            problems.append(result)
        else:
            summaries.append(result)
    summaries.sort(key=lambda summary: summary.attention)
    return Portfolio(
        at=at, summaries=tuple(summaries), problems=tuple(problems), ignored=tuple(ignored)
    )
