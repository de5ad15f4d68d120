"""Chart geometry: data in, positioned marks out, for the one SVG template to draw.

The layouts (sizes, margins, colours, titles) are package data (templates/charts.json);
this module only does the arithmetic (scales, ticks, stacking, flow curves), so charts
are inline SVG computed from the data, with no script and no network request.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, Field


class Mark(BaseModel):
    """A rectangle (w, h), a text (text), a line (x2, y2) or a circle (r)."""

    x: float
    y: float
    w: float = 0
    h: float = 0
    x2: float = 0
    y2: float = 0
    r: float = 0
    fill: str = "#333"
    text: str = ""
    title: str = ""
    anchor: str = "start"
    css: str = ""
    data: str = ""


class Curve(BaseModel):
    d: str
    stroke: str
    width: float
    opacity: float = 0.38
    title: str = ""


class Chart(BaseModel):
    key: str
    width: float
    height: float
    title: str
    rects: list[Mark] = Field(default_factory=list)
    lines: list[Mark] = Field(default_factory=list)
    texts: list[Mark] = Field(default_factory=list)
    circles: list[Mark] = Field(default_factory=list)
    curves: list[Curve] = Field(default_factory=list)
    legend: list[Mark] = Field(default_factory=list)


@cache
def chart_specs() -> dict[str, Any]:
    text = (
        resources.files("borderlink.reports").joinpath("templates/charts.json").read_text("utf-8")
    )
    specs: dict[str, Any] = json.loads(text)
    return specs


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 up to at least `top` (1, 2, 2.5 or 5 times a power of ten)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step < 1:
        step = 1.0
    n = math.ceil(top / step)
    return [i * step for i in range(n + 1)]


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def _axis(
    chart: Chart, ticks: list[float], left: float, right: float, y_of: Callable[[float], float]
) -> None:
    for tick in ticks:
        y = y_of(tick)
        chart.lines.append(Mark(x=left, y=y, x2=right, y2=y, fill="#e3e7ec"))
        chart.texts.append(Mark(x=left - 6, y=y + 4, text=_fmt(tick), anchor="end", css="tick"))


def text_width(text: str, size: float) -> float:
    """Rough rendered width: CJK characters are square, Latin ones about half as wide."""
    return sum(size * (1.0 if ord(ch) >= 0x2E80 else 0.56) for ch in text)


def _legend(chart: Chart, items: list[tuple[str, str]], y: float, left: float) -> None:
    """Legend entries in rows that wrap at the chart's width; the chart grows to hold them."""
    x = left
    for colour, label in items:
        width = 30 + text_width(label, 11.5)
        if x > left and x + width > chart.width - 8:
            x, y = left, y + 18
            chart.height += 18
        chart.legend.append(Mark(x=x, y=y, w=10, h=10, fill=colour, text=label))
        x += width


def stacked_bars(
    key: str,
    title: str,
    categories: list[str],
    series: list[tuple[str, str, list[int]]],
    spec: dict[str, Any],
    label_every: int = 1,
) -> Chart:
    """Vertical bars per category, one stacked segment per series (name, colour, values)."""
    m = spec["margin"]
    chart = Chart(key=key, width=spec["width"], height=spec["height"] + 22, title=title)
    left, right = m["left"], spec["width"] - m["right"]
    top, bottom = m["top"], spec["height"] - m["bottom"]
    totals = [sum(s[2][i] for s in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0))

    def y_of(v: float) -> float:
        return float(bottom - (bottom - top) * v / ticks[-1])

    _axis(chart, ticks, left, right, y_of)
    band = (right - left) / max(len(categories), 1)
    for i, category in enumerate(categories):
        x = left + i * band + band * 0.12
        base = 0
        for name, colour, values in series:
            v = values[i]
            if v:
                top_y = y_of(base + v)
                tip = f"{category} · {name}: {_fmt(v)}"
                chart.rects.append(
                    Mark(x=x, y=top_y, w=band * 0.76, h=y_of(base) - top_y, fill=colour, title=tip)
                )
            base += v
        if i % label_every == 0:
            chart.texts.append(
                Mark(x=x + band * 0.38, y=bottom + 16, text=category, anchor="middle", css="tick")
            )
    chart.lines.append(Mark(x=left, y=bottom, x2=right, y2=bottom, fill="#8795a1"))
    _legend(chart, [(c, n) for n, c, _ in series], spec["height"] - 4, left)
    return chart


def grouped_bars(
    key: str,
    title: str,
    groups: list[str],
    series: list[tuple[str, str, list[int | None], list[str]]],
    spec: dict[str, Any],
) -> Chart:
    """Bars side by side per group; each series is (name, colour, values, annotations)."""
    m = spec["margin"]
    chart = Chart(key=key, width=spec["width"], height=spec["height"] + 22, title=title)
    left, right = m["left"], spec["width"] - m["right"]
    top, bottom = m["top"], spec["height"] - m["bottom"]
    ticks = nice_ticks(max((v or 0 for s in series for v in s[2]), default=0))

    def y_of(v: float) -> float:
        return float(bottom - (bottom - top) * v / ticks[-1])

    _axis(chart, ticks, left, right, y_of)
    band = (right - left) / max(len(groups), 1)
    width = band * 0.8 / max(len(series), 1)
    for g, group in enumerate(groups):
        for s, (name, colour, values, notes) in enumerate(series):
            v = values[g] or 0
            x = left + g * band + band * 0.1 + s * width
            chart.rects.append(
                Mark(
                    x=x,
                    y=y_of(v),
                    w=width * 0.9,
                    h=y_of(0) - y_of(v),
                    fill=colour,
                    title=f"{group} · {name}: {_fmt(v)} {notes[g]}".strip(),
                )
            )
            if notes[g]:
                chart.texts.append(
                    Mark(
                        x=x + width * 0.45,
                        y=y_of(v) - 5,
                        text=notes[g],
                        anchor="middle",
                        css="note",
                    )
                )
        chart.texts.append(
            Mark(x=left + (g + 0.5) * band, y=bottom + 18, text=group, anchor="middle", css="label")
        )
    chart.lines.append(Mark(x=left, y=bottom, x2=right, y2=bottom, fill="#8795a1"))
    _legend(chart, [(c, n) for n, c, _, _ in series], spec["height"] - 4, left)
    return chart


