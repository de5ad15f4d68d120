"""`borderlink extract`: facts from free-text reports, from files or the workspace."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from borderlink.cli.listing import Format, FormatOption, emit
from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.cli.progress import stage_progress
from borderlink.cli.terminal import cell, esc, number, score

if TYPE_CHECKING:
    from borderlink.extract import Evaluation, Fact
    from borderlink.extract.evaluate import KindScore

console = Console()
errors = Console(stderr=True, soft_wrap=True)


def extract(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Report files; none: the workspace's reports.")
    ] = None,
    workspace: WorkspaceOption = None,
    fmt: FormatOption = Format.table,
    gold: Annotated[
        Path | None, typer.Option("--evaluate", help="Gold facts (JSONL): print precision/recall.")
    ] = None,
) -> None:
    """Read reports into facts: figures, changes, periods, places, routes, people.

    On the workspace, --format table prints a summary of the run; csv, json and jsonl
    print the facts it stored.
    """
    from borderlink.extract import extract_files

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
    _run_workspace(workspace, show=gold is None and fmt is Format.table)
    if gold is None and fmt is not Format.table:
        _print_facts(open_workspace(workspace).facts(), fmt)
    if gold is not None:
        from borderlink.workspace.models import ExtractEvaluateRequest

        result = open_workspace(workspace).evaluate_extraction(ExtractEvaluateRequest(gold=gold))
        _print_evaluation(result, gold, fmt)


def _run_workspace(workspace: Path | None, *, show: bool) -> None:
    ws = open_workspace(workspace)
    with stage_progress("extract", counted=True) as bar:
        summary = ws.extract(progress=bar.update)
    for message in summary.messages:
        errors.print(f"[yellow]notice:[/] {esc(message)}")
    if show:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_status.items()))
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_kind.items()))
        console.print(
            f"{summary.run_id}: {summary.reports} reports ({statuses}); "
            f"{summary.facts} facts ({kinds}); {summary.linked_facts} linked"
        )


def _print_facts(facts: list[Fact], fmt: Format) -> None:
    from borderlink.extract import Fact

    emit(fmt, facts, list(Fact.model_fields), lambda: _fact_table(facts))


def _fact_table(facts: list[Fact]) -> None:
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


SCORE_COLUMNS = ("kind", "precision", "recall", "true_positives", "false_positives")


def _print_evaluation(result: Evaluation, gold_path: Path, fmt: Format) -> None:
    """Scores over the reports that were read (gold facts of other reports are not counted).

    json and jsonl: one object with the scores; csv: a row per kind and one for all.
    """
    if fmt in (Format.json, Format.jsonl):
        body = {
            "precision": result.precision,
            "recall": result.recall,
            "f1": result.f1,
            "true_positives": result.true_positives,
            "false_positives": result.false_positives,
            "false_negatives": result.false_negatives,
            "by_kind": {
                k: {"precision": s.precision, "recall": s.recall} for k, s in result.by_kind.items()
            },
        }
        sys.stdout.write(json.dumps(body, indent=2 if fmt is Format.json else None) + "\n")
        return
    scores: list[tuple[str, KindScore | Evaluation]] = [*result.by_kind.items(), ("all", result)]
    rows: list[dict[str, Any]] = [
        {
            "kind": kind,
            "precision": s.precision,
            "recall": s.recall,
            "true_positives": s.true_positives,
            "false_positives": s.false_positives,
            "false_negatives": s.false_negatives,
        }
        for kind, s in scores
    ]
    emit(
        fmt,
        rows,
        (*SCORE_COLUMNS, "false_negatives"),
        lambda: _score_table(result, rows, gold_path),
    )


def _score_table(result: Evaluation, rows: list[dict[str, Any]], gold_path: Path) -> None:
    table = Table(
        "kind", "precision", "recall", "tp", "fp", "fn", title=f"against {gold_path.name}"
    )
    for r in rows:
        table.add_row(
            r["kind"],
            score(r["precision"]),
            score(r["recall"]),
            number(r["true_positives"]),
            number(r["false_positives"]),
            number(r["false_negatives"]),
        )
    console.print(table)
    for key in result.missed[:20]:
        console.print(f"missed: {esc(key)}")
    for key in result.spurious[:20]:
        console.print(f"spurious: {esc(key)}")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
