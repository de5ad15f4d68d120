"""Deterministic record ids: a re-import yields the same ids, so review decisions survive."""

from __future__ import annotations

import hashlib
from pathlib import Path

SEP = "\x1f"


def record_id(source: str, file: str, *key_values: str) -> str:
    """sha1(source ␟ file ␟ key values), first 16 hex characters."""
    text = SEP.join([source, file, *key_values])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def new_run_id(started_iso: str, export_dir: str) -> str:
    """A run id that sorts by time: RUN-<yyyymmddThhmmss>-<6 hex of the export dir>."""
    stamp = started_iso.replace("-", "").replace(":", "")[:15]
    tail = hashlib.sha1(f"{started_iso}{export_dir}".encode()).hexdigest()[:6]
    return f"RUN-{stamp}-{tail}"
