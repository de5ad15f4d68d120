"""The one mechanism that creates workspace tables: from their declarations in schema/*.yaml.

Every table a stage keeps in the workspace is declared there (columns, types, meaning,
owning stage). A stage creates its tables through `create_tables` (kept across runs)
or `replace_table` (rebuilt by every run: emptied to its declared columns, then filled
with `INSERT INTO t BY NAME SELECT ...`, so a column the declaration lacks fails at once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderlink.model.loader import Model, load_model

if TYPE_CHECKING:
    from borderlink.store import Store

# The version of the declared tables. Bump it with any change to schema/*.yaml that a
# workspace written before must be migrated for (store/migrate.py: added tables and
# columns migrate by themselves; a changed column type is refused with what to do).
SCHEMA_VERSION = 3  # 3: graph marks (handling_codes, gradings), exchange_requests


def create_tables(store: Store, stage: str, model: Model | None = None) -> None:
    """Create every table `stage` declares that the workspace does not have yet."""
    for ddl in (model or load_model()).ddl(stage):
        store.execute(ddl, stage=stage)


def create_table(store: Store, table: str) -> None:
    rt = load_model().by_table(table)
    store.execute(rt.ddl(), stage=rt.stage, table=table)


def replace_table(store: Store, table: str) -> None:
    """An empty `table` with exactly its declared columns (its earlier rows dropped)."""
    rt = load_model().by_table(table)
    store.execute(f'DROP TABLE IF EXISTS "{table}"', stage=rt.stage, table=table)
    store.execute(rt.ddl(), stage=rt.stage, table=table)


def fill_table(store: Store, table: str, select_sql: str, params: object = None) -> None:
    """Replace `table`'s rows with those of `select_sql`, matched to its columns by name."""
    replace_table(store, table)
    store.execute(
        f'INSERT INTO "{table}" BY NAME {select_sql}',
        params,  # type: ignore[arg-type]
        stage=load_model().by_table(table).stage,
        table=table,
    )
