"""The import run: every source folder of a delivery into the workspace, in one transaction.

Every input row ends in its record table or in `quarantine` (counts add up);
a file that cannot be read at all raises SourceError and rolls the whole import
back, so the workspace is exactly as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from borderlink.errors import BorderlinkError, InvalidRequest, SourceError
from borderlink.ingest.delivery import Unit, choose_mappings, source_folders, units_of
from borderlink.ingest.ids import file_sha256, new_run_id
from borderlink.ingest.parallel import UnitPool, read_unit
from borderlink.ingest.summary import FileSummary, IngestSummary
from borderlink.ingest.writer import insert_arrow
from borderlink.model.loader import Model, load_model
from borderlink.model.tables import create_tables
from borderlink.sources.mapping import SourceMapping
from borderlink.store import Store, workspace_db_path

Progress = Callable[[str, str, int], None]
PARALLEL_BYTES = 4_000_000
# A re-delivery with fewer than this share of the rows it replaces is most likely
# truncated: it replaces the file only with allow_shrink (files of at least
# SHRINK_MIN_ROWS rows; a small file's count moves too much to judge).
SHRINK_RATIO = 0.5
SHRINK_MIN_ROWS = 10  # below this, starting worker processes costs more than it saves
RECORD_TABLES = ("cases", "person_records", "exhibits", "calls", "report_files")


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def ensure_schema(store: Store, model: Model | None = None) -> None:
    """ingest's tables, as declared in model/schema/."""
    create_tables(store, "ingest", model)


def _previous(store: Store, source: str, file: str) -> dict[str, Any] | None:
    rows = store.query_dicts(
        "SELECT file_sha256, rows_read, rows_imported, rows_quarantined, absent_columns "
        "FROM import_files "
        "WHERE source = ? AND file = ? AND action <> 'failed' ORDER BY imported_at DESC LIMIT 1",
        [source, file],
    )
    return rows[0] if rows else None


def _forget(store: Store, source: str, file: str) -> None:
    """A corrected re-delivery replaces that file's rows, quarantine rows and issues."""
    for table in (*RECORD_TABLES, "quarantine", "value_issues"):
        store.execute(
            f'DELETE FROM "{table}" WHERE source = ? AND file = ?', [source, file], table=table
        )


def _link_holders(store: Store, source: str, run_id: str) -> None:
    """holder_record_id: the person record of the same source with the reported key."""
    store.execute(
        "UPDATE exhibits AS e SET holder_record_id = p.record_id FROM person_records AS p "
        "WHERE e.run_id = ? AND e.source = ? AND e.holder_record_id IS NULL "
        "AND e.holder_key IS NOT NULL AND p.source = e.source AND p.record_key = e.holder_key "
        "AND p.case_no IS NOT DISTINCT FROM e.case_no",
        [run_id, source],
        table="exhibits",
    )


def _plan_unit(store: Store, mapping: SourceMapping, unit: Unit) -> tuple[FileSummary, str]:
    """Decide new / unchanged / replaced from the file's SHA-256; forget a replaced file."""
    sha = file_sha256(unit.path)
    prev = _previous(store, mapping.source, unit.file)
    summary = FileSummary(
        source=mapping.source,
        file=unit.file,
        path=unit.rel,
        action="new",
        read=0,
        imported=0,
        quarantined=0,
    )
    if prev is not None and prev["file_sha256"] == sha:
        summary.action = "unchanged"
        summary.read = int(prev["rows_read"])
        summary.imported = int(prev["rows_imported"])
        summary.quarantined = int(prev["rows_quarantined"])
        summary.absent_columns = _split(prev["absent_columns"])
    elif prev is not None:
        summary.action = "replaced"
        summary.previous_read = int(prev["rows_read"])
        _forget(store, mapping.source, unit.file)
    return summary, sha


def _split(joined: str | None) -> list[str]:
    return joined.split(";") if joined else []


def _source_error(mapping: SourceMapping, unit: Unit, exc: SourceError) -> SourceError:
    text = exc.message
    for prefix in (f"{unit.file}: ", f"{unit.path.name}: "):
        text = text.removeprefix(prefix)
    return SourceError(f"{mapping.source}/{unit.rel}: {text}", **exc.details)


def check_shrink(mapping: SourceMapping, unit: Unit, summary: FileSummary) -> None:
    """Refuse a replacing file with far fewer rows than the one it replaces."""
    before = summary.previous_read
    if before is None or before < SHRINK_MIN_ROWS or summary.read >= before * SHRINK_RATIO:
        return
    raise InvalidRequest(
        "allow_shrink",
        f"{mapping.source}/{unit.rel}: this delivery has {summary.read:,} rows where the "
        f"import it replaces had {before:,}; truncated? Nothing was changed. Allow the "
        "shrink to replace it anyway",
    )


