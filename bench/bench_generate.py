"""Benchmark: `borderlink generate` at 1,000,000 person records; time, peak RSS, sizes.

Run: .venv/bin/python bench/bench_generate.py [--scale 1000000] [--out /tmp/bench_generate]
     [--seed 7] [--keep]
Prints one line per step (time since start) and a summary; the output folder is
removed afterwards unless --keep is given.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import time
from pathlib import Path

from borderlink.synth import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench_generate"))
    parser.add_argument("--keep", action="store_true", help="keep the generated world")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    started = time.perf_counter()

    def step(text: str) -> None:
        print(f"{time.perf_counter() - started:8.1f} s  {text}", flush=True)

    summary = generate(args.out, seed=args.seed, scale=args.scale, progress=step)
    elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mib = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file()) / 2**20
    print(f"{elapsed:8.1f} s  done")
    print(
        f"scale {summary.person_records:,} person records, {summary.people:,} people, "
        f"{summary.syndicates:,} syndicates, {summary.cases:,} cases, {summary.calls:,} calls"
    )
    for path, rows in summary.files.items():
        print(f"  {path}: {rows:,}")
    print(f"wall {elapsed:.1f} s, peak RSS {peak_mib:,.0f} MiB, output {size_mib:,.0f} MiB")
    if not args.keep:
        shutil.rmtree(args.out)


if __name__ == "__main__":
    main()
