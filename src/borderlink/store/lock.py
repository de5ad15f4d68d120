"""The workspace's writer lock: one file naming the process that writes, since when, doing what.

DuckDB lets one process write a database file and refuses every other connection
meanwhile with a raw lock error. The lock file says who holds the workspace, so a
second writer, or a reader, gets WorkspaceBusy ("workspace busy: resolve since ...,
pid 4242") instead. A lock whose process has died is stale and is cleared.

The lock is re-entrant within one process: the pipeline opens the store several
times in a row and the library may nest a stage inside another.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from borderlink.errors import WorkspaceBusy, WorkspaceError

LOCK_FILE = "borderlink.lock"

# What the current process is doing, for the lock file (set by the Workspace methods).
_command: contextvars.ContextVar[str] = contextvars.ContextVar("borderlink_command", default="")
# Locks this process holds: workspace folder -> how many opens hold it.
_held: dict[Path, int] = {}


@dataclass(frozen=True)
class LockInfo:
    pid: int
    command: str
    started: str


def lock_path(workspace: Path) -> Path:
    return Path(workspace) / LOCK_FILE


def current_command() -> str:
    if _command.get():
        return _command.get()
    args = [a for a in sys.argv[1:] if not a.startswith("-")][:1]
    return " ".join(["borderlink", *args])


@contextmanager
def command(name: str) -> Iterator[None]:
    """Name what this process is doing while it holds a workspace (shown to others)."""
    token = _command.set(name)
    try:
        yield
    finally:
        _command.reset(token)


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def read_lock(workspace: Path) -> LockInfo | None:
    """The lock's holder, or None when free (a stale lock, of a dead process, counts as free)."""
    path = lock_path(workspace)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        info = LockInfo(int(data["pid"]), str(data["command"]), str(data["started"]))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, OSError):
        return None  # half-written or garbled: its writer is gone or still writing it
    return info if process_alive(info.pid) else None


def busy(info: LockInfo) -> WorkspaceBusy:
    return WorkspaceBusy(info.command, info.started, info.pid)


def other_writer(workspace: Path) -> LockInfo | None:
    """The live process other than this one that holds the writer lock, or None."""
    info = read_lock(workspace)
    return info if info is not None and info.pid != os.getpid() else None


def holds(workspace: Path) -> bool:
    """Whether this process holds the workspace's writer lock."""
    return bool(_held.get(Path(workspace).resolve()))


def acquire(workspace: Path) -> None:
    """Take (or re-enter) the writer lock; WorkspaceBusy when another process holds it."""
    workspace = Path(workspace).resolve()
    if _held.get(workspace):
        _held[workspace] += 1
        return
    path = lock_path(workspace)
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ")
    body = json.dumps({"pid": os.getpid(), "command": current_command(), "started": started})
    for _ in range(3):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            info = read_lock(workspace)
            if info is not None and info.pid != os.getpid():
                raise busy(info) from None
            _remove(path)  # stale: its process is gone
            continue
        except OSError as exc:
            raise WorkspaceError(
                f"cannot lock workspace {workspace}: {exc.strerror or exc}",
                workspace=str(workspace),
            ) from exc
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(body)
        _held[workspace] = 1
        return
    raise WorkspaceError(f"cannot lock workspace {workspace}", workspace=str(workspace))


def release(workspace: Path) -> None:
    workspace = Path(workspace).resolve()
    count = _held.get(workspace, 0)
    if count > 1:
        _held[workspace] = count - 1
        return
    _held.pop(workspace, None)
    if count:
        _remove(lock_path(workspace))


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()


@contextmanager
def writing(workspace: Path, name: str) -> Iterator[None]:
    """Hold the writer lock for the whole of a stage, naming it."""
    with command(name):
        acquire(workspace)
        try:
            yield
        finally:
            release(workspace)
