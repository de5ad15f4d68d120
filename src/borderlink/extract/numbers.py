"""Numbers as reports write them, with their qualifier: 67,000 / 6.7万 / 二百九十多 / 1000余 /
"more than 290" / "1.2 million" / 59% / 百分之五十九 / 三成.

Chinese numerals are read with cn2an; what the number counts is decided elsewhere
(figures.py, changes.py), this module only reads the number and what sits right
around it: prefix and suffix qualifiers, a percent sign, a Chinese measure word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

import cn2an

from borderlink.extract.vocabulary import alternation, rules

_CN_DIGITS = "〇○零一二两兩三四五六七八九十"
_CN_ALL = _CN_DIGITS + "百千万亿"
SMALL_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "a dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_ZH_SCALES = {"万": 10_000, "亿": 100_000_000, "千": 1000}

_WORD = alternation(list(SMALL_WORDS))
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.,\-/#$¥￥])"
    r"(?:(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u2009]\d{3})+(?![\d:])"  # 1 127, as Hong Kong writes thousands
    r"|\d+(?:\.\d+)?)"
    r"(?P<zhscale>\s?[万亿千](?!米))?"
    rf"|(?P<cn>[{_CN_ALL}]*[{_CN_DIGITS}][{_CN_ALL}]*|(?<=[逾近超上数])[千万百](?=[人名余多宗起个]))"
    rf"|(?P<word>\b(?:{_WORD})(?:-(?:{_WORD}))?\b))"
    r"(?P<scale>\s+(?:hundred|thousand|million|billion)\b)?"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\s?(?:%|％|per\s?cent\b|percent\b|个百分点|percentage points?\b)", re.I)


@dataclass(frozen=True)
class NumberMention:
    """A number in the text: value, qualifier and the spans around it."""

    value: int | float
    start: int  # the expression, prefix qualifier included
    end: int  # after the number, suffix qualifier, percent sign or measure word
    number_start: int
    number_end: int
    qualifier: str | None
    percent: bool
    measure: str | None
    chinese: bool


def to_number(value: Decimal) -> int | float:
    """An int when whole (67000, not 67000.0), else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str) -> Decimal | None:
    """'67,000' / '6.7万' / '二百九十' / 'twenty-five' / '1.2 million' -> Decimal, or None."""
    match = _NUMBER.fullmatch(text.strip())
    return _value(match) if match else None


def _value(match: re.Match[str]) -> Decimal | None:
    try:
        if match.group("ar"):
            value = Decimal(re.sub(r"[,\s\u00a0\u2009]", "", match.group("ar")))
            if match.group("zhscale"):
                value *= _ZH_SCALES[match.group("zhscale").strip()]
        elif match.group("cn"):
            cn = match.group("cn").replace("兩", "两").replace("○", "〇")
            value = Decimal(str(cn2an.cn2an("一" + cn if cn in "千万百" else cn, "normal")))
        else:
            parts = match.group("word").lower().split("-")
            value = Decimal(sum(SMALL_WORDS[p] for p in parts))
    except (InvalidOperation, ValueError, KeyError):
        return None
    if match.group("scale"):
        value *= _SCALES[match.group("scale").strip().lower()]
    return value


@cache
def _qualifier_patterns() -> dict[str, list[tuple[re.Pattern[str], str | None]]]:
    table = rules().qualifiers
    out: dict[str, list[tuple[re.Pattern[str], str | None]]] = {}
    for key, by_qualifier in table.items():
        pairs: list[tuple[str, str | None]] = [
            (word, None if q == "none" else q)
            for q, words in by_qualifier.items()
            for word in words
        ]
        pairs.sort(key=lambda p: len(p[0]), reverse=True)
        if key == "en_prefix":
            out[key] = [(re.compile(rf"\b{w}\s+$", re.I), q) for w, q in pairs]
        elif key == "zh_prefix":
            out[key] = [(re.compile(rf"{w}\s*$"), q) for w, q in pairs]
        else:
            tail = "" if key == "zh_suffix" else r"(?!\w)"
            out[key] = [(re.compile(rf"^{w}{tail}"), q) for w, q in pairs]
    return out


@cache
def _measure_pattern() -> re.Pattern[str]:
    return re.compile(rf"^\s?({alternation(list(rules().measures))})")


@cache
def _count_after_cn() -> re.Pattern[str]:
    return re.compile(rf"\s?(?:[多余餘%％成]|{alternation(list(rules().measures))})")


def _prefix(text: str, start: int, chinese: bool) -> tuple[int, str | None]:
    window = text[max(0, start - 24) : start]
    for key in ("zh_prefix", "en_prefix") if chinese else ("en_prefix", "zh_prefix"):
        for pattern, qualifier in _qualifier_patterns()[key]:
            found = pattern.search(window)
            if found:
                return start - (len(window) - found.start()), qualifier
    return start, None


def _suffix(text: str, end: int, key: str) -> tuple[int, str | None, bool]:
    for pattern, qualifier in _qualifier_patterns()[key]:
        found = pattern.match(text[end : end + 12])
        if found:
            return end + found.end(), qualifier, True
    return end, None, False


def find_numbers(text: str, blocked: list[tuple[int, int]]) -> list[NumberMention]:
    """Every number in `text` outside the blocked spans (dates, case numbers, phones)."""
    mentions: list[NumberMention] = []
    for match in _NUMBER.finditer(text):
        n_start, n_end = match.span()
        if any(s < n_end and n_start < e for s, e in blocked):
            continue
        value = _value(match)
        if value is None:
            continue
        chinese = bool(match.group("cn") or match.group("zhscale")) or _han_around(
            text, n_start, n_end
        )
        mention = _surroundings(text, match, value, chinese)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _han_around(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 2) : start] + text[end : end + 2]
    return bool(re.search(r"[\u4e00-\u9fff]", around))


def _surroundings(
    text: str, match: re.Match[str], value: Decimal, chinese: bool
) -> NumberMention | None:
    n_start, n_end = match.span()
    end = n_end
    # 百分之五十九: the percent sign comes first.
    percent = text[max(0, n_start - 3) : n_start] == "百分之"
    start, qualifier = _prefix(text, n_start - (3 if percent else 0), chinese)
    if match.group("cn") and not percent and not _count_after_cn().match(text, n_end):
        return None  # a bare Chinese numeral (一些, 统一) is not a count
    suffix_key = "zh_suffix" if chinese else "en_suffix"
    end, suffix_q, found = _suffix(text, end, suffix_key)
    if found:
        qualifier = suffix_q or qualifier
    if not percent:
        pct = _PERCENT.match(text, end)
        if pct:
            percent, end = True, pct.end()
        elif text[end : end + 1] == "成" and text[end + 1 : end + 2] not in (
            "员",
            "功",
            "为",
            "立",
        ):
            percent, end, value = True, end + 1, value * 10
    measure = None
    if chinese and not percent:
        found_measure = _measure_pattern().match(text[end : end + 4])
        if found_measure:
            measure = found_measure.group(1)
            end += found_measure.end()
            more, late_q, found = _suffix(text, end, "zh_suffix")
            if found:
                end, qualifier = more, late_q or qualifier
    return NumberMention(
        value=to_number(value),
        start=start,
        end=end,
        number_start=n_start,
        number_end=n_end,
        qualifier=qualifier,
        percent=percent,
        measure=measure,
        chinese=chinese,
    )
