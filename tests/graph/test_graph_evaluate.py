"""Evaluation against a truth folder written for the hand-built world."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from graph_world import PEOPLE

from borderlink.graph.analysis import analyse_workspace
from borderlink.graph.evaluate import adjusted_rand_index, evaluate_graph, f1_per_label
from borderlink.store import Store

TRUTH_ROLES = {
    "O1": ("S1", "organiser"),
    "R1": ("S1", "recruiter"),
    "T1": ("S1", "transporter"),
    "V1": ("S1", "receiver"),
    "O2": ("S2", "organiser"),
    "T2": ("S2", "transporter"),
    "H2": ("S2", "harbourer"),
    "D2": ("S2", "document_vendor"),
    "E1": ("", "employer"),
    "M1": ("", "migrant"),
    "M2": ("", "migrant"),
    "M3": ("", "migrant"),
    "M5": ("", "migrant"),
    "M6": ("", "migrant"),
}


def _write_truth(folder: Path, roles: dict[str, tuple[str, str]]) -> None:
    folder.mkdir()
    lines = ["source,file,record_key,person_id"] + [f"test,f,{p[0]},person-{p[1]}" for p in PEOPLE]
    (folder / "records.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    people = ["person_id,syndicate_id,role,home_region"] + [
        f"person-{e},{s},{r},GD" for e, (s, r) in roles.items()
    ]
    (folder / "people.csv").write_text("\n".join(people) + "\n", encoding="utf-8")


def test_ari_is_one_for_identical_partitions_and_low_for_a_shuffle() -> None:
    assert adjusted_rand_index(list("aabb"), list("xxyy")) == 1.0
    assert adjusted_rand_index(list("aabbcc"), list("xyzxyz")) < 0


def test_f1_counts_false_positives_and_negatives() -> None:
    f1 = f1_per_label(["a", "a", "b"], ["a", "b", "b"], ["a", "b"])
    assert f1 == {"a": pytest.approx(2 / 3), "b": pytest.approx(2 / 3)}


def test_world_scores_perfectly_against_its_truth(
    world: Callable[[], Store], tmp_path: Path
) -> None:
    _write_truth(tmp_path / "truth", TRUTH_ROLES)
    with world() as store:
        analyse_workspace(store)
        result = evaluate_graph(store, tmp_path / "truth")
    assert result.syndicate_ari == 1.0
    assert result.migrants_in_syndicates == 0.0 and result.migrants_scored == 5
    assert result.role_macro_f1 == 1.0
    assert result.people_scored == 14 and result.people_unmatched == 0


def test_wrong_truth_role_lowers_that_roles_f1(world: Callable[[], Store], tmp_path: Path) -> None:
    roles = {**TRUTH_ROLES, "T2": ("S2", "financier")}
    _write_truth(tmp_path / "truth", roles)
    with world() as store:
        analyse_workspace(store)
        result = evaluate_graph(store, tmp_path / "truth")
    assert result.role_f1["financier"] == 0.0
    assert result.role_f1["transporter"] == pytest.approx(2 / 3, abs=1e-4)
    assert result.role_macro_f1 < 1.0
