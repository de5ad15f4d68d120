"""The resolve commands through the real CLI entry point: exit codes and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from person_world import PEOPLE, world, write_records

from borderlink.cli.main import main
from borderlink.store import Store

REC = {r.key: r.record_id for r in PEOPLE}


def test_cli_resolve_review_explain_export_run_on_a_workspace(
    resolved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["resolve", "-w", str(resolved)]) == 0
    assert "entities found" in capsys.readouterr().out
    assert main(["review", "-w", str(resolved)]) == 0
    assert "undecided pairs in the uncertain band" in capsys.readouterr().out
    assert (
        main(
            [
                "explain",
                REC["GDP-02"] if "GDP-02" in REC else REC["GDP-01"],
                REC["HKP-01"],
                "-w",
                str(resolved),
            ]
        )
        == 0
    )
    assert "match probability" in capsys.readouterr().out
    out = tmp_path / "records.csv"
    assert main(["export", "records", "-w", str(resolved), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("source,file,record_key,entity_id\n")


def test_cli_decide_needs_exactly_one_of_same_or_different(
    resolved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["decide", REC["GDP-01"], REC["HKP-01"], "--reason", "x", "-w", str(resolved)])
    assert code == 2
    assert "exactly one of --same or --different" in capsys.readouterr().err


def test_cli_decide_unknown_record_is_one_line_error(
    resolved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["decide", REC["GDP-01"], "nope", "--same", "--reason", "x", "-w", str(resolved)])
    err = capsys.readouterr().err
    assert code == 1 and err.strip() == "borderlink: error: unknown record id nope"


def test_cli_resolve_without_workspace_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["resolve", "-w", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no workspace at" in err[0]


def test_cli_review_export_and_import_round_trip(
    resolved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "decide",
                REC["GDP-04"],
                REC["HKP-04"],
                "--different",
                "--reason",
                "r",
                "--by",
                "k",
                "-w",
                str(resolved),
            ]
        )
        == 0
    )
    out = tmp_path / "d.jsonl"
    assert main(["review", "export", "--out", str(out), "-w", str(resolved)]) == 0
    assert main(["review", "import", str(out), "-w", str(resolved)]) == 0
    assert "0 decisions added, 1 already held" in capsys.readouterr().out


def test_cli_listings_take_every_format(resolved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = str(resolved)
    with Store.open(resolved) as store:  # put four pairs into the review band
        store.execute(
            "UPDATE match_pairs SET match_probability = 0.5 WHERE rowid IN "
            "(SELECT rowid FROM match_pairs ORDER BY record_a LIMIT 4)"
        )
    assert main(["review", "-w", ws, "--format", "jsonl", "--limit", "3"]) == 0
    pairs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(pairs) == 3 and all(len(p["record_a"]) == 16 for p in pairs)  # ids whole
    assert main(["review", "-w", ws, "--format", "json", "--limit", "3"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 4
    assert main(["review", "-w", ws, "--format", "csv", "--limit", "3"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["record_a"] for r in rows] == [p["record_a"] for p in pairs]
    assert main(["status", "-w", ws, "--format", "json"]) == 0
    state = json.loads(capsys.readouterr().out)
    assert {s["stage"] for s in state["stages"]} >= {"ingest", "resolve", "analyse"}
    assert main(["status", "-w", ws, "--format", "csv"]) == 0
    stages = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [s["stage"] for s in stages] == [s["stage"] for s in state["stages"]]
    assert main(["quarantine", "-w", ws, "--format", "json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_cli_explain_shows_sex_decision_and_writes_the_waterfall(
    resolved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, a, b = str(resolved), REC["GDP-11"], REC["GDP-12"]
    assert main(["decide", a, b, "--different", "--reason", "two men", "--no-apply", "-w", ws]) == 0
    capsys.readouterr()
    chart = tmp_path / "charts" / "pair.html"
    assert main(["explain", a, b, "-w", ws, "--waterfall", str(chart)]) == 0
    out = capsys.readouterr().out
    assert "decision: different" in out and "two men" in out
    assert "│ sex" in out and chart.stat().st_size > 100_000  # Splink's chart, JS inlined
    assert a in out and b in out  # whole ids, to copy into decide
    assert main(["explain", a, b, "-w", ws, "--waterfall", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_cli_resolve_writes_splinks_dashboards(
    resolved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dash"
    assert main(["resolve", "-w", str(resolved), "--dashboards", str(out)]) == 0
    printed = capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "cluster_studio.html",
        "comparison_viewer.html",
    ]
    assert f"dashboard: {out / 'cluster_studio.html'}" in printed


def test_cli_analyse_before_resolve_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws"
    write_records(ws, world())
    assert main(["analyse", "-w", str(ws)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run 'borderlink resolve' before 'borderlink analyse'" in err
    with Store.open(ws, read_only=True) as store:
        assert not store.table_exists("graph_nodes")


def test_cli_output_path_errors_are_one_line_exit_1(
    resolved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws, folder, file = str(resolved), tmp_path / "dir", tmp_path / "file"
    folder.mkdir()
    file.write_text("x")
    a, b = REC["GDP-01"], REC["HKP-01"]
    for args in (
        ["review", "export", "--out", str(folder)],
        ["export", "records", "--out", str(folder)],
        ["export", "records", "--out", str(file / "x.csv")],
        ["explain", a, b, "--waterfall", str(folder)],
        ["resolve", "--dashboards", str(file)],
        ["report", "--out", str(file), "--no-pdf"],
    ):
        assert main([*args, "-w", ws]) == 1, args
        err = capsys.readouterr().err  # the error is one line and nothing ran before it
        assert err.count("\n") == 1 and err.startswith("borderlink: error: "), (args, err)
        assert str(folder) in err or str(file) in err, (args, err)
    assert not (file.parent / "x.csv").exists()
