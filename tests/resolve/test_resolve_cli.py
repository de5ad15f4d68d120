"""The resolve commands through the real CLI entry point: exit codes and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from person_world import PEOPLE

from borderlink.cli.main import main

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
