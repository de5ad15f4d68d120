"""The browser tests run against a real server on 127.0.0.1 (tests/server_fixture.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from browse_world import browse_world_master, copy_world
from server_fixture import served

__all__ = ["browse_world_master", "copy_world", "served"]
