"""The exchange half of `Workspace`: what the exchange page and `exchange requests` read.

Packages are written and read by `borderlink.exchange` (export, import, encode,
match, request take files and keys, not only the workspace); this mixin holds the
reads a page or a notebook needs: the per-user overview (agreements, packages
sent and received, requests, received items with their handling codes and
grading) and the list of requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderlink.browse.models import ViewerRequest
from borderlink.workspace.reads import ReadMethods

if TYPE_CHECKING:
    from borderlink.exchange.overview import ExchangeOverview, RequestView


class ExchangeOverviewRequest(ViewerRequest):
    """Whose view: the user (agency and role come from the users table)."""


class ExchangeMethods(ReadMethods):
    """Exchange reads: the overview of one user, and the requests."""

    def exchange_overview(self, request: ExchangeOverviewRequest) -> ExchangeOverview:
        """Agreements, packages, requests and received items as the user may see them."""
        from borderlink.exchange.overview import exchange_overview

        with self._as(request) as (store, viewer):
            return exchange_overview(store, viewer)

    def exchange_requests(self, agency: str | None = None) -> list[RequestView]:
        """Requests made or received by `agency` (None: all), newest first."""
        from borderlink.exchange.overview import RequestView
        from borderlink.exchange.requests import list_requests

        if not self.exists():
            return []
        with self._reader() as store:
            return [RequestView.model_validate(r) for r in list_requests(store, agency)]
