"""What each job kind runs: the library's own stage entry points, on the server's instance."""

from __future__ import annotations

import shutil
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from borderlink.api.context import ServerContext
from borderlink.api.jobs import Work
from borderlink.errors import InvalidRequest, NotFound, SourceError

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
    # A zip of the export folder itself holds one folder: use what is inside it.
    children = [p for p in target.iterdir() if not p.name.startswith(("__", "."))]
    if len(children) == 1 and children[0].is_dir() and not (children[0] / "persons.csv").exists():
        inner = children[0]
        if any(p.is_dir() for p in inner.iterdir()):
            return inner
    return target


def run_kind(ctx: ServerContext, kind: str, folder: Path | None = None) -> Work:
    def work(say: Callable[[str], None]) -> dict[str, object]:
        if kind == "ingest":
            from borderlink.ingest import ingest_export

            assert folder is not None
            summary = ingest_export(
                folder,
                ctx.workspace,
                progress=lambda src, file, rows: say(f"{src}/{file}: {rows:,} rows"),
                notice=say,
            )
            return {"run_id": summary.run_id, "read": summary.read, "imported": summary.imported}
        if kind == "resolve":
            from borderlink.resolve import resolve_workspace

            resolved = resolve_workspace(ctx.workspace, progress=say)
            return {"resolve_run_id": resolved.resolve_run_id, "entities": resolved.entities}
        with ctx.cursor() as store:
            if kind == "analyse":
                from borderlink.graph.analysis import analyse_workspace

                analysis = analyse_workspace(store, say)
                return {"analyse_run_id": analysis.analyse_run_id}
            if kind == "extract":
                from borderlink.extract import extract_workspace

                extracted = extract_workspace(store)
                return {"reports": extracted.reports, "facts": extracted.facts}
            if kind == "report":
                from borderlink.reports import build_report

                out = ctx.workspace / "reports" / uuid.uuid4().hex[:12]
                say("building the report")
                build_report(store, out, lang="both", pdf=False)
                return {
                    "report": out.name,
                    "files": [f for f in REPORT_FILES if (out / f).exists()],
                }
        raise InvalidRequest("kind", f"unknown job kind {kind!r}")

    return work


def report_file(ctx: ServerContext, job_id: str, name: str) -> Path:
    job = ctx.jobs.get(job_id)
    if job is None or job.kind != "report" or job.state != "done" or name not in REPORT_FILES:
        raise NotFound("no such report file")
    path = ctx.workspace / "reports" / str(job.result.get("report")) / name
    if not path.is_file():
        raise NotFound("no such report file")
    return path
