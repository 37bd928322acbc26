"""Where ``vendorgov.render``'s time goes beyond the template, for the contract.

Two measurements on the missions of ``bench_render.py``, in one process:

1. **Steps timed one by one** (CPU time, median of ``--repeat`` runs over all the
   missions): the raw template (the floor), and each piece of work ``render`` adds on
   top — building the context, the canonical JSON of the mission for the data hash
   (``serialization.unstructure`` and the JSON text), the SHA-256 hashes, the blank-line
   collapse of Markdown, the footer and the `Document`. Cheaper and more faithful than a
   profiler's attribution, which inflates small Python calls.
2. **cProfile** of ``vendorgov.render`` over the missions: cumulative time of the
   functions that make up each step, and the functions with the most own time.
3. **Before and after**, in the same rounds: raw Jinja, ``render`` as released in
   0.1.0 (the canonical JSON by ``json.dumps(..., indent=2)``, the blank lines by
   ``\n{3,}``; put back by monkeypatching this process only) and ``render`` as it is.

Usage, from the repository root::

    python benchmarks/profile_render.py               # 300 missions, 5 runs
    python benchmarks/profile_render.py --count 100 --skip profile --skip steps
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import hashlib
import io
import json
import pstats
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_render
import vendorgov
from vendorgov import serialization
from vendorgov._documents import contexts, environment
from vendorgov._documents.contract import contract_context

RENDER = bench_render.RENDER_MODULE


def cpu_median(run: Callable[[], object], repeat: int, before: Callable[[], None]) -> float:
    run()
    samples = []
    for _ in range(repeat):
        before()
        gc.collect()
        start = time.process_time()
        run()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def steps(missions: list[vendorgov.Mission], fmt: str, repeat: int) -> list[tuple[str, float]]:
    """Each step's CPU time per mission, in milliseconds."""
    template = bench_render.template_of(fmt)
    prepared = bench_render.prepare(missions, fmt)
    options = contexts.RenderOptions(
        document=bench_render.DOCUMENT, lang=bench_render.LANG, format=fmt, at=None, draft=False
    )
    texts = bench_render.raw_jinja(template, prepared)
    plain = [serialization.unstructure(mission) for mission in missions]
    canonical = [serialization.dumps(mission, "json") for mission in missions]
    docs = bench_render.with_vendorgov(missions, fmt)
    nothing = bench_render.forget_canonical_json

    def build_contexts() -> None:
        for (state, _), mission in zip(prepared, missions, strict=True):
            token = environment.activate(state)
            contract_context(mission, options)
            environment.deactivate(token)

    def encode() -> None:
        for data in plain:
            document = {"schema_version": serialization.SCHEMA_VERSION, **data}
            json.dumps(document, ensure_ascii=False, indent=2)

    def hashes() -> None:
        for text, doc in zip(canonical, docs, strict=True):
            hashlib.sha256(text.encode("utf-8")).hexdigest()  # the data hash
            hashlib.sha256(doc.body.encode("utf-8")).hexdigest()  # the body, in the footer

    def collapse(pattern: re.Pattern[str]) -> Callable[[], None]:
        def run() -> None:
            for text in texts:
                pattern.sub("\n\n", text)

        return run

    def documents() -> None:
        for doc in docs:
            vendorgov.Document(
                name=doc.name,
                lang=doc.lang,
                format=doc.format,
                text=doc.text,
                data_sha256=doc.data_sha256,
                missing=doc.missing,
            )

    timed: list[tuple[str, Callable[[], object]]] = [
        ("template (the floor)", lambda: bench_render.raw_jinja(template, prepared)),
        ("context (`contract_context`)", build_contexts),
        ("`unstructure(mission)`", lambda: [serialization.unstructure(m) for m in missions]),
        ("JSON text (`json.dumps(indent=2)`)", encode),
        (
            "`vendorgov.dumps(mission, 'json')`",
            lambda: [serialization.dumps(m, "json") for m in missions],
        ),
    ]
    json_text = getattr(RENDER, "_json_text", None)
    if json_text is not None:
        documents_plain = [{"schema_version": serialization.SCHEMA_VERSION, **d} for d in plain]
        timed.append(
            ("JSON text (`render._json_text`)", lambda: [json_text(d) for d in documents_plain])
        )
    canonical_json = getattr(RENDER, "_canonical_json", None)
    if canonical_json is not None:
        timed.append(
            (
                "canonical JSON as `render` computes it",
                lambda: [canonical_json(m) for m in missions],
            )
        )
    timed += [
        ("SHA-256 of the data and of the body", hashes),
        ("blank-line collapse, `\\n{3,}` (0.1.0)", collapse(re.compile(r"\n{3,}"))),
        ("blank-line collapse, `render._BLANK_LINES`", collapse(RENDER._BLANK_LINES)),
        ("`Document` (hashes of text and body)", documents),
        ("`vendorgov.render`, all included", lambda: bench_render.with_vendorgov(missions, fmt)),
    ]
    count = len(missions)
    return [
        (name, cpu_median(run, repeat, nothing) / count * 1e3)
        for name, run in timed
        if fmt == "md" or "blank-line" not in name
    ]


