"""`export_package`: the items an agreement lets one agency send another, signed.

The audit entry of the export is written in the same transaction as the
package's record in `exchange_packages`, and it travels in the manifest, so the
receiver holds the sender's own account of what was sent. A received item whose
handling code forbids onward dissemination (H2, H3) never leaves again: asking
to re-export one is refused, naming the rule, and the refusal is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from borderlink.audit import append
from borderlink.errors import ExchangeRefused, InvalidRequest
from borderlink.exchange.agreement import Agreement, Grading, get_agreement, load_codes
from borderlink.exchange.keys import KeyRing
from borderlink.exchange.package import Manifest, PartInfo, build_archive, jsonl_bytes, seal
from borderlink.exchange.select import Selection, select_items
from borderlink.exchange.tables import PACKAGES, ensure_exchange_tables
from borderlink.store import Store


class ExportRequest(BaseModel):
    """What to send: agreement, from and to whom, and optional marks overriding the terms."""

    agreement: str
    sender: str
    receiver: str
    handling_code: str | None = None
    source_reliability: str | None = None
    information_grade: str | None = None
    include_received: bool = Field(
        False, description="Also re-send items received from others (never H2/H3 ones)."
    )
    answers: str | None = Field(
        None, description="The request (exchange request) this package answers: its id."
    )
    only_records: list[tuple[str, str, str]] | None = Field(
        None, description="Send only these person records (source, file, record_key)."
    )


class ExportSummary(BaseModel):
    package_id: str
    file: str
    sha256: str
    sender: str
    receiver: str
    agreement: str
    handling_code: str
    source_reliability: str
    information_grade: str
    counts: dict[str, int]
    withheld: dict[str, int]
    audit_seq: int


def _grading(agreement: Agreement, request: ExportRequest) -> Grading:
    base = agreement.grading_for(request.sender)
    grading = Grading(
        handling_code=request.handling_code or base.handling_code,
        source_reliability=request.source_reliability or base.source_reliability,
        information_grade=request.information_grade or base.information_grade,
    )
    codes = load_codes()
    checks = (
        ("handling_code", grading.handling_code, codes.handling_codes),
        ("source_reliability", grading.source_reliability, codes.source_reliability),
        ("information_grade", grading.information_grade, codes.information_grading),
    )
    for field, value, known in checks:
        if value not in known:
            raise InvalidRequest(
                field, f"{value!r} is not a known code ({', '.join(known)})", value=value
            )
    return grading


def _refuse_restricted(
    store: Store, selection: Selection, request: ExportRequest, actor: str
) -> None:
    codes = load_codes().handling_codes
    held: dict[str, int] = {}
    for kind in ("person_records", "cases"):
        for item in selection.items.get(kind, []):
            code = str(item.get("handling_code"))
            if str(item["source"]).startswith("exchange:") and not codes[code].onward_dissemination:
                held[code] = held.get(code, 0) + 1
    if not held:
        return
    rule = "; ".join(
        f"{n} received item(s) under {c} ({codes[c].meaning.rstrip('.')})" for c, n in held.items()
    )
    append(
        store,
        actor=actor,
        action="exchange_export_refused",
        agency=request.sender,
        target=request.receiver,
        details={"agreement": request.agreement, "restricted": held},
    )
    raise ExchangeRefused(
        f"export refused: {rule}: handling codes forbid onward dissemination "
        "(codes.yaml handling_codes.<code>.onward_dissemination: false); "
        "export without the received items",
        restricted=held,
    )


def _package_id(request: ExportRequest, created: str, parts: dict[str, PartInfo]) -> str:
    body = json.dumps(
        [
            request.sender,
            request.receiver,
            request.agreement,
            created,
            {k: p.sha256 for k, p in parts.items()},
        ]
    )
    stamp = created[:19].replace("-", "").replace(":", "")
    return f"{request.sender}-{stamp}-{hashlib.sha256(body.encode()).hexdigest()[:10]}"


def _write_atomic(out: Path, data: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, out)


def export_package(
    workspace: Path,
    request: ExportRequest,
    out: Path,
    *,
    keyring: KeyRing,
    agreements: dict[str, Agreement] | None = None,
    actor: str = "library",
) -> ExportSummary:
    """Select, redact, sign and write one package; audit it in the sender's log."""
    agreement = (agreements or {}).get(request.agreement) or get_agreement(request.agreement)
    agreement.require_party(request.sender, "sender")
    agreement.require_party(request.receiver, "receiver")
    if request.sender == request.receiver:
        raise InvalidRequest("receiver", "the sender and the receiver are the same agency")
    grading = _grading(agreement, request)
    keyring.own_public(request.sender)  # fail before any work when the key is missing
    with Store.open(workspace) as store:
        ensure_exchange_tables(store)
        only = set(request.only_records) if request.only_records is not None else None
        selection = select_items(
            store, agreement, request.sender, grading, request.include_received, only
        )
        _refuse_restricted(store, selection, request, actor)
        parts = {kind: jsonl_bytes(rows) for kind, rows in selection.items.items()}
        infos = {
            kind: PartInfo(
                sha256=hashlib.sha256(data).hexdigest(), items=len(selection.items[kind])
            )
            for kind, data in parts.items()
        }
        counts = {kind: info.items for kind, info in infos.items()}
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        package_id = _package_id(request, created, infos)
        with store.transaction():
            entry = append(
                store,
                actor=actor,
                action="exchange_export",
                agency=request.sender,
                target=package_id,
                result_count=sum(counts.values()),
                details={
                    "receiver": request.receiver,
                    "agreement": agreement.id,
                    "handling_code": grading.handling_code,
                    "answers": request.answers,
                    "parts": {k: i.sha256 for k, i in infos.items()},
                },
            )
            manifest = Manifest(
                package_id=package_id,
                sender=request.sender,
                receiver=request.receiver,
                agreement=agreement.id,
                agreement_sha256=agreement.terms_sha256(),
                created=created,
                **grading.model_dump(),
                counts=counts,
                parts=infos,
                withheld=selection.withheld,
                audit=[entry],
            )
            data = seal(keyring, request.sender, build_archive(manifest, parts))
            digest = hashlib.sha256(data).hexdigest()
            _record_sent(store, manifest, out, digest)
            _write_atomic(out, data)
    return ExportSummary(
        package_id=package_id,
        file=str(out),
        sha256=digest,
        sender=request.sender,
        receiver=request.receiver,
        agreement=agreement.id,
        **grading.model_dump(),
        counts=counts,
        withheld=selection.withheld,
        audit_seq=entry.seq,
    )


def _record_sent(store: Store, manifest: Manifest, out: Path, digest: str) -> None:
    row: dict[str, Any] = {
        "package_id": manifest.package_id,
        "direction": "sent",
        "sender": manifest.sender,
        "receiver": manifest.receiver,
        "agreement": manifest.agreement,
        "created": manifest.created,
        "recorded_at": manifest.created,
        "handling_code": manifest.handling_code,
        "source_reliability": manifest.source_reliability,
        "information_grade": manifest.information_grade,
        "file": out.name,
        "file_sha256": digest,
        "key_id": None,
        "counts": json.dumps(manifest.counts),
        "manifest": manifest.model_dump_json(exclude={"audit"}),
    }
    cols = ", ".join(f'"{c}"' for c in row)
    store.execute(
        f"INSERT INTO {PACKAGES} ({cols}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
        stage="exchange",
        table=PACKAGES,
    )
