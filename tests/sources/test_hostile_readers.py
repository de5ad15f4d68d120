"""Readers under hostile deliveries: every line accounted for, nothing raises but SourceError."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from borderlink.errors import SourceError
from borderlink.sources.base import BadRow, Row
from borderlink.sources.csv_reader import CsvSource
from borderlink.sources.jsonl_reader import MAX_DEPTH, JsonlSource
from borderlink.sources.text_reader import read_report
from borderlink.sources.xlsx_reader import XlsxSource


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> list[Row | BadRow]:
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode(encoding))
    return list(CsvSource(path, encoding).rows())


def test_stray_quote_does_not_swallow_the_following_rows(tmp_path: Path) -> None:
    lines = ["id,name,phone"] + [f"{i},n{i},1380000{i:04d}" for i in range(40)]
    lines[6] = '5,"broken,13800000005'  # an unmatched quote opens a field to the end
    rows = _csv(tmp_path, "\n".join(lines) + "\n")
    assert len(rows) == 40  # every data line is a row or a quarantined row
    good = [r for r in rows if isinstance(r, Row)]
    bad = [r for r in rows if isinstance(r, BadRow)]
    assert len(good) == 39 and len(bad) == 1
    assert bad[0].number == 7 and "quot" in bad[0].reason
    assert [r.number for r in good][:6] == [2, 3, 4, 5, 6, 8]


def test_quote_closing_far_below_splits_back_into_lines(tmp_path: Path) -> None:
    text = 'id,name,phone\n1,"a\n2,b,3\n3,c",4\n4,d,5\n'
    rows = _csv(tmp_path, text)
    assert [type(r).__name__ for r in rows] == ["BadRow", "Row", "Row", "Row"]
    assert [r.number for r in rows] == [2, 3, 4, 5]


def test_quoted_line_break_inside_a_field_stays_one_row(tmp_path: Path) -> None:
    rows = _csv(tmp_path, 'id,remark\n1,"two\nlines"\n2,x\n')
    assert [(type(r).__name__, r.number) for r in rows] == [("Row", 2), ("Row", 3)]
    assert isinstance(rows[0], Row) and rows[0].values["remark"] == "two\nlines"


def test_header_repeated_mid_file_is_quarantined_not_a_person(tmp_path: Path) -> None:
    rows = _csv(tmp_path, "编号,姓名\n1,陈志明\n编号,姓名\n2,李强\n")
    assert isinstance(rows[1], BadRow) and "header line repeated" in rows[1].reason
    assert [r.values["姓名"] for r in rows if isinstance(r, Row)] == ["陈志明", "李强"]


@pytest.mark.parametrize("header", ["编号,姓名,姓名", "姓名,编号,姓名"])
def test_duplicate_header_is_refused_naming_both_columns(tmp_path: Path, header: str) -> None:
    path = tmp_path / "f.csv"
    path.write_text(header + "\n1,a,b\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"f.csv: column '姓名' appears twice.*column \d .*"):
        CsvSource(path, "utf-8")


def test_nul_bytes_and_bom_mid_file_are_rows_or_quarantined(tmp_path: Path) -> None:
    rows = _csv(tmp_path, "a,b\n1,x\x00y\n\ufeff2,z\n3,\x00\n")
    assert len(rows) == 3


def test_xlsx_cells_right_of_the_header_are_quarantined(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "人员"
    ws.append(["编号", "姓名"])
    ws.append(["1", "陈志明"])
    ws.append(["2", "李强", "stray"])
    ws.append(["编号", "姓名"])
    wb.save(tmp_path / "w.xlsx")
    source = XlsxSource(tmp_path / "w.xlsx", "人员")
    assert source.header == ["编号", "姓名"]
    rows = list(source.rows())
    assert [type(r).__name__ for r in rows] == ["Row", "BadRow", "BadRow"]
    assert isinstance(rows[1], BadRow) and "right of the header" in rows[1].reason
    assert isinstance(rows[2], BadRow) and "header line repeated" in rows[2].reason


def test_xlsx_duplicate_header_is_refused(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "人员"
    ws.append(["姓名", "编号", "姓名"])
    wb.save(tmp_path / "w.xlsx")
    with pytest.raises(SourceError, match="姓名' appears twice"):
        XlsxSource(tmp_path / "w.xlsx", "人员")


def _jsonl(tmp_path: Path, lines: list[str]) -> list[Row | BadRow]:
    path = tmp_path / "f.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(JsonlSource(path).rows())


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 50_000, 100_000])
def test_deeply_nested_json_is_quarantined(tmp_path: Path, depth: int) -> None:
    deep = '{"a": ' * depth + "1" + "}" * depth
    rows = _jsonl(tmp_path, [deep, '{"record_id": "1"}'])
    assert isinstance(rows[0], BadRow) and "nested deeper" in rows[0].reason
    assert isinstance(rows[1], Row)


def test_deep_nesting_in_the_first_lines_does_not_break_the_header(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = tmp_path / "f.jsonl"
    path.write_text(deep + "\n" + '{"record_id": "1", "name": "x"}\n', encoding="utf-8")
    source = JsonlSource(path)
    assert source.header == ["record_id", "name"]


def test_lone_surrogate_escape_is_quarantined(tmp_path: Path) -> None:
    rows = _jsonl(tmp_path, ['{"name": "\\ud800x"}', '{"name": "\\ud83d\\ude00"}'])
    assert isinstance(rows[0], BadRow) and "surrogate" in rows[0].reason
    assert isinstance(rows[1], Row) and rows[1].values["name"] == "\U0001f600"


def test_good_objects_after_many_broken_lines_are_read(tmp_path: Path) -> None:
    lines = ["{broken"] * 250 + [json.dumps({"record_id": str(i)}) for i in range(40)]
    rows = _jsonl(tmp_path, lines)
    assert sum(isinstance(r, Row) for r in rows) == 40
    assert sum(isinstance(r, BadRow) for r in rows) == 250


def test_bom_on_the_first_json_line_is_not_an_error(tmp_path: Path) -> None:
    rows = _jsonl(tmp_path, ['\ufeff{"record_id": "1"}'])
    assert isinstance(rows[0], Row)


def test_huge_field_reads_in_linear_time(tmp_path: Path) -> None:
    start = time.monotonic()
    rows = _csv(tmp_path, "a,b\n" + "x" * 5_000_000 + ",1\n")
    assert isinstance(rows[0], Row) and time.monotonic() - start < 10


ZH_HANT = "香港警務處新聞稿：警方於屯門拘捕三名非法入境者，檢獲快艇一艘。" * 3
ZH_HANS = "广东省公安厅通报：2017年共破获组织他人偷越国（边）境案件123宗，抓获犯罪嫌疑人456名。"


@pytest.mark.parametrize(
    ("text", "encoding", "stored"),
    [
        (ZH_HANS, "gb18030", "gb18030"),
        (ZH_HANT, "big5", "big5"),
        (ZH_HANT, "utf-16", "utf-16"),
        (ZH_HANS, "utf-8", "utf-8"),
        ("Hong Kong Police: 3 arrested in Tuen Mun.", "utf-16", "utf-16"),
    ],
)
def test_report_encodings_are_detected_not_read_as_gb18030(
    tmp_path: Path, text: str, encoding: str, stored: str
) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(encoding))
    found = read_report(path)
    assert (found["status"], found["encoding"], found["text"]) == ("ok", stored, text)


def test_binary_report_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(bytes(range(256)) * 20)
    assert read_report(path)["status"] in ("not_text", "undecodable")


@pytest.mark.parametrize("text", ["广东警方破获案件15起", "香港警務處拘捕三人", "屯門"])
def test_short_reports_keep_their_encoding(tmp_path: Path, text: str) -> None:
    for encoding in ("gb18030", "big5"):
        if encoding == "big5" and text.startswith("广"):
            continue
        path = tmp_path / "r.txt"
        path.write_bytes(text.encode(encoding))
        found = read_report(path)
        assert found["text"] == text, (encoding, found)


def test_xlsx_date_cells_far_out_of_range_quarantine_their_rows(tmp_path: Path) -> None:
    """calamine panics (a BaseException) converting a date cell of -1e12 days or less;
    that row is quarantined and the rows after it are read."""
    import datetime as dt

    from openpyxl import Workbook

    from borderlink.sources.base import BadRow, Row
    from borderlink.sources.xlsx_reader import OUT_OF_RANGE, XlsxSource

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "案件"
    ws.append(["编号", "日期"])
    for i in range(5):
        ws.append([f"C{i}", dt.date(2018, 1, 1 + i)])
    ws.cell(3, 2).value = -1e308  # keeps the cell's date format
    ws.cell(5, 2).value = -1e12
    path = tmp_path / "cases.xlsx"
    wb.save(path)
    rows = list(XlsxSource(path, "案件").rows())
    bad = [(r.number, r.reason) for r in rows if isinstance(r, BadRow)]
    good = [r.number for r in rows if isinstance(r, Row)]
    assert bad == [(3, OUT_OF_RANGE), (5, OUT_OF_RANGE)]
    assert good == [2, 4, 6]


def test_xlsx_grid_starts_at_a1_when_the_used_area_starts_below_it(tmp_path: Path) -> None:
    """Rows read one by one (to survive a panicking row) are padded to A1 as calamine's
    whole-sheet read pads them, so spreadsheet row numbers stay right."""
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    from borderlink.sources.xlsx_reader import _sheet_rows

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "s"
    ws.cell(3, 3, "a")
    ws.cell(3, 4, "b")
    ws.cell(6, 4, "x")
    path = tmp_path / "s.xlsx"
    wb.save(path)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("s")
    grid = _sheet_rows(sheet)
    assert grid == sheet.to_python(skip_empty_area=False)
    assert len(grid) == 6 and grid[5] == ["", "", "", "x"]
