"""Login, the user's own profile, operation figures and jobs (long work in the server)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel

from borderlink.access import Viewer, authenticate
from borderlink.api.auth import context, issue_token, store_dep, viewer_dep
from borderlink.api.context import ServerContext
from borderlink.api.jobs import JobView
from borderlink.api.work import report_file, run_kind, unpack_delivery
from borderlink.browse.visibility import audit_read
from borderlink.errors import NotFound
from borderlink.stats import operation_figures
from borderlink.store import Store

router = APIRouter(prefix="/api", tags=["operations"])
StoreDep = Annotated[Store, Depends(store_dep)]
ViewerDep = Annotated[Viewer, Depends(viewer_dep)]
CtxDep = Annotated[ServerContext, Depends(context)]


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"


class Me(BaseModel):
    username: str
    agency: str
    role: str


class JobRequest(BaseModel):
    kind: Literal["resolve", "analyse", "extract", "report"]


class JobList(BaseModel):
    jobs: list[JobView]


@router.post("/auth/token", response_model=Token, tags=["auth"])
def token(
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    ctx: CtxDep,
    store: StoreDep,
) -> Token:
    """OAuth2 password flow: a bearer token for `Authorization: Bearer ...`."""
    viewer = authenticate(store, username, password, policy=ctx.policy)
    return Token(access_token=issue_token(ctx, viewer.username))


@router.get("/me", response_model=Me)
def me(viewer: ViewerDep) -> Me:
    return Me(username=viewer.username, agency=viewer.agency, role=viewer.role)


@router.get("/stats")
def stats(
    viewer: ViewerDep,
    store: StoreDep,
    by: Annotated[str | None, Query(max_length=20, description="region, route, ...")] = None,
) -> dict[str, Any]:
    """The operation's figures (counts only: no person's details), optionally by a dimension."""
    viewer.require("read")
    figures = operation_figures(store, by=by)
    audit_read(store, viewer, "stats", by, len(figures.figures))
    data: dict[str, Any] = figures.model_dump(mode="json")
    return data


@router.get("/jobs", response_model=JobList)
def jobs(viewer: ViewerDep, ctx: CtxDep) -> JobList:
    viewer.require("read")
    return JobList(jobs=ctx.jobs.all())


@router.get("/jobs/{job_id}", response_model=JobView)
def job(job_id: str, viewer: ViewerDep, ctx: CtxDep) -> JobView:
    viewer.require("read")
    found = ctx.jobs.get(job_id)
    if found is None:
        raise NotFound(f"no job {job_id}", job_id=job_id[:40])
    return found


@router.post("/jobs", response_model=JobView, status_code=202)
def submit(body: JobRequest, viewer: ViewerDep, ctx: CtxDep, store: StoreDep) -> JobView:
    """Queue resolve, analyse, extract or report; watch it at GET /api/jobs/{id}."""
    viewer.require("run_jobs")
    audit_read(store, viewer, f"job_{body.kind}", None, 1)
    return ctx.jobs.submit(body.kind, viewer.username, run_kind(ctx, body.kind))


@router.post("/imports", response_model=JobView, status_code=202)
def upload(
    viewer: ViewerDep,
    ctx: CtxDep,
    store: StoreDep,
    delivery: Annotated[UploadFile, File(description="a .zip of an export folder")],
) -> JobView:
    """Upload a delivery (zip of source folders) and ingest it as a job."""
    viewer.require("run_jobs")
    folder = unpack_delivery(ctx.workspace, delivery.file, delivery.filename or "delivery.zip")
    audit_read(store, viewer, "import_upload", delivery.filename, 1)
    return ctx.jobs.submit("ingest", viewer.username, run_kind(ctx, "ingest", folder))


@router.get("/reports/{job_id}/{name}", response_class=FileResponse)
def report(job_id: str, name: str, viewer: ViewerDep, ctx: CtxDep, store: StoreDep) -> Any:
    """A file of a finished report job (report.html, figures CSV/JSON): an export, audited."""
    viewer.require("read")
    path: Path = report_file(ctx, job_id, name)
    audit_read(store, viewer, "export", f"{job_id}/{name}", 1)
    return FileResponse(path)
