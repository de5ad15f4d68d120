"""`borderlink resolve`, `review`, `decide`, `explain`, `evaluate`, `export records`.

Thin shells over borderlink.resolve: parse options, call one library function,
print a summary.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from borderlink.cli.export import export_app
from borderlink.cli.options import (
    EngineOption,
    ExcelOption,
    SparkMasterOption,
    WorkspaceOption,
    open_workspace,
)
from borderlink.cli.summaries import show_resolve
from borderlink.cli.terminal import cell, esc
from borderlink.errors import OptionError

if TYPE_CHECKING:
    from borderlink.graph.evaluate import GraphEvaluation

console = Console()
REVIEW_FORMATS = ("table", "csv", "json")
REVIEW_FIELDS = ("name", "sex", "dob", "id", "phone", "nationality")
review_app = typer.Typer(
    help="List the uncertain pairs (biggest effect first); export or import decisions.",
    invoke_without_command=True,
)


def resolve(
    workspace: WorkspaceOption = None,
    retrain: Annotated[
        bool,
        typer.Option(
            "--retrain", help="Train the model again even when no data changed since the last run."
        ),
    ] = False,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
) -> None:
    """Resolve person records into entities (name keys, Splink model, clusters).

    The model is trained again only when the data changed since the last run (or with
    --retrain); otherwise the workspace is re-clustered with its stored model.
    """
    from borderlink.workspace.models import ResolveRequest

    ws = open_workspace(workspace)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("resolving")
        request = ResolveRequest(
            retrain=retrain, engine=engine.value if engine else None, spark_master=spark_master
        )
        summary = ws.resolve(request, progress=lambda s: bar.update(task, description=s))
    show_resolve(console, summary)


@review_app.callback()
def review(
    ctx: typer.Context,
    workspace: WorkspaceOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many pairs.")] = 30,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """List the undecided pairs in the uncertain band, biggest effect on clustering first."""
    if ctx.invoked_subcommand is not None:
        return
    from borderlink.stats.tables import to_csv
    from borderlink.workspace.models import ReviewRequest, UncertainPair

    if fmt not in REVIEW_FORMATS:
        raise OptionError(f"--format must be one of {', '.join(REVIEW_FORMATS)}, not {fmt!r}")
    page = open_workspace(workspace).review(ReviewRequest(limit=limit))
    if fmt == "json":
        typer.echo(page.model_dump_json(indent=2))
        return
    if fmt == "csv":
        rows = [p.model_dump(mode="json") for p in page.pairs]
        typer.echo(to_csv(rows, list(UncertainPair.model_fields)), nl=False)
        return
    for n, p in enumerate(page.pairs, start=1):
        pair = p.model_dump()
        linked = "linked" if p.linked else "not linked"
        table = Table(
            "",
            "record A",
            "record B",
            title=f"{n}. p={p.match_probability:.3f}, {linked}, effect {p.effect}",
            title_justify="left",
        )
        table.add_row("record", cell(p.record_a), cell(p.record_b))
        table.add_row("source", cell(p.source_a), cell(p.source_b))
        for field in REVIEW_FIELDS:
            table.add_row(field, cell(pair[f"{field}_a"] or ""), cell(pair[f"{field}_b"] or ""))
        console.print(table)
    console.print(
        f"{page.total:,} undecided pairs in the uncertain band; decide with "
        "'borderlink decide A B --same|--different --reason TEXT'"
    )
    aliases = open_workspace(workspace).aliases()
    if aliases:
        console.print(
            f"{len(aliases):,} possible aliases (one person, two identities): "
            "'borderlink review aliases'"
        )


@review_app.command("aliases")
def review_aliases(
    workspace: WorkspaceOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many pairs.")] = 30,
) -> None:
    """Possible aliases: two entities that may be one person under two identities."""
    pairs = open_workspace(workspace).aliases()
    table = Table("record A", "record B", "score", "evidence", title="Possible aliases")
    for p in pairs[:limit]:
        table.add_row(
            cell(p.record_a),
            cell(p.record_b),
            f"{p.score:.2f}",
            cell(json.dumps(p.evidence, ensure_ascii=False)),
        )
    console.print(table)
    console.print(
        f"{len(pairs):,} possible aliases in all; merge one with "
        "'borderlink decide A B --same --reason TEXT'"
    )


@review_app.command("export")
def review_export(
    out: Annotated[Path, typer.Option("--out", "-o", help="JSON Lines file to write.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Write every review decision to a JSON Lines file."""
    from borderlink.workspace.models import DecisionsExportRequest

    n = open_workspace(workspace).export_decisions(DecisionsExportRequest(out=out)).items
    console.print(f"{n:,} decisions written to {esc(out)}")


