"""The whole pipeline on the product's own generated data, stage by stage, with plain Splink.

    .venv/bin/python bench/bench_pipeline.py --scale 100000 --scale 1000000 [--out /tmp/bp]

For each scale: `borderlink generate` -> `ingest` -> `resolve` -> `analyse` -> `report`,
then plain Splink (names as written, Splink's default training; `bench_resolve.py
--child baseline`) on the same person records. Each stage runs in its own process under
GNU time, so its peak memory is its own (maximum resident set size of the stage's process
tree's largest process). Prints a table per scale and, with two or more scales, how each
stage's time and memory grow from the smallest to the largest scale (the exponent b in
cost ~ records^b).
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
BENCH = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Stage:
    name: str
    seconds: float
    peak_gb: float
    exit_code: int


def measured(name: str, argv: list[str]) -> Stage:
    """Run one stage under GNU time; its own wall time and peak RSS."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-v", *argv], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - t0
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    peak = int(match.group(1)) / 1024 / 1024 if match else float("nan")
    if proc.returncode != 0:
        print(f"--- {name} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}", flush=True)
    return Stage(name, seconds, peak, proc.returncode)


def run_scale(root: Path, scale: int, seed: int) -> list[Stage]:
    out, ws, report = root / f"world_{scale}", root / f"ws_{scale}", root / f"report_{scale}"
    for folder in (out, ws, report):
        shutil.rmtree(folder, ignore_errors=True)
    bl = str(BIN / "borderlink")
    w = ["--workspace", str(ws)]
    stages = [
        ("generate", [bl, "generate", str(out), "--seed", str(seed), "--scale", str(scale)]),
        ("ingest", [bl, "ingest", str(out), *w]),
        ("resolve", [bl, "resolve", *w]),
        ("analyse", [bl, "analyse", *w]),
        ("report", [bl, "report", "--out", str(report), "--no-pdf", *w]),
        (
            "plain Splink (same records)",
            [sys.executable, str(BENCH / "bench_resolve.py"), "--child", "baseline", str(ws)],
        ),
    ]
    results = []
    for name, argv in stages:
        stage = measured(name, argv)
        results.append(stage)
        print(
            f"  {scale:>9,} {name:<28} {stage.seconds:8.1f} s {stage.peak_gb:6.2f} GB"
            f"{'' if stage.exit_code == 0 else f'  exit {stage.exit_code}'}",
            flush=True,
        )
        if stage.exit_code != 0:
            break
    return results


def growth(small: float, large: float, n_small: int, n_large: int) -> float:
    """The exponent b in cost ~ n^b between two scales."""
    if small <= 0 or large <= 0:
        return float("nan")
    return math.log(large / small) / math.log(n_large / n_small)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--scale", type=int, action="append", help="person records (repeatable)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=Path("/tmp/bench_pipeline"))
    a = ap.parse_args()
    scales = sorted(a.scale or [100_000])
    a.out.mkdir(parents=True, exist_ok=True)
    table: dict[int, list[Stage]] = {}
    for scale in scales:
        print(f"scale {scale:,} (seed {a.seed})", flush=True)
        table[scale] = run_scale(a.out, scale, a.seed)
    print("\n| stage | " + " | ".join(f"{s:,}: time, peak" for s in scales) + " |")
    print("|---|" + "---|" * len(scales))
    names = [st.name for st in table[scales[0]]]
    for i, name in enumerate(names):
        cells = []
        for s in scales:
            st = table[s][i] if i < len(table[s]) else None
            cells.append("-" if st is None else f"{st.seconds:.1f} s, {st.peak_gb:.2f} GB")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if len(scales) > 1:
        lo, hi = scales[0], scales[-1]
        print(f"\ngrowth {lo:,} -> {hi:,} (exponent b in cost ~ records^b):")
        for i, name in enumerate(names):
            if i < len(table[lo]) and i < len(table[hi]):
                a_, b_ = table[lo][i], table[hi][i]
                print(
                    f"  {name:<28} time b={growth(a_.seconds, b_.seconds, lo, hi):.2f}"
                    f"  memory b={growth(a_.peak_gb, b_.peak_gb, lo, hi):.2f}"
                )
    ok = all(st.exit_code == 0 for stages in table.values() for st in stages)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
