"""The workspace's current state, read the same way by every stage.

"The current entities" used to be worked out four ways (by the newest run id, by
the time column of whichever run table existed, by min(entity_id) per record...).
Resolve replaces `clusters` whole at every run, so the current entities are simply
its rows; every stage joins them through `CURRENT_CLUSTERS` and `entity_of`, and
asks `current_resolve_run` / `latest_analysis` for the runs behind them.

`stage_states` says per stage whether it has run and whether it is out of date: a
resolve older than an import that changed data, or than a review decision; an
analysis of an older resolve run, or older than a role override; an extraction
that has not read every report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from borderlink.store import Store

# record_id -> entity_id of the latest resolve run (clusters holds only that run)
CURRENT_CLUSTERS = "SELECT record_id, entity_id FROM clusters"


def entity_of(record: str, clusters: str) -> str:
    """SQL: the entity of a person record, or `rec:<record_id>` when it is in no cluster.

    `record` and `clusters` are the aliases of person_records and CURRENT_CLUSTERS.
    """
    return f"coalesce({clusters}.entity_id, 'rec:' || {record}.record_id)"


def current_resolve_run(store: Store) -> str | None:
    """The resolve run whose clusters the workspace holds (None before any resolve)."""
    if not store.table_exists("clusters"):
        return None
    run = store.scalar("SELECT max(resolve_run_id) FROM clusters", stage="views", table="clusters")
    return None if run is None else str(run)


def has_clusters(store: Store) -> bool:
    return store.table_exists("clusters") and bool(
        store.scalar("SELECT count(*) > 0 FROM clusters", stage="views", table="clusters")
    )


class AnalysisRun(BaseModel):
    analyse_run_id: str
    resolve_run_id: str | None
    finished_at: dt.datetime | None


def newest_run(store: Store, table: str, columns: tuple[str, ...]) -> dict[str, Any] | None:
    """The `columns` of the newest row (by finished_at) of a run table, or None."""
    if not store.table_exists(table):
        return None
    rows = store.query_dicts(
        f"SELECT {', '.join(columns)} FROM {table} ORDER BY finished_at DESC LIMIT 1",
        stage="views",
        table=table,
    )
    return rows[0] if rows else None


def latest_analysis(store: Store) -> AnalysisRun | None:
    """The newest analyse run (the one the graph tables hold), or None."""
    row = newest_run(store, "analyse_runs", ("analyse_run_id", "resolve_run_id", "finished_at"))
    return AnalysisRun(**row) if row else None


class StageState(BaseModel):
    stage: str
    ran: bool
    last_run: dt.datetime | None = None
    run_id: str | None = None
    out_of_date: bool = False
    reason: str = ""  # why it is out of date, or what is missing


def _scalar(store: Store, sql: str, params: list[Any] | None = None) -> Any:
    return store.scalar(sql, params, stage="views")


def _latest_import(store: Store, source: str | None = None) -> dt.datetime | None:
    """When data last changed: the newest import of a new or replaced file."""
    if not store.table_exists("import_files"):
        return None
    where = "action <> 'unchanged'" + (" AND source = ?" if source else "")
    sql = f"SELECT max(imported_at) FROM import_files WHERE {where}"
    found = _scalar(store, sql, [source] if source else None)
    return found if isinstance(found, dt.datetime) else None


def _ingest(store: Store) -> StageState:
    if not store.table_exists("import_runs"):
        return StageState(stage="ingest", ran=False, reason="run 'borderlink ingest'")
    row = store.query_one("SELECT run_id, finished_at FROM import_runs ORDER BY finished_at DESC")
    if row is None:
        return StageState(stage="ingest", ran=False, reason="run 'borderlink ingest'")
    return StageState(stage="ingest", ran=True, run_id=row[0], last_run=row[1])


def _resolve(store: Store) -> StageState:
    if not store.table_exists("resolve_runs") or not has_clusters(store):
        return StageState(stage="resolve", ran=False, reason="run 'borderlink resolve'")
    run = current_resolve_run(store)
    row = store.query_one(
        "SELECT started_at, finished_at FROM resolve_runs WHERE resolve_run_id = ?", [run]
    )
    started, finished = (row[0], row[1]) if row else (None, None)
    state = StageState(stage="resolve", ran=True, run_id=run, last_run=finished)
    changed = _latest_import(store)
    if started is not None and changed is not None and changed > started:
        state.out_of_date, state.reason = True, f"data imported at {changed:%Y-%m-%d %H:%M}"
    elif finished is not None and store.table_exists("review_decisions"):
        later = _scalar(
            store, "SELECT count(*) FROM review_decisions WHERE decided_at > ?", [finished]
        )
        if later:
            state.out_of_date, state.reason = True, f"{later} review decision(s) not applied"
    return state


def _analyse(store: Store, resolve_run: str | None) -> StageState:
    run = latest_analysis(store)
    if run is None:
        return StageState(stage="analyse", ran=False, reason="run 'borderlink analyse'")
    state = StageState(
        stage="analyse", ran=True, run_id=run.analyse_run_id, last_run=run.finished_at
    )
    if resolve_run is not None and run.resolve_run_id != resolve_run:
        state.out_of_date, state.reason = True, f"resolve run {resolve_run} is newer"
    elif run.finished_at is not None and store.table_exists("role_overrides"):
        later = _scalar(
            store, "SELECT count(*) FROM role_overrides WHERE decided_at > ?", [run.finished_at]
        )
        if later:
            state.out_of_date, state.reason = True, f"{later} role override(s) not applied"
    return state


def _extract(store: Store) -> StageState:
    if not store.table_exists("report_extractions"):
        return StageState(stage="extract", ran=False, reason="run 'borderlink extract'")
    row = store.query_one("SELECT max(run_id), max(extracted_at) FROM report_extractions")
    run_id, last = (row[0], row[1]) if row else (None, None)
    state = StageState(stage="extract", ran=last is not None, run_id=run_id, last_run=last)
    if store.table_exists("report_files"):
        unread = _scalar(
            store,
            "SELECT count(*) FROM report_files r "
            "WHERE r.record_id NOT IN (SELECT record_id FROM report_extractions)",
        )
        changed = _latest_import(store, "reports")
        if unread:
            state.out_of_date, state.reason = True, f"{unread} report(s) not read"
        elif last is not None and changed is not None and changed > last:
            state.out_of_date, state.reason = True, f"reports imported at {changed:%Y-%m-%d %H:%M}"
    return state


def stage_states(store: Store) -> list[StageState]:
    """ingest, resolve, analyse, extract: has each run, and is it out of date?"""
    resolve = _resolve(store)
    analyse = _analyse(store, resolve.run_id)
    if resolve.out_of_date and analyse.ran and not analyse.out_of_date:
        analyse.out_of_date, analyse.reason = True, "resolve is out of date"
    return [_ingest(store), resolve, analyse, _extract(store)]
