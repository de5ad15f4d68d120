"""Phonetic keys for names written in Latin letters with no fixed spelling.

South Asian (Mohammad / Muhammad / Mohd) and Burmese (Aung / Aong, Kyaw / Kyau)
names are transliterated many ways. Each word is folded to a canonical form by a
small, tested rule set kept as data (transliteration.yaml); the key is the
sorted multiset of those forms, so word order does not matter but every word does.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def _rules() -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    text = resources.files(__package__).joinpath("transliteration.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    canon: dict[str, str] = {}
    for target, variants in data["tokens"].items():
        canon[str(target)] = str(target)
        for v in variants:
            canon[str(v)] = str(target)
    rewrites = tuple((re.compile(str(p)), str(r)) for p, r in data["rewrites"])
    return canon, rewrites


@lru_cache(maxsize=200_000)
def phonetic_word(word: str) -> str:
    """Canonical phonetic form of one folded word ("mohd" -> "muhamad", "rafique" -> "rafik")."""
    canon, rewrites = _rules()
    word = word.replace("-", "").replace("'", "")
    word = canon.get(word, word)
    for pattern, repl in rewrites:
        word = pattern.sub(repl, word)
    return word


def phonetic_key(words: tuple[str, ...]) -> str:
    """Order-independent whole-name phonetic key ("" for no words)."""
    return " ".join(sorted(phonetic_word(w) for w in words if w))
