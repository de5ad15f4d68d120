"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from borderlink.config import Settings
    from borderlink.workspace import Workspace

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        metavar="FOLDER",
        help="Workspace folder (default: $BORDERLINK_WORKSPACE or ./workspace).",
        show_default=False,
    ),
]

ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="Start the CSV with a UTF-8 byte-order mark, so Excel shows Chinese correctly.",
    ),
]


def settings_for(workspace: Path | None) -> Settings:
    """Effective settings with the command's --workspace flag on top."""
    from borderlink.config import load_settings  # pydantic-settings: not for --help

    settings, _ = load_settings(workspace=workspace)
    return settings


def open_workspace(workspace: Path | None) -> Workspace:
    """The Workspace a command works on: its --workspace flag over the configured one."""
    from borderlink.workspace import Workspace

    settings = settings_for(workspace)
    return Workspace.open(settings.workspace, settings)


class Engine(StrEnum):
    """Where resolve and analyse run (the `engine` setting)."""

    duckdb = "duckdb"
    spark = "spark"


EngineOption = Annotated[
    Engine | None,
    typer.Option(
        "--engine",
        help="Where to run: duckdb (this machine) or spark (default: the engine setting).",
        show_default=False,
    ),
]
SparkMasterOption = Annotated[
    str | None,
    typer.Option(
        "--spark-master",
        help="Spark master URL for --engine spark (default: the spark_master setting, local[*]).",
        show_default=False,
    ),
]
