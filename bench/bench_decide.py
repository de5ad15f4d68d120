"""Time of a review decision applied at once (re-cluster, stored model) against a full resolve.

Run: .venv/bin/python bench/bench_decide.py WORKSPACE [--decisions N]
     .venv/bin/python bench/bench_decide.py DIR --scale 100000 [--seed S] [--decisions N]

WORKSPACE is a resolved workspace (e.g. `borderlink demo`'s DIR/workspace); it is copied
first, so it is left as it was. With --scale, DIR is built first instead: a generated world
of that many person records (DIR/world), ingested and resolved into DIR/workspace, each step
timed. On the copy: one full resolve that trains the model again (the baseline, measured in
the same run), then N decisions on uncertain pairs, each applied at once with the stored
model, then a `resolve` with nothing changed (re-cluster only).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from borderlink import Workspace
from borderlink.workspace.models import DecideRequest, IngestRequest, ResolveRequest, ReviewRequest


def build(folder: Path, scale: int, seed: int) -> Path:
    """Generate, ingest and resolve a world of `scale` person records; return its workspace."""
    from borderlink.synth import generate

    start = time.perf_counter()
    world = generate(folder / "world", seed=seed, scale=scale)
    print(f"generate: {time.perf_counter() - start:.1f} s, {world.person_records:,} person records")
    ws = Workspace.open(folder / "workspace")
    start = time.perf_counter()
    ingested = ws.ingest(IngestRequest(export_dir=folder / "world"))
    print(f"ingest: {time.perf_counter() - start:.1f} s, {ingested.read:,} rows read")
    start = time.perf_counter()
    first = ws.resolve()
    print(f"first resolve: {time.perf_counter() - start:.1f} s, {first.entities:,} entities")
    return folder / "workspace"


def main(workspace: Path, decisions: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "ws"
        shutil.copytree(workspace, copy, ignore=shutil.ignore_patterns("*.lock"))
        ws = Workspace.open(copy)
        start = time.perf_counter()
        full = ws.resolve(ResolveRequest(retrain=True))
        full_s = time.perf_counter() - start
        print(
            f"full resolve (retrain): {full_s:.1f} s, {full.records:,} records, "
            f"{full.entities:,} entities, model {full.model_sha256[:12]}"
        )
        again = ws.resolve(ResolveRequest(retrain=True))
        print(
            f"second retrain: model {again.model_sha256[:12]} "
            f"({'same' if again.model_sha256 == full.model_sha256 else 'DIFFERENT'} hash)"
        )
        pairs = ws.review(ReviewRequest(limit=decisions)).pairs
        times = []
        for pair in pairs:
            start = time.perf_counter()
            result = ws.decide(
                DecideRequest(
                    record_a=pair.record_a,
                    record_b=pair.record_b,
                    decision="different" if pair.linked else "same",
                    reason="benchmark",
                )
            )
            times.append(time.perf_counter() - start)
            assert result.applied is not None
        if times:
            print(
                f"decide + re-cluster: {len(times)} decisions, "
                f"mean {sum(times) / len(times):.2f} s, max {max(times):.2f} s"
            )
        start = time.perf_counter()
        quick = ws.resolve()
        print(
            f"resolve with no new data (re-cluster only): {time.perf_counter() - start:.2f} s "
            f"({quick.notes[0] if quick.notes else ''})"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace", type=Path, help="a resolved workspace, or DIR with --scale")
    parser.add_argument("--decisions", type=int, default=5)
    parser.add_argument("--scale", type=int, help="build DIR first: a world of this many records")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    target = build(args.workspace, args.scale, args.seed) if args.scale else args.workspace
    main(target, args.decisions)
