"""One network diagram per major syndicate: its members, their roles and their ties.

Members are drawn as circles coloured by role (the colours of graph/rules/gephi.yaml,
so the report and Gephi agree), sized by key-player score, and numbered; the numbers
are explained in a list beside the diagram, because names in several scripts do not fit
on a phone-sized drawing. Ties are the facilitator graph the syndicates were found on
(`facilitator_edges`), drawn thicker for heavier ties. Layout: networkx's spring layout
with a fixed seed, so the same data gives the same picture.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from borderlink.graph.rules import gephi_style
from borderlink.reports.plots import Chart, new_figure, to_svg
from borderlink.store import Store


class Member(BaseModel):
    number: int
    entity_id: str
    name: str
    role: str
    key_player: bool
    score: float


class SyndicateNetwork(BaseModel):
    syndicate_id: str
    members: list[Member]
    ties: list[tuple[str, str, float]]


MEMBERS_SQL = """
SELECT m.entity_id, {name} AS name, m.role, coalesce(k.key_player_score, 0) AS score,
       k.kpp_rank IS NOT NULL AS key_player
FROM syndicate_members m
LEFT JOIN key_players k ON k.entity_id = m.entity_id AND k.syndicate_id = m.syndicate_id
{join}
WHERE m.syndicate_id = ?
ORDER BY k.kpp_rank NULLS LAST, score DESC, m.entity_id
"""


def syndicate_networks(
    store: Store, syndicate_ids: list[str], limit: int, min_members: int
) -> list[SyndicateNetwork]:
    """The major syndicates' members and ties: the first `limit` of `syndicate_ids` (the
    report's order) with at least `min_members` members."""
    if not all(store.table_exists(t) for t in ("facilitator_edges", "key_players")):
        return []
    name, join = "m.entity_id", ""
    if store.table_exists("entities"):
        name, join = (
            "coalesce(e.names[1], m.entity_id)",
            ("LEFT JOIN entities e ON e.entity_id = m.entity_id"),
        )
    sql = MEMBERS_SQL.format(name=name, join=join)
    out: list[SyndicateNetwork] = []
    for sid in syndicate_ids:
        rows = store.query_dicts(sql, [sid], stage="reports", table="syndicate_members")
        if len(rows) < min_members:
            continue
        members = [
            Member(
                number=i + 1,
                entity_id=str(r["entity_id"]),
                name=str(r["name"]),
                role=str(r["role"]),
                key_player=bool(r["key_player"]),
                score=float(r["score"] or 0),
            )
            for i, r in enumerate(rows)
        ]
        ids = [m.entity_id for m in members]
        ties = store.query(
            "SELECT a, b, weight FROM facilitator_edges "
            "WHERE list_contains(?::VARCHAR[], a) AND list_contains(?::VARCHAR[], b) "
            "ORDER BY a, b",
            [ids, ids],
            stage="reports",
            table="facilitator_edges",
        )
        out.append(
            SyndicateNetwork(
                syndicate_id=sid,
                members=members,
                ties=[(str(a), str(b), float(w)) for a, b, w in ties],
            )
        )
        if len(out) == limit:
            break
    return out


def network_chart(net: SyndicateNetwork, title: str, size: tuple[float, float]) -> Chart:
    """The diagram: numbered circles by role, ties by weight."""
    import networkx as nx

    graph: Any = nx.Graph()
    graph.add_nodes_from(m.entity_id for m in net.members)
    graph.add_weighted_edges_from(net.ties)
    pos = nx.spring_layout(graph, seed=7, weight="weight")
    colours = gephi_style().role_colours
    fig = new_figure(*size)
    ax = fig.add_axes((0.02, 0.02, 0.96, 0.96))
    ax.set_axis_off()
    heaviest = max((w for *_, w in net.ties), default=1.0) or 1.0
    for a, b, w in net.ties:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        ax.plot([x1, x2], [y1, y2], color="#9aa5b1", linewidth=0.6 + 3.0 * w / heaviest,
                alpha=0.8, zorder=1)  # fmt: skip
    for m in net.members:
        x, y = pos[m.entity_id]
        colour = colours.get(m.role, colours["unknown"])
        ax.scatter([x], [y], s=480 + 1400 * m.score, color=colour, zorder=2,
                   edgecolors="#0d2c54" if m.key_player else "white",
                   linewidths=2.4 if m.key_player else 1.2)  # fmt: skip
        ax.text(x, y, str(m.number), ha="center", va="center", fontsize=8.5, color="white",
                fontweight="bold", zorder=3)  # fmt: skip
    ax.margins(0.12)
    key = f"network-{net.syndicate_id}"
    return Chart(key=key, title=title, svg=to_svg(fig, key, title))
