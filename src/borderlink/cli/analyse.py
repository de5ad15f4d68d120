"""`borderlink analyse`, `disrupt`, `export people`, `export chain`, `export graph`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from borderlink.cli.export import export_app
from borderlink.cli.listing import Format, FormatOption, emit
from borderlink.cli.options import (
    EngineOption,
    ExcelOption,
    SparkMasterOption,
    WorkspaceOption,
    open_workspace,
)
from borderlink.cli.progress import stage_progress
from borderlink.cli.summaries import show_analysis
from borderlink.cli.terminal import cell, esc, number

if TYPE_CHECKING:
    from borderlink.graph.disrupt import NetworkState

# The graph library (igraph, networkx, pandas) is imported inside the commands that use it.

console = Console()


SYNDICATE_COLUMNS = ("syndicate_id", "size", "base_region", "routes", "key_players")
STATE_COLUMNS = ("state", "members", "components", "largest_component", "largest_share")


def analyse(
    workspace: WorkspaceOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Build the link graph, infer roles, find syndicates and their key players."""
    from borderlink.graph.analysis import ANALYSE_STEPS
    from borderlink.workspace.models import AnalyseRequest

    ws = open_workspace(workspace)
    request = AnalyseRequest(engine=engine.value if engine else None, spark_master=spark_master)
    with stage_progress("analyse", total=ANALYSE_STEPS) as progress:
        summary = ws.analyse(request, progress=progress.step)
    emit(
        fmt,
        summary.syndicates,
        SYNDICATE_COLUMNS,
        lambda: show_analysis(console, summary),
        document=summary,
    )


def _state_row(table: Table, label: str, state: NetworkState) -> None:
    table.add_row(
        label,
        number(state.members),
        number(state.components),
        f"{state.largest_share:.0%}",
        cell(", ".join(state.stages_in_core)),
    )


def disrupt(
    syndicate: Annotated[
        str, typer.Option("--syndicate", help="Syndicate id, e.g. SYN-0001 (any case).")
    ],
    remove: Annotated[
        str | None, typer.Option("--remove", help="Entity ids to remove, comma-separated.")
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", help="Remove the top K key players (KPP-Neg).")
    ] = None,
    workspace: WorkspaceOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """What is left of a syndicate after removing members: before and after."""
    from borderlink.workspace.models import DisruptRequest

    names = [r.strip() for r in remove.split(",") if r.strip()] if remove is not None else None
    request = DisruptRequest(syndicate_id=syndicate, remove=names, top=top)
    result = open_workspace(workspace).disrupt(request)

    def table() -> None:
        out = Table(
            "",
            "members",
            "components",
            "largest share",
            "stages in core",
            title=cell(result.syndicate_id),
        )
        _state_row(out, "before", result.before)
        _state_row(out, "after", result.after)
        console.print(out)
        console.print(f"removed: {esc(', '.join(result.removed))}")
        console.print(f"stages cut off: {esc(', '.join(result.stages_cut_off) or 'none')}")

    rows = [
        {"state": label, **state.model_dump(mode="json")}
        for label, state in (("before", result.before), ("after", result.after))
    ]
    emit(fmt, rows, (*STATE_COLUMNS, "stages_in_core"), table, document=result)


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
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="File to write (.csv or .json).")
    ],
    excel: ExcelOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Hand-overs between syndicates: from, to, customers, cases, first/last seen, calls."""
    from borderlink.workspace.models import ExportRequest

    n = open_workspace(workspace).export_chain(ExportRequest(out=out, excel=excel)).items
    console.print(f"{number(n)} hand-over relations written to {esc(out)}")


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
    from borderlink.cli.roles import roles_app

    app.add_typer(roles_app, name="roles")
