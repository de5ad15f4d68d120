"""Whole imports of hostile files: a clean one-line refusal or every row accounted for."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from borderlink.errors import InvalidRequest, MappingError, SourceError
from borderlink.ingest import ingest_export
from borderlink.store import Store


def _gx(delivery: Path) -> Path:
    return delivery / "gx_psb" / "涉案人员登记.csv"


def test_gx_file_without_its_optional_remarks_column_imports(
    delivery: Path, tmp_path: Path
) -> None:
    path = _gx(delivery)
    with path.open(encoding="gb18030", newline="") as fh:
        rows = list(csv.reader(fh))
    drop = rows[0].index("备注")
    with path.open("w", encoding="gb18030", newline="") as fh:
        csv.writer(fh).writerows([r[:drop] + r[drop + 1 :] for r in rows])
    summary = ingest_export(delivery, tmp_path / "ws", sources=["gx_psb"])
    persons = next(f for f in summary.files if f.source == "gx_psb")
    assert persons.absent_columns == ["备注"]
    assert persons.read == persons.imported + persons.quarantined == len(rows) - 1


def test_duplicate_header_refuses_the_import_naming_file_and_both_columns(
    delivery: Path, tmp_path: Path
) -> None:
    path = _gx(delivery)
    text = path.read_text(encoding="gb18030").replace("性别", "姓名", 1)
    path.write_text(text, encoding="gb18030")
    with pytest.raises(SourceError, match=r"^gx_psb/涉案人员登记.csv: column '姓名' appears twice"):
        ingest_export(delivery, tmp_path / "ws", sources=["gx_psb"])
    assert not (tmp_path / "ws" / "borderlink.duckdb").exists() or _count(tmp_path) == 0


def _count(tmp_path: Path) -> int:
    with Store.open(tmp_path / "ws") as store:
        return store.count("person_records") if store.table_exists("person_records") else 0


def test_stray_quote_quarantines_one_row_and_keeps_the_rest(delivery: Path, tmp_path: Path) -> None:
    before = ingest_export(delivery, tmp_path / "ws0", sources=["gx_psb"]).files[0]
    path = _gx(delivery)
    lines = path.read_text(encoding="gb18030").splitlines()
    total = len(lines) - 1
    lines[1] = lines[1].replace(",", ',"', 1)
    path.write_text("\n".join(lines) + "\n", encoding="gb18030")
    summary = ingest_export(delivery, tmp_path / "ws", sources=["gx_psb"])
    persons = next(f for f in summary.files if f.source == "gx_psb")
    assert persons.read == total == before.read
    assert persons.imported == before.imported - 1
    assert persons.quarantined == before.quarantined + 1


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing", "no such folder"),
        (lambda p: p / "gd_psb" / "案件.csv", "not a folder"),
        (lambda p: p / "truth", "no source folder to read (expected one of calls/, gd_psb/"),
    ],
)
def test_path_errors_are_one_line_and_create_nothing(
    delivery: Path, tmp_path: Path, make: Any, message: str
) -> None:
    (delivery / "truth").mkdir(exist_ok=True)
    target = make(delivery)
    with pytest.raises(SourceError, match=re.escape(message)) as info:
        ingest_export(target, tmp_path / "ws")
    assert str(target) in str(info.value) and "\n" not in str(info.value)
    assert not (tmp_path / "ws").exists()


def test_unreadable_folder_is_one_line(delivery: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    (delivery / "gd_psb").chmod(0)
    try:
        with pytest.raises(SourceError, match="cannot read folder"):
            ingest_export(delivery / "gd_psb", tmp_path / "ws")
    finally:
        (delivery / "gd_psb").chmod(0o755)


def test_symlink_out_of_the_delivery_is_refused(delivery: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("not a report", encoding="utf-8")
    (delivery / "reports" / "leak.txt").symlink_to(secret)
    with pytest.raises(SourceError, match=r"reports/leak.txt: a link to a file outside"):
        ingest_export(delivery, tmp_path / "ws")
    assert not (tmp_path / "ws").exists() or _count(tmp_path) == 0


def test_symlinked_source_folder_out_of_the_delivery_is_refused(
    delivery: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (delivery / "calls").rename(elsewhere)
    (delivery / "calls").symlink_to(elsewhere)
    with pytest.raises(SourceError, match="a link to a folder outside the delivery"):
        ingest_export(delivery, tmp_path / "ws")


@pytest.mark.parametrize("pattern", ["../../etc/passwd", "/etc/passwd", "a/../../x.csv", "~/x"])
def test_mapping_paths_stay_inside_the_source_folder(tmp_path: Path, pattern: str) -> None:
    mapping = tmp_path / "evil.yaml"
    mapping.write_text(
        "source: evil\nfiles:\n  f:\n"
        f"    file: {json.dumps(pattern)}\n"
        "    format: csv\n    table: cases\n    key: {column: id}\n"
        "    fields: {case_no: {column: id}}\n",
        encoding="utf-8",
    )
    with pytest.raises(MappingError, match=r"evil.yaml: files.f: .*(absolute|outside)"):
        ingest_export(tmp_path, tmp_path / "ws", mapping=mapping)


def _calls(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["caller,callee,start,duration_s,agency"]
    lines += [f"1381234{i:04d},+85261234567,2018-02-11T23:14:05+08:00,{i},gd_psb" for i in range(n)]
    (folder / "calls.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_truncated_redelivery_needs_allow_shrink(tmp_path: Path) -> None:
    folder, ws = tmp_path / "calls", tmp_path / "ws"
    _calls(folder, 491)
    ingest_export(folder, ws)
    _calls(folder, 2)
    with pytest.raises(
        InvalidRequest, match=r"allow_shrink: calls/calls.csv: this delivery has 2 rows .* had 491"
    ):
        ingest_export(folder, ws)
    with Store.open(ws) as store:
        assert store.count("calls") == 491
    summary = ingest_export(folder, ws, allow_shrink=True)
    assert summary.files[0].action == "replaced"
    with Store.open(ws) as store:
        assert store.count("calls") == 2


def test_moderate_shrink_and_small_files_replace_without_the_flag(tmp_path: Path) -> None:
    folder, ws = tmp_path / "calls", tmp_path / "ws"
    _calls(folder, 20)
    ingest_export(folder, ws)
    _calls(folder, 11)
    assert ingest_export(folder, ws).files[0].action == "replaced"


def test_case_dated_before_the_delivery_period_is_imported_with_a_value_issue(
    delivery: Path, tmp_path: Path
) -> None:
    from borderlink.ingest import quarantined_rows

    path = delivery / "gd_psb" / "案件.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("2017-04-01", "1997-04-01"))
    summary = ingest_export(delivery, tmp_path / "ws", sources=["gd_psb"])
    cases = next(f for f in summary.files if f.file == "案件.csv")
    assert cases.read == cases.imported == 2
    flagged = [
        (r["row_number"], r["column"], r["raw_value"], r["reason"])
        for r in quarantined_rows(tmp_path / "ws", issues=True, limit=1000)
        if r["file"] == "案件.csv"
    ]
    assert flagged == [
        (3, "opened", "1997-04-01", "event date before the delivery's period (from 2000-01-01)")
    ]
    with Store.open(tmp_path / "ws", read_only=True) as store:
        kept = store.scalar("SELECT opened FROM cases WHERE case_no = 'GD-2017-00422'")
    assert str(kept) == "1997-04-01"


def test_quotes_in_file_names_and_values_are_data_not_sql(delivery: Path, tmp_path: Path) -> None:
    """SQL channel: a file name or a value holding `'; DROP TABLE` is bound, never formatted."""
    evil = "x'; DROP TABLE person_records; --"
    (delivery / "yn_psb" / "人员案件2018.xlsx").rename(delivery / "yn_psb" / f"{evil}.xlsx")
    (delivery / "reports" / "r1.txt").rename(delivery / "reports" / f"{evil}.txt")
    path = delivery / "gd_psb" / "涉案人员.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("陈志明", evil), "utf-8-sig")
    summary = ingest_export(delivery, tmp_path / "ws")
    assert all(f.read == f.imported + f.quarantined for f in summary.files)
    with Store.open(tmp_path / "ws", read_only=True) as store:
        assert store.count("person_records", "source = 'yn_psb'") > 0
        assert store.count("person_records", "name = ?", [evil]) == 1
        assert store.count("report_files", "file = ?", [f"{evil}.txt"]) == 1
    # a second import of the same files finds them unchanged by their quoted names
    again = ingest_export(delivery, tmp_path / "ws")
    assert {f.action for f in again.files} == {"unchanged"}
