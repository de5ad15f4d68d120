"""Counting rules on a hand-built workspace: every row placed to test one rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from borderlink.stats import operation_figures
from borderlink.stats.counting import counting_rules
from borderlink.store import Store

D = dt.date
CASES = [
    # source, case_no, offence, opened, region, method
    ("hk_police", "HK-1", "illegal_crossing", D(2018, 3, 1), "HK", "land"),
    ("hk_police", "HK-2", "illegal_crossing", D(2018, 4, 1), "HK", "sea"),
    ("gx_psb", "GX-1", "transporting", D(2018, 2, 1), "GX", None),
    ("gd_psb", "GD-1", "illegal_employment", D(2019, 2, 1), "GD", None),
    ("gd_psb", "GD-9", "organising", D(2019, 3, 1), "GD", None),  # nobody recorded: not cracked
]
PEOPLE = [
    # record_id, source, case_no, event, event_date, role, migrant_kind, nationality, region, entity
    (
        "r1",
        "hk_police",
        "HK-1",
        None,
        None,
        "migrant",
        "illegal_entrant",
        "VNM",
        "HK",
        "A",
    ),  # stowaway
    (
        "r2",
        "hk_police",
        "HK-1",
        None,
        None,
        "migrant",
        "illegal_entrant",
        "CHN",
        "HK",
        "B",
    ),  # not foreign
    (
        "r3",
        "hk_police",
        "HK-2",
        None,
        None,
        "migrant",
        "illegal_entrant",
        "PAK",
        "HK",
        "C",
    ),  # sea: no
    (
        "r4",
        "gx_psb",
        "GX-1",
        None,
        None,
        "migrant",
        "illegal_entrant",
        "VNM",
        "GX",
        "A",
    ),  # transporting
    ("r5", "gx_psb", "GX-1", None, None, "transporter", None, "CHN", "GX", "T"),
    ("r6", "hk_police", "HK-2", None, None, "facilitator", None, "HKG", "HK", "T"),  # same person
    ("r7", "hk_immd", None, "overstay", D(2018, 6, 1), "migrant", "overstayer", "IND", "HK", "O"),
    (
        "r8",
        "hk_immd",
        None,
        "removal",
        D(2018, 7, 1),
        "migrant",
        None,
        "IND",
        "HK",
        "O",
    ),  # no arrest
    (
        "r9",
        "hk_immd",
        None,
        "refused_entry",
        D(2018, 7, 2),
        "migrant",
        "illegal_entrant",
        "IND",
        "HK",
        "X",
    ),
    ("r10", "gd_psb", "GD-1", None, None, "migrant", "illegal_worker", "MMR", "GD", "W"),
    ("r11", "gd_psb", "GD-1", None, None, "employer", None, "CHN", "GD", "E"),
    (
        "r12",
        "gd_psb",
        "GD-1",
        None,
        None,
        "migrant",
        "illegal_entrant",
        None,
        "GD",
        "U",
    ),  # unknown nat.
]
MEMBERS = [("S1", "T", "transporter"), ("S2", "Z", "organiser")]  # Z never arrested


def _workspace(root: Path, *, clusters: bool = True) -> Path:
    ws = root / "ws"
    with Store.open(ws, create=True) as store:
        store.execute(
            "CREATE TABLE cases (record_id VARCHAR, source VARCHAR, case_no VARCHAR, "
            "offence VARCHAR, "
            "opened DATE, region VARCHAR, method VARCHAR)"
        )
        store.executemany(
            "INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(f"c{i}", *c) for i, c in enumerate(CASES)],
        )
        store.execute(
            "CREATE TABLE person_records (record_id VARCHAR, source VARCHAR, case_no VARCHAR, "
            "event VARCHAR, event_date DATE, role VARCHAR, migrant_kind VARCHAR, "
            "nationality VARCHAR, region VARCHAR)"
        )
        store.executemany(
            "INSERT INTO person_records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [p[:-1] for p in PEOPLE],
        )
        if clusters:
            store.execute(
                "CREATE TABLE clusters "
                "(record_id VARCHAR, entity_id VARCHAR, resolve_run_id VARCHAR)"
            )
            store.executemany(
                "INSERT INTO clusters VALUES (?, ?, 'R1')", [(p[0], p[-1]) for p in PEOPLE]
            )
            store.execute(
                "CREATE TABLE syndicate_members "
                "(syndicate_id VARCHAR, entity_id VARCHAR, role VARCHAR)"
            )
            store.executemany("INSERT INTO syndicate_members VALUES (?, ?, ?)", MEMBERS)
    return ws


@pytest.fixture
def figures_all(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store.open(_workspace(tmp_path), read_only=True) as store:
        return operation_figures(store)


def test_case_without_people_is_not_cracked(figures_all) -> None:  # type: ignore[no-untyped-def]
    assert figures_all.value("cases_cracked").count == 4


def test_removal_and_refused_entry_are_not_arrests(figures_all) -> None:  # type: ignore[no-untyped-def]
    arrested = figures_all.value("people_arrested")
    assert arrested.count == 10  # 12 records less r8 (removal) and r9 (refused entry)
    assert arrested.people == 8  # A (HK-1, GX-1) and T (GX-1, HK-2) are each one person
    assert figures_all.value("illegal_entrants").count == 5
    assert figures_all.value("overstayers").count == 1


def test_stowaway_rule_needs_foreign_nationality_and_land_or_transporting(figures_all) -> None:  # type: ignore[no-untyped-def]
    stowaways = figures_all.value("stowaways")
    assert (stowaways.count, stowaways.people) == (2, 1)  # r1 and r4, both person A


def test_trafficker_is_a_syndicate_member_and_groups_need_an_arrest(figures_all) -> None:  # type: ignore[no-untyped-def]
    assert (figures_all.value("traffickers").count, figures_all.value("traffickers").people) == (
        2,
        1,
    )
    assert figures_all.value("groups_broken_up").count == 1  # S2's only member was never arrested
    assert figures_all.value("employers").count == 1
    assert figures_all.value("facilitators").count == 2


def test_offence_breakdown_puts_immigration_events_in_shared_taxonomy(tmp_path: Path) -> None:
    with Store.open(_workspace(tmp_path), read_only=True) as store:
        figures = operation_figures(store, by="offence")
    assert figures.breakdown is not None
    rows = {r.key: r.values["people_arrested"].count for r in figures.breakdown.rows}
    assert rows == {
        "illegal_crossing": 4,
        "transporting": 2,
        "illegal_employment": 3,
        "overstaying": 1,
    }


def test_groups_rule_counts_members_arrested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = counting_rules().model_copy(update={"group_min_members_arrested": 2})
    monkeypatch.setattr("borderlink.stats.figures.counting_rules", lambda: rules)
    with Store.open(_workspace(tmp_path), read_only=True) as store:
        figures = operation_figures(store)
    assert figures.value("groups_broken_up").count == 0  # S1 has one member arrested (twice)


def test_distinct_people_not_computed_without_clusters(tmp_path: Path) -> None:
    with Store.open(_workspace(tmp_path, clusters=False), read_only=True) as store:
        figures = operation_figures(store)
    assert figures.value("people_arrested").count == 10
    assert figures.value("people_arrested").people is None
    assert (
        figures.info("people_arrested").people_note == "distinct people not computed: run resolve"
    )
    assert figures.value("traffickers").count is None


def test_migrant_arrest_never_counts_as_trafficker_even_for_a_member(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    with Store.open(ws) as store:  # person A, arrested twice as a migrant, is also in S3
        store.execute("INSERT INTO syndicate_members VALUES ('S3', 'A', 'recruiter')")
    with Store.open(ws, read_only=True) as store:
        figures = operation_figures(store)
    traffickers = figures.value("traffickers")
    assert (traffickers.count, traffickers.people) == (2, 1)  # still only T's two arrests
    assert figures.value("groups_broken_up").count == 1  # S3 has no trafficker arrested
    assert figures.value("illegal_entrants").count == 5


def test_yoy_by_region_is_new_when_last_year_had_none_and_cut_mid_year(tmp_path: Path) -> None:
    # the arrests run from Feb 2018 (GX-1) to Feb 2019 (GD-1): year parts are cut to those months
    with Store.open(_workspace(tmp_path), read_only=True) as store:
        figures = operation_figures(store, (D(2018, 1, 1), D(2019, 3, 31)), by="region")
    rows = {(r.year, r.group): r for r in figures.yoy if r.figure == "people_arrested"}
    gd = rows[(2019, "GD")]  # GD: three arrests in Feb 2019, none in Feb 2018
    assert (gd.current_value, gd.base_value, gd.change.status) == (3, 0, "new")
    assert gd.partial and (gd.current.start, gd.current.end) == (D(2019, 2, 1), D(2019, 2, 28))
    assert gd.base is not None and (gd.base.start, gd.base.end) == (D(2018, 2, 1), D(2018, 2, 28))
    gx = rows[(2019, "GX")]  # GX: two arrests in Feb 2018 (GX-1), none in Feb 2019
    assert (gx.current_value, gx.base_value, gx.change.status) == (0, 2, "change")
    assert gx.change.percent == -100.0
    assert rows[(2018, None)].change.status == "no_base"  # the data starts in Feb 2018
