"""Indexes that make the browsing reads point lookups instead of table scans.

The server creates them when it opens a workspace and again after each job (a
resolve or analyse replaces its tables, and their indexes with them). At a million
records a lookup by key drops from tens of milliseconds (a scan) to about one.
"""

from __future__ import annotations

from borderlink.store import Store

# (table, column) pairs the reads look up by equality or IN.
BROWSE_INDEXES: tuple[tuple[str, str], ...] = (
    ("name_keys", "key"),
    ("clusters", "record_id"),
    ("clusters", "entity_id"),
    ("person_records", "record_id"),
    ("person_records", "phone"),
    ("person_records", "id_number"),
    ("person_records", "case_no"),
    ("cases", "case_no"),
    ("exhibits", "holder_record_id"),
    ("graph_edges", "source"),
    ("graph_edges", "target"),
    ("match_pairs", "record_a"),
    ("match_pairs", "record_b"),
    ("syndicate_members", "entity_id"),
    ("syndicate_members", "syndicate_id"),
    ("entity_roles", "entity_id"),
)


def ensure_browse_indexes(store: Store) -> list[str]:
    """Create the missing indexes on the tables present; returns the names created."""
    made = []
    for table, column in BROWSE_INDEXES:
        if not store.table_exists(table) or column not in store.columns(table):
            continue
        name = f"browse_{table}_{column}"
        exists = store.scalar("SELECT count(*) FROM duckdb_indexes() WHERE index_name = ?", [name])
        if not exists:
            store.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")',
                stage="browse",
                table=table,
            )
            made.append(name)
    return made
