"""One search box for everything: a name in any script or romanisation, a phone, an ID
number, a plate, a case number or an entity id.

A name becomes whole-name keys with the very functions resolve used (so 陳志明, 陈志明,
CHAN Chi-ming and CHEN Zhiming meet on one entity); numbers are cleaned the way ingest
cleaned them. Every match goes through a record whose matched value the viewer may
see, so a search never confirms a value withheld from them.
"""

from __future__ import annotations

import re
from typing import Any

from borderlink.access.viewer import Viewer
from borderlink.browse.models import SearchHit, SearchRequest, SearchResponse
from borderlink.browse.visibility import (
    NAME_FIELDS,
    audit_read,
    most_common,
    names_of,
    visible_by_entity,
    visible_sql,
)
from borderlink.model.types import check_phone, clean_plate
from borderlink.resolve.names.keys import NameInput, name_keys
from borderlink.store import Store

_ENTITY_ID = re.compile(r"^E[0-9a-f]{12}$")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _by_field(
    store: Store, viewer: Viewer, field: str, value: str, limit: int
) -> list[tuple[str, float]]:
    """Entities holding a visible person record whose `field` equals `value`."""
    entity = (
        "coalesce(c.entity_id, 'rec:' || p.record_id)"
        if store.table_exists("clusters")
        else "'rec:' || p.record_id"
    )
    join = (
        "LEFT JOIN clusters c ON c.record_id = p.record_id"
        if store.table_exists("clusters")
        else ""
    )
    rows = store.query(
        f"SELECT {entity} AS e, count(*) FROM person_records p {join} "
        f"WHERE p.{field} = ? AND {visible_sql(viewer, [field])} GROUP BY 1 ORDER BY 2 DESC, 1 "
        f"LIMIT {int(limit)}",
        [value],
        stage="search",
        table="person_records",
    )
    return [(str(e), 1.0) for e, _ in rows]


def _by_plate(store: Store, viewer: Viewer, plate: str, limit: int) -> list[tuple[str, float]]:
    if not store.table_exists("exhibits"):
        return []
    rows = store.query(
        "SELECT x.source, x.kind, x.holder_record_id FROM exhibits x "
        "WHERE x.kind IN ('vehicle', 'vessel') AND x.holder_record_id IS NOT NULL "
        "AND upper(regexp_replace(x.identifier, '[\\s·.\\-•]', '', 'g')) = ?",
        [plate],
        stage="search",
        table="exhibits",
    )
    holders = [
        str(h)
        for src, kind, h in rows
        if viewer.policy.exhibit_identifier_visible(viewer.agency, str(src), kind)
    ]
    if not holders:
        return []
    found = store.query(
        "SELECT DISTINCT coalesce(c.entity_id, 'rec:' || p.record_id) FROM person_records p "
        "LEFT JOIN clusters c ON c.record_id = p.record_id WHERE p.record_id IN (SELECT unnest(?)) "
        f"LIMIT {int(limit)}",
        [holders],
    )
    return [(str(r[0]), 1.0) for r in found]


def _by_name(store: Store, viewer: Viewer, text: str, limit: int) -> list[tuple[str, float]]:
    keys = sorted(name_keys(NameInput(name=text)))
    if not keys or not store.table_exists("name_keys"):
        return []
    join = (
        "LEFT JOIN clusters c ON c.record_id = k.record_id"
        if store.table_exists("clusters")
        else ""
    )
    entity = (
        "coalesce(c.entity_id, 'rec:' || k.record_id)"
        if store.table_exists("clusters")
        else "'rec:' || k.record_id"
    )
    rows = store.query(
        f"SELECT {entity} AS e, count(DISTINCT k.key) AS met, count(DISTINCT k.record_id) AS n "
        f"FROM name_keys k JOIN person_records p ON p.record_id = k.record_id {join} "
        f"WHERE k.key IN (SELECT unnest(?)) AND {visible_sql(viewer, NAME_FIELDS)} "
        f"GROUP BY 1 ORDER BY met DESC, n DESC, e LIMIT {int(limit)}",
        [keys],
        stage="search",
        table="name_keys",
    )
    return [(str(e), min(1.0, round(int(met) / len(keys), 3))) for e, met, _ in rows]


