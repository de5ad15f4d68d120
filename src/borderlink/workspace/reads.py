"""The policy-aware reads of `Workspace`: what an analyst of one agency may see.

Each method takes a request naming the user (`user`), looks that user up (agency,
role), applies the access policy for them and writes the audit entry, all inside the
library, so the API, the web pages, the CLI and a notebook see exactly the same. The
SQL lives in `borderlink.browse`; this mixin opens the store (a cursor of the held
connection in a server, else a short-lived writer, as every read is audited).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from borderlink.browse.imports import ImportsView, QuarantineRequest
from borderlink.browse.models import (
    AuditRequest,
    AuditView,
    CaseRequest,
    CaseView,
    DecisionRequest,
    DecisionView,
    DisruptRequest,
    DisruptView,
    EntityRequest,
    EntityView,
    FiguresRequest,
    ReviewPairRequest,
    ReviewPairView,
    ReviewQueue,
    ReviewQueueRequest,
    SearchRequest,
    SearchResponse,
    SyndicateListResponse,
    SyndicateRequest,
    SyndicatesRequest,
    SyndicateView,
    ViewerRequest,
)
from borderlink.errors import InvalidRequest
from borderlink.workspace.handle import WorkspaceHandle

if TYPE_CHECKING:
    from borderlink.access import Viewer
    from borderlink.stats.models import OperationFigures
    from borderlink.store import Store


class ReadMethods(WorkspaceHandle):
    """Search, entity, syndicate, case, review, figures, imports and audit, per viewer."""

    @contextmanager
    def _as(self, request: ViewerRequest, stage: str = "read") -> Iterator[tuple[Store, Viewer]]:
        """A store to read (and audit) in, and the request's user as a Viewer."""
        from borderlink.access import find_viewer

        if not request.user.strip():
            raise InvalidRequest("user", "a read must name the user it is made for")
        if self._held is not None:
            with self._held.cursor() as store:
                if stage == "read":
                    store.remember_tables()
                yield store, find_viewer(store, request.user, self.policy)
            return
        with self._writer(stage) as store:
            yield store, find_viewer(store, request.user, self.policy)

    def search(self, request: SearchRequest) -> SearchResponse:
        """Entities matching a name in any script or romanisation, a phone, ID, plate or case."""
        from borderlink.browse import search
        from borderlink.browse.search_keys import ensure_search_keys

        with self._as(request) as (store, viewer):
            if self._held is None:  # a held workspace keeps them up to date itself
                ensure_search_keys(store)
            return search(store, viewer, request)

    def entity(self, request: EntityRequest) -> EntityView:
        """One person across agencies as far as the user may see; NotFound if nothing is."""
        from borderlink.browse import entity

        with self._as(request) as (store, viewer):
            return entity(store, viewer, request)

    def syndicates(self, request: SyndicatesRequest) -> SyndicateListResponse:
        from borderlink.browse import syndicates

        with self._as(request) as (store, viewer):
            return syndicates(store, viewer)

    def syndicate(self, request: SyndicateRequest) -> SyndicateView:
        """Members (named as far as the user sees them), ties, key players, chain relations."""
        from borderlink.browse import syndicate

        with self._as(request) as (store, viewer):
            return syndicate(store, viewer, request)

    def simulate_disruption(self, request: DisruptRequest) -> DisruptView:
        """What is left of a syndicate without chosen members (or its top-k key players)."""
        from borderlink.browse import disrupt

        with self._as(request) as (store, viewer):
            return disrupt(store, viewer, request.syndicate_id, request)

    def case(self, request: CaseRequest) -> CaseView:
        from borderlink.browse import case

        with self._as(request) as (store, viewer):
            return case(store, viewer, request)

    def review_queue(self, request: ReviewQueueRequest) -> ReviewQueue:
        """Undecided pairs in the review band, biggest effect first."""
        from borderlink.browse import review_queue

        with self._as(request) as (store, viewer):
            return review_queue(store, viewer, request)

    def review_pair(self, request: ReviewPairRequest) -> ReviewPairView:
        """Two records side by side (visible fields) and the match-weight waterfall."""
        from borderlink.browse import review_pair

        with self._as(request) as (store, viewer):
            return review_pair(store, viewer, request)

    def record_decision(self, request: DecisionRequest) -> DecisionView:
        """Store the user's decision on a pair (the next resolve obeys it), audited."""
        from borderlink.browse import decide

        with self._as(request, "decide") as (store, viewer):
            return decide(store, viewer, request)

    def figures(self, request: FiguresRequest) -> OperationFigures:
        """The operation's figures (counts only, no person's details), audited as a read."""
        from borderlink.browse.visibility import audit_read
        from borderlink.stats import operation_figures

        with self._as(request) as (store, viewer):
            viewer.require("read")
            figures = operation_figures(store, by=request.by)
            audit_read(store, viewer, "stats", request.by, len(figures.figures))
            return figures

    def imports_view(self, request: QuarantineRequest) -> ImportsView:
        """Import runs, and the quarantined rows of the user's own agency."""
        from borderlink.browse.imports import imports

        with self._as(request) as (store, viewer):
            return imports(store, viewer, request)

    def audit_log(self, request: AuditRequest) -> AuditView:
        """The audit log for supervisors, newest first, and whether its chain holds."""
        from borderlink.browse import audit_log

        with self._as(request) as (store, viewer):
            return audit_log(store, viewer, request)
