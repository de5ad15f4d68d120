"""Union-find with review decisions, and entity ids that stay put across runs."""

from __future__ import annotations

from borderlink.resolve.clusters import (
    Decision,
    assign_ids,
    cluster,
    derived_entity_id,
    latest_decisions,
)

IDS = ["a", "b", "c", "d", "e"]


def _groups(ids: list[str], groups: list[list[int]]) -> set[frozenset[str]]:
    return {frozenset(ids[i] for i in g) for g in groups}


def test_cluster_joins_links_transitively_when_no_decisions() -> None:
    groups, result = cluster(IDS, [("a", "b", 0.99), ("b", "c", 0.95)])
    assert _groups(IDS, groups) == {frozenset("abc"), frozenset("d"), frozenset("e")}
    assert result.linked_pairs == 2


def test_cluster_different_decision_blocks_a_path_through_a_third_record() -> None:
    links = [("a", "b", 0.99), ("b", "c", 0.95), ("a", "c", 0.93)]
    groups, result = cluster(IDS, links, [Decision("a", "c", same=False)])
    found = _groups(IDS, groups)
    assert not any({"a", "c"} <= g for g in found)
    assert frozenset("ab") in found  # the strongest link wins, b-c is refused
    assert result.refused_links == 1


def test_cluster_same_decision_forces_a_link_without_a_score() -> None:
    groups, _ = cluster(IDS, [], [Decision("d", "e", same=True)])
    assert frozenset("de") in _groups(IDS, groups)


def test_cluster_reports_same_decision_that_contradicts_a_different() -> None:
    decisions = [
        Decision("a", "b", same=True),
        Decision("b", "c", same=True),
        Decision("a", "c", same=False),
    ]
    groups, result = cluster(IDS, [], decisions)
    assert len(result.conflicts) == 1
    assert not any({"a", "c"} <= g for g in _groups(IDS, groups))


def test_latest_decisions_last_row_wins_in_either_order() -> None:
    rows = [("b", "a", "same"), ("a", "b", "different")]
    assert latest_decisions(rows) == [Decision("a", "b", same=False)]


def test_assign_ids_unchanged_cluster_keeps_its_id() -> None:
    groups, _ = cluster(IDS, [("a", "b", 0.99), ("c", "d", 0.99)])
    first = assign_ids(IDS, groups, {})
    second = assign_ids(IDS, groups, first)
    assert first == second
    assert first["a"] == derived_entity_id("a")


def test_assign_ids_carries_over_by_largest_overlap_after_a_merge() -> None:
    previous = {"a": "E1", "b": "E1", "c": "E1", "d": "E2", "e": "E3"}
    groups, _ = cluster(IDS, [("a", "b", 0.99), ("b", "c", 0.99), ("c", "d", 0.99)])
    ids = assign_ids(IDS, groups, previous)
    assert {ids[x] for x in "abcd"} == {"E1"}
    assert ids["e"] == "E3"


def test_assign_ids_split_gives_the_smaller_part_a_new_id() -> None:
    previous = {"a": "E1", "b": "E1", "c": "E1", "d": "E2", "e": "E3"}
    groups, _ = cluster(IDS, [("a", "b", 0.99)])
    ids = assign_ids(IDS, groups, previous)
    assert ids["a"] == ids["b"] == "E1"
    assert ids["c"] not in {"E1", "E2", "E3"}
    assert ids["c"].startswith("E") and len(ids["c"]) == 13


def test_cluster_refuses_a_chain_joining_two_different_lifelong_documents() -> None:
    docs = ["hkid:A1234563", None, "hkid:B7654321", None, None]
    groups, result = cluster(IDS, [("a", "b", 0.99), ("b", "c", 0.95)], documents=docs)
    assert _groups(IDS, groups) == {frozenset("ab"), frozenset("c"), frozenset("d"), frozenset("e")}
    assert result.refused_links == 1


def test_cluster_analyst_same_overrides_a_document_clash() -> None:
    docs = ["hkid:A1234563", "hkid:B7654321", None, None, None]
    groups, _ = cluster(IDS, [], [Decision("a", "b", same=True)], documents=docs)
    assert frozenset("ab") in _groups(IDS, groups)
