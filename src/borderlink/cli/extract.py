"""`borderlink extract`: facts from free-text reports, from files or the workspace."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.cli.terminal import cell, esc
from borderlink.errors import OptionError

if TYPE_CHECKING:
    from borderlink.extract import Evaluation, Fact

FORMATS = ("table", "jsonl")
console = Console()
errors = Console(stderr=True, soft_wrap=True)


def extract(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Report files; none: the workspace's reports.")
    ] = None,
    workspace: WorkspaceOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
    gold: Annotated[
        Path | None, typer.Option("--evaluate", help="Gold facts (JSONL): print precision/recall.")
    ] = None,
) -> None:
    """Read reports into facts: figures, changes, periods, places, routes, people."""
    from borderlink.extract import extract_files

    if fmt not in FORMATS:
        raise OptionError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if files:
        outcomes = extract_files(files)
        for outcome in outcomes:
            if outcome.message:
                errors.print(f"[yellow]notice:[/] {esc(outcome.message)}")
        facts = [f for o in outcomes for f in o.facts]
        if gold is not None:
            from borderlink.extract import evaluate, load_gold

            scored = {p.name for p in files}
            _print_evaluation(evaluate(facts, load_gold(gold), files=scored), gold, fmt)
        else:
            _print_facts(facts, fmt)
        return
    _run_workspace(workspace, show=gold is None)
    if gold is not None:
        from borderlink.workspace.models import ExtractEvaluateRequest

        result = open_workspace(workspace).evaluate_extraction(ExtractEvaluateRequest(gold=gold))
        _print_evaluation(result, gold, fmt)


def _run_workspace(workspace: Path | None, *, show: bool) -> None:
    ws = open_workspace(workspace)
    with (
        Progress(
            TextColumn("extracting"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            console=errors,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("extracting", total=None)
        summary = ws.extract(
            progress=lambda done, total: bar.update(task, completed=done, total=total)
        )
    for message in summary.messages:
        errors.print(f"[yellow]notice:[/] {esc(message)}")
    if show:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_status.items()))
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_kind.items()))
        console.print(
            f"{summary.run_id}: {summary.reports} reports ({statuses}); "
            f"{summary.facts} facts ({kinds}); {summary.linked_facts} linked"
        )


def _print_facts(facts: list[Fact], fmt: str) -> None:
    if fmt == "jsonl":
        for fact in facts:
            sys.stdout.write(fact.model_dump_json() + "\n")
        return
    table = Table("file", "kind", "what", "value", "region", "period")
    for f in facts:
        value = " ".join(
            str(x) for x in (f.qualifier, f.value, f.unit, f.direction) if x not in (None, "")
        )
        period = f"{f.start or ''}..{f.end or ''}" if f.start or f.end else ""
        table.add_row(
            cell(Path(f.file).name),
            f.kind,
            cell(f.what or ""),
            cell(value),
            cell(f.region or ""),
            cell(period),
        )
    console.print(table)


def _print_evaluation(result: Evaluation, gold_path: Path, fmt: str) -> None:
    """Scores over the reports that were read (gold facts of other reports are not counted)."""
    if fmt == "jsonl":
        sys.stdout.write(
            json.dumps(
                {
                    "precision": result.precision,
                    "recall": result.recall,
                    "f1": result.f1,
                    "true_positives": result.true_positives,
                    "false_positives": result.false_positives,
                    "false_negatives": result.false_negatives,
                    "by_kind": {
                        k: {"precision": s.precision, "recall": s.recall}
                        for k, s in result.by_kind.items()
                    },
                }
            )
            + "\n"
        )
        return
    table = Table(
        "kind", "precision", "recall", "tp", "fp", "fn", title=f"against {gold_path.name}"
    )
    for kind, s in result.by_kind.items():
        table.add_row(
            kind,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            str(s.true_positives),
            str(s.false_positives),
            str(s.false_negatives),
        )
    table.add_row(
        "all",
        f"{result.precision:.3f}",
        f"{result.recall:.3f}",
        str(result.true_positives),
        str(result.false_positives),
        str(result.false_negatives),
    )
    console.print(table)
    for key in result.missed[:20]:
        console.print(f"missed: {esc(key)}")
    for key in result.spurious[:20]:
        console.print(f"spurious: {esc(key)}")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
