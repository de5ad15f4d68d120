"""Parquet datasets in and out of a workspace: how data moves to and from a cluster.

A mixin of `Workspace`: `export_parquet` writes tables as `<out>/<table>/*.parquet`
for Spark, `attach_parquet` makes a dataset (e.g. a Spark run's output) readable as
views, so both engines read the same files without CSV in between. These are the only
way in and out (`borderlink export parquet` and `borderlink attach` call them).
"""

from __future__ import annotations

from pathlib import Path

from borderlink.errors import InvalidRequest
from borderlink.workspace.handle import WorkspaceHandle

# Credentials never leave the workspace: password hashes and login token digests.
CREDENTIAL_TABLES = ("users", "sessions")


class DatasetMethods(WorkspaceHandle):
    """Parquet export and attach, through the Workspace's reader and writer."""

    def export_parquet(self, out: Path, tables: list[str] | None = None) -> dict[str, int]:
        """Write workspace tables (default: all but the credentials) as a Parquet dataset;
        rows per table."""
        from borderlink.store.parquet import export_tables

        secret = sorted(set(tables or ()) & set(CREDENTIAL_TABLES))
        if secret:
            raise InvalidRequest("tables", f"{', '.join(secret)}: credentials are never exported")
        with self._reader() as store:
            if not tables:
                tables = [
                    str(r[0])
                    for r in store.query("SELECT table_name FROM duckdb_tables() ORDER BY 1")
                    if str(r[0]) not in CREDENTIAL_TABLES
                ]
            return export_tables(store, out, tables)

    def attach_parquet(self, folder: Path, prefix: str = "") -> list[str]:
        """One view per table of a Parquet dataset, named with `prefix`; the view names.

        A workspace that does not exist yet is created (under the writer lock): a
        dataset a cluster wrote can be read in a new embedded workspace. The dataset is
        checked first, so a bad folder creates nothing.
        """
        from borderlink.store.parquet import attach_dataset, dataset_tables
        from borderlink.workspace.schema import stamp

        folder = Path(folder).resolve()
        dataset_tables(folder)
        new = not self.exists()
        with self._writer("attach", create=new) as store:
            if new:
                stamp(store)  # a new workspace holds the current declared tables
            return attach_dataset(store, folder, prefix)
