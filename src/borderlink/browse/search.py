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
from borderlink.browse.search_keys import TABLE, ensure_search_keys
from borderlink.browse.visibility import (
    NAME_FIELDS,
    audit_read,
    marks,
    most_common,
    names_of,
    visible_by_entity,
)
from borderlink.model.types import check_phone, clean_plate
from borderlink.resolve.names.keys import NameInput, name_keys
from borderlink.store import Store

_ENTITY_ID = re.compile(r"^E[0-9a-f]{12}$")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _lookup(
    store: Store, viewer: Viewer, kind: str, keys: list[str], fields: list[str], limit: int
) -> list[tuple[str, int]]:
    """Entities with a visible record holding one of `keys` (of `kind`): how many keys met.

    One indexed lookup in search_keys (by key alone: any other condition in the statement
    makes DuckDB scan the table), then the policy filters the few rows found by the
    record's source and role, so a value the viewer may not see finds nothing."""
    rows = store.query(
        f"SELECT kind, key, record_id, entity_id, source, role FROM search_keys "
        f"WHERE key IN {marks(keys)}",
        keys,
        stage="search",
        table="search_keys",
    )
    wanted = set(fields)
    met: dict[str, set[str]] = {}
    records: dict[str, set[str]] = {}
    for k, key, record, entity, source, role in rows:
        if k != kind:
            continue
        allowed = viewer.policy.person_fields(viewer.agency, str(source), role)
        if allowed is not None and not wanted <= allowed:
            continue
        met.setdefault(str(entity), set()).add(str(key))
        records.setdefault(str(entity), set()).add(str(record))
    ranked = sorted(met, key=lambda e: (-len(met[e]), -len(records[e]), e))
    return [(e, len(met[e])) for e in ranked[:limit]]


def _by_field(
    store: Store, viewer: Viewer, field: str, value: str, limit: int
) -> list[tuple[str, float]]:
    """Entities holding a visible person record whose `field` (phone, id_number,
    case_no) equals `value`."""
    return [(e, 1.0) for e, _ in _lookup(store, viewer, field, [value], [field], limit)]


def _by_plate(store: Store, viewer: Viewer, plate: str, limit: int) -> list[tuple[str, float]]:
    rows = store.query(
        "SELECT entity_id, source, exhibit_kind FROM search_keys "
        "WHERE key = ? AND kind = 'plate' ORDER BY entity_id",
        [plate],
        stage="search",
        table="search_keys",
    )
    found = [
        str(e)
        for e, src, kind in rows
        if viewer.policy.exhibit_identifier_visible(viewer.agency, str(src), kind)
    ]
    return [(e, 1.0) for e in dict.fromkeys(found)][:limit]


def _by_name(store: Store, viewer: Viewer, text: str, limit: int) -> list[tuple[str, float]]:
    keys = sorted(name_keys(NameInput(name=text)))
    if not keys:
        return []
    found = _lookup(store, viewer, "name", keys, list(NAME_FIELDS), limit)
    return [(e, min(1.0, round(met / len(keys), 3))) for e, met in found]


def _cases(store: Store, text: str) -> list[str]:
    if not store.table_exists("cases"):
        return []
    rows = store.query(  # as written or in capitals: both are index lookups
        "SELECT DISTINCT case_no FROM cases WHERE case_no IN (?, ?) ORDER BY 1",
        [text, text.upper()],
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
    if not store.table_exists(TABLE):
        ensure_search_keys(store)
    if not store.table_exists(TABLE):  # nothing imported yet
        audit_read(store, viewer, "search", q, 0)
        return SearchResponse(query=q, results=[], cases=[])
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
        f"WHERE entity_id IN {marks(entities)} GROUP BY 1",
        entities,
    )
    return {str(e): str(s) for e, s in rows}


def _roles(store: Store, entities: list[str]) -> dict[str, str]:
    if not entities or not store.table_exists("entity_roles"):
        return {}
    rows = store.query(
        f"SELECT entity_id, role FROM entity_roles WHERE entity_id IN {marks(entities)}", entities
    )
    return {str(e): str(r) for e, r in rows}
