"""Extraction recovers the facts the generator wrote into its reports (truth/report_facts.jsonl).

Skipped until `borderlink.synth.generate` exists: the generator is built in parallel.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from borderlink.extract import extract_files
from borderlink.extract.evaluate import fact_key

RECALL_FLOOR = 0.95
PRECISION_FLOOR = 0.9


def _generate(out: Path) -> None:
    synth = pytest.importorskip("borderlink.synth")
    generate = getattr(synth, "generate", None)
    if generate is None:
        pytest.skip("borderlink.synth.generate does not exist yet")
    generate(out, seed=11, scale=400)


def _signed_to_direction(fact: dict[str, object]) -> dict[str, object]:
    """The generator writes a change as a signed percent; extraction as value + direction."""
    if fact["kind"] != "change" or not isinstance(fact["value"], int | float):
        return fact
    direction = "down" if fact["value"] < 0 else "up"
    return {**fact, "value": abs(fact["value"]), "direction": direction}


def test_extraction_recovers_generated_report_facts(tmp_path: Path) -> None:
    _generate(tmp_path)
    truth_file = tmp_path / "truth" / "report_facts.jsonl"
    if not truth_file.exists():
        pytest.skip("this generator writes no truth/report_facts.jsonl")
    truth = [
        json.loads(line) for line in truth_file.read_text(encoding="utf-8").splitlines() if line
    ]
    reports = sorted(
        p for p in tmp_path.rglob("*") if p.suffix in (".txt", ".md") and p.parent.name == "reports"
    )
    assert truth and reports
    found = [f for o in extract_files(reports) for f in o.facts if f.kind in ("figure", "change")]
    wanted = Counter(fact_key(_signed_to_direction(t)) for t in truth)
    got = Counter(fact_key(f.model_dump(mode="json")) for f in found)
    hits = sum((wanted & got).values())
    assert hits / sum(wanted.values()) >= RECALL_FLOOR
    files = {Path(t["file"]).name for t in truth}
    got_in_files = sum(n for k, n in got.items() if k[0] in files)
    assert hits / got_in_files >= PRECISION_FLOOR
    # Where the text names the region, it is the truth's (a press release may name none).
    truth_region = {fact_key(_signed_to_direction(t)): t["region"] for t in truth}
    stated = [(fact_key(f.model_dump(mode="json")), f.region) for f in found if f.region]
    wrong = [(k, r) for k, r in stated if k in truth_region and truth_region[k] != r]
    assert stated and wrong == []
