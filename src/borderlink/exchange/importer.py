"""`import_package`: a verified package's items into the receiver's workspace.

Nothing is opened for writing until `read_package` has checked signature,
trust, every hash, the agreement and the sender's audit entries. Records and
cases become rows of their record tables under the source `exchange:<sender>`
(provenance: run_id = package id, path = package file, file_sha256 = the part's
hash) with their handling code and grading, so resolve takes them like any
source; everything lands in one transaction with the import's audit entry.
Re-importing a package replaces its rows (ids derive from the item keys).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
from pydantic import BaseModel

from borderlink.audit import append
from borderlink.errors import PackageRejected
from borderlink.exchange.agreement import Agreement, load_agreements
from borderlink.exchange.keys import KeyRing
from borderlink.exchange.package import Manifest, VerifiedPackage, read_package
from borderlink.exchange.requests import fulfil_requests
from borderlink.exchange.select import KEY_FIELDS
from borderlink.exchange.tables import ITEMS, PACKAGES, ensure_exchange_tables
from borderlink.model.loader import load_model
from borderlink.store import Store


class ImportSummary(BaseModel):
    package_id: str
    sender: str
    receiver: str
    agreement: str
    source: str
    handling_code: str
    counts: dict[str, int]
    decisions_applied: int
    sender_audit_entries: int
    audit_seq: int
    requests_answered: list[str] = []


def exchange_source(sender: str) -> str:
    return f"exchange:{sender}"


def local_record_id(source: str, file: str, record_key: str) -> str:
    """Same rule as ingest: sha1(source, file, key), 16 hex."""
    return hashlib.sha1(f"{source}\x1f{file}\x1f{record_key}".encode()).hexdigest()[:16]


def _record_rows(
    table: str, kind: str, pkg: VerifiedPackage, path: Path
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Rows for a record table, and the map sender item id -> local record id."""
    m = pkg.manifest
    source = exchange_source(m.sender)
    columns = set(load_model().by_table(table).columns)
    rows: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    for line, item in enumerate(pkg.items.get(kind, []), start=1):
        # An item the sender itself received keeps its origin in `file`.
        origin = str(item["source"])
        file = f"{origin}/{item['file']}"
        record_id = local_record_id(source, file, str(item["record_key"]))
        ids[str(item["item_id"])] = record_id
        row = {k: v for k, v in item.items() if k in columns and k not in KEY_FIELDS}
        row.update(
            record_id=record_id,
            source=source,
            file=file,
            path=path.name,
            record_key=str(item["record_key"]),
            row_number=line,
            run_id=m.package_id,
            file_sha256=m.parts[kind].sha256,
        )
        rows.append(row)
    return rows, ids


def _insert(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = sorted({c for r in rows for c in r})
    store.execute(
        f'DELETE FROM "{table}" WHERE list_contains(?, record_id)',
        [[r["record_id"] for r in rows]],
        stage="exchange",
        table=table,
    )
    cols = ", ".join(f'"{c}"' for c in columns)
    view = f"_exchange_{table}"
    store.register(view, pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows]))
    try:
        store.execute(
            f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM {view}',
            stage="exchange",
            table=table,
        )
    finally:
        store.unregister(view)


def _items_rows(
    m: Manifest, items: dict[str, list[dict[str, Any]]], ids: dict[str, str]
) -> list[list[Any]]:
    out = []
    for kind, rows in items.items():
        for item in rows:
            out.append(
                [
                    m.package_id,
                    kind,
                    str(item["item_id"]),
                    ids.get(str(item["item_id"])),
                    m.sender,
                    item.get("handling_code") or m.handling_code,
                    item.get("source_reliability"),
                    item.get("information_grade"),
                    json.dumps(item, ensure_ascii=False, sort_keys=True),
                ]
            )
    return out


