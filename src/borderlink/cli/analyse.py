"""`borderlink analyse`, `disrupt`, `roles override`, `export people`, `export graph`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from borderlink.cli.export import export_app
from borderlink.cli.options import (
    EngineOption,
    ExcelOption,
    SparkMasterOption,
    WorkspaceOption,
    open_workspace,
)
from borderlink.cli.summaries import show_analysis
from borderlink.cli.terminal import cell, esc

if TYPE_CHECKING:
    from borderlink.graph.disrupt import NetworkState

# The graph library (igraph, networkx, pandas) is imported inside the commands that use it.

console = Console()
roles_app = typer.Typer(help="Review and override roles in the chain.", no_args_is_help=True)


def analyse(
    workspace: WorkspaceOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
) -> None:
    """Build the link graph, infer roles, find syndicates and their key players."""
    from borderlink.graph.analysis import ANALYSE_STEPS
    from borderlink.workspace.models import AnalyseRequest

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=console,
        transient=True,
    )
    ws = open_workspace(workspace)
    with progress:
        task = progress.add_task("analysing", total=ANALYSE_STEPS)

        def step(message: str) -> None:
            progress.update(task, description=message, advance=1)

        request = AnalyseRequest(engine=engine.value if engine else None, spark_master=spark_master)
        summary = ws.analyse(request, progress=step)
    show_analysis(console, summary)


def _state_row(table: Table, label: str, state: NetworkState) -> None:
    table.add_row(
        label,
        str(state.members),
        str(state.components),
        f"{state.largest_share:.0%}",
        cell(", ".join(state.stages_in_core)),
    )


def disrupt(
    syndicate: Annotated[str, typer.Option("--syndicate", help="Syndicate id, e.g. SYN-0001.")],
    remove: Annotated[
        str | None, typer.Option("--remove", help="Entity ids to remove, comma-separated.")
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", help="Remove the top K key players (KPP-Neg).")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """What is left of a syndicate after removing members: before and after."""
    from borderlink.workspace.models import DisruptRequest

    names = [r.strip() for r in remove.split(",") if r.strip()] if remove is not None else None
    request = DisruptRequest(syndicate_id=syndicate, remove=names, top=top)
    result = open_workspace(workspace).disrupt(request)
    table = Table(
        "", "members", "components", "largest share", "stages in core", title=cell(syndicate)
    )
    _state_row(table, "before", result.before)
    _state_row(table, "after", result.after)
    console.print(table)
    console.print(f"removed: {esc(', '.join(result.removed))}")
    console.print(f"stages cut off: {esc(', '.join(result.stages_cut_off) or 'none')}")


@roles_app.command("override")
def roles_override(
    entity: Annotated[str, typer.Argument(help="Entity id.")],
    role: Annotated[str, typer.Argument(help="One of the nine roles in the chain.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the analyst decides so.")],
    by: Annotated[str, typer.Option("--by", help="Analyst name.")] = "analyst",
    workspace: WorkspaceOption = None,
) -> None:
    """Fix an entity's role; every later analyse honours it."""
    from borderlink.workspace.models import RoleOverrideRequest

    request = RoleOverrideRequest(entity_id=entity, role=role, reason=reason, decided_by=by)
    done = open_workspace(workspace).override_role(request)
    if not done.in_last_analysis:
        console.print(f"note: {esc(entity)} is not in the last analysis; the override waits for it")
    console.print(
        f"{esc(entity)}: role {role} (override recorded; run 'borderlink analyse' to apply)"
    )


@export_app.command("people")
def export_people_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="CSV file to write.")],
    excel: ExcelOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """One row per entity: entity_id, syndicate_id, role, names, nationality, key-player score."""
    from borderlink.workspace.models import ExportRequest

    n = open_workspace(workspace).export_people(ExportRequest(out=out, excel=excel)).items
    console.print(f"{n} entities written to {esc(out)}")


@export_app.command("chain")
def export_chain(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (.csv or .json).")],
    workspace: WorkspaceOption = None,
) -> None:
    """Hand-overs between syndicates: from, to, customers, cases, first/last seen, calls."""
    from borderlink.workspace.models import ExportRequest

    n = open_workspace(workspace).export_chain(ExportRequest(out=out)).items
    console.print(f"{n:,} hand-over relations written to {esc(out)}")


@export_app.command("graph")
def export_graph_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="File to write.")],
    fmt: Annotated[
        str,
        typer.Option("--format", metavar="graphml|gexf|ftm", help="One of: graphml, gexf, ftm."),
    ] = "graphml",
    workspace: WorkspaceOption = None,
) -> None:
    """The link graph as GraphML or GEXF (Gephi) or FollowTheMoney entities (Aleph)."""
    from borderlink.workspace.models import GraphExportRequest

    request = GraphExportRequest.parse(out=out, format=fmt)
    n = open_workspace(workspace).export_graph(request).items
    console.print(f"{n} items written to {esc(out)} ({esc(fmt)})")


def register(app: typer.Typer) -> None:
    app.command("analyse")(analyse)
    app.command("disrupt")(disrupt)
    app.add_typer(roles_app, name="roles")
