"""Resolve's spill folders: bound as SQL parameters, and cleaned after a killed run."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from borderlink.resolve.backends.duckdb import scratch_store
from borderlink.resolve.spill import PREFIX, clean_stale

SRC = Path(__file__).resolve().parents[2] / "src" / "borderlink"


def test_quote_in_tmpdir_does_not_break_the_scratch_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = tmp_path / "it's'; DROP TABLE x; --"
    odd.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(odd))
    with scratch_store(threads=1, memory_limit="1GB") as store:
        setting = store.query("SELECT current_setting('temp_directory')")[0][0]
        assert setting.startswith(str(odd)) and Path(setting).is_dir()
    assert not any(odd.iterdir())


def test_folders_of_dead_runs_are_removed_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    left = tmp_path / f"{PREFIX}{dead_pid}-abc"
    mine = tmp_path / f"{PREFIX}{os.getpid()}-def"
    parent = tmp_path / f"{PREFIX}{os.getppid()}-ghi"
    other = tmp_path / "borderlink-resolve-nopid"
    for folder in (left, mine, parent, other):
        (folder / "spill").mkdir(parents=True)
    assert clean_stale(tmp_path) == [left]
    assert not left.exists() and mine.exists() and parent.exists() and other.exists()


def test_no_setting_is_formatted_into_sql() -> None:
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if 'f"SET ' in p.read_text(encoding="utf-8") or "f'SET " in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
