"""The library's one surface: `Workspace.open(path)` and a method per stage and read.

Requests and results are pydantic models in `borderlink.workspace.models`.
"""

from borderlink.workspace.workspace import Workspace

__all__ = ["Workspace"]
