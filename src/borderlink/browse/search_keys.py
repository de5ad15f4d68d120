"""The `search_keys` table: every value the search box matches, with its record's entity,
source and role, so a search is an indexed lookup plus the policy's filter on a few rows.

Built from the records, their name keys, clusters and exhibits; rebuilt when any of them
changed (a fingerprint of those tables is kept in `workspace_meta`), by the server when
it holds a workspace and after each job, or on first use.
"""

from __future__ import annotations

from borderlink.model.tables import create_table, fill_table
from borderlink.store import Store

TABLE = "search_keys"
_STATE = "search_keys_state"
# Characters a plate is written with that search ignores (as model.types.clean_plate).
PLATE_SQL = "upper(regexp_replace(x.identifier, '[\\s·.\\-•]', '', 'g'))"


def _fingerprint(store: Store) -> str:
    parts = []
    for table in ("person_records", "name_keys", "clusters", "exhibits"):
        n = store.count(table) if store.table_exists(table) else -1
        parts.append(f"{table}={n}")
    if store.table_exists("resolve_runs"):
        parts.append(f"run={store.scalar('SELECT max(resolve_run_id) FROM resolve_runs')}")
    if store.table_exists("import_runs"):
        parts.append(f"import={store.scalar('SELECT max(run_id) FROM import_runs')}")
    return ";".join(parts)


def _select(store: Store) -> str:
    clusters = store.table_exists("clusters")
    join = "LEFT JOIN clusters c ON c.record_id = {r}" if clusters else ""
    entity = "coalesce(c.entity_id, 'rec:' || {r})" if clusters else "'rec:' || {r}"
    parts = []
    for kind, column in (("phone", "phone"), ("id_number", "id_number"), ("case_no", "case_no")):
        parts.append(
            f"SELECT '{kind}' AS kind, p.{column} AS key, p.record_id, "
            f"{entity.format(r='p.record_id')} AS entity_id, p.source, p.role, "
            f"NULL AS exhibit_kind FROM person_records p {join.format(r='p.record_id')} "
            f"WHERE p.{column} IS NOT NULL"
        )
    if store.table_exists("name_keys"):
        parts.append(
            "SELECT DISTINCT 'name' AS kind, k.key, k.record_id, "
            f"{entity.format(r='k.record_id')} AS entity_id, p.source, p.role, "
            "NULL AS exhibit_kind FROM name_keys k "
            f"JOIN person_records p ON p.record_id = k.record_id {join.format(r='k.record_id')}"
        )
    if store.table_exists("exhibits"):
        parts.append(
            f"SELECT 'plate' AS kind, {PLATE_SQL} AS key, x.holder_record_id AS record_id, "
            f"{entity.format(r='x.holder_record_id')} AS entity_id, x.source, NULL AS role, "
            f"x.kind AS exhibit_kind FROM exhibits x {join.format(r='x.holder_record_id')} "
            "WHERE x.kind IN ('vehicle', 'vessel') AND x.holder_record_id IS NOT NULL "
            "AND x.identifier IS NOT NULL"
        )
    return " UNION ALL ".join(parts) + " ORDER BY key"


def ensure_search_keys(store: Store, *, force: bool = False) -> bool:
    """Build the table when missing or out of date; True when it was (re)built."""
    if not store.table_exists("person_records"):
        return False
    state = _fingerprint(store)
    if not store.table_exists("workspace_meta"):
        create_table(store, "workspace_meta")
    if not force and store.table_exists(TABLE):
        held = store.scalar("SELECT value FROM workspace_meta WHERE key = ?", [_STATE])
        if held == state:
            return False
    with store.transaction():
        fill_table(store, TABLE, _select(store))
        store.execute(
            f'CREATE INDEX IF NOT EXISTS "{TABLE}_key" ON {TABLE} (key)',
            stage="browse",
            table=TABLE,
        )
        store.execute("INSERT OR REPLACE INTO workspace_meta VALUES (?, ?)", [_STATE, state])
    return True
