"""XLSX sheets, streamed with openpyxl in read-only mode."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from borderlink.errors import SourceError
from borderlink.sources.base import BadRow, Row


class XlsxSource:
    """One sheet of a workbook; `name` is the sheet name, as truth/records.csv has it."""

    def __init__(self, path: Path, sheet: str) -> None:
        self.path = path
        self.name = sheet
        try:
            self._wb = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise SourceError(
                f"{path.name}: not a readable XLSX workbook (truncated?): {exc}", file=path.name
            ) from None
        if sheet not in self._wb.sheetnames:
            self._wb.close()
            raise SourceError(
                f"{path.name}: missing sheet {sheet!r} (has {', '.join(self._wb.sheetnames)})",
                file=path.name,
                sheet=sheet,
            )
        self._rows = self._wb[sheet].iter_rows(values_only=True)
        try:
            first = next(self._rows, None)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise SourceError(f"{path.name}: sheet {sheet}: {exc}", file=path.name) from None
        if first is None:
            raise SourceError(f"{path.name}: sheet {sheet} is empty, no header", file=path.name)
        self.header = [str(v).strip() if v is not None else "" for v in first]

    def rows(self) -> Iterator[Row | BadRow]:
        number = 1
        try:
            for cells in self._rows:
                number += 1
                values: list[Any] = list(cells)
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue  # an empty row holds no data: not a row
                values += [None] * (len(self.header) - len(values))
                if any(v is not None for v in values[len(self.header) :]):
                    yield BadRow(number, repr(values), "more cells than header columns")
                    continue
                yield Row(number, dict(zip(self.header, values[: len(self.header)], strict=True)))
        except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError) as exc:
            raise SourceError(
                f"{self.path.name}: sheet {self.name}: unreadable at row {number}: {exc}",
                file=self.path.name,
            ) from None
        finally:
            self._wb.close()
