"""How listing commands print: one `--format` option and one way out per format.

Every listing command (`status`, `quarantine`, `review`, `analyse`, `disrupt`, `stats`,
`extract`, `roles list`) takes the same `--format`, declared once here, so a script can
pipe any of them the same way: `csv` through `borderlink.csv_export` (the one CSV writer:
formula cells neutralised), `json` as one document, `jsonl` one object per row, and
`table` for a person at a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from pydantic import BaseModel


class Format(StrEnum):
    """What a listing prints."""

    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        help="table for reading; csv, json or jsonl (one object a line) for other tools.",
    ),
]


def _plain(value: Any) -> Any:
    """A row as plain JSON values (a pydantic model dumped, a dict as it is)."""
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value


def emit(
    fmt: Format,
    rows: Sequence[dict[str, Any] | BaseModel],
    columns: Sequence[str],
    table: Callable[[], None],
    *,
    document: BaseModel | None = None,
) -> None:
    """Print `rows` in `fmt`; `table()` prints the human view.

    `document` is what `json` prints when the command has more to say than its rows
    (a summary with counts); without it `json` prints the rows as a list.
    """
    if fmt is Format.table:
        table()
        return
    plain = [_plain(r) for r in rows]
    if fmt is Format.csv:
        from borderlink.csv_export import csv_text, dict_rows

        flat = [{k: _cell(v) for k, v in r.items()} for r in plain]
        typer.echo(csv_text(list(columns), dict_rows(columns, flat)), nl=False)
    elif fmt is Format.jsonl:
        for r in plain:
            typer.echo(json.dumps(r, ensure_ascii=False, default=str))
    else:
        body = document.model_dump(mode="json") if document is not None else plain
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2, default=str))


def _cell(value: Any) -> Any:
    """A CSV cell: lists joined with `; `, nested objects as compact JSON."""
    if isinstance(value, list | tuple):
        if all(not isinstance(v, dict | list) for v in value):
            return "; ".join("" if v is None else str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value
