"""Benchmark: importing a 100,000-row CSV export into a mission, against the floor.

One process, the same file, measured side by side:

- **vendorgov** — ``vendorgov.import_measurements(mission, path)``: read and decode
  the file (UTF-8 checked, Windows-1252 fallback), sniff the delimiter, check the
  header against the mapping, parse every date and value (with the file, row and column
  of any problem), build the measurements, apply them to the mission (each compared with
  what the mission holds for its KPI and date) and validate the new mission.
- **floor** — ``csv.DictReader`` over the same file and ``Decimal(row["value"])`` for each
  row: reading the file and making exact numbers, nothing else. The floor plus
  ``datetime.date.fromisoformat`` of each row's date is printed too, for information.

The file is in the long layout (one row per KPI and date: ``date,kpi,value``): four KPIs
over 25,000 days of a mission, written as a provider's tool writes them. The mission
holds no measurement before the import, so all 100,000 are added.

Times are medians of ``--repeat`` rounds after a warm-up round; each round runs every
contender once, in a rotating order, after a ``gc.collect()``. CPU time of the process
(``time.process_time``) is what the ratio uses; wall time is printed too.

Usage, from the repository root::

    python benchmarks/bench_import.py                  # 100,000 rows, 7 rounds
    python benchmarks/bench_import.py --quick          # 10,000 rows, 3 rounds
    python benchmarks/bench_import.py --json benchmarks/results/import.json
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import vendorgov
from vendorgov import ImportColumn, ImportMapping, Kpi, Mission, examples

KPIS = ("on_time_shipping", "order_accuracy", "damage_rate", "return_processing")
START = dt.date(1960, 1, 1)


def mission_for(days: int) -> Mission:
    """The demo's logistics mission, stretched over ``days`` days, without measurements."""
    base = examples.demo_mission("logistique")
    mapping = ImportMapping(
        name="bench",
        layout="long",
        date_column="date",
        kpi_column="kpi",
        value_column="value",
        columns=tuple(ImportColumn(kpi=key) for key in KPIS),
    )
    kpis: tuple[Kpi, ...] = base.kpis
    return attrs.evolve(
        base,
        start=START,
        end=START + dt.timedelta(days=days + 1),
        measurements=(),
        milestones=(),
        reviews=(),
        recognitions=(),
        service_credits=None,
        kpis=kpis,
        imports=(mapping,),
        specification=None,
        contract=None,
        spend=(),
        reports=(),
        activities=(),
        value_entries=(),
        compliance_documents=(),
        kickoff=None,
        bonus=None,
        amendments=(),
        notice=None,
        renewal_decisions=(),
        evaluations=(),
        contests=(),
        exit_steps=(),
    )


def write_export(path: Path, rows: int, seed: int = 12) -> None:
    """``rows`` rows of ``date,kpi,value``: each day, one row per KPI."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("date,kpi,value\n")
        for index in range(rows):
            day = START + dt.timedelta(days=index // len(KPIS))
            kpi = KPIS[index % len(KPIS)]
            stream.write(f"{day.isoformat()},{kpi},{rng.randint(0, 100_000) / 1000}\n")


def floor(path: Path) -> object:
    with path.open(newline="", encoding="utf-8") as stream:
        return [Decimal(row["value"]) for row in csv.DictReader(stream)]


def floor_with_dates(path: Path) -> object:
    with path.open(newline="", encoding="utf-8") as stream:
        return [
            (dt.date.fromisoformat(row["date"]), Decimal(row["value"]))
            for row in csv.DictReader(stream)
        ]


def measure(
    contenders: dict[str, Callable[[], object]], repeat: int
) -> dict[str, dict[str, list[float]]]:
    names = list(contenders)
    times: dict[str, dict[str, list[float]]] = {n: {"cpu": [], "wall": []} for n in names}
    for round_ in range(repeat + 1):  # round 0 warms up
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            result = contenders[name]()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            del result
            if round_:
                times[name]["cpu"].append(cpu)
                times[name]["wall"].append(wall)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="10,000 rows, 3 rounds")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.rows, args.repeat = 10_000, 3
    days = args.rows // len(KPIS) + 1
    mission = mission_for(days)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        write_export(path, args.rows)
        size = path.stat().st_size
        check = vendorgov.import_measurements(mission, path)
        assert check.counts()["added"] == args.rows, check.counts()
        assert len(check.mission.measurements) == args.rows
        contenders: dict[str, Callable[[], Any]] = {
            "vendorgov": lambda: vendorgov.import_measurements(mission, path),
            "floor": lambda: floor(path),
            "floor + dates": lambda: floor_with_dates(path),
        }
        times = measure(contenders, args.repeat)
    cpu = {name: statistics.median(samples["cpu"]) for name, samples in times.items()}
    wall = {name: statistics.median(samples["wall"]) for name, samples in times.items()}
    print(f"{args.rows:,} rows, {size / 1e6:.1f} MB, median of {args.repeat} rounds")
    print(f"{'':16}{'CPU s':>9}{'wall s':>9}{'µs/row':>9}{'× floor':>9}")
    for name in contenders:
        print(
            f"{name:16}{cpu[name]:9.3f}{wall[name]:9.3f}"
            f"{cpu[name] / args.rows * 1e6:9.2f}{cpu[name] / cpu['floor']:9.2f}"
        )
    ratio = cpu["vendorgov"] / cpu["floor"]
    print(f"vendorgov / floor: {ratio:.2f}× (goal: at most 2×)")
    if args.json is not None:
        args.json.write_text(
            json.dumps(
                {
                    "rows": args.rows,
                    "bytes": size,
                    "repeat": args.repeat,
                    "cpu_seconds": cpu,
                    "wall_seconds": wall,
                    "samples": times,
                    "ratio": ratio,
                    "python": sys.version.split()[0],
                    "platform": platform.platform(),
                    "vendorgov": vendorgov.__file__,
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
