"""Throughput of `borderlink.extract.extract_text` over the gold reports, repeated.

Run: .venv/bin/python bench/bench_extract.py [ROUNDS]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from borderlink.extract import extract_text
from borderlink.sources.text_reader import read_report

GOLD = Path(__file__).resolve().parents[1] / "tests" / "extract" / "gold"


def main(rounds: int) -> None:
    texts = [
        (p.name, read_report(p)["text"] or "")
        for p in sorted(GOLD.iterdir())
        if p.suffix in (".txt", ".md") and p.name != "README.md"
    ]
    extract_text(texts[0][1], file=texts[0][0])  # compile the rules once
    chars = sum(len(t) for _, t in texts) * rounds
    started = time.perf_counter()
    facts = sum(len(extract_text(t, file=f)) for _ in range(rounds) for f, t in texts)
    elapsed = time.perf_counter() - started
    n = len(texts) * rounds
    print(
        f"{n} reports, {chars:,} chars, {facts:,} facts in {elapsed:.2f} s: "
        f"{n / elapsed:.0f} reports/s, {chars / elapsed / 1000:.0f} k chars/s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
