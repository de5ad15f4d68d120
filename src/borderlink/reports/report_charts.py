"""The report's charts, built from ReportData with labels in the chosen language.

Layouts (sizes, colours, titles) are package data (templates/charts.json); the drawing
is matplotlib's (plots.py, sankey.py, network.py).
"""

from __future__ import annotations

from typing import Any

from borderlink.model.vocab import regions
from borderlink.numbers import number
from borderlink.reports.data import ReportData
from borderlink.reports.dates import short_month
from borderlink.reports.labels import Labels
from borderlink.reports.network import network_chart
from borderlink.reports.plots import (
    Chart,
    chart_specs,
    grouped_bars,
    horizontal_bars,
    stacked_bars,
)
from borderlink.reports.sankey import sankey
from borderlink.reports.wording import change_meaning
from borderlink.stats.counting import value_label

REGIONS = regions()
MEANING_COLOURS = {"good": "#1e7b4f", "bad": "#b03a2e", "neutral": "#0d2c54"}


def _size(spec: dict[str, Any]) -> tuple[float, float]:
    return float(spec["width"]), float(spec["height"])


def monthly_chart(data: ReportData, labels: Labels) -> Chart:
    spec = chart_specs()["monthly_by_kind"]
    palette = chart_specs()["palette"]
    months = data.breakdowns["month"].breakdown
    rows = {r.key: r for r in (months.rows if months else [])}
    window = data.figures.window
    keys: list[tuple[int, int]] = []
    year, month = window.start.year, window.start.month
    while (year, month) <= (window.end.year, window.end.month):
        keys.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    ids = [f"{y:04d}-{m:02d}" for y, m in keys]
    series: list[tuple[str, str, list[int]]] = []
    kinds = [k for k in spec["series"] if k != "other"]
    for kind in kinds:
        info = data.figures.info(kind)
        values = [(rows[k].values[kind].count or 0) if k in rows else 0 for k in ids]
        series.append((labels.pick(info.label_en, info.label_zh), palette[kind], values))
    other = []
    for k in ids:
        if k not in rows:
            other.append(0)
            continue
        v = rows[k].values
        other.append((v["people_arrested"].count or 0) - sum(v[kind].count or 0 for kind in kinds))
    series.append((labels.text("other"), palette["other"], other))
    every = 1 if len(keys) <= 12 else 3 if len(keys) <= 36 else 6
    ticks = [short_month(y, m, "zh" if labels.lang == "zh" else "en") for y, m in keys]
    title = labels.pick(**spec["title"])
    return stacked_bars("monthly_by_kind", title, ticks, series, _size(spec), every)


def yoy_chart(data: ReportData, labels: Labels) -> Chart:
    from borderlink.reports.dates import period_text

    spec = chart_specs()["yoy_by_region"]
    years_palette = chart_specs()["palette"]["years"]
    figure = spec["figure"]
    rows = [r for r in data.figures.yoy if r.figure == figure and r.group is not None]
    years = sorted({r.year for r in rows})
    regions = [g for g in REGIONS if any(r.group == g for r in rows)]
    series: list[tuple[str, str, list[int | None], list[tuple[str, str]]]] = []
    lang = "zh" if labels.lang == "zh" else "en"
    for i, year in enumerate(years):
        by_region = {r.group: r for r in rows if r.year == year}
        values = [by_region[g].current_value if g in by_region else 0 for g in regions]
        notes = [_change_note(by_region.get(g), figure, labels) for g in regions]
        span = next(r for r in rows if r.year == year).current
        name = period_text(span.start, span.end, lang)
        series.append((name, years_palette[i % len(years_palette)], values, notes))
    groups = [labels.pick(*_region(g)) for g in regions]
    return grouped_bars("yoy_by_region", labels.pick(**spec["title"]), groups, series, _size(spec))


def _region(code: str) -> tuple[str, str]:
    label = value_label("region", code)
    return label.en, label.zh


def _change_note(row: Any, figure: str, labels: Labels) -> tuple[str, str]:
    """The change on a year earlier as text, coloured by what it means for the operation."""
    if row is None:
        return "", ""
    change = row.change
    if change.status == "change" and change.percent is not None:
        colour = MEANING_COLOURS[change_meaning(figure, change.percent)]
        return f"{change.percent:+.0f}%", colour
    if change.status in ("new", "none"):
        return labels.text(change.status), MEANING_COLOURS["neutral"]
    return "", ""


def flows_chart(data: ReportData, labels: Labels) -> Chart:
    specs = chart_specs()
    nodes = {f.source for f in data.flows} | {f.target for f in data.flows}
    names: dict[str, str] = {}
    for node in nodes:
        label = value_label("region" if node in REGIONS else "origin", node)
        names[node] = labels.pick(label.en, label.zh)
    flows = [(f.source, f.target, f.people) for f in data.flows]
    title = labels.pick(**specs["flows"]["title"])
    return sankey("flows", title, flows, names, specs["flows"], specs["palette"])


def origins_chart(data: ReportData, labels: Labels) -> Chart:
    specs = chart_specs()
    origins = data.breakdowns["origin"].breakdown
    rows = []
    for row in sorted(
        origins.rows if origins else [], key=lambda r: -(r.values["people_arrested"].count or 0)
    ):
        value = row.values["people_arrested"]
        note = f"({number(value.people)})" if value.people is not None else ""
        rows.append((labels.pick(row.label_en, row.label_zh), value.count or 0, note))
    spec = specs["origins"]
    title = labels.pick(**spec["title"])
    return horizontal_bars("origins", title, rows, specs["palette"]["origins"], spec["width"])


def report_charts(data: ReportData, labels: Labels) -> list[Chart]:
    return [
        monthly_chart(data, labels),
        yoy_chart(data, labels),
        flows_chart(data, labels),
        origins_chart(data, labels),
    ]


def network_charts(data: ReportData, labels: Labels) -> list[Chart]:
    """One diagram per major syndicate, in the report's syndicate order."""
    spec = chart_specs()["network"]
    out = []
    for net in data.networks:
        title = labels.pick(f"Syndicate {net.syndicate_id}", f"团伙 {net.syndicate_id}")
        out.append(network_chart(net, title, _size(spec)))
    return out
