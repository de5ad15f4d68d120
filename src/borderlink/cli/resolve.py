"""`borderlink resolve`, `review`, `decide`, `explain`, `export records`, `export aliases`.

Thin shells over borderlink.resolve: parse options, call one library function,
print a summary.
"""

from __future__ import annotations

import json
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
from borderlink.cli.summaries import show_resolve
from borderlink.cli.terminal import cell, esc, number
from borderlink.errors import OptionError

if TYPE_CHECKING:
    from borderlink.workspace import Workspace
    from borderlink.workspace.models import ReviewPage

console = Console()
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
    dashboards: Annotated[
        Path | None,
        typer.Option(
            "--dashboards",
            metavar="DIR",
            help="Also write Splink's comparison viewer and cluster studio (offline HTML).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Resolve person records into entities (name keys, Splink model, clusters).

    The model is trained again only when the data changed since the last run (or with
    --retrain); otherwise the workspace is re-clustered with its stored model.
    """
    from borderlink.workspace.models import DashboardsRequest, ResolveRequest

    ws = open_workspace(workspace)
    request = ResolveRequest(
        retrain=retrain, engine=engine.value if engine else None, spark_master=spark_master
    )
    wanted = None if dashboards is None else DashboardsRequest(out=dashboards)  # checked first
    with stage_progress("resolve") as progress:
        summary = ws.resolve(request, progress=progress.step)
        if wanted is not None:
            progress.note("writing Splink's dashboards")
            written = ws.dashboards(wanted).files
    show_resolve(console, summary)
    if wanted is not None:
        for file in written:
            console.print(f"dashboard: {esc(file)}", soft_wrap=True, highlight=False)


@review_app.callback()
def review(
    ctx: typer.Context,
    workspace: WorkspaceOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many pairs.")] = 30,
    fmt: FormatOption = Format.table,
) -> None:
    """List the undecided pairs in the uncertain band, biggest effect on clustering first."""
    if ctx.invoked_subcommand is not None:
        return
    from borderlink.workspace.models import ReviewRequest, UncertainPair

    ws = open_workspace(workspace)
    page = ws.review(ReviewRequest(limit=limit))
    columns = list(UncertainPair.model_fields)
    emit(fmt, page.pairs, columns, lambda: _review_tables(ws, page), document=page)


def _review_tables(ws: Workspace, page: ReviewPage) -> None:
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
        f"{number(page.total)} undecided pairs in the uncertain band; decide with "
        "'borderlink decide A B --same|--different --reason TEXT'"
    )
    aliases = ws.aliases()
    if aliases:
        console.print(
            f"{number(len(aliases))} possible aliases (one person, two identities): "
            "'borderlink review aliases'"
        )


@review_app.command("aliases")
def review_aliases(
    workspace: WorkspaceOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many pairs.")] = 30,
    fmt: FormatOption = Format.table,
) -> None:
    """Possible aliases: two entities that may be one person under two identities."""
    pairs = open_workspace(workspace).aliases()
    shown = pairs[:limit]

    def table() -> None:
        out = Table("record A", "record B", "score", "evidence", title="Possible aliases")
        for p in shown:
            out.add_row(
                cell(p.record_a),
                cell(p.record_b),
                f"{p.score:.2f}",
                cell(json.dumps(p.evidence, ensure_ascii=False)),
            )
        console.print(out)
        console.print(
            f"{number(len(pairs))} possible aliases in all; merge one with "
            "'borderlink decide A B --same --reason TEXT'"
        )

    columns = ("entity_a", "entity_b", "record_a", "record_b", "score", "evidence")
    emit(fmt, shown, columns, table)


@review_app.command("export")
def review_export(
    out: Annotated[Path, typer.Option("--out", "-o", help="JSON Lines file to write.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Write every review decision to a JSON Lines file."""
    from borderlink.workspace.models import DecisionsExportRequest

    n = open_workspace(workspace).export_decisions(DecisionsExportRequest(out=out)).items
    console.print(f"{number(n)} decisions written to {esc(out)}")


@review_app.command("import")
def review_import(
    file: Annotated[Path, typer.Argument(help="JSON Lines file of decisions.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Add the decisions of a JSON Lines file (ones already held are skipped)."""
    from borderlink.workspace.models import DecisionsImportRequest

    done = open_workspace(workspace).import_decisions(DecisionsImportRequest(file=file))
    console.print(f"{number(done.added)} decisions added, {number(done.already_held)} already held")


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
        f"{number(result.applied.entities)} entities"
    )


def explain(
    record_a: Annotated[str, typer.Argument(help="Record id.")],
    record_b: Annotated[str, typer.Argument(help="Record id.")],
    waterfall: Annotated[
        Path | None,
        typer.Option(
            "--waterfall",
            metavar="FILE.html",
            help="Also write Splink's waterfall chart of the pair (opens offline).",
            show_default=False,
        ),
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Each comparison's level and match weight, the name keys that met, the probability,
    and any decision an analyst made on the pair."""
    from borderlink.workspace.models import ExplainRequest

    request = ExplainRequest(record_a=record_a, record_b=record_b, waterfall=waterfall)
    e = open_workspace(workspace).explain(request)
    # fields as rows, the two records as columns: ids stay whole in an 80-column terminal
    records = Table("", "record A", "record B")
    a, b = e.records
    for label, field in (
        ("record", "record_id"),
        ("name", "name"),
        ("sex", "sex"),
        ("birth date", "dob"),
        ("ID", "id_number"),
        ("phone", "phone"),
        ("nationality", "nationality"),
        ("entity", "entity_id"),
    ):
        records.add_row(label, cell(getattr(a, field) or ""), cell(getattr(b, field) or ""))
    records.add_row(
        "source",
        cell(f"{a.source}/{a.file} {a.record_key}"),
        cell(f"{b.source}/{b.file} {b.record_key}"),
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
    if e.decision is not None:
        d = e.decision
        console.print(
            f"decision: {d.decision} by {esc(d.decided_by)} at {d.decided_at:%Y-%m-%d %H:%M}Z: "
            f"{esc(d.reason)}"
        )
    else:
        console.print("decision: none yet ('borderlink decide A B --same|--different')")
    if e.alias is not None:
        console.print(
            f"possible alias (score {e.alias.score:.2f}): the same person under two identities? "
            f"evidence {esc(json.dumps(e.alias.evidence, ensure_ascii=False))}"
        )
    if e.waterfall is not None:
        console.print(f"waterfall chart: {esc(e.waterfall)}", soft_wrap=True)


@export_app.command("records")
def export_records(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="CSV file to write.")],
    excel: ExcelOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """One row per person record: source,file,record_key,entity_id."""
    from borderlink.workspace.models import ExportRequest

    n = open_workspace(workspace).export_records(ExportRequest(out=out, excel=excel)).items
    console.print(f"{number(n)} person records written to {esc(out)}")


@export_app.command("aliases")
def export_aliases(
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="CSV file to write.")],
    excel: ExcelOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Possible aliases, one row per record pair, with their score and evidence (JSON)."""
    from borderlink.workspace.models import ExportRequest

    n = open_workspace(workspace).export_aliases(ExportRequest(out=out, excel=excel)).items
    console.print(f"{number(n)} possible aliases written to {esc(out)}")


def register(app: typer.Typer) -> None:
    app.command("resolve")(resolve)
    app.add_typer(review_app, name="review")
    app.command("decide")(decide)
    app.command("explain")(explain)
    from borderlink.cli.evaluate import evaluate

    app.command("evaluate")(evaluate)
