"""Where ``vendorgov.render``'s time goes beyond the template, for the contract.

Three measurements on the missions of ``bench_render.py``, in one process:

1. **Steps timed one by one** (CPU time, median of ``--repeat`` runs over all the
   missions): the raw template (the floor), and each piece of work ``render`` adds on
   top — building the context, the canonical JSON of the mission for the data hash
   (``serialization.unstructure`` and the JSON text), the SHA-256 hashes, the blank-line
   collapse of Markdown, the footer and the `Document`. Cheaper and more faithful than a
   profiler's attribution, which inflates small Python calls.
2. **cProfile** of ``vendorgov.render`` over the missions: cumulative time of the
   functions that make up each step, and the functions with the most own time.
3. **Candidate changes** (``before-after``), each applied by monkeypatching this process
   only (vendorgov's source is not touched) and timed against ``render`` as it is and
   raw Jinja in the same alternating rounds:

   - the blank-line pattern spelt ``\\n\\n\\n+`` instead of ``\\n{3,}`` (same matches;
     the regex engine then searches for a literal prefix);
   - the indented JSON of the data hash written by json's C encoder
     (`indented_json` below: the same bytes as ``json.dumps(..., indent=2)``, checked
     before timing, but built on ``json.encoder.c_make_encoder``, an undocumented
     CPython function);
   - the data hash over *compact* JSON (``separators=(",", ":")``, which the C encoder
     writes): a different ``data_sha256``, so timed only, not checked;
   - no data hash at all: the lower bound of what ``render`` adds without one.

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
import json.encoder
import pstats
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from itertools import chain
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_render
import vendorgov
from vendorgov import serialization
from vendorgov._documents import contexts, environment
from vendorgov._documents.contract import contract_context

RENDER = bench_render.RENDER_MODULE


# -- the indented JSON on json's C encoder (a candidate, see the docstring) -----------------
# ``json.dumps(value, ensure_ascii=False, indent=2)`` runs Python 3.11's pure-Python encoder
# (a generator per nesting level). The same text, with the C encoder doing the work: one
# call per object or array that holds no other (its item separator carries the newline and
# the indentation), one call per array of such objects (measurements, reports...), Python
# only for the few containers above them.
_MAX_DEPTH = 32
_PADS = tuple("\n" + "  " * depth for depth in range(_MAX_DEPTH + 2))
_CONTAINERS = (list, tuple, dict)
_MAKE_ENCODER: Callable[..., Callable[[Any, int], Any]] | None = getattr(
    json.encoder, "c_make_encoder", None
)


def _c_encoder(item_separator: str) -> Callable[[Any, int], Any] | None:
    if _MAKE_ENCODER is None:
        return None
    # markers (no cycle check: leaves hold no containers), default (None: unknown types
    # raise TypeError), string encoder, indent, key separator, item separator, sort_keys,
    # skipkeys, allow_nan
    return _MAKE_ENCODER(
        None, None, encode_basestring, None, ": ", item_separator, False, False, True
    )


_FLAT = tuple(_c_encoder("," + pad) for pad in _PADS)


class _Unusual(Exception):  # noqa: N818 - internal signal
    """A value left to ``json.dumps``: a non-string key above a leaf, deep nesting."""


def _any_container(objects: list[dict[Any, Any]]) -> bool:
    """Whether a field of ``objects`` is a list, a tuple or a dict (iterated in C)."""
    kinds = set(map(type, chain.from_iterable(map(dict.values, objects))))
    return any(issubclass(kind, _CONTAINERS) for kind in kinds)


def _encode(value: Any, depth: int) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    is_dict = isinstance(value, dict)
    if not is_dict and not isinstance(value, list | tuple):  # a number, a boolean, None
        return "".join(_FLAT[0](value, 0))  # type: ignore[misc]
    if not value:
        return "{}" if is_dict else "[]"
    if depth >= _MAX_DEPTH:
        raise _Unusual
    inner = depth + 1
    pad = _PADS[inner]
    for member in value.values() if is_dict else value:
        if isinstance(member, _CONTAINERS):
            break
    else:  # only scalars inside: '[1,\n    2]' from the encoder, then the brackets' lines
        text = "".join(_FLAT[inner](value, 0))  # type: ignore[misc]
        return text[0] + pad + text[1:-1] + _PADS[depth] + text[-1]
    if is_dict:
        if not all(isinstance(key, str) for key in value):
            raise _Unusual
        items = [
            encode_basestring(key)
            + ": "
            + (encode_basestring(item) if type(item) is str else _encode(item, inner))
            for key, item in value.items()
        ]
        return "{" + pad + ("," + pad).join(items) + _PADS[depth] + "}"
    if set(map(type, value)) == {dict} and all(value) and not _any_container(value):
        # Records, objects of scalars, in one call: the fields' separator also comes between
        # the records, after "}" and before "{", which no field has on both sides (a scalar
        # never ends with "}", a field starts with its key's quote, no string holds "\n").
        deeper = _PADS[inner + 1]
        text = "".join(_FLAT[inner + 1](value, 0))  # type: ignore[misc]
        text = text.replace("}," + deeper + "{", pad + "}," + pad + "{" + deeper)
        return "[" + pad + "{" + deeper + text[2:-2] + pad + "}" + _PADS[depth] + "]"
    items = [
        encode_basestring(member) if type(member) is str else _encode(member, inner)
        for member in value
    ]
    return "[" + pad + ("," + pad).join(items) + _PADS[depth] + "]"


def indented_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, faster."""
    if _MAKE_ENCODER is not None:
        with contextlib.suppress(_Unusual, TypeError, ValueError, RecursionError):
            return _encode(value, 0)
    return json.dumps(value, ensure_ascii=False, indent=2)


