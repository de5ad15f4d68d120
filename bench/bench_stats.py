"""Benchmark: operation figures and the full report over a large generated world.

Generates and ingests a world (borderlink.synth, borderlink.ingest), fills clusters and
syndicates from truth/ (as the stats tests do, so resolve/analyse time is not measured
here), then times `operation_figures` (whole window, each --by) and `build_report`
(HTML + CSV/JSON + PDF through Chromium).
Run: .venv/bin/python bench/bench_stats.py [--scale 100000] [--out /tmp/bench_stats]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "stats"))

from stats_world import fill_from_truth

from borderlink.ingest import ingest_export
from borderlink.reports import build_report
from borderlink.stats import DIMENSIONS, operation_figures
from borderlink.store import Store
from borderlink.synth import generate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench_stats"))
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    t = time.perf_counter()
    generate(args.out / "export", seed=7, scale=args.scale)
    ingest_export(args.out / "export", args.out / "ws")
    with Store.open(args.out / "ws") as store:
        fill_from_truth(store, args.out / "export" / "truth")
    print(f"setup (generate, ingest, truth tables): {time.perf_counter() - t:.1f} s")
    with Store.open(args.out / "ws", read_only=True) as store:
        t = time.perf_counter()
        figures = operation_figures(store)
        print(f"operation_figures, whole window: {time.perf_counter() - t:.2f} s")
        print(
            f"  arrests {figures.value('people_arrested').count:,}, "
            f"people {figures.value('people_arrested').people:,}, "
            f"cases {figures.value('cases_cracked').count:,}, "
            f"groups {figures.value('groups_broken_up').count:,}"
        )
        for name in DIMENSIONS:
            t = time.perf_counter()
            operation_figures(store, by=name)
            print(f"operation_figures --by {name}: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        summary = build_report(store, args.out / "report", lang="both")
        print(f"build_report (HTML, CSV/JSON, PDF): {time.perf_counter() - t:.2f} s")
        print(
            f"  report.html {Path(summary.html).stat().st_size / 1024:.0f} KiB, "
            f"report.pdf {Path(summary.pdf or '').stat().st_size / 1024:.0f} KiB"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
