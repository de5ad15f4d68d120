"""resolve_workspace on the hand-made world: who is linked, what is written, what stays stable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from person_world import PEOPLE, true_pairs, world, write_records

from borderlink.errors import WorkspaceError
from borderlink.resolve import ResolveSummary, resolve_workspace
from borderlink.store import Store


def _linked_pairs(ws: Path) -> set[tuple[str, str]]:
    with Store.open(ws, read_only=True) as store:
        rows = store.query(
            "SELECT a.record_id, b.record_id FROM clusters a JOIN clusters b "
            "ON a.entity_id = b.entity_id AND a.record_id < b.record_id"
        )
    return {(str(a), str(b)) for a, b in rows}


def test_resolve_links_every_true_pair_across_scripts_and_no_other(
    resolved_template: tuple[Path, ResolveSummary],
) -> None:
    ws, summary = resolved_template
    assert _linked_pairs(ws) == true_pairs(world())
    assert summary.records == len(world())
    assert summary.entities == len({r.person for r in world()})


def test_resolve_keeps_namesakes_apart_when_dates_and_ids_differ(
    resolved_template: tuple[Path, ResolveSummary],
) -> None:
    ws, _ = resolved_template
    by_person = {r.person: r.record_id for r in PEOPLE}
    linked = _linked_pairs(ws)
    for a, b in (("P11", "P12"), ("P02", "P13")):
        pair = tuple(sorted((by_person[a], by_person[b])))
        assert pair not in linked


def test_resolve_records_model_json_with_its_hash(
    resolved_template: tuple[Path, ResolveSummary],
) -> None:
    ws, summary = resolved_template
    with Store.open(ws, read_only=True) as store:
        text, digest, threshold = store.query_one(
            "SELECT model_json, model_sha256, threshold FROM resolve_runs WHERE resolve_run_id = ?",
            [summary.resolve_run_id],
        ) or ("", "", 0)
        names = store.count("name_keys")
    assert hashlib.sha256(text.encode()).hexdigest() == digest == summary.model_sha256
    assert '"comparisons"' in text and threshold == 0.9
    assert Path(summary.model_file).read_text(encoding="utf-8") == text
    assert names > len(world())


def test_resolve_rerun_keeps_every_entity_id(resolved: Path) -> None:
    with Store.open(resolved, read_only=True) as store:
        before = dict(store.query("SELECT record_id, entity_id FROM clusters"))
    second = resolve_workspace(resolved)
    with Store.open(resolved, read_only=True) as store:
        after = dict(store.query("SELECT record_id, entity_id FROM clusters"))
        runs = store.count("resolve_runs")
        entities = store.count("entities")
    assert after == before
    assert runs == 2 and entities == second.entities


def test_resolve_writes_entity_summaries_with_every_script(
    resolved_template: tuple[Path, ResolveSummary],
) -> None:
    ws, _ = resolved_template
    chen = next(r for r in PEOPLE if r.key == "GDP-01").record_id
    with Store.open(ws, read_only=True) as store:
        row = store.query_dicts(
            "SELECT e.* FROM entities e JOIN clusters c USING (entity_id) WHERE c.record_id = ?",
            [chen],
        )[0]
    assert row["n_records"] == 3
    assert {"陈志明", "CHAN Chi-ming", "陳志明"} <= set(row["names"])
    assert row["sources"] == ["gd_psb", "hk_police", "yn_psb"]
    assert str(row["dob"]) == "1985-03-12" and row["dob_precision"] == "day"
    assert row["nationality"] == "CHN"


def test_resolve_without_workspace_raises_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match=r"no workspace at .*run 'borderlink ingest' first"):
        resolve_workspace(tmp_path / "missing")


def test_resolve_before_ingest_raises_workspace_error(tmp_path: Path) -> None:
    Store.open(tmp_path / "ws", create=True).close()
    with pytest.raises(WorkspaceError, match="no person records"):
        resolve_workspace(tmp_path / "ws")


def test_resolve_on_empty_person_records_raises_workspace_error(tmp_path: Path) -> None:
    write_records(tmp_path / "ws", [])
    with pytest.raises(WorkspaceError, match="holds no person records"):
        resolve_workspace(tmp_path / "ws")


def test_model_hash_is_stable_for_an_unchanged_model() -> None:
    """Splink's random linker id and float noise never change a model's hash."""
    from borderlink.resolve.model import model_hash, model_json

    one = {"linker_uid": "nrmqte9l", "probability_two_random_records_match": 0.1 + 0.2}
    two = {"linker_uid": "xlmn9io9", "probability_two_random_records_match": 0.3}
    assert model_hash(model_json(one)) == model_hash(model_json(two))
    three = {"linker_uid": "a", "probability_two_random_records_match": 0.31}
    assert model_hash(model_json(three)) != model_hash(model_json(two))
