"""evaluate: pair counts from cluster sizes, cross-source recall, and the plain baseline beside."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest
from person_world import Rec, world, write_records

from borderlink.errors import SourceError
from borderlink.resolve import ResolveSummary
from borderlink.resolve.evaluate import evaluate_workspace, pair_metrics, read_truth
from borderlink.store import Store


def write_truth(folder: Path, recs: list[Rec]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "records.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["source", "file", "record_key", "person_id"])
        writer.writerows([r.source, r.file, r.key, r.person] for r in recs)
    return folder


def test_pair_metrics_counts_pairs_from_a_known_assignment(tmp_path: Path) -> None:
    recs = [
        Rec("A", "gd_psb", "1"),
        Rec("A", "hk_police", "2"),
        Rec("A", "hk_police", "3"),
        Rec("B", "gd_psb", "4"),
        Rec("B", "gx_psb", "5"),
    ]
    write_records(tmp_path / "ws", recs)
    truth = read_truth(write_truth(tmp_path / "truth", recs))
    # entity X = {1, 2, 4} (one true pair 1-2, two false), entity Y = {3}, entity Z = {5}
    assign = pa.table(
        {
            "record_id": [r.record_id for r in recs],
            "entity_id": ["X", "X", "Y", "X", "Z"],
        }
    )
    with Store.open(tmp_path / "ws") as store:
        store.register("_truth", truth)
        store.execute(
            "CREATE TEMP TABLE _labelled AS SELECT p.record_id, p.source, t.person_id "
            "FROM person_records p JOIN _truth t USING (source, file, record_key)"
        )
        m = pair_metrics(store, assign)
    assert (m.true_pairs, m.predicted_pairs, m.true_positive) == (4, 3, 1)
    assert m.precision == pytest.approx(1 / 3) and m.recall == pytest.approx(1 / 4)
    assert (m.cross_source_true_pairs, m.cross_source_found) == (3, 1)
    per = {(s.source_a, s.source_b): (s.true_pairs, s.found) for s in m.per_source_pair}
    assert per == {
        ("gd_psb", "hk_police"): (2, 1),
        ("hk_police", "hk_police"): (1, 0),
        ("gd_psb", "gx_psb"): (1, 0),
    }
    assert (m.true_people, m.entities) == (2, 3)


def test_evaluate_world_is_perfect_and_beats_plain_splink_across_scripts(
    resolved_template: tuple[Path, ResolveSummary], tmp_path: Path
) -> None:
    ws, _ = resolved_template
    truth = write_truth(tmp_path / "truth", world())
    ev = evaluate_workspace(ws, truth)
    assert ev.records_matched == len(world()) == ev.records_in_truth
    assert ev.resolve.precision == 1.0 and ev.resolve.recall == 1.0
    assert ev.resolve.cross_source_recall == 1.0
    assert ev.baseline is not None
    assert ev.baseline.cross_source_recall < 0.7
    assert ev.resolve.entities == ev.resolve.true_people


def test_evaluate_without_truth_file_raises_source_error(
    resolved_template: tuple[Path, ResolveSummary], tmp_path: Path
) -> None:
    with pytest.raises(SourceError, match="no truth file"):
        evaluate_workspace(resolved_template[0], tmp_path / "nowhere", baseline=False)
