"""The schema version of a workspace: checked on open, migrated when it can be, else refused.

A workspace stores the version of the declared tables it was written with
(`workspace_meta`, key `schema_version`; a workspace from before the declarations
has none and counts as version 1). Opening an older one adds what the declarations
added (tables are created by their stage when it runs; missing columns are added
here). A column whose type changed cannot be migrated in place: the workspace is
refused with what to do. A newer workspace is refused too: an older borderlink
must not write tables it does not know.
"""

from __future__ import annotations

from pathlib import Path

from borderlink.errors import WorkspaceError
from borderlink.model import load_model
from borderlink.model.tables import SCHEMA_VERSION, create_table
from borderlink.store import Store, workspace_db_path

# information_schema spellings of the declared SQL types
_ALIASES = {"TIMESTAMP WITH TIME ZONE": "TIMESTAMPTZ"}

# Types that hold the same values for borderlink's purposes: a column of one where the
# declaration says another still reads and writes correctly, so it is not a reason to refuse.
_FAMILIES = {
    "TINYINT": "integer",
    "SMALLINT": "integer",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "HUGEINT": "integer",
    "FLOAT": "number",
    "DOUBLE": "number",
    "VARCHAR": "text",
    "JSON": "text",
    "TIMESTAMP": "timestamp",
    "TIMESTAMPTZ": "timestamp",
}


def _family(sql_type: str) -> str:
    base = sql_type.removesuffix("[]")
    family = _FAMILIES.get(base.split("(")[0], base)
    return family + ("[]" if sql_type.endswith("[]") else "")


def stored_version(store: Store) -> int:
    """The workspace's schema version; 1 for a workspace written before versions were kept."""
    if not store.table_exists("workspace_meta"):
        return 1
    value = store.scalar("SELECT value FROM workspace_meta WHERE key = 'schema_version'")
    return int(value) if value is not None else 1


def stamp(store: Store) -> None:
    """Record that the workspace holds the current declared tables."""
    create_table(store, "workspace_meta")
    store.execute(
        "INSERT OR REPLACE INTO workspace_meta VALUES ('schema_version', ?)",
        [str(SCHEMA_VERSION)],
        stage="workspace",
        table="workspace_meta",
    )


def migration(store: Store) -> list[str]:
    """The statements that bring an older workspace's tables to their declarations.

    Raises WorkspaceError (with what to do) when a column's type changed.
    """
    model = load_model()
    declared = {rt.table: rt for rt in model.tables()}
    have: dict[str, dict[str, str]] = {}
    for table, column, dtype in store.query(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main'"
    ):
        have.setdefault(str(table), {})[str(column)] = _ALIASES.get(str(dtype), str(dtype))
    statements: list[str] = []
    for table, columns in sorted(have.items()):
        if table not in declared:
            continue
        for column, want in model.column_types(table).items():
            got = columns.get(column)
            if got is None:
                statements.append(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {want}')
            elif _family(got) != _family(want):
                where = store.path.parent if store.path is not None else "?"
                raise WorkspaceError(
                    f"workspace {where} was written by an older borderlink: {table}.{column} "
                    f"is {got}, now {want}, which cannot be changed in place. Ingest the "
                    "deliveries into a new workspace folder (review decisions move with "
                    "'borderlink review export' and 'review import'), or keep using the "
                    "borderlink version that wrote it.",
                    table=table,
                    column=column,
                )
    return statements


def open_check(workspace: Path) -> int:
    """Check (and migrate) the workspace's tables on open; returns the version found."""
    if not workspace_db_path(workspace).exists():
        return SCHEMA_VERSION
    with Store.open(workspace, read_only=True) as store:
        version = stored_version(store)
        if version == SCHEMA_VERSION:
            return version
        if version > SCHEMA_VERSION:
            raise WorkspaceError(
                f"workspace {workspace} was written by a newer borderlink (schema version "
                f"{version}; this one knows {SCHEMA_VERSION}): upgrade borderlink to open it",
                version=version,
            )
        statements = migration(store)
    with Store.open(workspace) as store, store.transaction():
        for sql in statements:
            store.execute(sql, stage="migrate")
        stamp(store)
    return version
