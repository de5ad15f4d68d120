"""JSON Lines: one object per line; nested values are reached by dotted paths."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from borderlink.errors import SourceError
from borderlink.sources.base import BadRow, Row


def get_path(values: dict[str, Any], path: str) -> Any:
    """`travel_document.number` -> values['travel_document']['number'] (None if absent)."""
    current: Any = values
    for part in path.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current


class JsonlSource:
    def __init__(self, path: Path, encoding: str = "utf-8") -> None:
        self.path = path
        self.name = path.name
        self.encoding = encoding if encoding != "utf-8-sig" else "utf-8"
        try:
            self._fh = path.open("rb")
        except OSError as exc:
            raise SourceError(f"{self.name}: cannot open: {exc.strerror}", file=self.name) from None
        self._keys: list[str] = []
        self.header: list[str] = []
        self._peek()

    def _peek(self) -> None:
        """The header is the union of keys of the first objects (a JSONL file has none)."""
        pos = self._fh.tell()
        keys: dict[str, None] = {}
        lines = objects = 0
        for _ in range(200):
            line = self._fh.readline()
            if not line:
                break
            if not line.strip():
                continue
            lines += 1
            try:
                obj = json.loads(line.decode(self.encoding))
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(obj, dict):
                objects += 1
                keys.update(dict.fromkeys(obj))
        self._fh.seek(pos)
        if lines and not objects:
            self._fh.close()
            raise SourceError(
                f"{self.name}: none of the first {lines} lines is a JSON object: not JSON Lines "
                "(one object per line; a JSON array or pretty-printed JSON is not)",
                file=self.name,
            )
        self.header = list(keys)

    def rows(self) -> Iterator[Row | BadRow]:
        number = 0
        good = bad = 0
        try:
            for line in self._fh:
                number += 1
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line.decode(self.encoding))
                except UnicodeDecodeError:
                    bad += 1
                    yield BadRow(number, line.decode("latin-1"), "undecodable bytes")
                    continue
                except ValueError:
                    bad += 1
                    yield BadRow(number, line.decode(self.encoding, "replace"), "invalid JSON line")
                    continue
                if not isinstance(obj, dict):
                    bad += 1
                    yield BadRow(number, line.decode(self.encoding), "line is not a JSON object")
                    continue
                good += 1
                yield Row(number, obj)
        finally:
            self._fh.close()
        if bad and not good:
            raise SourceError(
                f"{self.name}: no line is a JSON object ({bad} broken lines): not JSON Lines",
                file=self.name,
            )
