"""One generated world and its report, built once for the report tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stats"))

from report_chromium import CHROMIUM
from stats_world import build_world

from borderlink.extract import extract_workspace
from borderlink.graph.analysis import analyse_workspace
from borderlink.reports import ReportSummary, build_report
from borderlink.store import Store


def analysed_world(root: Path, *, seed: int, scale: int) -> tuple[Path, Path]:
    """A generated world: ingested, clustered from truth (so no Splink run), then analysed
    for real (syndicates, roles, key players, customers) and its reports extracted."""
    workspace, truth = build_world(root, seed=seed, scale=scale)
    with Store.open(workspace) as store:
        store.execute("DROP TABLE syndicates")  # truth's ids; analyse issues its own
        store.execute("DROP TABLE syndicate_members")
        analyse_workspace(store)
    extract_workspace(workspace)
    return workspace, truth


@pytest.fixture(scope="session")
def report_world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A world through ingest, resolve (from truth), analyse and extract of its reports."""
    return analysed_world(tmp_path_factory.mktemp("report_world"), seed=3, scale=900)


@pytest.fixture(scope="session")
def report(
    report_world: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> ReportSummary:
    out = tmp_path_factory.mktemp("report")
    with Store.open(report_world[0], read_only=True) as store:
        return build_report(store, out, lang="both", chromium=CHROMIUM)