def _read_all(
    store: Store,
    jobs: list[tuple[SourceMapping, Unit, FileSummary, str]],
    run_id: str,
    progress: Progress | None,
    notice: Callable[[str], None] | None = None,
    allow_shrink: bool = False,
) -> None:
    """Read the new and replaced units (in parallel when it pays) and insert their rows."""
    # Largest files first: with two workers the longest file sets the wall time.
    jobs = sorted(jobs, key=lambda job: -job[1].path.stat().st_size)
    size = sum(unit.path.stat().st_size for _, unit, _, _ in jobs)
    workers = min(2, os.cpu_count() or 1, len(jobs))
    pool = UnitPool(workers) if workers > 1 and size > PARALLEL_BYTES else None
    try:
        futures = [
            pool.submit(m, u, run_id, sha) if pool is not None else None for m, u, _, sha in jobs
        ]
        for (mapping, unit, summary, sha), future in zip(jobs, futures, strict=True):
            try:
                result = (
                    future.result() if future is not None else read_unit(mapping, unit, run_id, sha)
                )
            except SourceError as exc:
                raise _source_error(mapping, unit, exc) from exc
            summary.read, summary.imported = result.read, result.imported
            if not allow_shrink:
                check_shrink(mapping, unit, summary)
            for table_name, table in result.tables:
                insert_arrow(store, table_name, table)
            summary.quarantined = result.quarantined
            summary.absent_columns = result.absent_columns
            if result.absent_columns and notice is not None:
                notice(
                    f"{mapping.source}/{unit.rel}: no column {', '.join(result.absent_columns)} "
                    "in this file; those fields stay empty"
                )
            if progress is not None:
                progress(mapping.source, unit.file, result.read)
    finally:
        if pool is not None:
            pool.close()


def _record_file(store: Store, run_id: str, sha: str, f: FileSummary, now: dt.datetime) -> None:
    store.execute(
        "INSERT INTO import_files (run_id, source, file, path, file_sha256, action, rows_read, "
        "rows_imported, rows_quarantined, imported_at, absent_columns) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id,
            f.source,
            f.file,
            f.path,
            sha,
            f.action,
            f.read,
            f.imported,
            f.quarantined,
            now,
            ";".join(f.absent_columns) or None,
        ],
        table="import_files",
    )


def ingest_export(
    export_dir: Path,
    workspace: Path,
    *,
    sources: list[str] | None = None,
    mapping: Path | None = None,
    dry_run: bool = False,
    allow_shrink: bool = False,
    progress: Progress | None = None,
    notice: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Read every source folder of a delivery into the workspace (see module docstring)."""
    export_dir = Path(export_dir)
    notices: list[str] = []

    def _notice(text: str) -> None:
        notices.append(text)
        if notice is not None:
            notice(text)

    mappings = choose_mappings(mapping)
    user_source = None
    if mapping is not None:
        user_source = next(m.source for m in mappings.values() if m.path == mapping)
    folders = source_folders(export_dir, mappings, sources, user_source, _notice)
    started = dt.datetime.now(dt.UTC)
    run_id = new_run_id(started.isoformat(), str(export_dir.resolve()))
    summary = IngestSummary(run_id=run_id, dry_run=dry_run, notices=notices)
    model = load_model()
    # a dry run into a workspace that does not exist yet creates nothing
    if dry_run and not workspace_db_path(Path(workspace)).exists():
        store = Store.memory()
    else:
        store = Store.open(workspace, create=True)
    try:
        with store.transaction():
            ensure_schema(store, model)
            planned: list[tuple[SourceMapping, Unit, FileSummary, str]] = []
            for src_mapping, folder in folders:
                for unit in units_of(src_mapping, folder):
                    summary_f, sha = _plan_unit(store, src_mapping, unit)
                    planned.append((src_mapping, unit, summary_f, sha))
                    summary.files.append(summary_f)
            _read_all(
                store,
                [p for p in planned if p[2].action != "unchanged"],
                run_id,
                progress,
                _notice,
                allow_shrink,
            )
            for _, _, summary_f, sha in planned:
                _record_file(store, run_id, sha, summary_f, started)
            for src_mapping, _ in folders:
                _link_holders(store, src_mapping.source, run_id)
            store.execute(
                "INSERT INTO import_runs (run_id, started_at, finished_at, export_dir, sources, "
                "files, rows_read, rows_imported, rows_quarantined) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    run_id,
                    started,
                    dt.datetime.now(dt.UTC),
                    str(export_dir),
                    json.dumps(sorted({m.source for m, _ in folders})),
                    len(summary.files),
                    summary.read,
                    summary.imported,
                    summary.quarantined,
                ],
                table="import_runs",
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except BorderlinkError:
        raise
    finally:
        store.close()
    return summary
