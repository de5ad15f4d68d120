"""`borderlink generate`: a thin shell over borderlink.synth.generate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from borderlink.cli.terminal import number

console = Console()


def generate(
    out: Annotated[Path, typer.Argument(help="Folder to write the exports and truth/ into.")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same bytes.")] = 7,
    scale: Annotated[
        int, typer.Option("--scale", help="Number of person records over all sources.")
    ] = 3000,
    scenario: Annotated[
        str, typer.Option("--scenario", help="Scenario name (synth/scenarios/*.yaml).")
    ] = "joint-operation-2016",
) -> None:
    """Write a synthetic world as the agencies' exports, plus truth/ for scoring."""
    from borderlink.synth import generate as generate_world

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=console, transient=True
    ) as bar:
        task = bar.add_task("generating")
        summary = generate_world(
            out,
            seed=seed,
            scale=scale,
            scenario=scenario,
            progress=lambda text: bar.update(task, description=text),
        )
    table = Table("file", "rows", title=f"{summary.scenario} (seed {summary.seed})")
    for path, rows in summary.files.items():
        table.add_row(path, f"{number(rows)}")
    console.print(table)
    console.print(
        f"{number(summary.person_records)} person records of {number(summary.people)} people, "
        f"{number(summary.syndicates)} syndicates, {number(summary.cases)} cases, "
        f"{number(summary.calls)} calls; "
        f"written to {summary.out} (truth in {Path(summary.out) / 'truth'})"
    )


def register(app: typer.Typer) -> None:
    app.command("generate")(generate)
