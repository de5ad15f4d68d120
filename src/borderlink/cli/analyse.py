"""`borderlink analyse`, `disrupt`, `roles override`, `export people`, `export graph`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from borderlink.cli.export import export_app
from borderlink.cli.options import (
    EngineOption,
    SparkMasterOption,
    WorkspaceOption,
    settings_for,
)
from borderlink.cli.summaries import show_analysis
from borderlink.errors import OptionError
from borderlink.graph.rules import role_rules
from borderlink.store import Store

if TYPE_CHECKING:
    from borderlink.graph.disrupt import NetworkState

# The graph library (igraph, networkx, pandas) is imported inside the commands that use it.
FORMATS = ("graphml", "gexf", "ftm")

console = Console()
roles_app = typer.Typer(help="Review and override roles in the chain.", no_args_is_help=True)


def _store(workspace: Path | None) -> Store:
    settings = settings_for(workspace)
    return Store.open(
        settings.workspace, threads=settings.threads, memory_limit=settings.memory_limit
    )


def analyse(
    workspace: WorkspaceOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
) -> None:
    """Build the link graph, infer roles, find syndicates and their key players."""
    from borderlink.graph.analysis import ANALYSE_STEPS, analyse_workspace

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=console,
        transient=True,
    )
    with _store(workspace) as store, progress:
        task = progress.add_task("analysing", total=ANALYSE_STEPS)

        def step(message: str) -> None:
            progress.update(task, description=message, advance=1)

        summary = analyse_workspace(
            store, step, engine=engine.value if engine else None, spark_master=spark_master
        )
    show_analysis(console, summary)


def _state_row(table: Table, label: str, state: NetworkState) -> None:
    table.add_row(
        label,
        str(state.members),
        str(state.components),
        f"{state.largest_share:.0%}",
        ", ".join(state.stages_in_core),
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
    from borderlink.graph.disrupt import disrupt_syndicate

    names = [r.strip() for r in remove.split(",") if r.strip()] if remove is not None else None
    if names is not None and not names:
        raise OptionError("--remove needs at least one entity id")
    with _store(workspace) as store:
        result = disrupt_syndicate(store, syndicate, remove=names, top=top)
    table = Table("", "members", "components", "largest share", "stages in core", title=syndicate)
    _state_row(table, "before", result.before)
    _state_row(table, "after", result.after)
    console.print(table)
    console.print(f"removed: {', '.join(result.removed)}")
    console.print(f"stages cut off: {', '.join(result.stages_cut_off) or 'none'}")


@roles_app.command("override")
def roles_override(
    entity: Annotated[str, typer.Argument(help="Entity id.")],
    role: Annotated[str, typer.Argument(help="One of the nine roles in the chain.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the analyst decides so.")],
    by: Annotated[str, typer.Option("--by", help="Analyst name.")] = "analyst",
    workspace: WorkspaceOption = None,
) -> None:
    """Fix an entity's role; every later analyse honours it."""
    from borderlink.graph.analysis import ensure_overrides_table

    if role not in role_rules().roles:
        raise OptionError(f"unknown role {role!r}; one of: {', '.join(role_rules().roles)}")
    if not reason.strip():
        raise OptionError("--reason must not be empty")
    with _store(workspace) as store:
        ensure_overrides_table(store)
        known = store.table_exists("entity_roles") and store.count(
            "entity_roles", "entity_id = ?", [entity]
        )
        if not known:
            console.print(f"note: {entity} is not in the last analysis; the override waits for it")
        store.execute(
            "INSERT INTO role_overrides VALUES (?, ?, ?, ?, ?)",
            [entity, role, reason, by, datetime.now(UTC)],
        )
    console.print(f"{entity}: role {role} (override recorded; run 'borderlink analyse' to apply)")


@export_app.command("people")
def export_people_cmd(
    out: Annotated[Path, typer.Option("--out", help="CSV file to write.")],
    workspace: WorkspaceOption = None,
) -> None:
    """One row per entity: entity_id, syndicate_id, role, names, nationality, key-player score."""
    from borderlink.graph.export_graph import export_people

    with _store(workspace) as store:
        n = export_people(store, out)
    console.print(f"{n} entities written to {out}")


@export_app.command("graph")
def export_graph_cmd(
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[
        str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")
    ] = "graphml",
    workspace: WorkspaceOption = None,
) -> None:
    """The link graph as GraphML or GEXF (Gephi) or FollowTheMoney entities (Aleph)."""
    from borderlink.graph.export_graph import export_graph

    if fmt not in FORMATS:
        raise OptionError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    with _store(workspace) as store:
        n = export_graph(store, fmt, out)
    console.print(f"{n} items written to {out} ({fmt})")


def register(app: typer.Typer) -> None:
    app.command("analyse")(analyse)
    app.command("disrupt")(disrupt)
    app.add_typer(roles_app, name="roles")
