"""Handling codes and grading follow an exchanged item wherever it goes.

A record received under an agreement carries its handling code (H0-H3) and its
grading (source reliability A-D/X and information 1-4, written together as
`B2`). Everything built from such records shows the marks of the records it
came from: a graph node or edge (`handling_codes`, `gradings`: the distinct
values, `;`-separated, e.g. `H1;H2` and `B2`), the entity page, the report and
the CSV exports. An agency's own records carry no mark, so a value appears only
where received intelligence contributed, and the strictest code is always seen.

This module is the one place that says how marks are read and combined; the
graph, exports, browse and reports call it.
"""

from __future__ import annotations

from pydantic import BaseModel

from borderlink.exchange.tables import MARKED_TABLES, MARKS
from borderlink.store import Store

# Handling codes from least to most restrictive (codes.yaml): the strictest wins.
STRICTNESS = ("H0", "H1", "H2", "H3")


def marked_tables(store: Store) -> list[str]:
    """The record tables of this workspace that have the mark columns."""
    return [
        t for t in MARKED_TABLES if store.table_exists(t) and set(MARKS) <= set(store.columns(t))
    ]


def record_marks_sql(store: Store) -> str | None:
    """SQL of (record_id, handling_code, grading) for every marked record; None if none can be."""
    parts = [
        f"SELECT record_id, handling_code, "
        f"coalesce(source_reliability, '') || coalesce(information_grade, '') AS grading "
        f'FROM "{t}" WHERE handling_code IS NOT NULL'
        for t in marked_tables(store)
    ]
    return " UNION ALL ".join(parts) if parts else None


def has_marks(store: Store) -> bool:
    """Whether any record of the workspace was received under an agreement."""
    sql = record_marks_sql(store)
    return sql is not None and store.query_one(f"SELECT 1 FROM ({sql}) LIMIT 1") is not None


class MarkCount(BaseModel):
    """How many records of one sender under one handling code and grading."""

    source: str  # exchange:<sender>
    handling_code: str
    grading: str
    records: int


def mark_counts(store: Store, table: str = "person_records") -> list[MarkCount]:
    """Records received under agreements, per sender, handling code and grading (for the
    report: everything counted from them carries their codes)."""
    if table not in marked_tables(store):
        return []
    rows = store.query(
        "SELECT source, handling_code, coalesce(source_reliability, '') "
        f"|| coalesce(information_grade, ''), count(*) FROM \"{table}\" "
        "WHERE handling_code IS NOT NULL GROUP BY ALL ORDER BY 2 DESC, 1, 3"
    )
    return [MarkCount(source=s, handling_code=h, grading=g, records=n) for s, h, g, n in rows]


def strictest(codes: str | None) -> str | None:
    """The most restrictive of `H1;H2`-style codes (None when there are none)."""
    found = [c for c in (codes or "").split(";") if c in STRICTNESS]
    return max(found, key=STRICTNESS.index) if found else None


def agg(column: str) -> str:
    """A SQL aggregate of distinct non-empty values, `;`-separated and sorted."""
    return (
        f"nullif(string_agg(DISTINCT nullif({column}, ''), ';' ORDER BY nullif({column}, '')), '')"
    )


def mark_graph(store: Store) -> int:
    """Set `handling_codes`/`gradings` on graph_edges and graph_nodes from their records.

    Edges: the marks of the records in `record_ids`. Person nodes: their entity's
    records (graph_persons); case nodes: the case's rows; other nodes (phones,
    vehicles...): the edges that reach them. Returns the number of marked nodes.
    """
    sql = record_marks_sql(store)
    if sql is None:
        return 0
    store.execute(f"CREATE OR REPLACE TEMP TABLE g_marks AS {sql}", stage="graph", table="g_marks")
    if store.count("g_marks") == 0:
        return 0
    store.execute(
        f"""
UPDATE graph_edges SET handling_codes = m.codes, gradings = m.grades
FROM (SELECT e.source, e.target, e.kind, {agg("g.handling_code")} AS codes,
             {agg("g.grading")} AS grades
      FROM (SELECT source, target, kind, unnest(record_ids) AS rid FROM graph_edges) e
      JOIN g_marks g ON g.record_id = e.rid GROUP BY ALL) m
WHERE graph_edges.source = m.source AND graph_edges.target = m.target
  AND graph_edges.kind = m.kind""",
        stage="graph",
        table="graph_edges",
    )
    case_part = (
        "UNION ALL SELECT 'case:' || c.case_no, g.handling_code, g.grading "
        "FROM cases c JOIN g_marks g USING (record_id)"
        if "cases" in marked_tables(store)
        else ""
    )
    store.execute(
        f"""
UPDATE graph_nodes SET handling_codes = m.codes, gradings = m.grades
FROM (SELECT node_id, {agg("handling_code")} AS codes, {agg("grading")} AS grades FROM (
        SELECT 'person:' || p.entity_id AS node_id, g.handling_code, g.grading
        FROM graph_persons p JOIN g_marks g USING (record_id)
        {case_part}
        UNION ALL
        SELECT x.node_id, y.handling, y.grading FROM (
          SELECT source AS node_id, handling_codes, gradings FROM graph_edges
          WHERE handling_codes IS NOT NULL
          UNION ALL SELECT target, handling_codes, gradings FROM graph_edges
          WHERE handling_codes IS NOT NULL) x,
        LATERAL (SELECT unnest(string_split(x.handling_codes, ';')) AS handling,
                        unnest(string_split(coalesce(x.gradings, ''), ';')) AS grading) y
        WHERE x.node_id NOT LIKE 'person:%' AND x.node_id NOT LIKE 'case:%'
      ) GROUP BY node_id) m
WHERE graph_nodes.node_id = m.node_id""",
        stage="graph",
        table="graph_nodes",
    )
    return store.count("graph_nodes", "handling_codes IS NOT NULL")
