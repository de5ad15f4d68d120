"""`borderlink extract`: files to JSON Lines or a table, the workspace to report_facts,
unreadable reports kept with a message, and precision/recall against gold."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from borderlink.cli import extract as cli_extract
from borderlink.cli.main import main
from borderlink.extract import extract_workspace, reported_figures, stored_facts
from borderlink.store import Store

GOLD_DIR = Path(__file__).parent / "gold"
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.9


def _reports() -> list[str]:
    return sorted(
        str(p) for p in GOLD_DIR.iterdir() if p.suffix in (".txt", ".md") and p.stem != "README"
    )


def test_cli_evaluate_reports_precision_and_recall_above_floor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        ["extract", *_reports(), "--evaluate", str(GOLD_DIR / "gold.jsonl"), "--format", "jsonl"]
    )
    assert code == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["precision"] >= PRECISION_FLOOR
    assert scores["recall"] >= RECALL_FLOOR
    assert scores["true_positives"] >= 200
    for kind in ("figure", "change", "period", "report_date"):
        assert scores["by_kind"][kind]["precision"] >= PRECISION_FLOOR
        assert scores["by_kind"][kind]["recall"] >= RECALL_FLOOR


def test_cli_evaluate_table_names_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    cli_extract.console.width = 200
    assert main(["extract", *_reports(), "--evaluate", str(GOLD_DIR / "gold.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "figure" in out and "period" in out and "precision" in out


def test_cli_jsonl_prints_one_fact_per_line_with_contract_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["extract", str(GOLD_DIR / "en01_joint_operation.txt"), "--format", "jsonl"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(
        {"file", "kind", "value", "qualifier", "unit", "start", "end", "sentence"} <= set(x)
        for x in lines
    )
    cases = next(x for x in lines if x["kind"] == "figure" and x["what"] == "cases_cracked")
    assert (cases["value"], cases["qualifier"], cases["unit"]) == (290, "more_than", "cases")
    assert cases["start"] == "2016-02-01" and cases["end"] is None
    change = next(x for x in lines if x["kind"] == "change")
    assert (change["what"], change["value"], change["direction"], change["unit"]) == (
        "illegal_entrants",
        59,
        "down",
        "percent",
    )
    assert change["region"] == "HK"


def test_cli_table_format_lists_facts(capsys: pytest.CaptureFixture[str]) -> None:
    cli_extract.console.width = 250
    assert main(["extract", str(GOLD_DIR / "zh03_xinhua_news.txt")]) == 0
    out = capsys.readouterr().out
    assert "cases_cracked" in out and "1320" in out and "12.6" in out


def test_cli_binary_and_empty_files_get_a_message_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(200)))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    nothing = tmp_path / "nothing.txt"
    nothing.write_text("The weather was fine and the meeting ended early.", encoding="utf-8")
    code = main(["extract", str(binary), str(empty), str(nothing), "--format", "jsonl"])
    assert code == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "photo.txt: not a text file" in captured.err
    assert "empty.txt: empty report" in captured.err
    assert "nothing.txt: no facts found" in captured.err


def test_cli_missing_file_and_bad_format_fail_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    assert "no such report file" in capsys.readouterr().err
    assert main(["extract", str(GOLD_DIR / "en01_joint_operation.txt"), "--format", "xml"]) == 2
    assert "'xml' is not one of 'table', 'csv', 'json', 'jsonl'" in capsys.readouterr().err


def test_workspace_extract_stores_facts_with_provenance_and_links(
    export_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws"
    assert main(["ingest", str(export_dir), "--workspace", str(ws)]) == 0
    capsys.readouterr()
    assert main(["extract", "--workspace", str(ws)]) == 0
    captured = capsys.readouterr()
    assert "scan.txt: not a text file" in captured.err
    assert "blank.md: empty report" in captured.err
    assert "minutes.txt: no facts found" in captured.err
    with Store.open(ws, read_only=True) as store:
        statuses = dict(store.query("SELECT file, status FROM report_extractions"))
        assert statuses == {
            "en01_joint_operation.txt": "ok",
            "zh06_gx_gb18030.txt": "ok",
            "zh10_shenzhen_case.txt": "ok",
            "scan.txt": "not_text",
            "blank.md": "empty",
            "minutes.txt": "no_facts",
        }
        provenance = store.query(
            "SELECT DISTINCT f.record_id = r.record_id, f.source, f.path FROM report_facts f "
            "JOIN report_files r ON r.file = f.file WHERE f.file = 'zh06_gx_gb18030.txt'"
        )
        assert provenance == [(True, "reports", "zh06_gx_gb18030.txt")]
        linked = store.query(
            "SELECT kind, links FROM report_facts WHERE file = 'zh10_shenzhen_case.txt' "
            "AND kind IN ('case_ref', 'phone', 'person') ORDER BY kind"
        )
        rid = store.scalar("SELECT record_id FROM person_records WHERE case_no = 'GD-2018-00873'")
        by_kind = {k: links for k, links in linked}
        assert "case:GD-2018-00873" in by_kind["case_ref"]
        assert f"person_record:{rid}" in by_kind["phone"]
        assert f"person_record:{rid}" in by_kind["person"]
        figures = reported_figures(store)
        assert {(f.file, f.what, f.value) for f in figures} >= {
            ("en01_joint_operation.txt", "people_arrested", 67000),
            ("zh06_gx_gb18030.txt", "illegal_entrants", 1150),
        }
        assert all(f.kind in ("figure", "change") for f in figures)


def test_workspace_extract_rerun_replaces_facts(export_dir: Path, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert main(["ingest", str(export_dir), "--workspace", str(ws)]) == 0
    first = extract_workspace(ws)
    second = extract_workspace(ws)
    assert first.facts == second.facts > 0
    with Store.open(ws, read_only=True) as store:
        assert store.count("report_facts") == second.facts
        assert store.count("report_extractions") == 6
        assert len(stored_facts(store)) == second.facts


def test_workspace_without_reports_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open(tmp_path / "ws", create=True).close()
    assert main(["extract", "--workspace", str(tmp_path / "ws")]) == 1
    assert "no report_files table" in capsys.readouterr().err


def test_workspace_evaluate_scores_the_stored_reports(
    export_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = str(tmp_path / "ws")
    assert main(["ingest", str(export_dir), "--workspace", ws]) == 0
    capsys.readouterr()
    gold = str(GOLD_DIR / "gold.jsonl")
    assert main(["extract", "--workspace", ws, "--evaluate", gold, "--format", "jsonl"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0
    assert scores["true_positives"] == 9 + 7 + 6  # en01, zh06, zh10: all their gold facts


def test_workspace_extract_links_a_named_person_to_the_resolved_entity(
    export_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws"
    assert main(["ingest", str(export_dir), "--workspace", str(ws)]) == 0
    with Store.open(ws) as store:  # resolve's contract: record -> entity
        store.execute(
            "CREATE TABLE clusters AS SELECT record_id, 'E-' || record_id AS entity_id, "
            "'R1' AS resolve_run_id FROM person_records"
        )
        rid = store.scalar("SELECT record_id FROM person_records WHERE case_no = 'GD-2018-00873'")
    summary = extract_workspace(ws)
    capsys.readouterr()
    assert summary.linked_facts > 0
    with Store.open(ws, read_only=True) as store:
        links = store.query(
            "SELECT kind, links FROM report_facts WHERE file = 'zh10_shenzhen_case.txt' "
            "AND kind IN ('phone', 'person')"
        )
    by_kind = {kind: set(found) for kind, found in links}
    assert f"entity:E-{rid}" in by_kind["phone"] and f"entity:E-{rid}" in by_kind["person"]


def test_workspace_extract_prints_the_facts_in_every_machine_format(
    export_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = str(tmp_path / "ws")
    assert main(["ingest", str(export_dir), "--workspace", ws]) == 0
    capsys.readouterr()
    assert main(["extract", "--workspace", ws, "--format", "jsonl"]) == 0
    facts = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    with Store.open(tmp_path / "ws", read_only=True) as store:
        stored = stored_facts(store)
    assert len(facts) == len(stored) > 0  # the facts, not the run's summary line
    assert {f["file"] for f in facts} == {
        "en01_joint_operation.txt",
        "zh06_gx_gb18030.txt",
        "zh10_shenzhen_case.txt",
    }
    assert main(["extract", "--workspace", ws, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(stored) and rows[0]["kind"] and "sentence" in rows[0]
    assert main(["extract", "--workspace", ws, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(stored)
