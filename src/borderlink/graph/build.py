"""Edges of the link graph, built in SQL from the workspace's record tables.

Every edge keeps the record ids it came from, so an analyst can walk from a
syndicate back to the rows the agencies delivered, and the handling codes and
grading of those received under an agreement (exchange/marks.py). Persons are resolved
entities (resolve's latest run); a record the resolver never clustered stands
for itself (`rec:<record_id>`), so nothing silently drops out of the graph.
"""

from __future__ import annotations

from borderlink.errors import WorkspaceError
from borderlink.exchange.marks import mark_graph
from borderlink.model.tables import fill_table, replace_table
from borderlink.store import Store
from borderlink.views import CURRENT_CLUSTERS, current_resolve_run, entity_of

REQUIRED_TABLES = ("person_records",)

# Exhibit kind -> (node kind, edge kind). Cash has no shareable identifier: one node per item.
EXHIBIT_NODES = {
    "phone": ("phone", "person_phone"),
    "sim": ("phone", "person_phone"),
    "vehicle": ("vehicle", "person_vehicle"),
    "vessel": ("vessel", "person_vessel"),
    "document": ("document", "person_document"),
    "cash": ("money", "person_money"),
    "card": ("card", "person_card"),
}


def person_view_sql(clustered: bool, has_cases: bool) -> str:
    """One row per person record with its entity, its case's region/date/method."""
    cluster_join = (
        f"LEFT JOIN ({CURRENT_CLUSTERS}) c ON c.record_id = p.record_id"
        if clustered
        else "LEFT JOIN (SELECT NULL::VARCHAR AS record_id, NULL::VARCHAR AS entity_id) c ON false"
    )
    case_cols = (
        "k.offence, coalesce(k.region, p.region) AS case_region, k.method, "
        "coalesce(k.opened, p.event_date) AS seen_on, k.record_id AS case_record_id"
        if has_cases
        else "NULL::VARCHAR AS offence, p.region AS case_region, NULL::VARCHAR AS method, "
        "p.event_date AS seen_on, NULL::VARCHAR AS case_record_id"
    )
    case_join = (
        "LEFT JOIN (SELECT case_no, any_value(offence) offence, any_value(region) region, "
        "any_value(method) method, min(opened) opened, any_value(record_id) record_id "
        "FROM cases GROUP BY case_no) k ON k.case_no = p.case_no"
        if has_cases
        else ""
    )
    return f"""
CREATE OR REPLACE TEMP TABLE g_person AS
SELECT p.record_id, {entity_of("p", "c")} AS entity_id,
       p.case_no, p.role, p.migrant_kind, p.name, p.name_zh, p.nationality, p.phone,
       nullif(lower(trim(p.employer)), '') AS employer,
       nullif(lower(regexp_replace(trim(p.address), '\\s+', ' ', 'g')), '') AS address,
       p.region AS agency_region, p.source, {case_cols}
FROM person_records p {cluster_join} {case_join}
"""


def _exhibit_edges_sql() -> str:
    parts = []
    for kind, (node_kind, edge_kind) in EXHIBIT_NODES.items():
        node = (
            "'money:' || x.record_id"
            if kind == "cash"
            else f"'{node_kind}:' || coalesce(x.identifier, x.identifier_raw)"
        )
        parts.append(
            f"SELECT 'person:' || g.entity_id AS source, {node} AS target, '{edge_kind}' AS kind, "
            f"x.record_id AS rid, g.record_id AS prid, x.amount, x.case_no FROM exhibits x "
            f"JOIN g_person g ON g.record_id = x.holder_record_id WHERE x.kind = '{kind}' "
            f"AND coalesce(x.identifier, x.identifier_raw) IS NOT NULL"
        )
        parts.append(
            f"SELECT 'case:' || x.case_no, {node}, 'case_exhibit', x.record_id, NULL, x.amount, "
            f"x.case_no FROM exhibits x WHERE x.kind = '{kind}' AND x.case_no IS NOT NULL "
            f"AND coalesce(x.identifier, x.identifier_raw) IS NOT NULL"
        )
    union = " UNION ALL ".join(parts)
    return f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT source, target, kind, count(*)::DOUBLE,
       json_object('amount', sum(amount), 'cases', list(DISTINCT case_no)),
       list_distinct(list(rid) || list(prid))
FROM ({union}) GROUP BY source, target, kind
"""


def edge_statements(
    has_cases: bool, has_exhibits: bool, has_calls: bool, max_case: int, max_address: int
) -> list[str]:
    """The INSERTs that fill graph_edges, one per edge kind."""
    stmts = [
        """
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'person:' || entity_id, 'case:' || case_no, 'person_case', count(*)::DOUBLE,
       json_object('roles', list(DISTINCT role) FILTER (WHERE role IS NOT NULL),
                   'offence', any_value(offence), 'region', any_value(case_region)),
       list_distinct(list(record_id) || list(case_record_id))
FROM g_person WHERE case_no IS NOT NULL GROUP BY entity_id, case_no
""",
        """
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'person:' || entity_id, 'phone:' || phone, 'person_phone', count(*)::DOUBLE,
       json_object('from', 'person_record'), list(DISTINCT record_id)
