"""The writer lock: a reader or a second writer gets WorkspaceBusy naming the holder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from borderlink.errors import WorkspaceBusy
from borderlink.store import Store
from borderlink.store.lock import LOCK_FILE, read_lock

SRC = Path(__file__).resolve().parents[2] / "src"

HOLD = """
import sys, time
from borderlink.store import Store
from borderlink.store.lock import command
with command("resolve"), Store.open(sys.argv[1]) as store:
    store.execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
    print("held", flush=True)
    time.sleep(60)
"""

RAW = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(60)
"""


def _hold(script: str, target: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, target], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    ws = tmp_path / "ws"
    Store.open(ws, create=True).close()
    yield ws


def test_reader_during_a_write_gets_workspace_busy_with_holder(workspace: Path) -> None:
    proc = _hold(HOLD, str(workspace))
    try:
        with pytest.raises(WorkspaceBusy) as caught:
            Store.open(workspace, read_only=True)
        message = str(caught.value)
        assert message.startswith("workspace busy: resolve since ")
        assert f"pid {proc.pid}" in message
        assert caught.value.status == 503 and caught.value.code == "workspace_busy"
        with pytest.raises(WorkspaceBusy, match="resolve"):
            Store.open(workspace)  # a second writer too
    finally:
        proc.kill()
        proc.wait()
    # the holder died without releasing: its lock is stale and the workspace opens
    assert (workspace / LOCK_FILE).exists()
    assert read_lock(workspace) is None
    with Store.open(workspace) as store:
        assert store.table_exists("t")
    assert not (workspace / LOCK_FILE).exists()


def test_raw_duckdb_lock_becomes_workspace_busy(workspace: Path) -> None:
    proc = _hold(RAW, str(workspace / "borderlink.duckdb"))
    try:
        with pytest.raises(WorkspaceBusy, match=f"pid {proc.pid}"):
            Store.open(workspace, read_only=True)
    finally:
        proc.kill()
        proc.wait()


def test_lock_is_reentrant_within_a_process_and_released_at_the_end(workspace: Path) -> None:
    with Store.open(workspace) as outer:
        info = json.loads((workspace / LOCK_FILE).read_text())
        assert info["pid"] == os.getpid()
        outer.execute("CREATE TABLE a (x INTEGER)")
        outer.close()
        with Store.open(workspace) as inner:  # the pipeline opens stores one after another
            inner.execute("CREATE TABLE b (x INTEGER)")
        assert not (workspace / LOCK_FILE).exists()


def test_stale_lock_of_a_dead_process_is_cleared(workspace: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    time.sleep(0.05)
    (workspace / LOCK_FILE).write_text(
        json.dumps({"pid": dead.pid, "command": "ingest", "started": "2026-01-01 00:00:00Z"})
    )
    with Store.open(workspace, read_only=True) as store:
        assert store.table_exists("t") is False
    with Store.open(workspace) as store:
        assert json.loads((workspace / LOCK_FILE).read_text())["pid"] == os.getpid()
