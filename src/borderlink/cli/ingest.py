"""`borderlink ingest`, `status` and `quarantine`: thin shells over borderlink.ingest."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from borderlink.cli.listing import Format, FormatOption, emit
from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.cli.progress import stage_progress
from borderlink.cli.summaries import show_ingest
from borderlink.cli.terminal import cell, esc, number

if TYPE_CHECKING:
    from borderlink.workspace.models import WorkspaceStatus

console = Console()


def ingest(
    export_dir: Annotated[Path, typer.Argument(help="One source folder, or a folder of them.")],
    workspace: WorkspaceOption = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", "-s", help="Only this source (repeatable).")
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="A mapping YAML for a new or changed source.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Read and check; write nothing.")
    ] = False,
    allow_shrink: Annotated[
        bool,
        typer.Option(
            "--allow-shrink", help="Let a file with far fewer rows replace its last import."
        ),
    ] = False,
) -> None:
    """Read a delivery into the workspace through the source mappings."""
    from borderlink.workspace.models import IngestRequest

    request = IngestRequest(
        export_dir=export_dir,
        sources=source or None,
        mapping=mapping,
        dry_run=dry_run,
        allow_shrink=allow_shrink,
    )
    ws = open_workspace(workspace)
    with stage_progress("ingest") as bar:
        summary = ws.ingest(
            request,
            progress=lambda src, file, rows: bar.note(f"{src}/{file}: {number(rows)} rows"),
            notice=lambda text: console.print(f"[yellow]notice:[/] {esc(text)}"),
        )
    show_ingest(console, summary)


STAGE_COLUMNS = ("stage", "ran", "last_run", "run_id", "out_of_date", "reason")
QUARANTINE_COLUMNS = ("source", "file", "row_number", "column", "raw_value", "reason")


def status(workspace: WorkspaceOption = None, fmt: FormatOption = Format.table) -> None:
    """Per stage: has it run, is it out of date; then import runs, rows, quarantine.

    csv and jsonl list the stages; json gives everything (stages and imports).
    """
    state = open_workspace(workspace).status()
    emit(fmt, state.stages, STAGE_COLUMNS, lambda: _status_tables(state), document=state)


def _status_tables(state: WorkspaceStatus) -> None:
    stages = Table("stage", "ran", "last run", "run", "up to date", title="Stages")
    for s in state.stages:
        stages.add_row(
            s.stage,
            "yes" if s.ran else "no",
            f"{s.last_run:%Y-%m-%d %H:%M:%S}" if s.last_run else "",
            s.run_id or "",
            ("no: " if s.out_of_date else "yes" if s.ran else "") + (s.reason or ""),
        )
    console.print(stages)
    report = state.imports
    runs = Table("run", "started", "files", "read", "imported", "quarantined", title="Import runs")
    for r in report.runs:
        runs.add_row(
            r["run_id"],
            str(r["started_at"])[:19],
            number(r["files"]),
            number(r["rows_read"]),
            number(r["rows_imported"]),
            number(r["rows_quarantined"]),
        )
    rows = Table("source", "file", "table", "rows", title="Rows")
    for r in report.rows:
        rows.add_row(cell(r["source"]), cell(r["file"]), r["table_name"], number(r["rows"]))
    quarantine = Table("source", "file", "reason", "rows", title="Quarantine")
    for r in report.quarantine:
        quarantine.add_row(cell(r["source"]), cell(r["file"]), cell(r["reason"]), number(r["rows"]))
    console.print(runs, rows, quarantine)
    for r in report.absent_columns:
        absent = r["absent_columns"].replace(";", ", ")
        console.print(
            f"[yellow]notice:[/] {esc(r['source'])}/{esc(r['file'])} has no column {esc(absent)}"
        )


def quarantine(
    workspace: WorkspaceOption = None,
    issues: Annotated[bool, typer.Option("--issues", help="List value issues instead.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")] = 100,
    fmt: FormatOption = Format.table,
) -> None:
    """List quarantined rows (or, with --issues, values kept as written but flagged)."""
    from borderlink.workspace.models import QuarantineRequest

    found = open_workspace(workspace).quarantine(QuarantineRequest(issues=issues, limit=limit)).rows
    key = "record_id" if issues else "record_key"

    def table() -> None:
        out = Table(
            "source",
            "file",
            "row",
            key,
            "column",
            "raw value",
            "reason",
            title="Value issues" if issues else "Quarantine",
        )
        for r in found:
            out.add_row(
                cell(r["source"]),
                cell(r["file"]),
                number(r["row_number"]),
                cell(r[key] or ""),
                cell(r["column"] or ""),
                cell(r["raw_value"] or ""),
                cell(r["reason"]),
            )
        console.print(out)

    columns = (*QUARANTINE_COLUMNS[:3], key, *QUARANTINE_COLUMNS[3:])
    emit(fmt, found, columns, table)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("status")(status)
    app.command("quarantine")(quarantine)
