"""What the workspace holds, and the one arrests table every figure is counted from.

`stats_arrests` (a TEMP table on the store's connection) has one row per arrest with its
date, place, kind and, where resolve and analyse have run, its person and syndicate.
Every figure, breakdown and year-on-year row is a GROUP BY over it, so they all agree.
The table is built and read only here: figures, comparisons and reports call the
queries below (counts, groups, coverage, flows, members arrested), never the table.
Graph tables are used through few columns only: syndicate_members(syndicate_id,
entity_id), syndicate_customers(entity_id, syndicate_id[, is_primary]) and
syndicates(syndicate_id, routes).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from borderlink.errors import WorkspaceError
from borderlink.model.vocab import offence_code
from borderlink.stats.breakdowns import Dimension
from borderlink.stats.counting import CountingRules
from borderlink.stats.models import Inputs
from borderlink.stats.windows import Window
from borderlink.store import Store
from borderlink.views import CURRENT_CLUSTERS, entity_of

ARRESTS = "stats_arrests"
ROUTES = "stats_routes"
ARREST_ROUTE = "stats_arrest_route"
MIGRANT_OR_EMPLOYER = ("migrant", "employer")

# the routes each syndicate works, in the order analyse lists them (most used first)
ROUTES_SQL = f"""
CREATE OR REPLACE TEMP TABLE {ROUTES} AS
SELECT syndicate_id, route, min(pos) AS pos,
       string_split(split_part(route, ':', 1), '>') AS stops,
       nullif(split_part(route, ':', 2), '') AS method
FROM (SELECT syndicate_id, trim(parts[i]) AS route, i AS pos
      FROM (SELECT syndicate_id, string_split(routes, ';') AS parts FROM syndicates
            WHERE routes IS NOT NULL) s, range(1, len(parts) + 1) t(i))
WHERE route <> '' GROUP BY syndicate_id, route
"""

# one route per arrest, so route rows add up to the total instead of repeating a
# syndicate's arrests on every route it works: the route through the arrest's region,
# then the one whose method is the case's, then the syndicate's first
ARREST_ROUTE_SQL = f"""
CREATE OR REPLACE TEMP TABLE {ARREST_ROUTE} AS
SELECT a.record_id,
       arg_min(r.route, (NOT list_contains(r.stops, a.region))::INTEGER * 100000
               + (r.method IS DISTINCT FROM a.method)::INTEGER * 10000 + r.pos) AS route
FROM {ARRESTS} a JOIN {ROUTES} r ON r.syndicate_id = a.linked_syndicate
GROUP BY a.record_id
"""


def check_inputs(store: Store) -> Inputs:
    """Which tables exist; WorkspaceError when ingest has not run."""
    missing = [t for t in ("cases", "person_records") if not store.table_exists(t)]
    if missing:
        where = f" at {store.path.parent}" if store.path else ""
        raise WorkspaceError(
            f"workspace{where} has no {' or '.join(missing)} table: run 'borderlink ingest' first",
            missing=missing,
        )
    return Inputs(
        clusters=store.table_exists("clusters"),
        members=store.table_exists("syndicate_members"),
        syndicates=store.table_exists("syndicates"),
        customers=store.table_exists("syndicate_customers"),
    )


def _event_offences(store: Store) -> list[tuple[str, str]]:
    """(event, offence code) for the Immigration events present, via the shared taxonomy."""
    events = [
        r[0]
        for r in store.query("SELECT DISTINCT event FROM person_records WHERE event IS NOT NULL")
    ]
    return [(e, code) for e in sorted(events) if (code := offence_code(e))]


def _customer_sql(store: Store) -> str:
    where = "WHERE is_primary" if "is_primary" in store.columns("syndicate_customers") else ""
    return (
        "SELECT entity_id, min(syndicate_id) AS syndicate_id "
        f"FROM syndicate_customers {where} GROUP BY entity_id"
    )


def arrests_sql(store: Store, inputs: Inputs, rules: CountingRules) -> tuple[str, list[Any]]:
    """CREATE the arrests table: SQL text and parameters."""
    params: list[Any] = []
    event_cases = _event_offences(store)
    offence = "c.offence"
    if event_cases:
        whens = " ".join("WHEN ? THEN ?" for _ in event_cases)
        offence = f"COALESCE(c.offence, CASE p.event {whens} END)"
        params.extend(v for pair in event_cases for v in pair)
    entity = "NULL::VARCHAR"
    joins = [
        "LEFT JOIN (SELECT DISTINCT ON (source, case_no) source, case_no, opened, offence, method "
        "FROM cases ORDER BY source, case_no, opened) c "
        "ON c.source = p.source AND c.case_no = p.case_no"
    ]
    if inputs.clusters:
        entity = entity_of("p", "k")
        joins.append(f"LEFT JOIN ({CURRENT_CLUSTERS}) k ON k.record_id = p.record_id")
    member = "NULL::VARCHAR"
    linked = "NULL::VARCHAR"
    if inputs.clusters and inputs.members:
        # an arrest as a migrant or an employer is never a trafficker's arrest, even when
        # the person is (or was merged with) a syndicate member
        member = "CASE WHEN p.role IN ('migrant', 'employer') THEN NULL ELSE m.syndicate_id END"
        linked = "m.syndicate_id"
        joins.append(
            "LEFT JOIN (SELECT entity_id, min(syndicate_id) AS syndicate_id FROM syndicate_members "
            f"GROUP BY entity_id) m ON m.entity_id = {entity}"
        )
        if inputs.customers:
            linked = "COALESCE(m.syndicate_id, sc.syndicate_id)"
            joins.append(f"LEFT JOIN ({_customer_sql(store)}) sc ON sc.entity_id = {entity}")
    stowaway = (
        "(p.migrant_kind = 'illegal_entrant' AND p.nationality IS NOT NULL "
        "AND NOT list_contains(?::VARCHAR[], p.nationality) "
        "AND (list_contains(?::VARCHAR[], c.method) OR list_contains(?::VARCHAR[], c.offence)))"
    )
    select_params: list[Any] = [
        rules.domestic_nationalities,
        rules.stowaway.methods,
        rules.stowaway.offences,
    ]
    sql = f"""
