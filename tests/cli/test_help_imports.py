"""`borderlink --help` answers without loading the heavy libraries of the stages.

Timing on a shared machine is noise; which modules a `--help` run imports is not, and
each heavy library costs from a tenth of a second (babel) to seconds (matplotlib, cn2an).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("matplotlib", "babel", "networkx", "igraph", "cn2an", "followthemoney", "splink")

PROBE = """
import runpy, sys
sys.argv = ["borderlink", "--help"]
try:
    runpy.run_module("borderlink.cli.main", run_name="__main__")
except SystemExit:
    pass
print("LOADED", ",".join(m for m in {heavy!r} if m in sys.modules))
"""


def test_help_loads_no_heavy_library() -> None:
    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "PYTHONPATH": str(src)}
    run = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert "Usage" in run.stdout
    loaded = run.stdout.rsplit("LOADED", 1)[1].strip()
    assert loaded == "", f"--help imported {loaded}"


@pytest.mark.parametrize(
    "command",
    [["report"], ["export", "graph"], ["export", "people"], ["export", "records"]],
)
def test_help_names_choices_not_python_types(
    command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from borderlink.cli.main import main

    monkeypatch.setenv("COLUMNS", "120")
    assert main([*command, "--help"]) == 0
    text = capsys.readouterr().out
    assert not re.search(r"<(str|path|int|float|bool)>", text), text
    assert "-o, --out" in text
    if command == ["report"]:
        assert "--lang en|zh|both" in text
    if command == ["export", "graph"]:
        assert "--format graphml|gexf|ftm" in text
    if command[0] == "export" and command[1] != "graph":
        assert "--excel" in text
