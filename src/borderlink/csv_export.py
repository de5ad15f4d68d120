"""Every CSV file borderlink writes for people to open goes through this module.

Names and free text in the workspace come from agencies' deliveries. A cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return is taken as a formula by
spreadsheet programs (`=HYPERLINK(...)` phones home, `=cmd|...` runs commands), so
such text cells are written with a leading apostrophe, which spreadsheets show as
text. Numbers stay numbers (`-3` as an int is not neutralised). A test checks that
no other module builds a csv writer (the generator's synthetic deliveries excepted:
they are input, not output).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(value: Any) -> Any:
    """The cell as written to CSV: None -> '', formula-like text prefixed with `'`."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer with every cell passed through neutral_cell."""

    def __init__(self, fh: TextIO, *, lineterminator: str = "\r\n") -> None:
        self._writer = csv.writer(fh, lineterminator=lineterminator)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutral_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], *, lineterminator: str = "\n"
) -> str:
    """CSV text of dict rows (header first), neutralised."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, lineterminator=lineterminator)
    writer.writerow(columns)
    writer.writerows([row.get(c) for c in columns] for row in rows)
    return buffer.getvalue()
