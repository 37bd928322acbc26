"""Portfolios: the same scorecards and findings on any executor, in input order.

The reference is always ``score`` / ``assess`` called on each mission in turn.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest

from factories import START, measurement, minimal_mission, rich_mission
from vendorgov import (
    Cadence,
    Frequency,
    Mission,
    ValidationError,
    assess,
    assess_portfolio,
    examples,
    score,
    score_portfolio,
)

ZONES = ("Europe/Paris", "America/New_York", "Asia/Tokyo")


def small_missions() -> tuple[Mission, ...]:
    """Twelve missions from 2027-03-15, in three timezones, measured every three
    weeks; every other measurement is an aware datetime at 23:30 UTC, which is
    the next day in Paris and Tokyo but the same day in New York."""
    missions = []
    for index in range(12):
        measurements = []
        for week in range(0, 40, 3):
            on = START + dt.timedelta(days=7 * week + index)
            at: dt.date = on
            if week % 2:
                at = dt.datetime.combine(on, dt.time(23, 30), tzinfo=dt.UTC)
            shipping = Decimal(93) + Decimal(index) / 2 + Decimal(week) / 10
            damage = Decimal("1.3") - Decimal(index) / 20 - Decimal(week) / 100
            measurements.append(measurement(value=str(shipping), at=at))
            measurements.append(measurement(kpi="damage_rate", value=str(damage), at=at))
        changes: dict[str, Any] = {
            "key": f"mission_{index:02d}",
            "timezone": ZONES[index % 3],
            "measurements": tuple(measurements),
        }
        if index % 2:
            changes["review_cadence"] = Cadence(frequency=Frequency.MONTHLY, day=1 + index)
        if index % 4 == 3:
            changes["recognitions"] = ()
        missions.append(rich_mission(**changes))
    return tuple(missions)


MISSIONS = small_missions() + examples.demo_missions()
DATES = (dt.date(2026, 11, 29), dt.date(2027, 6, 30))


# -- executors ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def threads() -> Iterator[Executor]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


@pytest.fixture(scope="module")
def processes() -> Iterator[Executor]:
    # spawn: workers import vendorgov afresh, so everything really goes through pickle.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        yield pool


@pytest.fixture(scope="module")
def dask() -> Iterator[Executor]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client.get_executor()


@pytest.fixture(params=["none", "threads", "processes", "dask"])
def executor(request: pytest.FixtureRequest) -> Executor | None:
    if request.param == "none":
        return None
    value: Executor = request.getfixturevalue(request.param)
    return value


class Recorder(Executor):
    """Runs each task here and now, and remembers the size of each chunk."""

    def __init__(self) -> None:
        self.chunks: list[int] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.chunks.append(len(args[0]))
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


# -- identical results ----------------------------------------------------------------
class TestIdentical:
    @pytest.mark.parametrize("at", DATES)
    def test_score_portfolio(self, executor: Executor | None, at: dt.date) -> None:
        expected = tuple(score(mission, at) for mission in MISSIONS)
        cards = score_portfolio(MISSIONS, at, executor, chunk_size=4)
        assert cards == expected
        assert [card.mission for card in cards] == [mission.key for mission in MISSIONS]

    @pytest.mark.parametrize("at", DATES)
    def test_assess_portfolio(self, executor: Executor | None, at: dt.date) -> None:
        expected = tuple(assess(mission, at) for mission in MISSIONS)
        assert assess_portfolio(MISSIONS, at, executor, chunk_size=4) == expected

    def test_default_chunk_size(self, executor: Executor | None) -> None:
        # 15 missions, fewer than the default 25: one chunk.
        at = DATES[1]
        assert score_portfolio(MISSIONS, at, executor) == tuple(score(m, at) for m in MISSIONS)

    def test_any_iterable(self, executor: Executor | None) -> None:
        at = DATES[1]
        expected = tuple(assess(mission, at) for mission in MISSIONS)
        assert assess_portfolio(iter(MISSIONS), at, executor, chunk_size=3) == expected

    def test_empty_portfolio(self, executor: Executor | None) -> None:
        assert score_portfolio((), DATES[0], executor) == ()
        assert assess_portfolio([], DATES[0], executor, chunk_size=1) == ()

    def test_the_reference_is_not_trivial(self) -> None:
        # The comparisons above mean something only if the missions differ.
        at = DATES[1]
        cards = [score(mission, at) for mission in MISSIONS[:12]]
        assert len({card.overall for card in cards}) > 6
        assert all(card.milestone == "M+6" for card in cards)
        findings = [assess(mission, at) for mission in MISSIONS]
        assert len({tuple(f.code for f in one) for one in findings}) > 3

    def test_local_day_of_a_datetime_measurement(self) -> None:
        # 2027-04-15T23:30Z falls in M+1's window (due 04-15) in New York only.
        late = measurement(value="10", at=dt.datetime(2027, 4, 15, 23, 30, tzinfo=dt.UTC))
        paris = rich_mission(measurements=(late,))
        new_york = rich_mission(measurements=(late,), timezone="America/New_York")
        at = dt.date(2027, 4, 15)
        assert [card.results[0].count for card in score_portfolio([paris, new_york], at)] == [0, 1]


class TestPickle:
    def test_missions_and_results_pickle(self) -> None:
        at = DATES[0]
        for mission in MISSIONS:
            for value in (mission, score(mission, at), assess(mission, at)):
                assert pickle.loads(pickle.dumps(value)) == value

    def test_errors_cross_the_process_boundary(self, processes: Executor) -> None:
        # A mission without milestones cannot be scored: the worker's error comes back whole.
        with pytest.raises(ValidationError) as error:
            score_portfolio((*MISSIONS[:2], minimal_mission()), DATES[0], processes)
        assert [detail.path for detail in error.value.errors] == ["milestones"]

    def test_bad_date_is_refused_through_an_executor(self, processes: Executor) -> None:
        at = dt.datetime(2027, 6, 30, tzinfo=dt.UTC)
        with pytest.raises(ValidationError) as error:
            assess_portfolio(MISSIONS[:2], at, processes)
        assert [detail.path for detail in error.value.errors] == ["at"]


class TestCheckedFirst:
    """``at`` and ``chunk_size`` are checked before any mission is read or any task sent."""

    BAD_DATES = (dt.datetime(2027, 6, 30, tzinfo=dt.UTC), "2027-06-30", None)

    @pytest.mark.parametrize("at", BAD_DATES)
    def test_bad_date_without_an_executor(self, at: object) -> None:
        for run in (score_portfolio, assess_portfolio):
            for missions in (MISSIONS, ()):
                with pytest.raises(ValidationError) as error:
                    run(missions, at)  # type: ignore[arg-type]
                assert [detail.path for detail in error.value.errors] == ["at"]

    @pytest.mark.parametrize("at", BAD_DATES)
    def test_bad_date_submits_nothing(self, at: object) -> None:
        recorder = Recorder()
        for run in (score_portfolio, assess_portfolio):
            with pytest.raises(ValidationError):
                run(MISSIONS, at, recorder)  # type: ignore[arg-type]
        assert recorder.chunks == []

    def test_the_date_before_the_chunk_size(self) -> None:
        # Both are wrong: the date is reported, alone.
        with pytest.raises(ValidationError) as error:
            score_portfolio(MISSIONS, "2027-06-30", None, chunk_size=0)  # type: ignore[arg-type]
        assert [detail.path for detail in error.value.errors] == ["at"]

    @pytest.mark.parametrize(
        ("at", "chunk_size", "path"),
        [("2027-06-30", 4, "at"), (DATES[0], 0, "chunk_size")],
    )
    def test_missions_are_not_read(self, at: object, chunk_size: int, path: str) -> None:
        def missions() -> Iterator[Mission]:
            raise AssertionError("the missions were read")
            yield  # pragma: no cover

        for executor in (None, Recorder()):
            with pytest.raises(ValidationError) as error:
                assess_portfolio(missions(), at, executor, chunk_size=chunk_size)  # type: ignore[arg-type]
            assert [detail.path for detail in error.value.errors] == [path]


# -- chunks --------------------------------------------------------------------------------
class TestChunks:
    @pytest.mark.parametrize(
        ("chunk_size", "chunks"),
        [(1, [1] * 15), (4, [4, 4, 4, 3]), (7, [7, 7, 1]), (15, [15]), (1000, [15])],
    )
    def test_sizes(self, chunk_size: int, chunks: list[int]) -> None:
        recorder = Recorder()
        at = DATES[1]
        cards = score_portfolio(MISSIONS, at, recorder, chunk_size=chunk_size)
        assert recorder.chunks == chunks
        assert cards == tuple(score(mission, at) for mission in MISSIONS)

    @pytest.mark.parametrize("chunk_size", [1, 1000])
    def test_edges_on_real_executors(
        self, chunk_size: int, threads: Executor, processes: Executor
    ) -> None:
        at = DATES[0]
        expected = tuple(assess(mission, at) for mission in MISSIONS)
        for pool in (threads, processes):
            assert assess_portfolio(MISSIONS, at, pool, chunk_size=chunk_size) == expected

    def test_empty_portfolio_submits_nothing(self) -> None:
        recorder = Recorder()
        assert assess_portfolio((), DATES[0], recorder, chunk_size=5) == ()
        assert recorder.chunks == []

    @pytest.mark.parametrize("chunk_size", [0, -1])
    def test_refused_with_an_executor(self, chunk_size: int, threads: Executor) -> None:
        for run in (score_portfolio, assess_portfolio):
            with pytest.raises(ValidationError) as error:
                run(MISSIONS, DATES[0], threads, chunk_size=chunk_size)
            assert [detail.path for detail in error.value.errors] == ["chunk_size"]

    @pytest.mark.parametrize("chunk_size", [0, -1])
    def test_refused_without_an_executor(self, chunk_size: int) -> None:
        for run in (score_portfolio, assess_portfolio):
            with pytest.raises(ValidationError) as error:
                run(MISSIONS, DATES[0], None, chunk_size=chunk_size)
            assert [detail.path for detail in error.value.errors] == ["chunk_size"]

    @pytest.mark.parametrize("chunk_size", [0, True, 2.5, "4", None])
    def test_refused_for_an_empty_portfolio(self, chunk_size: object) -> None:
        # True is an int to Python, but not a size.
        for executor in (None, Recorder()):
            for run in (score_portfolio, assess_portfolio):
                with pytest.raises(ValidationError) as error:
                    run((), DATES[0], executor, chunk_size=chunk_size)  # type: ignore[arg-type]
                assert [detail.path for detail in error.value.errors] == ["chunk_size"]
