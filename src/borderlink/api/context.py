"""What one running server holds: the workspace's one DuckDB connection, the policy,
the signing secret and the job runner.

DuckDB lets one process own the file. The server is that process: it opens the
workspace once and gives every request and job a cursor of that connection, so
reads go on (MVCC) while a job writes.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from borderlink.access.policy import Policy
from borderlink.api.jobs import JobRunner
from borderlink.store import Store


@dataclass
class ServerContext:
    workspace: Path
    store: Store
    policy: Policy
    jobs: JobRunner
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    token_seconds: int = 8 * 3600

    @contextmanager
    def cursor(self) -> Iterator[Store]:
        """A connection for one request (closed after it)."""
        cur = self.store.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self.jobs.stop()
        self.store.close()
