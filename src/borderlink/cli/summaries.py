"""How each stage's summary is printed, shared by that stage's command and by `demo`.

One printer per summary, so `borderlink ingest` and `borderlink demo` can never
disagree on what an ingest reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from borderlink.cli.terminal import cell, esc, number

if TYPE_CHECKING:
    from borderlink.graph.analysis import AnalysisSummary
    from borderlink.ingest import IngestSummary
    from borderlink.reports import ReportSummary
    from borderlink.resolve import ResolveSummary


def show_ingest(console: Console, summary: IngestSummary, *, per_file: bool = True) -> None:
    """Rows read, imported and quarantined, per file or per source, with a total line."""
    title = f"{'dry run ' if summary.dry_run else ''}{summary.run_id}"
    if per_file:
        table = Table("source", "file", "action", "read", "imported", "quarantined", title=title)
        for f in summary.files:
            table.add_row(
                cell(f.source),
                cell(f.file),
                f.action,
                f"{number(f.read)}",
                f"{number(f.imported)}",
                f"{number(f.quarantined)}",
            )
        table.add_row(
            "total",
            "",
            "",
            f"{number(summary.read)}",
            f"{number(summary.imported)}",
            f"{number(summary.quarantined)}",
        )
    else:
        table = Table("source", "read", "imported", "quarantined", title=title)
        for source, counts in summary.by_source().items():
            table.add_row(
                cell(source),
                f"{number(counts['read'])}",
                f"{number(counts['imported'])}",
                f"{number(counts['quarantined'])}",
            )
        table.add_row(
            "total",
            f"{number(summary.read)}",
            f"{number(summary.imported)}",
            f"{number(summary.quarantined)}",
        )
    console.print(table)


def show_resolve(console: Console, summary: ResolveSummary) -> None:
    table = Table("", "", title=f"resolve run {summary.resolve_run_id}", show_header=False)
    for label, value in (
        ("person records", summary.records),
        ("candidate pairs scored", summary.candidate_pairs),
        ("pairs kept (above the floor)", summary.stored_pairs),
        ("links at the threshold", summary.linked_pairs),
        ("entities found", summary.entities),
        ("entities with 2+ records", summary.multi_record_entities),
        ("uncertain pairs to review", summary.uncertain_pairs),
        ("review decisions obeyed", summary.decisions_applied),
        ("links refused (decision, ID clash)", summary.refused_links),
        ("possible aliases flagged", summary.possible_aliases),
    ):
        table.add_row(label, f"{number(value)}")
    table.add_row("model", f"{summary.model_sha256[:12]} ({summary.model_file})")
    table.add_row("time", ", ".join(f"{k} {v:.1f}s" for k, v in summary.timings.items()))
    console.print(table)
    for note in summary.notes:
        console.print(f"[yellow]note:[/] {esc(note)}")


def show_analysis(console: Console, summary: AnalysisSummary, *, limit: int | None = None) -> None:
    """The graph's size, then the syndicates, largest first, with route and key players."""
    console.print(
        f"graph: {number(summary.nodes)} nodes, {number(summary.edges)} edges; "
        f"{number(summary.entities)} entities, {number(summary.facilitators)} facilitators, "
        f"{number(summary.customers_placed)} customers placed"
    )
    syndicates = sorted(summary.syndicates, key=lambda s: (-s.size, s.syndicate_id))
    shown = syndicates if limit is None else syndicates[:limit]
    title = f"Syndicates ({len(syndicates)})" + (
        f", the {len(shown)} largest" if len(shown) < len(syndicates) else ""
    )
    table = Table(
        "syndicate", "size", "base", "routes", "key players", title=title, show_lines=True
    )
    for s in shown:
        players = "\n".join(s.key_player_labels or s.key_players)
        table.add_row(
            cell(s.syndicate_id),
            str(s.size),
            cell(s.base_region or ""),
            cell(s.routes),
            cell(players),
        )
    console.print(table)
    if summary.chain:
        chain = Table(
            "from",
            "to",
            "customers",
            "cases",
            "first - last",
            "calls",
            title=f"Hand-overs between syndicates ({len(summary.chain)})",
        )
        for r in summary.chain[: limit or len(summary.chain)]:
            cases = ", ".join(r.cases[:3]) + (f" +{len(r.cases) - 3}" if len(r.cases) > 3 else "")
            chain.add_row(
                r.from_syndicate,
                r.to_syndicate,
                str(r.customers),
                cases,
                f"{r.first_seen} - {r.last_seen}",
                str(r.calls_between),
            )
        console.print(chain)


def show_report(console: Console, summary: ReportSummary, *, lang: str = "en") -> None:
    """The headline figures as the forces would read them, then where the files are."""
    from borderlink.stats.headline import headline_lines

    figures = summary.data.figures
    console.print(f"[bold]Operation report[/bold], {figures.window}")
    for label, shown in headline_lines(figures, "zh" if lang == "zh" else "en"):
        console.print(f"  {esc(label)}: {esc(shown)}", highlight=False)
    console.print(f"report: {esc(summary.html)}", soft_wrap=True, highlight=False)
    if summary.pdf:
        console.print(f"pdf:    {esc(summary.pdf)}", soft_wrap=True, highlight=False)
    console.print(
        f"data:   {len(summary.files)} CSV/JSON files in {esc(summary.out)}",
        soft_wrap=True,
        highlight=False,
    )
