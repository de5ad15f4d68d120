"""The review screen: the queue of uncertain pairs, one pair side by side with its
match-weight waterfall, and the analyst's decision (same / different / possible alias).

A decision is stored with the existing review table, so the next resolve obeys it;
'possible_alias' keeps the two apart and shows them as aliases of each other.
"""

from __future__ import annotations

import datetime as dt

from borderlink.access.viewer import Viewer
from borderlink.browse.models import (
    DecisionRequest,
    DecisionView,
    RecordView,
    ReviewPairBrief,
    ReviewPairRequest,
    ReviewPairView,
    ReviewQueue,
    ReviewQueueRequest,
    WeightStep,
)
from borderlink.browse.visibility import (
    audit_read,
    marks,
    names_of,
    person_rows,
    trim_person,
)
from borderlink.errors import InvalidRequest, NotFound
from borderlink.resolve.explain import explain_in_store
from borderlink.resolve.review import uncertain_in_store
from borderlink.resolve.tables import ensure_resolve_tables
from borderlink.store import Store


def _records(store: Store, viewer: Viewer, ids: list[str]) -> dict[str, RecordView]:
    rows = person_rows(store, f"p.record_id IN {marks(ids)}", ids)
    out: dict[str, RecordView] = {}
    for row in rows:
        view = trim_person(viewer, row)
        if view is not None:
            out[view.record_id] = view
    return out


def review_queue(store: Store, viewer: Viewer, request: ReviewQueueRequest) -> ReviewQueue:
    """Undecided pairs in the review band, biggest effect first (names as the viewer sees them)."""
    viewer.require("read")
    found, total = uncertain_in_store(store, limit=request.limit)
    rows = [p.model_dump() for p in found]
    seen = _records(store, viewer, [r["record_a"] for r in rows] + [r["record_b"] for r in rows])
    pairs = []
    for r in rows:
        a, b = seen.get(r["record_a"]), seen.get(r["record_b"])
        if a is None or b is None:
            continue
        names_a, names_b = names_of([a]), names_of([b])
        r["name_a"] = names_a[0] if names_a else None
        r["name_b"] = names_b[0] if names_b else None
        pairs.append(ReviewPairBrief(**r))
    audit_read(store, viewer, "review_queue", None, len(pairs))
    return ReviewQueue(pairs=pairs, total=int(total))


def review_pair(store: Store, viewer: Viewer, request: ReviewPairRequest) -> ReviewPairView:
    """Two records side by side (visible fields) and how the model weighed each comparison."""
    viewer.require("read")
    seen = _records(store, viewer, [request.record_a, request.record_b])
    a, b = seen.get(request.record_a), seen.get(request.record_b)
    if a is None or b is None:
        audit_read(store, viewer, "read_pair", f"{request.record_a}|{request.record_b}", 0)
        raise NotFound("no such pair of records")
    explained = explain_in_store(store, request.record_a, request.record_b)
    fields = sorted(set(a.fields) | set(b.fields))
    view = ReviewPairView(
        record_a=a,
        record_b=b,
        entity_a=explained.records[0].entity_id,
        entity_b=explained.records[1].entity_id,
        compared_fields=fields,
        prior_match_weight=explained.prior_match_weight,
        steps=[
            WeightStep(comparison=c.comparison, level=c.level, match_weight=c.match_weight)
            for c in explained.comparisons
        ],
        match_weight=explained.match_weight,
        match_probability=explained.match_probability,
    )
    audit_read(store, viewer, "read_pair", f"{a.record_id}|{b.record_id}", 2)
    return view


def decide(store: Store, viewer: Viewer, request: DecisionRequest) -> DecisionView:
    """Store the decision (and its audit entry) in one transaction."""
    viewer.require("decide")
    if request.record_a == request.record_b:
        raise InvalidRequest("record_b", "a decision needs two different records")
    if not request.reason.strip():
        raise InvalidRequest("reason", "a decision needs a reason")
    seen = _records(store, viewer, [request.record_a, request.record_b])
    if len(seen) < 2:
        raise NotFound("no such pair of records")
    at = dt.datetime.now(dt.UTC)
    with store.transaction():
        ensure_resolve_tables(store)
        store.execute(
            "INSERT INTO review_decisions VALUES (?, ?, ?, ?, ?, ?)",
            [
                request.record_a,
                request.record_b,
                request.decision,
                request.reason.strip(),
                viewer.username,
                at,
            ],
            stage="review",
            table="review_decisions",
        )
        audit_read(
            store,
            viewer,
            "decide",
            f"{request.record_a}|{request.record_b}",
            1,
            {"decision": request.decision, "reason": request.reason.strip()},
        )
    return DecisionView(
        record_a=request.record_a,
        record_b=request.record_b,
        decision=request.decision,
        reason=request.reason.strip(),
        decided_by=viewer.username,
        decided_at=at.isoformat(),
    )