CREATE OR REPLACE TEMP TABLE {ARRESTS} AS
SELECT
  p.record_id,
  p.source,
  p.region,
  CASE WHEN p.case_no IS NOT NULL THEN c.opened ELSE p.event_date END AS arrest_date,
  CASE WHEN p.case_no IS NOT NULL THEN p.source || ':' || p.case_no END AS case_key,
  {offence} AS offence,
  c.method,
  p.role,
  p.migrant_kind,
  p.nationality,
  {entity} AS entity_id,
  {member} AS member_of,
  {linked} AS linked_syndicate,
  COALESCE({stowaway}, false) AS stowaway,
  (p.role IS NOT NULL AND p.role NOT IN ('migrant', 'employer')) AS facilitator,
  {"k.entity_id IS NULL" if inputs.clusters else "false"} AS unresolved
FROM person_records p
{chr(10).join(joins)}
WHERE p.case_no IS NOT NULL OR list_contains(?::VARCHAR[], p.event)
"""
    return sql, [*params, *select_params, rules.arrest_events]


def build_arrests(store: Store, inputs: Inputs, rules: CountingRules) -> Inputs:
    """Create stats_arrests (and stats_routes); return the inputs with their gap counts."""
    sql, params = arrests_sql(store, inputs, rules)
    store.execute(sql, params, stage="stats", table=ARRESTS)
    if inputs.syndicates:
        store.execute(ROUTES_SQL, stage="stats", table=ROUTES)
        store.execute(ARREST_ROUTE_SQL, stage="stats", table=ARREST_ROUTE)
    row = store.query_one(
        f"SELECT count(*) FILTER (WHERE arrest_date IS NULL), count(*) FILTER (WHERE unresolved) "
        f"FROM {ARRESTS}",
        stage="stats",
        table=ARRESTS,
    )
    undated, unresolved = (int(row[0]), int(row[1])) if row else (0, 0)
    return inputs.model_copy(update={"undated_arrests": undated, "unresolved_arrests": unresolved})


# figure key -> the arrests it counts (a SQL condition on stats_arrests `a`)
PEOPLE_FIGURES: dict[str, str] = {
    "people_arrested": "true",
    "illegal_entrants": "a.migrant_kind = 'illegal_entrant'",
    "stowaways": "a.stowaway",
    "illegal_workers": "a.migrant_kind = 'illegal_worker'",
    "overstayers": "a.migrant_kind = 'overstayer'",
    "traffickers": "a.member_of IS NOT NULL",
    "facilitators": "a.facilitator",
    "employers": "a.role = 'employer'",
}


def _where(
    period: Window, regions: list[str] | None, sources: list[str] | None = None
) -> tuple[str, list[Any]]:
    sql = "a.arrest_date BETWEEN ? AND ?"
    params: list[Any] = [period.start, period.end]
    if regions:
        sql += " AND list_contains(?::VARCHAR[], a.region)"
        params.append(regions)
    if sources:
        sql += " AND list_contains(?::VARCHAR[], a.source)"
        params.append(sources)
    return sql, params


def _key_join(dim: Dimension | None) -> tuple[str, str]:
    """The group key of `dim` over arrests `a`, and the join it needs (routes: `r`)."""
    if dim is None:
        return "NULL::VARCHAR", ""
    join = f"LEFT JOIN {ARREST_ROUTE} r ON r.record_id = a.record_id" if dim.routed else ""
    return f"COALESCE(CAST({dim.key_sql} AS VARCHAR), 'unknown')", join


def arrest_counts(
    store: Store,
    period: Window,
    dim: Dimension | None,
    regions: list[str] | None = None,
    sources: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Cases, arrests and distinct people per figure, grouped by `dim` (or one row)."""
    key, join = _key_join(dim)
    cols = ["count(DISTINCT a.case_key) AS cases_cracked"]
    for name, cond in PEOPLE_FIGURES.items():
        cols.append(f"count(*) FILTER (WHERE {cond}) AS {name}")
        cols.append(f"count(DISTINCT a.entity_id) FILTER (WHERE {cond}) AS {name}__people")
    where, params = _where(period, regions, sources)
    sql = (
        f"SELECT {key} AS key, {', '.join(cols)} FROM {ARRESTS} a {join} "
        f"WHERE {where} GROUP BY 1 ORDER BY 1 NULLS LAST"
    )
    return store.query_dicts(sql, params, stage="stats", table=ARRESTS)


