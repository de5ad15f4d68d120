"""The import run against a real DuckDB file: counts, provenance, atomicity, idempotence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import GD_PERSONS, write_csv
from openpyxl import load_workbook

from borderlink.errors import InvalidRequest, MappingError, SourceError
from borderlink.ingest import ingest_export, workspace_status
from borderlink.store import Store

TABLES = (
    "cases",
    "person_records",
    "exhibits",
    "calls",
    "report_files",
    "quarantine",
    "value_issues",
    "import_files",
    "import_runs",
)
RECORDS = (
    "cases",
    "person_records",
    "exhibits",
    "calls",
    "report_files",
    "quarantine",
    "value_issues",
)


def snapshot(ws: Path, tables: tuple[str, ...] = TABLES) -> dict[str, list[Any]]:
    with Store.open(ws) as store:
        return {t: sorted(map(repr, store.query(f"SELECT * FROM {t}"))) for t in tables}


def test_counts_add_up_for_every_file(delivery: Path, tmp_path: Path) -> None:
    summary = ingest_export(delivery, tmp_path / "ws")
    assert summary.read == 29 and summary.imported == 25 and summary.quarantined == 4
    with Store.open(tmp_path / "ws") as store:
        for f in summary.files:
            assert f.read == f.imported + f.quarantined
            table = (
                "person_records"
                if "人员" in f.file or f.file in ("persons.csv", "enforcement.jsonl")
                else None
            )
            if table is not None:
                n = store.count(table, "source = ? AND file = ?", [f.source, f.file])
                assert n == f.imported
            q = store.count("quarantine", "source = ? AND file = ?", [f.source, f.file])
            assert q == f.quarantined
        assert store.count("person_records") == 4 + 2 + 2 + 3 + 2


def test_truth_and_unknown_folders_are_not_read(delivery: Path, tmp_path: Path) -> None:
    summary = ingest_export(delivery, tmp_path / "ws")
    assert "truth" not in {f.source for f in summary.files}
    assert summary.notices == ["skipped folder scratch/: no mapping for a source of that name"]


def test_provenance_complete_and_record_keys_as_truth(delivery: Path, tmp_path: Path) -> None:
    ingest_export(delivery, tmp_path / "ws")
    with Store.open(tmp_path / "ws") as store:
        for table in ("cases", "person_records", "exhibits", "calls", "report_files"):
            nulls = store.scalar(
                f"SELECT count(*) FROM {table} WHERE record_id IS NULL OR source IS NULL OR "
                "file IS NULL OR path IS NULL OR record_key IS NULL OR row_number IS NULL OR "
                "run_id IS NULL OR length(file_sha256) <> 64"
            )
            assert nulls == 0
        keys = {
            (r[0], r[1], r[2])
            for r in store.query("SELECT source, file, record_key FROM person_records")
        }
    assert ("gd_psb", "涉案人员.csv", "GDP-0000001") in keys
    assert ("gx_psb", "涉案人员登记.csv", "row:2") in keys
    assert ("yn_psb", "人员", "row:3") in keys
    assert ("hk_police", "persons.csv", "P2") in keys
    assert ("hk_immd", "enforcement.jsonl", "IMMD-2018-77121") in keys


def test_invalid_values_kept_as_written_and_flagged(delivery: Path, tmp_path: Path) -> None:
    ingest_export(delivery, tmp_path / "ws")
    with Store.open(tmp_path / "ws") as store:
        row = store.query_dicts(
            "SELECT id_raw, id_number, id_valid FROM person_records WHERE record_key='GDP-0000004'"
        )
        assert row == [
            {"id_raw": "110105194912310021", "id_number": "110105194912310021", "id_valid": False}
        ]
        hk = store.query_dicts(
            "SELECT record_key, id_number, id_valid, phone, phone_raw, "
            "phone_valid, dob, dob_raw FROM person_records "
            "WHERE source='hk_police' ORDER BY record_key"
        )
        assert hk[0]["id_number"] == "A1234563" and hk[0]["id_valid"] is True
        assert hk[0]["phone"] == "+85291234567"
        assert hk[2]["id_valid"] is False and hk[2]["phone"] is None
        assert hk[2]["phone_raw"] == "not a phone" and hk[2]["phone_valid"] is False
        assert hk[2]["dob"] is None and hk[2]["dob_raw"] == "31/31/1990"
        issues = store.count(
            "value_issues",
            "record_id IN (SELECT record_id FROM person_records"
            " WHERE source='hk_police' AND record_key='P3')",
        )
        assert issues == 3


def test_gx_flat_file_yields_cases_people_and_vehicles(delivery: Path, tmp_path: Path) -> None:
    ingest_export(delivery, tmp_path / "ws")
    with Store.open(tmp_path / "ws") as store:
        cases = store.query_dicts(
            "SELECT case_no, opened, offence FROM cases WHERE source='gx_psb'"
        )
        assert [c["case_no"] for c in cases] == ["GX-2018-00011"]
        assert cases[0]["offence"] == "transporting" and str(cases[0]["opened"]) == "2018-03-05"
        veh = store.query_dicts(
            "SELECT identifier, holder_record_id FROM exhibits WHERE source='gx_psb'"
        )
        holder = store.scalar(
            "SELECT record_id FROM person_records WHERE source='gx_psb' AND record_key='row:2'"
        )
        assert veh == [{"identifier": "桂A12345", "holder_record_id": holder}]
        gd_holder = store.scalar(
            "SELECT count(*) FROM exhibits e JOIN person_records p ON "
            "p.record_id = e.holder_record_id WHERE e.source='gd_psb'"
        )
        assert gd_holder == 1


def test_same_delivery_twice_changes_nothing(delivery: Path, tmp_path: Path) -> None:
    ingest_export(delivery, tmp_path / "ws")
    before = snapshot(tmp_path / "ws", RECORDS)
    second = ingest_export(delivery, tmp_path / "ws")
    assert {f.action for f in second.files} == {"unchanged"}
    assert snapshot(tmp_path / "ws", RECORDS) == before
    assert len(workspace_status(tmp_path / "ws").runs) == 2


def test_corrected_redelivery_replaces_that_file(delivery: Path, tmp_path: Path) -> None:
    ingest_export(delivery, tmp_path / "ws")
    header = [
        "案件编号",
        "人员编号",
        "姓名",
        "性别",
        "出生日期",
        "证件类型",
        "证件号码",
        "国籍",
        "手机号码",
        "涉案身份",
        "处理结果",
    ]
    write_csv(delivery / "gd_psb" / "涉案人员.csv", header, GD_PERSONS[:2], "utf-8-sig")
    second = ingest_export(delivery, tmp_path / "ws")
    actions = {f.file: f.action for f in second.files if f.source == "gd_psb"}
    assert actions == {
        "案件.csv": "unchanged",
        "涉案人员.csv": "replaced",
        "涉案物品.csv": "unchanged",
    }
    with Store.open(tmp_path / "ws") as store:
        assert store.count("person_records", "source='gd_psb'") == 2
        assert store.count("quarantine", "source='gd_psb'") == 0
        history = store.query(
            "SELECT action FROM import_files WHERE file='涉案人员.csv' ORDER BY imported_at"
        )
    assert [h[0] for h in history] == ["new", "replaced"]


def test_absent_optional_column_imports_rows_and_is_recorded(
    delivery: Path, tmp_path: Path
) -> None:
    header = ["案件编号", "人员编号", "姓名", "性别", "出生日期", "证件类型", "证件号码", "国籍"]
    rows = [r[:8] for r in GD_PERSONS[:2]]  # no 手机号码, 涉案身份, 处理结果
    write_csv(delivery / "gd_psb" / "涉案人员.csv", header, rows, "utf-8-sig")
    notices: list[str] = []
    summary = ingest_export(delivery, tmp_path / "ws", sources=["gd_psb"], notice=notices.append)
    persons = next(f for f in summary.files if f.file == "涉案人员.csv")
    assert (persons.read, persons.imported, persons.quarantined) == (2, 2, 0)
    assert persons.absent_columns == ["处理结果", "手机号码", "涉案身份"]
    assert any("gd_psb/涉案人员.csv: no column 处理结果, 手机号码, 涉案身份" in n for n in notices)
    with Store.open(tmp_path / "ws") as store:
        got = store.query(
            "SELECT name, phone, role FROM person_records WHERE source='gd_psb' ORDER BY name"
        )
    assert got == [("阮文雄", None, None), ("陈志明", None, None)]
    status = workspace_status(tmp_path / "ws")
    assert status.absent_columns == [
        {"source": "gd_psb", "file": "涉案人员.csv", "absent_columns": "处理结果;手机号码;涉案身份"}
    ]
    again = ingest_export(delivery, tmp_path / "ws", sources=["gd_psb"])
    unchanged = next(f for f in again.files if f.file == "涉案人员.csv")
    assert unchanged.action == "unchanged" and unchanged.absent_columns == persons.absent_columns


def test_renamed_column_stops_the_import(delivery: Path, tmp_path: Path) -> None:
    ingest_export(delivery, tmp_path / "ws")
    before = snapshot(tmp_path / "ws")
    header = ["案件编号", "人员编号", "姓名", "性别", "生日", "证件类型", "证件号码", "国籍"]
    header += ["手机号码", "涉案身份", "处理结果"]
    write_csv(delivery / "gd_psb" / "涉案人员.csv", header, GD_PERSONS[:2], "utf-8-sig")
    with pytest.raises(
        SourceError, match=r"^gd_psb/涉案人员.csv: missing mapped column\(s\) 出生日期 .*: 生日"
    ):
        ingest_export(delivery, tmp_path / "ws")
    assert snapshot(tmp_path / "ws") == before


def test_unreadable_file_leaves_workspace_unchanged(delivery: Path, tmp_path: Path) -> None:
    ingest_export(delivery, tmp_path / "ws")
    before = snapshot(tmp_path / "ws")
    write_csv(
        delivery / "hk_police" / "persons.csv", ["case_no", "name_en"], [["HKP-1", "X"]], "utf-8"
    )
    (delivery / "gd_psb" / "涉案人员.csv").write_text("人员编号,姓名\nB,X\n", encoding="utf-8")
    with pytest.raises(
        SourceError,
        match=r"^(gd_psb/涉案人员.csv: missing required column.*案件编号|"
        r"hk_police/persons.csv: missing required column.*person_ref)",
    ):
        ingest_export(delivery, tmp_path / "ws")
    assert snapshot(tmp_path / "ws") == before


def test_wrong_encoding_stops_the_import(delivery: Path, tmp_path: Path) -> None:
    path = delivery / "gx_psb" / "涉案人员登记.csv"
    path.write_bytes(path.read_bytes().decode("gb18030").encode("utf-16"))
    with pytest.raises(SourceError, match=r"涉案人员登记\.csv"):
        ingest_export(delivery, tmp_path / "ws", sources=["gx_psb"])


def test_truncated_xlsx_stops_the_import(delivery: Path, tmp_path: Path) -> None:
    path = delivery / "yn_psb" / "人员案件2018.xlsx"
    path.write_bytes(path.read_bytes()[:500])
    with pytest.raises(SourceError, match=r"人员案件2018\.xlsx"):
        ingest_export(delivery / "yn_psb", tmp_path / "ws")


def test_json_array_instead_of_json_lines_leaves_workspace_unchanged(
    delivery: Path, tmp_path: Path
) -> None:
    ingest_export(delivery, tmp_path / "ws")
    before = snapshot(tmp_path / "ws")
    path = delivery / "hk_immd" / "enforcement.jsonl"
    objects = [{"record_id": "IMMD-2018-1", "event": "overstay", "surname": "NGUYEN"}] * 2
    path.write_text(json.dumps(objects, indent=2), encoding="utf-8")
    with pytest.raises(SourceError, match=r"^hk_immd/enforcement.jsonl: .*not JSON Lines"):
        ingest_export(delivery, tmp_path / "ws")
    assert snapshot(tmp_path / "ws") == before


def test_missing_sheet_names_workbook_and_sheet(delivery: Path, tmp_path: Path) -> None:
    path = delivery / "yn_psb" / "人员案件2018.xlsx"
    wb = load_workbook(path)
    wb["人员"].title = "people"
    wb.save(path)
    with pytest.raises(SourceError, match=r"人员案件2018\.xlsx: missing sheet '人员'"):
        ingest_export(delivery, tmp_path / "ws")
    with Store.open(tmp_path / "ws") as store:
        assert not store.table_exists("person_records") or store.count("person_records") == 0


def test_dry_run_writes_no_records(delivery: Path, tmp_path: Path) -> None:
    summary = ingest_export(delivery, tmp_path / "ws", dry_run=True)
    assert summary.imported == 25
    assert not (tmp_path / "ws").exists()  # not even an empty database
    ingest_export(delivery, tmp_path / "ws", sources=["gd_psb"])
    before = snapshot(tmp_path / "ws")
    again = ingest_export(delivery, tmp_path / "ws", dry_run=True)
    assert again.dry_run and snapshot(tmp_path / "ws") == before


def test_unknown_source_option_is_rejected(delivery: Path, tmp_path: Path) -> None:
    with pytest.raises(InvalidRequest, match="nope"):
        ingest_export(delivery, tmp_path / "ws", sources=["nope"])


def test_user_mapping_reads_a_new_source(tmp_path: Path) -> None:
    folder = tmp_path / "macau_psp"
    write_csv(
        folder / "people.csv",
        ["processo", "nome", "telefone", "nascimento"],
        [["MO-1", "CHAN Tai Man", "+853 6612 3456", "1980-01-02"], ["", "X", "", ""]],
        "utf-8",
    )
    mapping = tmp_path / "macau.yaml"
    mapping.write_text(
        "source: macau_psp\nregion: HK\nphone_region: MO\nfiles:\n  people:\n"
        "    file: people.csv\n    format: csv\n    table: person_records\n    key: {row: true}\n"
        "    fields:\n      case_no: {column: processo, required: true}\n"
        "      name: {column: nome, type: name}\n      phone: {column: telefone, type: phone}\n"
        "      dob: {column: nascimento, type: date}\n",
        encoding="utf-8",
    )
    summary = ingest_export(folder, tmp_path / "ws", mapping=mapping)
    assert [(f.read, f.imported, f.quarantined) for f in summary.files] == [(2, 1, 1)]
    with Store.open(tmp_path / "ws") as store:
        assert store.query("SELECT phone, name_script FROM person_records") == [
            ("+85366123456", "latin")
        ]


def test_user_mapping_date_formats_decide_day_and_month(tmp_path: Path) -> None:
    folder = tmp_path / "us_cbp"
    write_csv(
        folder / "people.csv",
        ["case", "dob"],
        [["C-1", "03/12/1985"], ["C-2", "1990"], ["C-3", "31/12/1990"]],
        "utf-8",
    )
    mapping = tmp_path / "us.yaml"
    mapping.write_text(
        "source: us_cbp\nfiles:\n  people:\n    file: people.csv\n    format: csv\n"
        "    table: person_records\n    key: {row: true}\n    fields:\n"
        "      case_no: {column: case, required: true}\n"
        "      dob: {column: dob, type: date, formats: ['%m/%d/%Y', '%Y']}\n",
        encoding="utf-8",
    )
    ingest_export(folder, tmp_path / "ws", mapping=mapping)
    with Store.open(tmp_path / "ws") as store:
        rows = store.query("SELECT case_no, dob, dob_precision FROM person_records ORDER BY 1")
        issues = store.query('SELECT "column", raw_value, reason FROM value_issues')
    assert [(c, str(d), p) for c, d, p in rows] == [
        ("C-1", "1985-03-12", "day"),
        ("C-2", "1990-01-01", "year"),
        ("C-3", "None", None),
    ]
    assert issues == [("dob", "31/12/1990", "unparseable date")]


def test_bad_user_mapping_names_file_and_path(tmp_path: Path) -> None:
    mapping = tmp_path / "bad.yaml"
    mapping.write_text(
        "source: x\nfiles:\n  persons:\n    file: p.csv\n    format: csv\n"
        "    table: person_records\n    key: {row: true}\n"
        "    fields:\n      dob: {column: d, type: datum}\n      shoe_size: {column: s}\n",
        encoding="utf-8",
    )
    with pytest.raises(MappingError, match=r"bad.yaml: files.persons.fields.dob.type.*datum"):
        ingest_export(tmp_path, tmp_path / "ws", mapping=mapping)
    mapping.write_text(mapping.read_text().replace("type: datum", "type: date"), encoding="utf-8")
    with pytest.raises(MappingError, match=r"bad.yaml: files.persons.fields.shoe_size"):
        ingest_export(tmp_path, tmp_path / "ws", mapping=mapping)


def test_parallel_read_matches_inline_read(
    delivery: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import borderlink.ingest.run as run

    ingest_export(delivery, tmp_path / "inline")
    monkeypatch.setattr(run, "PARALLEL_BYTES", 0)
    ingest_export(delivery, tmp_path / "pool")
    for table in ("cases", "person_records", "exhibits", "calls", "quarantine"):
        sql = f"SELECT * EXCLUDE (run_id) FROM {table} ORDER BY ALL"
        with Store.open(tmp_path / "pool") as pool, Store.open(tmp_path / "inline") as inline:
            assert pool.query(sql) == inline.query(sql)
