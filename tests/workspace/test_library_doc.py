"""docs/library.md's session runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "library.md"


def test_library_session_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1
    monkeypatch.chdir(tmp_path)
    exec(compile(blocks[0], str(DOC), "exec"), {"__name__": "library_doc"})
    out = capsys.readouterr().out
    assert "entities" in out and "syndicates" in out and "arrests:" in out
    assert "by 422 by: unknown 'colour'" in out
    assert "audited: ['read_syndicate', 'search', 'read_entity']" in out
    assert (tmp_path / "session" / "report" / "report.html").is_file()
    assert (tmp_path / "session" / "people.csv").is_file()
