"""Analysts' role overrides: checked against the roles of the chain, appended, never rewritten.

The latest override per entity wins at the next `analyse`. The entity must be one the
workspace knows (in the last analysis, or among the resolved entities); one resolved
since the last analysis is kept and waits for the next. Clearing an override appends a
row with no role, so the history keeps who put it and who took it back; inference
decides the entity's role again at the next analyse.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel

from borderlink.errors import InvalidRequest, NotFound
from borderlink.graph.analysis import ensure_overrides_table
from borderlink.graph.rules import role_rules
from borderlink.store import Store


class RoleOverride(BaseModel):
    entity_id: str
    role: str | None  # None: the override was cleared
    reason: str
    decided_by: str
    decided_at: datetime
    in_last_analysis: bool  # False: the override waits for an analysis that has the entity


def override_role(
    store: Store, entity_id: str, role: str, reason: str, decided_by: str
) -> RoleOverride:
    """Record that `entity_id` plays `role` (one of the nine roles), with the analyst's reason."""
    roles = role_rules().roles
    if role not in roles:
        raise InvalidRequest("role", f"unknown role {role!r}; one of: {', '.join(roles)}")
    override = _row(entity_id, role, reason, decided_by)
    _append(store, override)
    return override


def _row(entity_id: str, role: str | None, reason: str, decided_by: str) -> RoleOverride:
    """A new override row (role None: a clearing row), its entity and reason checked."""
    if not reason.strip():
        raise InvalidRequest("reason", "must not be empty")
    if not entity_id.strip():
        raise InvalidRequest("entity_id", "must not be empty")
    return RoleOverride(
        entity_id=entity_id,
        role=role,
        reason=reason.strip(),
        decided_by=decided_by,
        decided_at=datetime.now(UTC),
        in_last_analysis=False,
    )


def clear_override(store: Store, entity_id: str, reason: str, decided_by: str) -> RoleOverride:
    """Take back `entity_id`'s override: inference decides its role at the next analyse."""
    cleared = _row(entity_id, None, reason, decided_by)
    with store.transaction():
        ensure_overrides_table(store)
        if _latest_role(store, entity_id) is None:
            raise NotFound(f"entity {entity_id} has no role override to clear", entity_id=entity_id)
        _append(store, cleared)
    return cleared


def _append(store: Store, override: RoleOverride) -> None:
    """Append the row once the entity is known to the workspace."""
    entity_id = override.entity_id
    with store.transaction():
        ensure_overrides_table(store)
        override.in_last_analysis = _holds(store, "entity_roles", entity_id)
        if not override.in_last_analysis and not _holds(store, "clusters", entity_id):
            raise NotFound(
                f"no entity {entity_id} in the workspace (not resolved, not analysed)",
                entity_id=entity_id,
            )
        store.execute(
            "INSERT INTO role_overrides VALUES (?, ?, ?, ?, ?)",
            [entity_id, override.role, override.reason, override.decided_by, override.decided_at],
            stage="roles",
            table="role_overrides",
        )


def _latest_role(store: Store, entity_id: str) -> str | None:
    """The role of the entity's latest override row (None: none, or cleared)."""
    rows = store.query(
        "SELECT role FROM role_overrides WHERE entity_id = ? ORDER BY decided_at DESC LIMIT 1",
        [entity_id],
        stage="roles",
        table="role_overrides",
    )
    return None if not rows else rows[0][0]


class RoleRow(BaseModel):
    """One entity's role as the last analysis decided it, and the override that stands."""

    entity_id: str
    name: str | None
    syndicate_id: str | None
    role: str | None  # None: overridden after the last analysis, which did not see it
    confidence: float | None
    decided_by: str | None  # inference or override (as the last analysis applied it)
    override_role: str | None  # the standing override, applied at the next analyse
    override_reason: str | None
    override_by: str | None
    override_at: datetime | None
    pending: bool  # the standing override differs from what the last analysis shows


_LIST_SQL = """
WITH o AS (
  SELECT entity_id, role, reason, decided_by, decided_at FROM {overrides}
  QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY decided_at DESC) = 1
), r AS (
  SELECT r.entity_id, r.role, r.confidence, r.decided_by, n.label AS name, n.syndicate_id
  FROM entity_roles r
  LEFT JOIN graph_nodes n ON n.kind = 'person' AND n.entity_id = r.entity_id
)
SELECT coalesce(r.entity_id, o.entity_id) AS entity_id, r.name, r.syndicate_id, r.role,
  r.confidence, r.decided_by, o.role AS override_role, o.reason AS override_reason,
  o.decided_by AS override_by, o.decided_at AS override_at
FROM r FULL JOIN (SELECT * FROM o WHERE role IS NOT NULL OR entity_id IN
  (SELECT entity_id FROM entity_roles WHERE decided_by = 'override')) o
  ON o.entity_id = r.entity_id
"""


_NO_OVERRIDES = (
    "(SELECT NULL::VARCHAR AS entity_id, NULL::VARCHAR AS role, NULL::VARCHAR AS reason, "
    "NULL::VARCHAR AS decided_by, NULL::TIMESTAMP AS decided_at WHERE false)"
)


def list_roles(
    store: Store,
    *,
    syndicate_id: str | None = None,
    role: str | None = None,
    overrides_only: bool = False,
) -> list[RoleRow]:
    """Computed roles and standing overrides, overrides and syndicate members first."""
    roles = role_rules().roles
    if role is not None and role not in roles:
        raise InvalidRequest("role", f"unknown role {role!r}; one of: {', '.join(roles)}")
    if not store.table_exists("entity_roles"):
        raise NotFound("no roles yet; run 'borderlink analyse'")
    # read-only: a workspace analysed before any override has no role_overrides table yet
    overrides = "role_overrides" if store.table_exists("role_overrides") else _NO_OVERRIDES
    rows = store.query_dicts(
        _LIST_SQL.format(overrides=overrides), stage="roles", table="entity_roles"
    )
    out = []
    for row in rows:
        override_role = row["override_role"]
        applied = row["role"] if row["decided_by"] == "override" else None
        pending = override_role != applied
        item = RoleRow(**row, pending=pending)
        if syndicate_id is not None and (item.syndicate_id or "").upper() != syndicate_id.upper():
            continue
        if role is not None and role not in (item.role, item.override_role):
            continue
        if overrides_only and item.override_role is None and item.decided_by != "override":
            continue
        out.append(item)
    out.sort(
        key=lambda r: (
            r.override_role is None and r.decided_by != "override",
            r.syndicate_id is None,
            r.syndicate_id or "",
            r.entity_id,
        )
    )
    return out


def _holds(store: Store, table: str, entity_id: str) -> bool:
    return store.table_exists(table) and bool(store.count(table, "entity_id = ?", [entity_id]))
