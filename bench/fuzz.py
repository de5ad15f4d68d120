"""Hostile deliveries at scale: N mutated deliveries through ingest, outcomes tabled.

    PYTHONPATH=src python bench/fuzz.py --cases 10000 [--jobs 2] [--minutes 15]

Each case (tests/fuzz/corpus.py) is one source folder of a small generated world
with one file damaged; it is ingested into a fresh workspace in a worker process
and its rows counted independently (tests/fuzz/runner.py). A case that takes longer
than --timeout seconds is a hang: its worker is killed and replaced. The table
printed at the end (markdown) is the issue's: clean error, all rows imported or
quarantined, traceback, silent loss, phantom rows, hang. With --minutes the run
stops early and says how many cases it ran.
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing as mp
import shutil
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

FUZZ = Path(__file__).resolve().parents[1] / "tests" / "fuzz"
sys.path.insert(0, str(FUZZ))

from corpus import base_delivery, make_case  # noqa: E402
from runner import HANG, OUTCOMES, TRACEBACK, run_case  # noqa: E402


def _worker(conn: Connection, root: str, slot: int) -> None:
    base = base_delivery(Path(root))
    work, ws = Path(root) / f"case{slot}", Path(root) / f"ws{slot}"
    while True:
        seed = conn.recv()
        if seed is None:
            return
        shutil.rmtree(ws, ignore_errors=True)
        case = make_case(base, work, seed)
        started = time.monotonic()
        outcome, detail = run_case(case, ws)
        conn.send(
            (
                seed,
                case.source,
                case.file.name,
                case.mutation,
                outcome,
                detail,
                time.monotonic() - started,
            )
        )


class Slot:
    def __init__(self, root: str, slot: int) -> None:
        self.root, self.slot = root, slot
        self._start()

    def _start(self) -> None:
        self.conn, child = mp.Pipe()
        self.proc = mp.get_context("fork").Process(
            target=_worker, args=(child, self.root, self.slot), daemon=True
        )
        self.proc.start()
        self.seed: int | None = None
        self.since = 0.0

    def give(self, seed: int) -> None:
        self.seed, self.since = seed, time.monotonic()
        self.conn.send(seed)

    def restart(self) -> None:
        self.proc.kill()
        self.proc.join()
        self._start()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--minutes", type=float, default=None, help="stop after this long")
    parser.add_argument("--json", type=Path, default=None, help="write every case's outcome")
    args = parser.parse_args()

    root = tempfile.mkdtemp(prefix="borderlink-fuzz-")
    base_delivery(Path(root))  # generated once, before the workers fork
    seeds = iter(range(args.start, args.start + args.cases))
    slots = [Slot(root, i) for i in range(args.jobs)]
    results: list[tuple[object, ...]] = []
    started = time.monotonic()
    deadline = started + args.minutes * 60 if args.minutes else None
    stopped = False
    partial = args.json.with_suffix(".partial.jsonl").open("w") if args.json else None
    try:
        for slot in slots:
            if (seed := next(seeds, None)) is not None:
                slot.give(seed)
        while any(s.seed is not None for s in slots):
            for slot in slots:
                if slot.seed is None:
                    continue
                if not slot.proc.is_alive() and not slot.conn.poll(0):
                    # the worker died (a crash below Python, or an exception making the
                    # case): a traceback, not the end of the run
                    code = slot.proc.exitcode
                    results.append(
                        (slot.seed, "?", "?", "?", TRACEBACK, f"worker died ({code})", 0.0)
                    )
                    slot.restart()
                elif slot.conn.poll(0.05):
                    try:
                        results.append(slot.conn.recv())
                    except EOFError:
                        results.append((slot.seed, "?", "?", "?", TRACEBACK, "worker died", 0.0))
                        slot.restart()
                elif time.monotonic() - slot.since > args.timeout:
                    results.append((slot.seed, "?", "?", "?", HANG, "", args.timeout))
                    slot.restart()
                else:
                    continue
                slot.seed = None
                if partial is not None:  # every outcome on disk at once: a cut run keeps them
                    partial.write(json.dumps(results[-1], ensure_ascii=False, default=str) + "\n")
                    partial.flush()
                if len(results) % 250 == 0:
                    _progress(results, started)
                if deadline is not None and time.monotonic() > deadline:
                    stopped = True
                if not stopped and (seed := next(seeds, None)) is not None:
                    slot.give(seed)
    finally:
        if partial is not None:
            partial.close()
        for slot in slots:
            slot.proc.kill()
        shutil.rmtree(root, ignore_errors=True)
    elapsed = time.monotonic() - started
    _report(results, elapsed, args, stopped)
    return 0


def _progress(results: list[tuple[object, ...]], started: float) -> None:
    """A line every few hundred cases, so a long run can be watched (and cut short)."""
    counts = collections.Counter(str(r[4]) for r in results)
    bad = sum(n for outcome, n in counts.items() if outcome not in OUTCOMES[:2])
    print(
        f"{len(results):,} cases, {(time.monotonic() - started) / 60:.1f} min, "
        f"{bad} not clean: " + ", ".join(f"{o}: {n}" for o, n in sorted(counts.items())),
        flush=True,
    )


def _report(
    results: list[tuple[object, ...]], elapsed: float, args: argparse.Namespace, stopped: bool
) -> None:
    counts = collections.Counter(str(r[4]) for r in results)
    print(
        f"{len(results):,} mutated deliveries in {elapsed / 60:.1f} min "
        f"(seeds {args.start}..{args.start + len(results) - 1}, {args.jobs} worker(s))"
        + (f"; stopped after --minutes {args.minutes:g}" if stopped else "")
    )
    print("\n| outcome | deliveries |\n|---|---|")
    for outcome in OUTCOMES:
        print(f"| {outcome} | {counts.get(outcome, 0):,} |")
    by_mutation = collections.Counter((str(r[3]), str(r[4])) for r in results)
    print("\n| mutation | outcome | deliveries |\n|---|---|---|")
    for (mutation, outcome), n in sorted(by_mutation.items()):
        print(f"| {mutation} | {outcome} | {n:,} |")
    bad = [r for r in results if r[4] not in (OUTCOMES[0], OUTCOMES[1])]
    for r in bad[:20]:
        print(f"\nseed {r[0]} {r[1]}/{r[2]} {r[3]}: {r[4]}\n{r[5]}")
    slow = sorted(results, key=lambda r: -float(r[6]))[:3]  # type: ignore[arg-type]
    print("\nslowest:", ", ".join(f"seed {r[0]} {r[3]} {float(r[6]):.1f}s" for r in slow))  # type: ignore[arg-type]
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, default=str), "utf-8")


if __name__ == "__main__":
    sys.exit(main())