def _apply_decisions(store: Store, pkg: VerifiedPackage, ids: dict[str, str]) -> int:
    """The sender's same/different decisions, on the imported records, for resolve to honour."""
    rows = []
    now = dt.datetime.now(dt.UTC)
    for d in pkg.items.get("decisions", []):
        a, b = (ids.get(str(x)) for x in str(d["item_id"]).split("|", 1))
        if a and b and d.get("decision") in ("same", "different"):
            reason = f"received in {pkg.manifest.package_id}: {d.get('reason') or ''}".strip()
            rows.append([a, b, d["decision"], reason, exchange_source(pkg.manifest.sender), now])
    if rows:
        store.execute(
            """CREATE TABLE IF NOT EXISTS review_decisions (
            record_a VARCHAR NOT NULL, record_b VARCHAR NOT NULL, decision VARCHAR NOT NULL,
            reason VARCHAR, decided_by VARCHAR, decided_at TIMESTAMPTZ)"""
        )
        store.executemany("INSERT INTO review_decisions VALUES (?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def import_package(
    workspace: Path,
    package: Path,
    *,
    keyring: KeyRing,
    agency: str | None = None,
    agreements: dict[str, Agreement] | None = None,
    actor: str = "library",
) -> ImportSummary:
    """Verify everything first, then import in one transaction; `agency` is the receiver."""
    pkg = read_package(package, keyring, agreements or load_agreements())
    m = pkg.manifest
    if agency is not None and m.receiver != agency:
        raise PackageRejected(
            f"{package}: package refused: addressed to {m.receiver}, this workspace is {agency}",
            file=str(package),
            reason="receiver",
        )
    file_sha = hashlib.sha256(Path(package).read_bytes()).hexdigest()
    with Store.open(workspace, create=True) as store, store.transaction():
        ensure_exchange_tables(store)
        records, ids = _record_rows("person_records", "person_records", pkg, package)
        cases, case_ids = _record_rows("cases", "cases", pkg, package)
        _insert(store, "person_records", records)
        _insert(store, "cases", cases)
        store.execute(f"DELETE FROM {ITEMS} WHERE package_id = ?", [m.package_id])
        store.executemany(
            f"INSERT INTO {ITEMS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _items_rows(m, pkg.items, ids | case_ids),
        )
        decisions = _apply_decisions(store, pkg, ids)
        answered = fulfil_requests(
            store,
            package_id=m.package_id,
            sender=m.sender,
            receiver=m.receiver,
            agreement=m.agreement,
            received={
                (str(i["source"]), str(i["file"]), str(i["record_key"]))
                for i in pkg.items.get("person_records", [])
            },
            at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        entry = append(
            store,
            actor=actor,
            action="exchange_import",
            agency=m.receiver,
            target=m.package_id,
            result_count=sum(m.counts.values()),
            details={
                "sender": m.sender,
                "agreement": m.agreement,
                "key_id": pkg.key_id,
                "file_sha256": file_sha,
                "sender_audit": [e.hash for e in m.audit],
                "answers_requests": answered,
            },
        )
        store.execute(
            f"DELETE FROM {PACKAGES} WHERE package_id = ? AND direction = 'received'",
            [m.package_id],
        )
        store.execute(
            f"INSERT INTO {PACKAGES} VALUES (?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                m.package_id,
                m.sender,
                m.receiver,
                m.agreement,
                m.created,
                entry.at,
                m.handling_code,
                m.source_reliability,
                m.information_grade,
                Path(package).name,
                file_sha,
                pkg.key_id,
                json.dumps(m.counts),
                m.model_dump_json(),
            ],
        )
    return ImportSummary(
        package_id=m.package_id,
        sender=m.sender,
        receiver=m.receiver,
        agreement=m.agreement,
        source=exchange_source(m.sender),
        handling_code=m.handling_code,
        counts=m.counts,
        decisions_applied=decisions,
        sender_audit_entries=len(m.audit),
        audit_seq=entry.seq,
        requests_answered=answered,
    )
