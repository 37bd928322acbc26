"""Benchmark: from JSON text to validated missions — vendorgov, pydantic v2, a hand loader.

Runs the three loaders in one process on the same texts (a generated portfolio,
one JSON document per mission, see ``generate.py``):

- **vendorgov** — ``vendorgov.loads(text, "json")``, the public path: parse
  (``json.loads`` with ``parse_float=Decimal``), then cattrs' fast pass with
  detailed validation off; the detailed pass only runs when that fails.
- **hand loader** — ``hand_loader.loads_mission(text)``: the same parse, then
  plain functions calling vendorgov's constructors (the same validation runs).
  The floor for anything that builds vendorgov's values.
- **pydantic** — ``MissionDocument.model_validate_json(text)`` on the model of
  ``pydantic_model.py`` (strict, frozen, ``extra="forbid"``, the same
  invariants). Parsing happens inside pydantic-core, in Rust; this is pydantic's
  fastest path and the one its documentation recommends for JSON input.
  ``model_validate(json.loads(...))`` is measured too, for information.

Before timing, a fairness check feeds the same broken documents to all three
and prints which of them refuses each one: a fast loader that lets bad input
through would not be a fair yardstick.

Times are medians of ``--repeat`` rounds after a warm-up round; each round runs
every loader once, in a rotating order, after a ``gc.collect()``. Both CPU time
of the process (``time.process_time``: robust when other processes share the
machine) and wall time are reported; ratios use CPU time.

Usage, from the repository root::

    python benchmarks/bench_load.py                    # 1,000 missions, 7 rounds
    python benchmarks/bench_load.py --quick            # 50 missions, smoke run
    python benchmarks/bench_load.py --json benchmarks/results/load.json
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import gc
import importlib.metadata
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pydantic  # noqa: E402

import generate  # noqa: E402
import hand_loader  # noqa: E402
import pydantic_model  # noqa: E402
import vendorgov  # noqa: E402

Loader = Callable[[str], Any]
Document = dict[str, Any]


# -- the loaders -------------------------------------------------------------------------
def load_vendorgov(text: str) -> Any:
    return vendorgov.loads(text, "json")


def load_hand(text: str) -> Any:
    return hand_loader.loads_mission(text)


def load_pydantic(text: str) -> Any:
    return pydantic_model.MissionDocument.model_validate_json(text)


def load_pydantic_python(text: str) -> Any:
    # Lax mode: strict python-mode validation refuses the lists a JSON parser
    # gives for tuples, and the strings it gives for dates.
    data = json.loads(text, parse_float=Decimal)
    return pydantic_model.MissionDocument.model_validate(data, strict=False)


def parse_only(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


LOADERS: dict[str, Loader] = {
    "vendorgov": load_vendorgov,
    "hand loader": load_hand,
    "pydantic": load_pydantic,
}
EXTRAS: dict[str, Loader] = {
    "pydantic, json.loads + model_validate": load_pydantic_python,
    "json.loads only (parse_float=Decimal)": parse_only,
}


# -- timing ------------------------------------------------------------------------------------
def measure(
    runs: dict[str, Callable[[], object]], repeat: int
) -> dict[str, dict[str, list[float]]]:
    """CPU and wall seconds of each run, ``repeat`` rounds in rotating order, after a warm-up."""
    names = list(runs)
    for name in names:
        runs[name]()
    samples: dict[str, dict[str, list[float]]] = {n: {"cpu": [], "wall": []} for n in names}
    for round_ in range(repeat):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            result = runs[name]()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            del result
            samples[name]["cpu"].append(cpu)
            samples[name]["wall"].append(wall)
    return samples


def portfolio_run(
    loader: Loader, texts: list[str], *, gc_paused: bool = False
) -> Callable[[], object]:
    def run() -> object:
        if not gc_paused:
            return [loader(text) for text in texts]
        gc.disable()
        try:
            return [loader(text) for text in texts]
        finally:
            gc.enable()

    return run


PAUSED = " (GC paused)"


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> float:
    """Relative spread of the samples: (max - min) / median."""
    return (max(values) - min(values)) / statistics.median(values)


# -- fairness: the same broken documents for everyone --------------------------------------------
def _swap_threshold(doc: Document) -> None:
    target = doc["milestones"][1]["targets"][0]
    target["target"], target["threshold"] = target["threshold"], target["target"]


def _second_client_primary(doc: Document) -> None:
    doc["contacts"][1]["side"] = "client"


def _end_before_start(doc: Document) -> None:
    doc["end"] = doc["start"]


def _unknown_key(doc: Document) -> None:
    doc["milestones"][0]["tragets"] = doc["milestones"][0].pop("targets")


def _other_currency(doc: Document) -> None:
    doc["spend"][0]["amount"]["currency"] = "USD" if doc.get("currency", "EUR") != "USD" else "EUR"


def _bad_currency(doc: Document) -> None:
    doc["contract"]["fees"][0]["amount"]["currency"] = "EURO"


def _duplicate_kpi(doc: Document) -> None:
    doc["kpis"][1]["key"] = doc["kpis"][0]["key"]


def _milestones_out_of_order(doc: Document) -> None:
    doc["milestones"][0]["horizon"], doc["milestones"][2]["horizon"] = "EOY", "M+1"


def _bad_horizon(doc: Document) -> None:
    doc["milestones"][0]["horizon"] = "M+0"


def _bad_date(doc: Document) -> None:
    doc["reviews"][0]["on"] = "2027-02-30"


def _unknown_kpi_measured(doc: Document) -> None:
    doc["measurements"][42]["kpi"] = "on_time_shiping"


def _not_a_number(doc: Document) -> None:
    doc["measurements"][57]["value"] = "NaN"


def _too_large(doc: Document) -> None:
    doc["spend"][3]["amount"]["amount"] = "1e16"


def _too_many_digits(doc: Document) -> None:
    doc["measurements"][8]["value"] = "1." + "0" * 40 + "1"


def _blank_name(doc: Document) -> None:
    doc["kpis"][2]["name"] = "   "


def _done_without_date(doc: Document) -> None:
    action = doc["reviews"][1]["corrective_actions"][0]
    action["status"] = "done"
    action.pop("closed_on", None)


def _fixed_fee_without_period(doc: Document) -> None:
    del doc["contract"]["fees"][0]["period"]


def _duplicate_action_id(doc: Document) -> None:
    first = doc["reviews"][0]["corrective_actions"][0]["id"]
    doc["reviews"][1]["corrective_actions"][0]["id"] = first


def _naive_datetime(doc: Document) -> None:
    doc["measurements"][3]["at"] = doc["measurements"][3]["at"] + "T10:00:00"


def _int_as_text(doc: Document) -> None:
    doc["contract"]["payment"]["days"] = "45"


def _zero_weight(doc: Document) -> None:
    doc["kpis"][0]["weight"] = "0"


def _unknown_activity(doc: Document) -> None:
    doc["spend"][5]["activity"] = "fulfillment"


def _bad_email(doc: Document) -> None:
    doc["contacts"][0]["email"] = "claire.boutique.fr"


MUTATIONS: dict[str, Callable[[Document], None]] = {
    "threshold on the better side of its target": _swap_threshold,
    "two primary contacts on the client side": _second_client_primary,
    "end not after start": _end_before_start,
    "unknown key (tragets)": _unknown_key,
    "spend in another currency than the mission": _other_currency,
    "unknown currency code": _bad_currency,
    "duplicate KPI key": _duplicate_kpi,
    "milestones out of order (resolved dates)": _milestones_out_of_order,
    "invalid horizon M+0": _bad_horizon,
    "invalid date 2027-02-30": _bad_date,
    "measurement of an unknown KPI": _unknown_kpi_measured,
    "NaN value": _not_a_number,
    "amount of 10^16": _too_large,
    "value with 42 digits": _too_many_digits,
    "blank KPI name": _blank_name,
    "done action without closing date": _done_without_date,
    "fixed fee without billing period": _fixed_fee_without_period,
    "duplicate corrective action id": _duplicate_action_id,
    "naive datetime": _naive_datetime,
    'integer written as text ("45")': _int_as_text,
    "KPI weight 0": _zero_weight,
    "spend on an unknown activity": _unknown_activity,
    "invalid e-mail address": _bad_email,
}


def _numbers_as_json_numbers(text: str) -> str:
    return re.sub(r'"value": "([0-9.]+)"', r'"value": \1', text)


ACCEPTED: dict[str, Callable[[str], str]] = {
    "exact numbers written as JSON numbers (12.5)": _numbers_as_json_numbers,
}


def _outcome(loader: Loader, text: str) -> str:
    try:
        loader(text)
    except (vendorgov.ValidationError, pydantic.ValidationError):
        return "refused"
    except Exception as error:
        return f"refused ({type(error).__name__})"
    return "accepted"


def fairness(base: Document) -> list[tuple[str, str, dict[str, str]]]:
    """How each loader treats each broken (and each valid variant of a) document."""
    rows = []
    for label, mutate in MUTATIONS.items():
        doc = copy.deepcopy(base)
        mutate(doc)
        text = json.dumps(doc, ensure_ascii=False)
        rows.append((label, "refused", {n: _outcome(f, text) for n, f in LOADERS.items()}))
    for label, rewrite in ACCEPTED.items():
        text = rewrite(json.dumps(base, ensure_ascii=False, indent=2))
        rows.append((label, "accepted", {n: _outcome(f, text) for n, f in LOADERS.items()}))
    return rows


# -- the cost of a detailed error report ---------------------------------------------------------
def error_costs(good: str, base: Document, repeat: int) -> list[dict[str, Any]]:
    """Time to refuse one bad mission (fast pass, then detailed pass) vs loading it when good."""
    cases = {
        "invariant (threshold side, found by the mission)": _swap_threshold,
        "leaf type (NaN value in measurements[57])": _not_a_number,
        "unknown key (tragets) + a bad date": lambda d: (_unknown_key(d), _bad_date(d)),
    }
    rows = []
    for label, mutate in cases.items():
        doc = copy.deepcopy(base)
        mutate(doc)
        bad = json.dumps(doc, ensure_ascii=False, indent=2)
        row: dict[str, Any] = {"case": label}
        for name, loader in (("vendorgov", load_vendorgov), ("pydantic", load_pydantic)):

            def refuse(loader: Loader = loader, bad: str = bad) -> str:
                try:
                    loader(bad)
                except (vendorgov.ValidationError, pydantic.ValidationError) as error:
                    return str(error)
                raise AssertionError("accepted a bad document")

            def accept(loader: Loader = loader) -> object:
                return loader(good)

            samples = measure({"bad": refuse, "good": accept}, repeat)
            row[name] = {
                "bad_ms": median(samples["bad"]["cpu"]) * 1e3,
                "good_ms": median(samples["good"]["cpu"]) * 1e3,
            }
            row[name]["message"] = refuse().splitlines()[:4]
        rows.append(row)
    return rows


# -- import time ----------------------------------------------------------------------------------
def import_times(repeat: int, sample: str) -> dict[str, dict[str, float]]:
    """Median CPU time (user + system) and wall time of fresh interpreters running each snippet.

    CPU time is read from ``getrusage(RUSAGE_CHILDREN)``: unlike wall time, it
    does not count the time the child waits for a core other processes hold.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mission.json"
        path.write_text(sample, encoding="utf-8")
        snippets = {
            "python -c pass": "pass",
            "import vendorgov": "import vendorgov",
            "import vendorgov.serialization (cattrs, converter)": "import vendorgov.serialization",
            "first mission: import + vendorgov.load(one file)": (
                f"import vendorgov; vendorgov.load({str(path)!r})"
            ),
            "import pydantic": "import pydantic",
            "import pydantic_model (pydantic + schema build)": "import pydantic_model",
            "first mission: import + pydantic model_validate_json": (
                "import pathlib, pydantic_model; pydantic_model.MissionDocument"
                f".model_validate_json(pathlib.Path({str(path)!r}).read_text())"
            ),
        }
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), *sys.path[1:]]))
        cpu: dict[str, list[float]] = {name: [] for name in snippets}
        wall: dict[str, list[float]] = {name: [] for name in snippets}
        for round_ in range(repeat + 1):
            for name, code in snippets.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", code], check=True, env=env)
                elapsed = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if round_:  # the first round warms the disk cache and .pyc files
                    wall[name].append(elapsed)
                    cpu[name].append(
                        after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                    )
        check = "import sys, vendorgov; print('jinja2' in sys.modules)"
        jinja = subprocess.run(
            [sys.executable, "-c", check], check=True, env=env, capture_output=True, text=True
        ).stdout.strip()
    result = {
        name: {"cpu_ms": median(cpu[name]) * 1e3, "wall_ms": median(wall[name]) * 1e3}
        for name in snippets
    }
    result["jinja2 imported by import vendorgov"] = {"yes": float(jinja == "True")}
    return result


