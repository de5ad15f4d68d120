"""`borderlink export ...` (the group stages add their exports to), `export parquet`, `attach`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.cli.terminal import number

export_app = typer.Typer(help="Export records, people or the link graph.", no_args_is_help=True)
console = Console()


@export_app.command("parquet")
def export_parquet(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the dataset to.")],
    table: Annotated[
        list[str] | None,
        typer.Option("--table", "-t", help="A table to export (repeatable; default: all)."),
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Write workspace tables as a Parquet dataset (<out>/<table>/*.parquet), for Spark."""
    counts = open_workspace(workspace).export_parquet(out, table or None)
    for name, rows in counts.items():
        console.print(f"{name}: {number(rows)} rows")
    console.print(f"{len(counts)} tables written to {out}")


def attach(
    folder: Annotated[Path, typer.Argument(help="A Parquet dataset: <folder>/<table>/*.parquet.")],
    prefix: Annotated[str, typer.Option("--prefix", help="Prefix for the view names.")] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Attach a Parquet dataset (e.g. a Spark run's output): one view per table."""
    views = open_workspace(workspace).attach_parquet(folder, prefix)
    console.print(f"attached {len(views)} tables from {folder}: {', '.join(views)}")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.command("attach")(attach)
