"""`borderlink config show`: each effective setting and where it came from."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from borderlink.cli.options import WorkspaceOption


def register(app: typer.Typer) -> None:
    config_app = typer.Typer(help="Show the effective configuration.", no_args_is_help=True)

    @config_app.command("show")
    def show(workspace: WorkspaceOption = None) -> None:
        """Print each setting, its value and its origin (default, file, environment, flag)."""
        from borderlink.config import load_settings

        settings, origin = load_settings(workspace=workspace)
        table = Table("setting", "value", "from")
        for name in type(settings).model_fields:
            value = getattr(settings, name)
            table.add_row(name, str(value), origin[name])
        Console().print(table)

    app.add_typer(config_app, name="config")
