"""The private temporary folders resolve spills to, and their clean-up after a crash.

A folder is named `borderlink-resolve-<pid>-<random>` so that a later run can tell
whose it is: a folder whose process no longer exists was left by a run that was
killed (`kill -9`, power loss) and is removed when the next resolve starts.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from borderlink.store.lock import process_alive

PREFIX = "borderlink-resolve-"
_OWNED = re.compile(rf"^{re.escape(PREFIX)}(\d{{1,10}})-")


def clean_stale(folder: Path | None = None) -> list[Path]:
    """Remove spill folders whose process is gone; returns what was removed."""
    root = Path(folder or tempfile.gettempdir())
    removed = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return []
    for entry in entries:
        m = _OWNED.match(entry.name)
        if m is None or not entry.is_dir() or entry.is_symlink():
            continue
        pid = int(m.group(1))
        if pid == os.getpid() or process_alive(pid):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def new_spill_folder() -> str:
    """A fresh private folder for this process, after clearing dead runs' folders."""
    clean_stale()
    return tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
