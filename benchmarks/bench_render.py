"""Rendering benchmark: the contract of 1,000 missions, in Markdown and in HTML.

Compares, in one process and on the same missions, for each format:

* ``vendorgov.render(mission, "contract", lang="fr", format=fmt)`` for every mission:
  argument checks, the context, the template, the blank-line collapse (Markdown), the
  data hash (the mission's canonical JSON), the integrity footer, the `Document`;
* the floor: raw Jinja, ``template.render(**context)`` of the *same* compiled template
  object vendorgov uses (taken from vendorgov's cached environment), with each
  mission's context built beforehand by the same builder vendorgov calls. Only the
  template runs in the timed loop (plus setting the per-render state the filters read,
  a context variable, about a microsecond).

The missions are the three demo missions varied with ``attrs.evolve`` (key, name,
provider, fees), each a distinct object. vendorgov keeps the canonical JSON of the last
missions rendered by identity; the benchmark empties that cache before every timed run,
so that every mission is serialized once per run, as in a portfolio rendered once.

Before timing, the outputs are checked: vendorgov's document, without its integrity
footer and before the blank-line collapse it applies to Markdown, is the raw render;
its data hash matches the documented definition (``params + "\\n" +
vendorgov.dumps(mission, "json")``).

Timings are medians of ``--repeat`` runs after a warm-up run, vendorgov and raw Jinja
alternating, both CPU time (``time.process_time``, less sensitive to other processes on
the machine) and wall time. The ratio is vendorgov / raw Jinja; the goal is ≤ 1.25×.

Run from the repository root::

    python benchmarks/bench_render.py            # 1,000 missions
    python benchmarks/bench_render.py --quick    # 50 missions, a smoke run
"""

from __future__ import annotations

import argparse
import functools
import gc
import hashlib
import json
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import jinja2

import vendorgov
import vendorgov._documents.render
from vendorgov import Mission
from vendorgov._documents import contexts, environment
from vendorgov._documents.contract import contract_context

DOCUMENT = "contract"
LANG = "fr"
FORMATS = ("md", "html")
RENDER_MODULE = sys.modules["vendorgov._documents.render"]
BLANK_LINES = re.compile(r"\n{3,}")
MARKERS = {"md": "<!-- vendorgov:integrity -->", "html": '<footer class="vg-integrity"'}


# -- the portfolio --------------------------------------------------------------------------
def _vary_fee(fee: Any, number: int) -> Any:
    cents = Decimal(number % 97) / 100
    return attrs.evolve(fee, amount=attrs.evolve(fee.amount, amount=fee.amount.amount + cents))


def build(count: int) -> list[Mission]:
    """``count`` distinct missions: the demo missions with another key, name, provider, fees."""
    demos = vendorgov.examples.demo_missions()
    missions = []
    for number in range(count):
        base = demos[number % len(demos)]
        contract = base.contract
        assert contract is not None
        missions.append(
            attrs.evolve(
                base,
                key=f"{base.key}_{number:04d}",
                name=f"{base.name} (lot {number + 1})",
                provider=attrs.evolve(base.provider, name=f"{base.provider.name} {number + 1}"),
                contract=attrs.evolve(
                    contract, fees=tuple(_vary_fee(fee, number) for fee in contract.fees)
                ),
            )
        )
    return missions


# -- the two contenders ---------------------------------------------------------------------
Prepared = list[tuple[environment.RenderState, dict[str, Any]]]


def template_of(fmt: str) -> jinja2.Template:
    """The compiled template vendorgov renders (from its cached environment)."""
    env = environment.environment(LANG, fmt, False, None)
    return environment.get_template(env, f"{DOCUMENT}.{fmt}.j2")


def prepare(missions: list[Mission], fmt: str) -> Prepared:
    """Each mission's render state and context, built once, with vendorgov's builder."""
    options = contexts.RenderOptions(document=DOCUMENT, lang=LANG, format=fmt, at=None, draft=False)
    prepared = []
    for mission in missions:
        state = environment.RenderState(
            lang=LANG,
            format=fmt,
            draft=False,
            start=mission.start,
            timezone=mission.timezone,
            language=mission.language,
        )
        token = environment.activate(state)
        try:
            context = contract_context(mission, options)
            context.setdefault("page", RENDER_MODULE._page_info(mission, mission.start))
            prepared.append((state, context))
        finally:
            environment.deactivate(token)
    return prepared


def raw_jinja(template: jinja2.Template, prepared: Prepared) -> list[str]:
    """The floor: the template alone, on precomputed contexts."""
    texts = []
    for state, context in prepared:
        token = environment.activate(state)  # the filters read the mission's start and zone
        texts.append(template.render(**context))
        environment.deactivate(token)
    return texts


def with_vendorgov(missions: list[Mission], fmt: str) -> list[vendorgov.Document]:
    return [vendorgov.render(mission, DOCUMENT, lang=LANG, format=fmt) for mission in missions]


def forget_canonical_json() -> None:
    """Empty vendorgov's per-mission JSON cache: each run serializes every mission anew."""
    cache = getattr(RENDER_MODULE, "_JSON_CACHE", None)
    if cache is not None:
        cache.clear()


