"""Figures: a number and what it counts ("cracked more than 290 cases", 抓获6.7万人).

English counts are read from the noun after the number ("803 foreign illegal
entrants", up to three words between), else from the head noun of the clause before
it ("Illegal entrants arrested: 803"). Chinese counts from the measure word and the
noun after it (290多宗案件) or before the number (破获案件290多宗), the measure word
alone deciding when no noun is written (抓获6.7万人). A number that only continues an
earlier figure ("…4,000 illegal border crossers, while Yunnan detained about 2,600";
其中越南籍129名) counts the same thing. Any other number is not a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from borderlink.extract.numbers import NumberMention
from borderlink.extract.sentences import Span, clause_bounds
from borderlink.extract.vocabulary import Thing, alternation, rules

_EN_GAP_MAX = 90
_ZH_AFTER = 20
_ZH_BEFORE_GAP = 12
_VERB_WINDOW = 25
# After a number counted by a noun before it, only punctuation or a time phrase may follow.
_EN_TAIL = re.compile(
    r"^\s*(?:$|[.,;:()\[\]—–-]|(?:in|during|last|this|for|between|since|from)\b)", re.I
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_CONTINUES = re.compile(
    r"\b(?:while|whereas|against|compared with|but|and|of whom|of them|of those|among them)\b", re.I
)
_AGES = re.compile(r"\b(?:aged?|years? old|year-old)\b|岁|歲", re.I)
_SUBSET_ZH = re.compile(r"中[，,：:]?\s*$")
_GENERIC = "people_arrested"
# Between a noun and the number it counts: no conjunction and no other number.
_LIST_MARKS = re.compile(r"[及和与與、，,]")
_ZH_OTHER_NP = re.compile(r"[及和与與\d〇一二两兩三四五六七八九十]")
_AGE_AFTER = re.compile(r"[\s-]*(?:years?[- ]old|岁|歲|周岁)", re.I)


@dataclass(frozen=True)
class Figure:
    """A classified number: what it counts, in which unit, and the span of the whole phrase."""

    mention: NumberMention
    what: str
    unit: str
    start: int
    end: int


def _thing(what: str) -> Thing:
    for thing in rules().things:
        if thing.what == what:
            return thing
    raise KeyError(what)


@cache
def _en_after(what: str) -> re.Pattern[str]:
    return re.compile(
        rf"^[\s-]*(?P<skip>(?:(?![0-9])[A-Za-z'’-]+\s+){{0,3}}?)(?:{alternation(_thing(what).en)})s?\b(?!-)",
        re.I,
    )


@cache
def _en_any(what: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(_thing(what).en)})\b", re.I)


@cache
def _zh_any(what: str) -> re.Pattern[str]:
    return re.compile(alternation(_thing(what).zh))


@cache
def _verb_patterns(what: str) -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(alternative what, verb before the number, passive verb after it)."""
    out = []
    for alt_what, by_lang in _thing(what).verbs.items():
        words = alternation(by_lang.get("en", []) + by_lang.get("zh", []))
        before = re.compile(rf"(?:{words})", re.I)
        after = re.compile(
            rf"^[^.,;，。；]{{0,40}}?\b(?:were|was|been|being)\s+(?:\w+\s+)?(?:{words})", re.I
        )
        out.append((alt_what, before, after))
    return out


def classify(
    text: str, sentence: Span, mention: NumberMention, previous: Figure | None = None
) -> Figure | None:
    """The figure a number mention states, or None if it counts nothing known.

    `previous` is the last figure before it in the report, which an elliptical number
    ("…, while Yunnan detained about 2,600") or a Chinese subset (其中…129名) continues.
    """
    if mention.percent or _AGE_AFTER.match(text, mention.end):
        return None
    if mention.chinese:
        found = _chinese(text, sentence, mention, previous)
    else:
        found = _english(text, sentence, mention, previous)
    if found is None:
        return None
    what, start, end = found
    c_start, c_end = clause_bounds(sentence, mention.number_start)
    governing = _governing(text[max(c_start, mention.start - _VERB_WINDOW) : mention.start])
    what = _by_verb(what, governing, text[mention.end : c_end])
    unit = rules().unit_of(what) or ""
    return Figure(mention, what, unit, min(start, mention.start), max(end, mention.end))