# step: (file name ending, function name) pairs; the largest cumulative time counts
GROUPS = {
    "template (`environment.run`)": (("environment.py", "run"),),
    "context (`contract_context`)": (("contract.py", "contract_context"),),
    "canonical JSON (`_canonical_json`)": (("render.py", "_canonical_json"),),
    "  of which `unstructure`": (("serialization.py", "unstructure"),),
    "  of which the JSON text": (
        ("encoder.py", "encode"),
        ("render.py", "_indented_json"),
        ("render.py", "_json_text"),
    ),
    "footer (`_with_footer`)": (("render.py", "_with_footer"),),
    "`Document`": (("document.py", "__attrs_post_init__"),),
    "argument checks (`_check`)": (("render.py", "_check"),),
}


def profile(missions: list[vendorgov.Mission], fmt: str, top: int) -> str:
    bench_render.with_vendorgov(missions[:3], fmt)
    bench_render.forget_canonical_json()
    profiler = cProfile.Profile()
    profiler.enable()
    bench_render.with_vendorgov(missions, fmt)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = max(cum for (_, _, _, cum, _) in stats.stats.values())  # type: ignore[attr-defined]
    out = io.StringIO()
    out.write(f"### cProfile, {fmt}: {total:.2f} s for {len(missions)} missions\n\n")
    out.write("| step | cumulative | share |\n|---|---:|---:|\n")
    for group, names in GROUPS.items():
        cumulative = max(
            (
                cum
                for (file, _, function), (_, _, _, cum, _) in stats.stats.items()  # type: ignore[attr-defined]
                if any(file.endswith(end) and function == name for end, name in names)
            ),
            default=0.0,
        )
        out.write(f"| {group} | {cumulative:.3f} s | {cumulative / total:.0%} |\n")
    out.write("\nMost own time:\n\n```\n")
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)
    lines = stream.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("ncalls"))
    out.write("\n".join(lines[start : start + top + 1]))
    out.write("\n```\n")
    return out.getvalue()


@contextlib.contextmanager
def as_released() -> Iterator[None]:
    """``render`` as in vendorgov 0.1.0: ``json.dumps(indent=2)``, ``\\n{3,}``."""
    saved = {name: getattr(RENDER, name) for name in ("_json_text", "_BLANK_LINES")}
    RENDER._json_text = lambda value: json.dumps(value, ensure_ascii=False, indent=2)
    RENDER._BLANK_LINES = re.compile(r"\n{3,}")
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(RENDER, name, value)


def before_after(missions: list[vendorgov.Mission], fmt: str, repeat: int) -> str:
    """Raw Jinja, ``render`` as released and ``render`` now, alternating."""
    template = bench_render.template_of(fmt)
    prepared = bench_render.prepare(missions, fmt)
    with as_released():
        before = bench_render.with_vendorgov(missions, fmt)
    after = bench_render.with_vendorgov(missions, fmt)
    assert [doc.text for doc in before] == [doc.text for doc in after]

    def released() -> None:
        with as_released():
            bench_render.with_vendorgov(missions, fmt)

    samples = bench_render.race(
        {
            "raw Jinja (floor)": (lambda: bench_render.raw_jinja(template, prepared), nothing),
            "`render` as in 0.1.0": (released, bench_render.forget_canonical_json),
            "`render` now": (
                lambda: bench_render.with_vendorgov(missions, fmt),
                bench_render.forget_canonical_json,
            ),
        },
        repeat,
    )
    floor = statistics.median(samples["raw Jinja (floor)"]["cpu"])
    out = io.StringIO()
    out.write(f"### Before and after, {fmt}: CPU time, median of {repeat} rounds\n\n")
    out.write("| run | time | per contract | ratio |\n|---|---:|---:|---:|\n")
    for name, times in samples.items():
        cpu = statistics.median(times["cpu"])
        out.write(
            f"| {name} | {cpu:.3f} s | {cpu / len(missions) * 1e3:.2f} ms | {cpu / floor:.2f}× |\n"
        )
    return out.getvalue()


def nothing() -> None:
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument(
        "--skip", choices=("steps", "profile", "before-after"), action="append", default=[]
    )
    args = parser.parse_args()
    missions = bench_render.build(args.count)
    for fmt in bench_render.FORMATS:
        if "steps" not in args.skip:
            print(f"### Steps, {fmt}: CPU ms per contract ({args.count} missions)\n")
            print("| step | ms |\n|---|---:|")
            for name, ms in steps(missions, fmt, args.repeat):
                print(f"| {name} | {ms:.2f} |")
            print()
        if "profile" not in args.skip:
            print(profile(missions, fmt, args.top))
        if "before-after" not in args.skip:
            print(before_after(missions, fmt, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
