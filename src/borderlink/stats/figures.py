"""The operation's figures: `operation_figures` from the arrests' counts (stats/arrests.py).

`operation_figures` builds the arrests table, reads its counts per window and breakdown,
and assembles one OperationFigures. Figures that need resolve or analyse output are
marked "not computed" (value None) when those tables are missing, never guessed.
"""

from __future__ import annotations

from datetime import date

from borderlink.errors import InvalidRequest, WorkspaceError
from borderlink.stats.arrests import (
    PEOPLE_FIGURES,
    arrest_counts,
    arrest_dates,
    build_arrests,
    check_inputs,
    groups_arrested,
)
from borderlink.stats.breakdowns import Dimension, available, dimension
from borderlink.stats.counting import CountingRules, counting_rules, value_label
from borderlink.stats.models import (
    Breakdown,
    Count,
    FigureInfo,
    FigureSet,
    Inputs,
    OperationFigures,
    YoyRow,
)
from borderlink.stats.windows import Window, comparable_periods, make_window, month_span, year_parts
from borderlink.stats.yoy import yoy_change
from borderlink.store import Store

NEEDS_GRAPH = ("traffickers", "groups_broken_up")
NOT_RESOLVED = "not computed: run resolve"
NOT_ANALYSED = "not computed: run resolve/analyse"


def figure_sets(
    store: Store,
    inputs: Inputs,
    period: Window,
    dim: Dimension | None,
    rules: CountingRules,
    regions: list[str] | None = None,
    sources: list[str] | None = None,
) -> list[FigureSet]:
    """Every figure per group of `dim`, over arrests in `regions` and by `sources` if given."""
    rows = arrest_counts(store, period, dim, regions, sources)
    groups: dict[str | None, int] = {}
    if inputs.members and inputs.clusters:
        min_members = rules.group_min_members_arrested
        groups = groups_arrested(store, period, dim, min_members, regions, sources)
    if dim is None and not rows:
        rows = [{"key": None, "cases_cracked": 0} | {n: 0 for n in PEOPLE_FIGURES}]
    graph_ok = inputs.members and inputs.clusters
    out: list[FigureSet] = []
    for row in rows:
        values: dict[str, Count] = {"cases_cracked": Count(count=int(row["cases_cracked"]))}
        for name in PEOPLE_FIGURES:
            computed = graph_ok or name not in NEEDS_GRAPH
            values[name] = Count(
                count=int(row[name] or 0) if computed else None,
                people=int(row.get(f"{name}__people") or 0)
                if computed and inputs.clusters
                else None,
            )
        values["groups_broken_up"] = Count(count=groups.get(row["key"], 0) if graph_ok else None)
        label = value_label(dim.name, row["key"]) if dim else None
        out.append(
            FigureSet(
                key=row["key"],
                label_en=label.en if label else "All",
                label_zh=label.zh if label else "合计",
                values=values,
            )
        )
    return out


def _infos(inputs: Inputs, rules: CountingRules) -> list[FigureInfo]:
    infos = []
    for key, rule in rules.figures.items():
        graph_missing = key in NEEDS_GRAPH and not (inputs.members and inputs.clusters)
        people_note = None
        if rule.unit == "people" and not inputs.clusters:
            people_note = f"distinct people {NOT_RESOLVED}"
        infos.append(
            FigureInfo(
                key=key,
                label_en=rule.en,
                label_zh=rule.zh,
                unit=rule.unit,  # type: ignore[arg-type]
                rule_en=rule.rule_en,
                rule_zh=rule.rule_zh,
                status="not_computed" if graph_missing else "ok",
                note=NOT_ANALYSED if graph_missing else None,
                people_note=people_note,
            )
        )
    return infos


def data_coverage(store: Store) -> Window:
    """Whole months from the first to the last dated arrest; WorkspaceError when none."""
    first, last = arrest_dates(store)
    if first is None or last is None:
        where = f" at {store.path.parent}" if store.path else ""
        raise WorkspaceError(
            f"workspace{where} holds no dated cases or arrests: "
            "run 'borderlink ingest' on an export first"
        )
    return month_span(first, last)


