"""The issue's targets on generated data at the default scale.

generate -> ingest -> resolve -> evaluate, with the plain Splink baseline beside.
"""

from __future__ import annotations

from pathlib import Path

from borderlink.ingest import ingest_export
from borderlink.resolve import resolve_workspace
from borderlink.resolve.evaluate import evaluate_workspace
from borderlink.synth import generate


def test_evaluate_meets_targets_on_generated_world_at_default_scale(tmp_path: Path) -> None:
    export = tmp_path / "export"
    generate(export)  # the generator's defaults: seed 7, 3,000 person records
    ingest_export(export, tmp_path / "ws")
    resolve_workspace(tmp_path / "ws")
    ev = evaluate_workspace(tmp_path / "ws", export / "truth")
    ours, plain = ev.resolve, ev.baseline
    assert ev.records_matched == ev.records_in_truth
    assert ours.f1 >= 0.97, ours
    assert ours.precision >= 0.97, ours
    assert ours.cross_source_recall >= 0.95, ours
    assert plain is not None
    assert ours.f1 > plain.f1 and ours.cross_source_recall > plain.cross_source_recall
