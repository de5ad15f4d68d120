"""The CLI: ingest prints per-source counts; status and quarantine agree with the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.cli import ingest as cli_ingest
from borderlink.cli.main import main


def test_cli_ingest_status_quarantine(
    delivery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_ingest.console.width = 250
    ws = str(tmp_path / "ws")
    assert main(["ingest", str(delivery), "--workspace", ws]) == 0
    out = capsys.readouterr().out
    assert "涉案人员.csv" in out and "total" in out and "29" in out and "skipped folder" in out
    assert main(["status", "--workspace", ws]) == 0
    out = capsys.readouterr().out
    assert "duplicate key in file" in out and "person_records" in out
    assert main(["quarantine", "--workspace", ws]) == 0
    assert "required column empty" in capsys.readouterr().out
    assert main(["quarantine", "--workspace", ws, "--issues"]) == 0
    assert "check digit" in capsys.readouterr().out


def test_cli_ingest_unreadable_file_one_line_exit_1(
    delivery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (delivery / "hk_police" / "cases.csv").write_text("nothing\n", encoding="utf-8")
    code = main(["ingest", str(delivery), "--workspace", str(tmp_path / "ws")])
    assert code == 1
    assert "hk_police/cases.csv: missing" in capsys.readouterr().err


def test_cli_ingest_path_errors_one_line_exit_1_nothing_created(
    delivery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws"
    for target in (tmp_path / "missing", delivery / "gd_psb" / "案件.csv", tmp_path / "empty"):
        if target.name == "empty":
            target.mkdir()
        assert main(["ingest", str(target), "--workspace", str(ws)]) == 1
        err = capsys.readouterr().err.strip()
        assert str(target) in err and len(err.splitlines()) == 1
    assert not ws.exists()
    assert main(["ingest", str(delivery), "--workspace", str(ws), "--dry-run"]) == 0
    assert not ws.exists()


def test_quarantine_and_status_print_hostile_values(
    delivery: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_ingest.console.width = 250
    path = delivery / "hk_police" / "persons.csv"
    text = path.read_text(encoding="utf-8-sig").rstrip("\n").split("\n")
    header = text[0]
    width = header.count(",") + 1
    bad = ["[/red]", "[link=http://evil.example/]x[/link]", "\x1b[2J"] + [""] * width
    text.append(",".join(bad[: width + 1]))  # one field too many: quarantined with its raw line
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    ws = str(tmp_path / "ws")
    assert main(["ingest", str(delivery), "--workspace", ws]) == 0
    for argv in (["quarantine"], ["quarantine", "--issues"], ["status"]):
        assert main([*argv, "--workspace", ws]) == 0
    out = capsys.readouterr().out
    assert "[/red]" in out and "\x1b[2J" not in out and "\\x1b[2J" in out
