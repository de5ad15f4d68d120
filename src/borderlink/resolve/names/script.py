"""Script detection and Latin folding shared by every name-key family.

Keys compare folded forms only, so diacritics, case, hyphens and apostrophes
never decide whether two spellings agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_SPLIT = re.compile(r"[\s,;/]+")
_NON_ALPHA = re.compile(r"[^a-z\-']+")


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (basic block, extensions A-F, compatibility)."""
    return _HAN.fullmatch(ch) is not None


def han_chars(text: str) -> str:
    """The ideographs of a string, in order; other characters are dropped."""
    return "".join(_HAN.findall(text))


@lru_cache(maxsize=200_000)
def has_latin(text: str) -> bool:
    """True when the string holds at least one Latin letter."""
    return any(ch.isascii() and ch.isalpha() for ch in fold_latin(text))


@lru_cache(maxsize=200_000)
def fold_latin(text: str) -> str:
    """Lowercase ASCII with diacritics removed (đ -> d, ư -> u, ơ -> o)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower().encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=200_000)
def latin_tokens(text: str) -> tuple[str, ...]:
    """Folded word tokens; hyphens and apostrophes stay inside a token as syllable marks."""
    folded = fold_latin(text)
    out: list[str] = []
    for raw in _SPLIT.split(folded):
        token = _NON_ALPHA.sub("", raw).strip("-'")
        if token:
            out.append(token)
    return tuple(out)
