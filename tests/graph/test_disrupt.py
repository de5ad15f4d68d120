"""Disruption and key players on graphs whose answer is known."""

from __future__ import annotations

from collections.abc import Callable

import igraph as ig
import numpy as np
import pytest

from borderlink.errors import InvalidRequest
from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.disrupt import disrupt_graph, disrupt_syndicate, top_k_removal
from borderlink.graph.keyplayers import fragmentation, key_players, split_by_community
from borderlink.store import Store

# Star A: hub "A" with leaves a1..a4 (recruiters); star B: hub "B" with b1, b2 (transporters);
# the hubs are joined by a bridge. 8 members.
NAMES = ["A", "a1", "a2", "a3", "a4", "B", "b1", "b2"]
ROLES = {
    "A": "organiser",
    "a1": "recruiter",
    "a2": "recruiter",
    "a3": "recruiter",
    "a4": "recruiter",
    "B": "receiver",
    "b1": "transporter",
    "b2": "transporter",
}


def _two_stars() -> ig.Graph:
    edges = [(0, 1), (0, 2), (0, 3), (0, 4), (5, 6), (5, 7), (0, 5)]
    return ig.Graph(n=8, edges=edges)


def test_removing_the_big_hub_leaves_five_components() -> None:
    result = disrupt_graph("S", _two_stars(), NAMES, ROLES, ["A"])
    assert (result.before.components, result.before.largest_share) == (1, 1.0)
    assert (result.after.members, result.after.components, result.after.largest_component) == (
        7,
        5,
        3,
    )
    assert result.after.largest_share == 0.375
    assert result.stages_cut_off == ["organiser", "recruiter"]
    assert result.after.stages_in_core == ["transporter", "receiver"]


def test_removing_both_hubs_isolates_everyone() -> None:
    result = disrupt_graph("S", _two_stars(), NAMES, ROLES, ["A", "B"])
    assert (result.after.components, result.after.largest_share) == (6, 0.125)


def test_removing_a_leaf_cuts_nothing() -> None:
    result = disrupt_graph("S", _two_stars(), NAMES, ROLES, ["a1"])
    assert (result.after.components, result.after.largest_share, result.stages_cut_off) == (
        1,
        0.875,
        [],
    )


def test_fragmentation_matches_borgatti_formula() -> None:
    # after removing A: components 1,1,1,1,3 of n=7 -> F = 1 - 6/42
    assert fragmentation(_two_stars(), [0]) == pytest.approx(1 - 6 / 42)
    assert fragmentation(_two_stars(), []) == 0.0


def test_kpp_neg_picks_the_hubs() -> None:
    result = key_players(_two_stars(), 2, 8)
    assert sorted(result.kpp_set) == [0, 5]
    assert result.kpp_fragmentation == pytest.approx(1.0)
    assert result.betweenness[0] > result.betweenness[5] > 0 == result.betweenness[1]
    assert top_k_removal(_two_stars(), NAMES, 1) == ["A"]


def test_split_by_community_yields_each_community_graph() -> None:
    membership = np.array([0, 0, 1, 1, 1], dtype=np.int64)
    src = np.array([0, 2, 3, 1], dtype=np.int64)
    dst = np.array([1, 3, 4, 2], dtype=np.int64)
    parts = {
        c: (nodes.tolist(), g.ecount()) for c, nodes, g in split_by_community(membership, src, dst)
    }
    assert parts == {0: ([0, 1], 1), 1: ([2, 3, 4], 2)}


def test_disrupt_syndicate_needs_exactly_one_choice(world: Callable[[], Store]) -> None:
    with world() as store:
        analyse_workspace(store)
        sid = store.scalar("SELECT syndicate_id FROM syndicate_members WHERE entity_id = 'O1'")
        with pytest.raises(InvalidRequest, match="exactly one"):
            disrupt_syndicate(store, sid)
        with pytest.raises(InvalidRequest, match="not members"):
            disrupt_syndicate(store, sid, remove=["M1"])
        result = disrupt_syndicate(store, sid, remove=["O1", "V1"])
    assert result.before.stages_in_core == ["organiser", "recruiter", "transporter", "receiver"]
    assert result.stages_cut_off == ["organiser", "receiver"]
    assert result.after.largest_share == 0.5
