"""ReportData turned into what the page shows, in the report's language.

Every text a reader sees is made here or in the template from labels: dates and periods
through Babel, routes, roles, regions and agencies from the vocabularies, the figures'
notes translated (wording.yaml). Values that are data, not words (syndicate ids, names
as the agencies wrote them, file names), are marked so the page tells browsers and the
translation test not to translate them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from borderlink.numbers import number
from borderlink.reports.data import ReportData
from borderlink.reports.dates import period_text
from borderlink.reports.labels import Labels
from borderlink.reports.wording import Meaning, change_meaning, note_text, role_label, route_label
from borderlink.stats import FigureSet, YoyRow
from borderlink.stats.counting import counting_rules, value_label

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


class Card(BaseModel):
    key: str
    label: str
    unit: str
    count: int | None
    people: int | None
    note: str
    change: str  # '+12.5%', 'new', ...
    meaning: Meaning
    yoy_label: str


class Row(BaseModel):
    label: str
    cells: list[str]


class Table(BaseModel):
    by: str
    title: str
    head: str
    columns: list[str]
    rows: list[Row]
    total: Row
    note: str


class SyndicateView(BaseModel):
    syndicate_id: str
    size: str
    arrested: str
    base: str
    active: str
    routes: list[str]
    roles: str
    key_players: list[str]


def _lang(labels: Labels) -> str:
    return "zh" if labels.lang == "zh" else labels.lang


def change_text(row: YoyRow | None, labels: Labels) -> tuple[str, Meaning]:
    if row is None:
        return "", "neutral"
    c = row.change
    if c.status == "change" and c.percent is not None:
        return f"{c.percent:+.1f}%", change_meaning(row.figure, c.percent)
    if c.status in ("new", "none", "no_base"):
        return labels.text(c.status), "neutral"
    return labels.text("not_computed"), "neutral"


def span_text(row: YoyRow, labels: Labels) -> str:
    return period_text(row.current.start, row.current.end, _lang(labels))


def cards(data: ReportData, labels: Labels) -> list[Card]:
    figures = data.figures
    totals = [r for r in figures.yoy if r.group is None]
    last_year = max((r.year for r in totals), default=None)
    out = []
    for info in figures.figures:
        value = figures.value(info.key)
        yoy = next((r for r in totals if r.figure == info.key and r.year == last_year), None)
        change, meaning = change_text(yoy, labels)
        yoy_label = ""
        if yoy is not None:
            en, zh = labels.pair("vs_year_earlier")
            span_en = period_text(yoy.current.start, yoy.current.end, "en")
            span_zh = period_text(yoy.current.start, yoy.current.end, "zh")
            yoy_label = labels.pick(en.format(span=span_en), zh.format(span=span_zh))
        out.append(
            Card(
                key=info.key,
                label=labels.pick(info.label_en, info.label_zh),
                unit=info.unit,
                count=value.count,
                people=value.people,
                note=note_text(info.note, labels),
                change=change,
                meaning=meaning,
                yoy_label=yoy_label,
            )
        )
    return out


def yoy_table(data: ReportData, labels: Labels) -> dict[str, Any]:
    totals = [r for r in data.figures.yoy if r.group is None]
    years = sorted({r.year for r in totals})
    spans = {r.year: span_text(r, labels) for r in totals}
    rows = []
    for info in data.figures.figures:
        by_year = {r.year: r for r in totals if r.figure == info.key}
        cells = []
        for y in years:
            row = by_year.get(y)
            change, meaning = change_text(row, labels)
            value = number(row.current_value) if row and row.current_value is not None else "—"
            cells.append({"value": value, "change": change, "meaning": meaning})
        rows.append({"label": labels.pick(info.label_en, info.label_zh), "cells": cells})
    return {"years": [{"year": y, "span": spans[y]} for y in years], "rows": rows}


def _cell(row: FigureSet, key: str, people: bool) -> str:
    value = row.values[key]
    shown = value.people if people else value.count
    return "—" if shown is None else number(shown)


def column_heads(labels: Labels) -> list[str]:
    return [labels.text(f"col_{key}{'_people' if people else ''}") for key, people in COLUMNS]


def breakdowns(data: ReportData, labels: Labels) -> list[Table]:
    tables = []
    for by in TABLE_DIMENSIONS:
        b = data.breakdowns[by].breakdown
        if b is None:
            continue
        rows = (
            b.rows
            if by == "region"
            else sorted(b.rows, key=lambda r: -(r.values["people_arrested"].count or 0))
        )
        view_rows = []
        for r in rows:
            label = (
                route_label(r.key or "unattributed", labels)
                if by == "route"
                else labels.pick(r.label_en, r.label_zh)
            )
            view_rows.append(Row(label=label, cells=[_cell(r, k, p) for k, p in COLUMNS]))
        totals = data.figures.totals
        tables.append(
            Table(
                by=by,
                title=labels.text(f"by_{by}"),
                head=labels.pick(b.label_en, b.label_zh),
                columns=column_heads(labels),
                rows=view_rows,
                total=Row(
                    label=labels.text("total"), cells=[_cell(totals, k, p) for k, p in COLUMNS]
                ),
                note=note_text(b.note, labels),
            )
        )
    return tables


def region_text(code: str | None, labels: Labels) -> str:
    if not code:
        return ""
    if code == "mainland":
        return labels.pick("mainland (GD, GX, YN)", "内地（广东、广西、云南）")
    label = value_label("region", code)
    return labels.pick(label.en, label.zh)


def agency_text(source: str | None, labels: Labels) -> str:
    if not source:
        return ""
    label = counting_rules().agencies.get(source)
    return labels.pick(label.en, label.zh) if label else source


def syndicates(data: ReportData, labels: Labels) -> list[SyndicateView] | None:
    if data.syndicates is None:
        return None
    sep = labels.pick(", ", "、")
    out = []
    for s in data.syndicates:
        active = ""
        if s.active_from and s.active_to:
            active = period_text(s.active_from, s.active_to, _lang(labels))
        out.append(
            SyndicateView(
                syndicate_id=s.syndicate_id,
                size=number(s.size) if s.size is not None else "—",
                arrested=number(s.members_arrested),
                base=region_text(s.base_region, labels),
                active=active,
                routes=[route_label(r, labels) for r in s.routes],
                roles=sep.join(f"{role_label(r, labels)} {n}" for r, n in s.roles.items()),
                key_players=s.key_players,
            )
        )
    return out


def _percent(value: float) -> str:
    return f"{value:+.1f}%"


def comparisons(data: ReportData, labels: Labels) -> list[dict[str, Any]] | None:
    if not data.comparisons:
        return None
    figure_label = {f.key: (f.label_en, f.label_zh) for f in data.figures.figures}
    out = []
    for c in data.comparisons:
        fl = figure_label.get(c.what, (c.what, c.what))
        value = _percent if c.kind == "change" else number
        reason = ""
        if c.reason_code:
            en, zh = labels.pair(f"reason_{c.reason_code}")
            n = number(c.reason_count or 0)
            reason = labels.pick(en.format(n=n), zh.format(n=n))
        qualifier = ""
        if c.qualifier:
            qualifier = labels.text(f"q_{c.qualifier}")
        diff = ""
        if c.difference is not None:
            diff = f"{c.difference:.1f}" if c.kind == "change" else number(c.difference)
        out.append(
            {
                "file": c.file,
                "figure": labels.pick(fl[0], fl[1]),
                "yoy": c.kind == "change",
                "region": region_text(c.region, labels),
                "agency": agency_text(c.agency, labels),
                "period": period_text(c.period.start, c.period.end, _lang(labels))
                if c.period
                else "",
                "stated": value(c.reported),
                "qualifier": qualifier,
                "computed": value(c.computed) if c.computed is not None else "",
                "difference": diff,
                "verdict": c.verdict,
                "reason": reason,
            }
        )
    return out
