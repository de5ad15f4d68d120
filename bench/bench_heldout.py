"""Held-out accuracy check: borderlink's pipeline on an independently generated world.

    .venv/bin/python bench/bench_heldout.py --seed 1 --scale 3000 --out /tmp/heldout_s1

Writes DIR/export (the agencies' exports and truth/, from bench/heldout, which shares no
code with borderlink.synth), then runs `borderlink ingest`, `resolve`, `analyse`,
`evaluate` and `status` as subprocesses and prints their output, the time of each step
and the figures picked out of `evaluate`.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout import REPORTING_SEEDS, TUNING_SEEDS, Phenomena, generate

BORDERLINK = Path(sys.executable).parent / "borderlink"

FIGURES = [
    ("pair precision", r"precision\D{0,40}?([01]\.\d+)"),
    ("pair recall", r"recall\D{0,40}?([01]\.\d+)"),
    ("pair F1", r"\bF1\D{0,40}?([01]\.\d+)"),
    ("cross-source recall", r"cross-source recall\D{0,40}?([01]\.\d+)"),
    ("syndicate ARI", r"ARI\D{0,40}?(-?[01]\.\d+)"),
    ("migrants in syndicates", r"migrants in syndicates\D{0,40}?([\d.]+\s*%?)"),
    ("role macro-F1", r"macro-F1\D{0,40}?([01]\.\d+)"),
    ("alias pair recall", r"alias pair recall\D{0,40}?([01]\.\d+)"),
    ("alias pair precision", r"alias pair precision\D{0,40}?([01]\.\d+)"),
]


def run(step: str, args: list[str], log: list[tuple[str, float, int]]) -> str:
    t0 = time.perf_counter()
    proc = subprocess.run([str(BORDERLINK), *args], capture_output=True, text=True, check=False)
    dt = time.perf_counter() - t0
    log.append((step, dt, proc.returncode))
    print(f"\n=== borderlink {' '.join(args)}  ({dt:.1f} s, exit {proc.returncode})")
    print(proc.stdout.rstrip())
    if proc.stderr.strip():
        print("--- stderr ---")
        print(proc.stderr.rstrip()[-4000:])
    return proc.stdout + proc.stderr


def print_issues(db: Path) -> None:
    """Quarantined rows by reason, and values kept but not cleaned (value_issues) by reason."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        q = con.sql(
            "SELECT source, file, reason, count(*) FROM quarantine GROUP BY ALL ORDER BY 4 DESC"
        )
        rows = q.fetchall()
        print(f"  {'quarantined rows':<24} {sum(r[3] for r in rows)}")
        for source, file, reason, n in rows:
            print(f"    {n:6d}  {source}/{file}: {reason}")
        v = con.sql(
            'SELECT source, "column", reason, count(*), min(raw_value) FROM value_issues '
            "GROUP BY ALL ORDER BY 4 DESC"
        ).fetchall()
        print(f"  {'value issues':<24} {sum(r[3] for r in v)}")
        for source, column, reason, n, example in v:
            print(f"    {n:6d}  {source}.{column}: {reason}  (e.g. {example!r})")
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scale", type=int, default=3000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--syndicates", type=int, default=None, help="default: scale / 70")
    ap.add_argument(
        "--plain", action="store_true", help="without issue 11's phenomena (earlier worlds)"
    )
    ap.add_argument("--no-baseline", action="store_true", help="skip plain Splink in evaluate")
    a = ap.parse_args()
    export, ws = a.out / "export", a.out / "ws"
    if ws.exists():
        import shutil

        shutil.rmtree(ws)
    log: list[tuple[str, float, int]] = []
    t0 = time.perf_counter()
    phenomena = None if a.plain else Phenomena.for_seed(a.seed)
    counts = generate(
        export, seed=a.seed, scale=a.scale, phenomena=phenomena, syndicates=a.syndicates
    )
    log.append(("generate (held-out)", time.perf_counter() - t0, 0))
    kind = "reporting" if a.seed in REPORTING_SEEDS else "other"
    kind = "tuning" if a.seed in TUNING_SEEDS else kind
    print(f"held-out world seed={a.seed} ({kind} seed) scale={a.scale} -> {export}")
    print(f"  phenomena: {phenomena}")
    for k, v in counts.items():
        print(f"  {k}: {v}")
    run("ingest", ["ingest", str(export), "--workspace", str(ws)], log)
    run("resolve", ["resolve", "--workspace", str(ws)], log)
    run("analyse", ["analyse", "--workspace", str(ws)], log)
    ev_args = ["evaluate", "--truth", str(export / "truth"), "--workspace", str(ws)]
    evaluation = run("evaluate", [*ev_args, *(["--no-baseline"] if a.no_baseline else [])], log)
    status = run("status", ["status", "--workspace", str(ws)], log)
    print("\n=== summary")
    for step, dt, rc in log:
        print(f"  {step:<22} {dt:7.1f} s{'' if rc == 0 else f'  (exit {rc})'}")
    for label, pattern in FIGURES:
        m = re.search(pattern, evaluation, flags=re.IGNORECASE)
        print(f"  {label:<24} {m.group(1) if m else 'not found in evaluate output'}")
    del status
    print_issues(ws / "borderlink.duckdb")
    return 0 if all(rc == 0 for _, _, rc in log) else 1


if __name__ == "__main__":
    raise SystemExit(main())
