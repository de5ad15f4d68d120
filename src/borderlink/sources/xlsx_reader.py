"""XLSX sheets, read with calamine (Rust) through python-calamine.

Why not openpyxl: in read-only mode it builds a Python object per cell and took
30 s for a 100,000-row sheet, more than all the row transforms of the sheet;
calamine reads the same sheet in under a second. Cells come back as str, int,
float, bool, date or datetime; an empty cell comes back as "" and is read as
None here, as an absent value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from borderlink.errors import SourceError
from borderlink.sources.base import BadRow, Row
from borderlink.sources.headers import check_unique_header

# calamine raises its own errors for a broken workbook, and zip/XML errors as
# ValueError or OSError from the layers below it.
_READ_ERRORS = (CalamineError, ValueError, OSError, KeyError, EOFError)
# A date or time cell whose serial number is far out of range (-1e12 days) makes
# calamine panic (a pyo3 PanicException, a BaseException) while it converts that row;
# the rows after it still read. Such a row is quarantined.
OUT_OF_RANGE = "a date or time cell out of range"


class _Unreadable:
    """A row calamine could not convert."""


def _is_panic(exc: BaseException) -> bool:
    return type(exc).__name__ == "PanicException"


def _sheet_rows(data: Any) -> list[list[Any] | _Unreadable]:
    """Every row from A1, as the whole-sheet read with skip_empty_area=False gives them
    (iter_rows may leave out the blank rows above and columns left of the used area),
    a row calamine panics on kept as _Unreadable in its place."""
    rows: list[list[Any] | _Unreadable] = []
    cells_of = data.iter_rows()
    while True:
        try:
            rows.append(list(next(cells_of)))
        except StopIteration:
            break
        except BaseException as exc:
            if not _is_panic(exc):
                raise
            rows.append(_Unreadable())
    if data.end is None:
        return rows
    height, width = data.end[0] + 1, data.end[1] + 1
    blank: list[list[Any] | _Unreadable] = [[""] * width for _ in range(height - len(rows))]
    return blank + [r if isinstance(r, _Unreadable) else [""] * (width - len(r)) + r for r in rows]


def _cell(value: Any) -> Any:
    return None if isinstance(value, str) and value == "" else value


def as_header(value: Any) -> str:
    """A cell read as a column name."""
    return str(value).strip() if _cell(value) is not None else ""


class XlsxSource:
    """One sheet of a workbook; `name` is the sheet name, as truth/records.csv has it."""

    def __init__(self, path: Path, sheet: str) -> None:
        self.path = path
        self.name = sheet
        try:
            workbook = CalamineWorkbook.from_path(str(path))
        except _READ_ERRORS as exc:
            raise SourceError(
                f"{path.name}: not a readable XLSX workbook (truncated?): {exc}", file=path.name
            ) from None
        if sheet not in workbook.sheet_names:
            raise SourceError(
                f"{path.name}: missing sheet {sheet!r} (has {', '.join(workbook.sheet_names)})",
                file=path.name,
                sheet=sheet,
            )
        try:
            grid = _sheet_rows(workbook.get_sheet_by_name(sheet))
        except _READ_ERRORS as exc:
            raise SourceError(f"{path.name}: sheet {sheet}: {exc}", file=path.name) from None
        first = grid[0] if grid else []
        if isinstance(first, _Unreadable):
            raise SourceError(
                f"{path.name}: sheet {sheet}: header has {OUT_OF_RANGE}", file=path.name
            )
        if all(_cell(v) is None for v in first):
            raise SourceError(f"{path.name}: sheet {sheet} is empty, no header", file=path.name)
        self._grid = grid
        header = [as_header(v) for v in first]
        # calamine pads every row to the sheet's used width: blank cells right of the
        # last named column are not columns, and a value under them is reported per row
        while header and not header[-1]:
            header.pop()
        check_unique_header(f"{path.name}: sheet {sheet}", header)
        self.header = header

    def rows(self) -> Iterator[Row | BadRow]:
        """Data rows with their spreadsheet row numbers (the header is row 1)."""
        width = len(self.header)
        for offset, cells in enumerate(self._grid[1:]):
            number = offset + 2
            if isinstance(cells, _Unreadable):
                yield BadRow(number, "", OUT_OF_RANGE)
                continue
            values = [_cell(v) for v in cells]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue  # an empty row holds no data: not a row
            values += [None] * (width - len(values))
            if any(v is not None for v in values[width:]):
                yield BadRow(number, repr(values), "cells right of the header's last named column")
                continue
            if [as_header(v) for v in values[:width]] == self.header:
                yield BadRow(number, repr(values), "header line repeated inside the sheet")
                continue
            yield Row(number, dict(zip(self.header, values[:width], strict=True)))
