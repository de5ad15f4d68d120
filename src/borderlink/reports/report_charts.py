"""The report's four charts, built from ReportData with labels in the chosen language."""

from __future__ import annotations

from borderlink.model.vocab import regions
from borderlink.reports.charts import (
    Chart,
    chart_specs,
    flow_diagram,
    grouped_bars,
    horizontal_bars,
    stacked_bars,
)
from borderlink.reports.data import ReportData
from borderlink.reports.labels import Labels
from borderlink.stats.counting import value_label

REGIONS = regions()
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def monthly_chart(data: ReportData, labels: Labels) -> Chart:
    spec = chart_specs()["monthly_by_kind"]
    palette = chart_specs()["palette"]
    months = data.breakdowns["month"].breakdown
    rows = {r.key: r for r in (months.rows if months else [])}
    window = data.figures.window
    keys = []
    year, month = window.start.year, window.start.month
    while (year, month) <= (window.end.year, window.end.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    series: list[tuple[str, str, list[int]]] = []
    kinds = [k for k in spec["series"] if k != "other"]
    for kind in kinds:
        info = data.figures.info(kind)
        values = [(rows[k].values[kind].count or 0) if k in rows else 0 for k in keys]
        series.append((labels.pick(info.label_en, info.label_zh), palette[kind], values))
    other = []
    for k in keys:
        if k not in rows:
            other.append(0)
            continue
        v = rows[k].values
        other.append((v["people_arrested"].count or 0) - sum(v[kind].count or 0 for kind in kinds))
    series.append((labels.text("other"), palette["other"], other))
    every = 1 if len(keys) <= 15 else 3 if len(keys) <= 48 else 6
    return stacked_bars("monthly_by_kind", labels.pick(**spec["title"]), keys, series, spec, every)


def yoy_chart(data: ReportData, labels: Labels) -> Chart:
    spec = chart_specs()["yoy_by_region"]
    years_palette = chart_specs()["palette"]["years"]
    figure = spec["figure"]
    rows = [r for r in data.figures.yoy if r.figure == figure and r.group is not None]
    years = sorted({r.year for r in rows})
    regions = [g for g in REGIONS if any(r.group == g for r in rows)]
    series: list[tuple[str, str, list[int | None], list[str]]] = []
    for i, year in enumerate(years):
        by_region = {r.group: r for r in rows if r.year == year}
        values = [by_region[g].current_value if g in by_region else 0 for g in regions]
        notes = [
            _change_text(by_region[g].change, labels) if g in by_region else "" for g in regions
        ]
        span = next(r for r in rows if r.year == year).current
        name = str(year)
        if not span.is_whole_year():
            name += f" ({MONTH_NAMES[span.start.month - 1]}–{MONTH_NAMES[span.end.month - 1]})"
        series.append((name, years_palette[i % len(years_palette)], values, notes))
    groups = [
        labels.pick(value_label("region", g).en, value_label("region", g).zh) for g in regions
    ]
    return grouped_bars("yoy_by_region", labels.pick(**spec["title"]), groups, series, spec)


def _change_text(change: object, labels: Labels) -> str:
    from borderlink.stats import YoyChange

    assert isinstance(change, YoyChange)
    if change.status == "change" and change.percent is not None:
        return f"{change.percent:+.0f}%"
    if change.status in ("new", "none"):
        return labels.text(change.status)
    return ""


def flows_chart(data: ReportData, labels: Labels) -> Chart:
    specs = chart_specs()
    nodes = {f.source for f in data.flows} | {f.target for f in data.flows}
    names: dict[str, str] = {}
    for node in nodes:
        label = value_label("region" if node in REGIONS else "origin", node)
        names[node] = labels.pick(label.en, label.zh)
    flows = [(f.source, f.target, f.people) for f in data.flows]
    return flow_diagram(
        "flows",
        labels.pick(**specs["flows"]["title"]),
        flows,
        names,
        specs["flows"],
        specs["palette"],
    )


def origins_chart(data: ReportData, labels: Labels) -> Chart:
    specs = chart_specs()
    origins = data.breakdowns["origin"].breakdown
    rows = []
    for row in sorted(
        origins.rows if origins else [], key=lambda r: -(r.values["people_arrested"].count or 0)
    ):
        value = row.values["people_arrested"]
        note = f"({value.people:,})" if value.people is not None else ""
        rows.append((labels.pick(row.label_en, row.label_zh), value.count or 0, note))
    return horizontal_bars(
        "origins",
        labels.pick(**specs["origins"]["title"]),
        rows,
        specs["origins"],
        specs["palette"]["origins"],
    )


def report_charts(data: ReportData, labels: Labels) -> list[Chart]:
    return [
        monthly_chart(data, labels),
        yoy_chart(data, labels),
        flows_chart(data, labels),
        origins_chart(data, labels),
    ]
