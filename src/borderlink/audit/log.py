"""The workspace's audit log (table `audit_log`): append, read, verify.

Every front end records through `append`, so the CLI, the API and exchange write
one chain. Appends run in the caller's transaction when there is one, so an action
and its audit entry land together or not at all.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from borderlink.audit.chain import (
    GENESIS_HASH,
    AuditEntry,
    ChainCheck,
    canonical_details,
    check_chain,
    entry_hash,
)
from borderlink.model.loader import load_model
from borderlink.store import Store

TABLE = "audit_log"
_FIELDS = (
    "seq",
    "at",
    "actor",
    "agency",
    "action",
    "target",
    "result_count",
    "details",
    "prev_hash",
    "hash",
)
_COLUMNS = ", ".join(f'"{c}"' for c in _FIELDS)  # quoted: AT is a keyword
# One process may append from many threads (the server): read-last-then-insert must not
# interleave, or two entries would take the same seq. An append inside a caller's
# transaction keeps the lock until that transaction ends: another thread would otherwise
# read the last committed entry and take the same seq. Re-entrant: one transaction may
# append twice.
_APPEND_LOCK = threading.RLock()


def ensure_table(store: Store) -> None:
    """Create `audit_log` from its declaration in model/schema when missing."""
    if not store.table_exists(TABLE):
        store.execute(load_model().by_table(TABLE).ddl(), stage="audit", table=TABLE)


def _row_to_entry(row: tuple[Any, ...]) -> AuditEntry:
    seq, at, actor, agency, action, target, count, details, prev, digest = row
    return AuditEntry(
        seq=int(seq),
        at=str(at),
        actor=str(actor),
        agency=agency,
        action=str(action),
        target=target,
        result_count=None if count is None else int(count),
        details=str(details or "{}"),
        prev_hash=str(prev),
        hash=str(digest),
    )


def last_entry(store: Store) -> AuditEntry | None:
    if not store.table_exists(TABLE):
        return None
    row = store.query_one(f"SELECT {_COLUMNS} FROM {TABLE} ORDER BY seq DESC LIMIT 1")
    return None if row is None else _row_to_entry(row)


def append(
    store: Store,
    *,
    actor: str,
    action: str,
    agency: str | None = None,
    target: str | None = None,
    result_count: int | None = None,
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one entry at the end of the chain and return it."""
    _APPEND_LOCK.acquire()
    try:
        return _append(store, actor, action, agency, target, result_count, details, at)
    finally:  # released now, or when the caller's transaction ends
        store.after_transaction(_APPEND_LOCK.release)


def _append(
    store: Store,
    actor: str,
    action: str,
    agency: str | None,
    target: str | None,
    result_count: int | None,
    details: dict[str, Any] | None,
    at: datetime | None,
) -> AuditEntry:
    with store.transaction():
        ensure_table(store)
        last = last_entry(store)
        seq = 1 if last is None else last.seq + 1
        prev = GENESIS_HASH if last is None else last.hash
        when = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
        text = canonical_details(details)
        fields: dict[str, Any] = {
            "seq": seq,
            "at": when,
            "actor": actor,
            "agency": agency,
            "action": action,
            "target": target,
            "result_count": result_count,
            "details": text,
            "prev_hash": prev,
        }
        entry = AuditEntry(**fields, hash=entry_hash(**fields))
        store.execute(
            f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [getattr(entry, name) for name in _FIELDS],
            stage="audit",
            table=TABLE,
        )
    return entry


def entries(
    store: Store,
    *,
    actor: str | None = None,
    action: str | None = None,
    after_seq: int = 0,
    limit: int | None = None,
    seqs: list[int] | None = None,
) -> list[AuditEntry]:
    """Entries in sequence order, filtered by actor, action, or an explicit list of seqs."""
    if not store.table_exists(TABLE):
        return []
    where: list[str] = ["seq > ?"]
    params: list[Any] = [after_seq]
    if actor is not None:
        where.append('"actor" = ?')
        params.append(actor)
    if action is not None:
        where.append('"action" = ?')
        params.append(action)
    if seqs is not None:
        if not seqs:
            return []
        where.append("list_contains(?, seq)")
        params.append(seqs)
    sql = f"SELECT {_COLUMNS} FROM {TABLE} WHERE {' AND '.join(where)} ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_row_to_entry(r) for r in store.query(sql, params, stage="audit", table=TABLE)]


def verify(store: Store) -> ChainCheck:
    """Walk the whole chain from the first entry; name the first entry that fails."""
    return check_chain(entries(store))
