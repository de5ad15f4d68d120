"""A generated, ingested world shared by the stats tests (built once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest
from stats_world import build_world


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(workspace, truth) with clusters and syndicates filled from truth/."""
    return build_world(tmp_path_factory.mktemp("stats_world"))


@pytest.fixture(scope="session")
def bare_world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(workspace, truth) after ingest only: no clusters, no graph tables."""
    return build_world(tmp_path_factory.mktemp("stats_bare"), seed=5, scale=400, graph=False)
