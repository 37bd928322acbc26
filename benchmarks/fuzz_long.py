"""The long fuzz run: the property of ``tests/test_fuzz.py`` on many more mutated missions.

Each input is a demo mission (TOML, JSON or YAML) with structured mutations drawn by
Hypothesis (``tests/mutations.py``); the run loads it, runs every public computation
and the CLI commands on it, and records what breaks the property — by exception class
and place — with the smallest input seen for each, plus the worst time and the worst
peak memory per input.

Run from the repository root (nightly: ``--examples 20000``, about half an hour)::

    python benchmarks/fuzz_long.py --minutes 10                # as many inputs as fit in 10 min
    python benchmarks/fuzz_long.py --examples 20000            # a fixed count
    python benchmarks/fuzz_long.py --minutes 10 --full         # every render at every date (slow)
    python benchmarks/fuzz_long.py --minutes 5 --memory-every 0  # no tracemalloc at all

Reproducers land in ``--out`` (default ``$TMPDIR/vendorgov-fuzz``): one file per distinct failure,
the mutated mission as written, and ``summary.json``. The exit code is 1 when any
failure was found.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings

import mutations

BATCH = 250


@dataclasses.dataclass
class Worst:
    value: float = 0.0
    case: str = ""


@dataclasses.dataclass
class Seen:
    count: int = 0
    phases: set[str] = dataclasses.field(default_factory=set)
    message: str = ""
    where: str = ""
    size: tuple[int, int] = (1 << 30, 1 << 30)
    case: str = ""
    text: str | bytes = ""
    fmt: str = ""


@dataclasses.dataclass
class Stats:
    inputs: int = 0
    loaded: int = 0
    failing_inputs: int = 0
    traced: int = 0
    failures: dict[tuple[str, str], Seen] = dataclasses.field(default_factory=dict)
    refusals: dict[str, int] = dataclasses.field(default_factory=dict)
    worst_time: Worst = dataclasses.field(default_factory=Worst)
    worst_memory: Worst = dataclasses.field(default_factory=Worst)


def record(
    stats: Stats, case: mutations.Case, outcome: mutations.Outcome, peak: int, traced: bool
) -> None:
    stats.inputs += 1
    stats.loaded += outcome.loaded
    stats.failing_inputs += bool(outcome.failures)
    for label, count in outcome.refusals.items():
        stats.refusals[label] = stats.refusals.get(label, 0) + count
    if not traced and outcome.seconds > stats.worst_time.value:  # tracemalloc skews time
        stats.worst_time = Worst(outcome.seconds, mutations.describe(case))
    if peak > stats.worst_memory.value:
        stats.worst_memory = Worst(peak, mutations.describe(case))
    for failure in outcome.failures:
        seen = stats.failures.setdefault(failure.signature, Seen())
        seen.count += 1
        seen.phases.add(failure.phase.split("(")[0])
        size = (len(case.steps), len(case.text))
        if size < seen.size:
            seen.size = size
            seen.message = str(failure.error).splitlines()[0][:300] if str(failure.error) else ""
            seen.where = failure.where
            seen.case = mutations.describe(case)
            seen.text = case.text
            seen.fmt = case.fmt


def run(args: argparse.Namespace) -> Stats:
    stats = Stats()
    workdir = Path(tempfile.mkdtemp(prefix="vendorgov-fuzz-"))
    stop = time.monotonic() + args.minutes * 60 if args.minutes else float("inf")

    @settings(
        max_examples=BATCH,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # no shrinking: the smallest input seen is kept instead
        suppress_health_check=list(HealthCheck),
    )
    @given(case=mutations.cases())
    def one(case: mutations.Case) -> None:
        if stats.inputs >= args.examples or time.monotonic() > stop:
            return
        # tracemalloc slows a run ten times over: trace one input in `memory_every`,
        # and every input whose text is over 100 kB (the likely worst ones).
        traced = args.memory_every and (
            stats.inputs % args.memory_every == 0 or len(case.text) > 100_000
        )
        if traced:
            tracemalloc.start()
        try:
            outcome = mutations.exercise(case, workdir, full=args.full)
        finally:
            peak = tracemalloc.get_traced_memory()[1] if traced else 0
            if traced:
                tracemalloc.stop()
        stats.traced += bool(traced)
        record(stats, case, outcome, peak, bool(traced))

    batch = 0
    while stats.inputs < args.examples and time.monotonic() < stop:
        hypothesis.seed(args.seed * 1_000_003 + batch)(one)()
        batch += 1
        done = stats.inputs
        print(
            f"\r{done} inputs, {stats.loaded} loaded, {len(stats.failures)} distinct failures",
            end="",
            file=sys.stderr,
            flush=True,
        )
    print(file=sys.stderr)
    return stats


def report(stats: Stats, args: argparse.Namespace, seconds: float) -> dict[str, Any]:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failures = []
    ordered = sorted(stats.failures.items(), key=lambda item: -item[1].count)
    for number, ((name, place), seen) in enumerate(ordered, 1):
        file = out / f"{number:02d}-{name}.{seen.fmt}"
        data = seen.text if isinstance(seen.text, bytes) else seen.text.encode("utf-8", "replace")
        file.write_bytes(data)
        failures.append(
            {
                "exception": name,
                "where": place,
                "deepest_frame": seen.where,
                "count": seen.count,
                "phases": sorted(seen.phases),
                "message": seen.message,
                "reproducer": seen.case,
                "file": str(file),
            }
        )
    summary = {
        "python": platform.python_version(),
        "hypothesis": hypothesis.__version__,
        "inputs": stats.inputs,
        "loaded": stats.loaded,
        "failing_inputs": stats.failing_inputs,
        "seconds": round(seconds, 1),
        "full": args.full,
        "worst_time_s": round(stats.worst_time.value, 3),
        "worst_time_case": stats.worst_time.case,
        "worst_peak_memory_mib": round(stats.worst_memory.value / 2**20, 1)
        if stats.traced
        else None,
        "memory_traced_inputs": stats.traced,
        "worst_memory_case": stats.worst_memory.case,
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "refusals": dict(sorted(stats.refusals.items(), key=lambda item: -item[1])[:30]),
        "failures": failures,
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000, help="inputs to try at most")
    parser.add_argument("--minutes", type=float, default=0, help="stop after this long (0: never)")
    parser.add_argument("--full", action="store_true", help="every render at every date")
    parser.add_argument(
        "--memory-every",
        type=int,
        default=10,
        metavar="N",
        help="trace the memory of one input in N, and of every input over 100 kB (0: none)",
    )
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed of the first batch")
    parser.add_argument(
        "--out",
        default=str(Path(tempfile.gettempdir()) / "vendorgov-fuzz"),
        help="folder for reproducers and summary (default: vendorgov-fuzz in the temp folder)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    stats = run(args)
    summary = report(stats, args, time.perf_counter() - started)
    print(
        f"{summary['inputs']} inputs in {summary['seconds']} s ({summary['loaded']} loaded), "
        f"{summary['failing_inputs']} failing, {len(summary['failures'])} distinct failures"
    )
    print(f"worst time per input (inputs not traced): {summary['worst_time_s']} s")
    print(f"  {summary['worst_time_case'].splitlines()[0]} ...")
    if summary["worst_peak_memory_mib"] is not None:
        print(
            f"worst peak memory per input (tracemalloc, {stats.traced} inputs traced): "
            f"{summary['worst_peak_memory_mib']} MiB"
        )
        print(f"  {summary['worst_memory_case'].splitlines()[0]} ...")
    print(f"max RSS of the run: {summary['max_rss_mib']} MiB")
    for failure in summary["failures"]:
        print(
            f"\n{failure['exception']} at {failure['where']} ({failure['count']}x; "
            f"{', '.join(failure['phases'])}): {failure['message']}"
        )
        print("  " + failure["reproducer"].replace("\n", "\n  "))
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
