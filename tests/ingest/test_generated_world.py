"""Ingest of a whole generated world (borderlink.synth, small scale) against its truth/.

Input rows are counted here from the files themselves (csv, json, openpyxl), never
from the ingest code, so the counts checked are independent of what is tested.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from borderlink.ingest import ingest_export, workspace_status
from borderlink.store import Store
from borderlink.synth import generate

RECORD_TABLES = ("cases", "person_records", "exhibits", "calls", "report_files")
SOURCES = ("gd_psb", "gx_psb", "yn_psb", "hk_police", "hk_immd", "calls", "reports")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("world")
    generate(root / "export", seed=7, scale=600)
    ingest_export(root / "export", root / "ws")
    return root / "export", root / "ws"


def _data_rows(path: Path, encoding: str) -> int:
    with path.open(encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    return sum(1 for r in rows if any(v.strip() for v in r))


def input_rows(export: Path) -> dict[tuple[str, str], int]:
    """(source, file or sheet) -> data rows, read straight from the delivery."""
    counts: dict[tuple[str, str], int] = {}
    encodings = {"gd_psb": "utf-8-sig", "gx_psb": "gb18030"}
    for folder in sorted(p for p in export.iterdir() if p.is_dir() and p.name in SOURCES):
        for path in sorted(folder.rglob("*")):
            if path.suffix == ".csv":
                enc = encodings.get(folder.name, "utf-8-sig")
                counts[(folder.name, path.name)] = _data_rows(path, enc)
            elif path.suffix == ".jsonl":
                lines = path.read_text("utf-8").splitlines()
                counts[(folder.name, path.name)] = sum(1 for line in lines if line.strip())
            elif path.suffix == ".xlsx":
                wb = load_workbook(path, read_only=True)
                for ws in wb.worksheets:
                    rows = list(ws.iter_rows(min_row=2, values_only=True))
                    n = sum(1 for r in rows if any(v not in (None, "") for v in r))
                    counts[(folder.name, ws.title)] = n
                wb.close()
            elif path.suffix in (".txt", ".md"):
                counts[(folder.name, path.name)] = 1
    return counts


def truth_records(export: Path) -> Counter[tuple[str, str, str]]:
    with (export / "truth" / "records.csv").open(encoding="utf-8", newline="") as fh:
        return Counter((r["source"], r["file"], r["record_key"]) for r in csv.DictReader(fh))


def test_every_person_row_is_imported_with_the_truth_record_key(world: tuple[Path, Path]) -> None:
    export, ws = world
    truth = truth_records(export)
    with Store.open(ws) as store:
        got = Counter(store.query("SELECT source, file, record_key FROM person_records"))
        quarantined = store.count("quarantine")
    assert quarantined == 0  # a generated world is clean: every row must be a record
    assert len(truth) > 300
    assert got == truth
    assert {s for s, _, _ in truth} == {"gd_psb", "gx_psb", "yn_psb", "hk_police", "hk_immd"}


def test_provenance_complete_and_file_hashes_match(world: tuple[Path, Path]) -> None:
    export, ws = world
    with Store.open(ws) as store:
        for table in RECORD_TABLES:
            assert store.count(table) > 0, table
            nulls = store.scalar(
                f"SELECT count(*) FROM {table} WHERE record_id IS NULL OR source IS NULL OR "
                "file IS NULL OR path IS NULL OR record_key IS NULL OR row_number IS NULL OR "
                "run_id IS NULL OR file_sha256 IS NULL"
            )
            assert nulls == 0, table
            dup = store.scalar(f"SELECT count(*) - count(DISTINCT record_id) FROM {table}")
            assert dup == 0, table
        hashes = store.query("SELECT DISTINCT source, path, file_sha256 FROM person_records")
        runs = store.scalar("SELECT count(DISTINCT run_id) FROM person_records")
    assert runs == 1
    assert len(hashes) == 5
    for source, path, sha in hashes:
        assert hashlib.sha256((export / source / path).read_bytes()).hexdigest() == sha


def test_imported_plus_quarantined_equals_input_rows_per_file(world: tuple[Path, Path]) -> None:
    export, ws = world
    expected = input_rows(export)
    with Store.open(ws) as store:
        files = store.query(
            "SELECT source, file, rows_read, rows_imported, rows_quarantined FROM import_files"
        )
    got = {(s, f): (r, i, q) for s, f, r, i, q in files}
    assert set(got) == set(expected)
    for key, (read, imported, quarantined) in got.items():
        assert read == expected[key] == imported + quarantined, key


def test_status_agrees_with_the_files(world: tuple[Path, Path]) -> None:
    export, ws = world
    expected = input_rows(export)
    status = workspace_status(ws)
    assert len(status.runs) == 1
    assert status.runs[0]["rows_read"] == sum(expected.values())
    persons = {(r["source"], r["file"]): r["rows"] for r in status.rows}
    by_file = Counter((s, f) for s, f, _ in truth_records(export).elements())
    for (source, file), n in by_file.items():
        rows = [r for r in status.rows if (r["source"], r["file"]) == (source, file)]
        assert [r["rows"] for r in rows if r["table_name"] == "person_records"] == [n]
    assert persons[("calls", "calls.csv")] == expected[("calls", "calls.csv")]
    assert status.quarantine == []


def test_foreign_passports_in_mainland_files_are_passports(world: tuple[Path, Path]) -> None:
    _, ws = world
    with Store.open(ws) as store:
        hkids = store.count(
            "person_records",
            "source IN ('gx_psb', 'yn_psb', 'gd_psb') AND id_type = 'hkid' "
            "AND coalesce(nationality, '') <> 'HKG'",
        )
        passports = store.count(
            "person_records",
            "source IN ('gx_psb', 'yn_psb') AND id_type = 'passport' "
            "AND nationality NOT IN ('CHN', 'HKG')",
        )
        reasons = [
            r[0]
            for r in store.query("SELECT reason FROM value_issues WHERE \"column\" = 'id_number'")
        ]
    assert hkids == 0
    assert passports > 5
    for reason in reasons:
        assert re.match(r"invalid (resident ID|HKID|mainland ID): ", reason), reason


def test_unparseable_phones_are_kept_as_written_and_flagged(world: tuple[Path, Path]) -> None:
    _, ws = world
    with Store.open(ws) as store:
        rows = store.query_dicts(
            "SELECT record_id, phone, phone_raw, phone_valid FROM person_records "
            "WHERE phone_raw IS NOT NULL"
        )
        issues = store.query(
            "SELECT record_id, raw_value, reason FROM value_issues WHERE \"column\" = 'phone'"
        )
        # a number without country code placed in another country is noted, not invalid
        flagged = {(r[0], r[1]) for r in issues if ": read in " not in r[2]}
        noted = {(r[0], r[1]) for r in issues if ": read in " in r[2]}
        bad_foreign = store.count(
            "person_records",
            "phone_valid = false AND nationality NOT IN ('CHN', 'HKG')",
        )
    invalid = [r for r in rows if r["phone"] is None]
    assert invalid and bad_foreign > 0
    for r in invalid:
        assert r["phone_valid"] is False and (r["record_id"], r["phone_raw"]) in flagged
    for r in rows:
        if r["phone"] is not None:
            assert r["phone_valid"] is True
            digits = re.sub(r"\D", "", r["phone_raw"]).lstrip("0")
            assert r["phone"].endswith(digits[-7:]), r  # read, not rewritten
    assert len(flagged) == len(invalid)
    placed = [r for r in rows if (r["record_id"], r["phone_raw"]) in noted]
    assert placed and all(r["phone_valid"] is True for r in placed)


def test_hong_kong_english_names_are_split_and_kept(world: tuple[Path, Path]) -> None:
    export, ws = world
    with (export / "hk_police" / "persons.csv").open(encoding="utf-8", newline="") as fh:
        written = {r["person_ref"]: r["name_en"] for r in csv.DictReader(fh)}
    with Store.open(ws) as store:
        rows = store.query(
            "SELECT record_key, name, surname, given_names FROM person_records "
            "WHERE source = 'hk_police'"
        )
    split = 0
    for key, name, surname, given in rows:
        assert name == written[key].strip()
        head = re.match(r"^((?:[A-Z][A-Z'-]+ )+)(?=\S*[a-z])", name)
        if head is None:
            assert surname is None and given is None
            continue
        split += 1
        assert surname == head.group(1).strip()
        assert f"{surname} {given}" == " ".join(name.split())
    assert split > len(rows) // 2


def test_generated_world_reimported_changes_nothing(
    world: tuple[Path, Path], tmp_path: Path
) -> None:
    export, ws = world
    with Store.open(ws) as store:
        before = {t: store.query(f"SELECT * FROM {t} ORDER BY ALL") for t in RECORD_TABLES}
    summary = ingest_export(export, ws)
    assert {f.action for f in summary.files} == {"unchanged"}
    with Store.open(ws) as store:
        assert {t: store.query(f"SELECT * FROM {t} ORDER BY ALL") for t in RECORD_TABLES} == before
        assert store.count("import_runs") == 2
    # JSON of the Immigration events round-trips: one record per object
    events = (export / "hk_immd" / "enforcement.jsonl").read_text("utf-8").splitlines()
    assert len([json.loads(e) for e in events if e.strip()]) == len(
        [k for k in truth_records(export) if k[0] == "hk_immd"]
    )
