"""Issue 11 on a hand-built world: repeat customers, cooperating groups and their hand-overs.

Recruiting group A (A1 organiser, known by his calls; A2, A3 arrested at the Guangxi
border on 2018-03-01 with N1-N3) hands N1-N3 to transport group B (B1, B2, arrested in
Guangdong nine days later with them); the groups never call each other (a call between
them would still join them into one syndicate: bench/RESULTS.md, issue 11). Syndicates
C and D never work together: R1-R3 travelled with C in January 2018, were returned, and
came back with D in September.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph_world import build_world

from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.chains import chain_relations, export_chain
from borderlink.store import Store

CASES = [
    ("k1", "GX-8", "organising", "2018-02-01", "GX", "unknown"),
    ("k2", "GX-9", "transporting", "2018-03-01", "GX", "land"),
    ("k3", "GD-9", "transporting", "2018-03-10", "GD", "land"),
    ("k4", "GD-7", "transporting", "2018-01-05", "GD", "land"),
    ("k5", "HK-7", "illegal_landing", "2018-09-01", "HK", "sea"),
]

PEOPLE: list[tuple[Any, ...]] = [
    ("q01", "A1", "GX-8", "LIU Da", "CHN", "+8613700000001", "facilitator", None, "GX"),
    ("q02", "A2", "GX-9", "HE Er", "CHN", "+8613700000002", "transporter", None, "GX"),
    ("q03", "A3", "GX-9", "MA San", "CHN", "+8613700000003", "recruiter", None, "GX"),
    ("q04", "B1", "GD-9", "XU Si", "CHN", "+8613700000004", "transporter", None, "GD"),
    ("q05", "B2", "GD-9", "LUO Wu", "CHN", "+8613700000005", "transporter", None, "GD"),
    ("q06", "C1", "GD-7", "GAO Liu", "CHN", "+8613700000006", "transporter", None, "GD"),
    ("q07", "C2", "GD-7", "LIN Qi", "CHN", "+8613700000007", "organiser", None, "GD"),
    ("q08", "D1", "HK-7", "TANG Ba", "CHN", "+8613700000008", "transporter", None, "HK"),
    ("q09", "D2", "HK-7", "FENG Jiu", "CHN", "+8613700000009", "receiver", None, "HK"),
]
for i in (1, 2, 3):
    PEOPLE += [
        (f"n{i}a", f"N{i}", "GX-9", f"NGUYEN Van N{i}", "VNM", None, "migrant", None, "GX"),
        (f"n{i}b", f"N{i}", "GD-9", f"NGUYEN Van N{i}", "VNM", None, "migrant", None, "GD"),
        (f"r{i}a", f"R{i}", "GD-7", f"TRAN Van R{i}", "VNM", None, "migrant", None, "GD"),
        (f"r{i}b", f"R{i}", "HK-7", f"TRAN Van R{i}", "VNM", None, "migrant", None, "HK"),
    ]

CALLS = [
    ("+8613700000001", "+8613700000002", "2018-02-10T10:00:00+08:00", 6),
    ("+8613700000001", "+8613700000003", "2018-02-11T10:00:00+08:00", 6),
    ("+8613700000004", "+8613700000005", "2018-03-05T10:00:00+08:00", 4),
    ("+8613700000006", "+8613700000007", "2018-01-01T10:00:00+08:00", 3),
    ("+8613700000008", "+8613700000009", "2018-08-20T10:00:00+08:00", 3),
]


def _analysed(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "ws", create=True)
    build_world(store, people=PEOPLE, cases=CASES, exhibits=[], calls=CALLS)
    analyse_workspace(store)
    return store


def _syndicate_of(store: Store) -> dict[str, str]:
    return {
        str(e): str(s)
        for s, e in store.query("SELECT syndicate_id, entity_id FROM syndicate_members")
    }


def test_repeat_customers_across_two_syndicates_do_not_merge_them(tmp_path: Path) -> None:
    with _analysed(tmp_path) as store:
        sid = _syndicate_of(store)
    assert sid["C1"] == sid["C2"]
    assert sid["D1"] == sid["D2"]
    assert sid["C1"] != sid["D1"]


def test_cooperating_groups_stay_apart(tmp_path: Path) -> None:
    with _analysed(tmp_path) as store:
        sid = _syndicate_of(store)
    assert sid["A1"] == sid["A2"] == sid["A3"]
    assert sid["B1"] == sid["B2"]
    assert sid["A2"] != sid["B1"]


def test_hand_over_shows_as_a_chain_relation_with_its_evidence(tmp_path: Path) -> None:
    with _analysed(tmp_path) as store:
        sid = _syndicate_of(store)
        relations = chain_relations(store)
    assert [(r.from_syndicate, r.to_syndicate) for r in relations] == [(sid["A2"], sid["B1"])]
    hand_over = relations[0]
    assert hand_over.customers == 3
    assert hand_over.cases == ["GD-9", "GX-9"]
    assert (str(hand_over.first_seen), str(hand_over.last_seen)) == ("2018-03-01", "2018-03-10")
    assert hand_over.median_days == 9
    assert hand_over.calls_between == 0


def test_chain_exports_as_csv_and_json(tmp_path: Path) -> None:
    _analysed(tmp_path).close()
    n = export_chain(tmp_path / "ws", tmp_path / "chain.csv")
    assert n == 1
    lines = (tmp_path / "chain.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "from_syndicate,to_syndicate,customers,cases,first_seen,last_seen,median_days,calls_between"
    )
    export_chain(tmp_path / "ws", tmp_path / "chain.json")
    rows = json.loads((tmp_path / "chain.json").read_text(encoding="utf-8"))
    assert rows[0]["customers"] == 3 and rows[0]["cases"] == ["GD-9", "GX-9"]
