"""The one protocol every reader implements, and what it yields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Row:
    """A readable row: its spreadsheet row (header = 1) or JSONL line number, and its values."""

    number: int
    values: dict[str, Any]


@dataclass(frozen=True)
class BadRow:
    """A row that could not be read at all (undecodable bytes, broken JSON); goes to quarantine."""

    number: int
    raw: str
    reason: str
    column: str | None = None


class Source(Protocol):
    """A delivered file (or sheet) opened for reading: header first, then rows in order."""

    name: str
    header: list[str]

    def rows(self) -> Iterator[Row | BadRow]: ...
