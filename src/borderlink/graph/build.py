"""Edges of the link graph, built in SQL from the workspace's record tables.

Every edge keeps the record ids it came from, so an analyst can walk from a
syndicate back to the rows the agencies delivered, and the handling codes and
grading of those received under an agreement (exchange/marks.py). Persons are resolved
entities (resolve's latest run); a record the resolver never clustered stands
for itself (`rec:<record_id>`), so nothing silently drops out of the graph.
"""

from __future__ import annotations

from borderlink.errors import ModelError, WorkspaceError
from borderlink.exchange.marks import mark_graph
from borderlink.model import load_model
from borderlink.model.tables import fill_table, replace_table
from borderlink.store import Store
from borderlink.views import CURRENT_CLUSTERS, current_resolve_run, entity_of

REQUIRED_TABLES = ("person_records",)


def kind(name: str) -> str:
    """SQL literal of a declared edge kind (the record types' `edge.kinds`); else ModelError."""
    declared = load_model().edge_kinds()
    if name not in declared:
        raise ModelError(f"edge kind {name!r} is not declared in model/schema (edge.kinds)")
    if not declared[name].used:
        raise ModelError(f"edge kind {name!r} is declared with used: false", kind=name)
    return f"'{name}'"


def exhibit_nodes() -> dict[str, tuple[str, str]]:
    """Exhibit kind -> (node kind, edge kind), from the edge kinds' `exhibits`."""
    return {
        exhibit: (k.to_nodes[0], k.name)
        for k in load_model().edge_kinds().values()
        if k.used
        for exhibit in k.exhibits
    }


def persons_sql(clustered: bool, has_cases: bool) -> str:
    """graph_persons: one row per person record with its entity, its case's region/date/method."""
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
SELECT p.record_id, {entity_of("p", "c")} AS entity_id,
       p.case_no, p.role, p.migrant_kind, p.name, p.name_zh, p.nationality, p.phone,
       nullif(lower(trim(p.employer)), '') AS employer,
       nullif(lower(regexp_replace(trim(p.address), '\\s+', ' ', 'g')), '') AS address,
       p.region AS agency_region, p.source, {case_cols}
FROM person_records p {cluster_join} {case_join}
"""


def _exhibit_edges_sql() -> str:
    parts = []
    for exhibit, (node_kind, edge_kind) in exhibit_nodes().items():
        # money has no shareable identifier: one node per seized amount
        node = (
            "'money:' || x.record_id"
            if node_kind == "money"
            else f"'{node_kind}:' || coalesce(x.identifier, x.identifier_raw)"
        )
        parts.append(
            f"SELECT 'person:' || g.entity_id AS source, {node} AS target, {kind(edge_kind)} "
            f"AS kind, x.record_id AS rid, g.record_id AS prid, x.amount, x.case_no "
            f"FROM exhibits x JOIN graph_persons g ON g.record_id = x.holder_record_id "
            f"WHERE x.kind = '{exhibit}' AND coalesce(x.identifier, x.identifier_raw) IS NOT NULL"
        )
        parts.append(
            f"SELECT 'case:' || x.case_no, {node}, {kind('case_exhibit')}, x.record_id, NULL, "
            f"x.amount, x.case_no FROM exhibits x WHERE x.kind = '{exhibit}' "
            f"AND x.case_no IS NOT NULL AND coalesce(x.identifier, x.identifier_raw) IS NOT NULL"
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
        f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'person:' || entity_id, 'case:' || case_no, {kind("person_case")}, count(*)::DOUBLE,
       json_object('roles', list(DISTINCT role) FILTER (WHERE role IS NOT NULL),
                   'offence', any_value(offence), 'region', any_value(case_region)),
       list_distinct(list(record_id) || list(case_record_id))
FROM graph_persons WHERE case_no IS NOT NULL GROUP BY entity_id, case_no
""",
        f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'person:' || entity_id, 'phone:' || phone, {kind("person_phone")}, count(*)::DOUBLE,
       json_object('from', 'person_record'), list(DISTINCT record_id)
FROM graph_persons WHERE phone IS NOT NULL GROUP BY entity_id, phone
""",
        f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'person:' || a.entity_id, 'person:' || b.entity_id, {kind("co_offending")},
       count(DISTINCT a.case_no)::DOUBLE, json_object('cases', list(DISTINCT a.case_no)),
       list(DISTINCT a.record_id) || list(DISTINCT b.record_id)
FROM graph_persons a JOIN graph_persons b ON a.case_no = b.case_no AND a.entity_id < b.entity_id
WHERE a.case_no IN (SELECT case_no FROM graph_persons WHERE case_no IS NOT NULL
                    GROUP BY case_no HAVING count(DISTINCT entity_id) <= {int(max_case)})
GROUP BY a.entity_id, b.entity_id
""",
        f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'person:' || entity_id, 'address:' || md5(address)[:12], {kind("person_address")},
       count(*)::DOUBLE, json_object('address', any_value(address)), list(DISTINCT record_id)
