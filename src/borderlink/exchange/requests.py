"""Requests for the records that matching on encodings paired with ours.

`exchange match` reveals only which records pair up (PAIRS.csv). An analyst who
wants the other agency's side of those pairs asks for it under the agreement:
`exchange request PAIRS.csv --agreement ID --from US --to THEM --reason TEXT`
records the request (`exchange_requests`, status `pending`), writes its audit
entry and, with `--out`, a REQUEST.json to send to the holder (the holder's own
record keys, nothing of ours but the request id and purpose). The holder answers
with a package (`exchange export --request REQUEST.json` sends exactly those
records, as far as the agreement releases them); when a package from the holder
is imported, every pending request it answers is marked `fulfilled` (all records
arrived) or `partly_fulfilled`, naming the package.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from borderlink.audit import append
from borderlink.errors import InvalidRequest
from borderlink.exchange.agreement import Agreement, get_agreement
from borderlink.exchange.match import PAIR_COLUMNS
from borderlink.exchange.tables import REQUESTS, ensure_exchange_tables
from borderlink.store import Store

Key = tuple[str, str, str]
STATUSES = ("pending", "partly_fulfilled", "fulfilled")
_ESCAPED = ("'=", "'+", "'-", "'@", "'\t", "'\r")  # csv_export's formula guard, undone


class RecordsRequest(BaseModel):
    """What `exchange request` asks for: the holder's side of the matched pairs."""

    agreement: str
    requester: str
    holder: str
    reason: str = Field(min_length=3, max_length=2000)


class RequestSummary(BaseModel):
    request_id: str
    agreement: str
    requester: str
    holder: str
    n_records: int
    status: str
    audit_seq: int
    out: str | None = None


class RequestFile(BaseModel):
    """REQUEST.json: sent to the holder, read by `exchange export --request`."""

    model_config = ConfigDict(extra="forbid")
    request_id: str
    agreement: str
    requester: str
    holder: str
    created: str
    reason: str
    record_keys: list[tuple[str, str, str]]


def _cell(value: str) -> str:
    return value[1:] if value.startswith(_ESCAPED) else value