def horizontal_bars(
    key: str, title: str, rows: list[tuple[str, int, str]], spec: dict[str, Any], colour: str
) -> Chart:
    """One bar per row (label, value, annotation), longest first."""
    m = spec["margin"]
    step = spec["bar_height"] + spec["gap"]
    height = m["top"] + m["bottom"] + step * max(len(rows), 1)
    chart = Chart(key=key, width=spec["width"], height=height, title=title)
    left, right = m["left"], spec["width"] - m["right"]
    top_value = max((v for _, v, _ in rows), default=0) or 1
    for i, (label, value, note) in enumerate(rows):
        y = m["top"] + i * step
        w = (right - left) * value / top_value
        chart.rects.append(
            Mark(
                x=left,
                y=y,
                w=max(w, 1),
                h=spec["bar_height"],
                fill=colour,
                title=f"{label}: {_fmt(value)}",
            )
        )
        chart.texts.append(
            Mark(x=left - 8, y=y + spec["bar_height"] * 0.7, text=label, anchor="end", css="label")
        )
        chart.texts.append(
            Mark(
                x=left + w + 6,
                y=y + spec["bar_height"] * 0.7,
                text=f"{_fmt(value)} {note}".strip(),
                css="value",
            )
        )
    return chart


def flow_diagram(
    key: str,
    title: str,
    flows: list[tuple[str, str, int]],
    labels: dict[str, str],
    spec: dict[str, Any],
    palette: dict[str, Any],
) -> Chart:
    """Nodes in columns (origins, border provinces, GD, HK); curves sized by people."""
    m = spec["margin"]
    chart = Chart(key=key, width=spec["width"], height=spec["height"], title=title)
    columns: dict[str, int] = spec["columns"]
    n_cols = max(columns.values()) + 1

    def column(node: str) -> int:
        return columns.get(node, columns["origin"])

    inflow: dict[str, int] = {}
    outflow: dict[str, int] = {}
    for s, t, n in flows:
        outflow[s] = outflow.get(s, 0) + n
        inflow[t] = inflow.get(t, 0) + n
    # a region shows the people who arrived there, an origin the people who left it
    totals = {node: inflow.get(node) or outflow.get(node, 0) for node in {*inflow, *outflow}}
    label_of = {node: f"{labels.get(node, node)} {_fmt(totals[node])}" for node in totals}
    widths = {node: text_width(text, 12) for node, text in label_of.items()}
    last = max(columns.values())
    left = max([m["left"], *[widths[n] + 24 for n in totals if column(n) == columns["origin"]]])
    right = max([m["right"], *[widths[n] + 24 for n in totals if column(n) == last]])
    x_of = {
        c: left + (spec["width"] - left - right) * c / max(n_cols - 1, 1) for c in range(n_cols)
    }
    pos: dict[str, tuple[float, float]] = {}
    for c in range(n_cols):
        order: list[str] = spec.get("order", [])
        nodes = sorted(
            (n for n in totals if column(n) == c),
            key=lambda n: (order.index(n) if n in order else len(order), -totals[n], n),
        )
        usable = spec["height"] - m["top"] - m["bottom"]
        for i, node in enumerate(nodes):
            pos[node] = (x_of[c], m["top"] + usable * (i + 0.5) / len(nodes))
    biggest = max((n for *_, n in flows), default=1)
    region_colours: dict[str, str] = palette.get("regions", {})
    for s, t, n in sorted(flows, key=lambda f: -f[2]):
        (x1, y1), (x2, y2) = pos[s], pos[t]
        if x2 <= x1:  # a leg back west (or within a column): bow it out to stay readable
            mid = min(x1, x2) - 60
            d = f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        else:
            cx = (x1 + x2) / 2
            d = f"M{x1:.1f},{y1:.1f} C{cx:.1f},{y1:.1f} {cx:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        width = max(spec["min_stroke"], spec["max_stroke"] * n / biggest)
        colour = region_colours.get(t, palette["flow"])
        chart.curves.append(
            Curve(
                d=d,
                stroke=colour,
                width=width,
                title=f"{labels.get(s, s)} → {labels.get(t, t)}: {_fmt(n)}",
            )
        )
    for node, (x, y) in pos.items():
        is_origin = column(node) == columns["origin"]
        colour = palette["node_origin"] if is_origin else palette["node_region"]
        chart.circles.append(
            Mark(
                x=x,
                y=y,
                r=5 + 9 * math.sqrt(totals[node] / max(totals.values())),
                fill=colour,
                title=f"{labels.get(node, node)}: {_fmt(totals[node])}",
            )
        )
        anchor = "end" if is_origin else "start"
        dx = -18 if is_origin else 18
        chart.texts.append(Mark(x=x + dx, y=y + 4, text=label_of[node], anchor=anchor, css="label"))
    return chart
