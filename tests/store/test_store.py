"""The store: the one DuckDB seam, its error wrapping and its transactions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from borderlink.errors import StoreError, WorkspaceError
from borderlink.store import Store, workspace_db_path


def test_open_missing_workspace_without_create_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match=str(tmp_path / "nowhere")):
        Store.open(tmp_path / "nowhere")


def test_open_with_create_makes_folder_and_file(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    with Store.open(ws, create=True) as store:
        store.execute("CREATE TABLE t (x INTEGER)")
    assert workspace_db_path(ws).is_file()


def test_failed_statement_raises_store_error_with_stage_table_and_sql() -> None:
    store = Store.memory()
    with pytest.raises(StoreError, match="ingest: statement on cases failed") as info:
        store.execute("SELECT * FROM cases", stage="ingest", table="cases")
    assert info.value.details["sql"] == "SELECT * FROM cases"
    assert info.value.details["table"] == "cases"


def test_transaction_rolls_back_everything_on_error(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    with Store.open(ws, create=True) as store:
        store.execute("CREATE TABLE t (x INTEGER)")
        store.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(RuntimeError), store.transaction():
            store.execute("INSERT INTO t VALUES (2)")
            store.execute("CREATE TABLE u (y INTEGER)")
            raise RuntimeError("boom")
        assert store.query("SELECT x FROM t") == [(1,)]
        assert not store.table_exists("u")
    # and the rollback is durable: a new connection sees the same
    with Store.open(ws) as store:
        assert store.count("t") == 1


def test_query_dicts_and_columns_report_names_in_order() -> None:
    store = Store.memory()
    store.execute("CREATE TABLE t (b VARCHAR, a INTEGER)")
    store.executemany("INSERT INTO t VALUES (?, ?)", [("x", 1), ("y", 2)])
    assert store.columns("t") == ["b", "a"]
    assert store.query_dicts("SELECT * FROM t ORDER BY a") == [
        {"b": "x", "a": 1},
        {"b": "y", "a": 2},
    ]


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    Store.open(ws, create=True).close()
    with Store.open(ws, read_only=True) as store, pytest.raises(StoreError):
        store.execute("CREATE TABLE t (x INTEGER)")


def test_register_works_right_after_a_single_row_query() -> None:
    import pyarrow as pa

    store = Store.memory()
    store.execute("CREATE TABLE t AS SELECT range AS x FROM range(5)")
    assert store.scalar("SELECT x FROM t ORDER BY x") == 0
    assert store.table_exists("t")
    store.register("extra", pa.table({"y": [10, 20]}))
    assert store.scalar("SELECT sum(y) FROM extra") == 30


def test_query_arrow_returns_the_rows_and_names_a_failing_table() -> None:
    store = Store.memory()
    store.execute("CREATE TABLE t AS SELECT range AS x FROM range(3)")
    assert store.query_arrow("SELECT x FROM t WHERE x > ?", [0]).column("x").to_pylist() == [1, 2]
    with pytest.raises(StoreError, match="missing"):
        store.query_arrow("SELECT * FROM missing", table="missing")


def test_a_writer_clears_spill_files_of_dead_processes(tmp_path: Path) -> None:
    """kill -9 leaves DuckDB's spill files in <db>.tmp; the next writer removes them."""
    import subprocess
    import sys

    ws = tmp_path / "ws"
    Store.open(ws, create=True).close()
    spill = ws / "borderlink.duckdb.tmp"
    spill.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = spill / f"duckdb_temp_{dead.pid}_0_storage_DEFAULT-0.tmp"
    left.write_bytes(b"\0" * 4096)
    live = spill / f"duckdb_temp_{os.getppid()}_0_storage_DEFAULT-0.tmp"
    live.write_bytes(b"\0" * 4096)
    with Store.open(ws, read_only=True):
        assert left.exists()  # a reader removes nothing
    with Store.open(ws):
        pass
    assert not left.exists() and live.exists()  # a live process's files stay
