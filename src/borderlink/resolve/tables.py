"""resolve's workspace tables (documented in docs/ARCHITECTURE.md, "resolve's tables").

clusters, match_pairs and entities hold the latest run only (a re-run replaces
them in one transaction); resolve_runs keeps the history, each run with the
model JSON and hash that produced it. review_decisions is never rebuilt:
analysts append to it and every run obeys it.
"""

from __future__ import annotations

from borderlink.errors import WorkspaceError
from borderlink.store import Store

DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS name_keys (
        record_id VARCHAR NOT NULL, family VARCHAR NOT NULL, key VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS resolve_runs (
        resolve_run_id VARCHAR PRIMARY KEY, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ,
        model_name VARCHAR, model_json VARCHAR, model_sha256 VARCHAR,
        threshold DOUBLE, records BIGINT, candidate_pairs BIGINT, stored_pairs BIGINT,
        linked_pairs BIGINT, entities BIGINT, decisions_applied BIGINT, timings VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS match_pairs (
        resolve_run_id VARCHAR NOT NULL, record_a VARCHAR NOT NULL, record_b VARCHAR NOT NULL,
        match_weight DOUBLE, match_probability DOUBLE, levels VARCHAR, blocked_by VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS clusters (
        record_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, resolve_run_id VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS entities (
        entity_id VARCHAR NOT NULL, n_records BIGINT, names VARCHAR[], nationality VARCHAR,
        dob DATE, dob_precision VARCHAR, sources VARCHAR[], resolve_run_id VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS review_decisions (
        record_a VARCHAR NOT NULL, record_b VARCHAR NOT NULL, decision VARCHAR NOT NULL,
        reason VARCHAR, decided_by VARCHAR, decided_at TIMESTAMPTZ)""",
)


def ensure_resolve_tables(store: Store) -> None:
    for ddl in DDL:
        store.execute(ddl, stage="resolve")


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
    run = None
    if store.table_exists("resolve_runs") and store.table_exists("clusters"):
        run = store.scalar(
            "SELECT resolve_run_id FROM resolve_runs WHERE resolve_run_id IN "
            "(SELECT DISTINCT resolve_run_id FROM clusters) ORDER BY finished_at DESC LIMIT 1",
        )
    if run is None:
        raise WorkspaceError("the workspace has not been resolved yet; run 'borderlink resolve'")
    return str(run)
