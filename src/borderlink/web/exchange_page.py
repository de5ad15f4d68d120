"""The exchange page (`/exchange`): agreements, packages sent and received, pending
requests and received items, each with its handling code and grading.

Its data is `exchange_overview(store, viewer)` (borderlink/exchange/overview.py),
the function behind `Workspace.exchange_overview`: it applies the policy (an agency
sees its own packages and requests; the task force all), needs the `read`
permission and writes the audit entry. This module holds no SQL.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from borderlink.exchange.overview import exchange_overview
from borderlink.web.pages import StoreDep, ViewerDep, render

router = APIRouter(include_in_schema=False)


@router.get("/exchange", response_class=HTMLResponse)
def exchange_page(request: Request, viewer: ViewerDep, store: StoreDep) -> Response:
    return render(request, "exchange.html", viewer, x=exchange_overview(store, viewer))
