"""Scoring benchmark: 1,000 missions × 10 KPIs × 100 measurements, scored at one date.

Compares, in one process and on the same Mission objects:

* ``vendorgov.score`` over the whole portfolio (scorecards with every field);
* the floor: a hand-written pure-Python loop computing the same numbers
  (window, mean per KPI, points, status, overall, coverage) without building
  result objects;
* ``score_portfolio`` with a ``ProcessPoolExecutor`` (2 workers), for scale.

Run from the repository root::

    python benchmarks/bench_score.py            # the full run
    python benchmarks/bench_score.py --quick    # 50 missions, a smoke run
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

from vendorgov import (
    Contact,
    ContactRole,
    Direction,
    Horizon,
    Kpi,
    Measurement,
    Milestone,
    Mission,
    Party,
    Side,
    Target,
)
from vendorgov._engine.portfolio import score_portfolio
from vendorgov._engine.scoring import score

AT = dt.date(2027, 6, 15)
START = dt.date(2027, 1, 4)


def build(count: int, kpis: int = 10, measurements: int = 100, seed: int = 7) -> list[Mission]:
    """A deterministic portfolio; half the KPIs higher-is-better, half lower."""
    rng = random.Random(seed)
    missions = []
    for number in range(count):
        start = START + dt.timedelta(days=number % 60)
        kpi_list = tuple(
            Kpi(
                key=f"k{index}",
                name=f"KPI {index}",
                unit="%",
                direction=Direction.HIGHER if index % 2 == 0 else Direction.LOWER,
                weight=Decimal(1 + index % 3),
            )
            for index in range(kpis)
        )
        milestones = []
        for name, (high_target, high_threshold) in (
            ("M+1", ("95", "90")),
            ("M+6", ("97", "93")),
            ("EOY", ("98", "95")),
        ):
            targets = []
            for kpi in kpi_list:
                if kpi.direction is Direction.HIGHER:
                    target, threshold = Decimal(high_target), Decimal(high_threshold)
                else:
                    target, threshold = 100 - Decimal(high_target), 100 - Decimal(high_threshold)
                targets.append(Target(kpi=kpi.key, target=target, threshold=threshold))
            milestones.append(
                Milestone(name=name, horizon=Horizon.parse(name), targets=tuple(targets))
            )
        values = []
        for index in range(measurements * kpis):
            kpi = kpi_list[index % kpis]
            day = start + dt.timedelta(days=rng.randrange(0, 330))
            base = 94 if kpi.direction is Direction.HIGHER else 6
            value = Decimal(base * 100 + rng.randrange(-500, 500)) / 100
            values.append(Measurement(kpi=kpi.key, value=value, at=day))
        missions.append(
            Mission(
                key=f"m{number}",
                name=f"Mission {number}",
                client=Party(name="Client"),
                provider=Party(name=f"Provider {number}"),
                start=start,
                end=start + dt.timedelta(days=364),
                contacts=(
                    Contact(name="C", side=Side.CLIENT, role=ContactRole.PRIMARY),
                    Contact(name="P", side=Side.PROVIDER, role=ContactRole.PRIMARY),
                ),
                kpis=kpi_list,
                milestones=tuple(milestones),
                measurements=tuple(values),
            )
        )
    return missions


def floor(missions: list[Mission], at: dt.date) -> list[tuple[object, ...]]:
    """The same numbers as ``score``, by hand, with no result objects."""
    out = []
    hundred = Decimal(100)
    for mission in missions:
        dues = [m.horizon.resolve(mission.start) for m in mission.milestones]
        index = next((i for i, due in enumerate(dues) if due >= at), len(dues) - 1)
        low = (mission.start if index == 0 else dues[index - 1] + dt.timedelta(days=1)).toordinal()
        high = min(at, dues[index]).toordinal()
        milestone = mission.milestones[index]
        wanted = {t.kpi for t in milestone.targets}
        sums: dict[str, Decimal] = {}
        counts: dict[str, int] = {}
        for measurement in mission.measurements:
            kpi = measurement.kpi
            if kpi in wanted and low <= measurement.at.toordinal() <= high:
                sums[kpi] = sums.get(kpi, Decimal(0)) + measurement.value
                counts[kpi] = counts.get(kpi, 0) + 1
        weights = {k.key: (k.weight, k.direction) for k in mission.kpis}
        total = data = weighted = Decimal(0)
        statuses = []
        for target in milestone.targets:
            weight, direction = weights[target.kpi]
            total += weight
            if target.kpi not in counts:
                statuses.append("no_data")
                continue
            actual = sums[target.kpi] / counts[target.kpi]
            ratio = (actual - target.threshold) / (target.target - target.threshold)
            points = hundred * min(max(ratio, Decimal(0)), Decimal(1))
            higher = direction is Direction.HIGHER
            if (actual >= target.target) if higher else (actual <= target.target):
                statuses.append("met")
            elif (actual <= target.threshold) if higher else (actual >= target.threshold):
                statuses.append("missed")
            else:
                statuses.append("at_risk")
            data += weight
            weighted += weight * points
        overall = weighted / data if data else None
        out.append((milestone.name, overall, data / total if total else Decimal(0), statuses))
    return out


def timed(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(repeat):
        gc.collect()
        begin = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - begin)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 missions, one repeat")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    count = 50 if args.quick else 1000
    repeat = 1 if args.quick else args.repeat

    begin = time.perf_counter()
    missions = build(count)
    built = time.perf_counter() - begin
    total_measurements = sum(len(m.measurements) for m in missions)

    # Warm up (pendulum import, zoneinfo, code paths).
    score(missions[0], AT)
    floor(missions[:1], AT)

    # Alternate the two runs so that a busy neighbour slows both alike.
    floor_times: list[float] = []
    score_times: list[float] = []
    floor_result: object = None
    cards: object = None
    for _ in range(repeat):
        elapsed, floor_result = timed(lambda: floor(missions, AT), 1)
        floor_times.append(elapsed)
        elapsed, cards = timed(lambda: [score(m, AT) for m in missions], 1)
        score_times.append(elapsed)
    floor_time = statistics.median(floor_times)
    score_time = statistics.median(score_times)

    # Same numbers: overall, coverage and statuses agree for every mission.
    assert isinstance(cards, list)
    assert isinstance(floor_result, list)
    for card, (name, overall, coverage, statuses) in zip(cards, floor_result, strict=True):
        assert card.milestone == name
        assert card.overall == overall, (card.overall, overall)
        assert card.coverage == coverage
        assert [line.status.value for line in card.results] == statuses

    tracemalloc.start()
    [score(m, AT) for m in missions]
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    with ProcessPoolExecutor(2) as pool:
        score_portfolio(missions[:50], AT, pool)  # start the workers
        pool_time, pooled = timed(lambda: score_portfolio(missions, AT, pool), min(repeat, 3))
    assert list(pooled) == cards  # type: ignore[arg-type]

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"## Scoring {count:,} missions ({total_measurements:,} measurements) at {AT}")
    print()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, median of {repeat} "
        f"alternating run(s); building the portfolio took {built:.1f} s (not timed)."
    )
    print()
    print("| run | time | ratio to the floor |")
    print("|---|---:|---:|")
    print(f"| hand-written loop (floor) | {floor_time:.3f} s | 1.00× |")
    print(f"| `vendorgov.score` | {score_time:.3f} s | {score_time / floor_time:.2f}× |")
    print(f"| `score_portfolio`, 2 processes | {pool_time:.3f} s | {pool_time / floor_time:.2f}× |")
    print()
    print(
        f"Peak memory: {rss:,.0f} MiB resident for the whole process (portfolio included); "
        f"{traced_peak / 2**20:.1f} MiB allocated at peak while scoring."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
