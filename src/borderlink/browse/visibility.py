"""The policy applied to rows: person records and cases trimmed to what a viewer may see.

Reads fetch whole rows and pass them through here before anything leaves the
library, so a withheld field cannot reach an answer by a forgotten column. The
SQL predicates below let a query match only on values the viewer could have seen
(a phone held by another agency finds nothing, rather than an entity that then
hides the phone).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from borderlink.access.viewer import Viewer
from borderlink.audit import append
from borderlink.browse.models import RecordView
from borderlink.exchange.tables import MARKS
from borderlink.model.loader import load_model
from borderlink.store import Store

NAME_FIELDS = ("name", "name_zh", "name_pinyin", "surname", "given_names")
# Stored for the pipeline's own bookkeeping, never shown.
_INTERNAL = {"path", "row_number", "run_id", "file_sha256"}


def marks(values: list[Any]) -> str:
    """`(?, ?, ...)` for an IN list: DuckDB answers a list of parameters from an index,
    while `IN (SELECT unnest(?))` is planned as a scan of the table."""
    return "(" + ", ".join("?" for _ in values) + ")" if values else "(NULL)"


def person_columns() -> list[str]:
    return [c for c in load_model().by_table("person_records").columns if c not in _INTERNAL]


def case_columns() -> list[str]:
    return [c for c in load_model().by_table("cases").columns if c not in _INTERNAL]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _trim(row: dict[str, Any], allowed: frozenset[str] | None) -> RecordView:
    """The row's provenance and its `allowed` fields (None: all); withheld says if any hid."""
    fields: dict[str, Any] = {}
    withheld = False
    for name, value in row.items():
        if name in ("record_id", "source", "file", "record_key", "entity_id") or name in _INTERNAL:
            continue
        if name in MARKS:  # an exchanged item's marks: always shown, beside the fields
            continue
        if allowed is None or name in allowed:
            if value is not None:
                fields[name] = _plain(value)
        elif value is not None:
            withheld = True
    return RecordView(
        record_id=str(row["record_id"]),
        source=str(row["source"]),
        file=str(row["file"]),
        record_key=str(row["record_key"]),
        fields=fields,
        withheld=withheld,
        handling_code=row.get("handling_code"),
        source_reliability=row.get("source_reliability"),
        information_grade=row.get("information_grade"),
    )


def trim_person(viewer: Viewer, row: dict[str, Any]) -> RecordView | None:
    """A person row as the viewer may see it; None when the policy shows none of it."""
    allowed = viewer.policy.person_fields(viewer.agency, str(row["source"]), row.get("role"))
    if allowed is not None and not allowed:
        return None
    return _trim(row, allowed)


def trim_case(viewer: Viewer, row: dict[str, Any]) -> RecordView:
    return _trim(row, viewer.policy.case_fields(viewer.agency, str(row["source"])))


def person_rows(
    store: Store, where: str, params: list[Any], *, limit: int | None = None
) -> list[dict[str, Any]]:
    """Person rows with their entity id (clusters of the latest run; else the record itself).

    Two indexed lookups, rows then their clusters: a join would be planned as a scan of
    every cluster."""
    cols = ", ".join(f"p.{c}" for c in person_columns())
    sql = (
        f"SELECT {cols} FROM person_records p WHERE {where} "
        "ORDER BY p.source, p.file, p.record_key, p.record_id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = store.query_dicts(sql, params, stage="browse", table="person_records")
    entity: dict[str, str] = {}
    if rows and store.table_exists("clusters"):
        ids = [row["record_id"] for row in rows]
        entity = {
            str(r): str(e)
            for r, e in store.query(
                f"SELECT record_id, entity_id FROM clusters WHERE record_id IN {marks(ids)}", ids
            )
        }
    for row in rows:
        row["entity_id"] = entity.get(str(row["record_id"]), f"rec:{row['record_id']}")
    return rows


def names_of(records: Iterable[RecordView]) -> list[str]:
    """Every written form of the name on the records (visible fields only), most seen first."""
    seen: Counter[str] = Counter()
    for record in records:
        for field in NAME_FIELDS[:3]:
            value = record.fields.get(field)
            if isinstance(value, str) and value.strip():
                seen[value.strip()] += 1
        sur, given = record.fields.get("surname"), record.fields.get("given_names")
        if not record.fields.get("name") and (sur or given):
            seen[" ".join(str(x) for x in (sur, given) if x)] += 1
    return [name for name, _ in seen.most_common()]


def most_common(records: Iterable[RecordView], field: str) -> str | None:
    values = Counter(str(r.fields[field]) for r in records if r.fields.get(field))
    return values.most_common(1)[0][0] if values else None


def visible_by_entity(
    store: Store, viewer: Viewer, entity_ids: list[str]
) -> dict[str, list[RecordView]]:
    """The visible records of each entity (entities with none visible are left out)."""
    if not entity_ids:
        return {}
    plain = [e for e in entity_ids if not e.startswith("rec:")]
    singles = [e[4:] for e in entity_ids if e.startswith("rec:")]
    rows: list[dict[str, Any]] = []
    if plain and store.table_exists("clusters"):
        found = store.query(  # first the records (indexed), then their rows (indexed)
            f"SELECT record_id FROM clusters WHERE entity_id IN {marks(plain)}", plain
        )
        ids = [r[0] for r in found]
        if ids:
            rows += person_rows(store, f"p.record_id IN {marks(ids)}", ids)
    if singles:
        rows += person_rows(store, f"p.record_id IN {marks(singles)}", singles)
    out: dict[str, list[RecordView]] = {}
    for row in rows:
        view = trim_person(viewer, row)
        if view is not None:
            out.setdefault(str(row["entity_id"]), []).append(view)
    return out


def audit_read(
    store: Store,
    viewer: Viewer,
    action: str,
    target: str | None,
    count: int,
    details: dict[str, Any] | None = None,
) -> None:
    """One audit entry for one read: who (and agency), what, how many results."""
    append(
        store,
        actor=viewer.username,
        agency=viewer.agency,
        action=action,
        target=target,
        result_count=count,
        details=details,
    )
