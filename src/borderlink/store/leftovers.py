"""Spill files DuckDB leaves beside the database when a writer is killed.

DuckDB spills what does not fit in memory to `<database>.tmp/duckdb_temp_<pid>_...`
and removes those files when it closes; a `kill -9` leaves them (up to the size of the
largest join or sort, gigabytes on a large workspace) and DuckDB does not remove another
process's files. A writer clears the files of processes that no longer exist before it
opens the database.
"""

from __future__ import annotations

import os
import re
from contextlib import suppress
from pathlib import Path

from borderlink.store.lock import process_alive

_OWNED = re.compile(r"^duckdb_temp_(\d{1,10})_")


def clean_dead_spills(db: Path) -> list[Path]:
    """Remove spill files of dead processes from `<db>.tmp`; returns what was removed."""
    folder = db.with_name(db.name + ".tmp")
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    removed = []
    for entry in entries:
        m = _OWNED.match(entry.name)
        if m is None or not entry.is_file() or entry.is_symlink():
            continue
        pid = int(m.group(1))
        if pid == os.getpid() or process_alive(pid):
            continue
        with suppress(OSError):
            entry.unlink()
            removed.append(entry)
    with suppress(OSError):
        folder.rmdir()  # only when empty
    return removed
