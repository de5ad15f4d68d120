"""Sentences and clauses with their character offsets in the whole report.

Facts point back into the report by offset, so segmentation never rewrites the text:
it only finds boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at Chinese/Western terminal punctuation or at a line break. A full
# stop ends an English sentence only before whitespace, and not after an abbreviation.
_END = re.compile(r"[。！？!?]+[」”’\"')）]*|\n\s*\n|\n|\.(?=\s|$)")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|No|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Co|Ltd|"
    r"Inc|vs|etc|e\.g|i\.e|U\.S|approx)|\b[A-Z])$"
)
# Clause boundaries: commas (not a thousands separator), semicolons, colons, the
# Chinese enumeration comma, and dashes used as separators.
_CLAUSE = re.compile(r"[，；;、]|,(?!\d{3}\b)|(?<=\D):|：|\s[—–-]\s")
_CLAUSE_NO_COLON = re.compile(r"[，；;、]|,(?!\d{3}\b)|\s[—–-]\s")


@dataclass(frozen=True)
class Span:
    """A piece of the report: its text and where it sits."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Sentences of the report, stripped, with offsets into `text`."""
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        if match.group().startswith(".") and _ABBREVIATIONS.search(text[start : match.start()]):
            continue
        _add(spans, text, start, match.end())
        start = match.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or not re.search(r"\w", stripped):
        return
    lead = len(piece) - len(piece.lstrip())
    begin = start + lead
    spans.append(Span(stripped, begin, begin + len(stripped)))


def clause_bounds(sentence: Span, position: int, *, colons: bool = True) -> tuple[int, int]:
    """The clause of `sentence` around absolute `position`, as absolute (start, end).

    Without `colons`, a colon does not end the clause ("Illegal entrants arrested: 803").
    """
    local = position - sentence.start
    left, right = 0, len(sentence.text)
    for match in (_CLAUSE if colons else _CLAUSE_NO_COLON).finditer(sentence.text):
        if match.end() <= local:
            left = match.end()
        elif match.start() >= local:
            right = match.start()
            break
    return sentence.start + left, sentence.start + right
