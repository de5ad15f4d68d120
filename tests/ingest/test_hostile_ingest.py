"""Whole imports of hostile files: a clean one-line refusal or every row accounted for."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from borderlink.errors import SourceError
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
