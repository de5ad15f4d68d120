"""Exports of the analysed graph: people CSV, GraphML/GEXF (Gephi), FollowTheMoney (Aleph).

GraphML and GEXF are written so Gephi opens them ready to read: one undirected graph
(co-offending, shared addresses and person-to-thing ties read the same both ways; the
direction of a call or an employment is kept in `from_node`), flat typed attributes
only (numbers as numbers, never JSON text in a cell), and each person's role,
syndicate, key-player score, colour and size (colours from graph/rules/gephi.yaml).

followthemoney is an optional extra: it is imported only inside the FtM export, and a
missing install names the extra to add.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from borderlink.csv_export import write_csv
from borderlink.errors import InvalidRequest, NotFound, PathError
from borderlink.graph.rules import gephi_style
from borderlink.model import load_model
from borderlink.store import Store

FORMATS = ("graphml", "gexf", "ftm")

PEOPLE_SQL = """
SELECT r.entity_id, m.syndicate_id, r.role, r.confidence AS role_confidence,
       n.names, n.nationality, coalesce(k.key_player_score, 0) AS key_player_score,
       k.betweenness, k.kpp_rank, n.handling_codes, n.gradings
FROM entity_roles r
LEFT JOIN syndicate_members m USING (entity_id)
LEFT JOIN key_players k USING (entity_id)
LEFT JOIN (
  SELECT entity_id, string_agg(DISTINCT name, '; ' ORDER BY name) AS names,
         mode(nationality) AS nationality,
         string_agg(DISTINCT handling_code, ';' ORDER BY handling_code) AS handling_codes,
         string_agg(DISTINCT grading, ';' ORDER BY grading) AS gradings
  FROM (SELECT coalesce(c.entity_id, 'rec:' || p.record_id) AS entity_id, p.name, p.nationality,
               p.handling_code, nullif(coalesce(p.source_reliability, '')
               || coalesce(p.information_grade, ''), '') AS grading
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
    "handling_codes",  # codes of the entity's records received under an agreement (H0-H3)
    "gradings",  # their source reliability and information grade (e.g. B2)
]

NODE_SQL = """
SELECT n.node_id, n.kind, n.label, n.entity_id, n.role, n.nationality,
       coalesce(n.syndicate_id, sm.syndicate_id) AS syndicate_id, sc.syndicate_id AS customer_of,
       k.key_player_score, k.betweenness, k.kpp_rank, n.handling_codes, n.gradings
FROM graph_nodes n
LEFT JOIN (SELECT entity_id, min(syndicate_id) AS syndicate_id FROM syndicate_members
           GROUP BY 1) sm USING (entity_id)
LEFT JOIN (SELECT entity_id, min(syndicate_id) AS syndicate_id FROM syndicate_customers
           {primary} GROUP BY 1) sc USING (entity_id)
LEFT JOIN (SELECT entity_id, max(key_player_score) AS key_player_score,
                  max(betweenness) AS betweenness, min(kpp_rank) AS kpp_rank
           FROM key_players GROUP BY 1) k USING (entity_id)
ORDER BY n.node_id
"""

# edge attrs JSON key -> (flat attribute, type): one type per attribute in every file
EDGE_FACTS: dict[str, tuple[str, type]] = {
    "count": ("calls", int),
    "total_duration_s": ("total_duration_s", int),
    "first": ("first", str),
    "last": ("last", str),
    "amount": ("amount", float),
    "offence": ("offence", str),
    "region": ("region", str),
    "address": ("address", str),
    "addresses": ("shared_addresses", int),
}


def _require_analysis(store: Store) -> None:
    if not store.table_exists("entity_roles") or not store.table_exists("graph_nodes"):
        raise NotFound("no analysis in this workspace: run 'borderlink analyse' first")


def export_people(store: Store, out: Path, *, excel: bool = False) -> int:
    """One row per entity: entity_id, syndicate_id (empty for non-members), role, names, ..."""
    _require_analysis(store)
    sql = PEOPLE_SQL
    if not store.table_exists("clusters"):
        sql = sql.replace(
            "LEFT JOIN clusters c ON c.record_id = p.record_id",
            "LEFT JOIN (SELECT NULL::VARCHAR record_id, NULL::VARCHAR entity_id, "
            "NULL::VARCHAR resolve_run_id) c ON false",
        )
    if "handling_code" not in store.columns("person_records"):  # a workspace made before exchange
        sql = sql.replace("p.handling_code", "NULL::VARCHAR AS handling_code")
        for col in ("source_reliability", "information_grade"):
            sql = sql.replace(f"p.{col}", "NULL::VARCHAR")
    rows = store.query(sql)
    write_csv(out, PEOPLE_COLUMNS, rows, excel=excel)
    return len(rows)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _node_attrs(row: dict[str, Any]) -> dict[str, Any]:
    """Flat, typed node attributes with Gephi's colour (r, g, b) and size."""
    style = gephi_style()
    kind = str(row["kind"])
    role = str(row["role"] or "")
    if kind == "person":
        colour = style.role_colours.get(role or "unknown", style.role_colours["unknown"])
    else:
        colour = style.kind_colours.get(kind, style.role_colours["unknown"])
    score = float(row["key_player_score"] or 0.0)
    r, g, b = _rgb(colour)
    return {
        "label": str(row["label"] or row["node_id"]),
        "kind": kind,
        "role": role,
        "syndicate_id": str(row["syndicate_id"] or ""),
        "customer_of": str(row["customer_of"] or ""),
        "nationality": str(row["nationality"] or ""),
        "entity_id": str(row["entity_id"] or ""),
        "key_player_score": score,
        "betweenness": float(row["betweenness"] or 0.0),
        "kpp_rank": int(row["kpp_rank"] or 0),  # 0: not in the key-player set
        # marks of the records received under an agreement (exchange/marks.py); "" = none
        "handling_codes": str(row["handling_codes"] or ""),
        "gradings": str(row["gradings"] or ""),
        "colour": colour,
        "r": r,
        "g": g,
        "b": b,
        "size": style.size_base + style.size_key_player * score,
    }


def _edge_attrs(row: dict[str, Any]) -> dict[str, Any]:
    """Flat, typed edge attributes: the JSON `attrs` spread into one column per fact."""
    facts = json.loads(str(row["attrs"] or "{}"))
    kind = str(row["kind"])
    declared = load_model().edge_kinds().get(kind)
    directed = declared is not None and declared.directed
    attrs: dict[str, Any] = {
        "kind": kind,
        "weight": float(row["weight"] or 0.0),
        "records": len(row["record_ids"] or []),
        "directed": directed,
        "from_node": str(row["source"]) if directed else "",
        "handling_codes": str(row.get("handling_codes") or ""),
        "gradings": str(row.get("gradings") or ""),
    }
    for key, (name, typ) in EDGE_FACTS.items():
        if facts.get(key) is not None:
            attrs[name] = typ(facts[key])
    if facts.get("roles"):
        attrs["roles"] = "; ".join(str(r) for r in facts["roles"])
    if isinstance(facts.get("cases"), list):
        attrs["cases"] = len([c for c in facts["cases"] if c])
    return attrs


def to_networkx(store: Store) -> nx.MultiGraph:
    """The stored link graph as an undirected multigraph with flat, typed attributes."""
    _require_analysis(store)
    primary = ""
    if store.table_exists("syndicate_customers"):
        if "is_primary" in store.columns("syndicate_customers"):
            primary = "WHERE is_primary"
        sql = NODE_SQL.format(primary=primary)
    else:
        sql = NODE_SQL.format(primary="").replace(
            "FROM syndicate_customers", "FROM (SELECT NULL entity_id, NULL syndicate_id)"
        )
    graph = nx.MultiGraph()
    for row in store.query_dicts(sql):
        graph.add_node(str(row["node_id"]), **_node_attrs(row))
    for i, row in enumerate(store.query_dicts("SELECT * FROM graph_edges ORDER BY ALL")):
        graph.add_edge(str(row["source"]), str(row["target"]), key=f"e{i}", **_edge_attrs(row))
    return graph


def _gexf_ready(graph: nx.MultiGraph) -> nx.MultiGraph:
    """A copy whose nodes carry GEXF's own colour and size (viz), which Gephi reads first."""
    out = graph.copy()
    for _, data in out.nodes(data=True):
        data["viz"] = {
            "color": {"r": data["r"], "g": data["g"], "b": data["b"], "a": 1.0},
            "size": data["size"],
        }
    return out


def export_graph(store: Store, fmt: str, out: Path) -> int:
    """Write the graph as GraphML, GEXF or FollowTheMoney JSON lines; returns items written."""
    if fmt not in FORMATS:
        raise InvalidRequest("format", f"must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "ftm":
        from borderlink.graph.export_ftm import export_ftm

        return export_ftm(store, out)
    graph = to_networkx(store)
    try:
        if fmt == "graphml":
            nx.write_graphml(graph, str(out))
        else:
            nx.write_gexf(_gexf_ready(graph), str(out))
    except OSError as exc:
        raise PathError("out", f"cannot write {out}: {exc.strerror or exc}") from exc
    return int(graph.number_of_nodes() + graph.number_of_edges())
