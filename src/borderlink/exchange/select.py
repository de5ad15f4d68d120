"""What a sender releases: the items of each kind, redacted field by field.

Only the agreement's released fields of each item leave the workspace; a
person's withheld-by-role fields (a migrant's phone and ID) are dropped for that
person. Entities, links and decisions are rebuilt from the released records
only, so nothing withheld or received under H2 leaks through them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from borderlink.exchange.agreement import Agreement, Grading, Release, load_codes
from borderlink.exchange.tables import MARKS
from borderlink.store import Store

# Identify an item and its origin; shipped with every record and case.
KEY_FIELDS = ("item_id", "source", "file", "record_key")
# Fields every item of a kind carries besides the released ones (ids and marks).
IMPLICIT_FIELDS: dict[str, frozenset[str]] = {
    "person_records": frozenset(KEY_FIELDS) | frozenset(MARKS),
    "cases": frozenset(KEY_FIELDS) | frozenset(MARKS),
    "entities": frozenset({"item_id", "record_ids"}) | frozenset(MARKS),
    "links": frozenset({"item_id"}) | frozenset(MARKS),
    "decisions": frozenset({"item_id"}) | frozenset(MARKS),
}


class Selection(BaseModel):
    items: dict[str, list[dict[str, Any]]]
    withheld: dict[str, int]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _marks(row: dict[str, Any], grading: Grading) -> dict[str, Any]:
    """An own item gets the export's marks; a received one keeps the marks it came with."""
    if row.get("handling_code"):
        return {m: row.get(m) for m in MARKS}
    return {
        "handling_code": grading.handling_code,
        "source_reliability": grading.source_reliability,
        "information_grade": grading.information_grade,
    }


