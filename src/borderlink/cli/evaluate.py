"""`borderlink evaluate`: the resolution (and, when analysed, the graph) against a truth."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.cli.terminal import number, score

if TYPE_CHECKING:
    from borderlink.graph.evaluate import GraphEvaluation

console = Console()


def evaluate(
    truth: Annotated[Path, typer.Option("--truth", help="The generator's truth/ folder.")],
    workspace: WorkspaceOption = None,
    baseline: Annotated[
        bool, typer.Option("--baseline/--no-baseline", help="Also run plain Splink.")
    ] = True,
) -> None:
    """Pair precision, recall and F1 against truth, beside a plain Splink baseline.

    An analysed workspace also gets syndicate ARI, migrants in syndicates and role F1.
    """
    from borderlink.workspace.models import EvaluateRequest

    with console.status("evaluating (training the baseline too)" if baseline else "evaluating"):
        result = open_workspace(workspace).evaluate(EvaluateRequest(truth=truth, baseline=baseline))
    ev = result.resolve
    runs = [("borderlink", ev.resolve)] + ([("plain Splink", ev.baseline)] if ev.baseline else [])
    table = Table("metric", *(name for name, _ in runs), title="Pairs (records sharing a person)")
    for label, attr in (
        ("precision", "precision"),
        ("recall", "recall"),
        ("F1", "f1"),
        ("cross-source recall", "cross_source_recall"),
        ("true pairs", "true_pairs"),
        ("predicted pairs", "predicted_pairs"),
        ("true people", "true_people"),
        ("entities", "entities"),
    ):
        table.add_row(label, *(score(getattr(m, attr)) for _, m in runs))
    console.print(table)
    per = Table(
        "source pair", "true pairs", *(f"recall {n}" for n, _ in runs), title="Per source pair"
    )
    base = {(s.source_a, s.source_b): s for s in ev.baseline.per_source_pair} if ev.baseline else {}
    for s in ev.resolve.per_source_pair:
        other = [score(base[(s.source_a, s.source_b)].recall)] if ev.baseline else []
        per.add_row(
            f"{s.source_a} × {s.source_b}", f"{number(s.true_pairs)}", score(s.recall), *other
        )
    console.print(per)
    for section in ev.sections:
        extra = Table("", "", title=section.title, show_header=False)
        for k, v in section.rows:
            extra.add_row(k, v)
        console.print(extra)
    console.print(
        f"{number(ev.records_matched)} workspace records matched "
        f"{number(ev.records_in_truth)} truth rows"
    )
    _print_graph_evaluation(result.graph)


def _print_graph_evaluation(graph: GraphEvaluation | None) -> None:
    """Syndicate ARI, migrants placed in syndicates and role F1 (issue 6's targets)."""
    if graph is None:
        console.print("graph not analysed; run 'borderlink analyse'")
        return
    table = Table("metric", "value", "target", title="Link graph")
    table.add_row("syndicate ARI", score(graph.syndicate_ari), ">= 0.90")
    table.add_row("migrants in syndicates", f"{graph.migrants_in_syndicates:.2%}", "<= 2%")
    table.add_row("role macro-F1", score(graph.role_macro_f1), ">= 0.85")
    table.add_row("syndicate members scored", f"{number(graph.syndicate_members_scored)}", "")
    table.add_row("migrants scored", f"{number(graph.migrants_scored)}", "")
    table.add_row(
        "people scored / unmatched",
        f"{number(graph.people_scored)} / {number(graph.people_unmatched)}",
        "",
    )
    console.print(table)
    roles = Table("role", "F1", title="Role in the chain")
    for role, f1 in graph.role_f1.items():
        roles.add_row(role, score(f1))
    console.print(roles)
