"""Extraction recovers the facts the generator wrote into its reports (truth/report_facts.jsonl)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from borderlink.extract import extract_files
from borderlink.extract.evaluate import fact_key
from borderlink.synth import generate

RECALL_FLOOR = 1.0
PRECISION_FLOOR = 1.0


def _generate(out: Path) -> None:
    generate(out, seed=11, scale=400)


def test_extraction_recovers_generated_report_facts(tmp_path: Path) -> None:
    _generate(tmp_path)
    truth_file = tmp_path / "truth" / "report_facts.jsonl"
    assert truth_file.exists(), "generate must write truth/report_facts.jsonl"
    truth = [
        json.loads(line) for line in truth_file.read_text(encoding="utf-8").splitlines() if line
    ]
    reports = sorted(
        p for p in tmp_path.rglob("*") if p.suffix in (".txt", ".md") and p.parent.name == "reports"
    )
    assert truth and reports
    found = [f for o in extract_files(reports) for f in o.facts if f.kind in ("figure", "change")]
    wanted = Counter(fact_key(t) for t in truth)
    got = Counter(fact_key(f.model_dump(mode="json")) for f in found)
    hits = sum((wanted & got).values())
    assert hits / sum(wanted.values()) >= RECALL_FLOOR
    files = {Path(t["file"]).name for t in truth}
    got_in_files = sum(n for k, n in got.items() if k[0] in files)
    assert hits / got_in_files >= PRECISION_FLOOR
    # Every figure's region is the truth's: named in the text, or by the author's file name
    truth_region = {fact_key(t): t["region"] for t in truth}
    regions = {fact_key(f.model_dump(mode="json")): f.region for f in found}
    assert {k: regions.get(k) for k in truth_region} == truth_region