FROM g_person WHERE phone IS NOT NULL GROUP BY entity_id, phone
""",
        f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'person:' || a.entity_id, 'person:' || b.entity_id, 'co_offending',
       count(DISTINCT a.case_no)::DOUBLE, json_object('cases', list(DISTINCT a.case_no)),
       list(DISTINCT a.record_id) || list(DISTINCT b.record_id)
FROM g_person a JOIN g_person b ON a.case_no = b.case_no AND a.entity_id < b.entity_id
WHERE a.case_no IN (SELECT case_no FROM g_person WHERE case_no IS NOT NULL
                    GROUP BY case_no HAVING count(DISTINCT entity_id) <= {int(max_case)})
GROUP BY a.entity_id, b.entity_id
""",
        """
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'person:' || entity_id, 'address:' || md5(address)[:12], 'person_address', count(*)::DOUBLE,
       json_object('address', any_value(address)), list(DISTINCT record_id)
FROM g_person WHERE address IS NOT NULL GROUP BY entity_id, address
""",
        f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
WITH residents AS (
  SELECT address, count(DISTINCT entity_id) AS n FROM g_person WHERE address IS NOT NULL
  GROUP BY address HAVING count(DISTINCT entity_id) <= {int(max_address)}
),
per_address AS (  -- a tie through a crowded address is weak: 1 / (other residents)
  SELECT a.entity_id AS a, b.entity_id AS b, a.address, 1.0 / (any_value(r.n) - 1) AS w,
         list(DISTINCT a.record_id) || list(DISTINCT b.record_id) AS rids
  FROM g_person a JOIN g_person b ON a.address = b.address AND a.entity_id < b.entity_id
  JOIN residents r ON r.address = a.address
  GROUP BY a.entity_id, b.entity_id, a.address
)
SELECT 'person:' || a, 'person:' || b, 'shared_address', sum(w),
       json_object('address', any_value(address), 'addresses', count(*)),
       list_distinct(flatten(list(rids)))
FROM per_address GROUP BY a, b
""",
        # Each record's names as one key column, so the employer match is an equi-join:
        # `employer IN (name, name_zh)` made DuckDB compare every pair of records
        # (20,000 generated records: 289 s for this one statement, against 0.02 s).
        """
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
WITH named AS (
  SELECT entity_id, record_id, lower(trim(name)) AS name_key FROM g_person
  WHERE name IS NOT NULL
  UNION
  SELECT entity_id, record_id, lower(trim(name_zh)) FROM g_person WHERE name_zh IS NOT NULL
)
SELECT 'person:' || e.entity_id, 'person:' || m.entity_id, 'employs', count(*)::DOUBLE,
       json_object('employer', any_value(m.employer)),
       list_distinct(list(m.record_id) || list(e.record_id))
FROM g_person m
JOIN named e ON m.employer = e.name_key
WHERE e.entity_id <> m.entity_id
GROUP BY e.entity_id, m.entity_id
""",
    ]
    if has_exhibits:
        stmts.append(_exhibit_edges_sql())
    if has_calls:
        stmts.append(
            """
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'phone:' || caller, 'phone:' || callee, 'call', count(*)::DOUBLE,
       json_object('count', count(*), 'total_duration_s', sum(duration_s),
                   'first', min(start_at), 'last', max(start_at)),
       list(record_id)
FROM calls WHERE caller IS NOT NULL AND callee IS NOT NULL AND caller <> callee
GROUP BY caller, callee
"""
        )
    return stmts


NODES_SQL = """
WITH ends AS (
  SELECT source AS node_id FROM graph_edges UNION SELECT target FROM graph_edges
  UNION SELECT 'person:' || entity_id FROM g_person
),
people AS (
  SELECT 'person:' || entity_id AS node_id, entity_id,
         mode(coalesce(name, name_zh)) AS label, mode(nationality) AS nationality
  FROM g_person GROUP BY entity_id
)
SELECT e.node_id, split_part(e.node_id, ':', 1) AS kind,
       coalesce(p.label, substr(e.node_id, strpos(e.node_id, ':') + 1)) AS label,
       p.entity_id, NULL::VARCHAR AS syndicate_id, NULL::VARCHAR AS role,
       p.nationality
FROM ends e LEFT JOIN people p USING (node_id)
"""


def build_graph(store: Store, *, max_case: int = 80, max_address: int = 20) -> str | None:
    """Create g_person, graph_edges and graph_nodes; return the resolve run used."""
    for table in REQUIRED_TABLES:
        if not store.table_exists(table):
            raise WorkspaceError(
                f"workspace has no '{table}' table: run 'borderlink ingest' first", table=table
            )
    run = current_resolve_run(store)
    has_cases = store.table_exists("cases")
    replace_table(store, "graph_edges")
    store.execute(
        person_view_sql(store.table_exists("clusters"), has_cases), stage="graph", table="g_person"
    )
    for sql in edge_statements(
        has_cases,
        store.table_exists("exhibits"),
        store.table_exists("calls"),
        max_case,
        max_address,
    ):
        store.execute(sql, stage="graph", table="graph_edges")
    fill_table(store, "graph_nodes", NODES_SQL)
    mark_graph(store)
    return run
