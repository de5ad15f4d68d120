"""`borderlink users` and `borderlink serve` at the terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.store import Store


def test_users_add_list_disable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws"
    Store.open(ws, create=True).close()
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert (
        main(
            [
                "users",
                "add",
                "li",
                "--agency",
                "gx_psb",
                "--role",
                "supervisor",
                "--password-stdin",
                "-w",
                str(ws),
            ]
        )
        == 0
    )
    assert main(["users", "list", "-w", str(ws)]) == 0
    out = capsys.readouterr().out
    assert "li" in out and "gx_psb" in out and "supervisor" in out
    assert "a long password" not in out
    assert main(["users", "disable", "li", "-w", str(ws)]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert (
        main(
            [
                "users",
                "add",
                "li",
                "--agency",
                "gx_psb",
                "--role",
                "analyst",
                "--password-stdin",
                "-w",
                str(ws),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err


def test_users_add_needs_password_on_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["users", "add", "li", "--agency", "gx_psb", "--role", "analyst", "-w", str(tmp_path)])
        == 2
    )
    assert "--password-stdin" in capsys.readouterr().err


def test_serve_without_workspace_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "-w", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no workspace" in err
