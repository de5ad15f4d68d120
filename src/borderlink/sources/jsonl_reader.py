"""JSON Lines: one object per line; nested values are reached by dotted paths."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from borderlink.errors import SourceError
from borderlink.sources.base import BadRow, Row

# Objects whose keys make the header: enough to see every key a writer uses.
_PEEK_OBJECTS = 200
# Nesting deeper than this is not a record: json would recurse once per level.
MAX_DEPTH = 64
# A quarantined line is kept up to this many characters (with its length noted).
MAX_KEPT = 10_000
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _depth(text: str) -> int:
    """Deepest bracket nesting outside strings (only called on suspicious lines)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _has_lone_surrogate(obj: Any) -> bool:
    """A `\\ud800` escape without its pair decodes to a code point no text can hold."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _shorten(text: str) -> str:
    if len(text) <= MAX_KEPT:
        return text
    return f"{text[:MAX_KEPT]}... ({len(text)} characters)"


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
        """The header is the union of keys of the first objects (a JSONL file has none).

        Broken lines do not stop the search: a file is refused as not JSON Lines only
        when no line of it is a JSON object, so good objects after a damaged start
        are read (the damaged lines go to quarantine).
        """
        pos = self._fh.tell()
        keys: dict[str, None] = {}
        lines = objects = 0
        for line in self._fh:
            if not line.strip():
                continue
            lines += 1
            obj, _ = self._load(line)
            if isinstance(obj, dict):
                objects += 1
                keys.update(dict.fromkeys(obj))
                if objects >= _PEEK_OBJECTS:
                    break
        self._fh.seek(pos)
        if lines and not objects:
            self._fh.close()
            raise SourceError(
                f"{self.name}: none of its {lines} lines is a JSON object: not JSON Lines "
                "(one object per line; a JSON array or pretty-printed JSON is not)",
                file=self.name,
            )
        self.header = list(keys)

    def _load(self, line: bytes) -> tuple[Any, str | None]:
        """(the parsed line, or None and why it cannot be read)."""
        try:
            text = line.decode(self.encoding).removeprefix("\ufeff")
        except UnicodeDecodeError:
            return None, "undecodable bytes"
        if line.count(b"[") + line.count(b"{") > MAX_DEPTH and _depth(text) > MAX_DEPTH:
            return None, f"JSON nested deeper than {MAX_DEPTH} levels"
        try:
            obj = json.loads(text)
        except RecursionError:
            return None, f"JSON nested deeper than {MAX_DEPTH} levels"
        except ValueError:
            return None, "invalid JSON line"
        if _ESCAPED_SURROGATE.search(text) and _has_lone_surrogate(obj):
            return None, "lone UTF-16 surrogate escape in a string (not a character)"
        return obj, None

    def rows(self) -> Iterator[Row | BadRow]:
        number = 0
        good = bad = 0
        try:
            for line in self._fh:
                number += 1
                if not line.strip():
                    continue
                obj, why = self._load(line)
                if why is not None:
                    bad += 1
                    shown = line.decode("latin-1") if why.startswith("undecodable") else None
                    if shown is None:
                        shown = line.decode(self.encoding, "replace")
                    yield BadRow(number, _shorten(shown), why)
                    continue
                if not isinstance(obj, dict):
                    bad += 1
                    yield BadRow(
                        number, _shorten(line.decode(self.encoding)), "line is not a JSON object"
                    )
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
