"""A read-only copy of the workspace as it stood when the current write began.

DuckDB lets one process write a database file and refuses every other connection to
it meanwhile. So that reads (`status`, `stats`, `review`, exports) keep working while a
stage writes, the stage first copies the database, its last committed state, beside it
(`borderlink.read.duckdb`); a reader that finds the writer lock held by another process
opens that copy read-only. The copy records the lock it belongs to and is removed when
the stage ends; a copy left by any other writer (finished or killed) is never read, so a
reader sees either the committed state before the running write or WorkspaceBusy.

A server holds the workspace for its whole life and publishes no copy: reads go through
it while it runs.
"""

from __future__ import annotations

import json
import os
import shutil
from contextlib import suppress
from pathlib import Path

from borderlink.store.lock import LockInfo

COPY = "borderlink.read.duckdb"
ABOUT = "borderlink.read.json"


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def discard(workspace: Path) -> None:
    """Remove the copy, and parts of one a killed writer was making (readers that have the
    copy open keep reading it until they close)."""
    for path in Path(workspace).glob("borderlink.read.*"):
        with suppress(FileNotFoundError):
            path.unlink()


def _place(source: Path, target: Path) -> None:
    part = target.with_name(target.name + ".part")
    shutil.copyfile(source, part)
    os.replace(part, target)


def publish(db: Path, holder: LockInfo) -> None:
    """Copy the database `db` (and a WAL a killed writer left) for readers of this write."""
    workspace = db.parent
    discard(workspace)
    if not db.exists():
        return
    copy = workspace / COPY
    try:
        if _wal(db).exists():
            _place(_wal(db), _wal(copy))
        _place(db, copy)
        about = {"pid": holder.pid, "command": holder.command, "started": holder.started}
        part = workspace / f"{ABOUT}.part"
        part.write_text(json.dumps(about), encoding="utf-8")
        os.replace(part, workspace / ABOUT)  # last: a reader trusts the copy once this names it
    except OSError:
        discard(workspace)  # no room for a copy: readers meet WorkspaceBusy, the write goes on


def readable(workspace: Path, holder: LockInfo) -> Path | None:
    """The copy made for the write `holder` is running, or None."""
    workspace = Path(workspace)
    try:
        about = json.loads((workspace / ABOUT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    mine = {"pid": holder.pid, "command": holder.command, "started": holder.started}
    copy = workspace / COPY
    return copy if about == mine and copy.exists() else None
