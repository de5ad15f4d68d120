"""Encode an agency's persons, and match two agencies' encodings, with audit entries.

These are the library entry points of `exchange encode` and `exchange match`
(and of a future web page): pydantic in, pydantic out, each recorded in the
workspace's hash-chained audit log.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from borderlink.audit import append
from borderlink.exchange.agreement import Agreement, get_agreement
from borderlink.exchange.encode import encode_tokens, write_encodings
from borderlink.exchange.features import RECORD_COLUMNS, person_tokens
from borderlink.exchange.keys import KeyRing
from borderlink.exchange.match import MatchSummary, match_files
from borderlink.exchange.tables import ensure_exchange_tables
from borderlink.resolve.tables import require_person_records
from borderlink.store import Store


class EncodeRequest(BaseModel):
    agreement: str
    agency: str


class EncodeSummary(BaseModel):
    agreement: str
    agency: str
    records: int
    out: str
    sha256: str
    secret_fingerprint: str
    audit_seq: int


def encode_workspace(
    workspace: Path,
    request: EncodeRequest,
    out: Path,
    *,
    keyring: KeyRing,
    agreements: dict[str, Agreement] | None = None,
    actor: str = "library",
) -> EncodeSummary:
    """Encode the agency's own person records under the agreement's shared secret."""
    agreement = (agreements or {}).get(request.agreement) or get_agreement(request.agreement)
    agreement.require_party(request.agency, "agency")
    secret = keyring.secret(agreement.id)
    release = agreement.releases.get("person_records")
    with Store.open(workspace) as store:
        require_person_records(store)
        rows = store.query_dicts(
            f"SELECT {RECORD_COLUMNS} FROM person_records WHERE source = ? "
            "ORDER BY file, row_number, record_id",
            [request.agency],
        )
        tokens = [person_tokens(r, release) for r in rows]
        enc = encode_tokens(tokens, secret, agreement=agreement.id, agency=request.agency)
        digest = write_encodings(enc, out)
        ensure_exchange_tables(store)
        entry = append(
            store,
            actor=actor,
            action="exchange_encode",
            agency=request.agency,
            target=out.name,
            result_count=len(rows),
            details={
                "agreement": agreement.id,
                "sha256": digest,
                "secret": enc.header.secret_fingerprint,
            },
        )
    return EncodeSummary(
        agreement=agreement.id,
        agency=request.agency,
        records=len(rows),
        out=str(out),
        sha256=digest,
        secret_fingerprint=enc.header.secret_fingerprint,
        audit_seq=entry.seq,
    )


def match_and_record(
    workspace: Path, enc_a: Path, enc_b: Path, out: Path, *, actor: str = "library"
) -> MatchSummary:
    """Match two encodings files and record the match in the workspace's audit log."""
    with Store.open(workspace) as store:  # an existing workspace: its log records the match
        summary = match_files(enc_a, enc_b, out)
        ensure_exchange_tables(store)
        append(
            store,
            actor=actor,
            action="exchange_match",
            target=out.name,
            result_count=summary.matched_pairs,
            details={"a": enc_a.name, "b": enc_b.name, "candidates": summary.candidate_pairs},
        )
    return summary
