"""ingest's worker processes end when their parent is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PARENT = """
import os, sys, time
from borderlink.ingest import orphans
from borderlink.ingest.parallel import UnitPool
if os.environ.get("BL_TEST_NO_PRCTL"):
    orphans._kernel_death_signal = lambda: False
    orphans.WATCH_SECONDS = 0.1
pool = UnitPool(2)
pids = {pool.pool.submit(os.getpid).result() for _ in range(6)}
pool.pool.submit(time.sleep, 60)
print(" ".join(map(str, pids)), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for a reaper counts as gone
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


def _kill_parent_and_wait(env: dict[str, str]) -> list[int]:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert parent.stdout is not None
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert workers and all(_alive(p) for p in workers)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    return [p for p in workers if _alive(p)]


@pytest.mark.parametrize("kernel_signal", [True, False])
def test_workers_die_with_a_killed_parent(kernel_signal: bool) -> None:
    """A busy worker (sleeping 60 s) too; without prctl the watcher thread ends it."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    if not kernel_signal:
        env["BL_TEST_NO_PRCTL"] = "1"
    assert _kill_parent_and_wait(env) == []
