"""`borderlink report`: the operation report as HTML, PDF, CSV and JSON in one folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn

from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.cli.summaries import show_report

console = Console()


def report(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="FOLDER",
            help="Folder for report.html, report.pdf, CSV and JSON.",
        ),
    ],
    workspace: WorkspaceOption = None,
    lang: Annotated[
        str, typer.Option("--lang", metavar="en|zh|both", help="Language: en, zh or both.")
    ] = "en",
    start: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="First day, e.g. 2016-02-01.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Last day, e.g. 2019-07-31.")
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf/--no-pdf", help="Also print report.pdf with Chromium.")
    ] = True,
    chromium: Annotated[
        Path | None,
        typer.Option("--chromium", metavar="FILE", help="Chromium executable for the PDF."),
    ] = None,
    marking: Annotated[
        str | None,
        typer.Option(
            "--marking",
            metavar="WORDS",
            help="Classification printed on every page (default: restricted, task force only).",
        ),
    ] = None,
) -> None:
    """Write the operation report: headline figures, charts, syndicates, method."""
    from borderlink.workspace.models import ReportRequest

    request = ReportRequest.parse(
        out=out,
        lang=lang,
        start=start,
        end=end,
        pdf=pdf,
        chromium=chromium,
        marking=marking,
    )
    ws = open_workspace(workspace)
    progress = Progress(
        SpinnerColumn(), TextColumn("writing the report"), console=console, transient=True
    )
    with progress:
        progress.add_task("report", total=None)
        summary = ws.report(request)
    show_report(console, summary, lang=lang)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
