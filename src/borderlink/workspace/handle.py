"""What every Workspace mixin relies on: the folder, and a reader and a writer on it.

`Workspace` provides both; the mixins (access, findings, datasets) inherit these
declarations so each of them type-checks on its own without importing workspace.py.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from borderlink.store import Store


class WorkspaceHandle:
    """The folder and the two ways into its database (implemented by Workspace)."""

    path: Path

    def _reader(self) -> Store:
        raise NotImplementedError  # provided by Workspace

    def _writer(self, stage: str, *, create: bool = False) -> AbstractContextManager[Store]:
        raise NotImplementedError  # provided by Workspace

    def exists(self) -> bool:
        """Whether the workspace holds a database yet (ingest creates it)."""
        return (self.path / "borderlink.duckdb").is_file()