def _cases(store: Store, text: str) -> list[str]:
    if not store.table_exists("cases"):
        return []
    rows = store.query(
        "SELECT DISTINCT case_no FROM cases WHERE upper(case_no) = ? ORDER BY 1",
        [text.upper()],
        stage="search",
        table="cases",
    )
    return [str(r[0]) for r in rows]


def _phone(text: str) -> str | None:
    digits = re.sub(r"\D", "", text)
    if len(digits) < 7 or _HAS_LETTER.search(text):
        return None
    for region in ("CN", "HK"):
        e164 = check_phone(text, region).e164
        if e164:
            return e164
    return None


def _matches(store: Store, viewer: Viewer, q: str, limit: int) -> tuple[list[Any], list[str]]:
    hits: list[tuple[str, float, str]] = []
    cases = _cases(store, q)
    if cases:
        for e, s in _by_field(store, viewer, "case_no", cases[0], limit):
            hits.append((e, s, "case"))
    if _ENTITY_ID.match(q):
        hits.append((q, 1.0, "entity"))
    phone = _phone(q)
    if phone:
        hits += [(e, s, "phone") for e, s in _by_field(store, viewer, "phone", phone, limit)]
    compact = re.sub(r"[^0-9A-Za-z]", "", q).upper()
    if len(compact) >= 6 and any(ch.isdigit() for ch in compact):
        hits += [
            (e, s, "id_number") for e, s in _by_field(store, viewer, "id_number", compact, limit)
        ]
        hits += [(e, s, "plate") for e, s in _by_plate(store, viewer, clean_plate(q), limit)]
    if _HAS_LETTER.search(q) and not cases:
        hits += [(e, s, "name") for e, s in _by_name(store, viewer, q, limit)]
    return hits, cases


def search(store: Store, viewer: Viewer, request: SearchRequest) -> SearchResponse:
    """Entities matching the query, best first, each described by what the viewer may see."""
    viewer.require("read")
    q = request.q.strip()
    hits, cases = _matches(store, viewer, q, request.limit)
    best: dict[str, tuple[float, str]] = {}
    for entity, score, how in hits:
        if entity not in best or score > best[entity][0]:
            best[entity] = (score, how)
    records = visible_by_entity(store, viewer, list(best))
    syndicates = _syndicates(store, [e for e in best if e in records])
    roles = _roles(store, [e for e in best if e in records])
    results: list[SearchHit] = []
    for entity, (score, how) in best.items():
        views = records.get(entity)
        if not views:  # nothing of it visible: as if it did not exist
            continue
        role_seen = any("role" in v.fields for v in views)
        results.append(
            SearchHit(
                entity_id=entity,
                names=names_of(views),
                nationality=most_common(views, "nationality"),
                role=(roles.get(entity) or most_common(views, "role")) if role_seen else None,
                syndicate_id=syndicates.get(entity),
                score=score,
                matched=how,
            )
        )
    results.sort(key=lambda h: (-h.score, -len(records.get(h.entity_id, [])), h.entity_id))
    results = results[: request.limit]
    audit_read(store, viewer, "search", q, len(results), {"cases": len(cases)})
    return SearchResponse(query=q, results=results, cases=cases)


def _syndicates(store: Store, entities: list[str]) -> dict[str, str]:
    if not entities or not store.table_exists("syndicate_members"):
        return {}
    rows = store.query(
        "SELECT entity_id, min(syndicate_id) FROM syndicate_members "
        "WHERE entity_id IN (SELECT unnest(?)) GROUP BY 1",
        [entities],
    )
    return {str(e): str(s) for e, s in rows}


def _roles(store: Store, entities: list[str]) -> dict[str, str]:
    if not entities or not store.table_exists("entity_roles"):
        return {}
    rows = store.query(
        "SELECT entity_id, role FROM entity_roles WHERE entity_id IN (SELECT unnest(?))", [entities]
    )
    return {str(e): str(r) for e, r in rows}
