"""Who is reading: the user, their agency and role, and the policy that applies to them."""

from __future__ import annotations

from dataclasses import dataclass, field

from borderlink.access.policy import Permission, Policy, default_policy
from borderlink.errors import Forbidden


@dataclass(frozen=True)
class Viewer:
    """Passed to every read; the read applies `policy` for `agency` and audits `username`."""

    username: str
    agency: str
    role: str
    policy: Policy = field(default_factory=default_policy, compare=False, repr=False)

    @property
    def sees_everything(self) -> bool:
        return self.policy.sees_everything(self.agency)

    def require(self, permission: Permission) -> None:
        """Raise Forbidden unless the viewer's role has `permission` in the policy."""
        if not self.policy.allows(self.role, permission):
            raise Forbidden(
                f"role {self.role!r} may not {permission.replace('_', ' ')}",
                permission=permission,
            )