def _redact(row: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return {f: _plain(row[f]) for f in fields if row.get(f) is not None}


def _records(
    store: Store, sender: str, include_received: bool, release: Release, grading: Grading
) -> tuple[list[dict[str, Any]], int]:
    rows = store.query_dicts(
        f"SELECT * FROM person_records WHERE {_sources_sql(include_received)} "
        "ORDER BY source, file, row_number, record_id",
        [sender],
    )
    out: list[dict[str, Any]] = []
    withheld = 0
    for row in rows:
        fields = release.fields_for(row.get("role"))
        withheld += sum(1 for f in release.fields if f not in fields and row.get(f) is not None)
        item = {
            "item_id": row["record_id"],
            "source": row["source"],
            "file": row["file"],
            "record_key": row["record_key"],
            **_redact(row, fields),
            **_marks(row, grading),
        }
        out.append(item)
    return out, withheld


def _sources_sql(include_received: bool) -> str:
    return "(source = ?" + (" OR source LIKE 'exchange:%')" if include_received else ")")


def _cases(
    store: Store,
    sender: str,
    include_received: bool,
    case_nos: set[str],
    release: Release,
    grading: Grading,
) -> list[dict[str, Any]]:
    if not case_nos or not store.table_exists("cases"):
        return []
    rows = store.query_dicts(
        f"SELECT * FROM cases WHERE {_sources_sql(include_received)} "
        "AND list_contains(?, case_no) ORDER BY case_no, record_id",
        [sender, sorted(case_nos)],
    )
    return [
        {
            "item_id": r["record_id"],
            "source": r["source"],
            "file": r["file"],
            "record_key": r["record_key"],
            **_redact(r, release.fields),
            **_marks(r, grading),
        }
        for r in rows
    ]


def _latest_clusters(store: Store) -> bool:
    return store.table_exists("clusters") and bool(store.count("clusters"))


def _entities(
    store: Store, record_ids: list[str], release: Release, grading: Grading
) -> list[dict[str, Any]]:
    """Entity summaries over the released records only (names, birth date, membership)."""
    store.execute("CREATE OR REPLACE TEMP TABLE _released (record_id VARCHAR)")
    store.executemany("INSERT INTO _released VALUES (?)", [[r] for r in record_ids])
    rows = store.query_dicts(
        """SELECT c.entity_id, count(*) AS n_records,
             list_sort(list_distinct(list(p.name) FILTER (WHERE p.name IS NOT NULL))) AS names,
             mode(p.nationality) AS nationality, min(p.dob) AS dob,
             min(p.dob_precision) AS dob_precision,
             list_sort(list(p.record_id)) AS record_ids
           FROM clusters c JOIN _released r USING (record_id)
           JOIN person_records p USING (record_id)
           GROUP BY c.entity_id ORDER BY c.entity_id"""
    )
    return [
        {"item_id": r["entity_id"], "record_ids": r["record_ids"], **_redact(r, release.fields)}
        | _marks({}, grading)
        for r in rows
    ]


def _links(
    store: Store, entity_ids: set[str], case_nos: set[str], release: Release, grading: Grading
) -> list[dict[str, Any]]:
    if not store.table_exists("graph_edges"):
        return []
    nodes = sorted({f"person:{e}" for e in entity_ids} | {f"case:{c}" for c in case_nos})
    rows = store.query_dicts(
        "SELECT * FROM graph_edges WHERE list_contains($n, source) AND list_contains($n, target) "
        "ORDER BY source, target, kind",
        {"n": nodes},
    )
    # A link drawn from records received under a code that forbids onward dissemination
    # (H2, H3: graph_edges.handling_codes) would pass that intelligence on: left out.
    closed = {c for c, h in load_codes().handling_codes.items() if not h.onward_dissemination}
    return [
        {"item_id": f"{r['source']}>{r['target']}:{r['kind']}", **_redact(r, release.fields)}
        | _marks({}, grading)
        for r in rows
        if not closed & set(str(r.get("handling_codes") or "").split(";"))
    ]


def _decisions(
    store: Store, record_ids: list[str], release: Release, grading: Grading
) -> list[dict[str, Any]]:
    if not store.table_exists("review_decisions"):
        return []
    rows = store.query_dicts(
        """SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY record_a, record_b
             ORDER BY decided_at DESC) AS k FROM review_decisions
             WHERE list_contains($r, record_a) AND list_contains($r, record_b)) WHERE k = 1
           ORDER BY record_a, record_b""",
        {"r": record_ids},
    )
    return [
        {"item_id": f"{r['record_a']}|{r['record_b']}", **_redact(r, release.fields)}
        | _marks({}, grading)
        for r in rows
    ]


def select_items(
    store: Store,
    agreement: Agreement,
    sender: str,
    grading: Grading,
    include_received: bool,
    only: set[tuple[str, str, str]] | None = None,
) -> Selection:
    """Every kind the agreement releases, from the sender's workspace; with `only`, the
    person records of those (source, file, record_key) alone (answering a request)."""
    rel = agreement.releases
    items: dict[str, list[dict[str, Any]]] = {}
    withheld: dict[str, int] = {}
    records: list[dict[str, Any]] = []
    if "person_records" in rel and store.table_exists("person_records"):
        records, withheld["person_records"] = _records(
            store, sender, include_received, rel["person_records"], grading
        )
        if only is not None:
            records = [r for r in records if (r["source"], r["file"], r["record_key"]) in only]
        items["person_records"] = records
    record_ids = [r["item_id"] for r in records]
    case_nos = {str(r["case_no"]) for r in records if r.get("case_no")}
    if "cases" in rel:
        items["cases"] = _cases(store, sender, include_received, case_nos, rel["cases"], grading)
    entity_ids: set[str] = set()
    if "entities" in rel and record_ids and _latest_clusters(store):
        items["entities"] = _entities(store, record_ids, rel["entities"], grading)
        entity_ids = {e["item_id"] for e in items["entities"]}
    if "links" in rel and entity_ids:
        items["links"] = _links(store, entity_ids, case_nos, rel["links"], grading)
    if "decisions" in rel and record_ids:
        items["decisions"] = _decisions(store, record_ids, rel["decisions"], grading)
    return Selection(items=items, withheld=withheld)
