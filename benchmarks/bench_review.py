"""Review report benchmark: what one ``render(mission, "review")`` costs, and counts.

For the three demo missions at their latest review, in French, Markdown and HTML:

* **counts** — in one ``render(m, "review", format=fmt)``: the scorecards computed
  (calls of ``vendorgov._engine.scoring._score``, which ``score`` and ``score_history``
  both go through) and the milestone due-date resolutions (calls of
  ``Mission.milestone_dues``; each resolves every milestone's horizon);
* **time** — CPU time (``time.process_time``) of rendering the three documents of a
  format ``--inner`` times, per format, and of building their contexts alone
  (``review_context``: the engine's work and the views, no template), median of
  ``--repeat`` rounds after a warm-up round, ``gc.collect()`` before each timing.
  The missions are the same objects
  in every round, so the canonical JSON of the data hash is cached after the warm-up:
  what is timed is the context (the engine's work and the views), the templates and
  the charts.

``--compare BASE_SRC`` runs this script on another source tree too (``BASE_SRC`` is
its ``src`` folder, put first on ``PYTHONPATH``), alternating the two in child
processes round by round, so that both see the same machine load, and prints both::

    git archive <base-commit> src | tar -x -C /tmp/base
    python benchmarks/bench_review.py --compare /tmp/base/src
    python benchmarks/bench_review.py            # this tree only
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FORMATS = ("md", "html")


@contextmanager
def _counting() -> Iterator[collections.Counter[str]]:
    """Count the engine's scorings and due-date resolutions while the block runs."""
    from vendorgov._engine import scoring
    from vendorgov._model.mission import Mission

    counts: collections.Counter[str] = collections.Counter()
    patched: list[tuple[Any, str, Any]] = []

    def wrap(owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            counts[label] += 1
            return original(*args, **kwargs)

        patched.append((owner, name, original))
        setattr(owner, name, counted)

    wrap(scoring, "_score", "scorecards")
    wrap(Mission, "milestone_dues", "dues")
    try:
        yield counts
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)


def counts() -> dict[str, dict[str, int]]:
    """The counts of one render, per mission and format."""
    import vendorgov

    found = {}
    for mission in vendorgov.examples.demo_missions():
        for fmt in FORMATS:
            with _counting() as counted:
                vendorgov.render(mission, "review", format=fmt)
            found[f"{mission.key}.{fmt}"] = {key: counted[key] for key in ("scorecards", "dues")}
    return found


def one_round(inner: int) -> dict[str, float]:
    """CPU seconds per kind of timing: ``render`` and ``context``, per format."""
    import vendorgov
    from vendorgov._documents.contexts import RenderOptions
    from vendorgov._documents.review import review_context

    missions = vendorgov.examples.demo_missions()
    times = {}
    for fmt in FORMATS:
        gc.collect()
        start = time.process_time()
        for _ in range(inner):
            for mission in missions:
                vendorgov.render(mission, "review", format=fmt)
        times[f"render.{fmt}"] = time.process_time() - start
        options = RenderOptions(document="review", lang="fr", format=fmt, draft=False, at=None)
        gc.collect()
        start = time.process_time()
        for _ in range(inner):
            for mission in missions:
                review_context(mission, options)
        times[f"context.{fmt}"] = time.process_time() - start
    return times


def child(inner: int, rounds: int) -> None:
    """Warm up, then print the counts and ``rounds`` timings as JSON."""
    import vendorgov

    one_round(1)
    times = [one_round(inner) for _ in range(rounds)]
    print(json.dumps({"file": vendorgov.__file__, "counts": counts(), "times": times}))


def _run_child(src: str | None, inner: int, rounds: int) -> dict[str, Any]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    command = [sys.executable, __file__, "--child", "--inner", str(inner)]
    command += ["--repeat", str(rounds)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _per_render_ms(seconds: float, inner: int) -> float:
    return seconds / (inner * 3) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=7, help="timed rounds (median)")
    parser.add_argument("--inner", type=int, default=10, help="renders of the six per round")
    parser.add_argument("--compare", metavar="BASE_SRC", help="another tree's src folder")
    parser.add_argument("--json", type=Path, help="also write every sample here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.inner, args.repeat)
        return
    variants: dict[str, str | None] = {"this tree": None}
    if args.compare:
        variants = {"base": args.compare, "this tree": None}
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in variants}
    info: dict[str, dict[str, Any]] = {}
    # one child per variant and round, alternating: both see the same machine load
    for _ in range(args.repeat):
        for name, src in variants.items():
            data = _run_child(src, args.inner, 1)
            for timing in data["times"]:
                for kind, seconds in timing.items():
                    samples[name].setdefault(kind, []).append(seconds)
            info[name] = data
    print("render(m, 'review') of the 3 demo missions at their latest review, in French;")
    print(
        f"CPU time per document, median of {args.repeat} rounds (Python {sys.version.split()[0]})"
    )
    medians = {
        name: {kind: statistics.median(values) for kind, values in kinds.items()}
        for name, kinds in samples.items()
    }
    for name in variants:
        print(f"\n{name}: {info[name]['file']}")
        for kind, values in samples[name].items():
            print(
                f"  {kind:12} {_per_render_ms(medians[name][kind], args.inner):6.2f} ms "
                f"(min {_per_render_ms(min(values), args.inner):.2f}, "
                f"max {_per_render_ms(max(values), args.inner):.2f})"
            )
        for key, value in info[name]["counts"].items():
            print(f"  {key:16} {value}")
    if len(variants) == 2:
        base, this = medians.values()
        print("\nthis tree / base: " + ", ".join(f"{k} {this[k] / base[k]:.2f}x" for k in base))
    if args.json:
        args.json.write_text(
            json.dumps({"samples": samples, "info": info}, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
