"""The Fact: one thing a report states, with the sentence and offsets it came from.

Every extractor returns Facts, the store keeps them, the evaluator compares them with
gold, and the stats stage reads the figures back; one model keeps all of them agreeing.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FactKind = Literal[
    "figure",
    "change",
    "period",
    "place",
    "agency",
    "origin",
    "route",
    "person",
    "group",
    "report_date",
    "case_ref",
    "phone",
]
Qualifier = Literal[
    "more_than", "over", "about", "nearly", "less_than", "at_least", "up_to", "exactly"
]
Direction = Literal["up", "down"]


class Fact(BaseModel):
    """One stated fact; `value` is a number for figures and changes, text otherwise."""

    model_config = ConfigDict(frozen=True)

    file: str
    kind: FactKind
    what: str | None = None
    value: int | float | str | None = None
    qualifier: Qualifier | None = None
    unit: str | None = None
    direction: Direction | None = None
    region: str | None = None
    start: date | None = None
    end: date | None = None
    sentence: str = ""
    char_start: int = 0
    char_end: int = 0
    links: list[str] = Field(default_factory=list)


class ReportOutcome(BaseModel):
    """What one report gave: its facts, or why it gave none (kept, never dropped)."""

    file: str
    status: Literal["ok", "no_facts", "empty", "not_text", "undecodable"]
    message: str = ""
    facts: list[Fact] = Field(default_factory=list)


class ExtractSummary(BaseModel):
    """One `extract` run over a workspace's report_files."""

    run_id: str
    reports: int = 0
    facts: int = 0
    by_status: dict[str, int] = Field(default_factory=dict)
    by_kind: dict[str, int] = Field(default_factory=dict)
    messages: list[str] = Field(default_factory=list)
    linked_facts: int = 0
