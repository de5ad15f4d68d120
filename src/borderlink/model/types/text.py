"""Small value types: sex codes, plates, the script a name is written in."""

from __future__ import annotations

import re
import unicodedata

_SEX = {"男": "M", "女": "F", "m": "M", "f": "F", "male": "M", "female": "F"}
_VIET_MARKS = set("ăâđêôơưĂÂĐÊÔƠƯ")


def clean_sex(raw: str | None) -> str | None:
    if raw is None:
        return None
    return _SEX.get(raw.strip().lower())


def clean_plate(raw: str) -> str:
    """Plates: uppercase, without separators (粤B·3K721 -> 粤B3K721)."""
    return re.sub(r"[\s·.\-•]", "", raw.upper())


def name_script(name: str | None) -> str | None:
    """han / latin / vietnamese / mixed, from the letters of the name."""
    if not name or not name.strip():
        return None
    han = latin = viet = False
    for ch in name:
        if not ch.isalpha():
            continue
        if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000":
            han = True
        elif ch.isascii():
            latin = True
        else:
            latin = True
            base = unicodedata.decomposition(ch)
            if ch in _VIET_MARKS or base:
                viet = True
    if han and latin:
        return "mixed"
    if han:
        return "han"
    if viet:
        return "vietnamese"
    return "latin" if latin else None


def split_surname_caps(name: str | None) -> tuple[str | None, str | None]:
    """(surname, given names) of a name written surname first with the surname in capitals.

    The Hong Kong convention ("CHAN Tai-man", "AU YEUNG Ka-wai", "NGUYEN Van Hung"):
    the leading words in capitals are the surname. When the split cannot be told
    (all capitals, no capitals first, one word) both are None.
    """
    if not name or not name.strip():
        return None, None
    if "," in name:
        head, _, tail = name.partition(",")
        if head.strip() and tail.strip():
            return " ".join(head.split()), " ".join(tail.split())
        return None, None
    words = name.split()
    n = 0
    while n < len(words) and _is_capitals(words[n]):
        n += 1
    if n == 0 or n == len(words):
        return None, None
    return " ".join(words[:n]), " ".join(words[n:])


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) > 1
