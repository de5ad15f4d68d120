"""Packages end to end on real workspace files: export, verify, import, refuse."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from exchange_world import RECEIVER, SENDER

from borderlink.audit import check_chain, entries
from borderlink.errors import ExchangeRefused, PackageRejected
from borderlink.exchange.agreement import load_agreements
from borderlink.exchange.export import ExportRequest, export_package
from borderlink.exchange.importer import import_package, local_record_id
from borderlink.exchange.keys import KeyRing
from borderlink.exchange.package import MAGIC, read_package
from borderlink.store import Store, workspace_db_path

Keys = tuple[KeyRing, KeyRing]
Spaces = tuple[Path, Path]


def _export(ws: Path, keyring: KeyRing, out: Path, **marks: str) -> Path:
    request = ExportRequest(agreement="joint-operation", sender=SENDER, receiver=RECEIVER, **marks)
    export_package(ws, request, out, keyring=keyring, actor="cli:test")
    return out


def _parts(pkg: Path) -> dict[str, bytes]:
    data = pkg.read_bytes()
    archive = data[data.index(b"\n", len(MAGIC)) + 1 :]
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_import_adds_records_as_exchange_source_with_marks(
    workspaces: Spaces, keys: Keys, tmp_path: Path
) -> None:
    pkg = _export(workspaces[0], keys[0], tmp_path / "p.blpkg")
    summary = import_package(workspaces[1], pkg, keyring=keys[1], agency=RECEIVER)
    assert summary.source == "exchange:gd_psb" and summary.counts["person_records"] > 90
    with Store.open(workspaces[1], read_only=True) as store:
        rows = store.query(
            "SELECT handling_code, source_reliability, information_grade, run_id, count(*) "
            "FROM person_records WHERE source = 'exchange:gd_psb' GROUP BY ALL"
        )
        assert rows == [("H1", "B", "2", summary.package_id, summary.counts["person_records"])]
        chen = store.query_one(
            "SELECT name, file, record_key FROM person_records WHERE record_id = ?",
            [local_record_id("exchange:gd_psb", "gd_psb/涉案人员.csv", "GDP-01")],
        )
        assert chen == ("陈志明", "gd_psb/涉案人员.csv", "GDP-01")
        assert store.count("cases", "source = 'exchange:gd_psb'") == 0  # world has no cases
        actions = [e.action for e in entries(store)]
    assert actions[-1] == "exchange_import"
    # Re-import replaces, never duplicates.
    import_package(workspaces[1], pkg, keyring=keys[1], agency=RECEIVER)
    with Store.open(workspaces[1], read_only=True) as store:
        n = store.count("person_records", "source = 'exchange:gd_psb'")
    assert n == summary.counts["person_records"]


@pytest.mark.parametrize("where", ["header", "archive", "manifest", "last"])
def test_one_changed_byte_is_refused_and_workspace_unchanged(
    workspaces: Spaces, keys: Keys, tmp_path: Path, where: str
) -> None:
    pkg = _export(workspaces[0], keys[0], tmp_path / "p.blpkg")
    data = bytearray(pkg.read_bytes())
    body = data.index(b"\n", len(MAGIC)) + 1
    pos = {
        "header": len(MAGIC) + 20,
        "archive": body + (len(data) - body) // 2,
        "manifest": data.index(b"manifest.json") + 3,
        "last": len(data) - 1,
    }[where]
    data[pos] ^= 0x01
    bad = tmp_path / "bad.blpkg"
    bad.write_bytes(bytes(data))
    before = _sha(workspace_db_path(workspaces[1]))
    with pytest.raises(PackageRejected, match=r"bad\.blpkg: package refused"):
        import_package(workspaces[1], bad, keyring=keys[1], agency=RECEIVER)
    assert _sha(workspace_db_path(workspaces[1])) == before


def test_untrusted_or_unknown_key_is_refused(
    workspaces: Spaces, keys: Keys, tmp_path: Path
) -> None:
    pkg = _export(workspaces[0], keys[0], tmp_path / "p.blpkg")
    stranger = KeyRing(tmp_path / "keys-none")
    with pytest.raises(PackageRejected, match="gd_psb' has no trusted key"):
        import_package(workspaces[1], pkg, keyring=stranger)
    # A different key trusted for gd_psb (an impostor's, or a stale one): refused too.
    rogue = KeyRing(tmp_path / "keys-rogue")
    rogue.generate(SENDER)
    rogue.export_public(SENDER, tmp_path / "rogue.pub")
    misled = KeyRing(tmp_path / "keys-misled")
    misled.trust(tmp_path / "rogue.pub", SENDER)
    with pytest.raises(PackageRejected, match="but the key trusted for gd_psb is"):
        import_package(workspaces[1], pkg, keyring=misled)
    # A package signed by the impostor's key is refused by the honest receiver.
    forged = _export(workspaces[0], rogue, tmp_path / "forged.blpkg")
    with pytest.raises(PackageRejected, match="signed with key"):
        import_package(workspaces[1], forged, keyring=keys[1])


def test_package_addressed_elsewhere_is_refused(
    workspaces: Spaces, keys: Keys, tmp_path: Path
) -> None:
    pkg = _export(workspaces[0], keys[0], tmp_path / "p.blpkg")
    with pytest.raises(PackageRejected, match="addressed to hk_police, this workspace is hk_immd"):
        import_package(workspaces[1], pkg, keyring=keys[1], agency="hk_immd")


def test_unreleased_fields_are_absent_from_the_package(
    workspaces: Spaces, keys: Keys, tmp_path: Path
) -> None:
    pkg = _export(workspaces[0], keys[0], tmp_path / "p.blpkg")
    raw = pkg.read_bytes()
    records = [json.loads(x) for x in _parts(pkg)["person_records.jsonl"].splitlines()]
    assert all("address" not in r and "remarks" not in r for r in records)
    for secret in ("秘密路", "线人提供", "内部备注", "深圳市某处"):
        assert secret.encode() not in b"".join(_parts(pkg).values())
    migrant = next(r for r in records if r["record_key"] == "GDP-X1")
    assert "phone" not in migrant and "id_number" not in migrant  # withheld for migrants
    organiser = next(r for r in records if r["record_key"] == "GDP-01")
    assert organiser["phone"] == "+8613812345678" and organiser["handling_code"] == "H1"
    assert b"PRIVATE KEY" not in raw


def test_a_field_the_agreement_does_not_release_is_refused_by_the_receiver(
    workspaces: Spaces, keys: Keys, tmp_path: Path
) -> None:
    """A sender who edits its own package to smuggle a field in is stopped at import."""
    from borderlink.exchange.package import Manifest, PartInfo, build_archive, seal

    pkg = _export(workspaces[0], keys[0], tmp_path / "p.blpkg")
    parts = _parts(pkg)
    manifest = Manifest.model_validate_json(parts.pop("manifest.json"))
    rows = [json.loads(x) for x in parts["person_records.jsonl"].splitlines()]
    rows[0]["address"] = "somewhere"
    blob = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    parts["person_records.jsonl"] = blob
    infos = dict(manifest.parts)
    infos["person_records"] = PartInfo(sha256=hashlib.sha256(blob).hexdigest(), items=len(rows))
    manifest = manifest.model_copy(update={"parts": infos})
    kinds = {k.removesuffix(".jsonl"): v for k, v in parts.items()}
    bad = tmp_path / "extra.blpkg"
    bad.write_bytes(seal(keys[0], SENDER, build_archive(manifest, kinds)))
    with pytest.raises(PackageRejected, match="does not release: address"):
        import_package(workspaces[1], bad, keyring=keys[1])


def test_sender_audit_entry_travels_and_verifies(
    workspaces: Spaces, keys: Keys, tmp_path: Path
) -> None:
    pkg = _export(workspaces[0], keys[0], tmp_path / "p.blpkg")
    verified = read_package(pkg, keys[1], load_agreements())
    (entry,) = verified.manifest.audit
    assert entry.action == "exchange_export" and entry.target == verified.manifest.package_id
    assert check_chain([entry], start_hash=None).ok
    with Store.open(workspaces[0], read_only=True) as store:
        assert entries(store, action="exchange_export")[-1] == entry
        sent = store.query_one("SELECT direction, receiver FROM exchange_packages")
    assert sent == ("sent", RECEIVER)
    assert json.loads(entry.details)["parts"]["person_records"] == (
        verified.manifest.parts["person_records"].sha256
    )


def test_h2_item_cannot_be_reexported(workspaces: Spaces, keys: Keys, tmp_path: Path) -> None:
    pkg = _export(workspaces[0], keys[0], tmp_path / "p.blpkg", handling_code="H2")
    import_package(workspaces[1], pkg, keyring=keys[1], agency=RECEIVER)
    keys[1].export_public(RECEIVER, tmp_path / "hk.pub")
    onward = ExportRequest(
        agreement="joint-operation", sender=RECEIVER, receiver="yn_psb", include_received=True
    )
    with pytest.raises(ExchangeRefused, match=r"under H2 \(No onward dissemination"):
        export_package(workspaces[1], onward, tmp_path / "onward.blpkg", keyring=keys[1])
    assert not (tmp_path / "onward.blpkg").exists()
    with Store.open(workspaces[1], read_only=True) as store:
        assert entries(store)[-1].action == "exchange_export_refused"
    # Without received items the export goes, and holds none of gd_psb's.
    own = onward.model_copy(update={"include_received": False})
    export_package(workspaces[1], own, tmp_path / "own.blpkg", keyring=keys[1])
    text = _parts(tmp_path / "own.blpkg")["person_records.jsonl"].decode()
    assert "exchange:" not in text and "GDP-01" not in text and "HKP-01" in text
