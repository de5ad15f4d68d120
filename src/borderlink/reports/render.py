"""Render ReportData into the HTML report (Jinja templates shipped as package data)."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from typing import Any

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
from pydantic import BaseModel

from borderlink.model.loader import load_vocabulary
from borderlink.model.vocab import facilitator_roles, role_label
from borderlink.reports.data import ReportData
from borderlink.reports.labels import Labels
from borderlink.reports.report_charts import MONTH_NAMES, report_charts
from borderlink.stats import Count, FigureSet, YoyRow

TABLE_DIMENSIONS = ("region", "offence", "agency", "route")
COLUMNS = (
    ("cases_cracked", False),
    ("people_arrested", False),
    ("people_arrested", True),
    ("illegal_entrants", False),
    ("stowaways", False),
    ("illegal_workers", False),
    ("overstayers", False),
    ("traffickers", False),
    ("employers", False),
    ("groups_broken_up", False),
)


class Column(BaseModel):
    key: str
    people: bool
    label_en: str
    label_zh: str


class Card(BaseModel):
    key: str
    label_en: str
    label_zh: str
    unit: str
    count: int | None
    people: int | None
    note: str | None
    yoy: YoyRow | None
    yoy_label: str = ""


class BreakdownTable(BaseModel):
    by: str
    title_en: str
    title_zh: str
    label_en: str
    label_zh: str
    rows: list[FigureSet]
    note: str | None


def _template(name: str) -> str:
    return resources.files("borderlink.reports").joinpath(f"templates/{name}").read_text("utf-8")


def _num(value: int | float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _cell(value: Count, people: bool) -> str:
    return _num(value.people if people else value.count)


def environment() -> Environment:
    env = Environment(
        loader=FunctionLoader(_template),
        autoescape=select_autoescape(["html", "j2", "svg"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["num"] = _num
    env.filters["cell"] = _cell
    return env


def _span(row: YoyRow) -> str:
    cur = row.current
    if cur.is_whole_year():
        return str(cur.start.year)
    return f"{MONTH_NAMES[cur.start.month - 1]}–{MONTH_NAMES[cur.end.month - 1]} {cur.start.year}"


def _cards(data: ReportData, labels: Labels) -> list[Card]:
    figures = data.figures
    totals = [r for r in figures.yoy if r.group is None]
    last_year = max((r.year for r in totals), default=None)
    cards = []
    for info in figures.figures:
        value = figures.value(info.key)
        yoy = next((r for r in totals if r.figure == info.key and r.year == last_year), None)
        yoy_label = ""
        if yoy is not None:
            yoy_label = labels.pick(f"{_span(yoy)} vs a year earlier", f"{_span(yoy)} 同比")
            if labels.lang == "both":
                yoy_label = f"{_span(yoy)} y/y 同比"
        cards.append(
            Card(
                key=info.key,
                label_en=info.label_en,
                label_zh=info.label_zh,
                unit=info.unit,
                count=value.count,
                people=value.people,
                note=info.note,
                yoy=yoy,
                yoy_label=yoy_label,
            )
        )
    return cards


def _yoy_table(data: ReportData) -> dict[str, Any]:
    totals = [r for r in data.figures.yoy if r.group is None]
    years = sorted({r.year for r in totals})
    spans = {r.year: _span(r) for r in totals}
    rows = []
    for info in data.figures.figures:
        by_year = {r.year: r for r in totals if r.figure == info.key}
        rows.append(
            {
                "label_en": info.label_en,
                "label_zh": info.label_zh,
                "cells": [by_year.get(y) for y in years],
            }
        )
    return {
        "years": [{"year": y, "months": spans[y] if spans[y] != str(y) else ""} for y in years],
        "rows": rows,
    }


def _breakdowns(data: ReportData, labels: Labels) -> list[BreakdownTable]:
    tables = []
    for by in TABLE_DIMENSIONS:
        b = data.breakdowns[by].breakdown
        if b is None:
            continue
        title_en, title_zh = labels.pair(f"by_{by}")
        rows = (
            sorted(b.rows, key=lambda r: -(r.values["people_arrested"].count or 0))
            if by != "region"
            else b.rows
        )
        tables.append(
            BreakdownTable(
                by=by,
                title_en=title_en,
                title_zh=title_zh,
                label_en=b.label_en,
                label_zh=b.label_zh,
                rows=rows,
                note=b.note,
            )
        )
    return tables


def _columns(labels: Labels) -> list[Column]:
    cols = []
    for key, people in COLUMNS:
        en, zh = labels.pair(f"col_{key}{'_people' if people else ''}")
        cols.append(Column(key=key, people=people, label_en=en, label_zh=zh))
    return cols


def _role_label(labels: Labels) -> Any:
    vocab_roles = {str(v["role"]) for v in load_vocabulary("roles").values()}

    def label(role: str) -> str:
        en = role.replace("_", " ")
        zh = role_label(role, "zh") if role in facilitator_roles() else en
        return labels.pick(en, zh) if role in vocab_roles else role

    return label


QUALIFIER_KEYS = frozenset(
    f"q_{q}"
    for q in ("more_than", "over", "about", "nearly", "less_than", "at_least", "up_to", "exactly")
)


def render_html(data: ReportData, labels: Labels, generated: datetime | None = None) -> str:
    """The whole report as one HTML document: inline CSS and SVG, no script, no external URL."""
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    template = environment().get_template("report.html.j2")
    return template.render(
        lang=labels.lang,
        L=labels,
        window=data.figures.window,
        coverage=data.figures.coverage,
        generated=when,
        cards=_cards(data, labels),
        charts=report_charts(data, labels),
        yoy=_yoy_table(data),
        breakdowns=_breakdowns(data, labels),
        columns=_columns(labels),
        totals=data.figures.totals,
        syndicates=data.syndicates,
        comparisons=data.comparisons,
        figure_label={f.key: (f.label_en, f.label_zh) for f in data.figures.figures},
        qualifier_keys=QUALIFIER_KEYS,
        method=data.figures.figures,
        notes=data.figures.notes,
        role_label=_role_label(labels),
    )
