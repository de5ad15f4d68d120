"""Fixtures of the resolve tests: the hand-made world (person_world.py) in a real workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from person_world import world, write_records

from borderlink.resolve import ResolveSummary, resolve_workspace


@pytest.fixture(scope="module")
def resolved_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ResolveSummary]:
    """The world written and resolved once per module (resolving takes about a second)."""
    ws = tmp_path_factory.mktemp("resolved") / "ws"
    write_records(ws, world())
    return ws, resolve_workspace(ws)


@pytest.fixture
def resolved(resolved_template: tuple[Path, ResolveSummary], tmp_path: Path) -> Path:
    """A private copy of the resolved workspace, free to change."""
    ws = tmp_path / "ws"
    shutil.copytree(resolved_template[0], ws)
    return ws