def _mission_document(mission: vendorgov.Mission) -> dict[str, Any]:
    """What ``vendorgov.dumps(mission, ...)`` writes: the schema version, then the fields."""
    return {"schema_version": serialization.SCHEMA_VERSION, **serialization.unstructure(mission)}


def _c_canonical_json(mission: vendorgov.Mission) -> str:
    return indented_json(_mission_document(mission)) + "\n"


def _compact_canonical_json(mission: vendorgov.Mission) -> str:
    return json.dumps(_mission_document(mission), ensure_ascii=False, separators=(",", ":"))


def _no_data_hash(*args: object, **kwargs: object) -> str:
    return "0" * 64


CANDIDATES: dict[str, dict[str, Any]] = {
    "blank lines `\\n\\n\\n+`": {"_BLANK_LINES": re.compile(r"\n\n\n+")},
    "indented JSON on the C encoder": {"_canonical_json": _c_canonical_json},
    "both of the above": {
        "_BLANK_LINES": re.compile(r"\n\n\n+"),
        "_canonical_json": _c_canonical_json,
    },
    "hash of compact JSON (another hash)": {"_canonical_json": _compact_canonical_json},
    "no data hash (lower bound)": {"data_sha256": _no_data_hash},
}
"""Each candidate: the attributes of vendorgov's render module it replaces."""


@contextlib.contextmanager
def patched(changes: dict[str, Any]) -> Iterator[None]:
    saved = {name: getattr(RENDER, name) for name in changes}
    for name, value in changes.items():
        setattr(RENDER, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(RENDER, name, value)


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
    documents_plain = [{"schema_version": serialization.SCHEMA_VERSION, **d} for d in plain]
    timed.append(
        (
            "JSON text on the C encoder (candidate)",
            lambda: [indented_json(d) for d in documents_plain],
        )
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
        ("blank-line collapse (`render._BLANK_LINES`)", collapse(RENDER._BLANK_LINES)),
        ("blank-line collapse, `\\n\\n\\n+` (candidate)", collapse(re.compile(r"\n\n\n+"))),
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
    "  of which the JSON text": (("encoder.py", "encode"),),
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


def before_after(missions: list[vendorgov.Mission], fmt: str, repeat: int) -> str:
    """Raw Jinja, ``render`` as it is and with each candidate change, alternating."""
    template = bench_render.template_of(fmt)
    prepared = bench_render.prepare(missions, fmt)
    expected = [doc.text for doc in bench_render.with_vendorgov(missions, fmt)]
    for name in ("blank lines `\\n\\n\\n+`", "indented JSON on the C encoder"):
        bench_render.forget_canonical_json()
        with patched(CANDIDATES[name]):  # the same documents, byte for byte
            assert [doc.text for doc in bench_render.with_vendorgov(missions, fmt)] == expected

    def with_candidate(changes: dict[str, Any]) -> Callable[[], object]:
        def run() -> None:
            with patched(changes):
                bench_render.with_vendorgov(missions, fmt)

        return run

    contenders = {
        "raw Jinja (floor)": (lambda: bench_render.raw_jinja(template, prepared), nothing),
        "`render` as it is": (
            lambda: bench_render.with_vendorgov(missions, fmt),
            bench_render.forget_canonical_json,
        ),
    }
    for name, changes in CANDIDATES.items():
        if fmt == "md" or "_BLANK_LINES" not in changes:
            contenders[name] = (with_candidate(changes), bench_render.forget_canonical_json)
    samples = bench_render.race(contenders, repeat)
    floor = statistics.median(samples["raw Jinja (floor)"]["cpu"])
    out = io.StringIO()
    out.write(f"### Candidate changes, {fmt}: CPU time, median of {repeat} rounds\n\n")
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
