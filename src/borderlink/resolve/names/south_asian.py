"""South Asian names written in Chinese characters, read back to their Latin keys.

A Yunnan record writes Muhammad Javed Butt as 穆罕默德·贾韦德·巴特 and its
pinyin as MUHANMODEJIAWEIDEBATE; Hong Kong writes BUTT MOHAMED JAWED. Each
Chinese component is looked up in a transliteration table (data:
south_asian_chinese.yaml), the Latin spellings it stands for are folded by the
phonetic rules, and the whole name gets the same order-independent ph: key the
Latin record gets. A name is read only when every component is known, so a
Chinese name that happens to contain 阿里 or 汗 is not taken for one.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from importlib import resources

import yaml

from borderlink.resolve.names.chinese import to_simplified
from borderlink.resolve.names.phonetic import phonetic_key
from borderlink.resolve.names.script import han_chars

_SEPARATORS = re.compile(r"[·•・‧.\-\s,，]+")
_MAX_KEYS = 16
_MAX_COMPONENT = 6  # longest table entry in characters (维克拉马辛哈)


@lru_cache(maxsize=1)
def component_table() -> dict[str, tuple[str, ...]]:
    """Chinese component (simplified) -> the Latin spellings it stands for."""
    text = resources.files(__package__).joinpath("south_asian_chinese.yaml").read_text("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for han, latin in yaml.safe_load(text)["names"].items():
        values = latin if isinstance(latin, list) else [latin]
        out[to_simplified(str(han))] = tuple(str(v) for v in values)
    return out


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, tuple[str, ...]]:
    """Toneless joined pinyin of each component (muhanmode) -> its Latin spellings."""
    from pypinyin import Style, lazy_pinyin

    out: dict[str, tuple[str, ...]] = {}
    for han, latin in component_table().items():
        reading = "".join(lazy_pinyin(han, style=Style.NORMAL)).replace("ü", "v")
        out.setdefault(reading, latin)
    return out


def _segment(text: str, table: dict[str, tuple[str, ...]]) -> list[tuple[str, ...]] | None:
    """Split a run into the fewest table components; their Latin options, or None."""
    n = len(text)
    best: list[list[tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - _MAX_COMPONENT * 6), end):
            prev = best[start]
            options = table.get(text[start:end])
            if prev is None or options is None:
                continue
            cur = best[end]
            if cur is None or len(prev) + 1 < len(cur):
                best[end] = [*prev, options]
    return best[n]


def _keys(components: list[tuple[str, ...]]) -> frozenset[str]:
    keys: set[str] = set()
    for combo in itertools.islice(itertools.product(*components), _MAX_KEYS):
        keys.add("ph:" + phonetic_key(combo))
    return frozenset(keys)


@lru_cache(maxsize=50_000)
def south_asian_han_keys(text: str, need_separator: bool) -> frozenset[str]:
    """ph: keys of a South Asian name written in Chinese (empty unless every part is known).

    With need_separator (no nationality says South Asian), only a name whose
    words are set apart by a middle dot, the way Chinese writes foreign names,
    is read.
    """
    pieces = [han_chars(p) for p in _SEPARATORS.split(text)]
    pieces = [p for p in pieces if p]
    if not pieces or (need_separator and len(pieces) < 2):
        return frozenset()
    table = component_table()
    components: list[tuple[str, ...]] = []
    for piece in pieces:
        found = _segment(to_simplified(piece), table)
        if found is None:
            return frozenset()
        components.extend(found)
    return _keys(components)


@lru_cache(maxsize=50_000)
def south_asian_pinyin_keys(text: str) -> frozenset[str]:
    """ph: keys of the pinyin of such a name (MUHANMODEJIAWEIDEBATE, "ta li ke han")."""
    joined = re.sub(r"[^a-z]", "", text.lower().replace("ü", "v"))
    if not joined:
        return frozenset()
    found = _segment(joined, _pinyin_table())
    if found is None or len(found) < 2:
        return frozenset()
    return _keys(found)
