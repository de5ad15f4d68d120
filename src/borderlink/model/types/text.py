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