_VERB_SCOPE = re.compile(r".*(?:\band\b|[,，、;；]|\d)", re.S)


def _governing(before: str) -> str:
    """The words that can govern the number: after the last conjunction, comma or number."""
    return _VERB_SCOPE.sub("", before)


def _by_verb(what: str, before: str, after: str) -> str:
    try:
        patterns = _verb_patterns(what)
    except KeyError:
        return what
    for alt_what, verb_before, verb_after in patterns:
        if verb_before.search(before) or verb_after.search(after):
            return alt_what
    return what


def _looks_like_year(text: str, m: NumberMention) -> bool:
    written = text[m.number_start : m.number_end]
    return bool(re.fullmatch(r"(?:19|20)\d{2}", written)) and m.qualifier is None


def _english(
    text: str, sentence: Span, m: NumberMention, previous: Figure | None
) -> tuple[str, int, int] | None:
    _, c_end = clause_bounds(sentence, m.number_start)
    after = text[m.end : c_end]
    best: tuple[int, int, str, int] | None = None  # (skipped chars, -length, what, end)
    for thing in rules().things:
        hit = _en_after(thing.what).match(after) if thing.en else None
        if hit:
            key = (len(hit.group("skip")), -hit.end(), thing.what, m.end + hit.end())
            best = key if best is None or key[:2] < best[:2] else best
    if best is not None:
        return best[2], m.start, best[3]
    among = _english_among(text, sentence, m)
    if among is not None:
        return among
    if _looks_like_year(text, m) or not _EN_TAIL.match(text[m.end : min(sentence.end, m.end + 12)]):
        return None
    return _english_before(text, sentence, m) or _continued(text, sentence, m, previous)


_AMONG = re.compile(
    r"^\s*(?:among|of)\s+(?:the|these|those|them)?\s*(?P<noun>[^,;:]+?)\s*,\s*$", re.I
)


def _english_among(text: str, sentence: Span, m: NumberMention) -> tuple[str, int, int] | None:
    """A subset opening its sentence: "Among the illegal immigrants, 102 were found ..." """
    head = _AMONG.match(text[sentence.start : m.start])
    if head is None:
        return None
    noun = head.group("noun")
    start = sentence.start + head.start("noun")
    for thing in rules().things:
        if thing.en and _en_any(thing.what).fullmatch(noun):
            return thing.what, start, m.end
    # "Among the workers": a short name of one counted noun ("illegal workers")
    short = re.compile(rf"(?:^|\s){re.escape(noun)}$", re.I)
    named = {t.what for t in rules().things for word in t.en if short.search(word)}
    return (named.pop(), start, m.end) if len(named) == 1 else None


def _english_before(text: str, sentence: Span, m: NumberMention) -> tuple[str, int, int] | None:
    """The clause's head noun: the first counted noun of the clause before the number."""
    c_start, _ = clause_bounds(sentence, m.number_start, colons=False)
    before = text[c_start : m.start]
    best: tuple[int, int, str] | None = None  # (start, -end, what)
    for thing in rules().things:
        for hit in _en_any(thing.what).finditer(before) if thing.en else ():
            gap = _YEAR.sub("", before[hit.end() :])
            if len(gap) > _EN_GAP_MAX or re.search(r"\band\b|\d(?![\d,.]*\s*(?:%|per ?cent))", gap):
                continue
            key = (hit.start(), -hit.end(), thing.what)
            best = key if best is None or key[:2] < best[:2] else best
    if best is None:
        return None
    return best[2], c_start + best[0], m.end


def _continued(
    text: str, sentence: Span, m: NumberMention, previous: Figure | None
) -> tuple[str, int, int] | None:
    """An elliptical number after a figure in the same sentence counts the same thing."""
    if previous is None or not sentence.start <= previous.start < m.start:
        return None
    gap = text[previous.end : m.start]
    if not _CONTINUES.search(gap) or _AGES.search(gap + text[m.end : m.end + 12]):
        return None
    return previous.what, m.start, m.end


def _compatible(what: str, measure: str | None) -> bool:
    if measure is None:
        return True
    return rules().unit_of(what) in rules().measures[measure].units


