"""Login and logout, the user's own profile, operation figures and jobs (long work in the
server): each one Workspace method."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import FileResponse
from pydantic import BaseModel

from borderlink.api.auth import bearer, context, user_dep, workspace
from borderlink.api.context import ServerContext
from borderlink.workspace import Workspace
from borderlink.workspace.read_models import (
    FiguresRequest,
    JobLookup,
    JobRequest,
    JobView,
    LoginRequest,
    ReportFileRequest,
    SessionUser,
    UploadRequest,
    ViewerRequest,
)

router = APIRouter(prefix="/api", tags=["operations"])
WsDep = Annotated[Workspace, Depends(workspace)]
UserDep = Annotated[SessionUser, Depends(user_dep)]
CtxDep = Annotated[ServerContext, Depends(context)]


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: str


class Me(BaseModel):
    username: str
    agency: str
    role: str


class JobBody(BaseModel):
    kind: Literal["resolve", "analyse", "extract", "report"]


class JobList(BaseModel):
    jobs: list[JobView]


@router.post("/auth/token", response_model=Token, tags=["auth"])
def token(
    username: Annotated[str, Form(min_length=1, max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    ctx: CtxDep,
) -> Token:
    """OAuth2 password flow: a bearer token for `Authorization: Bearer ...`."""
    issued = ctx.ws.login(
        LoginRequest(username=username, password=password, seconds=ctx.token_seconds)
    )
    return Token(access_token=issued.access_token, expires_at=issued.expires_at)


@router.post("/auth/logout", status_code=204, tags=["auth"])
def logout(ws: WsDep, token: Annotated[str, Depends(bearer)], user: UserDep) -> None:
    """Revoke the token: it stops working at once (and after a server restart)."""
    ws.logout(token)


@router.get("/me", response_model=Me)
def me(user: UserDep) -> Me:
    return Me(username=user.username, agency=user.agency, role=user.role)


@router.get("/stats")
def stats(
    user: UserDep,
    ws: WsDep,
    by: Annotated[str | None, Query(max_length=20, description="region, route, ...")] = None,
) -> dict[str, Any]:
    """The operation's figures (counts only: no person's details), optionally by a dimension."""
    figures = ws.figures(FiguresRequest(user=user.username, by=by))
    data: dict[str, Any] = figures.model_dump(mode="json")
    return data


@router.get("/jobs", response_model=JobList)
def jobs(user: UserDep, ws: WsDep) -> JobList:
    return JobList(jobs=ws.jobs(ViewerRequest(user=user.username)))


@router.get("/jobs/{job_id}", response_model=JobView)
def job(job_id: str, user: UserDep, ws: WsDep) -> JobView:
    """A job's state, its latest progress messages and its result."""
    return ws.job(JobLookup(user=user.username, job_id=job_id[:40]))


@router.post("/jobs", response_model=JobView, status_code=202)
def submit(body: JobBody, user: UserDep, ws: WsDep) -> JobView:
    """Queue resolve, analyse, extract or report; watch it at GET /api/jobs/{id}."""
    return ws.submit_job(JobRequest(user=user.username, kind=body.kind))


@router.post("/imports", response_model=JobView, status_code=202)
def upload(
    user: UserDep,
    ws: WsDep,
    delivery: Annotated[UploadFile, File(description="a .zip of an export folder")],
) -> JobView:
    """Upload a delivery (zip of source folders) and ingest it as a job."""
    request = UploadRequest(
        user=user.username, filename=(delivery.filename or "delivery.zip")[:300]
    )
    return ws.upload_delivery(request, delivery.file)


@router.get("/reports/{job_id}/{name}", response_class=FileResponse)
def report(job_id: str, name: str, user: UserDep, ws: WsDep) -> Any:
    """A file of a finished report job (report.html, figures CSV/JSON): an export, audited."""
    path = ws.report_file(
        ReportFileRequest(user=user.username, job_id=job_id[:40], name=name[:100])
    )
    return FileResponse(path)