def read_pairs(path: Path, requester: str, holder: str) -> tuple[list[Key], list[Key]]:
    """(the holder's keys, our keys) of every pair of PAIRS.csv between the two agencies."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidRequest("pairs", f"cannot read {path}: {exc.strerror or exc}") from exc
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != PAIR_COLUMNS:
        raise InvalidRequest("pairs", f"{path}: row 1: the header must be {','.join(PAIR_COLUMNS)}")
    theirs: dict[Key, None] = {}
    ours: dict[Key, None] = {}
    for row_no, row in enumerate(reader, start=2):
        a = (_cell(row["source_a"]), _cell(row["file_a"]), _cell(row["record_key_a"]))
        b = (_cell(row["source_b"]), _cell(row["file_b"]), _cell(row["record_key_b"]))
        if a[0] == holder and b[0] == requester:
            a, b = b, a
        elif not (a[0] == requester and b[0] == holder):
            raise InvalidRequest(
                "pairs",
                f"{path}: row {row_no}: column source_a/source_b: {a[0]!r}/{b[0]!r} is not a "
                f"pair of {requester} and {holder}",
            )
        ours[a] = None
        theirs[b] = None
    if not theirs:
        raise InvalidRequest("pairs", f"{path}: no matched pairs to request")
    return list(theirs), list(ours)


def request_id(agreement: str, requester: str, holder: str, keys: list[Key]) -> str:
    """Stable for the same agreement, agencies and records: asking twice is one request."""
    text = json.dumps([agreement, requester, holder, sorted(keys)], ensure_ascii=False)
    return "req-" + hashlib.sha256(text.encode()).hexdigest()[:12]


def create_request(
    workspace: Path,
    pairs: Path,
    request: RecordsRequest,
    *,
    out: Path | None = None,
    agreements: dict[str, Agreement] | None = None,
    actor: str = "library",
) -> RequestSummary:
    """Record (and audit) a request for the holder's side of PAIRS.csv; write REQUEST.json."""
    agreement = (agreements or {}).get(request.agreement) or get_agreement(request.agreement)
    agreement.require_party(request.requester, "from")
    agreement.require_party(request.holder, "to")
    if "person_records" not in agreement.releases:
        raise InvalidRequest(
            "agreement", f"agreement {agreement.id} releases no person records to request"
        )
    theirs, ours = read_pairs(pairs, request.requester, request.holder)
    rid = request_id(agreement.id, request.requester, request.holder, theirs)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with Store.open(workspace, create=True) as store, store.transaction():
        ensure_exchange_tables(store)
        store.execute(f"DELETE FROM {REQUESTS} WHERE request_id = ?", [rid])
        store.execute(
            f"INSERT INTO {REQUESTS} VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending', NULL, NULL)",
            [
                rid,
                agreement.id,
                request.requester,
                request.holder,
                created,
                actor,
                request.reason,
                pairs.name,
                hashlib.sha256(pairs.read_bytes()).hexdigest(),
                json.dumps(theirs, ensure_ascii=False),
                json.dumps(ours, ensure_ascii=False),
                len(theirs),
            ],
        )
        entry = append(
            store,
            actor=actor,
            action="exchange_request",
            agency=request.requester,
            target=rid,
            result_count=len(theirs),
            details={"agreement": agreement.id, "holder": request.holder, "pairs": pairs.name},
        )
    if out is not None:
        body = RequestFile(
            request_id=rid,
            agreement=agreement.id,
            requester=request.requester,
            holder=request.holder,
            created=created,
            reason=request.reason,
            record_keys=theirs,
        )
        try:
            out.write_text(body.model_dump_json(indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            raise InvalidRequest("out", f"cannot write {out}: {exc.strerror or exc}") from exc
    return RequestSummary(
        request_id=rid,
        agreement=agreement.id,
        requester=request.requester,
        holder=request.holder,
        n_records=len(theirs),
        status="pending",
        audit_seq=entry.seq,
        out=str(out) if out else None,
    )


def read_request_file(path: Path) -> RequestFile:
    """A REQUEST.json, checked; errors name the file and the field."""
    try:
        return RequestFile.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidRequest("request", f"cannot read {path}: {exc.strerror or exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(file)"
        raise InvalidRequest("request", f"{path}: {where}: {first['msg']}") from exc


def list_requests(store: Store, agency: str | None = None) -> list[dict[str, Any]]:
    """Requests made or received by `agency` (None: all), newest first, without the keys."""
    if not store.table_exists(REQUESTS):
        return []
    where = "WHERE requester = $a OR holder = $a" if agency else ""
    return store.query_dicts(
        "SELECT request_id, agreement, requester, holder, created, created_by, reason, "
        f"n_records, n_received, status, fulfilled_by, fulfilled_at FROM {REQUESTS} {where} "
        "ORDER BY created DESC, request_id",
        {"a": agency} if agency else None,
    )


def fulfil_requests(
    store: Store,
    *,
    package_id: str,
    sender: str,
    receiver: str,
    agreement: str,
    received: set[Key],
    at: str,
) -> list[str]:
    """Mark the open requests to `sender` that this package answers; returns their ids.

    `received` are the original (source, file, record_key) of the person records
    in the package. A request counts the records of it that have arrived in this
    or an earlier package; all of them: fulfilled, some: partly fulfilled.
    """
    if not store.table_exists(REQUESTS):
        return []
    rows = store.query(
        f"SELECT request_id, record_keys, n_received FROM {REQUESTS} WHERE holder = ? "
        "AND requester = ? AND agreement = ? AND status <> 'fulfilled'",
        [sender, receiver, agreement],
    )
    done = []
    for rid, keys_json, before in rows:
        keys = {(str(k[0]), str(k[1]), str(k[2])) for k in json.loads(keys_json or "[]")}
        got = len(keys & received)
        if not got:
            continue
        n = min(len(keys), max(int(before or 0), got))
        status = "fulfilled" if n >= len(keys) else "partly_fulfilled"
        store.execute(
            f"UPDATE {REQUESTS} SET n_received = ?, status = ?, fulfilled_by = ?, "
            "fulfilled_at = ? WHERE request_id = ?",
            [n, status, package_id, at, rid],
        )
        done.append(str(rid))
    return done


def answer_scope(path: Path, agreement: str, sender: str, receiver: str) -> dict[str, Any]:
    """ExportRequest fields that answer REQUEST.json: its records only, its id in the audit.

    The request must be addressed to the sender by the receiver under the same agreement.
    """
    req = read_request_file(path)
    for field, want, got in (
        ("agreement", agreement, req.agreement),
        ("from", sender, req.holder),
        ("to", receiver, req.requester),
    ):
        if want != got:
            raise InvalidRequest(
                field, f"{path}: the request is for {got!r} here, not {want!r}", value=want
            )
    return {"answers": req.request_id, "only_records": [tuple(k) for k in req.record_keys]}
