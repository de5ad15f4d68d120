"""CLI tests that need a resolved and analysed world share tests/browse_world.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from browse_world import browse_world_master, copy_world

__all__ = ["browse_world_master", "copy_world"]
