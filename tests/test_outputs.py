"""Output paths the user names: a folder for a file, a file for a folder, no way to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.errors import PathError
from borderlink.outputs import ensure_folder, write_text


def test_write_text_makes_parents_and_refuses_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    write_text(target, "中文\n")
    assert target.read_text(encoding="utf-8") == "中文\n"
    with pytest.raises(PathError, match=rf"^out: {tmp_path} is a folder") as caught:
        write_text(tmp_path, "x")
    assert caught.value.exit_code == 1 and caught.value.field == "out"


def test_unwritable_places_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(PathError, match=r"cannot write /proc/no/such\.csv"):
        write_text(Path("/proc/no/such.csv"), "x", "out")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PathError, match="is a file; give a folder"):
        ensure_folder(blocker, "dashboards")
    with pytest.raises(PathError, match=f"cannot create {blocker / 'sub'}"):
        ensure_folder(blocker / "sub")
    assert ensure_folder(tmp_path / "new").is_dir()
