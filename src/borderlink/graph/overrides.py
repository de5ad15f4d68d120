"""Analysts' role overrides: checked against the roles of the chain, appended, never rewritten.

The latest override per entity wins at the next `analyse`. The entity must be one the
workspace knows (in the last analysis, or among the resolved entities); one resolved
since the last analysis is kept and waits for the next.
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
    role: str
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
    if not reason.strip():
        raise InvalidRequest("reason", "must not be empty")
    if not entity_id.strip():
        raise InvalidRequest("entity_id", "must not be empty")
    override = RoleOverride(
        entity_id=entity_id,
        role=role,
        reason=reason.strip(),
        decided_by=decided_by,
        decided_at=datetime.now(UTC),
        in_last_analysis=False,
    )
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
            [entity_id, role, override.reason, decided_by, override.decided_at],
            stage="roles",
            table="role_overrides",
        )
    return override


def _holds(store: Store, table: str, entity_id: str) -> bool:
    return store.table_exists(table) and bool(store.count(table, "entity_id = ?", [entity_id]))
