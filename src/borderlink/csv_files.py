"""The one place borderlink writes CSV: exports, report files and listings go through here.

Why one function: every CSV leaves the same way (UTF-8, header first, an empty cell for
a missing value, `\\n` line ends) and a rule for all of them, such as the BOM that makes
Excel read Chinese as UTF-8 (`--excel`), is added once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from borderlink.errors import OptionError

BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with this mark


def _cell(value: Any) -> Any:
    return "" if value is None else value


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, excel: bool = False) -> str:
    """CSV text of positional rows under a header; `excel` puts the UTF-8 BOM first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(columns))
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return (BOM if excel else "") + buffer.getvalue()


def dict_rows(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterable[list[Any]]:
    """Dict rows as positional rows in `columns` order (a missing key is an empty cell)."""
    return ([row.get(c) for c in columns] for row in rows)


def write_csv(
    out: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, excel: bool = False
) -> None:
    """Write the CSV file; a path that cannot be written is an OptionError naming it."""
    text = csv_text(columns, rows, excel=excel)
    try:
        Path(out).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise OptionError(f"cannot write {out}: {exc.strerror or exc}", path=str(out)) from exc
