"""`GET /api/exchange`: the exchange page's data as JSON (no SQL here)."""

from __future__ import annotations

from fastapi import APIRouter

from borderlink.api.routes_reads import UserDep, WsDep
from borderlink.exchange.overview import ExchangeOverview
from borderlink.workspace.exchange import ExchangeOverviewRequest

router = APIRouter(prefix="/api", tags=["exchange"])


@router.get("/exchange", response_model=ExchangeOverview)
def exchange(user: UserDep, ws: WsDep) -> ExchangeOverview:
    """Agreements, packages sent and received, requests and received items with their
    handling codes and grading, as far as the user's agency may see."""
    return ws.exchange_overview(ExchangeOverviewRequest(user=user.username))
