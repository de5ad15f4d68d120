"""The read routes: thin wrappers over borderlink.browse (no SQL here)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from borderlink import browse
from borderlink.access import Viewer
from borderlink.api.auth import store_dep, viewer_dep
from borderlink.browse.imports import ImportsView, QuarantineRequest, imports
from borderlink.browse.models import (
    AuditView,
    CaseView,
    DecisionView,
    DisruptView,
    EntityView,
    ReviewPairView,
    ReviewQueue,
    SearchResponse,
    SyndicateListResponse,
    SyndicateView,
)
from borderlink.store import Store

router = APIRouter(prefix="/api", tags=["reads"])
StoreDep = Annotated[Store, Depends(store_dep)]
ViewerDep = Annotated[Viewer, Depends(viewer_dep)]
Id = Annotated[str, Query(min_length=1, max_length=100)]


@router.get("/search", response_model=SearchResponse)
def search(
    viewer: ViewerDep,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="name, phone, ID...")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchResponse:
    """Entities matching a name in any script or romanisation, a phone, ID, plate or case."""
    return browse.search(store, viewer, browse.SearchRequest(q=q, limit=limit))


@router.get("/entities/{entity_id}", response_model=EntityView)
def entity(entity_id: str, viewer: ViewerDep, store: StoreDep) -> EntityView:
    """One person across agencies, as far as the user's agency may see."""
    return browse.entity(store, viewer, browse.EntityRequest(entity_id=entity_id[:100]))


@router.get("/syndicates", response_model=SyndicateListResponse)
def syndicates(viewer: ViewerDep, store: StoreDep) -> SyndicateListResponse:
    return browse.syndicates(store, viewer)


@router.get("/syndicates/{syndicate_id}", response_model=SyndicateView)
def syndicate(syndicate_id: str, viewer: ViewerDep, store: StoreDep) -> SyndicateView:
    return browse.syndicate(store, viewer, browse.SyndicateRequest(syndicate_id=syndicate_id[:100]))


@router.post("/syndicates/{syndicate_id}/disrupt", response_model=DisruptView)
def disrupt(
    syndicate_id: str, body: browse.DisruptRequest, viewer: ViewerDep, store: StoreDep
) -> DisruptView:
    """Remove chosen members (or the top-k key players) and see what is left."""
    return browse.disrupt(store, viewer, syndicate_id[:100], body)


@router.get("/cases/{case_no}", response_model=CaseView)
def case(case_no: str, viewer: ViewerDep, store: StoreDep) -> CaseView:
    return browse.case(store, viewer, browse.CaseRequest(case_no=case_no[:100]))


@router.get("/review", response_model=ReviewQueue)
def review(
    viewer: ViewerDep, store: StoreDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> ReviewQueue:
    """Undecided pairs in the review band, biggest effect first."""
    return browse.review_queue(store, viewer, browse.ReviewQueueRequest(limit=limit))


@router.get("/review/pair", response_model=ReviewPairView)
def review_pair(record_a: Id, record_b: Id, viewer: ViewerDep, store: StoreDep) -> ReviewPairView:
    """Two records side by side and the match-weight waterfall."""
    return browse.review_pair(
        store, viewer, browse.ReviewPairRequest(record_a=record_a, record_b=record_b)
    )


@router.post("/review/decisions", response_model=DecisionView, status_code=201)
def decide(body: browse.DecisionRequest, viewer: ViewerDep, store: StoreDep) -> DecisionView:
    return browse.decide(store, viewer, body)


@router.get("/audit", response_model=AuditView)
def audit(
    viewer: ViewerDep,
    store: StoreDep,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AuditView:
    """The audit log (supervisors): newest first, and whether the hash chain holds."""
    return browse.audit_log(
        store, viewer, browse.AuditRequest(actor=actor, action=action, limit=limit)
    )


@router.get("/imports", response_model=ImportsView)
def imports_view(
    viewer: ViewerDep,
    store: StoreDep,
    source: Annotated[str | None, Query(max_length=50)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ImportsView:
    """Import runs and the quarantined rows of the user's own agency."""
    return imports(store, viewer, QuarantineRequest(source=source, limit=limit))
