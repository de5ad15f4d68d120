"""Hand-overs between syndicates along the chain (`syndicate_chain`).

Smuggling is often an "industrial chain": a recruiting group at the source hands its
customers to a transport group, which hands them to receivers in Hong Kong. The groups
stay apart in `syndicates` (customers are no tie between facilitators across trips,
see communities.py); what links them is read here: customers dealt with by one group
and, within `chain.window_days`, by another. Each relation keeps its evidence: how many
customers, which cases, when, and how many calls passed between the two groups.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from borderlink.csv_export import dict_rows, write_csv
from borderlink.errors import NotFound
from borderlink.model.tables import fill_table
from borderlink.outputs import write_text
from borderlink.store import Store

CHAIN_TABLE = "syndicate_chain"
CHAIN_COLUMNS = (
    "from_syndicate",
    "to_syndicate",
    "customers",
    "cases",
    "first_seen",
    "last_seen",
    "median_days",
    "calls_between",
)


def chain_sql(window_days: int, min_customers: int) -> str:
    """syndicate_chain's rows from graph_persons, entity_roles, syndicate_members, entity_calls."""
    return f"""
WITH dealt AS (  -- a migrant arrested in one case with a member of a syndicate
  SELECT DISTINCT c.entity_id AS c, m.syndicate_id AS sid, c.case_no AS k, c.seen_on AS d
  FROM graph_persons c
  JOIN entity_roles r ON r.entity_id = c.entity_id AND r.role = 'migrant'
  JOIN graph_persons f ON f.case_no = c.case_no AND f.entity_id <> c.entity_id
  JOIN syndicate_members m ON m.entity_id = f.entity_id
  WHERE c.seen_on IS NOT NULL
),
spans AS (
  SELECT c, sid, min(d) AS d_first, max(d) AS d_last, list(DISTINCT k) AS ks
  FROM dealt GROUP BY c, sid
),
handed AS (  -- the customer reached the second syndicate after the first, within the window
  SELECT a.sid AS from_syndicate, b.sid AS to_syndicate, a.c, a.d_last AS d_from,
         b.d_first AS d_to, list_concat(a.ks, b.ks) AS ks
  FROM spans a JOIN spans b ON a.c = b.c AND a.sid <> b.sid
  WHERE b.d_first >= a.d_last AND date_diff('day', a.d_last, b.d_first) <= {int(window_days)}
    AND (b.d_first > a.d_last OR a.sid < b.sid)
),
relations AS (
  SELECT from_syndicate, to_syndicate, count(DISTINCT c) AS customers,
         list_sort(list_distinct(flatten(list(ks)))) AS cases,
         min(d_from) AS first_seen, max(d_to) AS last_seen,
         median(date_diff('day', d_from, d_to)) AS median_days
  FROM handed GROUP BY ALL HAVING count(DISTINCT c) >= {int(min_customers)}
),
calls AS (
  SELECT ma.syndicate_id AS a, mb.syndicate_id AS b, sum(e.n) AS n
  FROM entity_calls e JOIN syndicate_members ma ON ma.entity_id = e.a
  JOIN syndicate_members mb ON mb.entity_id = e.b
  WHERE ma.syndicate_id <> mb.syndicate_id GROUP BY ALL
)
SELECT r.from_syndicate, r.to_syndicate, r.customers, r.cases, r.first_seen, r.last_seen,
       r.median_days::DOUBLE AS median_days, coalesce(k.n, 0)::BIGINT AS calls_between,
       $run AS analyse_run_id
FROM relations r LEFT JOIN calls k ON k.a = r.from_syndicate AND k.b = r.to_syndicate
ORDER BY r.customers DESC, r.from_syndicate, r.to_syndicate
"""


@dataclass(frozen=True)
class ChainRelation:
    """One hand-over relation, as the report and `analyse` show it."""

    from_syndicate: str
    to_syndicate: str
    customers: int
    cases: list[str]
    first_seen: date | None
    last_seen: date | None
    median_days: float | None
    calls_between: int


def build_chain(store: Store, run_id: str, window_days: int, min_customers: int) -> int:
    """Fill syndicate_chain for analyse run RUN_ID; return the number of relations."""
    fill_table(store, CHAIN_TABLE, chain_sql(window_days, min_customers), {"run": run_id})
    return store.count(CHAIN_TABLE)


def chain_relations(store: Store) -> list[ChainRelation]:
    """The hand-over relations of the latest analysis, strongest first (for reports)."""
    if not store.table_exists(CHAIN_TABLE):
        return []
    rows = store.query(
        f"SELECT {', '.join(CHAIN_COLUMNS)} FROM {CHAIN_TABLE} "
        "ORDER BY customers DESC, from_syndicate, to_syndicate",
        stage="graph",
        table=CHAIN_TABLE,
    )
    return [
        ChainRelation(
            str(a),
            str(b),
            int(n),
            [str(c) for c in (cases or [])],
            f,
            la,
            None if md is None else float(md),
            int(calls or 0),
        )
        for a, b, n, cases, f, la, md, calls in rows
    ]


def export_chain(workspace: Path, out: Path, *, excel: bool = False) -> int:
    """Write syndicate_chain as CSV (cases as a JSON list) or JSON by OUT's suffix; row count."""
    with Store.open(workspace, read_only=True) as store:
        if not store.table_exists(CHAIN_TABLE):
            raise NotFound("no chain relations in this workspace: run 'borderlink analyse' first")
        relations = chain_relations(store)
    records = [
        {
            "from_syndicate": r.from_syndicate,
            "to_syndicate": r.to_syndicate,
            "customers": r.customers,
            "cases": r.cases,
            "first_seen": r.first_seen.isoformat() if r.first_seen else None,
            "last_seen": r.last_seen.isoformat() if r.last_seen else None,
            "median_days": r.median_days,
            "calls_between": r.calls_between,
        }
        for r in relations
    ]
    if out.suffix.lower() == ".json":
        write_text(out, json.dumps(records, ensure_ascii=False, indent=1))
        return len(records)
    for rec in records:
        rec["cases"] = json.dumps(rec["cases"], ensure_ascii=False)
    write_csv(out, CHAIN_COLUMNS, dict_rows(CHAIN_COLUMNS, records), excel=excel)
    return len(records)
