"""The read routes: each one Workspace method, made for the logged-in user (no SQL here)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from borderlink.api.auth import user_dep, workspace
from borderlink.workspace import Workspace
from borderlink.workspace.read_models import (
    AuditRequest,
    AuditView,
    CaseRequest,
    CaseView,
    DecisionBody,
    DecisionRequest,
    DecisionView,
    DisruptBody,
    DisruptRequest,
    DisruptView,
    EntityRequest,
    EntityView,
    ImportsView,
    QuarantineRequest,
    ReviewPairRequest,
    ReviewPairView,
    ReviewQueue,
    ReviewQueueRequest,
    SearchRequest,
    SearchResponse,
    SessionUser,
    SyndicateListResponse,
    SyndicateRequest,
    SyndicatesRequest,
    SyndicateView,
)

router = APIRouter(prefix="/api", tags=["reads"])
WsDep = Annotated[Workspace, Depends(workspace)]
UserDep = Annotated[SessionUser, Depends(user_dep)]
Id = Annotated[str, Query(min_length=1, max_length=100)]


@router.get("/search", response_model=SearchResponse)
def search(
    user: UserDep,
    ws: WsDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="name, phone, ID...")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchResponse:
    """Entities matching a name in any script or romanisation, a phone, ID, plate or case."""
    return ws.search(SearchRequest(user=user.username, q=q, limit=limit))


@router.get("/entities/{entity_id}", response_model=EntityView)
def entity(entity_id: str, user: UserDep, ws: WsDep) -> EntityView:
    """One person across agencies, as far as the user's agency may see."""
    return ws.entity(EntityRequest(user=user.username, entity_id=entity_id[:100]))


@router.get("/syndicates", response_model=SyndicateListResponse)
def syndicates(user: UserDep, ws: WsDep) -> SyndicateListResponse:
    return ws.syndicates(SyndicatesRequest(user=user.username))


@router.get("/syndicates/{syndicate_id}", response_model=SyndicateView)
def syndicate(syndicate_id: str, user: UserDep, ws: WsDep) -> SyndicateView:
    return ws.syndicate(SyndicateRequest(user=user.username, syndicate_id=syndicate_id[:100]))


@router.post("/syndicates/{syndicate_id}/disrupt", response_model=DisruptView)
def disrupt(syndicate_id: str, body: DisruptBody, user: UserDep, ws: WsDep) -> DisruptView:
    """Remove chosen members (or the top-k key players) and see what is left."""
    return ws.simulate_disruption(
        DisruptRequest(user=user.username, syndicate_id=syndicate_id[:100], **body.model_dump())
    )


@router.get("/cases/{case_no}", response_model=CaseView)
def case(case_no: str, user: UserDep, ws: WsDep) -> CaseView:
    return ws.case(CaseRequest(user=user.username, case_no=case_no[:100]))


@router.get("/review", response_model=ReviewQueue)
def review(
    user: UserDep, ws: WsDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> ReviewQueue:
    """Undecided pairs in the review band, biggest effect first."""
    return ws.review_queue(ReviewQueueRequest(user=user.username, limit=limit))


@router.get("/review/pair", response_model=ReviewPairView)
def review_pair(record_a: Id, record_b: Id, user: UserDep, ws: WsDep) -> ReviewPairView:
    """Two records side by side and the match-weight waterfall."""
    return ws.review_pair(
        ReviewPairRequest(user=user.username, record_a=record_a, record_b=record_b)
    )


@router.post("/review/decisions", response_model=DecisionView, status_code=201)
def decide(body: DecisionBody, user: UserDep, ws: WsDep) -> DecisionView:
    return ws.record_decision(DecisionRequest(user=user.username, **body.model_dump()))


@router.get("/audit", response_model=AuditView)
def audit(
    user: UserDep,
    ws: WsDep,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> AuditView:
    """The audit log (supervisors): newest first, and whether the hash chain holds."""
    return ws.audit_log(AuditRequest(user=user.username, actor=actor, action=action, limit=limit))


@router.get("/imports", response_model=ImportsView)
def imports_view(
    user: UserDep,
    ws: WsDep,
    source: Annotated[str | None, Query(max_length=50)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ImportsView:
    """Import runs and the quarantined rows of the user's own agency."""
    return ws.imports_view(QuarantineRequest(user=user.username, source=source, limit=limit))
