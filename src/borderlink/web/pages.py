"""Server-rendered pages: the same Workspace methods as the API, passed to Jinja templates.

A page's user comes from the HttpOnly session cookie; every form carries the CSRF
token bound to that cookie. No SQL and no store here: pages call the Workspace only.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from borderlink.api.auth import COOKIE, context, workspace
from borderlink.api.context import ServerContext
from borderlink.errors import Forbidden, InvalidRequest, NotAuthenticated
from borderlink.web.assets import STATIC_DIR
from borderlink.web.i18n import Lang, translate
from borderlink.workspace import Workspace
from borderlink.workspace.read_models import (
    JOB_STATES,
    AuditRequest,
    CaseRequest,
    DecisionRequest,
    EntityRequest,
    FiguresRequest,
    JobLookup,
    JobRequest,
    LoginRequest,
    QuarantineRequest,
    ReviewPairRequest,
    ReviewQueueRequest,
    SearchRequest,
    SessionUser,
    SyndicateRequest,
    SyndicatesRequest,
    UploadRequest,
    ViewerRequest,
)

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(STATIC_DIR.parent / "templates"))
WsDep = Annotated[Workspace, Depends(workspace)]
CtxDep = Annotated[ServerContext, Depends(context)]
LANG_COOKIE = "borderlink_lang"
LOGIN_COOKIE = "borderlink_login"
# Scripts only from this server; inline styles allowed (Cytoscape.js sizes its canvases).
CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"


def _lang(request: Request) -> Lang:
    return "zh" if request.cookies.get(LANG_COOKIE) == "zh" else "en"


def page_viewer(request: Request, ws: WsDep) -> SessionUser:
    session = request.cookies.get(COOKIE)
    if not session:
        raise NotAuthenticated("log in first")
    return ws.session(session)


def form_viewer(request: Request, ws: WsDep, csrf: Annotated[str, Form()] = "") -> SessionUser:
    """A page's user for a form POST: the form's CSRF token must match the session."""
    viewer = page_viewer(request, ws)
    if not hmac.compare_digest(csrf, ws.csrf_token(request.cookies.get(COOKIE, ""))):
        raise Forbidden("missing or wrong CSRF token; reload the page")
    return viewer


ViewerDep = Annotated[SessionUser, Depends(page_viewer)]
FormViewerDep = Annotated[SessionUser, Depends(form_viewer)]


def render(
    request: Request, name: str, viewer: SessionUser | None, status: int = 200, **data: Any
) -> HTMLResponse:
    lang = _lang(request)
    ctx: ServerContext = request.app.state.ctx
    session = request.cookies.get(COOKIE, "")
    return templates.TemplateResponse(
        request,
        name,
        {
            "t": lambda key: translate(key, lang),
            "role": lambda value: translate(f"role_{value}", lang) if value else "",
            "lang": lang,
            "viewer": viewer,
            "csrf": ctx.ws.csrf_token(session) if session else "",
            **data,
        },
        status_code=status,
        headers={"Content-Security-Policy": CSP},
    )


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    return render(request, "error.html", None, status=status, code=code, message=message)


def _login_page(request: Request, status: int = 200, **data: Any) -> HTMLResponse:
    """The login form with a fresh CSRF token, also set as a strict cookie (double submit):
    another site cannot log a browser in under an account of its choosing."""
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, status=status, login_csrf=token, **data)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", max_age=3600)
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _login_page(request, next=next if next.startswith("/") else "/")


@router.post("/login")
def login(
    request: Request,
    ctx: CtxDep,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=300)] = "/",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(csrf, expected):
        raise Forbidden("missing or wrong CSRF token; reload the login page")
    try:
        issued = ctx.ws.login(
            LoginRequest(username=username, password=password, seconds=ctx.token_seconds)
        )
    except (NotAuthenticated, InvalidRequest):
        return _login_page(request, status=401, failed=True, next=next)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE, issued.access_token, httponly=True, samesite="strict", max_age=ctx.token_seconds
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, viewer: FormViewerDep, ws: WsDep) -> Response:
    """End the session everywhere: the token is revoked, not just forgotten by the browser."""
    ws.logout(request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/lang/{lang}")
def switch_language(lang: str, request: Request) -> Response:
    back = request.headers.get("referer") or "/"
    response = RedirectResponse(back, status_code=303)
    response.set_cookie(LANG_COOKIE, "zh" if lang == "zh" else "en", samesite="strict")
    return response


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, viewer: ViewerDep, ws: WsDep) -> HTMLResponse:
    figures = ws.figures(FiguresRequest(user=viewer.username))
    rows = [(f, figures.totals.values.get(f.key)) for f in figures.figures]
    top = max([(c.count or 0) for _, c in rows if c] or [1]) or 1
    jobs = ws.jobs(ViewerRequest(user=viewer.username))
    reports = [j for j in jobs if j.kind == "report" and j.state == "done"]
    return render(
        request, "dashboard.html", viewer, rows=rows, top=top, reports=reports, jobs=jobs[:10]
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    viewer: ViewerDep,
    ws: WsDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    result = ws.search(SearchRequest(user=viewer.username, q=q, limit=20)) if q.strip() else None
    return render(request, "search.html", viewer, q=q, result=result)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, viewer: ViewerDep, ws: WsDep) -> Response:
    view = ws.entity(EntityRequest(user=viewer.username, entity_id=entity_id[:100]))
    return render(request, "entity.html", viewer, e=view)


@router.get("/syndicates", response_class=HTMLResponse)
def syndicates_page(request: Request, viewer: ViewerDep, ws: WsDep) -> Response:
    s = ws.syndicates(SyndicatesRequest(user=viewer.username))
    return render(request, "syndicates.html", viewer, s=s)


@router.get("/syndicates/{syndicate_id}", response_class=HTMLResponse)
def syndicate_page(request: Request, syndicate_id: str, viewer: ViewerDep, ws: WsDep) -> Response:
    view = ws.syndicate(SyndicateRequest(user=viewer.username, syndicate_id=syndicate_id[:100]))
    network = {
        "members": [
            {
                "id": m.entity_id,
                "label": (m.names[0] if m.names else m.entity_id),
                "role": m.role,
                "key": m.kpp_rank is not None,
            }
            for m in view.members
        ],
        "ties": [{"a": t.a, "b": t.b, "w": t.weight} for t in view.ties],
    }
    # the template writes it with |tojson, which escapes <, > and & inside the script
    # element: a delivered name holding "</script>" cannot end it
    return render(request, "syndicate.html", viewer, s=view, network=network)


@router.get("/cases/{case_no}", response_class=HTMLResponse)
def case_page(request: Request, case_no: str, viewer: ViewerDep, ws: WsDep) -> Response:
    view = ws.case(CaseRequest(user=viewer.username, case_no=case_no[:100]))
    return render(request, "case.html", viewer, c=view)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, viewer: ViewerDep, ws: WsDep, saved: str = "") -> Response:
    queue = ws.review_queue(ReviewQueueRequest(user=viewer.username, limit=50))
    return render(request, "review.html", viewer, queue=queue, saved=bool(saved))


@router.get("/review/pair", response_class=HTMLResponse)
def review_pair_page(
    request: Request,
    viewer: ViewerDep,
    ws: WsDep,
    a: Annotated[str, Query(min_length=1, max_length=100)],
    b: Annotated[str, Query(min_length=1, max_length=100)],
) -> Response:
    view = ws.review_pair(ReviewPairRequest(user=viewer.username, record_a=a, record_b=b))
    steps, running = [], view.prior_match_weight
    for s in view.steps:
        steps.append((s, running, running + s.match_weight))
        running += s.match_weight
    span = max(
        [abs(x) for _, lo, hi in steps for x in (lo, hi)] + [abs(view.prior_match_weight), 1]
    )
    return render(request, "review_pair.html", viewer, p=view, steps=steps, span=span)


@router.post("/review/decide")
def review_decide(
    viewer: FormViewerDep,
    ws: WsDep,
    record_a: Annotated[str, Form(max_length=100)],
    record_b: Annotated[str, Form(max_length=100)],
    decision: Annotated[str, Form(max_length=20)],
    reason: Annotated[str, Form(max_length=2000)],
) -> Response:
    ws.record_decision(
        DecisionRequest.model_validate(
            {
                "user": viewer.username,
                "record_a": record_a,
                "record_b": record_b,
                "decision": decision,
                "reason": reason,
            }
        )
    )
    return RedirectResponse("/review?saved=1", status_code=303)


@router.get("/imports", response_class=HTMLResponse)
def imports_page(request: Request, viewer: ViewerDep, ws: WsDep) -> Response:
    view = ws.imports_view(QuarantineRequest(user=viewer.username, source=None, limit=200))
    jobs = ws.jobs(ViewerRequest(user=viewer.username))[:20]
    return render(request, "imports.html", viewer, v=view, jobs=jobs)


@router.post("/imports")
def imports_upload(
    viewer: FormViewerDep, ws: WsDep, delivery: Annotated[UploadFile, File()]
) -> Response:
    request = UploadRequest(
        user=viewer.username, filename=(delivery.filename or "delivery.zip")[:300]
    )
    job = ws.upload_delivery(request, delivery.file)
    return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)


@router.post("/jobs")
def job_submit(
    viewer: FormViewerDep, ws: WsDep, kind: Annotated[str, Form(max_length=20)]
) -> Response:
    if kind not in ("resolve", "analyse", "extract", "report"):
        raise InvalidRequest("kind", f"unknown job kind {kind!r}")
    job = ws.submit_job(JobRequest.model_validate({"user": viewer.username, "kind": kind}))
    return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str, viewer: ViewerDep, ws: WsDep) -> Response:
    job = ws.job(JobLookup(user=viewer.username, job_id=job_id[:40]))
    states = {s: translate(f"state_{s}", _lang(request)) for s in JOB_STATES}
    return render(request, "job.html", viewer, job=job, job_id=job.job_id, states=states)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, viewer: ViewerDep, ws: WsDep) -> Response:
    view = ws.audit_log(AuditRequest(user=viewer.username, limit=200))
    return render(request, "audit.html", viewer, a=view)
