"""CSV in any encoding (UTF-8 with or without BOM, GB18030), streamed row by row.

Bytes that do not decode are carried as surrogates so that one bad row goes to
quarantine; a file where the header or most rows do not decode is in the wrong
encoding and stops the import with a SourceError.

Quoting is checked record by record. A stray quote opens a quoted field that
swallows the lines after it until the next quote; read leniently, those lines
vanish inside one bad record. So the physical lines of every record are kept,
and a record spanning several lines that does not read as one good row is split
back into its lines: each line is read on its own and becomes a row or a
quarantined row, so every line of the file is accounted for.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from borderlink.errors import SourceError
from borderlink.sources.base import BadRow, Row
from borderlink.sources.headers import check_unique_header

csv.field_size_limit(10_000_000)


def _has_surrogate(text: str) -> bool:
    """Undecodable bytes survive as lone surrogates, which UTF-8 cannot encode (fast C path)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class _Lines:
    """The file's physical lines, remembering those the current record consumed."""

    def __init__(self, fh: TextIO) -> None:
        self._fh = fh
        self.taken: list[str] = []
        self.line = 0  # physical lines read so far

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        text = self._fh.readline()
        if not text:
            raise StopIteration
        self.line += 1
        self.taken.append(text)
        return text


def _parse_line(text: str) -> list[str] | None:
    """One physical line read as a record on its own; None when its quoting is broken."""
    try:
        found = list(csv.reader([text], strict=True))
    except csv.Error:
        return None
    return found[0] if len(found) == 1 else []


class CsvSource:
    def __init__(self, path: Path, encoding: str, name: str | None = None) -> None:
        self.path = path
        self.name = name or path.name
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise SourceError(
                f"{self.name}: unknown encoding {encoding!r}", file=self.name
            ) from None
        self.encoding = encoding
        try:
            # closed by rows(), which streams the file to its end
            self._fh = open(path, encoding=encoding, errors="surrogateescape", newline="")  # noqa: SIM115
        except OSError as exc:
            raise SourceError(f"{self.name}: cannot open: {exc.strerror}", file=self.name) from None
        self._lines = _Lines(self._fh)
        self._reader = csv.reader(self._lines, strict=True)
        try:
            header = next(self._reader, None)
        except (csv.Error, UnicodeError) as exc:
            self._fh.close()
            raise SourceError(f"{self.name}: cannot read header: {exc}", file=self.name) from None
        if header is None:
            self._fh.close()
            raise SourceError(f"{self.name}: empty file, no header", file=self.name)
        header = [h.strip().lstrip("\ufeff") for h in header]
        if any(_has_surrogate(h) for h in header):
            self._fh.close()
            raise SourceError(
                f"{self.name}: header does not decode as {encoding} (wrong encoding?)",
                file=self.name,
            )
        check_unique_header(self.name, header, self._fh.close)
        self.header = header
        self._header_key = [h.strip() for h in header]

    def _one(self, number: int, values: list[str]) -> Row | BadRow | None:
        """A parsed record -> row, quarantined row, or None for a blank line."""
        width = len(self.header)
        if not values or all(not v.strip() for v in values):
            return None  # a blank line holds no data: not a row
        joined = ",".join(values)
        if _has_surrogate(joined):
            raw = joined.encode(self.encoding, "surrogateescape").decode("latin-1")
            return BadRow(number, raw, f"undecodable bytes for {self.encoding}")
        if len(values) != width:
            return BadRow(number, joined, f"{len(values)} fields, header has {width}")
        if [v.strip().lstrip("\ufeff") for v in values] == self._header_key:
            return BadRow(number, joined, "header line repeated inside the file")
        return Row(number, dict(zip(self.header, values, strict=True)))

    def _split(self, first: int, lines: list[str], reason: str) -> Iterator[Row | BadRow]:
        """A record whose quoting went wrong across lines: each line read on its own,
        numbered as the rows a spreadsheet would show for them."""
        for offset, text in enumerate(lines):
            number = first + offset
            values = _parse_line(text)
            if values is None:
                raw = text.rstrip("\r\n")
                if _has_surrogate(raw):
                    raw = raw.encode(self.encoding, "surrogateescape").decode("latin-1")
                yield BadRow(number, raw, reason)
                continue
            item = self._one(number, values)
            if item is not None:
                yield item

    def _swallowed(self, values: list[str], taken: list[str]) -> bool:
        """Whether a record spanning lines is a stray quote that ate whole rows: its
        width is wrong, or a line inside it reads as a full row on its own."""
        width = len(self.header)
        if len(values) != width:
            return True
        for text in taken[1:-1]:
            inner = _parse_line(text)
            if inner is not None and len(inner) == width:
                return True
        return False

    def _records(self) -> Iterator[tuple[list[str] | None, list[str], str]]:
        """(values or None when the quoting is broken, its physical lines, why broken)."""
        while True:
            self._lines.taken = []
            try:
                values = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield None, self._lines.taken, f"broken quoting: {exc}"
                continue
            yield values, self._lines.taken, ""

    def rows(self) -> Iterator[Row | BadRow]:
        """Rows numbered as a spreadsheet shows them (header = 1; a quoted field's line
        breaks stay inside its row); a record split back into lines numbers each line."""
        number = 1
        bad = 0
        try:
            for values, taken, why in self._records():
                first = number + 1
                if values is None or (len(taken) > 1 and self._swallowed(values, taken)):
                    reason = why or "unbalanced quote across lines"
                    items: list[Row | BadRow] = list(self._split(first, taken, reason))
                    number += len(taken)
                else:
                    number += 1
                    item = self._one(first, values)
                    items = [item] if item is not None else []
                for item in items:
                    if isinstance(item, BadRow) and item.reason.startswith("undecodable"):
                        bad += 1
                    yield item
        finally:
            self._fh.close()
        if number > 3 and bad * 2 > number - 1:
            raise SourceError(
                f"{self.name}: {bad} of {number - 1} rows do not decode as {self.encoding} "
                "(wrong encoding?)",
                file=self.name,
            )
