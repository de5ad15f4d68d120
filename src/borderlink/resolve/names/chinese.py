"""Mandarin readings of Chinese-character names (simplified and traditional).

Both scripts are folded to simplified with OpenCC before reading, so 陳志明 and
陈志明 give the same pinyin. The surname is read with its surname reading
(单 Shan, 曾 Zeng, 区 Ou) from a small data file.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def _converters() -> tuple[Any, Any]:
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


@lru_cache(maxsize=1)
def _surname_table() -> tuple[dict[str, str], dict[str, str]]:
    text = resources.files(__package__).joinpath("surname_readings.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return dict(data["single"]), dict(data["compound"])


@lru_cache(maxsize=200_000)
def to_simplified(text: str) -> str:
    """Simplified form of a Chinese string (traditional input folded by OpenCC t2s)."""
    return str(_converters()[0].convert(text))


@lru_cache(maxsize=200_000)
def to_traditional(text: str) -> str:
    """Traditional form (OpenCC s2t), the script the Cantonese tables are keyed on."""
    return str(_converters()[1].convert(text))


def surname_reading_table() -> tuple[dict[str, str], dict[str, str]]:
    """(single-character, compound) surname -> pinyin surname reading."""
    return _surname_table()


def compound_surname_chars() -> tuple[str, ...]:
    """The two-character surnames of the surname data (simplified)."""
    return tuple(_surname_table()[1])


def split_surname(simplified: str) -> tuple[str, str]:
    """Surname and given name: a known compound surname, else the first character."""
    _, compound = _surname_table()
    if len(simplified) >= 3 and simplified[:2] in compound:
        return simplified[:2], simplified[2:]
    return simplified[:1], simplified[1:]


def _lazy(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return [s.replace("ü", "v") for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=False)]


@lru_cache(maxsize=50_000)
def _char_pinyin(ch: str) -> str:
    return "".join(_lazy(ch))


def _plain_pinyin(text: str) -> list[str]:
    """Toneless pinyin: a word pypinyin knows as a phrase is read as one, else char by char.

    Reading by character with a per-character cache is ten times faster than
    pypinyin's phrase segmentation, and a name is rarely a dictionary word.
    """
    from pypinyin.phrases_dict import phrases_dict

    if len(text) > 1 and text in phrases_dict:
        return _lazy(text)
    return [_char_pinyin(ch) for ch in text]


@lru_cache(maxsize=200_000)
def pinyin_reading(han: str) -> tuple[str, tuple[str, ...]] | None:
    """(surname, given syllables) in toneless pinyin, or None when a character has no reading."""
    simp = to_simplified(han)
    if not simp:
        return None
    single, compound = _surname_table()
    sur_chars, given_chars = split_surname(simp)
    if sur_chars in compound:
        surname = compound[sur_chars]
    elif sur_chars in single:
        surname = single[sur_chars]
    else:
        surname = "".join(_plain_pinyin(sur_chars))
    given = tuple(_plain_pinyin(given_chars)) if given_chars else ()
    syllables = (surname, *given)
    if not all(s.isascii() and s.isalpha() for s in syllables):
        return None
    return surname, given
