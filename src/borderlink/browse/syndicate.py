"""Syndicate pages: the list, one syndicate's network, and the disruption simulator.

Members are named only as far as the viewer sees their records; ties come from the
facilitator graph analyse stored (its weights mix shared cases, calls and shared
items, never the values themselves).
"""

from __future__ import annotations

from typing import Any

from borderlink.access.viewer import Viewer
from borderlink.browse.models import (
    DisruptRequest,
    DisruptView,
    MemberView,
    NetworkStateView,
    RelationView,
    SyndicateBrief,
    SyndicateListResponse,
    SyndicateRequest,
    SyndicateView,
    TieView,
)
from borderlink.browse.visibility import audit_read, names_of, visible_by_entity
from borderlink.errors import NotFound
from borderlink.graph.disrupt import disrupt_syndicate
from borderlink.store import Store


def _brief(row: dict[str, Any]) -> SyndicateBrief:
    return SyndicateBrief(
        syndicate_id=str(row["syndicate_id"]),
        size=int(row["size"] or 0),
        routes=[r for r in str(row.get("routes") or "").split(";") if r],
        base_region=row.get("base_region"),
        active_from=None if row.get("active_from") is None else str(row["active_from"]),
        active_to=None if row.get("active_to") is None else str(row["active_to"]),
        key_players=[k for k in str(row.get("key_players") or "").split(";") if k],
    )


def _require_analysed(store: Store) -> None:
    if not store.table_exists("syndicates"):
        raise NotFound("no syndicates in this workspace: run 'borderlink analyse' first")


def syndicates(store: Store, viewer: Viewer) -> SyndicateListResponse:
    """Every syndicate analyse found, largest first."""
    viewer.require("read")
    _require_analysed(store)
    rows = store.query_dicts("SELECT * FROM syndicates ORDER BY size DESC, syndicate_id")
    audit_read(store, viewer, "list_syndicates", None, len(rows))
    return SyndicateListResponse(syndicates=[_brief(r) for r in rows])


def syndicate(store: Store, viewer: Viewer, request: SyndicateRequest) -> SyndicateView:
    viewer.require("read")
    _require_analysed(store)
    sid = request.syndicate_id
    row = store.query_dicts("SELECT * FROM syndicates WHERE syndicate_id = ?", [sid])
    if not row:
        audit_read(store, viewer, "read_syndicate", sid, 0)
        raise NotFound(f"no syndicate {sid}", syndicate_id=sid)
    if store.table_exists("key_players"):
        kp_cols = "k.kpp_rank, k.key_player_score, k.betweenness, k.degree"
        kp_join = (
            "LEFT JOIN key_players k ON k.entity_id = m.entity_id "
            "AND k.syndicate_id = m.syndicate_id"
        )
    else:
        kp_cols = "NULL AS kpp_rank, NULL AS key_player_score, NULL AS betweenness, NULL AS degree"
        kp_join = ""
    members = store.query_dicts(
        f"SELECT m.entity_id, m.role, {kp_cols} FROM syndicate_members m {kp_join} "
        "WHERE m.syndicate_id = ? ORDER BY kpp_rank NULLS LAST, m.entity_id",
        [sid],
    )
    ids = [str(m["entity_id"]) for m in members]
    seen = visible_by_entity(store, viewer, ids)
    ties = (
        store.query(
            "WITH m AS (SELECT entity_id FROM syndicate_members WHERE syndicate_id = $s) "
            "SELECT a, b, weight FROM facilitator_edges WHERE a IN (SELECT * FROM m) "
            "AND b IN (SELECT * FROM m) ORDER BY a, b",
            {"s": sid},
        )
        if store.table_exists("facilitator_edges")
        else []
    )
    view = SyndicateView(
        syndicate=_brief(row[0]),
        members=[
            MemberView(
                entity_id=str(m["entity_id"]),
                names=names_of(seen.get(str(m["entity_id"]), [])),
                role=m["role"],
                kpp_rank=m["kpp_rank"],
                key_player_score=m["key_player_score"],
                betweenness=m["betweenness"],
                degree=m["degree"],
            )
            for m in members
        ],
        ties=[TieView(a=str(a), b=str(b), weight=float(w or 0)) for a, b, w in ties],
        relations=_relations(store, sid),
        customers=int(
            store.scalar("SELECT count(*) FROM syndicate_customers WHERE syndicate_id = ?", [sid])
            if store.table_exists("syndicate_customers")
            else 0
        ),
    )
    audit_read(store, viewer, "read_syndicate", sid, len(members))
    return view


def _relations(store: Store, sid: str) -> list[RelationView]:
    """Other groups in the chain: customers handled by both, and facilitators tied across."""
    shared: dict[str, int] = {}
    ties: dict[str, int] = {}
    if store.table_exists("syndicate_customers"):
        for other, n in store.query(
            "SELECT b.syndicate_id, count(DISTINCT a.entity_id) FROM syndicate_customers a "
            "JOIN syndicate_customers b ON a.entity_id = b.entity_id "
            "WHERE a.syndicate_id = ? AND b.syndicate_id <> a.syndicate_id GROUP BY 1",
            [sid],
        ):
            shared[str(other)] = int(n)
    if store.table_exists("facilitator_edges"):
        for other, n in store.query(
            "WITH m AS (SELECT entity_id FROM syndicate_members WHERE syndicate_id = $s), "
            "x AS (SELECT CASE WHEN a IN (SELECT * FROM m) THEN b ELSE a END AS o "
            "FROM facilitator_edges WHERE (a IN (SELECT * FROM m)) <> (b IN (SELECT * FROM m))) "
            "SELECT s.syndicate_id, count(*) FROM x JOIN syndicate_members s ON s.entity_id = x.o "
            "WHERE s.syndicate_id <> $s GROUP BY 1",
            {"s": sid},
        ):
            ties[str(other)] = int(n)
    return sorted(
        (
            RelationView(
                syndicate_id=o, shared_customers=shared.get(o, 0), facilitator_ties=ties.get(o, 0)
            )
            for o in set(shared) | set(ties)
        ),
        key=lambda r: (-(r.shared_customers + r.facilitator_ties), r.syndicate_id),
    )


def disrupt(
    store: Store, viewer: Viewer, syndicate_id: str, request: DisruptRequest
) -> DisruptView:
    """What is left of the syndicate without the chosen members (or its top-k key players)."""
    viewer.require("read")
    _require_analysed(store)
    result = disrupt_syndicate(store, syndicate_id, remove=request.remove, top=request.top)
    audit_read(
        store,
        viewer,
        "disrupt",
        syndicate_id,
        len(result.removed),
        {"removed": result.removed},
    )
    return DisruptView(
        syndicate_id=result.syndicate_id,
        removed=result.removed,
        before=NetworkStateView(**result.before.__dict__),
        after=NetworkStateView(**result.after.__dict__),
        stages_cut_off=result.stages_cut_off,
    )
