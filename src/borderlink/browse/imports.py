"""The imports page: past import runs and the quarantined rows the viewer may see.

A quarantined row is raw delivered data (IDs, phones, addresses as written), so
only the agency that delivered it, and users who see everything, may browse it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from borderlink.access.viewer import Viewer
from borderlink.browse.models import ViewerRequest
from borderlink.browse.visibility import audit_read
from borderlink.store import Store


class QuarantineRequest(ViewerRequest):
    source: str | None = Field(None, max_length=50)
    limit: int = Field(100, ge=1, le=1000)


class QuarantinedRow(BaseModel):
    source: str
    file: str
    row_number: int | None
    record_key: str | None
    column: str | None
    raw_value: str | None
    reason: str | None
    raw_row: dict[str, Any]


class ImportRun(BaseModel):
    run_id: str
    started_at: str | None
    files: int | None
    rows_read: int | None
    rows_imported: int | None
    rows_quarantined: int | None


class ImportsView(BaseModel):
    runs: list[ImportRun]
    quarantine: list[QuarantinedRow]
    quarantine_total: int  # rows the viewer may see


def imports(store: Store, viewer: Viewer, request: QuarantineRequest) -> ImportsView:
    viewer.require("read")
    runs: list[ImportRun] = []
    if store.table_exists("import_runs"):
        runs = [
            ImportRun(
                **{**r, "started_at": None if r["started_at"] is None else str(r["started_at"])}
            )
            for r in store.query_dicts(
                "SELECT run_id, started_at, files, rows_read, rows_imported, rows_quarantined "
                "FROM import_runs ORDER BY started_at DESC LIMIT 50"
            )
        ]
    sources: list[str] | None = None
    if not viewer.sees_everything:
        spec = viewer.policy.agencies.get(viewer.agency)
        sources = list(spec.sources) if spec else []
    rows: list[dict[str, Any]] = []
    total = 0
    if store.table_exists("quarantine"):
        where = ["(? IS NULL OR source = ?)"]
        params: list[Any] = [request.source, request.source]
        if sources is not None:
            where.append("source IN (SELECT unnest(?))")
            params.append(sources)
        cond = " AND ".join(where)
        total = int(store.scalar(f"SELECT count(*) FROM quarantine WHERE {cond}", params))
        rows = store.query_dicts(
            'SELECT source, file, row_number, record_key, "column", raw_value, reason, raw_row '
            f"FROM quarantine WHERE {cond} ORDER BY source, file, row_number LIMIT {request.limit}",
            params,
        )
    quarantined = [
        QuarantinedRow(
            **{
                **r,
                "raw_row": json.loads(r["raw_row"]) if isinstance(r["raw_row"], str) else {},
            }
        )
        for r in rows
    ]
    audit_read(store, viewer, "read_imports", request.source, len(quarantined))
    return ImportsView(runs=runs, quarantine=quarantined, quarantine_total=total)