def groups_arrested(
    store: Store,
    period: Window,
    dim: Dimension | None,
    min_members: int,
    regions: list[str] | None = None,
    sources: list[str] | None = None,
) -> dict[str | None, int]:
    """Per group of `dim`: syndicates with at least `min_members` distinct members arrested."""
    key, join = _key_join(dim)
    where, params = _where(period, regions, sources)
    sql = (
        f"SELECT key, count(*) AS groups FROM (SELECT {key} AS key, a.member_of, "
        f"count(DISTINCT a.entity_id) AS arrested FROM {ARRESTS} a {join} "
        f"WHERE {where} AND a.member_of IS NOT NULL GROUP BY 1, 2) WHERE arrested >= ? GROUP BY 1"
    )
    rows = store.query(sql, [*params, min_members], stage="stats", table=ARRESTS)
    return {k: int(n) for k, n in rows}


def arrest_dates(store: Store) -> tuple[date | None, date | None]:
    """The first and the last arrest date (None, None when no arrest is dated)."""
    row = store.query_one(f"SELECT min(arrest_date), max(arrest_date) FROM {ARRESTS}")
    return (row[0], row[1]) if row else (None, None)


def event_arrests(store: Store, condition: str, period: Window, regions: list[str] | None) -> int:
    """Arrests without a case (Immigration events) meeting `condition`, in the period."""
    sql = (
        f"SELECT count(*) FROM {ARRESTS} WHERE case_key IS NULL AND {condition} "
        "AND arrest_date BETWEEN ? AND ?"
    )
    params: list[Any] = [period.start, period.end]
    if regions:
        sql += " AND list_contains(?::VARCHAR[], region)"
        params.append(regions)
    return int(store.scalar(sql, params, stage="stats", table=ARRESTS) or 0)


FLOWS_SQL = f"""
WITH a AS (
  SELECT COALESCE(entity_id, 'rec:' || record_id) AS person, nationality, region, arrest_date
  FROM {ARRESTS}
  WHERE role = 'migrant' AND arrest_date BETWEEN ? AND ?
), origin AS (
  SELECT person, mode(nationality) AS country FROM a WHERE nationality IS NOT NULL GROUP BY person
), seq AS (
  SELECT person, region,
         lag(region) OVER (PARTITION BY person ORDER BY arrest_date, region) AS previous,
         row_number() OVER (PARTITION BY person ORDER BY arrest_date, region) AS n
  FROM a
), legs AS (
  SELECT o.country AS source, s.region AS target, s.person FROM seq s JOIN origin o USING (person)
  WHERE s.n = 1 AND o.country IS NOT NULL
  UNION
  SELECT previous, region, person FROM seq WHERE previous IS NOT NULL AND previous <> region
)
SELECT source, target, count(DISTINCT person) AS people
FROM legs GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2
"""


def migrant_flows(store: Store, period: Window) -> list[tuple[str, str, int]]:
    """(from, to, people): origin -> first region a migrant was arrested in, region -> next.

    With resolve's clusters a person seen in Guangxi and later in Hong Kong gives the leg
    GX -> HK; without, each arrest stands alone and only origin -> region legs appear.
    """
    rows = store.query(FLOWS_SQL, [period.start, period.end], stage="stats", table=ARRESTS)
    return [(str(s), str(t), int(n)) for s, t, n in rows]


def members_arrested(store: Store, period: Window) -> dict[str, int]:
    """Per syndicate: its distinct members arrested (as facilitators) in the period."""
    rows = store.query(
        f"SELECT syndicate_id, count(DISTINCT entity_id) FROM {ARRESTS} "
        "JOIN syndicate_members USING (entity_id) "
        "WHERE member_of IS NOT NULL AND arrest_date BETWEEN ? AND ? GROUP BY 1",
        [period.start, period.end],
        stage="stats",
        table=ARRESTS,
    )
    return {str(sid): int(n) for sid, n in rows}
