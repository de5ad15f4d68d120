"""Fixtures of the graph tests: a workspace holding the hand-built world (graph_world.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from graph_world import build_world

from borderlink.store import Store


@pytest.fixture
def world(tmp_path: Path) -> Callable[[], Store]:
    """Open (and on first use, fill) a workspace holding the hand-built world."""
    made: list[bool] = []

    def open_store() -> Store:
        store = Store.open(tmp_path / "ws", create=True)
        if not made:
            build_world(store)
            made.append(True)
        return store

    return open_store
