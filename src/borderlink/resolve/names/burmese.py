"""Burmese names across scripts: Latin spellings and Chinese transliterations.

Yunnan records write Burmese names in characters (貌吞觉敏), Hong Kong and
Guangdong in Latin letters with no fixed spelling (MAUNG TUN KYAW MYINT /
Maung Htoon Kyau Myint). Both sides are reduced to syllable classes: Latin
words by spelling-folding rules (pre-aspiration marks, doubled letters,
ay/e, oo/u, aong/aung ...), characters through a transliteration table
(burmese_chinese.yaml). The key is the sorted multiset of classes, as Burmese
names have no surname and sources order them differently.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from importlib import resources

import yaml

from borderlink.resolve.names.chinese import to_simplified

_MAX_KEYS = 16
_MAX_GROUP = 2  # the longest character group of the table (杜拉 Thura)

# Ordered rewrites from a folded Latin word to its syllable class. Each is a
# spelling alternation of Burmese romanisation (no official standard exists).
_CLASS_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"[^a-z]", ""),
        (r"a[ow]ng", "aung"),  # Aong, Awng / Aung
        (r"o[ou]", "u"),  # Htoon, Oo / Htun, U
        (r"(aye|ay|ei)$", "e"),  # Shway, Nay / Shwe, Ne
        (r"ain$", "ein"),  # Thain / Thein
        (r"ar$", "a"),  # Hlar / Hla
        (r"(.)\1+", r"\1"),  # Minn, Thuu / Min, Thu
        (r"^h(?=[tlmnsp])", ""),  # pre-aspirated Htin, Hla / Tin, La
        (r"^([nml])h", r"\1"),  # the same mark written after: Nhin / Hnin, Nin
        (r"^([tpk])h", r"\1"),  # Thet, Phyo, Khin / Tet, Pyo, Kin
        (r"^(ky|gy|ch|j)", "c"),  # Kyaw, Chaw, Gyi / Caw, Ci
        (r"^ny", "n"),
        (r"^sh", "s"),
        (r"au$", "aw"),  # Kyau / Kyaw
        (r"oe$", "o"),  # Soe, Moe / So, Mo
    )
)


@lru_cache(maxsize=50_000)
def burmese_class(word: str) -> str:
    """Syllable class of one folded Latin word ("Htoon" -> "tun", "Kyau" -> "caw")."""
    out = word.lower()
    for pattern, repl in _CLASS_RULES:
        out = pattern.sub(repl, out)
    return out


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Character group -> Latin spellings (commonest first), and the honorific classes."""
    text = resources.files(__package__).joinpath("burmese_chinese.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    groups: dict[str, list[str]] = {}
    for latin, chars in data["syllables"].items():
        for group in chars:
            groups.setdefault(to_simplified(str(group)), []).append(str(latin))
    honorifics = frozenset(burmese_class(str(h)) for h in data["honorifics"])
    return {g: tuple(v) for g, v in groups.items()}, honorifics


def _segmentations(simplified: str) -> list[list[tuple[str, ...]]]:
    """Ways to cut the name into table groups; each cut is a list of per-group spellings."""
    groups, _ = _table()
    out: list[list[tuple[str, ...]]] = []

    def walk(start: int, acc: list[tuple[str, ...]]) -> None:
        if len(out) >= _MAX_KEYS:
            return
        if start == len(simplified):
            out.append(list(acc))
            return
        for size in range(_MAX_GROUP, 0, -1):
            group = simplified[start : start + size]
            if len(group) == size and group in groups:
                walk(start + size, [*acc, groups[group]])

    walk(0, [])
    return out


@lru_cache(maxsize=100_000)
def burmese_readings(han: str) -> tuple[tuple[str, ...], ...]:
    """Latin spellings (name order) a Chinese transliteration may stand for; () if unreadable."""
    simplified = to_simplified(han)
    if not simplified:
        return ()
    readings: list[tuple[str, ...]] = []
    for cut in _segmentations(simplified):
        readings.extend(itertools.islice(itertools.product(*cut), _MAX_KEYS))
    return tuple(dict.fromkeys(readings))[:_MAX_KEYS]


def _key(classes: tuple[str, ...]) -> str:
    return "my:" + " ".join(sorted(classes))


@lru_cache(maxsize=1)
def _known_classes() -> frozenset[str]:
    text = resources.files(__package__).joinpath("burmese_chinese.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return frozenset(burmese_class(str(w)) for w in (*data["syllables"], *data["honorifics"]))


def burmese_keys(words: tuple[str, ...], known_only: bool = False) -> frozenset[str]:
    """Keys of a Burmese name given as Latin words in name order (honorific-free form too).

    With known_only (the record does not say it is Burmese), only a name whose
    every word is a Burmese syllable of the table gets a key.
    """
    classes = tuple(c for c in (burmese_class(w) for w in words) if c)
    if not classes or (known_only and not set(classes) <= _known_classes()):
        return frozenset()
    keys = {_key(classes)}
    _, honorifics = _table()
    if len(classes) >= 3 and classes[0] in honorifics:
        keys.add(_key(classes[1:]))
    return frozenset(keys)


@lru_cache(maxsize=100_000)
def burmese_han_keys(han: str) -> frozenset[str]:
    """Keys of a Burmese name written in Chinese transliteration (empty if unreadable)."""
    keys: set[str] = set()
    for reading in burmese_readings(han):
        keys |= burmese_keys(reading)
    return frozenset(keys)
