"""Changes: "a drop of 59 per cent year on year", 同比下降59%, "an increase of 120 cases".

A percent is a change only when a word of increase or decrease stands next to it; a
plain number is a change when such a word leads straight into it ("增加120人", "down
by 35"). What changed is taken from the figure the change follows in its sentence,
else from a counted noun in the clause, else from the previous sentence's last figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from borderlink.extract.numbers import NumberMention
from borderlink.extract.sentences import Span, clause_bounds
from borderlink.extract.vocabulary import alternation, rules

_BEFORE_WINDOW = 40
# A plain number (not a percent) is a change only where a comparison is written.
_COMPARISON = re.compile(
    r"同比|比去年|较去年|比上年|较上年|与去年|year[- ]on[- ]year|compared (?:with|to)"
    r"|than (?:last|a) year|from a year (?:earlier|ago)|over the same period|on the previous year",
    re.I,
)
_AFTER_WINDOW = 40


@dataclass(frozen=True)
class Change:
    mention: NumberMention
    direction: str
    unit: str | None  # percent, or None when the changed figure gives it
    start: int
    end: int


@cache
def _direction_words() -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    """(pattern ending right before the number, pattern starting right after, direction)."""
    out = []
    for direction in ("down", "up"):
        en = alternation(rules().changes["en"][direction])
        zh = alternation(rules().changes["zh"][direction])
        before = re.compile(
            rf"(?:\b(?:{en})\b(?:\s+(?:of|by))?(?:\s+(?:some|about|nearly|more than|over|almost))?"
            rf"|(?:{zh})了?(?:约|近|超过)?)\s*$",
            re.I,
        )
        after = re.compile(
            rf"^\s*(?:(?:year[- ]on[- ]year|annual|yearly)\s+)?(?:\b(?:{en})\b|(?:{zh}))", re.I
        )
        out.append((before, after, direction))
    return out


@cache
def _loose_before() -> list[tuple[re.Pattern[str], str]]:
    """A direction word somewhere before a percent in the clause ("fell by some 59%")."""
    out = []
    for direction in ("down", "up"):
        en = alternation(rules().changes["en"][direction])
        zh = alternation(rules().changes["zh"][direction])
        out.append((re.compile(rf"\b(?:{en})\b|(?:{zh})", re.I), direction))
    return out


_PERCENT_LIST = re.compile(r"^[\s\d.%％、,，]*(?:和|及|与|and)?[\s\d.%％、,，]*$")


def _listed_direction(text: str, sentence: Span, m: NumberMention) -> str | None:
    """A percent that continues a list of changes: the direction word before the list."""
    window = text[max(sentence.start, m.start - _BEFORE_WINDOW) : m.start]
    last: tuple[int, int, str] | None = None
    for pattern, direction in _loose_before():
        for hit in pattern.finditer(window):
            if last is None or hit.start() > last[0]:
                last = (hit.start(), hit.end(), direction)
    if last is None or not _PERCENT_LIST.match(window[last[1] :]):
        return None
    return last[2] if re.search(r"\d", window[last[1] :]) else None


def find_change(text: str, sentence: Span, m: NumberMention) -> Change | None:
    """The change a number states, or None."""
    c_start, c_end = clause_bounds(sentence, m.number_start)
    before = text[max(c_start, m.start - _BEFORE_WINDOW) : m.start]
    after = text[m.end : min(c_end, m.end + _AFTER_WINDOW)]
    unit = "percent" if m.percent else None
    if not m.percent and not _COMPARISON.search(text[sentence.start : sentence.end]):
        return None
    for before_pattern, _, direction in _direction_words():
        hit = before_pattern.search(before)
        if hit:
            return Change(m, direction, unit, m.start - (len(before) - hit.start()), m.end)
    if not m.percent:
        return None
    for _, after_pattern, direction in _direction_words():
        hit_after = after_pattern.match(after)
        if hit_after:
            return Change(m, direction, unit, m.start, m.end + hit_after.end())
    listed = _listed_direction(text, sentence, m)
    if listed is not None:
        return Change(m, listed, unit, m.start, m.end)  # 分别下降12%、8%和20%
    nearest: tuple[int, str, int] | None = None
    for pattern, direction in _loose_before():
        for hit in pattern.finditer(before):
            if nearest is None or hit.start() > nearest[0]:
                nearest = (hit.start(), direction, hit.start())
    if nearest is not None:
        return Change(m, nearest[1], unit, m.start - (len(before) - nearest[2]), m.end)
    return None
