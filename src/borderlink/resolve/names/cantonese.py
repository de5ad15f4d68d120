"""Cantonese readings of Chinese names in Hong Kong government romanisation.

HK identity documents spell names by the government's romanisation
(陳志明 -> CHAN Chi-ming). Readings come from cantoroman's character table and,
for what that table lacks (振 Chun), from Unihan's Jyutping rendered by rule
(hk_romanisation); a character may have several readings, so a name yields a
few spellings, the usual ones first.
"""

from __future__ import annotations

import itertools
import json
import math
import pkgutil
from functools import lru_cache

from borderlink.resolve.names.chinese import split_surname, to_simplified, to_traditional
from borderlink.resolve.names.hk_romanisation import kcantonese_chars, rule_spellings

_MAX_READINGS_PER_CHAR = 5
_MAX_SPELLINGS = 48


@lru_cache(maxsize=1)
def _char_to_roman() -> dict[str, list[str]]:
    raw = pkgutil.get_data("cantoroman", "data/charToRoman.json")
    assert raw is not None
    table: dict[str, list[str]] = json.loads(raw.decode("utf-8"))
    return table


@lru_cache(maxsize=1)
def readable_chars() -> tuple[str, ...]:
    """Every character with an HK spelling (cantoroman's table or a Unihan Jyutping reading)."""
    return tuple(dict.fromkeys((*_char_to_roman(), *kcantonese_chars())))


@lru_cache(maxsize=50_000)
def cantoroman_readings(ch: str) -> tuple[str, ...]:
    """The character's spellings in cantoroman's table (as written, traditional or simplified)."""
    table = _char_to_roman()
    found = table.get(ch) or table.get(to_traditional(ch)) or table.get(to_simplified(ch))
    return tuple(dict.fromkeys(r for r in found or () if r.isalpha()))


def rule_readings(ch: str) -> tuple[str, ...]:
    """The character's spellings by the Jyutping rules, looked up in either script."""
    return (
        rule_spellings(ch)
        or rule_spellings(to_traditional(ch))
        or rule_spellings(to_simplified(ch))
    )


@lru_cache(maxsize=50_000)
def char_readings(ch: str) -> tuple[str, ...]:
    """A character's HK spellings, most usual first.

    The rule's usual spelling of each reading leads; spellings both sources
    give follow, then cantoroman's own (alphabetical in its table), then the
    rule's rarer variants.
    """
    rule = rule_readings(ch)
    table = cantoroman_readings(ch)
    usual = rule[:1]
    both = [s for s in rule[1:] if s in table]
    table_only = [s for s in table if s not in rule]
    rare = [s for s in rule[1:] if s not in table]
    return tuple(dict.fromkeys((*usual, *both, *table_only, *rare)))


def _readings(ch: str) -> tuple[str, ...]:
    return char_readings(ch)[:_MAX_READINGS_PER_CHAR]


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
    width = _MAX_READINGS_PER_CHAR
    while width > 1 and math.prod(min(width, len(r)) for r in per_char) > _MAX_SPELLINGS:
        width -= 1  # keep every character's usual spellings rather than vary the last only
    out: list[tuple[str, tuple[str, ...]]] = []
    for combo in itertools.product(*(r[:width] for r in per_char)):
        out.append(("".join(combo[:n_sur]), tuple(combo[n_sur:])))
    return tuple(out)
