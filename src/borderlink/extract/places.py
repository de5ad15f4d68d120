"""Who reported and where: places from the gazetteer, agencies, origins, routes.

All of these are dictionary look-ups over rules/*.yaml; a route is the ordered list of
places and origins a sentence names when it also holds a route cue (from, via, 经).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from borderlink.extract.sentences import Span
from borderlink.extract.vocabulary import alternation, rules


@dataclass(frozen=True)
class Mention:
    """A gazetteer hit: what it is, its canonical value, its region or route code."""

    kind: str  # place / agency / origin
    value: str
    what: str | None  # place type (region, city, crossing, district), or None
    code: str | None  # region code (places, agencies) or route code (origins)
    start: int
    end: int


@cache
def _patterns() -> list[tuple[re.Pattern[str], str, str, str | None, str | None]]:
    out: list[tuple[re.Pattern[str], str, str, str | None, str | None]] = []
    r = rules()
    for place in r.places:
        if place.en:
            out.append(
                (
                    re.compile(rf"\b(?:{alternation(place.en)})\b"),
                    "place",
                    place.name,
                    place.type,
                    place.region,
                )
            )
        if place.zh:
            out.append(
                (re.compile(alternation(place.zh)), "place", place.name, place.type, place.region)
            )
    for agency in r.agencies:
        if agency.en:
            out.append(
                (
                    re.compile(rf"\b(?:{alternation(agency.en)})\b", re.I),
                    "agency",
                    agency.name,
                    None,
                    agency.region,
                )
            )
        if agency.zh:
            out.append(
                (re.compile(alternation(agency.zh)), "agency", agency.name, None, agency.region)
            )
    for origin in r.origins:
        if origin.en:
            out.append(
                (
                    re.compile(rf"\b(?:{alternation(origin.en)})\b"),
                    "origin",
                    origin.value,
                    None,
                    origin.route,
                )
            )
        if origin.zh:
            out.append(
                (re.compile(alternation(origin.zh)), "origin", origin.value, None, origin.route)
            )
    return out


def find_mentions(text: str) -> list[Mention]:
    """Places, agencies and origins in text order; agencies win over the places they contain."""
    hits: list[Mention] = []
    for pattern, kind, value, what, code in _patterns():
        for match in pattern.finditer(text):
            hits.append(Mention(kind, value, what, code, match.start(), match.end()))
    # Longest first, agencies before places, then keep what does not overlap a kept hit.
    order = {"agency": 0, "origin": 1, "place": 2}
    hits.sort(key=lambda h: (-(h.end - h.start), order[h.kind], h.start))
    kept: list[Mention] = []
    for hit in hits:
        if not any(k.start < hit.end and hit.start < k.end for k in kept):
            kept.append(hit)
    # An agency names its region too: "Guangdong police" is also a mention of Guangdong.
    return sorted(kept, key=lambda h: h.start)


def region_of(mention: Mention) -> str | None:
    return mention.code if mention.kind in ("place", "agency") else None


@cache
def _cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, re.Pattern[str]]]:
    cues = rules().route_cues
    cue = re.compile(alternation(cues.get("en", []) + cues.get("zh", [])), re.I)
    links = rules().route_connectors
    connector = re.compile(alternation(links.get("en", []) + links.get("zh", [])), re.I)
    methods = {
        method: re.compile(alternation(words.get("en", []) + words.get("zh", [])), re.I)
        for method, words in rules().route_methods.items()
    }
    return cue, connector, methods


def find_route(sentence: Span, text: str, mentions: list[Mention]) -> str | None:
    """'VN>GX>GD>HK:sea' from one sentence's mentions, or None without a route cue.

    Places joined only by commas or "and" are a list, not a route: the route is the
    longest chain of places each linked to the previous one by a connector (into, via,
    经, 至), in a sentence that holds a route cue.
    """
    cue, connector, methods = _cue_patterns()
    if not cue.search(sentence.text):
        return None
    stops = [
        m
        for m in mentions
        if m.kind != "agency" and m.code and not (m.kind == "place" and m.code == "mainland")
    ]
    best: list[str] = []
    chain: list[str] = []
    previous: Mention | None = None
    for mention in stops:
        code = mention.code or ""
        if previous is not None and connector.search(text[previous.end : mention.start]):
            if chain[-1] != code:
                chain.append(code)
        else:
            chain = [code]
        previous = mention
        if len(set(chain)) >= 2 and len(chain) > len(best):
            best = list(chain)
    if not best:
        return None
    found = [m for m, p in methods.items() if p.search(sentence.text)]
    route = ">".join(best)
    return f"{route}:{found[0]}" if len(found) == 1 else route


@dataclass(frozen=True)
class Reporter:
    """Who wrote a report, as far as its file name says: region and export source."""

    region: str | None
    source: str | None


@cache
def file_reporter(file: str) -> Reporter:
    """The author named by a report's file name (hk_police_press_release, 广东省公安厅通报).

    A figure whose text names no region is the author's own; an agency with an export
    source lets the comparison count that agency's records only.
    """
    stem = re.sub(r"[_\-.]+", " ", PurePath(file).stem)
    mentions = find_mentions(stem)
    regions = {r for m in mentions if (r := region_of(m))}
    sources = {
        a.source
        for m in mentions
        if m.kind == "agency"
        for a in rules().agencies
        if a.name == m.value and a.source
    }
    region = next(iter(regions)) if len(regions) == 1 else None
    source = next(iter(sources)) if len(sources) == 1 and region is not None else None
    return Reporter(region, source)
