"""What every Workspace mixin relies on: the folder, and a reader and a writer on it.

`Workspace` provides both; the mixins (access, findings, datasets, reads, serving)
inherit these declarations so each of them type-checks on its own without importing
workspace.py. A held workspace (`ServingMethods.hold`) keeps the process's one
connection in `_held` and its job runner in `_jobs`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from borderlink.access.policy import Policy
    from borderlink.store import Store
    from borderlink.workspace.jobs import JobRunner


class WorkspaceHandle:
    """The folder and the two ways into its database (implemented by Workspace)."""

    path: Path
    policy: Policy  # who may see what; the server may load another file
    _held: Store | None
    _jobs: JobRunner | None

    def _reader(self) -> Store:
        raise NotImplementedError  # provided by Workspace

    def _writer(self, stage: str, *, create: bool = False) -> AbstractContextManager[Store]:
        raise NotImplementedError  # provided by Workspace

    def exists(self) -> bool:
        """Whether the workspace holds a database yet (ingest creates it)."""
        return (self.path / "borderlink.duckdb").is_file()
