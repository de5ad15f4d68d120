"""The exchange half of `Workspace`: what the exchange page and `exchange requests` read.

Packages are written and read by `borderlink.exchange` (export, import, encode,
match, request take files and keys, not only the workspace); this mixin holds the
reads a page or a notebook needs: the per-user overview (agreements, packages
sent and received, requests, received items with their handling codes and
grading) and the list of requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from borderlink.workspace.handle import WorkspaceHandle

if TYPE_CHECKING:
    from borderlink.access import Viewer
    from borderlink.exchange.overview import ExchangeOverview, RequestView
    from borderlink.store import Store


class ExchangeOverviewRequest(BaseModel):
    """Whose view: the user (agency and role come from the users table)."""

    user: str = Field(min_length=1, max_length=100)


class ExchangeMethods(WorkspaceHandle):
    """Exchange reads: the overview of one user, and the requests."""

    @contextmanager
    def _exchange_reader(self, user: str) -> Iterator[tuple[Store, Viewer]]:
        """A store (a cursor of the held connection in a server, else a short-lived
        writer: the read is audited) and the user as a Viewer under the policy."""
        from borderlink.access import find_viewer
        from borderlink.access.policy import default_policy

        policy = getattr(self, "policy", None) or default_policy()
        held = getattr(self, "_held", None)
        if held is not None:
            with held.cursor() as store:
                yield store, find_viewer(store, user, policy)
            return
        with self._writer("exchange") as store:
            yield store, find_viewer(store, user, policy)

    def exchange_overview(self, request: ExchangeOverviewRequest) -> ExchangeOverview:
        """Agreements, packages, requests and received items as the user may see them."""
        from borderlink.exchange.overview import exchange_overview

        with self._exchange_reader(request.user) as (store, viewer):
            return exchange_overview(store, viewer)

    def exchange_requests(self, agency: str | None = None) -> list[RequestView]:
        """Requests made or received by `agency` (None: all), newest first."""
        from borderlink.exchange.overview import RequestView
        from borderlink.exchange.requests import list_requests

        if not self.exists():
            return []
        with self._reader() as store:
            return [RequestView.model_validate(r) for r in list_requests(store, agency)]
