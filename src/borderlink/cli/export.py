"""`borderlink export ...`: the group that stages add their export commands to."""

from __future__ import annotations

import typer

export_app = typer.Typer(help="Export records, people or the link graph.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
