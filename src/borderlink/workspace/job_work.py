"""What each job kind runs: the Workspace's own stages, on the held database instance.

An uploaded delivery is unpacked into `<workspace>/uploads/<id>/` (no path may leave
it) and ingested from there; a report job writes into `<workspace>/reports/<id>/`.
"""

from __future__ import annotations

import shutil
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from borderlink.errors import InvalidRequest, SourceError
from borderlink.workspace.jobs import Work
from borderlink.workspace.models import IngestRequest, ReportRequest

if TYPE_CHECKING:
    from borderlink.workspace.workspace import Workspace

REPORT_FILES = ("report.html", "operation_figures.json", "figures.csv", "syndicates.csv")


def unpack_delivery(workspace: Path, data: IO[bytes], name: str) -> Path:
    """Unzip an uploaded delivery into the workspace's uploads folder (no path escapes)."""
    target = workspace / "uploads" / uuid.uuid4().hex[:12]
    target.mkdir(parents=True)
    try:
        with zipfile.ZipFile(data) as archive:
            for member in archive.infolist():
                dest = (target / member.filename).resolve()
                if not dest.is_relative_to(target.resolve()):
                    raise SourceError(f"{name}: {member.filename}: path leaves the delivery")
            archive.extractall(target)
    except zipfile.BadZipFile as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise SourceError(f"{name}: not a zip file") from exc
    except SourceError:
        shutil.rmtree(target, ignore_errors=True)
        raise
    # A zip of the export folder itself holds one folder: use what is inside it.
    children = [p for p in target.iterdir() if not p.name.startswith(("__", "."))]
    if len(children) == 1 and children[0].is_dir() and not (children[0] / "persons.csv").exists():
        inner = children[0]
        if any(p.is_dir() for p in inner.iterdir()):
            return inner
    return target


def job_work(ws: Workspace, kind: str, folder: Path | None = None) -> Work:
    """The job's body: one Workspace stage, reporting progress through `say`."""

    def work(say: Callable[[str], None]) -> dict[str, object]:
        if kind == "ingest":
            if folder is None:
                raise InvalidRequest("kind", "an ingest job needs an uploaded delivery")
            summary = ws.ingest(
                IngestRequest(export_dir=folder),
                progress=lambda src, file, rows: say(f"{src}/{file}: {rows:,} rows"),
                notice=say,
            )
            return {"run_id": summary.run_id, "read": summary.read, "imported": summary.imported}
        if kind == "resolve":
            resolved = ws.resolve(progress=say)
            return {"resolve_run_id": resolved.resolve_run_id, "entities": resolved.entities}
        if kind == "analyse":
            analysis = ws.analyse(progress=say)
            return {"analyse_run_id": analysis.analyse_run_id}
        if kind == "extract":
            extracted = ws.extract(progress=lambda done, total: say(f"{done}/{total} reports"))
            return {"reports": extracted.reports, "facts": extracted.facts}
        if kind == "report":
            out = ws.path / "reports" / uuid.uuid4().hex[:12]
            say("building the report")
            ws.report(ReportRequest(out=out, lang="both", pdf=False))
            return {"report": out.name, "files": [f for f in REPORT_FILES if (out / f).exists()]}
        raise InvalidRequest("kind", f"unknown job kind {kind!r}")

    return work
