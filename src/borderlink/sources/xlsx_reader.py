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
            data = workbook.get_sheet_by_name(sheet)
            grid: list[list[Any]] = data.to_python(skip_empty_area=False)
        except _READ_ERRORS as exc:
            raise SourceError(f"{path.name}: sheet {sheet}: {exc}", file=path.name) from None
        if not grid or all(_cell(v) is None for v in grid[0]):
            raise SourceError(f"{path.name}: sheet {sheet} is empty, no header", file=path.name)
        self._grid = grid
        header = [as_header(v) for v in grid[0]]
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
