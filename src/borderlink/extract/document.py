"""One report's text -> its facts: the order in which the extractors run and how their
findings are tied together (a figure's period and region, a change's figure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from borderlink.extract.changes import Change, find_change
from borderlink.extract.dates import find_dates
from borderlink.extract.facts import Fact
from borderlink.extract.figures import Figure, classify
from borderlink.extract.numbers import NumberMention, find_numbers
from borderlink.extract.people import find_named
from borderlink.extract.periods import Period, find_periods, find_report_date
from borderlink.extract.places import (
    Mention,
    file_reporter,
    find_mentions,
    find_route,
    region_of,
)
from borderlink.extract.references import find_references
from borderlink.extract.sentences import Span, clause_bounds, split_sentences
from borderlink.extract.vocabulary import alternation, rules


@dataclass
class _Context:
    text: str
    file: str
    sentences: list[Span]
    mentions: list[Mention]
    periods: list[Period]

    def sentence_at(self, position: int) -> Span:
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return Span(self.text, 0, len(self.text))

    def fact(self, kind: str, char_start: int, char_end: int, /, **fields: object) -> Fact:
        sentence = self.sentence_at(char_start)
        return Fact.model_validate(
            {
                "file": self.file,
                "kind": kind,
                "sentence": sentence.text,
                "char_start": char_start,
                "char_end": char_end,
                **fields,
            }
        )


def extract_text(text: str, *, file: str, report_date: date | None = None) -> list[Fact]:
    """Every fact the report states, in text order (figures, changes, periods, places...)."""
    dated = find_report_date(text)
    facts: list[Fact] = []
    date_span = None
    if dated is not None:
        found_date, date_span = dated
        report_date = report_date or found_date
    ctx = _Context(text, file, split_sentences(text), find_mentions(text), [])
    if report_date is not None:
        start, end = date_span or (0, 0)
        facts.append(
            ctx.fact(
                "report_date",
                start,
                end,
                value=report_date.isoformat(),
                start=report_date,
                end=report_date,
            )
        )
    ctx.periods = find_periods(text, report_date, skip=date_span)
    facts += [
        ctx.fact("period", p.span[0], p.span[1], value=p.text, start=p.start, end=p.end)
        for p in ctx.periods
    ]
    references = find_references(text)
    blocked = [d.span for d in find_dates(text, report_date)] + [
        (r.start, r.end) for r in references
    ]
    facts += _counts(ctx, find_numbers(text, blocked))
    facts += _places(ctx)
    facts += [
        ctx.fact(n.kind, n.start, n.end, value=n.value, what=n.role) for n in find_named(text)
    ]
    facts += [ctx.fact(r.kind, r.start, r.end, value=r.value) for r in references]
    return sorted(facts, key=lambda f: (f.char_start, f.kind))


def _counts(ctx: _Context, numbers: list[NumberMention]) -> list[Fact]:
    """Figures and changes, in order, each change tied to the figure it qualifies."""
    facts: list[Fact] = []
    previous: Figure | None = None
    last_figure: Fact | None = None
    for mention in numbers:
        sentence = ctx.sentence_at(mention.number_start)
        change = find_change(ctx.text, sentence, mention)
        if change is not None:
            facts.append(_change_fact(ctx, sentence, change, facts, last_figure))
            continue
        figure = classify(ctx.text, sentence, mention, previous)
        if figure is None:
            continue
        last_figure = _figure_fact(ctx, sentence, figure)
        facts.append(last_figure)
        previous = figure
    return _respectively(ctx, facts)


_RESPECTIVELY = re.compile(r"分别|分別|respectively", re.I)


def _respectively(ctx: _Context, facts: list[Fact]) -> list[Fact]:
    """同比分别上升12.6%和8.3%: k changes in a row go to the k figures before them, in order."""
    out = list(facts)
    i = 0
    while i < len(out):
        if out[i].kind != "change" or not _RESPECTIVELY.search(out[i].sentence):
            i += 1
            continue
        j = i
        while j < len(out) and out[j].kind == "change" and out[j].sentence == out[i].sentence:
            j += 1
        figures = [f for f in out[:i] if f.kind == "figure" and f.sentence == out[i].sentence]
        k = j - i
        if k >= 2 and len(figures) >= k:
            for n, base in enumerate(figures[-k:]):
                unit = out[i + n].unit if out[i + n].unit == "percent" else base.unit
                out[i + n] = out[i + n].model_copy(
                    update={
                        "what": base.what,
                        "unit": unit,
                        "region": base.region,
                        "start": base.start,
                        "end": base.end,
                    }
                )
        i = j
    return out


def _period_for(ctx: _Context, sentence: Span, position: int) -> Period | None:
    """The period of the figure's sentence, else the last one stated before it."""
    inside = [p for p in ctx.periods if sentence.start <= p.span[0] < sentence.end]
    if inside:
        before = [p for p in inside if p.span[0] < position]
        return before[-1] if before else inside[0]
    earlier = [p for p in ctx.periods if p.span[1] <= sentence.start]
    return earlier[-1] if earlier else None


