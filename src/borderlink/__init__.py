"""borderlink: link analysis for cross-border people-smuggling investigations.

The public surface is `Workspace` (one method per stage and read, each taking a request
model from `borderlink.workspace.models` and returning a pydantic result) and the
exception tree in `borderlink.errors`. Everything else is internal and free to move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from borderlink.errors import (
    BorderlinkError,
    Conflict,
    InvalidRequest,
    NotFound,
    WorkspaceBusy,
    WorkspaceError,
)

if TYPE_CHECKING:
    from borderlink.workspace import Workspace

__version__ = "0.1.0"

__all__ = [
    "BorderlinkError",
    "Conflict",
    "InvalidRequest",
    "NotFound",
    "Workspace",
    "WorkspaceBusy",
    "WorkspaceError",
    "__version__",
]


def __getattr__(name: str) -> Any:
    # Imported on first use: `borderlink --help` should not pay for the whole pipeline.
    if name == "Workspace":
        from borderlink.workspace import Workspace

        return Workspace
    raise AttributeError(f"module 'borderlink' has no attribute {name!r}")
