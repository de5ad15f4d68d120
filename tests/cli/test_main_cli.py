"""The command's shell: one-line errors and exit codes."""

from __future__ import annotations

import pytest

from borderlink.cli.main import main


def test_unknown_option_is_one_line_on_stderr_with_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--bogus"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "borderlink: error: No such option: --bogus"


def test_config_show_names_the_origin_of_a_flag(
    capsys: pytest.CaptureFixture[str], tmp_path: object
) -> None:
    assert main(["config", "show", "--workspace", "/tmp/elsewhere"]) == 0
    out = capsys.readouterr().out
    assert "/tmp/elsewhere" in out and "command line" in out


def test_config_from_environment_is_reported_as_such(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDERLINK_THREADS", "1")
    assert main(["config", "show"]) == 0
    assert "BORDERLINK_THREADS" in capsys.readouterr().out


def test_bad_setting_in_environment_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDERLINK_THREADS", "zero")
    assert main(["config", "show"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "threads" in err and "BORDERLINK_THREADS" in err
