"""`borderlink exchange agreements|export|import` from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from exchange_world import RECEIVER, SENDER

from borderlink.cli.main import main
from borderlink.exchange.keys import KeyRing


def test_agreements_lists_terms_and_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exchange", "agreements"]) == 0
    out = capsys.readouterr().out
    assert "joint-operation" in out and "gd_psb, gx_psb, yn_psb, hk_police, hk_immd" in out
    assert "No onward dissemination" in out and "1825 days" in out


def test_export_then_import_on_the_command_line(
    workspaces: tuple[Path, Path],
    keys: tuple[KeyRing, KeyRing],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pkg = str(tmp_path / "out.blpkg")
    argv = ["exchange", "export", "--agreement", "joint-operation", "--from", SENDER]
    argv += ["--to", RECEIVER, "--out", pkg, "-w", str(workspaces[0])]
    assert main([*argv, "--keys-dir", str(keys[0].folder), "--handling", "H0"]) == 0
    assert "marked H0/B2" in capsys.readouterr().out
    imp = ["exchange", "import", pkg, "-w", str(workspaces[1]), "--keys-dir"]
    # The sender's own key folder does not trust itself as someone else: refused, exit 1.
    assert main([*imp, str(tmp_path / "empty-keys"), "--agency", RECEIVER]) == 1
    assert "has no trusted key" in capsys.readouterr().err
    assert main([*imp, str(keys[1].folder), "--agency", RECEIVER]) == 0
    assert "imported as exchange:gd_psb" in capsys.readouterr().out
    assert main([*argv, "--keys-dir", str(keys[0].folder), "--handling", "H7"]) == 2
    assert "--handling: 'H7' is not a known code" in capsys.readouterr().err


def test_export_to_stdout_import_from_stdin_and_verify(
    workspaces: tuple[Path, Path],
    keys: tuple[KeyRing, KeyRing],
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    argv = ["exchange", "export", "--agreement", "joint-operation", "--from", SENDER]
    argv += ["--to", RECEIVER, "--out", "-", "-w", str(workspaces[0])]
    assert main([*argv, "--keys-dir", str(keys[0].folder)]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out.startswith(b"BORDERLINK-PACKAGE/1\n") and b"marked H1/B2" in captured.err
    pkg = tmp_path / "piped.blpkg"
    pkg.write_bytes(captured.out)
    assert main(["exchange", "verify", str(pkg), "--keys-dir", str(keys[1].folder)]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert "gd_psb -> hk_police under joint-operation" in out and "hash verified" in out

    class _Stdin:
        buffer = io.BytesIO(captured.out)

    monkeypatch.setattr("sys.stdin", _Stdin())
    imp = ["exchange", "import", "-", "-w", str(workspaces[1]), "--keys-dir", str(keys[1].folder)]
    assert main(imp) == 0
    assert b"imported as exchange:gd_psb" in capsysbinary.readouterr().out