@review_app.command("import")
def review_import(
    file: Annotated[Path, typer.Argument(help="JSON Lines file of decisions.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Add the decisions of a JSON Lines file (ones already held are skipped)."""
    from borderlink.workspace.models import DecisionsImportRequest

    done = open_workspace(workspace).import_decisions(DecisionsImportRequest(file=file))
    console.print(f"{done.added:,} decisions added, {done.already_held:,} already held")


def decide(
    record_a: Annotated[str, typer.Argument(help="Record id.")],
    record_b: Annotated[str, typer.Argument(help="Record id.")],
    same: Annotated[bool, typer.Option("--same", help="The two records are one person.")] = False,
    different: Annotated[
        bool, typer.Option("--different", help="The two records are different people.")
    ] = False,
    reason: Annotated[str, typer.Option("--reason", help="Why (kept with the decision).")] = "",
    by: Annotated[str | None, typer.Option("--by", help="Who decides (default: $USER).")] = None,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply/--no-apply", help="Re-cluster at once with the stored model (seconds)."
        ),
    ] = True,
    workspace: WorkspaceOption = None,
) -> None:
    """Record a review decision; it is applied at once and every later resolve obeys it."""
    from borderlink.workspace.models import DecideRequest

    if same == different:
        raise OptionError("give exactly one of --same or --different")
    request = DecideRequest(
        record_a=record_a,
        record_b=record_b,
        decision="same" if same else "different",
        reason=reason,
        decided_by=by,
        apply=apply,
    )
    with console.status("applying the decision"):
        result = open_workspace(workspace).decide(request)
    d = result.decision
    console.print(
        f"{d.decision}: {esc(d.record_a)} {esc(d.record_b)} by {esc(d.decided_by)} at "
        f"{d.decided_at:%Y-%m-%d %H:%M:%S}Z"
    )
    if result.applied is None:
        console.print("not applied yet; run 'borderlink resolve' to apply")
        return
    together = "one entity" if result.entity_a == result.entity_b else "two entities"
    console.print(
        f"applied in {sum(result.applied.timings.values()):.1f}s "
        f"(run {result.applied.resolve_run_id}): {esc(d.record_a)} -> {result.entity_a}, "
        f"{esc(d.record_b)} -> {result.entity_b} ({together}); "
        f"{result.applied.entities:,} entities"
    )


def explain(
    record_a: Annotated[str, typer.Argument(help="Record id.")],
    record_b: Annotated[str, typer.Argument(help="Record id.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Each comparison's level and match weight, the name keys that met, the probability."""
    from borderlink.workspace.models import ExplainRequest

    e = open_workspace(workspace).explain(ExplainRequest(record_a=record_a, record_b=record_b))
    records = Table("record", "source / key", "name", "dob", "id", "phone", "nat.", "entity")
    for r in e.records:
        records.add_row(
            cell(r.record_id),
            cell(f"{r.source}/{r.file} {r.record_key}"),
            cell(r.name or ""),
            cell(r.dob or ""),
            cell(r.id_number or ""),
            cell(r.phone or ""),
            cell(r.nationality or ""),
            cell(r.entity_id or ""),
        )
    console.print(records)
    table = Table("comparison", "level", "match weight", title=f"model of run {e.resolve_run_id}")
    table.add_row("prior", "", f"{e.prior_match_weight:+.2f}")
    for c in e.comparisons:
        table.add_row(cell(c.comparison), cell(c.level), f"{c.match_weight:+.2f}")
    table.add_row("total", "", f"{e.match_weight:+.2f}")
    console.print(table)
    console.print(f"name keys met: {esc(', '.join(e.keys_met) or 'none')}")
    console.print(
        f"match probability {e.match_probability:.6f}; "
        f"{'same entity' if e.same_entity else 'different entities'}"
    )
    if e.alias is not None:
        console.print(
            f"possible alias (score {e.alias.score:.2f}): the same person under two identities? "
            f"evidence {json.dumps(e.alias.evidence, ensure_ascii=False)}"
        )


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
    for label, attr, fmt in (
        ("precision", "precision", "{:.4f}"),
        ("recall", "recall", "{:.4f}"),
        ("F1", "f1", "{:.4f}"),
        ("cross-source recall", "cross_source_recall", "{:.4f}"),
        ("true pairs", "true_pairs", "{:,}"),
        ("predicted pairs", "predicted_pairs", "{:,}"),
        ("true people", "true_people", "{:,}"),
        ("entities", "entities", "{:,}"),
    ):
        table.add_row(label, *(fmt.format(getattr(m, attr)) for _, m in runs))
    console.print(table)
    per = Table(
        "source pair", "true pairs", *(f"recall {n}" for n, _ in runs), title="Per source pair"
    )
    base = {(s.source_a, s.source_b): s for s in ev.baseline.per_source_pair} if ev.baseline else {}
    for s in ev.resolve.per_source_pair:
        other = [f"{base[(s.source_a, s.source_b)].recall:.4f}"] if ev.baseline else []
        per.add_row(f"{s.source_a} × {s.source_b}", f"{s.true_pairs:,}", f"{s.recall:.4f}", *other)
    console.print(per)
    for section in ev.sections:
        extra = Table("", "", title=section.title, show_header=False)
        for k, v in section.rows:
            extra.add_row(k, v)
        console.print(extra)
    console.print(
        f"{ev.records_matched:,} workspace records matched {ev.records_in_truth:,} truth rows"
    )
    _print_graph_evaluation(result.graph)


def _print_graph_evaluation(graph: GraphEvaluation | None) -> None:
    """Syndicate ARI, migrants placed in syndicates and role F1 (issue 6's targets)."""
    if graph is None:
        console.print("graph not analysed; run 'borderlink analyse'")
        return
    table = Table("metric", "value", "target", title="Link graph")
    table.add_row("syndicate ARI", f"{graph.syndicate_ari:.4f}", ">= 0.90")
    table.add_row("migrants in syndicates", f"{graph.migrants_in_syndicates:.2%}", "<= 2%")
    table.add_row("role macro-F1", f"{graph.role_macro_f1:.4f}", ">= 0.85")
    table.add_row("syndicate members scored", f"{graph.syndicate_members_scored:,}", "")
    table.add_row("migrants scored", f"{graph.migrants_scored:,}", "")
    table.add_row(
        "people scored / unmatched", f"{graph.people_scored:,} / {graph.people_unmatched:,}", ""
    )
    console.print(table)
    roles = Table("role", "F1", title="Role in the chain")
    for role, f1 in graph.role_f1.items():
        roles.add_row(role, f"{f1:.4f}")
    console.print(roles)


@export_app.command("records")
def export_records(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="CSV file to write.")],
    excel: ExcelOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """One row per person record: source,file,record_key,entity_id."""
    from borderlink.workspace.models import ExportRequest

    n = open_workspace(workspace).export_records(ExportRequest(out=out, excel=excel)).items
    console.print(f"{n:,} person records written to {esc(out)}")


@export_app.command("aliases")
def export_aliases(
    out: Annotated[Path, typer.Option("--out", "-o", help="CSV file to write.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Possible aliases, one row per record pair, with their score and evidence (JSON)."""
    from borderlink.workspace.models import ExportRequest

    n = open_workspace(workspace).export_aliases(ExportRequest(out=out)).items
    console.print(f"{n:,} possible aliases written to {esc(out)}")


def register(app: typer.Typer) -> None:
    app.command("resolve")(resolve)
    app.add_typer(review_app, name="review")
    app.command("decide")(decide)
    app.command("explain")(explain)
    app.command("evaluate")(evaluate)
