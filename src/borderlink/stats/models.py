"""The figures as pydantic models: what the CLI prints, the report shows and JSON holds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from borderlink.stats.windows import Window
from borderlink.stats.yoy import YoyChange


class Inputs(BaseModel):
    """Which stages' tables the figures could use."""

    clusters: bool = Field(description="resolve's clusters: distinct people can be counted")
    members: bool = Field(description="graph's syndicate_members: traffickers, groups")
    syndicates: bool = Field(description="graph's syndicates: routes, syndicate table")
    customers: bool = Field(description="graph's syndicate_customers: routes of migrants")
    undated_arrests: int = Field(default=0, description="arrests whose case or event has no date")
    unresolved_arrests: int = Field(default=0, description="arrests without a cluster row")


class Count(BaseModel):
    """One figure for one group: `count` is arrests, cases or groups; `people` distinct people."""

    count: int | None
    people: int | None = None


class FigureInfo(BaseModel):
    """What a figure is, how it was counted, and whether it could be."""

    key: str
    label_en: str
    label_zh: str
    unit: Literal["cases", "people", "groups"]
    rule_en: str
    rule_zh: str
    status: Literal["ok", "not_computed"] = "ok"
    note: str | None = None
    people_note: str | None = None


class FigureSet(BaseModel):
    """Every figure for one group (a region, a month...) or for the whole window (key None)."""

    key: str | None = None
    label_en: str = "All"
    label_zh: str = "合计"
    values: dict[str, Count]


class YoyRow(BaseModel):
    """One figure in one year part, against the same months a year earlier."""

    figure: str
    group: str | None = None
    year: int
    current: Window
    base: Window | None
    partial: bool = Field(description="the compared months are not the whole calendar year")
    current_value: int | None
    base_value: int | None
    change: YoyChange


class Breakdown(BaseModel):
    by: str
    label_en: str
    label_zh: str
    rows: list[FigureSet]
    note: str | None = None


class OperationFigures(BaseModel):
    """The operation's figures over one window, with the rules that made them."""

    window: Window
    coverage: Window = Field(description="whole months from the first to the last dated arrest")
    figures: list[FigureInfo]
    totals: FigureSet
    yoy: list[YoyRow]
    breakdown: Breakdown | None = None
    inputs: Inputs
    notes: list[str] = Field(default_factory=list)

    def info(self, key: str) -> FigureInfo:
        return next(f for f in self.figures if f.key == key)

    def value(self, key: str) -> Count:
        return self.totals.values[key]
