"""Syndicates on the hand-built world: membership, customers, stable ids, profiles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from graph_world import PEOPLE, STAGES, build_world, noisy_world

from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.communities import leiden_membership
from borderlink.graph.evaluate import adjusted_rand_index, f1_per_label
from borderlink.graph.rules import linking_rules
from borderlink.graph.stable_ids import assign_stable_ids
from borderlink.store import Store

STAGE_ROLES = [s for s, _ in STAGES] + ["migrant"]


def _members(store: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for sid, entity in store.query("SELECT syndicate_id, entity_id FROM syndicate_members"):
        out.setdefault(sid, set()).add(entity)
    return out


def test_world_has_two_syndicates_of_facilitators(world: Callable[[], Store]) -> None:
    with world() as store:
        analyse_workspace(store)
        groups = sorted(sorted(g) for g in _members(store).values())
    assert groups == [["D2", "H2", "O2", "T2"], ["O1", "R1", "T1", "V1"]]


def test_migrants_and_employers_never_get_a_syndicate_id(world: Callable[[], Store]) -> None:
    with world() as store:
        analyse_workspace(store)
        leaked = store.query(
            "SELECT m.entity_id FROM syndicate_members m JOIN entity_roles r USING (entity_id) "
            "WHERE r.role IN ('migrant', 'employer')"
        )
        node_leak = store.count(
            "graph_nodes", "role IN ('migrant','employer') AND syndicate_id IS NOT NULL"
        )
    assert leaked == []
    assert node_leak == 0


def test_customers_are_placed_with_the_syndicate_that_moved_them(
    world: Callable[[], Store],
) -> None:
    with world() as store:
        analyse_workspace(store)
        members = _members(store)
        placed = dict(
            store.query("SELECT entity_id, syndicate_id FROM syndicate_customers WHERE is_primary")
        )
        relation = store.scalar("SELECT relation FROM syndicate_customers WHERE entity_id = 'E1'")
    sid_a = next(s for s, g in members.items() if "O1" in g)
    sid_b = next(s for s, g in members.items() if "O2" in g)
    assert placed == {"M1": sid_a, "M2": sid_a, "M3": sid_a, "E1": sid_a, "M5": sid_b, "M6": sid_b}
    assert relation == "employed"


def test_syndicate_profiles_read_route_base_and_period(world: Callable[[], Store]) -> None:
    with world() as store:
        analyse_workspace(store)
        by_route = {r["routes"]: r for r in store.query_dicts("SELECT * FROM syndicates")}
    assert set(by_route) == {"VN>GX>GD>HK:sea", "BD>YN>HK:land"}
    b = by_route["BD>YN>HK:land"]
    assert str(b["active_from"]) == "2019-03-01" and str(b["active_to"]) == "2019-04-01"
    assert b["size"] == 4


def test_syndicate_ids_survive_a_rerun_with_a_new_member(world: Callable[[], Store]) -> None:
    with world() as store:
        analyse_workspace(store)
        before = {sid: frozenset(g) for sid, g in _members(store).items()}
        extra = ("p27", "F3", "GX-1", "ZHANG San", "CHN", None, "transporter", None, "GX")
        build_world(store, people=[*PEOPLE, extra])
        analyse_workspace(store)
        after = _members(store)
    for sid, group in before.items():
        assert group <= after[sid]
    assert any("F3" in g for g in after.values())


def test_stable_ids_match_by_jaccard_and_issue_new_ids_after_the_highest() -> None:
    previous = {"SYN-0003": {"a", "b", "c", "d"}, "SYN-0007": {"x", "y"}}
    groups = [{"p", "q"}, {"a", "b", "c", "e"}, {"x", "z", "w", "v"}]
    assert assign_stable_ids(groups, previous, 0.5) == ["SYN-0009", "SYN-0003", "SYN-0008"]


def test_noisy_world_meets_the_targets(tmp_path: Path) -> None:
    truth = {}
    with Store.open(tmp_path / "ws", create=True) as store:
        truth = noisy_world(store, syndicates=8)
        analyse_workspace(store)
        syndicate = dict(store.query("SELECT entity_id, syndicate_id FROM syndicate_members"))
        role = dict(store.query("SELECT entity_id, role FROM entity_roles"))
    members = [e for e, (s, _) in truth.items() if s]
    ari = adjusted_rand_index(
        [truth[e][0] for e in members], [syndicate.get(e, e) for e in members]
    )
    f1 = f1_per_label([r for _, r in truth.values()], [role[e] for e in truth], STAGE_ROLES)
    assert ari >= 0.9
    assert not [e for e, (_, r) in truth.items() if r == "migrant" and e in syndicate]
    assert sum(f1.values()) / len(f1) >= 0.85


def test_analyse_runs_without_facilitators_or_optional_tables(tmp_path: Path) -> None:
    with Store.open(tmp_path / "ws", create=True) as store:
        build_world(store, people=[p for p in PEOPLE if p[6] == "migrant"])
        for table in ("calls", "exhibits", "clusters", "cases"):
            store.execute(f"DROP TABLE {table}")
        summary = analyse_workspace(store)
        roles = {r for (r,) in store.query("SELECT DISTINCT role FROM entity_roles")}
    assert (summary.facilitators, summary.syndicates, roles) == (0, [], {"migrant"})


def test_dissolved_syndicate_ids_are_never_reissued() -> None:
    assert assign_stable_ids([{"p", "q"}], {}, 0.5, issued=9) == ["SYN-0010"]


def test_rerun_records_the_highest_issued_number(world: Callable[[], Store]) -> None:
    with world() as store:
        analyse_workspace(store)
        analyse_workspace(store)
        numbers = store.query(
            "SELECT CAST(counts->>'max_syndicate_number' AS INTEGER) FROM analyse_runs"
        )
    assert numbers == [(2,), (2,)]


def test_shared_address_tie_weakens_with_the_number_of_residents(
    world: Callable[[], Store],
) -> None:
    with world() as store:
        analyse_workspace(store)
        weights = store.query(
            "SELECT weight, attrs->>'address' FROM graph_edges WHERE kind = 'shared_address'"
        )
    # H2, M5 and M6 live at 1 Tai Po Road: each tie is 1 / (3 - 1)
    assert weights == [(0.5, "1 tai po road")] * 3


def test_receiver_living_at_the_harbourers_address_stays_in_its_own_syndicate(
    tmp_path: Path,
) -> None:
    lodger = ("p27", "V1", "HK-1", "HO Ka", "CHN", None, "receiver", "1 Tai Po Road", "HK")
    with Store.open(tmp_path / "ws", create=True) as store:
        build_world(store, people=[*PEOPLE, lodger])
        analyse_workspace(store)
        groups = sorted(sorted(g) for g in _members(store).values())
        bridged = store.scalar(
            "SELECT count(*) FROM facilitator_edges WHERE 'V1' IN (a, b) AND 'H2' IN (a, b)"
        )
        tie = store.scalar(
            "SELECT weight FROM facilitator_edges WHERE 'V1' IN (a, b) AND 'H2' IN (a, b)"
        )
    assert groups == [["D2", "H2", "O2", "T2"], ["O1", "R1", "T1", "V1"]]
    # living with M5 and M6 is no shared dealing: only the direct address tie remains
    assert bridged == 1 and tie == 0.5 * (1 / 3)


def _cliques(n_groups: int, size: int, bridges: list[tuple[int, int]]) -> tuple[Any, ...]:
    """Groups of `size` fully tied (weight 1), plus weak single ties (0.5) between groups."""
    src, dst, weight = [], [], []
    for g in range(n_groups):
        for i in range(size):
            for j in range(i + 1, size):
                src.append(g * size + i)
                dst.append(g * size + j)
                weight.append(1.0)
    for a, b in bridges:
        src.append(a * size)
        dst.append(b * size + 1)
        weight.append(0.5)
    return (
        n_groups * size,
        np.array(src, dtype=np.int64),
        np.array(dst, dtype=np.int64),
        np.array(weight, dtype=np.float64),
    )


@pytest.mark.parametrize("n_groups", [2, 300])
def test_groups_tied_by_one_customer_stay_apart_whatever_the_graph_size(n_groups: int) -> None:
    n, src, dst, weight = _cliques(n_groups, 8, [(0, 1)])
    membership = leiden_membership(n, src, dst, weight, linking_rules().leiden)
    groups = {int(membership[g * 8]) for g in range(n_groups)}
    assert len(groups) == n_groups  # no two groups merged
    assert all(len(set(membership[g * 8 : g * 8 + 8].tolist())) == 1 for g in range(n_groups))


def test_customer_bridge_weighs_one_over_facilitators_met_minus_one(tmp_path: Path) -> None:
    from borderlink.graph.communities import facilitator_edges_sql
    from borderlink.model.tables import fill_table, replace_table

    with Store.open(tmp_path / "ws", create=True) as store:
        replace_table(store, "entity_roles")
        store.execute(
            "INSERT INTO entity_roles (entity_id, role) VALUES ('m1', 'migrant'), "
            "('m2', 'migrant'), ('a', 'transporter'), ('b', 'transporter'), "
            "('c', 'recruiter'), ('d', 'recruiter')"
        )
        # m1 co-offended with a, b, c and d (four facilitators); m2 with a and b only
        ties = [("m1", f) for f in "abcd"] + [("m2", "a"), ("m2", "b")]
        values = ", ".join(f"('person:{c}', 'person:{f}', 'co_offending', 1.0)" for c, f in ties)
        replace_table(store, "graph_edges")
        store.execute(f"INSERT INTO graph_edges (source, target, kind, weight) VALUES {values}")
        replace_table(store, "entity_calls")
        rules = linking_rules()  # the rule before issue 11: customers tie at any time
        weights = rules.edge_weights.model_copy(update={"customer_window_days": None})
        sql = facilitator_edges_sql(
            rules.model_copy(update={"edge_weights": weights}), {"transporter", "recruiter"}
        )
        fill_table(store, "facilitator_edges", sql)
        got = dict(
            ((a, b), round(w, 4))
            for a, b, w in store.query("SELECT a, b, weight FROM facilitator_edges")
        )
    share = linking_rules().edge_weights.shared_customer
    # m1 gives each of its 6 pairs 1/3 of a customer; m2 gives (a, b) a whole one
    assert got[("a", "b")] == round(share * (1 / 3 + 1), 4)
    assert got[("c", "d")] == round(share / 3, 4)
    assert len(got) == 6