def _chinese(
    text: str, sentence: Span, m: NumberMention, previous: Figure | None
) -> tuple[str, int, int] | None:
    c_start, c_end = clause_bounds(sentence, m.number_start)
    after = text[m.end : min(c_end, m.end + _ZH_AFTER)]
    before = text[c_start : m.start]
    after_hit, before_hit = _zh_nouns(after, before, m.measure)
    adjacent = 2
    if after_hit is not None and (m.measure or after_hit[0] <= adjacent):
        return after_hit[2], m.start, m.end - after_hit[1]
    if before_hit is not None:
        gap = before[before_hit[0] :]
        if (
            len(gap) <= _ZH_BEFORE_GAP
            and (m.measure or len(gap) <= adjacent)
            and not _ZH_OTHER_NP.search(gap)
        ):
            what = before_hit[2]
            if _other_kinds_listed(text, sentence, c_start, what):
                what = _GENERIC  # 非法入境、非法居留、非法就业外国人: all kinds together
            return what, c_start - before_hit[1], m.end
    if m.measure is None:
        return None
    if _is_subset(text, sentence, c_start, before):
        p_start, _ = clause_bounds(sentence, max(sentence.start, c_start - 2))
        _, named = _zh_nouns("", text[p_start:c_start], m.measure)
        if named is not None:
            return named[2], m.start, m.end  # 被捕的非法勞工中，有31人
        if previous is not None and _compatible(previous.what, m.measure):
            return previous.what, m.start, m.end  # 其中越南籍129名
    default = rules().measures[m.measure].default
    return (default, m.start, m.end) if default is not None else None


def _other_kinds_listed(text: str, sentence: Span, c_start: int, what: str) -> bool:
    """Is the noun the last of an enumeration of other kinds of people (A、B、C外国人)?"""
    if text[c_start - 1 : c_start] != "、" or rules().unit_of(what) != "people":
        return False
    p_start, _ = clause_bounds(sentence, c_start - 2)
    item = text[p_start : c_start - 1]
    if _ZH_OTHER_NP.search(item):
        return False  # 偷渡人员18名、船老大2名: each item has its own count
    _, listed = _zh_nouns("", item, None)
    return listed is not None and listed[2] != what and rules().unit_of(listed[2]) == "people"


def _is_subset(text: str, sentence: Span, c_start: int, before: str) -> bool:
    """Does the clause count part of what came before (其中…; …中，有…)?"""
    if before.lstrip().startswith("其中"):
        return True
    return bool(_SUBSET_ZH.search(text[max(sentence.start, c_start - 8) : c_start]))


def _zh_nouns(
    after: str, before: str, measure: str | None
) -> tuple[tuple[int, int, str] | None, tuple[int, int, str] | None]:
    """The nearest counted noun after the number and before it, compatible with the measure."""
    after_hit: tuple[int, int, str] | None = None  # (start, -end, what)
    before_hit: tuple[int, int, str] | None = None  # (end, -start, what)
    hits: list[tuple[int, int, str]] = []
    for thing in rules().things:
        if not thing.zh or not _compatible(thing.what, measure):
            continue
        hit = _zh_any(thing.what).search(after)
        if hit and not _ZH_OTHER_NP.search(after[: hit.start()]):
            key = (hit.start(), -hit.end(), thing.what)
            after_hit = key if after_hit is None or key[:2] < after_hit[:2] else after_hit
        for hit in _zh_any(thing.what).finditer(before):
            key = (hit.end(), -hit.start(), thing.what)
            before_hit = key if before_hit is None or key[:2] > before_hit[:2] else before_hit
            hits.append(key)
    return after_hit, _specific(before, before_hit, hits)


def _specific(
    before: str, nearest: tuple[int, int, str] | None, hits: list[tuple[int, int, str]]
) -> tuple[int, int, str] | None:
    """非法就业越南籍人员: a specific kind of people a few characters before a generic 人员 wins."""
    if nearest is None or nearest[2] != _GENERIC:
        return nearest
    for end, neg_start, what in sorted(hits, reverse=True):
        gap = before[end : -nearest[1]]
        specific = what != _GENERIC and rules().unit_of(what) == "people"
        if specific and end <= -nearest[1] and len(gap) <= 8 and not _LIST_MARKS.search(gap):
            return end, neg_start, what
    return nearest
