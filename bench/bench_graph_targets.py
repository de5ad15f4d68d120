"""Issue 6's targets per seed: generate -> ingest -> resolve -> analyse -> evaluate_graph.

Prints syndicate ARI, the share of migrants placed in a syndicate, role macro-F1 and
per-role F1 for each seed, and the time of each stage. Usage:
.venv/bin/python bench/bench_graph_targets.py [--seeds 1,2,3,7] [--scale 3000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.evaluate import GraphEvaluation, evaluate_graph
from borderlink.ingest import ingest_export
from borderlink.resolve import resolve_workspace
from borderlink.store import Store
from borderlink.synth import generate


def run_seed(root: Path, seed: int, scale: int) -> tuple[GraphEvaluation, dict[str, float]]:
    export, workspace = root / f"s{seed}" / "export", root / f"s{seed}" / "ws"
    times: dict[str, float] = {}
    t = time.perf_counter()
    generate(export, seed=seed, scale=scale)
    times["generate"] = time.perf_counter() - t
    t = time.perf_counter()
    ingest_export(export, workspace)
    times["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    resolve_workspace(workspace)
    times["resolve"] = time.perf_counter() - t
    with Store.open(workspace) as store:
        t = time.perf_counter()
        analyse_workspace(store)
        times["analyse"] = time.perf_counter() - t
        evaluation = evaluate_graph(store, export / "truth")
    return evaluation, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default="1,2,3,7")
    parser.add_argument("--scale", type=int, default=3000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the worlds in this folder")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        print(
            "| seed | syndicate ARI | migrants in syndicates | role macro-F1 | lowest role F1 "
            "| analyse s |"
        )
        print("|---|---|---|---|---|---|")
        for seed in seeds:
            ev, times = run_seed(root, seed, args.scale)
            low = min(ev.role_f1, key=lambda r: ev.role_f1[r])
            print(
                f"| {seed} | {ev.syndicate_ari:.4f} | {ev.migrants_in_syndicates:.2%} "
                f"| {ev.role_macro_f1:.4f} | {low} {ev.role_f1[low]:.4f} "
                f"| {times['analyse']:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
