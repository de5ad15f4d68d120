"""`borderlink demo`: the whole chain on a generated world, and where to look next."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from borderlink.cli.progress import stage_progress
from borderlink.cli.summaries import show_analysis, show_ingest, show_report, show_resolve
from borderlink.cli.terminal import number, score

if TYPE_CHECKING:
    from borderlink.pipeline import DemoSummary

console = Console()


def demo(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the export, workspace, report.")
    ] = Path("demo"),
    scale: Annotated[int, typer.Option("--scale", help="Person records to generate.")] = 3000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generated world.")] = 7,
    scenario: Annotated[
        str, typer.Option("--scenario", help="Scenario of the generated world.")
    ] = "joint-operation-2016",
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also print report.pdf.")] = True,
) -> None:
    """Generate a world, then ingest, resolve, analyse, extract and report it end to end."""
    from borderlink.pipeline import STAGES, run_demo

    with stage_progress("demo", total=len(STAGES)) as bar:
        seen: set[str] = set()

        def progress(stage: str, message: str) -> None:
            if stage in seen:
                bar.note(f"{stage}: {message}")
                return
            seen.add(stage)
            bar.step(f"{stage}: {message}")

        summary = run_demo(
            out, seed=seed, scale=scale, scenario=scenario, pdf=pdf, progress=progress
        )
    show_demo(summary)


def show_demo(s: DemoSummary) -> None:
    g = s.generate
    console.rule("1. The agencies' exports (generated)")
    console.print(
        f"{number(g.person_records)} person records of {number(g.people)} people in {g.syndicates} "
        f"syndicates, {number(g.cases)} cases, {number(g.calls)} call records -> {s.paths.export}",
        soft_wrap=True,
    )
    console.rule("2. Ingest")
    show_ingest(console, s.ingest, per_file=False)
    console.rule("3. Resolve people across agencies and scripts")
    show_resolve(console, s.resolve)
    console.rule("4. Syndicates, roles and key players")
    show_analysis(console, s.analysis, limit=12)
    console.rule("5. Free-text reports")
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(s.extract.by_kind.items()))
    console.print(
        f"{s.extract.reports} reports read, {s.extract.facts} facts ({kinds}); "
        f"{s.extract.linked_facts} linked to cases or people"
    )
    console.rule("6. Operation figures")
    show_report(console, s.report)
    console.rule("7. Checked against the generated truth")
    _show_accuracy(s)
    for note in s.notes:
        console.print(f"[yellow]note:[/] {note}", soft_wrap=True)
    console.print(
        "time: " + ", ".join(f"{k} {v:.1f}s" for k, v in s.timings.items()), highlight=False
    )
    ws = s.paths.workspace
    console.rule("Where to look")
    for line in (
        f"open the report:        {s.report.html}",
        f"uncertain pairs:        borderlink review --workspace {ws}",
        f"why two records match:  borderlink explain REC_A REC_B --workspace {ws}",
        f"break a syndicate:      borderlink disrupt --syndicate ID --top 2 --workspace {ws}",
        f"figures by route:       borderlink stats --by route --workspace {ws}",
        f"reports vs data:        borderlink stats --compare-reports --workspace {ws}",
    ):
        console.print(line, soft_wrap=True, highlight=False)
    if s.users:
        console.rule("The web app")
        console.print(
            f"start it:  borderlink serve --workspace {ws}\n"
            "then open: http://127.0.0.1:8000/  (API docs: http://127.0.0.1:8000/docs)\n"
            "demo users (passwords are shown only now; they are stored as argon2 hashes):",
            soft_wrap=True,
            highlight=False,
        )
        for name, agency, role, password in s.users:
            console.print(f"  {name:<14} {agency:<11} {role:<11} {password}", highlight=False)


def _show_accuracy(s: DemoSummary) -> None:
    table = Table("measure", "value", "target")
    r = s.resolution_accuracy
    table.add_row("pair precision", score(r.precision), ">= 0.97")
    table.add_row("pair recall", score(r.recall), "")
    table.add_row("pair F1", f"{r.f1:.3f}", ">= 0.97")
    table.add_row("recall on pairs across sources", score(r.cross_source_recall), ">= 0.95")
    if s.graph_accuracy is not None:
        ga = s.graph_accuracy
        table.add_row("syndicate adjusted Rand index", score(ga.syndicate_ari), ">= 0.90")
        table.add_row("migrants placed in a syndicate", f"{ga.migrants_in_syndicates:.1%}", "<= 2%")
        table.add_row("role macro-F1", f"{ga.role_macro_f1:.3f}", ">= 0.85")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
