"""`borderlink schema`: the workspace's declared tables, their columns and what they mean."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

console = Console()


def schema(
    table: Annotated[str | None, typer.Argument(help="Only this table.")] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="The table list of docs/ARCHITECTURE.md.")
    ] = False,
) -> None:
    """Every workspace table (declared in model/schema/): stage, columns, types, meaning."""
    from borderlink.errors import NotFound
    from borderlink.model.describe import schema_markdown, tables

    if markdown:
        typer.echo(schema_markdown())
        return
    found = [t for t in tables() if table is None or t.table == table]
    if not found:
        raise NotFound(f"no declared table {table!r}; 'borderlink schema' lists them")
    for t in found:
        title = f"{t.table} ({t.stage})"
        out = Table("column", "type", "meaning", title=title, title_justify="left")
        for c in t.columns:
            out.add_row(c.name, c.type, c.description)
        console.print(out)
        console.print(t.description, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
