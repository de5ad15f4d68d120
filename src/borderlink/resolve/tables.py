"""resolve's workspace tables (documented in docs/ARCHITECTURE.md, "resolve's tables").

clusters, match_pairs and entities hold the latest run only (a re-run replaces
them in one transaction); resolve_runs keeps the history, each run with the
model JSON and hash that produced it. review_decisions is never rebuilt:
analysts append to it and every run obeys it.
"""

from __future__ import annotations

from borderlink.errors import WorkspaceError
from borderlink.model.tables import create_table
from borderlink.store import Store
from borderlink.views import current_resolve_run

# Created up front; resolve_features is built whole by every run (features.py).
TABLES = ("name_keys", "resolve_runs", "match_pairs", "clusters", "entities", "review_decisions")


def ensure_resolve_tables(store: Store) -> None:
    """resolve's tables, as declared in model/schema/."""
    for table in TABLES:
        create_table(store, table)


def require_person_records(store: Store) -> int:
    """The number of person records; a workspace without them cannot be resolved."""
    where = f" at {store.path.parent}" if store.path is not None else ""
    if not store.table_exists("person_records"):
        raise WorkspaceError(
            f"no person records in the workspace{where}; run 'borderlink ingest' first"
        )
    n = store.count("person_records")
    if n == 0:
        raise WorkspaceError(
            f"the workspace{where} holds no person records; run 'borderlink ingest' first"
        )
    return n


def require_resolved(store: Store) -> str:
    """The latest resolve run id; commands that read results need one."""
    run = current_resolve_run(store) if store.table_exists("resolve_runs") else None
    if run is None:
        raise WorkspaceError("the workspace has not been resolved yet; run 'borderlink resolve'")
    return str(run)
