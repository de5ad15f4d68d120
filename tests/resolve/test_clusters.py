"""Union-find with review decisions, and entity ids that stay put across runs."""

from __future__ import annotations

import pyarrow as pa

from borderlink.resolve.backends.duckdb import cluster_evidence
from borderlink.resolve.clusters import (
    Decision,
    Evidence,
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


def test_cluster_refuses_joining_two_groups_that_each_confirm_a_different_birth_date() -> None:
    # a, b: one person born 1992-11-16 (twice recorded); c, d: another born 1997-11-16.
    dates = ["19921116", "19921116", "19971116", "19971116", None]
    links = [("a", "b", 0.99), ("c", "d", 0.99), ("b", "c", 0.97)]
    groups, result = cluster(IDS, links, evidence=Evidence(birth_dates=dates))
    assert _groups(IDS, groups) == {frozenset("ab"), frozenset("cd"), frozenset("e")}
    assert result.refused_links == 1


def test_cluster_lets_a_single_record_with_a_slipped_date_join_a_confirmed_group() -> None:
    # One record's date is off by a digit: a slip, not a second person.
    dates = ["19871117", "19871117", "19871171", None, None]
    links = [("a", "b", 0.99), ("b", "c", 0.97)]
    groups, result = cluster(IDS, links, evidence=Evidence(birth_dates=dates))
    assert frozenset("abc") in _groups(IDS, groups)
    assert result.refused_links == 0


def test_cluster_refuses_a_chain_through_records_differing_in_sex_and_birth_date() -> None:
    # a (M, 1978-06-18) ~ b (no date) ~ c (F, 1980-01-02): b cannot make them one person.
    dates = ["19780618", None, "19800102", None, None]
    sexes = ["M", "M", "F", None, None]
    links = [("a", "b", 0.99), ("b", "c", 0.95)]
    groups, result = cluster(IDS, links, evidence=Evidence(birth_dates=dates, sexes=sexes))
    assert _groups(IDS, groups) == {frozenset("ab"), frozenset("c"), frozenset("d"), frozenset("e")}
    assert result.refused_links == 1


def test_cluster_joins_records_differing_in_sex_alone() -> None:
    # A miscoded sex with the same birth date is a slip the model already weighed.
    dates = ["19780618", "19780618", None, None, None]
    sexes = ["M", "F", None, None, None]
    groups, _ = cluster(IDS, [("a", "b", 0.95)], evidence=Evidence(birth_dates=dates, sexes=sexes))
    assert frozenset("ab") in _groups(IDS, groups)


def test_cluster_analyst_same_overrides_a_birth_date_clash() -> None:
    dates = ["19921116", "19921116", "19971116", "19971116", None]
    decisions = [Decision(x, y, same=True) for x, y in ("ab", "cd", "bc")]
    groups, result = cluster(IDS, [], decisions, evidence=Evidence(birth_dates=dates))
    assert frozenset("abcd") in _groups(IDS, groups)
    assert result.conflicts == []


def test_cluster_evidence_reads_documents_full_dates_and_sex_from_the_features() -> None:
    features = pa.table(
        {
            "unique_id": ["a", "b"],
            "lifelong_doc": ["hkid:A1234563", None],
            "dob_ymd": [None, "19921116"],
            "sex": ["M", "F"],
        }
    )
    evidence = cluster_evidence(features)
    assert list(evidence.documents) == ["hkid:A1234563", None]
    assert list(evidence.birth_dates) == [None, "19921116"]
    assert list(evidence.sexes) == ["M", "F"]