def _one_region(regions: set[str]) -> str | None:
    """The single region of a set; the mainland gives way to the one province it contains."""
    if len(regions) == 2 and "mainland" in regions and "HK" not in regions:
        regions = regions - {"mainland"}
    return next(iter(regions)) if len(regions) == 1 else None


def _region_for(ctx: _Context, sentence: Span, position: int) -> str | None:
    """The one region the figure's sentence names before it (or after it), else the document's."""
    in_sentence = [m for m in ctx.mentions if sentence.start <= m.start < sentence.end]
    before = {r for m in in_sentence if m.start < position and (r := region_of(m))}
    if len(before) > 1 and _one_region(before) is None:
        c_start, _ = clause_bounds(sentence, position)
        in_clause = {
            r
            for m in in_sentence
            if c_start <= m.start < position and (r := region_of(m)) and not _listed(ctx, m)
        }
        return _one_region(in_clause)
    if before:
        return _one_region(before)
    after = _one_region({r for m in in_sentence if m.start > position and (r := region_of(m))})
    if after is not None:
        return after
    # a figure whose text names no region is its author's own, when the file name says who
    return file_reporter(ctx.file).region or _one_region(
        {r for m in ctx.mentions if (r := region_of(m))}
    )


_LIST_GAP = re.compile(r"^[\s,，、]*(?:(?:and|和|及|与)\s*)?$")


def _listed(ctx: _Context, mention: Mention) -> bool:
    """Is this place one of an enumeration (广东、广西、云南; Guangdong, Guangxi and Yunnan)?"""
    return any(
        other is not mention and _LIST_GAP.match(ctx.text[other.end : mention.start])
        for other in ctx.mentions
        if other.end <= mention.start and region_of(other)
    )


def _figure_fact(ctx: _Context, sentence: Span, figure: Figure) -> Fact:
    m = figure.mention
    period = _period_for(ctx, sentence, m.number_start)
    return ctx.fact(
        "figure",
        figure.start,
        figure.end,
        what=figure.what,
        value=m.value,
        qualifier=m.qualifier,
        unit=figure.unit,
        region=_region_for(ctx, sentence, m.number_start),
        start=period.start if period else None,
        end=period.end if period else None,
    )


def _change_fact(
    ctx: _Context, sentence: Span, change: Change, facts: list[Fact], last_figure: Fact | None
) -> Fact:
    m = change.mention
    in_sentence = [
        f for f in facts if f.kind == "figure" and sentence.start <= f.char_start < change.start
    ]
    base = in_sentence[-1] if in_sentence else None
    named = _in_noun().match(ctx.text, change.end)  # "a 23 percent rise in cases"
    c_start, _ = clause_bounds(sentence, m.number_start)
    own_clause = not any(c_start <= f.char_start < change.start for f in in_sentence)
    if named is not None or base is None or own_clause:
        noun = _noun_in(named.group(0)) if named else _noun_in(ctx.text[c_start : change.start])
        if noun is not None:
            period = _period_for(ctx, sentence, m.number_start)  # "fell by 60% in 2018"
            return ctx.fact(
                "change",
                change.start,
                change.end,
                what=noun,
                value=m.value,
                qualifier=m.qualifier,
                unit=change.unit or rules().unit_of(noun),
                direction=change.direction,
                region=_region_for(ctx, sentence, m.number_start),
                start=period.start if period else None,
                end=period.end if period else None,
            )
        base = last_figure
    return ctx.fact(
        "change",
        change.start,
        change.end,
        what=base.what if base else None,
        value=m.value,
        qualifier=m.qualifier,
        unit=change.unit or (base.unit if base else None),
        direction=change.direction,
        region=base.region if base else _region_for(ctx, sentence, m.number_start),
        start=base.start if base else None,
        end=base.end if base else None,
    )


@cache
def _in_noun() -> re.Pattern[str]:
    words = [w for t in rules().things for w in t.en]
    return re.compile(
        rf"\s+(?:in|of)\s+(?:the\s+)?(?:number of\s+)?(?:\w+\s+)?(?:{alternation(words)})s?\b", re.I
    )


def _noun_in(clause: str) -> str | None:
    """The counted thing a clause names nearest its end (非法入境人员同比下降59%)."""
    best: tuple[int, str] | None = None
    for thing in rules().things:
        words = thing.en + thing.zh
        if not words:
            continue
        for hit in re.finditer(alternation(words), clause, re.I):
            if best is None or hit.end() > best[0]:
                best = (hit.end(), thing.what)
    return best[1] if best else None


def _places(ctx: _Context) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[str, str, int]] = set()
    for m in ctx.mentions:
        sentence = ctx.sentence_at(m.start)
        key = (m.kind, m.value, sentence.start)
        if key in seen:
            continue
        seen.add(key)
        region = m.code if m.kind != "origin" else None
        facts.append(ctx.fact(m.kind, m.start, m.end, value=m.value, what=m.what, region=region))
    for sentence in ctx.sentences:
        inside = [m for m in ctx.mentions if sentence.start <= m.start < sentence.end]
        route = find_route(sentence, ctx.text, inside)
        if route is not None:
            facts.append(ctx.fact("route", sentence.start, sentence.end, value=route))
    return facts
