"""Roles in the chain as an analyst reviews them: the list, and taking an override back.

A mixin of `Workspace` (overriding a role stays beside the stages in workspace.py).
Both go through `graph/overrides.py`, which owns the `role_overrides` table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderlink.workspace.handle import WorkspaceHandle
from borderlink.workspace.models import RoleClearRequest, RolesRequest

if TYPE_CHECKING:
    from borderlink.graph.overrides import RoleOverride, RoleRow


class RolesMethods(WorkspaceHandle):
    """`roles list` and `roles override --clear`."""

    def roles(self, request: RolesRequest | None = None) -> list[RoleRow]:
        """Each analysed entity's role and any standing override, overrides first."""
        from borderlink.graph.overrides import list_roles

        request = request or RolesRequest()
        with self._reader() as store:
            return list_roles(
                store,
                syndicate_id=request.syndicate_id,
                role=request.role,
                overrides_only=request.overrides_only,
            )

    def clear_role_override(self, request: RoleClearRequest) -> RoleOverride:
        """Take back an entity's override; inference decides its role at the next analyse."""
        from borderlink.graph.overrides import clear_override

        with self._writer("roles override") as store:
            return clear_override(store, request.entity_id, request.reason, request.decided_by)
