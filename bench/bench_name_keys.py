"""Throughput of borderlink.resolve.names.name_keys on 100k synthetic names.

Names are drawn from the packages' own data (cantoroman characters, pinyin and
HK syllable inventories, Vietnamese readings) plus a few Latin South Asian and
Burmese words, about 60% distinct, as a real workspace repeats names.
Run: .venv/bin/python bench/bench_name_keys.py [N]
"""

from __future__ import annotations

import json
import pkgutil
import random
import sys
import time

from borderlink.resolve.names import NameInput, bridge_keys, latin_forms, name_keys
from borderlink.resolve.names.syllables import hk_syllables, pinyin_syllables
from borderlink.resolve.names.vietnamese import kvietnamese

LATIN_WORDS = [
    "Mohammad",
    "Muhammad",
    "Mohd",
    "Rafiq",
    "Rafique",
    "Ahmed",
    "Hussain",
    "Abdul",
    "Rahman",
    "Aung",
    "Aong",
    "Kyaw",
    "Kyau",
    "Zaw",
    "Min",
    "Oo",
    "Thant",
    "Zin",
    "Singh",
    "Kumar",
]


def make_names(n: int, seed: int = 1) -> list[NameInput]:
    rng = random.Random(seed)
    raw = pkgutil.get_data("cantoroman", "data/charToRoman.json")
    assert raw is not None
    chars = sorted(c for c in json.loads(raw) if "\u4e00" <= c <= "\u9fff")[:3000]
    vi_chars = sorted(kvietnamese())[:2000]
    py, hk = sorted(pinyin_syllables()), sorted(hk_syllables())
    distinct: list[NameInput] = []
    for i in range(int(n * 0.6)):
        kind = i % 6
        if kind == 0:
            distinct.append(NameInput("".join(rng.sample(chars, 3))))
        elif kind == 1:
            distinct.append(
                NameInput(
                    f"{rng.choice(hk).upper()} {rng.choice(hk).capitalize()}-{rng.choice(hk)}"
                )
            )
        elif kind == 2:
            distinct.append(
                NameInput(f"{rng.choice(py).upper()} {rng.choice(py).capitalize()}{rng.choice(py)}")
            )
        elif kind == 3:
            distinct.append(NameInput("".join(rng.sample(vi_chars, 3))))
        elif kind == 4:
            distinct.append(
                NameInput(None, surname="NGUYEN", given_names=f"Van {rng.choice(py).capitalize()}")
            )
        else:
            distinct.append(NameInput(" ".join(rng.sample(LATIN_WORDS, rng.randint(2, 3)))))
    return [
        distinct[i % len(distinct)] if i < len(distinct) else rng.choice(distinct) for i in range(n)
    ]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    records = make_names(n)
    t0 = time.perf_counter()
    name_keys(NameInput("陈志明"))
    bridge_keys(NameInput("CHAN Chi-ming"))
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    total = bridged = 0
    for r in records:
        total += len(name_keys(r))
        latin_forms(r)
        hk, py = bridge_keys(r)
        bridged += len(hk) + len(py)
    elapsed = time.perf_counter() - t0
    print(f"records={n} distinct={len(set(records))} load_s={t_load:.2f} keying_s={elapsed:.2f}")
    print(f"records_per_s={n / elapsed:,.0f} keys_per_record={total / n:.2f}")
    print(f"bridge_keys_per_record={bridged / n:.2f} (HK readings as pinyin + pinyin keys)")


if __name__ == "__main__":
    main()
