"""The exchange page (`/exchange`): agreements, packages sent and received, pending
requests and received items, each with its handling code and grading.

Its data is `Workspace.exchange_overview` (borderlink/exchange/overview.py): it
applies the policy (an agency sees its own packages and requests; the task force
all), needs the `read` permission and writes the audit entry. This module holds no SQL.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from borderlink.web.pages import ViewerDep, WsDep, render
from borderlink.workspace.exchange import ExchangeOverviewRequest

router = APIRouter(include_in_schema=False)


@router.get("/exchange", response_class=HTMLResponse)
def exchange_page(request: Request, viewer: ViewerDep, ws: WsDep) -> Response:
    overview = ws.exchange_overview(ExchangeOverviewRequest(user=viewer.username))
    return render(request, "exchange.html", viewer, x=overview)
