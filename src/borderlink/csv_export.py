"""Every CSV file borderlink writes for people to open goes through this module.

Names and free text in the workspace come from agencies' deliveries. A cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return is taken as a formula by
spreadsheet programs (`=HYPERLINK(...)` phones home, `=cmd|...` runs commands), so
such text cells are written with a leading apostrophe, which spreadsheets show as
text. Numbers stay numbers (`-3` as an int is not neutralised). A test checks that
no other module builds a csv writer (the generator's synthetic deliveries excepted:
they are input, not output).

Every CSV leaves the same way (UTF-8, header first, an empty cell for a missing value)
and a rule for all of them, such as the BOM that makes Excel read Chinese as UTF-8
(`excel`), is added here once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from borderlink.outputs import write_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with this mark


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


def dict_rows(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterable[list[Any]]:
    """Dict rows as positional rows in `columns` order (a missing key is an empty cell)."""
    return ([row.get(c) for c in columns] for row in rows)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, excel: bool = False) -> str:
    """CSV text of positional rows under a header, neutralised; `excel` puts the BOM first."""
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow(list(columns))
    writer.writerows(rows)
    return (BOM if excel else "") + buffer.getvalue()


def write_csv(
    out: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, excel: bool = False
) -> None:
    """Write the CSV file; a path that cannot be written is a PathError naming it."""
    write_text(Path(out), csv_text(columns, rows, excel=excel), "out", newline="")