def yoy_rows(
    store: Store,
    inputs: Inputs,
    window: Window,
    coverage: Window,
    dim: Dimension | None,
    rules: CountingRules,
) -> list[YoyRow]:
    """Each figure per year part of the window against the same months a year earlier."""
    rows: list[YoyRow] = []
    for part in year_parts(window):
        periods = comparable_periods(part, coverage)
        if periods is None:
            continue
        current, base = periods
        now = {s.key: s for s in figure_sets(store, inputs, current, dim, rules)}
        before = {s.key: s for s in figure_sets(store, inputs, base, dim, rules)} if base else {}
        partial = not current.is_whole_year()
        for group in sorted(now.keys() | before.keys(), key=lambda k: (k is None, k or "")):
            for figure in rules.figures:
                cur = now[group].values[figure].count if group in now else 0
                if base is None:
                    old: int | None = None
                elif group in before:
                    old = before[group].values[figure].count
                else:
                    old = 0 if cur is not None else None
                if cur is None:
                    old = None
                rows.append(
                    YoyRow(
                        figure=figure,
                        group=group,
                        year=part.start.year,
                        current=current,
                        base=base,
                        partial=partial,
                        current_value=cur,
                        base_value=old,
                        change=yoy_change(cur, old, base_covered=base is not None),
                    )
                )
    return rows


def operation_figures(
    store: Store,
    window: Window | tuple[date | None, date | None] | None = None,
    by: str | None = None,
    *,
    regions: list[str] | None = None,
) -> OperationFigures:
    """The operation's figures over `window` (default: all the data), optionally by a dimension."""
    rules = counting_rules()
    dim = dimension(by) if by else None
    inputs = build_arrests(store, check_inputs(store), rules)
    coverage = data_coverage(store)
    if isinstance(window, Window):
        win = window
    else:
        start, end = window if window else (None, None)
        win = make_window(start, end, coverage)
    totals = figure_sets(store, inputs, win, None, rules, regions)[0]
    if not totals.values["people_arrested"].count:
        raise InvalidRequest(
            "window",
            f"no cases or arrests between {win.start} and {win.end}; "
            f"the data runs from {coverage.start} to {coverage.end}",
        )
    notes = _notes(inputs)
    breakdown = None
    if dim is not None:
        reason = available(dim, inputs)
        label = rules.dimensions[dim.name]
        breakdown = Breakdown(
            by=dim.name,
            label_en=label.en,
            label_zh=label.zh,
            rows=[] if reason else figure_sets(store, inputs, win, dim, rules, regions),
            note=reason or _overlap_note(dim),
        )
    yoy_dim = (
        dim if dim is not None and dim.name != "month" and breakdown and breakdown.rows else None
    )
    yoy = yoy_rows(store, inputs, win, coverage, None, rules)
    if yoy_dim is not None:
        yoy += yoy_rows(store, inputs, win, coverage, yoy_dim, rules)
    return OperationFigures(
        window=win,
        coverage=coverage,
        figures=_infos(inputs, rules),
        totals=totals,
        yoy=yoy,
        breakdown=breakdown,
        inputs=inputs,
        notes=notes,
    )


def _overlap_note(dim: Dimension) -> str:
    if dim.overlapping:
        return (
            "a case, arrest or group touching several rows is counted in each; "
            "rows may add up to more than the total"
        )
    return "a syndicate with members arrested in several rows counts in each row's groups"


def _notes(inputs: Inputs) -> list[str]:
    notes = []
    if not inputs.clusters:
        notes.append("distinct people not computed: run resolve (arrests are counted)")
    if not (inputs.clusters and inputs.members):
        notes.append("traffickers and groups broken up not computed: run resolve/analyse")
    if inputs.undated_arrests:
        notes.append(
            f"{inputs.undated_arrests} arrests have no date (case or event) and are left out"
        )
    if inputs.unresolved_arrests:
        notes.append(
            f"{inputs.unresolved_arrests} arrests have no cluster "
            "(imported after the last resolve) "
            "and count as one person each"
        )
    return notes
