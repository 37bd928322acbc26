"""PDF benchmark: the French contract of 100 missions, printed to PDF.

Compares, in one process and on the same missions:

* ``vendorgov.render(mission, "contract", lang="fr", format="pdf")``: the HTML page
  (context, template, data hash, integrity footer), then WeasyPrint's layout and a tagged
  PDF/A-3b with the mission's JSON attached, the signature blocks' positions read from
  the layout, the ``Document``;
* the floor: WeasyPrint alone on the *same* pre-rendered HTML page (vendorgov's own page,
  rendered before the timed loop) with the same options (``pdf_variant="pdf/a-3b"``,
  ``pdf_tags=True``, the same attachment): ``HTML(string=...).render().write_pdf(...)``.

Before timing, it checks that both give the same bytes for a few missions. Timings are
medians of ``--repeat`` runs after a warm-up, vendorgov and the floor alternating, CPU time
(``time.process_time``) and wall time; the ratio is vendorgov / floor (goal ≤ 1.15×). Peak
memory is the process's maximum resident set size (``resource.getrusage``) after the
vendorgov runs, and the peak of Python allocations during one vendorgov run
(``tracemalloc``, run apart: it slows everything down).

Run from the repository root::

    python benchmarks/bench_pdf.py             # 100 missions, 3 runs
    python benchmarks/bench_pdf.py --quick     # 10 missions, 1 run
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal

import attrs
import weasyprint

import vendorgov
from vendorgov._documents import pdf as vg_pdf
from vendorgov._documents.render import ATTACHMENT_NAME, _canonical_json

LANG = "fr"


def missions(count: int) -> list[vendorgov.Mission]:
    base = vendorgov.examples.demo_mission("logistique")
    made = []
    for index in range(count):
        contract = base.contract
        assert contract is not None
        made.append(
            attrs.evolve(
                base,
                key=f"logistique_{index:03d}",
                provider=attrs.evolve(base.provider, name=f"Prestataire {index:03d} SAS"),
                contract=attrs.evolve(contract, reference=f"ML-2026-LOG-{index:03d}"),
                min_coverage=Decimal("0.5") + Decimal(index % 5) / 100,
            )
        )
    return made


def floor_pdf(html: str, mission: vendorgov.Mission, description: str) -> bytes:
    stamp = dt.datetime(mission.start.year, mission.start.month, mission.start.day)
    attachment = weasyprint.Attachment(
        string=_canonical_json(mission).encode("utf-8"),
        name=ATTACHMENT_NAME,
        description=description,
        created=stamp,
        modified=stamp,
        relationship="Source",
    )
    with vg_pdf._fixed_font_timestamps():
        fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
        document = weasyprint.HTML(string=html, url_fetcher=fetcher).render()
        return document.write_pdf(
            pdf_variant=vg_pdf.PDF_VARIANT, pdf_tags=True, attachments=[attachment]
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.count, args.repeat = 10, 1
    import logging
    import warnings

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    warnings.simplefilter("ignore", ResourceWarning)
    from vendorgov._labels import PHRASES

    description = PHRASES[LANG]["attachment"]
    pool = missions(args.count)
    pages = {m.key: vendorgov.render(m, "contract", lang=LANG, format="pdf").text for m in pool}
    for mission in pool[:3]:
        ours = vendorgov.render(mission, "contract", lang=LANG, format="pdf").content
        assert ours == floor_pdf(pages[mission.key], mission, description), mission.key

    def run_vendorgov() -> None:
        for mission in pool:
            vendorgov.render(mission, "contract", lang=LANG, format="pdf")

    def run_floor() -> None:
        for mission in pool:
            floor_pdf(pages[mission.key], mission, description)

    run_vendorgov()  # warm-up
    run_floor()
    cpu: dict[str, list[float]] = {"vendorgov": [], "floor": []}
    wall: dict[str, list[float]] = {"vendorgov": [], "floor": []}
    for _ in range(args.repeat):
        for name, run in (("vendorgov", run_vendorgov), ("floor", run_floor)):
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            run()
            cpu[name].append(time.process_time() - started_cpu)
            wall[name].append(time.perf_counter() - started_wall)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    for mission in pool[:10]:
        vendorgov.render(mission, "contract", lang=LANG, format="pdf")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
        f"{args.count} French contracts, {args.repeat} runs"
    )
    for name in ("floor", "vendorgov"):
        median_cpu = statistics.median(cpu[name])
        median_wall = statistics.median(wall[name])
        print(
            f"{name:>9}: CPU {median_cpu:7.2f} s ({median_cpu / args.count * 1000:6.0f} ms per "
            f"contract), wall {median_wall:7.2f} s ({median_wall / args.count * 1000:6.0f} ms)"
        )
    ratio_cpu = statistics.median(cpu["vendorgov"]) / statistics.median(cpu["floor"])
    ratio_wall = statistics.median(wall["vendorgov"]) / statistics.median(wall["floor"])
    print(f"ratio vendorgov / floor: CPU {ratio_cpu:.3f}x, wall {ratio_wall:.3f}x (goal <= 1.15x)")
    print(f"peak RSS {rss_mib:.0f} MiB; Python allocations, one render: {peak / 2**20:.1f} MiB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