# -- checks ---------------------------------------------------------------------------------
def without_footer(doc: vendorgov.Document) -> str:
    """The document's text without the integrity footer ``render`` adds."""
    text = doc.text
    start = text.rindex(MARKERS[doc.format])
    if doc.format == "md":
        return text[:start]
    end = text.index("</footer>\n", start) + len("</footer>\n")
    return text[:start] + text[end:]


def expected_body(raw: str, fmt: str) -> str:
    """What vendorgov's text before the footer must be, from the raw render."""
    if fmt == "html":
        return raw
    text = BLANK_LINES.sub("\n\n", raw)  # Markdown: runs of blank lines collapse to one
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "\n"


def documented_data_hash(mission: Mission, fmt: str) -> str:
    params = json.dumps(
        {"at": None, "document": DOCUMENT, "draft": False, "format": fmt, "lang": LANG},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    payload = params + "\n" + vendorgov.dumps(mission, "json")
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def verify(missions: list[Mission], docs: list[vendorgov.Document], raws: list[str]) -> None:
    for mission, doc, raw in zip(missions, docs, raws, strict=True):
        assert without_footer(doc) == expected_body(raw, doc.format), mission.key
        assert doc.data_sha256 == documented_data_hash(mission, doc.format), mission.key
        assert doc.body_sha256 == hashlib.sha256(doc.body.encode("utf-8")).hexdigest()
    assert len({doc.sha256 for doc in docs}) == len(docs), "the missions are not distinct"


# -- timing ---------------------------------------------------------------------------------
def _clock(run: Callable[[], object], before: Callable[[], None]) -> tuple[float, float]:
    before()
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    return time.process_time() - cpu, time.perf_counter() - wall


def race(
    contenders: dict[str, tuple[Callable[[], object], Callable[[], None]]], repeat: int
) -> dict[str, dict[str, list[float]]]:
    """Each contender ``repeat`` times, alternating, after one warm-up run each."""
    samples: dict[str, dict[str, list[float]]] = {
        name: {"cpu": [], "wall": []} for name in contenders
    }
    for run, before in contenders.values():
        _clock(run, before)
    for _ in range(repeat):
        for name, (run, before) in contenders.items():
            cpu, wall = _clock(run, before)
            samples[name]["cpu"].append(cpu)
            samples[name]["wall"].append(wall)
    return samples


def spread(values: list[float]) -> float:
    """Relative spread of the samples: (max - min) / median."""
    return (max(values) - min(values)) / statistics.median(values)


def measure(
    missions: list[Mission], fmt: str, repeat: int
) -> tuple[float, dict[str, dict[str, list[float]]]]:
    """Check the outputs, then race vendorgov against raw Jinja; the mean length and samples."""
    template = template_of(fmt)
    prepared = prepare(missions, fmt)
    docs = with_vendorgov(missions, fmt)
    assert template_of(fmt) is template  # compiled once, shared with vendorgov.render
    verify(missions, docs, raw_jinja(template, prepared))
    chars = statistics.mean(len(doc.text) for doc in docs)
    del docs
    samples = race(
        {
            "raw": (functools.partial(raw_jinja, template, prepared), lambda: None),
            "vendorgov": (functools.partial(with_vendorgov, missions, fmt), forget_canonical_json),
        },
        repeat,
    )
    return chars, samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 missions, 3 runs")
    parser.add_argument("--count", type=int, default=None, help="missions (default 1,000)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs (default 7)")
    args = parser.parse_args()
    count = args.count or (50 if args.quick else 1000)
    repeat = 3 if args.quick else args.repeat

    begin = time.perf_counter()
    missions = build(count)
    built = time.perf_counter() - begin

    print(f"## Rendering the contract of {count:,} missions (French)")
    print()
    print(
        f"Python {platform.python_version()}, Jinja {jinja2.__version__}, "
        f"median of {repeat} run(s) after a warm-up, CPU time (wall time in brackets); "
        f"building the missions took {built:.1f} s (not timed)."
    )
    print()
    print("| format | raw Jinja (floor) | `vendorgov.render` | ratio | per contract | spread |")
    print("|---|---:|---:|---:|---:|---:|", flush=True)
    for fmt in FORMATS:
        chars, samples = measure(missions, fmt, repeat)
        raw_cpu, vg_cpu = (statistics.median(samples[name]["cpu"]) for name in samples)
        raw_wall, vg_wall = (statistics.median(samples[name]["wall"]) for name in samples)
        worst = max(spread(samples[name]["cpu"]) for name in samples)
        print(
            f"| {fmt} ({chars / 1000:.0f} k chars) "
            f"| {raw_cpu:.3f} s ({raw_wall:.3f} s) "
            f"| {vg_cpu:.3f} s ({vg_wall:.3f} s) "
            f"| **{vg_cpu / raw_cpu:.2f}×** ({vg_wall / raw_wall:.2f}×) "
            f"| {(vg_cpu - raw_cpu) / count * 1e3:+.2f} ms "
            f"| {worst:.0%} |",
            flush=True,
        )
    print()
    print(
        "*per contract*: vendorgov's extra CPU time per mission; *spread*: the larger "
        "(max − min) / median of the CPU samples. Outputs checked: same text as the raw "
        "render once the integrity footer is removed, and the documented data hash."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
