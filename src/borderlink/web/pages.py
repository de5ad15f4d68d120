"""Server-rendered pages: the same browse functions as the API, passed to Jinja templates.

A page's user comes from the HttpOnly session cookie; every form carries the CSRF
token bound to that cookie. No SQL here: pages call borderlink.browse and stats.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from borderlink import browse
from borderlink.access import Viewer, authenticate, find_viewer
from borderlink.api.auth import COOKIE, context, csrf_token, issue_token, store_dep, token_user
from borderlink.api.context import ServerContext
from borderlink.api.work import run_kind, unpack_delivery
from borderlink.browse.imports import QuarantineRequest, imports
from borderlink.browse.visibility import audit_read
from borderlink.errors import Forbidden, NotAuthenticated
from borderlink.stats import operation_figures
from borderlink.store import Store
from borderlink.web.assets import STATIC_DIR
from borderlink.web.i18n import Lang, translate

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(STATIC_DIR.parent / "templates"))
StoreDep = Annotated[Store, Depends(store_dep)]
CtxDep = Annotated[ServerContext, Depends(context)]
LANG_COOKIE = "borderlink_lang"
# Scripts only from this server; inline styles allowed (Cytoscape.js sizes its canvases).
CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"


def _lang(request: Request) -> Lang:
    return "zh" if request.cookies.get(LANG_COOKIE) == "zh" else "en"


def page_viewer(request: Request, ctx: CtxDep, store: StoreDep) -> Viewer:
    session = request.cookies.get(COOKIE)
    if not session:
        raise NotAuthenticated("log in first")
    return find_viewer(store, token_user(ctx, session), ctx.policy)


def form_viewer(
    request: Request, ctx: CtxDep, store: StoreDep, csrf: Annotated[str, Form()] = ""
) -> Viewer:
    """A page's user for a form POST: the form's CSRF token must match the session."""
    viewer = page_viewer(request, ctx, store)
    if not hmac.compare_digest(csrf, csrf_token(ctx, request.cookies.get(COOKIE, ""))):
        raise Forbidden("missing or wrong CSRF token; reload the page")
    return viewer


ViewerDep = Annotated[Viewer, Depends(page_viewer)]
FormViewerDep = Annotated[Viewer, Depends(form_viewer)]


def render(
    request: Request, name: str, viewer: Viewer | None, status: int = 200, **data: Any
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
            "csrf": csrf_token(ctx, session) if session else "",
            **data,
        },
        status_code=status,
        headers={"Content-Security-Policy": CSP},
    )


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    return render(request, "error.html", None, status=status, code=code, message=message)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", None, next=next if next.startswith("/") else "/")


@router.post("/login")
def login(
    request: Request,
    ctx: CtxDep,
    store: StoreDep,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=300)] = "/",
) -> Response:
    try:
        viewer = authenticate(store, username, password, policy=ctx.policy)
    except NotAuthenticated:
        return render(request, "login.html", None, status=401, failed=True, next=next)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE,
        issue_token(ctx, viewer.username),
        httponly=True,
        samesite="strict",
        max_age=ctx.token_seconds,
    )
    return response


@router.post("/logout")
def logout(viewer: FormViewerDep) -> Response:
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
def dashboard(request: Request, viewer: ViewerDep, store: StoreDep, ctx: CtxDep) -> HTMLResponse:
    viewer.require("read")
    figures = operation_figures(store)
    audit_read(store, viewer, "stats", None, len(figures.figures))
    rows = [(f, figures.totals.values.get(f.key)) for f in figures.figures]
    top = max([(c.count or 0) for _, c in rows if c] or [1]) or 1
    reports = [j for j in ctx.jobs.all() if j.kind == "report" and j.state == "done"]
    return render(
        request,
        "dashboard.html",
        viewer,
        rows=rows,
        top=top,
        reports=reports,
        jobs=ctx.jobs.all()[:10],
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    viewer: ViewerDep,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    result = (
        browse.search(store, viewer, browse.SearchRequest(q=q, limit=20)) if q.strip() else None
    )
    return render(request, "search.html", viewer, q=q, result=result)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, viewer: ViewerDep, store: StoreDep) -> Response:
    view = browse.entity(store, viewer, browse.EntityRequest(entity_id=entity_id[:100]))
    return render(request, "entity.html", viewer, e=view)


@router.get("/syndicates", response_class=HTMLResponse)
def syndicates_page(request: Request, viewer: ViewerDep, store: StoreDep) -> Response:
    return render(request, "syndicates.html", viewer, s=browse.syndicates(store, viewer))


@router.get("/syndicates/{syndicate_id}", response_class=HTMLResponse)
def syndicate_page(
    request: Request, syndicate_id: str, viewer: ViewerDep, store: StoreDep
) -> Response:
    view = browse.syndicate(store, viewer, browse.SyndicateRequest(syndicate_id=syndicate_id[:100]))
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
def case_page(request: Request, case_no: str, viewer: ViewerDep, store: StoreDep) -> Response:
    view = browse.case(store, viewer, browse.CaseRequest(case_no=case_no[:100]))
    return render(request, "case.html", viewer, c=view)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, viewer: ViewerDep, store: StoreDep, saved: str = "") -> Response:
    queue = browse.review_queue(store, viewer, browse.ReviewQueueRequest(limit=50))
    return render(request, "review.html", viewer, queue=queue, saved=bool(saved))


@router.get("/review/pair", response_class=HTMLResponse)
def review_pair_page(
    request: Request,
    viewer: ViewerDep,
    store: StoreDep,
    a: Annotated[str, Query(max_length=100)],
    b: Annotated[str, Query(max_length=100)],
) -> Response:
    view = browse.review_pair(store, viewer, browse.ReviewPairRequest(record_a=a, record_b=b))
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
    store: StoreDep,
    record_a: Annotated[str, Form(max_length=100)],
    record_b: Annotated[str, Form(max_length=100)],
    decision: Annotated[str, Form(max_length=20)],
    reason: Annotated[str, Form(max_length=2000)],
) -> Response:
    browse.decide(
        store,
        viewer,
        browse.DecisionRequest.model_validate(
            {"record_a": record_a, "record_b": record_b, "decision": decision, "reason": reason}
        ),
    )
    return RedirectResponse("/review?saved=1", status_code=303)


@router.get("/imports", response_class=HTMLResponse)
def imports_page(request: Request, viewer: ViewerDep, store: StoreDep, ctx: CtxDep) -> Response:
    view = imports(store, viewer, QuarantineRequest(source=None, limit=200))
    return render(request, "imports.html", viewer, v=view, jobs=ctx.jobs.all()[:20])


@router.post("/imports")
def imports_upload(
    viewer: FormViewerDep,
    ctx: CtxDep,
    store: StoreDep,
    delivery: Annotated[UploadFile, File()],
) -> Response:
    viewer.require("run_jobs")
    folder = unpack_delivery(ctx.workspace, delivery.file, delivery.filename or "delivery.zip")
    audit_read(store, viewer, "import_upload", delivery.filename, 1)
    job = ctx.jobs.submit("ingest", viewer.username, run_kind(ctx, "ingest", folder))
    return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)


@router.post("/jobs")
def job_submit(
    viewer: FormViewerDep, ctx: CtxDep, store: StoreDep, kind: Annotated[str, Form(max_length=20)]
) -> Response:
    viewer.require("run_jobs")
    if kind not in ("resolve", "analyse", "extract", "report"):
        raise Forbidden(f"unknown job kind {kind!r}")
    audit_read(store, viewer, f"job_{kind}", None, 1)
    job = ctx.jobs.submit(kind, viewer.username, run_kind(ctx, kind))
    return RedirectResponse(f"/jobs/{job.job_id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str, viewer: ViewerDep, ctx: CtxDep) -> Response:
    return render(request, "job.html", viewer, job=ctx.jobs.get(job_id), job_id=job_id[:40])


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, viewer: ViewerDep, store: StoreDep) -> Response:
    view = browse.audit_log(store, viewer, browse.AuditRequest(limit=200))
    return render(request, "audit.html", viewer, a=view)
