"""Issue 11's targets on several held-out worlds, in one process, one row per world.

    .venv/bin/python bench/bench_heldout_suite.py --seeds tuning --syndicates 30 --keep /tmp/ho
    .venv/bin/python bench/bench_heldout_suite.py --seeds reporting --syndicates 60 --keep DIR

Each world: bench/heldout (with issue 11's phenomena at the seed's rates) -> ingest ->
resolve -> analyse -> evaluate (pairs, syndicates, roles, alias pairs). `--reuse` keeps
the ingested and resolved workspaces of an earlier run in --keep and re-runs only what
`--from` names (resolve or analyse), which is how rules are tuned on the tuning seeds.
Reporting seeds are run for figures only (see bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout import REPORTING_SEEDS, TUNING_SEEDS, Phenomena, generate

from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.evaluate import evaluate_graph
from borderlink.ingest import ingest_export
from borderlink.resolve import resolve_workspace
from borderlink.resolve.evaluate import evaluate_workspace
from borderlink.store import Store


def seeds_of(text: str) -> list[int]:
    if text == "tuning":
        return list(TUNING_SEEDS)
    if text == "reporting":
        return list(REPORTING_SEEDS)
    return [int(s) for s in text.split(",")]


def run_world(root: Path, seed: int, syndicates: int, start: str, baseline: bool) -> str:
    export, ws = root / f"s{seed}" / "export", root / f"s{seed}" / "ws"
    times: dict[str, float] = {}
    t = time.perf_counter()
    if start == "generate" or not ws.exists():
        generate(
            export,
            seed=seed,
            scale=syndicates * 70,
            phenomena=Phenomena.for_seed(seed),
            syndicates=syndicates,
        )
        if ws.exists():
            import shutil

            shutil.rmtree(ws)
        ingest_export(export, ws)
        start = "resolve"
    times["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    if start == "resolve":
        resolve_workspace(ws)
    times["resolve"] = time.perf_counter() - t
    with Store.open(ws) as store:
        t = time.perf_counter()
        analyse_workspace(store)
        times["analyse"] = time.perf_counter() - t
        graph = evaluate_graph(store, export / "truth")
    ev = evaluate_workspace(ws, export / "truth", baseline=baseline)
    r = ev.resolve
    extra = {k: v for s in ev.sections for k, v in s.rows}
    alias = f"{extra.get('alias pair recall', '-')} / {extra.get('alias pair precision', '-')}"
    base = (
        f" | {ev.baseline.precision:.4f} / {ev.baseline.recall:.4f} / {ev.baseline.f1:.4f} / "
        f"{ev.baseline.cross_source_recall:.4f}"
        if ev.baseline
        else ""
    )
    return (
        f"| {seed} | {syndicates} | {r.records:,} | {r.precision:.4f} / {r.recall:.4f} / "
        f"{r.f1:.4f} / {r.cross_source_recall:.4f} | {graph.syndicate_ari:.4f} | "
        f"{graph.role_f1.get('organiser', 0):.4f} | {graph.role_macro_f1:.4f} | {alias}"
        f"{base} | {times['resolve']:.0f} s / {times['analyse']:.1f} s |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seeds", default="tuning", help="tuning, reporting or a comma list")
    ap.add_argument("--syndicates", type=int, default=30)
    ap.add_argument("--keep", type=Path, default=None)
    ap.add_argument(
        "--from", dest="start", default="generate", choices=["generate", "resolve", "analyse"]
    )
    ap.add_argument("--baseline", action="store_true", help="plain Splink beside (slower)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = a.keep or Path(tmp)
        print(
            "| seed | syndicates | records | pair P / R / F1 / cross-source R | syndicate ARI "
            "| organiser F1 | role macro-F1 | alias pairs R / P"
            + (" | plain Splink P / R / F1 / cross-source R" if a.baseline else "")
            + " | resolve / analyse |"
        )
        print("|---" * (9 if a.baseline else 8) + "|")
        for seed in seeds_of(a.seeds):
            print(run_world(root, seed, a.syndicates, a.start, a.baseline), flush=True)


if __name__ == "__main__":
    main()
