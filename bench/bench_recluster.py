"""Re-clustering with the stored model, this tree's code against a baseline tree's, in one run.

Run: .venv/bin/python bench/bench_recluster.py WORKSPACE --baseline SRC [--rounds N] [--full]

WORKSPACE is a resolved workspace; SRC is the `src` folder of the code to compare with
(e.g. `git archive <commit> src | tar -x -C /tmp/base`). Each code runs in its own
process on its own copy of the workspace, alternating, N rounds each: one re-clustering
(`recluster_workspace`: its clustering and writing times, its wall and CPU time), then
one decision applied at once (`Workspace.decide`). Each process prints a digest of the
partition it wrote, so the two codes can be seen to give the same clusters. With --full,
each round starts with a full resolve that trains again (its time and its clustering
stage's time).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def one(workspace: Path, full: bool) -> dict[str, object]:
    """Re-cluster WORKSPACE, then decide on one uncertain pair; times and partition digest."""
    from borderlink import Workspace
    from borderlink.resolve.recluster import recluster_workspace
    from borderlink.store import Store
    from borderlink.workspace.models import DecideRequest, ResolveRequest, ReviewRequest

    out: dict[str, object] = {}
    if full:
        start = time.perf_counter()
        resolved = Workspace.open(workspace).resolve(ResolveRequest(retrain=True))
        out["full_resolve_s"] = round(time.perf_counter() - start, 2)
        out["full_clustering_s"] = resolved.timings.get("clustering")
    start, cpu = time.perf_counter(), time.process_time()
    summary = recluster_workspace(workspace)
    out["recluster_s"] = round(time.perf_counter() - start, 2)
    out["recluster_cpu_s"] = round(time.process_time() - cpu, 2)  # fairer on a loaded machine
    out.update(summary.timings)
    with Store.open(workspace) as store:
        rows = store.query("SELECT record_id, entity_id FROM clusters ORDER BY record_id")
    groups: dict[str, list[str]] = {}
    for record, entity in rows:
        groups.setdefault(str(entity), []).append(str(record))
    text = "\n".join(sorted(",".join(g) for g in groups.values()))
    out["partition"] = hashlib.sha256(text.encode()).hexdigest()[:12]
    out["entities"] = len(groups)
    ws = Workspace.open(workspace)
    pair = ws.review(ReviewRequest(limit=1)).pairs[0]
    start, cpu = time.perf_counter(), time.process_time()
    ws.decide(
        DecideRequest(
            record_a=pair.record_a,
            record_b=pair.record_b,
            decision="different" if pair.linked else "same",
            reason="benchmark",
        )
    )
    out["decide_s"] = round(time.perf_counter() - start, 2)
    out["decide_cpu_s"] = round(time.process_time() - cpu, 2)
    return out


def main(workspace: Path, baseline: Path, rounds: int, full: bool) -> None:
    codes = {"baseline": baseline.resolve(), "this tree": (HERE.parent / "src").resolve()}
    with tempfile.TemporaryDirectory() as tmp:
        copies = {}
        for label in codes:
            copies[label] = Path(tmp) / label.replace(" ", "_")
            shutil.copytree(workspace, copies[label], ignore=shutil.ignore_patterns("*.lock"))
        for r in range(rounds):
            for label, src in codes.items():
                env = dict(os.environ, PYTHONPATH=str(src))
                done = subprocess.run(
                    [sys.executable, __file__, str(copies[label]), "--one"]
                    + (["--full"] if full else []),
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                print(f"round {r + 1} {label}: {done.stdout.strip()}", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="a full resolve first, each round")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.workspace, args.full)))
    elif args.baseline is None:
        parser.error("--baseline SRC is required")
    else:
        main(args.workspace, args.baseline, args.rounds, args.full)
