"""Time of a review decision applied at once (re-cluster, stored model) against a full resolve.

Run: .venv/bin/python bench/bench_decide.py WORKSPACE [--decisions N]

WORKSPACE is a resolved workspace (e.g. `borderlink demo`'s DIR/workspace); it is copied
first, so it is left as it was. On the copy: one full resolve that trains the model again
(the baseline, measured in the same run), then N decisions on uncertain pairs, each applied
at once with the stored model, then a `resolve` with nothing changed (re-cluster only).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from borderlink import Workspace
from borderlink.workspace.models import DecideRequest, ResolveRequest, ReviewRequest


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
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--decisions", type=int, default=5)
    args = parser.parse_args()
    main(args.workspace, args.decisions)
