"""Resolve on Spark (local mode) beside DuckDB: time and peak memory per stage, per size.

The records come from bench_resolve.py's population model, written straight
into person_records. For each size, two fresh processes resolve copies of the
same workspace, one per engine. Memory is the peak resident set of the whole
process tree (driver Python, Spark's JVM and its Python workers), sampled every
0.2 s and kept per stage (the stages the resolve progress reports).

Run: .venv/bin/python bench/bench_spark.py [N ...]   (default 100000)
Settings come from the environment as usual (BORDERLINK_SPARK_MASTER,
BORDERLINK_SPARK_DRIVER_MEMORY, BORDERLINK_SPARK_PARTITIONS, ...).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_resolve import build_workspace


class TreeMemory:
    """Peak RSS of this process and all its descendants, per named stage."""

    def __init__(self, interval: float = 0.2) -> None:
        self.stage = "start"
        self.peaks: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def _rss(self) -> int:
        me = psutil.Process()
        total = 0
        for proc in [me, *me.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        return total

    def _run(self, interval: float) -> None:
        while not self._stop.is_set():
            gb = self._rss() / 2**30
            self.peaks[self.stage] = max(self.peaks.get(self.stage, 0.0), gb)
            time.sleep(interval)

    def close(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        return {k: round(v, 2) for k, v in self.peaks.items()}


def child(engine: str, ws: Path) -> None:
    """One resolve in this process; prints JSON (timings, peaks, counts)."""
    from borderlink.resolve import resolve_workspace

    memory = TreeMemory()
    starts: dict[str, float] = {}

    def progress(stage: str) -> None:
        memory.stage = stage
        starts[stage] = time.perf_counter()

    start = time.perf_counter()
    summary = resolve_workspace(ws, engine=engine, progress=progress)
    total = time.perf_counter() - start
    out = {
        "engine": engine,
        "records": summary.records,
        "candidates": summary.candidate_pairs,
        "entities": summary.entities,
        "timings": summary.timings,
        "total_s": round(total, 1),
        "peak_gb_by_stage": memory.close(),
    }
    print(json.dumps(out))


def main(sizes: list[int]) -> None:
    for n in sizes:
        base = Path(f"/tmp/bench_spark_{n}")
        if not (base / "borderlink.duckdb").exists():
            build_workspace(base, n)
        for engine in ("duckdb", "spark"):
            ws = Path(f"/tmp/bench_spark_{n}_{engine}")
            shutil.rmtree(ws, ignore_errors=True)
            shutil.copytree(base, ws)
            res = subprocess.run(
                [sys.executable, __file__, "--child", engine, str(ws)],
                capture_output=True,
                text=True,
                check=True,
            )
            print(n, res.stdout.strip().splitlines()[-1], flush=True)
            shutil.rmtree(ws, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]))
    else:
        main([int(a) for a in sys.argv[1:]] or [100_000])
