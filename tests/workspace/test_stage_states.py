"""`borderlink status`: per stage, has it run, and is it out of date after a newer import?"""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.model.tables import create_table, create_tables
from borderlink.store import Store
from borderlink.views import stage_states

RUN_TABLES = ("import_runs", "import_files", "resolve_runs", "clusters", "analyse_runs")


def _imported(store: Store, at: str, action: str = "new", source: str = "gd_psb") -> None:
    store.execute(
        "INSERT INTO import_files (run_id, source, file, action, imported_at) "
        "VALUES ('I', ?, 'persons.csv', ?, ?::TIMESTAMPTZ)",
        [source, action, at],
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Imported at 10:00, resolved 10:05-10:06, analysed at 10:07."""
    ws = tmp_path / "ws"
    with Store.open(ws, create=True) as store:
        create_tables(store, "ingest")
        for table in RUN_TABLES:
            create_table(store, table)
        store.execute(
            "INSERT INTO import_runs (run_id, finished_at) VALUES ('I', '2026-12-01 10:00+00')"
        )
        _imported(store, "2026-12-01 10:00+00")
        store.execute(
            "INSERT INTO resolve_runs (resolve_run_id, started_at, finished_at) "
            "VALUES ('R1', '2026-12-01 10:05+00', '2026-12-01 10:06+00')"
        )
        store.execute("INSERT INTO clusters VALUES ('p1', 'E1', 'R1')")
        store.execute(
            "INSERT INTO analyse_runs (analyse_run_id, resolve_run_id, finished_at) "
            "VALUES ('A1', 'R1', '2026-12-01 10:07+00')"
        )
    return ws


def _states(ws: Path) -> dict[str, tuple[bool, bool, str]]:
    with Store.open(ws, read_only=True) as store:
        return {s.stage: (s.ran, s.out_of_date, s.reason) for s in stage_states(store)}


def test_everything_up_to_date_after_the_runs(workspace: Path) -> None:
    states = _states(workspace)
    assert states["ingest"][:2] == states["resolve"][:2] == states["analyse"][:2] == (True, False)
    assert states["extract"][:2] == (False, False)


def test_a_newer_import_makes_resolve_and_analyse_out_of_date(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(workspace) as store:
        _imported(store, "2026-12-01 11:00+00", action="unchanged")  # no new data
    assert not _states(workspace)["resolve"][1]
    with Store.open(workspace) as store:
        _imported(store, "2026-12-01 11:00+00", action="replaced")
    states = _states(workspace)
    assert states["resolve"] == (True, True, "data imported at 2026-12-01 11:00")
    assert states["analyse"] == (True, True, "resolve is out of date")
    monkeypatch.setenv("COLUMNS", "200")  # the table's cells unwrapped
    assert main(["status", "-w", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "data imported at 2026-12-01 11:00" in out and "resolve is out of date" in out
