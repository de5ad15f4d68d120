"""The exchange package: one signed file holding a manifest and JSON Lines parts.

Layout (bytes):
  line 1  `BORDERLINK-PACKAGE/1`
  line 2  JSON: signer agency, key id, algorithm, base64 Ed25519 signature
  rest    a ZIP archive: manifest.json plus one `<kind>.jsonl` per released kind

The signature covers the signer and the SHA-256 of the whole archive, so any
changed byte after line 2 fails it; the manifest also lists the SHA-256 of each
part (checked again after the signature) and the sender's audit entries for the
export. `read_package` checks everything and returns parsed parts, or raises
PackageRejected: callers touch their workspace only with a verified package.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from borderlink.audit import AuditEntry, check_chain
from borderlink.errors import InvalidRequest, PackageRejected
from borderlink.exchange.agreement import Agreement
from borderlink.exchange.keys import KeyRing, key_id, verify_signature
from borderlink.exchange.select import IMPLICIT_FIELDS

MAGIC = b"BORDERLINK-PACKAGE/1\n"
FORMAT = "borderlink-exchange/1"
_ZIP_TIME = (2016, 1, 1, 0, 0, 0)  # fixed, so a package's bytes depend on its content only


class PartInfo(BaseModel):
    sha256: str
    items: int


class Manifest(BaseModel):
    """What a package holds and under which terms; part of the signed archive."""

    format: str = FORMAT
    package_id: str
    sender: str
    receiver: str
    agreement: str
    agreement_sha256: str
    created: str
    handling_code: str
    source_reliability: str
    information_grade: str
    counts: dict[str, int]
    parts: dict[str, PartInfo]
    withheld: dict[str, int]
    audit: list[AuditEntry]


class VerifiedPackage(BaseModel):
    manifest: Manifest
    items: dict[str, list[dict[str, Any]]]
    key_id: str


def jsonl_bytes(rows: list[dict[str, Any]]) -> bytes:
    lines = (json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in rows)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def _signed_message(signer: str, body: bytes) -> bytes:
    return b"borderlink-package-v1\x00" + signer.encode() + b"\x00" + hashlib.sha256(body).digest()


def build_archive(manifest: Manifest, parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("manifest.json", manifest.model_dump_json(indent=1).encode())] + [
            (f"{kind}.jsonl", data) for kind, data in parts.items()
        ]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buffer.getvalue()


def seal(keyring: KeyRing, signer: str, archive: bytes) -> bytes:
    """The package file's bytes: magic, signature line, archive."""
    kid, signature = keyring.sign(signer, _signed_message(signer, archive))
    header = {
        "signer": signer,
        "key_id": kid,
        "alg": "ed25519",
        "signature": base64.b64encode(signature).decode(),
    }
    return MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + archive


def _reject(path: Path, why: str, **details: Any) -> PackageRejected:
    return PackageRejected(f"{path}: package refused: {why}", file=str(path), **details)


def _open_signed(path: Path, data: bytes, keyring: KeyRing) -> tuple[str, str, bytes]:
    """(signer, key id, archive) once the signature holds under a trusted key."""
    if not data.startswith(MAGIC):
        raise _reject(path, "not a borderlink exchange package (bad first line)")
    rest = data[len(MAGIC) :]
    end = rest.find(b"\n")
    try:
        header = json.loads(rest[:end])
        signer, kid = str(header["signer"]), str(header["key_id"])
        signature = base64.b64decode(header["signature"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise _reject(path, f"unreadable signature line ({exc})") from exc
    archive = rest[end + 1 :]
    try:
        public = keyring.trusted(signer)
    except InvalidRequest:  # not even an agency code
        public = None
    if public is None:
        raise _reject(
            path,
            f"sender {signer!r} has no trusted key (key {kid}); "
            f"check its fingerprint, then trust its public key file for {signer}",
            reason="untrusted",
        )
    if key_id(public) != kid:
        raise _reject(
            path,
            f"signed with key {kid}, but the key trusted for {signer} is {key_id(public)}",
            reason="untrusted",
        )
    if not verify_signature(public, signature, _signed_message(signer, archive)):
        raise _reject(path, "signature does not verify (the file was changed)", reason="signature")
    return signer, kid, archive


def _check_terms(
    path: Path, m: Manifest, items: dict[str, list[dict[str, Any]]], a: Agreement
) -> None:
    if m.agreement_sha256 != a.terms_sha256():
        raise _reject(
            path, f"agreement {a.id}: the sender's terms differ from ours", reason="agreement"
        )
    for agency, role in ((m.sender, "sender"), (m.receiver, "receiver")):
        if agency not in a.agencies:
            raise _reject(
                path, f"agreement {a.id}: {role} {agency} is not a party", reason="agreement"
            )
    for kind, rows in items.items():
        release = a.releases.get(kind)
        if release is None:
            raise _reject(path, f"agreement {a.id} does not release {kind}", reason="agreement")
        allowed = set(release.fields) | IMPLICIT_FIELDS[kind]
        for i, row in enumerate(rows, start=1):
            extra = set(row) - allowed
            if extra:
                raise _reject(
                    path,
                    f"{kind}.jsonl line {i}: fields the agreement does not release: "
                    f"{', '.join(sorted(extra))}",
                    reason="agreement",
                )


def read_package(path: Path, keyring: KeyRing, agreements: dict[str, Agreement]) -> VerifiedPackage:
    """Verify signature, trust, hashes, agreement and audit entries; then parse."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _reject(path, f"cannot read it: {exc.strerror}") from exc
    signer, kid, archive = _open_signed(path, data, keyring)
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as zf:
            contents = {name: zf.read(name) for name in zf.namelist()}
        manifest = Manifest.model_validate_json(contents.pop("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValidationError, ValueError) as exc:
        raise _reject(path, f"archive or manifest unreadable ({exc})") from exc
    if manifest.sender != signer:
        raise _reject(path, f"manifest names sender {manifest.sender}, signed by {signer}")
    listed = {f"{kind}.jsonl" for kind in manifest.parts}
    if set(contents) != listed:
        raise _reject(path, f"parts {sorted(contents)} differ from the manifest's {sorted(listed)}")
    items: dict[str, list[dict[str, Any]]] = {}
    for kind, info in manifest.parts.items():
        blob = contents[f"{kind}.jsonl"]
        if hashlib.sha256(blob).hexdigest() != info.sha256:
            raise _reject(path, f"{kind}.jsonl: SHA-256 differs from the manifest", reason="hash")
        rows = [json.loads(line) for line in blob.decode("utf-8").splitlines() if line]
        if len(rows) != info.items:
            raise _reject(path, f"{kind}.jsonl: {len(rows)} items, manifest says {info.items}")
        items[kind] = rows
    agreement = agreements.get(manifest.agreement)
    if agreement is None:
        raise _reject(path, f"unknown agreement {manifest.agreement!r}", reason="agreement")
    _check_terms(path, manifest, items, agreement)
    chain = check_chain(manifest.audit, start_hash=None)
    exported = [
        e
        for e in manifest.audit
        if e.action == "exchange_export" and e.target == manifest.package_id
    ]
    if not chain.ok or not exported:
        raise _reject(
            path, f"sender's audit entries do not verify ({chain.reason or 'no export entry'})"
        )
    return VerifiedPackage(manifest=manifest, items=items, key_id=kid)
