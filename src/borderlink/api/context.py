"""What one running server holds: the Workspace it owns (held: one DuckDB connection,
the job worker, the access policy).

The routes reach data only through that Workspace's methods; a read names the user
it is made for and the library applies the policy and writes the audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from borderlink.workspace import Workspace


@dataclass
class ServerContext:
    ws: Workspace
    token_seconds: int = 8 * 3600

    def close(self) -> None:
        self.ws.release()
