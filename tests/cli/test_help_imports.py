"""`borderlink --help` answers without loading the heavy libraries of the stages.

Timing on a shared machine is noise; which modules a `--help` run imports is not, and
each heavy library costs from a tenth of a second (babel) to seconds (matplotlib, cn2an).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
