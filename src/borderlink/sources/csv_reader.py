"""CSV in any encoding (UTF-8 with or without BOM, GB18030), streamed row by row.

Bytes that do not decode are carried as surrogates so that one bad row goes to
quarantine; a file where the header or most rows do not decode is in the wrong
encoding and stops the import with a SourceError.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from borderlink.errors import SourceError
from borderlink.sources.base import BadRow, Row

csv.field_size_limit(10_000_000)


def _has_surrogate(text: str) -> bool:
    """Undecodable bytes survive as lone surrogates, which UTF-8 cannot encode (fast C path)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


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
        self._reader = csv.reader(self._fh)
        try:
            header = next(self._reader, None)
        except (csv.Error, UnicodeError) as exc:
            raise SourceError(f"{self.name}: cannot read header: {exc}", file=self.name) from None
        if header is None:
            raise SourceError(f"{self.name}: empty file, no header", file=self.name)
        header = [h.strip().lstrip("\ufeff") for h in header]
        if any(_has_surrogate(h) for h in header):
            raise SourceError(
                f"{self.name}: header does not decode as {encoding} (wrong encoding?)",
                file=self.name,
            )
        self.header = header

    def rows(self) -> Iterator[Row | BadRow]:
        width = len(self.header)
        number = 1
        bad = 0
        try:
            for values in self._reader:
                number += 1
                if not values or all(not v.strip() for v in values):
                    continue  # a blank line holds no data: not a row
                if _has_surrogate("".join(values)):
                    bad += 1
                    raw = (
                        ",".join(values).encode(self.encoding, "surrogateescape").decode("latin-1")
                    )
                    yield BadRow(number, raw, f"undecodable bytes for {self.encoding}")
                    continue
                if len(values) != width:
                    yield BadRow(
                        number, ",".join(values), f"{len(values)} fields, header has {width}"
                    )
                    continue
                yield Row(number, dict(zip(self.header, values, strict=True)))
        except csv.Error as exc:
            raise SourceError(f"{self.name}: row {number + 1}: {exc}", file=self.name) from None
        finally:
            self._fh.close()
        if number > 3 and bad * 2 > number - 1:
            raise SourceError(
                f"{self.name}: {bad} of {number - 1} rows do not decode as {self.encoding} "
                "(wrong encoding?)",
                file=self.name,
            )
