"""One DuckDB file per workspace, and the only module that imports duckdb.

Stages hand SQL text and parameters to the store; the store runs them and
turns DuckDB's errors into StoreError naming the stage, table and SQL, so a
failure in any stage reads the same way and the engine stays swappable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from borderlink.errors import StoreError, WorkspaceBusy, WorkspaceError
from borderlink.store import lock, snapshot
from borderlink.store.leftovers import clean_dead_spills

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

DB_FILE = "borderlink.duckdb"


def workspace_db_path(workspace: Path) -> Path:
    return Path(workspace) / DB_FILE


def _open_error(workspace: Path, db: Path, exc: duckdb.Error) -> WorkspaceError | WorkspaceBusy:
    """DuckDB's lock conflict becomes WorkspaceBusy naming the holder; else WorkspaceError."""
    text = str(exc)
    if "lock" in text.lower():
        info = lock.read_lock(workspace)
        if info is not None:
            return lock.busy(info)
        found = re.search(r"PID (\d+)", text)
        pid = int(found[1]) if found else None
        return WorkspaceBusy("another borderlink process", "unknown", pid)
    return WorkspaceError(f"cannot open workspace database {db}: {exc}", workspace=str(workspace))


def _connect(db: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Connect; inside a process that already holds the file for writing (the server), a
    read-only open shares that instance, as DuckDB refuses a second configuration."""
    try:
        return duckdb.connect(str(db), read_only=read_only)
    except duckdb.ConnectionException as exc:
        if read_only and "different configuration" in str(exc):
            return duckdb.connect(str(db))
        raise


class Store:
    """A connection to a workspace database with error wrapping and transactions."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None) -> None:
        self._con = con
        self.path = path
        self._in_transaction = False
        self._locked: Path | None = None
        self._tables: frozenset[str] | None = None
        self._after: list[Callable[[], object]] = []
        # the write running elsewhere when this reader opened the copy made before it
        self.during: lock.LockInfo | None = None

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(
        cls,
        workspace: Path,
        *,
        create: bool = False,
        read_only: bool = False,
        threads: int | None = None,
        memory_limit: str | None = None,
    ) -> Store:
        """Open the workspace's database; `create` makes the folder and file if missing."""
        workspace = Path(workspace)
        db = workspace_db_path(workspace)
        if not db.exists():
            if not create:
                raise WorkspaceError(
                    f"no workspace at {workspace} (no {DB_FILE}); run 'borderlink ingest' first",
                    workspace=str(workspace),
                )
            try:
                workspace.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(
                    f"cannot create workspace {workspace}: {exc.strerror}",
                    workspace=str(workspace),
                ) from exc
        writing = None
        if read_only:
            # while another process writes, read the copy of the last committed state it
            # made at its start (store/snapshot.py); without one, WorkspaceBusy
            writing = lock.other_writer(workspace)
            if writing is not None:
                copy = snapshot.readable(workspace, writing)
                if copy is None:
                    raise lock.busy(writing)
                db = copy
        else:
            lock.acquire(workspace)
            clean_dead_spills(db)
        try:
            con = _connect(db, read_only)
        except duckdb.Error as exc:
            if not read_only:
                lock.release(workspace)
            if writing is not None:  # the write ended and took its copy away meanwhile
                raise lock.busy(writing) from exc
            raise _open_error(workspace, db, exc) from exc
        store = cls(con, db)
        store._locked = None if read_only else workspace
        store.during = writing
        if threads:
            store.execute("SET threads = ?", [int(threads)])
        if memory_limit:
            store.execute("SET memory_limit = ?", [memory_limit])
        return store

    def cursor(self) -> Store:
        """A second connection to the same database, for another thread of this process.

        The server holds one store and hands each request and job a cursor: DuckDB lets one
        process own the file, and its cursors read and write it concurrently (MVCC).
        """
        return Store(self._con.cursor(), self.path)

    @classmethod
    def memory(cls) -> Store:
        """An in-memory store, for tests of SQL builders."""
        return cls(duckdb.connect(":memory:"), None)

    def close(self) -> None:
        self._con.close()
        if self._locked is not None:
            lock.release(self._locked)
            self._locked = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- running SQL ---------------------------------------------------------------
    def execute(
        self,
        sql: str,
        params: Sequence[Any] | dict[str, Any] | None = None,
        *,
        stage: str = "",
        table: str = "",
    ) -> Store:
        try:
            if params is None:
                self._con.execute(sql)
            else:
                self._con.execute(sql, params)
        except duckdb.Error as exc:
            raise StoreError(
                f"{stage or 'store'}: statement on {table or '?'} failed: {exc}",
                stage=stage,
                table=table,
                sql=sql,
            ) from exc
        return self

    def executemany(
        self, sql: str, rows: Sequence[Sequence[Any]], *, stage: str = "", table: str = ""
    ) -> None:
        if not rows:
            return
        try:
            self._con.executemany(sql, rows)
        except duckdb.Error as exc:
            raise StoreError(
                f"{stage or 'store'}: batch on {table or '?'} failed: {exc}",
                stage=stage,
                table=table,
                sql=sql,
            ) from exc

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None, **where: str
    ) -> list[tuple[Any, ...]]:
        self.execute(sql, params, **where)
        return self._con.fetchall()

    def query_one(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None, **where: str
    ) -> tuple[Any, ...] | None:
        # fetchall, not fetchone: a half-read result stays open on the connection
        # and makes the next register() fail.
        rows = self.query(sql, params, **where)
        return rows[0] if rows else None

    def scalar(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None, **where: str
    ) -> Any:
        row = self.query_one(sql, params, **where)
        return None if row is None else row[0]

    def query_dicts(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None, **where: str
    ) -> list[dict[str, Any]]:
        self.execute(sql, params, **where)
        cols = [d[0] for d in self._con.description or []]
        return [dict(zip(cols, row, strict=True)) for row in self._con.fetchall()]

    def query_df(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None, **where: str
    ) -> pd.DataFrame:
        self.execute(sql, params, **where)
        return self._con.fetch_df()

    def query_arrow(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None, **where: str
    ) -> pa.Table:
        # A relation, not the DB-API result: DuckDB hands Arrow over without a copy.
        try:
            return self._con.sql(sql, params=params).to_arrow_table()
        except duckdb.Error as exc:
            stage, table = where.get("stage", ""), where.get("table", "")
            raise StoreError(
                f"{stage or 'store'}: query on {table or '?'} failed: {exc}",
                stage=stage,
                table=table,
                sql=sql,
            ) from exc

    def register(self, name: str, data: Any) -> None:
        """Expose a pandas DataFrame or Arrow table to SQL as a view `name`."""
        self._con.register(name, data)

    def unregister(self, name: str) -> None:
        self._con.unregister(name)

    # -- schema helpers -------------------------------------------------------------
    def remember_tables(self) -> None:
        """Answer `table_exists` from one catalogue read for the rest of this store's life.

        For a cursor that serves one read: its reads ask a dozen times, and tables do not
        come and go within it."""
        rows = self.query(
            "SELECT table_name FROM duckdb_tables() "
            "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal"
        )
        self._tables = frozenset(str(r[0]) for r in rows)

    def table_exists(self, name: str) -> bool:
        # duckdb_tables()/duckdb_views(), not information_schema: 20x faster, and the
        # server asks on every request.
        if self._tables is not None:
            return name in self._tables
        return bool(
            self.scalar(
                "SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name = $n) "
                "+ (SELECT count(*) FROM duckdb_views() WHERE view_name = $n AND NOT internal)",
                {"n": name},
            )
        )

    def columns(self, table: str) -> list[str]:
        rows = self.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [table],
        )
        return [r[0] for r in rows]

    def count(self, table: str, where: str = "", params: Sequence[Any] | None = None) -> int:
        sql = f'SELECT count(*) FROM "{table}"' + (f" WHERE {where}" if where else "")
        return int(self.scalar(sql, params, table=table))

    # -- transactions -----------------------------------------------------------------
    @property
    def in_transaction(self) -> bool:
        return self._in_transaction

    def after_transaction(self, fn: Callable[[], object]) -> None:
        """Run `fn` once the current transaction has ended (committed or rolled back); at
        once when there is none. The audit log releases its append lock this way."""
        if self._in_transaction:
            self._after.append(fn)
        else:
            fn()

    def _ended(self) -> None:
        after, self._after = self._after, []
        for fn in after:
            fn()

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All or nothing: a failure inside rolls the workspace back to where it was."""
        if self._in_transaction:
            yield self
            return
        self.execute("BEGIN TRANSACTION")
        self._in_transaction = True
        try:
            yield self
        except BaseException:
            self._in_transaction = False
            try:
                self._con.execute("ROLLBACK")
            finally:
                self._ended()
            raise
        self._in_transaction = False
        try:
            self.execute("COMMIT")
        finally:
            self._ended()

    # -- engines built on the same connection ----------------------------------------------
    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for an engine that runs on it (Splink's DuckDB backend).

        Only the resolve backends use it; every stage goes through the methods above.
        """
        return self._con
