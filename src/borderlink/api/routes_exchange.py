"""`GET /api/exchange`: the exchange page's data as JSON (no SQL here)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from borderlink.access import Viewer
from borderlink.api.auth import store_dep, viewer_dep
from borderlink.exchange.overview import ExchangeOverview, exchange_overview
from borderlink.store import Store

router = APIRouter(prefix="/api", tags=["exchange"])


@router.get("/exchange", response_model=ExchangeOverview)
def exchange(
    viewer: Annotated[Viewer, Depends(viewer_dep)], store: Annotated[Store, Depends(store_dep)]
) -> ExchangeOverview:
    """Agreements, packages sent and received, requests and received items with their
    handling codes and grading, as far as the user's agency may see."""
    return exchange_overview(store, viewer)
