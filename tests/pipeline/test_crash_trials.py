"""kill -9 at random moments of ingest, resolve, analyse and report (slow suite).

Each trial starts the command as its own process on a copy of the workspace as it
stands before that command, kills it with SIGKILL after a random share of the
command's measured run time, and then checks that the workspace opens, that
`status` shows the completed import runs, that no worker process or resolve spill
folder of the killed run is left, and that running the command again completes
with the same figures as an undisturbed run.

    PYTHONPATH=src pytest -m slow tests/pipeline/test_crash_trials.py
    (BORDERLINK_CRASH_TRIALS=N sets the trials per command; default 20)
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from borderlink.resolve.spill import PREFIX
from borderlink.store import Store
from borderlink.synth import generate

SRC = Path(__file__).resolve().parents[2] / "src"
TRIALS = int(os.environ.get("BORDERLINK_CRASH_TRIALS", "20"))
COMMANDS = ["ingest", "resolve", "analyse", "report"]
pytestmark = pytest.mark.slow


def _argv(command: str, export: Path, ws: Path, out: Path) -> list[str]:
    base = [sys.executable, "-m", "borderlink.cli.main"]
    if command == "ingest":
        return [*base, "ingest", str(export), "--workspace", str(ws)]
    if command == "report":
        return [*base, "report", "--out", str(out), "--no-pdf", "--workspace", str(ws)]
    return [*base, command, "--workspace", str(ws)]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "BORDERLINK_THREADS": "1"}


def _run(argv: list[str]) -> float:
    started = time.monotonic()
    done = subprocess.run(argv, env=_env(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return time.monotonic() - started


def _figures(ws: Path, command: str) -> dict[str, int]:
    """What a completed command leaves, compared with an undisturbed run."""
    tables = {
        "ingest": ["person_records", "cases", "exhibits", "calls", "quarantine", "value_issues"],
        "resolve": ["clusters", "entities"],
        "analyse": ["graph_nodes", "graph_edges", "syndicates"],
        "report": ["person_records"],
    }[command]
    with Store.open(ws, read_only=True) as store:
        return {t: store.count(t) for t in tables}


def _descendants_alive(pid: int) -> list[int]:
    """Processes whose parent was the killed command (ingest's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(") ", 1)[-1].split()
        if fields and fields[0] != "Z" and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def stages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, float, dict]]:
    """For each command: the workspace before it, its undisturbed time and figures."""
    root = tmp_path_factory.mktemp("crash")
    export = root / "export"
    generate(export, seed=11, scale=600)
    ws = root / "ws"
    result: dict[str, tuple[Path, float, dict]] = {}
    for command in COMMANDS:
        before = root / f"before-{command}"
        if ws.exists():
            shutil.copytree(ws, before)
        else:
            before.mkdir()
        seconds = _run(_argv(command, export, ws, root / "report"))
        result[command] = (before, seconds, _figures(ws, command))
    result["export"] = (export, 0.0, {})
    return result


def _trial(
    stages: dict[str, tuple[Path, float, dict]], command: str, rng: random.Random, tmp: Path
) -> None:
    before, seconds, figures = stages[command]
    export = stages["export"][0]
    ws = tmp / "ws"
    shutil.rmtree(ws, ignore_errors=True)
    shutil.copytree(before, ws)
    spills_before = set(Path(tempfile.gettempdir()).glob(f"{PREFIX}*"))
    proc = subprocess.Popen(
        _argv(command, export, ws, tmp / "report"),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(rng.uniform(0.05, 1.0) * seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while _descendants_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _descendants_alive(proc.pid) == [], "worker processes outlived the killed command"
    # the workspace opens and status shows the completed import runs
    status = subprocess.run(
        [sys.executable, "-m", "borderlink.cli.main", "status", "--workspace", str(ws)],
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if command != "ingest" or (ws / "borderlink.duckdb").exists():
        assert status.returncode == 0, status.stderr[-1000:]
    # running the command again completes, with the figures of an undisturbed run
    _run(_argv(command, export, ws, tmp / "report"))
    assert _figures(ws, command) == figures
    left = set(Path(tempfile.gettempdir()).glob(f"{PREFIX}{proc.pid}-*")) - spills_before
    assert left == set(), "the killed run's spill folder was not cleaned by the next resolve"


@pytest.mark.parametrize("command", COMMANDS)
def test_kill_9_at_random_moments_leaves_a_workspace_that_completes(
    stages: dict[str, tuple[Path, float, dict]], command: str, tmp_path: Path
) -> None:
    rng = random.Random(f"crash-{command}")
    for _ in range(TRIALS):
        _trial(stages, command, rng, tmp_path)
