"""What a workspace holds: import runs, rows per source and file, quarantine per reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from borderlink.store import Store

RECORD_TABLES = ("cases", "person_records", "exhibits", "calls", "report_files")


class StatusReport(BaseModel):
    runs: list[dict[str, Any]] = Field(default_factory=list)
    rows: list[dict[str, Any]] = Field(default_factory=list)
    quarantine: list[dict[str, Any]] = Field(default_factory=list)
    value_issues: list[dict[str, Any]] = Field(default_factory=list)
    absent_columns: list[dict[str, Any]] = Field(default_factory=list)


def workspace_status(workspace: Path) -> StatusReport:
    store = Store.open(workspace, read_only=True)
    try:
        report = StatusReport()
        if not store.table_exists("import_runs"):
            return report
        report.runs = store.query_dicts(
            "SELECT run_id, started_at, files, rows_read, rows_imported, rows_quarantined "
            "FROM import_runs ORDER BY started_at"
        )
        union = " UNION ALL ".join(
            f"SELECT '{t}' AS table_name, source, file, count(*) AS n FROM {t} GROUP BY ALL"
            for t in RECORD_TABLES
        )
        report.rows = store.query_dicts(
            f"SELECT source, file, table_name, n AS rows FROM ({union}) ORDER BY ALL"
        )
        report.quarantine = store.query_dicts(
            "SELECT source, file, reason, count(*) AS rows FROM quarantine "
            "GROUP BY ALL ORDER BY ALL"
        )
        report.value_issues = store.query_dicts(
            'SELECT source, file, "column", reason, count(*) AS n FROM value_issues '
            "GROUP BY ALL ORDER BY ALL"
        )
        # per file, as of its latest import: mapped optional columns the file lacked
        report.absent_columns = store.query_dicts(
            "SELECT source, file, absent_columns FROM import_files "
            "QUALIFY row_number() OVER (PARTITION BY source, file ORDER BY imported_at DESC) = 1 "
            "AND absent_columns IS NOT NULL ORDER BY source, file"
        )
        return report
    finally:
        store.close()


def quarantined_rows(
    workspace: Path, *, issues: bool = False, limit: int = 100
) -> list[dict[str, Any]]:
    """Quarantined rows (or value issues), oldest first."""
    store = Store.open(workspace, read_only=True)
    try:
        table = "value_issues" if issues else "quarantine"
        if not store.table_exists(table):
            return []
        cols = (
            'source, file, row_number, record_id, "column", raw_value, reason'
            if issues
            else 'source, file, row_number, record_key, "column", raw_value, reason'
        )
        return store.query_dicts(
            f"SELECT {cols} FROM {table} ORDER BY source, file, row_number LIMIT ?", [limit]
        )
    finally:
        store.close()
