"""Readers under malformed input: only SourceError, and every row accounted for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from borderlink.errors import SourceError
from borderlink.sources.base import BadRow, Row
from borderlink.sources.csv_reader import CsvSource
from borderlink.sources.jsonl_reader import JsonlSource, get_path
from borderlink.sources.text_reader import read_report
from borderlink.sources.xlsx_reader import XlsxSource

FAST = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _count_rows_csv(data: bytes, encoding: str) -> int:
    """Non-blank records a spreadsheet would show after the header."""
    text = data.decode(encoding, "surrogateescape")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text, newline="")))
    return sum(1 for r in rows[1:] if r and any(v.strip() for v in r))


@FAST
@given(body=st.binary(max_size=400), encoding=st.sampled_from(["utf-8-sig", "gb18030"]))
def test_csv_reader_malformed_bytes_only_source_error(
    tmp_path: Path, body: bytes, encoding: str
) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes("a,b\n".encode(encoding) + body)
    try:
        source = CsvSource(path, encoding)
        rows = list(source.rows())
    except SourceError:
        return
    assert all(isinstance(r, (Row, BadRow)) for r in rows)
    assert len(rows) == _count_rows_csv(path.read_bytes(), encoding)


@FAST
@given(
    lines=st.lists(
        st.one_of(
            st.dictionaries(
                st.sampled_from(["record_id", "a", "b"]), st.text(max_size=5), max_size=3
            ).map(lambda d: json.dumps(d).encode()),
            st.binary(max_size=30).filter(lambda b: b"\n" not in b and b"\r" not in b),
        ),
        max_size=8,
    )
)
def test_jsonl_reader_every_line_is_row_or_bad_row(tmp_path: Path, lines: list[bytes]) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    try:
        rows = list(JsonlSource(path).rows())
    except SourceError:
        return
    non_blank = sum(1 for line in lines if line.strip())
    assert len(rows) == non_blank


@FAST
@given(cut=st.integers(min_value=0, max_value=5000))
def test_xlsx_reader_truncated_workbook_only_source_error(tmp_path: Path, cut: int) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "人员"
    ws.append(["a", "b"])
    for i in range(30):
        ws.append([f"x{i}", i])
    full = tmp_path / "full.xlsx"
    wb.save(full)
    path = tmp_path / "cut.xlsx"
    data = full.read_bytes()
    path.write_bytes(data[: min(cut, len(data) - 1)])
    try:
        rows = list(XlsxSource(path, "人员").rows())
    except SourceError:
        return
    assert len(rows) == 30  # a readable cut keeps every row


def test_xlsx_reader_missing_sheet_names_it(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "案件"
    wb.save(tmp_path / "w.xlsx")
    with pytest.raises(SourceError, match=r"w\.xlsx: missing sheet '人员'"):
        XlsxSource(tmp_path / "w.xlsx", "人员")


def test_csv_reader_undecodable_row_is_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "gx.csv"
    path.write_bytes(
        "姓名,性别\n黄文强,男\n".encode("gb18030")
        + b"\xff\xfe\xff,x\n"
        + "阮氏梅,女\n".encode("gb18030")
    )
    rows = list(CsvSource(path, "gb18030").rows())
    assert [type(r).__name__ for r in rows] == ["Row", "BadRow", "Row"]
    assert rows[1].number == 3 and "undecodable" in rows[1].reason
    assert isinstance(rows[2], Row) and rows[2].values == {"姓名": "阮氏梅", "性别": "女"}


def test_csv_reader_utf8_bom_header_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "gd.csv"
    path.write_bytes("案件编号,x\nGD-1,2\n".encode("utf-8-sig"))
    source = CsvSource(path, "utf-8-sig")
    assert source.header == ["案件编号", "x"]


def test_get_path_reads_nested_values() -> None:
    values = {"travel_document": {"number": "C1"}, "x": None}
    assert get_path(values, "travel_document.number") == "C1"
    assert get_path(values, "x.y") is None


def test_read_report_detects_language_and_status(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("广东警方破获案件15起", encoding="gb18030")
    (tmp_path / "b.txt").write_bytes(b"")
    zh = read_report(tmp_path / "a.txt")
    assert (zh["language"], zh["encoding"], zh["status"]) == ("zh", "gb18030", "ok")
    assert read_report(tmp_path / "b.txt")["status"] == "empty"


def test_jsonl_reader_json_array_is_not_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "enforcement.jsonl"
    path.write_text(json.dumps([{"record_id": "A"}, {"record_id": "B"}], indent=2))
    with pytest.raises(SourceError, match=r"^enforcement.jsonl: .*not JSON Lines"):
        JsonlSource(path)


def test_jsonl_reader_header_is_union_of_keys(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_text('{"a": 1}\n\n{"b": {"c": 2}}\n')
    source = JsonlSource(path)
    assert source.header == ["a", "b"]
    assert [r.number for r in source.rows() if isinstance(r, Row)] == [1, 3]
