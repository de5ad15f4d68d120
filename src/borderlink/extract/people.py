"""Named people and groups with the role the text gives them.

English names as Hong Kong and press releases write them (surname in capitals:
"CHAN Tai-man", or "Nguyen Van Hung" after a role word); Chinese names after a role
word, including the anonymised form police releases use (陈某明, 阮某). Groups are named
in quotes before syndicate/gang/团伙, or as 以X为首的…团伙.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from borderlink.extract.vocabulary import alternation, rules

_EN_NAME = r"(?:[A-Z]{2,}(?:\s+[A-Z][a-z]+(?:-[a-z]+)?){1,2}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})"
_ZH_ANON = r"[\u4e00-\u9fff]{1,2}某[\u4e00-\u9fff]{0,2}?"
# A Chinese name after a role word: the anonymised form (陈某明, 阮某) before a stop, or two or
# three characters before a parenthesis ("陈志明（男，35岁）").
_ZH_NAME = (
    r"(?:[\u4e00-\u9fff]{1,2}某[\u4e00-\u9fff]{0,2}?(?=[（(，,、。；\s]|$|等|被|在|因|于|为|系)"
    r"|[\u4e00-\u9fff]{2,3}(?=[（(]))"
)
_GROUP_EN = re.compile(
    r"(?:the\s+)?[\"“‘'](?P<name>[^\"”’']{2,40})[\"”’']\s+(?P<kind>syndicate|gang|group|ring|network)",
    re.I,
)
_GROUP_EN_LED = re.compile(
    rf"\b(?P<kind>syndicate|gang|group|ring|network)\s+(?:led|headed|run)\s+by\s+"
    rf"(?:\w+\s+)?(?P<leader>{_EN_NAME})"
)
_GROUP_ZH = re.compile(
    rf"(?:以(?P<leader>{_ZH_ANON})为首的|[“\"](?P<name>[^”\"]{{2,12}})[”\"])"
    r"(?P<kind>[\u4e00-\u9fff]{0,8}?(?:团伙|集团|犯罪网络))"
)


@dataclass(frozen=True)
class Named:
    kind: str  # person / group
    value: str
    role: str | None
    start: int
    end: int


@cache
def _role_patterns() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for role, words in rules().roles.items():
        if words.get("en"):
            out.append(
                (
                    re.compile(
                        rf"\b(?:{alternation(words['en'])})s?,?\s+(?:named\s+|surnamed\s+|called\s+)?(?P<name>{_EN_NAME})\b"
                    ),
                    role,
                )
            )
            out.append(
                (
                    re.compile(
                        rf"\b(?P<name>{_EN_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?:\d+-year-old\s+)?(?:alleged\s+)?"
                        rf"(?:{alternation(words['en'])})\b"
                    ),
                    role,
                )
            )
        if words.get("zh"):
            out.append((re.compile(rf"(?:{alternation(words['zh'])})(?P<name>{_ZH_NAME})"), role))
    return out


def find_named(text: str) -> list[Named]:
    """People and groups named in `text`, in text order, without overlaps."""
    found: list[Named] = []
    for pattern, role in _role_patterns():
        for match in pattern.finditer(text):
            found.append(Named("person", match.group("name"), role, *match.span("name")))
    for match in _GROUP_EN.finditer(text):
        found.append(
            Named("group", match.group("name").strip(), match.group("kind").lower(), *match.span())
        )
    for match in _GROUP_EN_LED.finditer(text):
        leader = match.group("leader")
        found.append(
            Named(
                "group",
                f"{match.group('kind').lower()} led by {leader}",
                "organiser",
                *match.span(),
            )
        )
    for match in _GROUP_ZH.finditer(text):
        found.append(Named("group", match.group(0), match.group("kind"), *match.span()))
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    kept: list[Named] = []
    for item in found:
        if not any(k.kind == item.kind and k.start < item.end and item.start < k.end for k in kept):
            kept.append(item)
    return kept
