"""The shared-workspace half of `Workspace`: users and the audit log.

A mixin so that `workspace.py` keeps the pipeline stages and this module the people
who use them; both reach the database only through the Workspace's reader and writer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderlink.workspace.handle import WorkspaceHandle

if TYPE_CHECKING:
    from borderlink.access import UserInfo
    from borderlink.audit import AuditEntry, ChainCheck


class AccessMethods(WorkspaceHandle):
    """Users (argon2 hashes) and the hash-chained audit log of a workspace."""

    # -- users -----------------------------------------------------------------------------
    def add_user(self, username: str, *, agency: str, role: str, password: str) -> UserInfo:
        """A new user of the web app and API; the password is stored as an argon2 hash."""
        from borderlink.access import add_user

        with self._writer("users") as store:
            return add_user(store, username, agency=agency, role=role, password=password)

    def users(self) -> list[UserInfo]:
        """Every user with agency, role and whether disabled (never a hash)."""
        from borderlink.access import list_users

        if not self.exists():
            return []
        with self._reader() as store:
            return list_users(store)

    def disable_user(self, username: str) -> UserInfo:
        """Stop a user from logging in; their audit trail stays."""
        from borderlink.access import disable_user

        with self._writer("users") as store:
            return disable_user(store, username)

    # -- audit -----------------------------------------------------------------------------
    def audit_entries(
        self, *, actor: str | None = None, action: str | None = None
    ) -> list[AuditEntry]:
        """The hash-chained audit log in sequence order, optionally one user's or one action's."""
        from borderlink.audit import entries

        if not self.exists():
            return []
        with self._reader() as store:
            return entries(store, actor=actor, action=action)

    def verify_audit(self) -> ChainCheck:
        """Walk the audit chain; the verdict names the first entry that fails."""
        from borderlink.audit import ChainCheck, verify

        if not self.exists():
            return ChainCheck(ok=True, checked=0)
        with self._reader() as store:
            return verify(store)
