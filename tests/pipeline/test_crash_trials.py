"""kill -9 at random moments of ingest, resolve, analyse and report (slow suite).

Each trial starts the command as its own process on a copy of the workspace as it
stands before that command, kills it with SIGKILL after a random share of the
command's measured run time, and then checks that the workspace opens, that
`status` shows the completed import runs, that no worker process or resolve spill
folder of the killed run is left, and that running the command again completes
with the same figures as an undisturbed run.

    PYTHONPATH=src pytest -m slow tests/pipeline/test_crash_trials.py
    (BORDERLINK_CRASH_TRIALS=N sets the kills per command, default 20;
    BORDERLINK_CRASH_SCALE=N the generated world's scale, default 600;
    BORDERLINK_CRASH_LOG=file appends one JSON line per trial: when the kill came,
    and whether the command had committed its run by then)

A trial whose command finished before its kill is no kill: it still checks the re-run,
shortens the run-time estimate the next kills aim within, and does not count.
"""

from __future__ import annotations

import json
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
from borderlink.views import stage_states

SRC = Path(__file__).resolve().parents[2] / "src"
TRIALS = int(os.environ.get("BORDERLINK_CRASH_TRIALS", "20"))
SCALE = int(os.environ.get("BORDERLINK_CRASH_SCALE", "600"))
EXITED = "after it exited"
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


def _stage_run(ws: Path, command: str, out: Path) -> str | None:
    """The command's last completed run as the workspace (or report folder) records it."""
    if command == "report":
        html = out / "report.html"
        return str(html.stat().st_mtime_ns) if html.exists() else None
    if not (ws / "borderlink.duckdb").exists():
        return None
    with Store.open(ws, read_only=True) as store:
        states = {s.stage: s.run_id for s in stage_states(store)}
    return states[command]


def _import_runs(ws: Path) -> list[str]:
    if not (ws / "borderlink.duckdb").exists():
        return []
    with Store.open(ws, read_only=True) as store:
        if not store.table_exists("import_runs"):
            return []
        return [str(r[0]) for r in store.query("SELECT run_id FROM import_runs")]


def _log(entry: dict[str, object]) -> None:
    if path := os.environ.get("BORDERLINK_CRASH_LOG"):
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")


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
    generate(export, seed=11, scale=SCALE)
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
    stages: dict[str, tuple[Path, float, dict]],
    command: str,
    rng: random.Random,
    tmp: Path,
    estimate: dict[str, float],
) -> bool:
    """One kill and its checks; False when the command had finished before the kill."""
    before, _, figures = stages[command]
    seconds = estimate[command]
    export = stages["export"][0]
    ws, out = tmp / "ws", tmp / "report"
    shutil.rmtree(ws, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(before, ws)
    completed = _import_runs(ws)
    run_before = _stage_run(ws, command, out)
    spills_before = set(Path(tempfile.gettempdir()).glob(f"{PREFIX}*"))
    proc = subprocess.Popen(
        _argv(command, export, ws, out),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    share = rng.uniform(0.05, 1.0)
    started = time.monotonic()
    while time.monotonic() - started < share * seconds and proc.poll() is None:
        time.sleep(0.02)
    exited = proc.poll() is not None
    if exited:  # the command runs faster now than when it was timed: aim earlier
        estimate[command] = min(seconds, time.monotonic() - started)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    committed = _stage_run(ws, command, out) != run_before
    _log(
        {
            "command": command,
            "share": round(share, 3),
            "after_s": round(share * seconds, 2),
            "moment": EXITED
            if exited
            else "after its commit"
            if committed
            else "before its commit",
        }
    )
    deadline = time.monotonic() + 5
    while _descendants_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _descendants_alive(proc.pid) == [], "worker processes outlived the killed command"
    # the workspace opens and status shows the completed import runs
    status = subprocess.run(
        [sys.executable, "-m", "borderlink.cli.main", "status", "--workspace", str(ws)],
        env={**_env(), "COLUMNS": "250"},
        capture_output=True,
        text=True,
        check=False,
    )
    if command != "ingest" or (ws / "borderlink.duckdb").exists():
        assert status.returncode == 0, status.stderr[-1000:]
    for run_id in completed:
        assert run_id in status.stdout, f"status does not show the completed run {run_id}"
    # running the command again completes, with the figures of an undisturbed run
    _run(_argv(command, export, ws, out))
    assert _figures(ws, command) == figures
    left = set(Path(tempfile.gettempdir()).glob(f"{PREFIX}{proc.pid}-*")) - spills_before
    assert left == set(), "the killed run's spill folder was not cleaned by the next resolve"
    return not exited


@pytest.mark.timeout(120 + TRIALS * 480)  # the trials of one command, on a loaded machine
@pytest.mark.parametrize("command", COMMANDS)
def test_kill_9_at_random_moments_leaves_a_workspace_that_completes(
    stages: dict[str, tuple[Path, float, dict]], command: str, tmp_path: Path
) -> None:
    rng = random.Random(f"crash-{command}")
    estimate = {command: stages[command][1]}
    kills = attempts = 0
    while kills < TRIALS and attempts < 2 * TRIALS:
        attempts += 1
        kills += _trial(stages, command, rng, tmp_path, estimate)
    assert kills >= TRIALS, f"only {kills} of {attempts} trials killed a running {command}"
