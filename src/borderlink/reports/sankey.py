"""The flows chart as a Sankey diagram: people from origin countries through the regions.

Each node is a bar as tall as the people through it (the larger of those arriving and
those leaving); each flow is a band as wide as its people, leaving its source's bar and
entering its target's bar at stacked slots, so the bands of a node add up to its bar.
Columns come from the chart layout (charts.json: origin, then YN/GX, GD, HK); matplotlib
draws the bars and bands (`PathPatch` of cubic Béziers).
"""

from __future__ import annotations

from typing import Any

from borderlink.numbers import number
from borderlink.reports.plots import INK, Chart, new_figure, to_svg

NODE_WIDTH = 0.035  # in axes units (the columns run from 0 to 1)
GAP = 0.04  # share of the height between two nodes of a column


def _layout(
    flows: list[tuple[str, str, int]], columns: dict[str, int], order: list[str]
) -> tuple[dict[str, int], dict[str, tuple[float, float, float]]]:
    """Node totals and (x, y bottom, height) per node, in axes units."""
    inflow: dict[str, int] = {}
    outflow: dict[str, int] = {}
    for s, t, n in flows:
        outflow[s] = outflow.get(s, 0) + n
        inflow[t] = inflow.get(t, 0) + n
    totals = {k: max(inflow.get(k, 0), outflow.get(k, 0)) for k in {*inflow, *outflow}}
    n_cols = max(columns.values()) + 1

    def col(node: str) -> int:
        return columns.get(node, columns["origin"])

    by_col: dict[int, list[str]] = {}
    for node in totals:
        by_col.setdefault(col(node), []).append(node)
    biggest = max(
        sum(totals[n] for n in nodes) / max(1 - GAP * (len(nodes) - 1), 0.2)
        for nodes in by_col.values()
    )
    boxes: dict[str, tuple[float, float, float]] = {}
    for c, nodes in by_col.items():
        nodes.sort(key=lambda n: (order.index(n) if n in order else len(order), -totals[n], n))
        x = c / max(n_cols - 1, 1) * (1 - NODE_WIDTH)
        used = sum(totals[n] for n in nodes) / biggest + GAP * (len(nodes) - 1)
        y = 1 - (1 - used) / 2
        for node in nodes:
            height = totals[node] / biggest
            boxes[node] = (x, y - height, height)
            y -= height + GAP
    return totals, boxes


def _band(x0: float, y0: tuple[float, float], x1: float, y1: tuple[float, float]) -> Any:
    """A closed band from a slot (bottom, top) at x0 to a slot at x1, Bézier edges."""
    from matplotlib.path import Path

    mid = (x0 + x1) / 2
    verts = [
        (x0, y0[1]),
        (mid, y0[1]),
        (mid, y1[1]),
        (x1, y1[1]),
        (x1, y1[0]),
        (mid, y1[0]),
        (mid, y0[0]),
        (x0, y0[0]),
        (x0, y0[1]),
    ]
    codes = [Path.MOVETO, *[Path.CURVE4] * 3, Path.LINETO, *[Path.CURVE4] * 3, Path.CLOSEPOLY]
    return Path(verts, codes)


def sankey(
    key: str,
    title: str,
    flows: list[tuple[str, str, int]],
    names: dict[str, str],
    spec: dict[str, Any],
    palette: dict[str, Any],
) -> Chart:
    """The Sankey chart of `flows` (source, target, people), nodes named by `names`."""
    from matplotlib.patches import PathPatch, Rectangle

    fig = new_figure(spec["width"], spec["height"])
    ax = fig.add_axes((0.17, 0.03, 0.66, 0.94))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    columns: dict[str, int] = spec["columns"]
    totals, boxes = _layout(flows, columns, spec.get("order", []))
    scale = {k: boxes[k][2] / totals[k] if totals[k] else 0 for k in boxes}
    out_at = {k: boxes[k][1] + boxes[k][2] for k in boxes}  # next free slot, from the top
    in_at = dict(out_at)
    region_colours: dict[str, str] = palette.get("regions", {})
    for s, t, n in sorted(flows, key=lambda f: (boxes[f[0]][0], -boxes[f[0]][1], -f[2])):
        hs, ht = n * scale[s], n * scale[t]
        src = (out_at[s] - hs, out_at[s])
        dst = (in_at[t] - ht, in_at[t])
        out_at[s] -= hs
        in_at[t] -= ht
        patch = PathPatch(
            _band(boxes[s][0] + NODE_WIDTH, src, boxes[t][0], dst),
            facecolor=region_colours.get(t, palette["flow"]),
            edgecolor="none",
            alpha=0.42,
        )
        patch.set_gid(f"flow-{s}-{t}")
        ax.add_patch(patch)
    origin_col = columns["origin"]
    for node, (x, y, h) in boxes.items():
        is_origin = columns.get(node, origin_col) == origin_col
        colour = palette["node_origin"] if is_origin else palette["node_region"]
        ax.add_patch(Rectangle((x, y), NODE_WIDTH, h, facecolor=colour, edgecolor="none"))
        label = f"{names.get(node, node)} {number(totals[node])}"
        if is_origin:
            ax.text(x - 0.01, y + h / 2, label, ha="right", va="center", fontsize=9.5, color=INK)
        else:
            ax.text(x + NODE_WIDTH + 0.01, y + h / 2, label, ha="left", va="center",
                    fontsize=9.5, color=INK)  # fmt: skip
    return Chart(key=key, title=title, svg=to_svg(fig, key, title))
