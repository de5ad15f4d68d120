"""Headline figures against an independent computation from truth/ of a generated world."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from independent import arrests, expected, per_year

from borderlink.errors import InvalidRequest, WorkspaceError
from borderlink.stats import Window, headline, operation_figures
from borderlink.store import Store

PEOPLE = (
    "people_arrested",
    "illegal_entrants",
    "stowaways",
    "illegal_workers",
    "overstayers",
    "traffickers",
    "facilitators",
    "employers",
)


def _check(figures_values: dict[str, object], want: dict[str, object]) -> None:
    for key in ("cases_cracked", "groups_broken_up"):
        assert figures_values[key].count == want[key], key  # type: ignore[attr-defined]
    for key in PEOPLE:
        got = figures_values[key]
        assert (got.count, got.people) == want[key], key  # type: ignore[attr-defined]


def test_headline_figures_match_truth_whole_window(world: tuple[Path, Path]) -> None:
    workspace, truth = world
    with Store.open(workspace, read_only=True) as store:
        figures = operation_figures(store)
        rows = arrests(store, truth)
    want = expected(rows, figures.window.start, figures.window.end)
    _check(figures.totals.values, want)
    # the world is big enough for every figure to mean something
    assert want["people_arrested"][0] > want["people_arrested"][1] > 100
    assert all(want[k][0] > 0 for k in PEOPLE)
    assert want["groups_broken_up"] >= 3


def test_headline_figures_match_truth_window_cut_mid_year(world: tuple[Path, Path]) -> None:
    workspace, truth = world
    start, end = dt.date(2017, 3, 15), dt.date(2018, 8, 10)
    with Store.open(workspace, read_only=True) as store:
        figures = operation_figures(store, (start, end))
        rows = arrests(store, truth)
    assert figures.window == Window(start=start, end=end)
    _check(figures.totals.values, expected(rows, start, end))


def test_region_breakdown_matches_truth_per_region(world: tuple[Path, Path]) -> None:
    workspace, truth = world
    with Store.open(workspace, read_only=True) as store:
        figures = operation_figures(store, by="region")
        rows = arrests(store, truth)
    assert figures.breakdown is not None
    assert {r.key for r in figures.breakdown.rows} == {"GD", "GX", "YN", "HK"}
    for row in figures.breakdown.rows:
        _check(row.values, expected(rows, figures.window.start, figures.window.end, row.key))
    # arrests add up over regions; a person arrested in two regions is one person overall
    total = sum(r.values["people_arrested"].count or 0 for r in figures.breakdown.rows)
    assert total == figures.value("people_arrested").count


def test_yoy_rows_match_truth_per_year_counts(world: tuple[Path, Path]) -> None:
    workspace, truth = world
    with Store.open(workspace, read_only=True) as store:
        figures = operation_figures(store, (dt.date(2016, 1, 1), dt.date(2018, 12, 31)))
        rows = arrests(store, truth)
    counts = per_year(rows, "illegal_entrants")
    yoy = {r.year: r for r in figures.yoy if r.figure == "illegal_entrants" and r.group is None}
    assert yoy[2016].change.status == "no_base"  # the data starts in 2016: no 2015 to compare with
    # 2018 is a whole year and 2017 fully covered: a plain calendar-year change
    assert yoy[2018].current_value == counts[2018]
    assert yoy[2018].base_value == counts[2017]
    assert yoy[2018].change.percent == round((counts[2018] - counts[2017]) * 100 / counts[2017], 1)


def test_reported_exact_figures_match_generator_truth(world: tuple[Path, Path]) -> None:
    """The generator's own figures (truth/report_facts.jsonl) where its definition is ours."""
    workspace, truth = world
    same_definition = {"cases_cracked", "illegal_entrants"}
    facts = [
        json.loads(line) for line in (truth / "report_facts.jsonl").read_text("utf-8").splitlines()
    ]
    exact = [
        f
        for f in facts
        if f["kind"] == "figure" and f["qualifier"] is None and f["what"] in same_definition
    ]
    assert exact, "the generated reports state no exact case or entrant count"
    with Store.open(workspace, read_only=True) as store:
        for fact in exact:
            regions = {"mainland": ["GD", "GX", "YN"]}.get(
                fact["region"], [fact["region"]] if fact["region"] else None
            )
            figures = operation_figures(store, regions=regions)
            assert figures.value(fact["what"]).count == fact["value"], fact


