"""The audit log for supervisors: the latest entries and whether the chain holds."""

from __future__ import annotations

from borderlink.access.viewer import Viewer
from borderlink.audit import entries, verify
from borderlink.browse.models import AuditRequest, AuditView
from borderlink.browse.visibility import audit_read
from borderlink.store import Store


def audit_log(store: Store, viewer: Viewer, request: AuditRequest) -> AuditView:
    """Newest first; reading the log is itself logged."""
    viewer.require("audit")
    rows = entries(store, actor=request.actor, action=request.action)
    check = verify(store)
    latest = list(reversed(rows[-request.limit :]))
    audit_read(store, viewer, "read_audit", request.actor, len(latest))
    return AuditView(
        entries=[e.model_dump() for e in latest],
        chain_ok=check.ok,
        first_bad_seq=check.first_bad_seq,
    )
