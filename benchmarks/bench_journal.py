"""Benchmark: a mission with a 100,000-event journal against the same data in one JSON file.

- **journal**: ``vendorgov.load("logistique.toml")`` — the demo's logistics mission
  (TOML) and a journal beside it of ``--events`` measurement events (aware
  datetimes, five minutes apart, the demo's five KPIs in turn): every line is
  parsed, its hash checked against the next line's ``prev``, its event
  structured and applied, and the mission validated once at the end.
- **one JSON file**: ``vendorgov.load("folded.json")`` of the same mission, the
  journal already folded in, written by ``vendorgov.dump`` — what the journal
  would be compared with if the data had been kept in one file.

Both give equal missions (checked). The journal is written directly (one
``record`` call per event would check the whole journal each time; its cost is
measured once, for one more event, at the end).

Times are medians of ``--repeat`` rounds of process CPU time (``time.process_time``,
robust on a shared machine), after a warm-up, each round after ``gc.collect()``.

Usage, from the repository root::

    python benchmarks/bench_journal.py                   # 100,000 events, 5 rounds
    python benchmarks/bench_journal.py --events 2000     # a smoke run
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import platform
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import vendorgov
from vendorgov import Measurement, examples, journal, serialization
from vendorgov.journal import GENESIS, Entry, _line_text, _sha256, _write_head

PARIS = dt.timezone(dt.timedelta(hours=1))


def write_journal(file: Path, count: int) -> None:
    mission = serialization.load(file)
    keys = [kpi.key for kpi in mission.kpis]
    start = dt.datetime(2026, 3, 3, tzinfo=PARIS)
    previous = GENESIS
    with journal.journal_path(file).open("wb") as stream:
        for index in range(count):
            event = journal.MeasurementAdded(
                measurement=Measurement(
                    kpi=keys[index % len(keys)],
                    value=Decimal(95) + Decimal(index % 500) / 100,
                    at=start + dt.timedelta(minutes=5 * index),
                    source="WMS",
                )
            )
            entry = Entry(
                path=journal.journal_path(file),
                line=index + 1,
                at=dt.datetime(2026, 12, 1, tzinfo=PARIS) + dt.timedelta(seconds=index),
                by="Julien Bernard",
                event=event,
                why="",
                prev=previous,
                sha256="",
            )
            text = _line_text(entry)
            previous = _sha256(text)
            stream.write(text + b"\n")
    _write_head(file, count, previous)


def cpu(function: object, repeat: int) -> float:
    timings = []
    assert callable(function)
    function()  # warm-up
    for _ in range(repeat):
        gc.collect()
        started = time.process_time()
        function()
        timings.append(time.process_time() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp())
    file = folder / "logistique.toml"
    file.write_text(examples.demo_text("logistique"), encoding="utf-8")
    write_journal(file, args.events)
    folded = vendorgov.load(file)
    single = folder / "folded.json"
    vendorgov.dump(folded, single)
    assert vendorgov.load(single) == folded

    with_journal = cpu(lambda: vendorgov.load(file), args.repeat)
    one_file = cpu(lambda: vendorgov.load(single), args.repeat)
    file_alone = cpu(lambda: vendorgov.load(file, journal=False), args.repeat)
    started = time.process_time()
    journal.record(
        file,
        journal.MeasurementAdded(
            measurement=Measurement(
                kpi="order_accuracy", value=Decimal("99.9"), at=dt.date(2027, 2, 28)
            )
        ),
        by="Julien Bernard",
        at=dt.datetime(2027, 3, 1, tzinfo=PARIS),
    )
    record_one = time.process_time() - started

    results = {
        "events": args.events,
        "journal_bytes": journal.journal_path(file).stat().st_size,
        "json_bytes": single.stat().st_size,
        "load_with_journal_s": with_journal,
        "load_one_json_file_s": one_file,
        "load_mission_file_alone_s": file_alone,
        "ratio_journal_to_json": with_journal / one_file,
        "record_one_more_event_s": record_one,
        "python": sys.version.split()[0],
        "machine": platform.machine(),
    }
    for key, value in results.items():
        print(f"{key:28} {value:.3f}" if isinstance(value, float) else f"{key:28} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
