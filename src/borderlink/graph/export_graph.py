"""Exports of the analysed graph: people CSV, GraphML/GEXF (Gephi), FollowTheMoney (Aleph).

followthemoney is an optional extra: it is imported only here, inside the
FtM export, and a missing install names the extra to add.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from borderlink.errors import InvalidRequest, NotFound
from borderlink.store import Store

FORMATS = ("graphml", "gexf", "ftm")

PEOPLE_SQL = """
SELECT r.entity_id, m.syndicate_id, r.role, r.confidence AS role_confidence,
       n.names, n.nationality, coalesce(k.key_player_score, 0) AS key_player_score,
       k.betweenness, k.kpp_rank
FROM entity_roles r
LEFT JOIN syndicate_members m USING (entity_id)
LEFT JOIN key_players k USING (entity_id)
LEFT JOIN (
  SELECT entity_id, string_agg(DISTINCT name, '; ' ORDER BY name) AS names,
         mode(nationality) AS nationality
  FROM (SELECT coalesce(c.entity_id, 'rec:' || p.record_id) AS entity_id, p.name, p.nationality
        FROM person_records p LEFT JOIN clusters c ON c.record_id = p.record_id
             AND c.resolve_run_id = (SELECT resolve_run_id FROM analyse_runs
                                     ORDER BY finished_at DESC LIMIT 1))
  GROUP BY entity_id
) n USING (entity_id)
ORDER BY m.syndicate_id NULLS LAST, r.entity_id
"""

PEOPLE_COLUMNS = [
    "entity_id",
    "syndicate_id",
    "role",
    "role_confidence",
    "names",
    "nationality",
    "key_player_score",
    "betweenness",
    "kpp_rank",
]


def _require_analysis(store: Store) -> None:
    if not store.table_exists("entity_roles") or not store.table_exists("graph_nodes"):
        raise NotFound("no analysis in this workspace: run 'borderlink analyse' first")


def export_people(store: Store, out: Path) -> int:
    """One row per entity: entity_id, syndicate_id (empty for non-members), role, names, ..."""
    _require_analysis(store)
    sql = PEOPLE_SQL
    if not store.table_exists("clusters"):
        sql = sql.replace(
            "LEFT JOIN clusters c ON c.record_id = p.record_id",
            "LEFT JOIN (SELECT NULL::VARCHAR record_id, NULL::VARCHAR entity_id, "
            "NULL::VARCHAR resolve_run_id) c ON false",
        )
    rows = store.query(sql)
    with Path(out).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(PEOPLE_COLUMNS)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return len(rows)


def _plain(value: Any) -> str | int | float | bool:
    """GraphML/GEXF take scalars only: lists and dicts become JSON text, None becomes ''."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """The stored link graph as a networkx multigraph with scalar attributes."""
    _require_analysis(store)
    graph = nx.MultiDiGraph()
    for row in store.query_dicts("SELECT * FROM graph_nodes"):
        node = row.pop("node_id")
        graph.add_node(node, **{k: _plain(v) for k, v in row.items()})
    for i, row in enumerate(store.query_dicts("SELECT * FROM graph_edges")):
        attrs = {
            "kind": row["kind"],
            "weight": float(row["weight"] or 0.0),
            "attrs": _plain(row["attrs"]),
            "record_ids": ";".join(row["record_ids"] or []),
        }
        graph.add_edge(row["source"], row["target"], key=f"e{i}", **attrs)
    return graph


def export_graph(store: Store, fmt: str, out: Path) -> int:
    """Write the graph as GraphML, GEXF or FollowTheMoney JSON lines; returns items written."""
    if fmt not in FORMATS:
        raise InvalidRequest("format", f"must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "ftm":
        from borderlink.graph.export_ftm import export_ftm

        return export_ftm(store, out)
    graph = to_networkx(store)
    if fmt == "graphml":
        nx.write_graphml(graph, str(out))
    else:
        nx.write_gexf(graph, str(out))
    return int(graph.number_of_nodes() + graph.number_of_edges())
