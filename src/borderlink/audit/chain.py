"""Pure hash-chain arithmetic, shared by the workspace log and by exchange packages.

An entry's hash is SHA-256 over a canonical JSON of its fields plus the previous
entry's hash. Verifying needs nothing but the entries themselves and the hash the
chain starts from, so a receiver can check a sender's entries carried in a package.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

GENESIS_HASH = "0" * 64


class AuditEntry(BaseModel):
    """One audit record as stored and as shipped in an exchange manifest."""

    model_config = ConfigDict(frozen=True)

    seq: int
    at: str
    actor: str
    agency: str | None = None
    action: str
    target: str | None = None
    result_count: int | None = None
    details: str = "{}"
    prev_hash: str
    hash: str


class ChainCheck(BaseModel):
    """The verdict on a run of entries: where it first fails, and why."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str | None = None


def canonical_details(details: dict[str, Any] | None) -> str:
    """Details as the one JSON text that is hashed (sorted keys, no spaces)."""
    return json.dumps(
        details or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def entry_hash(
    *,
    seq: int,
    at: str,
    actor: str,
    agency: str | None,
    action: str,
    target: str | None,
    result_count: int | None,
    details: str,
    prev_hash: str,
) -> str:
    """SHA-256 hex of the entry's fields and the previous hash."""
    body = json.dumps(
        [seq, at, actor, agency, action, target, result_count, details, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _recomputed(entry: AuditEntry) -> str:
    return entry_hash(
        seq=entry.seq,
        at=entry.at,
        actor=entry.actor,
        agency=entry.agency,
        action=entry.action,
        target=entry.target,
        result_count=entry.result_count,
        details=entry.details,
        prev_hash=entry.prev_hash,
    )


def check_chain(
    entries: Iterable[AuditEntry], *, start_hash: str | None = GENESIS_HASH
) -> ChainCheck:
    """Check entries in sequence order; `start_hash=None` accepts any first prev_hash.

    A package carries a slice of the sender's log, whose first entry links to an
    entry the receiver never sees: pass None there and the slice is checked within.
    """
    expected_prev = start_hash
    expected_seq: int | None = None
    checked = 0
    for entry in entries:
        if expected_seq is not None and entry.seq != expected_seq:
            return ChainCheck(
                ok=False,
                checked=checked,
                first_bad_seq=entry.seq,
                reason=f"sequence gap: expected entry {expected_seq}, found {entry.seq}",
            )
        if expected_prev is not None and entry.prev_hash != expected_prev:
            return ChainCheck(
                ok=False,
                checked=checked,
                first_bad_seq=entry.seq,
                reason="previous-hash link broken (an entry before it was changed or removed)",
            )
        if _recomputed(entry) != entry.hash:
            return ChainCheck(
                ok=False,
                checked=checked,
                first_bad_seq=entry.seq,
                reason="hash does not match the entry's content (the entry was changed)",
            )
        checked += 1
        expected_prev = entry.hash
        expected_seq = entry.seq + 1
    return ChainCheck(ok=True, checked=checked)
