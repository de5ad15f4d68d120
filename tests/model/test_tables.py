"""Declared tables: the mechanism that creates them, the docs list, the workspace contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.cli.main import main
from borderlink.errors import WorkspaceError
from borderlink.model import load_model
from borderlink.model.describe import BEGIN, END, schema_markdown
from borderlink.model.tables import SCHEMA_VERSION, create_tables, fill_table
from borderlink.store import Store
from borderlink.workspace import Workspace
from borderlink.workspace.schema import stored_version

DOC = Path(__file__).resolve().parents[2] / "docs" / "ARCHITECTURE.md"


def test_architecture_table_list_is_the_generated_one() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == schema_markdown(), "paste 'borderlink schema --markdown'"


def test_every_stage_table_is_declared_with_a_meaning() -> None:
    model = load_model()
    for rt in model.tables():
        assert rt.description, f"{rt.table} has no description"
    stages = {rt.stage for rt in model.tables()}
    assert stages == {"workspace", "ingest", "resolve", "graph", "extract", "exchange", "access"}


def test_fill_table_refuses_an_undeclared_column() -> None:
    store = Store.memory()
    create_tables(store, "graph")
    with pytest.raises(Exception, match="facilitator_edges"):
        fill_table(store, "facilitator_edges", "SELECT 'a' AS a, 'b' AS b, 1.0 AS weight, 1 AS x")
    fill_table(store, "facilitator_edges", "SELECT 'a' AS a, 'b' AS b, 1.0 AS weight")
    assert store.count("facilitator_edges") == 1


def test_schema_command_prints_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "clusters"]) == 0
    out = capsys.readouterr().out
    assert "clusters (resolve)" in out and "entity_id" in out
    assert main(["schema", "nope"]) == 1


def _old_workspace(path: Path) -> None:
    """A workspace as written before schema versions: no workspace_meta, a column short."""
    with Store.open(path, create=True) as store:
        store.execute("CREATE TABLE role_overrides (entity_id VARCHAR, role VARCHAR)")


def test_older_workspace_is_migrated_on_open(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    _old_workspace(ws)
    opened = Workspace.open(ws)
    assert opened.schema_version == 1
    with Store.open(ws, read_only=True) as store:
        assert stored_version(store) == SCHEMA_VERSION
        assert store.columns("role_overrides") == [
            "entity_id",
            "role",
            "reason",
            "decided_by",
            "decided_at",
        ]
    assert Workspace.open(ws).schema_version == SCHEMA_VERSION


def test_changed_type_and_newer_workspace_are_refused(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    with Store.open(ws, create=True) as store:
        store.execute("CREATE TABLE role_overrides (entity_id INTEGER)")
    with pytest.raises(WorkspaceError, match=r"role_overrides\.entity_id is INTEGER, now VARCHAR"):
        Workspace.open(ws)
    newer = tmp_path / "newer"
    with Store.open(newer, create=True) as store:
        store.execute("CREATE TABLE workspace_meta (key VARCHAR, value VARCHAR)")
        store.execute("INSERT INTO workspace_meta VALUES ('schema_version', '99')")
    with pytest.raises(WorkspaceError, match="newer borderlink"):
        Workspace.open(newer)
