"""Many missions at once, on any :class:`concurrent.futures.Executor`.

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
from typing import TypeVar

from vendorgov._engine.health import assess
from vendorgov._engine.scoring import score
from vendorgov._model.mission import Mission
from vendorgov._model.scorecard import Finding, Scorecard
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["assess_portfolio", "score_portfolio"]

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
