"""`borderlink stats`: the operation's figures, breakdowns and year-on-year changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from borderlink.cli.listing import Format, FormatOption, emit
from borderlink.cli.options import WorkspaceOption, open_workspace
from borderlink.cli.terminal import number
from borderlink.errors import OptionError

if TYPE_CHECKING:
    from borderlink.stats import Comparison, OperationFigures

console = Console()
SHOWN = (
    "cases_cracked",
    "people_arrested",
    "illegal_entrants",
    "stowaways",
    "illegal_workers",
    "overstayers",
    "traffickers",
    "employers",
    "groups_broken_up",
)

SHORT = ("entrants", "stowaways", "workers", "overstay", "traffickers", "employers", "groups")


def _print_figures(figures: OperationFigures) -> None:
    table = Table(
        "figure",
        "arrests / count",
        "distinct people",
        "note",
        title=f"Operation figures, {figures.window}",
    )
    for info in figures.figures:
        value = figures.value(info.key)
        note = "; ".join(n for n in (info.note, info.people_note) if n)
        people = number(value.people) if info.unit == "people" else ""
        table.add_row(info.label_en, number(value.count), people, note)
    console.print(table)
    yoy = Table(
        "year",
        "months compared",
        *[figures.info(k).label_en for k in SHOWN[:3]],
        title="Year on year (same months a year earlier)",
    )
    for year in sorted({r.year for r in figures.yoy}):
        rows = {r.figure: r for r in figures.yoy if r.year == year and r.group is None}
        first = rows["cases_cracked"]
        span = f"{first.current.start:%b %d}–{first.current.end:%b %d}"
        cells = [f"{number(rows[k].current_value)} ({rows[k].change.text()})" for k in SHOWN[:3]]
        yoy.add_row(str(year), span, *cells)
    console.print(yoy)
    if figures.breakdown is not None:
        b = figures.breakdown
        table = Table(b.by, "cases", "arrests", "people", *SHORT, title=f"By {b.label_en.lower()}")
        for row in b.rows:
            v = row.values
            cells = [number(v["cases_cracked"].count), number(v["people_arrested"].count)]
            cells += [number(v["people_arrested"].people), *[number(v[k].count) for k in SHOWN[2:]]]
            table.add_row(row.key or "unknown", *cells)
        console.print(table)
        if b.note:
            console.print(f"[dim]{b.note}[/dim]")
    console.print("[bold]How each figure was counted[/bold]")
    for info in figures.figures:
        console.print(f"- {info.label_en}: {info.rule_en}", highlight=False)
    for note in figures.notes:
        console.print(f"[yellow]note:[/yellow] {note}")


def _print_comparisons(rows: list[Comparison], fmt: Format) -> None:
    from borderlink.stats import Comparison

    emit(fmt, rows, list(Comparison.model_fields), lambda: _comparison_table(rows))


def _comparison_table(rows: list[Comparison]) -> None:
    table = Table(
        "report",
        "figure",
        "region",
        "reported",
        "computed",
        "people",
        "difference",
        "verdict",
        title="Reported vs computed",
    )
    for r in rows:
        reported = f"{(r.qualifier or '').replace('_', ' ')} {number(r.reported)}".strip()
        unit = "%" if r.kind == "change" else ""
        table.add_row(
            r.file,
            r.what + (" (change)" if r.kind == "change" else ""),
            (r.region or "all") + (f" ({r.agency})" if r.agency else ""),
            reported + unit,
            number(r.computed) + (unit if r.computed is not None else ""),
            number(r.computed_people),
            number(r.difference),
            r.verdict,
        )
    console.print(table)


def stats(
    workspace: WorkspaceOption = None,
    start: Annotated[str | None, typer.Option("--from", help="First day, e.g. 2016-02-01.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day, e.g. 2019-07-31.")] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="region|route|origin|month|offence|agency",
            help="Break the figures down by this.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    compare: Annotated[
        bool, typer.Option("--compare-reports", help="Reported vs computed figures.")
    ] = False,
) -> None:
    """Cases cracked, arrests and people by kind, groups broken up, year on year."""
    if compare and (by or start or end):
        raise OptionError(
            "--compare-reports takes each report's own region and period: "
            "drop --by, --from and --to"
        )
    from borderlink.stats.tables import COLUMNS, all_rows
    from borderlink.workspace.models import StatsRequest

    request = StatsRequest.parse(start=start, end=end, by=by)
    ws = open_workspace(workspace)
    if compare:
        _print_comparisons(ws.compare_reports(), fmt)
        return
    figures = ws.stats(request)
    emit(fmt, all_rows(figures), COLUMNS, lambda: _print_figures(figures), document=figures)


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
