"""Parquet datasets: how a workspace's tables move to a cluster and back without CSV.

`export_tables` writes each table as a folder of Parquet files
(`<out>/<table>/*.parquet`) plus `manifest.json` (tables, rows, columns), the
layout Spark reads and writes. `attach_dataset` makes such a folder readable in
a workspace: each table becomes a view over its files, so results a cluster
wrote can be queried (and copied into the workspace) without loading them.
Callers go through `Workspace.export_parquet` / `attach_parquet` (workspace/datasets.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from borderlink.errors import Conflict, NotFound, WorkspaceError
from borderlink.store.store import Store

MANIFEST = "manifest.json"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_parquet(store: Store, sql: str, out: Path) -> None:
    """Write the result of `sql` as a Parquet folder `out` (files written in parallel)."""
    out.mkdir(parents=True, exist_ok=True)
    store.execute(
        f"COPY ({sql}) TO {_quoted(out)} (FORMAT PARQUET, PER_THREAD_OUTPUT true, "
        "OVERWRITE_OR_IGNORE true)",
        stage="export",
        table=str(out),
    )


def export_tables(store: Store, out: Path, tables: list[str] | None = None) -> dict[str, int]:
    """Write `tables` (default: every table of the workspace) under `out`; rows per table."""
    known = [str(r[0]) for r in store.query("SELECT table_name FROM duckdb_tables() ORDER BY 1")]
    chosen = tables or known
    missing = [t for t in chosen if t not in known]
    if missing:
        raise NotFound(f"no table {', '.join(missing)} in the workspace", tables=missing)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    manifest: dict[str, dict[str, object]] = {}
    for table in chosen:
        folder = out / table
        for old in folder.glob("*.parquet"):
            old.unlink()
        write_parquet(store, f'SELECT * FROM "{table}"', folder)
        counts[table] = store.count(table)
        manifest[table] = {"rows": counts[table], "columns": store.columns(table)}
    (out / MANIFEST).write_text(json.dumps({"tables": manifest}, indent=2), encoding="utf-8")
    return counts


def dataset_tables(folder: Path) -> list[str]:
    """The tables of a Parquet dataset: sub-folders holding Parquet files."""
    if not folder.is_dir():
        raise NotFound(f"no Parquet dataset at {folder}", path=str(folder))
    names = sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.parquet")))
    if not names:
        raise WorkspaceError(f"{folder} holds no <table>/*.parquet folders", path=str(folder))
    return names


def attach_dataset(store: Store, folder: Path, prefix: str = "") -> list[str]:
    """Create a view `<prefix><table>` over each table of the dataset; the view names."""
    views = []
    tables = {str(r[0]) for r in store.query("SELECT table_name FROM duckdb_tables()")}
    for table in dataset_tables(folder):
        name = f"{prefix}{table}"
        if not _NAME.match(name):
            raise WorkspaceError(f"{folder / table}: not a usable table name", table=table)
        if name in tables:  # a view of an earlier attach is replaced; a table never
            raise Conflict(
                f"the workspace has a table {name} already: attach the dataset with a prefix",
                table=name,
            )
        files = _quoted(folder / table / "*.parquet")
        store.execute(
            f'CREATE OR REPLACE VIEW "{name}" AS SELECT * FROM read_parquet({files})',
            stage="attach",
            table=name,
        )
        views.append(name)
    return views