# -- report -------------------------------------------------------------------------------------
def environment() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {
        name: importlib.metadata.version(name)
        for name in ("vendorgov", "attrs", "cattrs", "pendulum", "pydantic", "pydantic-core")
    }
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "versions": versions,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _timing_table(timing: dict[str, Any], count: int, suffix: str) -> list[str]:
    lines = [
        "| loader | total | per mission | vs pydantic | vs hand loader | best | spread |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    pyd = median(timing["pydantic" + suffix]["cpu"])
    hand = median(timing["hand loader" + suffix]["cpu"])
    for name, samples in timing.items():
        if name.endswith(PAUSED) != bool(suffix):
            continue
        cpu, wall = median(samples["cpu"]), median(samples["wall"])
        lines.append(
            f"| {name.removesuffix(suffix)} | {cpu:.3f} s ({wall:.3f} s) "
            f"| {cpu / count * 1e3:.2f} ms | {cpu / pyd:.2f}× | {cpu / hand:.2f}× "
            f"| {min(samples['cpu']):.3f} s | {spread(samples['cpu']):.0%} |"
        )
    return lines


def markdown(results: dict[str, Any]) -> str:
    env, count = results["environment"], results["missions"]
    lines = [
        f"## Loading a portfolio of {count:,} missions from JSON",
        "",
        f"Python {env['python']} ({env['implementation']}) on {env['platform']}, "
        f"{env['cores']} cores ({env['cpu']}), {env['date']}.",
        ", ".join(f"{name} {version}" for name, version in env["versions"].items()) + ".",
        f"{results['megabytes']:.1f} MB of JSON; median of {results['repeat']} rounds "
        "after a warm-up round; CPU time of the process (wall time in brackets); "
        "best = the fastest round; spread = (slowest − fastest) / median.",
        "",
    ]
    timing = results["timing"]
    lines += _timing_table(timing, count, "")
    lines += [
        "",
        "The same runs with Python's cyclic garbage collector paused during the load "
        "(`gc.disable()`): the compute cost alone, without the collections that a growing "
        f"heap of {count:,} loaded missions triggers.",
        "",
    ]
    lines += _timing_table(timing, count, PAUSED)
    pyd = median(timing["pydantic"]["cpu"])
    hand = median(timing["hand loader"]["cpu"])
    vg = median(timing["vendorgov"]["cpu"])
    paused = median(timing["vendorgov" + PAUSED]["cpu"]) / median(
        timing["pydantic" + PAUSED]["cpu"]
    )
    verdict = "met" if vg <= pyd else "not met"
    lines += [
        "",
        f"Goal of issue 2 (vendorgov's time ≤ pydantic's): **{verdict}** — vendorgov takes "
        f"{vg / pyd:.2f}× pydantic's time and {vg / hand:.2f}× the hand loader's "
        f"({paused:.2f}× pydantic's with the GC paused).",
        "",
        "### Fairness check: the same broken documents for every loader",
        "",
        "| document | expected | " + " | ".join(LOADERS) + " |",
        "|---|---|" + "---|" * len(LOADERS),
    ]
    for label, expected, outcomes in results["fairness"]:
        cells = [outcomes[name] for name in LOADERS]
        lines.append(f"| {label} | {expected} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "### The cost of a detailed error report (one bad mission)",
        "",
        "| bad mission | vendorgov: bad / good | pydantic: bad / good |",
        "|---|---:|---:|",
    ]
    for row in results["errors"]:
        cells = []
        for name in ("vendorgov", "pydantic"):
            bad, good = row[name]["bad_ms"], row[name]["good_ms"]
            cells.append(f"{bad:.2f} ms / {good:.2f} ms ({bad / good:.1f}×)")
        lines.append(f"| {row['case']} | " + " | ".join(cells) + " |")
    lines += ["", "vendorgov's report for the first case:", "", "```"]
    lines += results["errors"][0]["vendorgov"]["message"]
    lines += ["```"]
    if "imports" in results:
        imports = results["imports"]
        base = imports["python -c pass"]["cpu_ms"]
        lines += [
            "",
            "### Import time (fresh interpreter, median CPU time, wall time in brackets)",
            "",
            "| command | time | minus `python -c pass` |",
            "|---|---:|---:|",
        ]
        for name, value in imports.items():
            if "cpu_ms" in value:
                lines.append(
                    f"| `{name}` | {value['cpu_ms']:.0f} ms ({value['wall_ms']:.0f} ms) "
                    f"| {value['cpu_ms'] - base:+.0f} ms |"
                )
        jinja = "yes" if imports["jinja2 imported by import vendorgov"]["yes"] else "no"
        lines += ["", f"`import vendorgov` imports jinja2: {jinja}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 missions, 3 rounds: a smoke run")
    parser.add_argument("--count", type=int, help="missions in the portfolio (default 1000)")
    parser.add_argument("--repeat", type=int, help="timed rounds (default 7, quick 3)")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--no-imports", action="store_true", help="skip the import-time runs")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    count = args.count or (50 if args.quick else 1000)
    repeat = args.repeat or (3 if args.quick else 7)

    texts = generate.generate_texts(count, args.seed)
    base = json.loads(texts[0])
    expected = [load_vendorgov(text) for text in texts]
    assert [load_hand(text) for text in texts] == expected, "hand loader disagrees"
    assert all(load_pydantic(text).key == m.key for text, m in zip(texts, expected, strict=True))
    del expected

    runs = {name: portfolio_run(loader, texts) for name, loader in {**LOADERS, **EXTRAS}.items()}
    for name, loader in LOADERS.items():
        runs[name + PAUSED] = portfolio_run(loader, texts, gc_paused=True)
    results: dict[str, Any] = {
        "environment": environment(),
        "missions": count,
        "megabytes": sum(len(text.encode()) for text in texts) / 1e6,
        "repeat": repeat,
        "fairness": fairness(base),
        "timing": measure(runs, repeat),
        "errors": error_costs(texts[0], base, 15 if args.quick else 41),
    }
    if not args.no_imports:
        results["imports"] = import_times(2 if args.quick else 11, texts[0])
    report = markdown(results)
    sys.stdout.write(report)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    refused = all(
        all(outcome.startswith(expected) for outcome in outcomes.values())
        for _, expected, outcomes in results["fairness"]
    )
    return 0 if refused else 1


if __name__ == "__main__":
    raise SystemExit(main())
