"""Syllable inventories (from the packages' own data) and joined-name segmentation.

"Zhiming" or "Taiman" must be split into syllables before they can be compared
with "Zhi-ming" or "Tai Man"; the inventories come from pypinyin's character
dictionary and cantoroman's romanisation table, never from a hand list.
"""

from __future__ import annotations

import json
import pkgutil
import unicodedata
from functools import lru_cache

_MAX_SYLLABLE = 7  # longest pinyin ("chuang", "zhuang") or HK ("cheung", "chuen") syllable


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Toneless pinyin syllables read off pypinyin's character dictionary (ü written v and u)."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            base = unicodedata.normalize("NFKD", reading)
            plain = "".join(ch for ch in base if not unicodedata.combining(ch)).lower()
            if plain.isalpha() and plain.isascii():
                out.add(plain)
                if "u" in plain and plain[:1] in "nl":
                    out.add(plain.replace("u", "v"))
    out.discard("")
    return frozenset(s for s in out if len(s) <= _MAX_SYLLABLE)


@lru_cache(maxsize=1)
def hk_syllables() -> frozenset[str]:
    """Hong Kong government romanisation syllables.

    The keys of cantoroman's reverse table, and every syllable the Jyutping
    rules (hk_romanisation) can write.
    """
    from borderlink.resolve.names.hk_romanisation import rule_inventory

    raw = pkgutil.get_data("cantoroman", "data/romanToChar.json")
    assert raw is not None
    table: dict[str, object] = json.loads(raw.decode("utf-8"))
    found = {k for k in table if k.isalpha()} | rule_inventory()
    return frozenset(k for k in found if len(k) <= _MAX_SYLLABLE)


def segment(word: str, inventory: frozenset[str]) -> tuple[str, ...] | None:
    """Split a joined word into the fewest syllables of the inventory (None if impossible).

    Hyphens and apostrophes are hard boundaries; fewest-syllables breaks
    ambiguities ("xian" stays one syllable, as a writer who meant "xi an"
    would have written "Xi'an").
    """
    parts: list[str] = []
    for piece in word.replace("'", "-").split("-"):
        if not piece:
            continue
        seg = _segment_piece(piece, inventory)
        if seg is None:
            return None
        parts.extend(seg)
    return tuple(parts) if parts else None


@lru_cache(maxsize=200_000)
def _segment_piece(piece: str, inventory: frozenset[str]) -> tuple[str, ...] | None:
    n = len(piece)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(max(0, end - _MAX_SYLLABLE), end):
            prev = best[start]
            if prev is None or piece[start:end] not in inventory:
                continue
            cand = (*prev, piece[start:end])
            cur = best[end]
            if cur is None or len(cand) < len(cur):
                best[end] = cand
    return best[n]