def test_figures_needing_graph_say_not_computed_without_resolve(
    bare_world: tuple[Path, Path],
) -> None:
    workspace, truth = bare_world
    with Store.open(workspace, read_only=True) as store:
        figures = operation_figures(store)
        rows = arrests_without_identity(store, truth)
    assert figures.value("traffickers").count is None
    assert figures.value("groups_broken_up").count is None
    assert figures.info("traffickers").note == "not computed: run resolve/analyse"
    assert figures.value("people_arrested").people is None
    assert figures.value("people_arrested").count == rows
    assert any("run resolve" in n for n in figures.notes)


def arrests_without_identity(store: Store, truth: Path) -> int:
    return len([r for r in arrests(store, truth) if r["date"]])


def test_route_breakdown_not_computed_without_analyse(bare_world: tuple[Path, Path]) -> None:
    workspace, _ = bare_world
    with Store.open(workspace, read_only=True) as store:
        figures = operation_figures(store, by="route")
    assert figures.breakdown is not None and figures.breakdown.rows == []
    assert figures.breakdown.note and figures.breakdown.note.startswith(
        "not computed: run resolve/analyse"
    )


def test_window_without_data_raises_option_error(world: tuple[Path, Path]) -> None:
    workspace, _ = world
    with (
        Store.open(workspace, read_only=True) as store,
        pytest.raises(InvalidRequest, match="no cases or arrests between 2030-01-01"),
    ):
        operation_figures(store, (dt.date(2030, 1, 1), dt.date(2030, 12, 31)))


def test_unknown_dimension_raises_option_error(world: tuple[Path, Path]) -> None:
    workspace, _ = world
    with (
        Store.open(workspace, read_only=True) as store,
        pytest.raises(InvalidRequest, match="by: unknown 'colour'"),
    ):
        operation_figures(store, by="colour")


def test_empty_workspace_raises_workspace_error(tmp_path: Path) -> None:
    with (
        Store.open(tmp_path / "empty", create=True) as store,
        pytest.raises(WorkspaceError, match="run 'borderlink ingest'"),
    ):
        operation_figures(store)


def test_headline_lists_every_figure_with_people_apart(world: tuple[Path, Path]) -> None:
    workspace, truth = world
    with Store.open(workspace, read_only=True) as store:
        lines = dict(headline(store))
        zh = dict(headline(store, lang="zh"))
        rows = arrests(store, truth)
        figures = operation_figures(store)
    want = expected(rows, figures.window.start, figures.window.end)
    arrested, people = want["people_arrested"]
    assert lines["People arrested"] == f"{arrested:,} ({people:,} people)"
    assert lines["Cases cracked"] == f"{want['cases_cracked']:,}"
    assert lines["Groups broken up"] == f"{want['groups_broken_up']:,}"
    assert zh["抓获人员"] == f"{arrested:,} ({people:,} 人)"
    assert len(lines) == len(figures.figures)


def test_route_rows_split_the_arrests_instead_of_copying_a_syndicates_totals(
    world: tuple[Path, Path],
) -> None:
    """Each arrest is on one route (its syndicate's route through the arrest's region), so
    the route rows add up to the total: a syndicate working several routes does not have
    its totals repeated on each of them."""
    workspace, _ = world
    with Store.open(workspace, read_only=True) as store:
        figures = operation_figures(store, by="route")
    assert figures.breakdown is not None
    rows = figures.breakdown.rows
    assert len([r for r in rows if r.key != "unattributed"]) >= 2
    for key in ("people_arrested", "illegal_entrants", "traffickers"):
        total = figures.totals.values[key].count
        parts = [r.values[key].count for r in rows]
        assert total and all(p is not None for p in parts), key
        assert sum(p for p in parts if p is not None) == total, key
