"""Runs one hostile delivery through ingest (and the printers) and names the outcome.

Outcomes, as the issue's table counts them: a clean one-line error (workspace
unchanged), every row imported or quarantined, a Python traceback, rows silently
lost, phantom rows (more rows than the file holds), a file read from outside the
delivery. Hangs are the caller's to detect (bench/fuzz.py runs cases in a worker
process it kills after a timeout).
"""

from __future__ import annotations

import contextlib
import io
import traceback
from pathlib import Path

from corpus import Case, _xlsx_rows

from borderlink.errors import BorderlinkError
from borderlink.ingest.summary import FileSummary
from borderlink.sources.mapping import packaged_mappings
from borderlink.store import Store, workspace_db_path
from borderlink.workspace import Workspace
from borderlink.workspace.models import IngestRequest

CLEAN_ERROR = "clean one-line error"
IMPORTED = "every row imported or quarantined"
TRACEBACK = "Python traceback"
LOST = "rows silently lost"
PHANTOM = "phantom rows"
OUTSIDE = "read outside the delivery"
UNCLEAN = "error on several lines, or workspace changed"
HANG = "hang (killed after the timeout)"
OUTCOMES = [CLEAN_ERROR, IMPORTED, TRACEBACK, LOST, PHANTOM, OUTSIDE, UNCLEAN, HANG]
RECORD_TABLES = ("cases", "person_records", "exhibits", "calls", "report_files")


def _primary_table(source: str, f: FileSummary) -> str:
    for spec in packaged_mappings()[source].files.values():
        if spec.derived:
            continue
        named = spec.file == f.path or (spec.glob is not None and Path(f.path).match(spec.glob))
        if named and (spec.sheet is None or spec.sheet == f.file):
            return spec.table
    raise AssertionError(f"no entry reads {source}/{f.path}")


def _workspace_rows(workspace: Path) -> int:
    if not workspace_db_path(workspace).exists():
        return 0
    with Store.open(workspace, read_only=True) as store:
        return sum(store.count(t) for t in RECORD_TABLES if store.table_exists(t))


def _expected(case: Case, f: FileSummary) -> int | None:
    if Path(f.path).name != case.file.name:
        return None
    if case.kind == "xlsx":
        return _xlsx_rows(case.file, f.file)
    return case.expected_rows


def _accounting(case: Case, workspace: Path, files: list[FileSummary]) -> tuple[str, str]:
    with Store.open(workspace, read_only=True) as store:
        for f in files:
            if f.read != f.imported + f.quarantined:
                return LOST, f"{f.path}: read {f.read} != {f.imported} + {f.quarantined}"
            table = _primary_table(case.source, f)
            where = "source = ? AND file = ?"
            stored = store.count(table, where, [f.source, f.file])
            stored += store.count("quarantine", where, [f.source, f.file])
            if stored != f.read:
                return (LOST if stored < f.read else PHANTOM), f"{f.path}: {stored} != {f.read}"
            expected = _expected(case, f)
            if expected is not None and f.read != expected:
                outcome = LOST if f.read < expected else PHANTOM
                return outcome, f"{f.path} ({f.file}): read {f.read}, file holds {expected}"
    return IMPORTED, ""


def _print_everything(workspace: Path) -> None:
    """The commands that print delivered values must not fail on them."""
    from borderlink.cli import ingest as cli

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        cli.quarantine(workspace=workspace, issues=False, limit=1000)
        cli.quarantine(workspace=workspace, issues=True, limit=1000)
        cli.status(workspace=workspace)


def run_case(case: Case, workspace: Path) -> tuple[str, str]:
    """(outcome, detail) of ingesting the case's folder into a new workspace.

    Through the Workspace, as `borderlink ingest` does (it stamps the schema version, so
    the printers below open the workspace as a user's next command would).
    """
    try:
        summary = Workspace.open(workspace).ingest(IngestRequest(export_dir=case.folder))
    except BorderlinkError as exc:
        message = str(exc)
        if "\n" in message or _workspace_rows(workspace):
            return UNCLEAN, message[:300]
        return CLEAN_ERROR, message[:300]
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # a Rust panic from a reader library is a BaseException
        return TRACEBACK, traceback.format_exc(limit=-3)[-1500:]
    if case.mutation == "symlink out of the delivery":
        return OUTSIDE, str(case.file)
    try:
        # One read-only connection held across the checks: every store the printers open
        # shares its DuckDB instance (same SQL, same code paths) instead of starting a
        # new instance each time (~25 ms apiece, most of a case's time).
        with Store.open(workspace, read_only=True):
            outcome = _accounting(case, workspace, summary.files)
            _print_everything(workspace)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:
        return TRACEBACK, traceback.format_exc(limit=-3)[-1500:]
    return outcome
