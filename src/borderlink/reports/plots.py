"""Report charts drawn by matplotlib and embedded as inline SVG.

Why matplotlib: a maintained plotting library does the axes, ticks, legends and text
layout (and CJK text measurement through the Noto CJK fonts), and it writes SVG with
no script and no network request, so the report stays one self-contained file. Text is
kept as SVG text (`svg.fonttype: none`): the page's fonts draw it, it can be selected,
and a test can read it. Figures are made with `matplotlib.figure.Figure` (no pyplot
state, no GUI backend). matplotlib is imported when a report is drawn, never at start.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel

from borderlink.numbers import number

FONTS = ["Noto Sans CJK SC", "Liberation Sans", "DejaVu Sans"]
DPI = 100
INK, MUTED, GRID = "#1b2733", "#5b6b7b", "#e3e7ec"


class Chart(BaseModel):
    """One figure of the report: its key, caption and the SVG markup matplotlib wrote."""

    key: str
    title: str
    svg: str
    legend_note: str = ""


@cache
def chart_specs() -> dict[str, Any]:
    """Chart layouts (sizes, colours, titles): package data, templates/charts.json."""
    text = (
        resources.files("borderlink.reports").joinpath("templates/charts.json").read_text("utf-8")
    )
    specs: dict[str, Any] = json.loads(text)
    return specs


def _rc() -> dict[str, Any]:
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "borderlink",
        "font.family": "sans-serif",
        "font.sans-serif": FONTS,
        "font.size": 11,
        "axes.edgecolor": "#8795a1",
        "axes.labelcolor": INK,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def new_figure(width_px: float, height_px: float) -> Any:
    """A matplotlib Figure of the given size in CSS pixels, with the report's style."""
    import matplotlib

    params: Any = matplotlib.rcParams  # typed by literal keys; ours are checked at run time
    params.update(_rc())
    from matplotlib.figure import Figure

    return Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI)


def to_svg(fig: Any, key: str, title: str) -> str:
    """The figure as inline SVG that scales to its container (no fixed size, no metadata)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    head = text[: text.index(">")]
    view = re.search(r'viewBox="([^"]+)"', head)
    new_head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{key}" '
        f'viewBox="{view.group(1) if view else "0 0 100 100"}" width="100%" role="img" '
        f'aria-label="{_attr(title)}"'
    )
    return new_head + text[text.index(">") :]


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _axes(fig: Any) -> Any:
    ax = fig.add_subplot(1, 1, 1)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.yaxis.set_major_formatter(_formatter())
    return ax


def _formatter() -> Any:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: number(v))


def _legend(ax: Any, columns: int) -> None:
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        ncols=columns,
        frameon=False,
        fontsize=9,
        handlelength=1.0,
    )


def stacked_bars(
    key: str,
    title: str,
    categories: list[str],
    series: list[tuple[str, str, list[int]]],
    size: tuple[float, float],
    label_every: int = 1,
) -> Chart:
    """Vertical bars per category, one stacked segment per series (name, colour, values)."""
    fig = new_figure(*size)
    ax = _axes(fig)
    bottoms = [0] * len(categories)
    xs = list(range(len(categories)))
    for name, colour, values in series:
        ax.bar(xs, values, bottom=bottoms, color=colour, label=name, width=0.78)
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    ax.set_xticks(xs[::label_every], categories[::label_every], fontsize=8.5)
    ax.set_xlim(-0.6, len(categories) - 0.4)
    _legend(ax, min(len(series), 6))
    return Chart(key=key, title=title, svg=to_svg(fig, key, title))


def grouped_bars(
    key: str,
    title: str,
    groups: list[str],
    series: list[tuple[str, str, list[int | None], list[tuple[str, str]]]],
    size: tuple[float, float],
) -> Chart:
    """Bars side by side per group; each series is (name, colour, values, notes), a note
    being (text, colour) written above its bar (the change on a year earlier)."""
    fig = new_figure(*size)
    ax = _axes(fig)
    width = 0.8 / max(len(series), 1)
    top = max((v or 0 for s in series for v in s[2]), default=0) or 1
    for i, (name, colour, values, notes) in enumerate(series):
        xs = [g + (i - (len(series) - 1) / 2) * width for g in range(len(groups))]
        heights = [v or 0 for v in values]
        ax.bar(xs, heights, width=width * 0.92, color=colour, label=name)
        for x, h, (note, note_colour) in zip(xs, heights, notes, strict=True):
            if note:
                ax.text(
                    x, h + top * 0.015, note, ha="center", va="bottom", fontsize=8,
                    color=note_colour, fontweight="bold",
                )  # fmt: skip
    ax.set_xticks(range(len(groups)), groups, fontsize=10)
    ax.set_ylim(0, top * 1.12)
    _legend(ax, min(len(series), 6))
    return Chart(key=key, title=title, svg=to_svg(fig, key, title))


def horizontal_bars(
    key: str,
    title: str,
    rows: Sequence[tuple[str, int, str]],
    colour: str,
    width_px: float,
    bar_px: float = 26,
) -> Chart:
    """One bar per row (label, value, annotation), the longest at the top."""
    fig = new_figure(width_px, 40 + bar_px * max(len(rows), 1))
    ax = fig.add_subplot(1, 1, 1)
    labels = [r[0] for r in rows][::-1]
    values = [r[1] for r in rows][::-1]
    notes = [r[2] for r in rows][::-1]
    ax.barh(range(len(rows)), values, color=colour, height=0.72)
    top = max(values, default=0) or 1
    for y, (v, note) in enumerate(zip(values, notes, strict=True)):
        ax.text(v + top * 0.01, y, f"{number(v)} {note}".strip(), va="center", fontsize=9,
                color=MUTED)  # fmt: skip
    ax.set_yticks(range(len(rows)), labels, fontsize=10)
    ax.set_xlim(0, top * 1.25)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    return Chart(key=key, title=title, svg=to_svg(fig, key, title))