FROM graph_persons WHERE address IS NOT NULL GROUP BY entity_id, address
""",
        f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
WITH residents AS (
  SELECT address, count(DISTINCT entity_id) AS n FROM graph_persons WHERE address IS NOT NULL
  GROUP BY address HAVING count(DISTINCT entity_id) <= {int(max_address)}
),
per_address AS (  -- a tie through a crowded address is weak: 1 / (other residents)
  SELECT a.entity_id AS a, b.entity_id AS b, a.address, 1.0 / (any_value(r.n) - 1) AS w,
         list(DISTINCT a.record_id) || list(DISTINCT b.record_id) AS rids
  FROM graph_persons a JOIN graph_persons b ON a.address = b.address AND a.entity_id < b.entity_id
  JOIN residents r ON r.address = a.address
  GROUP BY a.entity_id, b.entity_id, a.address
)
SELECT 'person:' || a, 'person:' || b, {kind("shared_address")}, sum(w),
       json_object('address', any_value(address), 'addresses', count(*)),
       list_distinct(flatten(list(rids)))
FROM per_address GROUP BY a, b
""",
        # Each record's names as one key column, so the employer match is an equi-join:
        # `employer IN (name, name_zh)` made DuckDB compare every pair of records
        # (20,000 generated records: 289 s for this one statement, against 0.02 s).
        f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
WITH named AS (
  SELECT entity_id, record_id, lower(trim(name)) AS name_key FROM graph_persons
  WHERE name IS NOT NULL
  UNION
  SELECT entity_id, record_id, lower(trim(name_zh)) FROM graph_persons WHERE name_zh IS NOT NULL
)
SELECT 'person:' || e.entity_id, 'person:' || m.entity_id, {kind("employs")}, count(*)::DOUBLE,
       json_object('employer', any_value(m.employer)),
       list_distinct(list(m.record_id) || list(e.record_id))
FROM graph_persons m
JOIN named e ON m.employer = e.name_key
WHERE e.entity_id <> m.entity_id
GROUP BY e.entity_id, m.entity_id
""",
    ]
    if has_exhibits:
        stmts.append(_exhibit_edges_sql())
    if has_calls:
        stmts.append(
            f"""
INSERT INTO graph_edges (source, target, kind, weight, attrs, record_ids)
SELECT 'phone:' || caller, 'phone:' || callee, {kind("call")}, count(*)::DOUBLE,
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
  UNION SELECT 'person:' || entity_id FROM graph_persons
),
people AS (
  SELECT 'person:' || entity_id AS node_id, entity_id,
         mode(coalesce(name, name_zh)) AS label, mode(nationality) AS nationality
  FROM graph_persons GROUP BY entity_id
)
SELECT e.node_id, split_part(e.node_id, ':', 1) AS kind,
       coalesce(p.label, substr(e.node_id, strpos(e.node_id, ':') + 1)) AS label,
       p.entity_id, NULL::VARCHAR AS syndicate_id, NULL::VARCHAR AS role,
       p.nationality
FROM ends e LEFT JOIN people p USING (node_id)
"""


# calls between entities: each phone is its holders' (person_phone edges), both ways
ENTITY_CALLS_SQL = """
WITH owners AS (
  SELECT DISTINCT substr(source, 8) AS entity_id, substr(target, 7) AS phone
  FROM graph_edges WHERE kind = 'person_phone'
),
firsts AS (SELECT entity_id, min(seen_on) AS first_seen FROM graph_persons GROUP BY entity_id),
pairs AS (
  SELECT oa.entity_id AS a, ob.entity_id AS b, c.start_at
  FROM calls c JOIN owners oa ON oa.phone = c.caller JOIN owners ob ON ob.phone = c.callee
  WHERE oa.entity_id <> ob.entity_id
),
both_ways AS (SELECT a, b, start_at FROM pairs UNION ALL SELECT b, a, start_at FROM pairs)
SELECT w.a, w.b, count(*) AS n,
       count(*) FILTER (WHERE w.start_at::DATE < f.first_seen) AS n_before,
       count(*) FILTER (WHERE w.start_at::DATE >= f.first_seen) AS n_after
FROM both_ways w LEFT JOIN firsts f ON f.entity_id = w.b
GROUP BY w.a, w.b
"""


def build_graph(store: Store, *, max_case: int = 80, max_address: int = 20) -> str | None:
    """Fill graph_persons, graph_edges, graph_nodes and entity_calls; return the resolve run."""
    for table in REQUIRED_TABLES:
        if not store.table_exists(table):
            raise WorkspaceError(
                f"workspace has no '{table}' table: run 'borderlink ingest' first", table=table
            )
    run = current_resolve_run(store)
    has_cases = store.table_exists("cases")
    replace_table(store, "graph_edges")
    fill_table(store, "graph_persons", persons_sql(store.table_exists("clusters"), has_cases))
    for sql in edge_statements(
        has_cases,
        store.table_exists("exhibits"),
        store.table_exists("calls"),
        max_case,
        max_address,
    ):
        store.execute(sql, stage="graph", table="graph_edges")
    fill_table(store, "graph_nodes", NODES_SQL)
    if store.table_exists("calls"):
        fill_table(store, "entity_calls", ENTITY_CALLS_SQL)
    else:
        replace_table(store, "entity_calls")
    mark_graph(store)
    return run
