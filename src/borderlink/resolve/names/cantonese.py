"""Cantonese readings of Chinese names in Hong Kong government romanisation.

HK identity documents spell names by the government's romanisation
(陳志明 -> CHAN Chi-ming). Readings come from cantoroman's character table;
a character may have several readings, so a name yields a few spellings.
"""

from __future__ import annotations

import itertools
import json
import pkgutil
from functools import lru_cache

from borderlink.resolve.names.chinese import split_surname, to_simplified, to_traditional

_MAX_READINGS_PER_CHAR = 4
_MAX_SPELLINGS = 32


@lru_cache(maxsize=1)
def _char_to_roman() -> dict[str, list[str]]:
    raw = pkgutil.get_data("cantoroman", "data/charToRoman.json")
    assert raw is not None
    table: dict[str, list[str]] = json.loads(raw.decode("utf-8"))
    return table


def _readings(ch: str) -> list[str]:
    table = _char_to_roman()
    found = table.get(ch) or table.get(to_traditional(ch)) or table.get(to_simplified(ch))
    if not found:
        return []
    unique = list(dict.fromkeys(r for r in found if r.isalpha()))
    return unique[:_MAX_READINGS_PER_CHAR]


@lru_cache(maxsize=200_000)
def hk_readings(han: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Possible (surname, given syllables) HK romanisations of a name; empty if unreadable."""
    simp = to_simplified(han)
    sur_chars, _ = split_surname(simp)
    trad = to_traditional(simp)
    per_char = [_readings(ch) for ch in trad]
    if not per_char or any(not r for r in per_char):
        return ()
    n_sur = len(sur_chars)
    out: list[tuple[str, tuple[str, ...]]] = []
    for combo in itertools.islice(itertools.product(*per_char), _MAX_SPELLINGS):
        out.append(("".join(combo[:n_sur]), tuple(combo[n_sur:])))
    return tuple(out)
