"""What the exchange page shows one user: agreements, packages, requests, received items.

An agency sees the packages it sent or received, the requests it made or was
asked, and the items it received, each with its handling code and grading; the
task force (`sees_everything` in the policy) sees all. Received items are named
by kind, the sender's item id and the local record they became (never their
content: the entity page shows that, trimmed by the policy). One audit entry
(`read_exchange`) per view.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from borderlink.access.viewer import Viewer
from borderlink.browse.visibility import audit_read
from borderlink.exchange.agreement import load_agreements, load_codes
from borderlink.exchange.requests import list_requests
from borderlink.exchange.tables import ITEMS, PACKAGES
from borderlink.store import Store
from borderlink.views import CURRENT_CLUSTERS

ITEM_LIMIT = 500


class AgreementBrief(BaseModel):
    id: str
    title: str
    purpose: str
    agencies: list[str]
    retention_days: int
    restrictions: str
    handling_code: str
    grading: str  # default source reliability + information grade, e.g. B2
    releases: dict[str, list[str]]


class PackageView(BaseModel):
    package_id: str
    direction: str
    sender: str
    receiver: str
    agreement: str
    created: str
    recorded_at: str
    handling_code: str | None
    grading: str
    counts: dict[str, int]
    file: str | None


class RequestView(BaseModel):
    request_id: str
    agreement: str
    requester: str
    holder: str
    created: str
    created_by: str | None
    reason: str | None
    n_records: int
    n_received: int
    status: str
    fulfilled_by: str | None
    fulfilled_at: str | None


class ItemView(BaseModel):
    package_id: str
    sender: str
    kind: str
    item_id: str
    record_id: str | None
    entity_id: str | None  # the entity the record resolved to, for a link to its page
    handling_code: str
    grading: str


class CodeView(BaseModel):
    code: str
    meaning: str


class ExchangeOverview(BaseModel):
    agency: str
    sees_everything: bool
    agreements: list[AgreementBrief]
    sent: list[PackageView]
    received: list[PackageView]
    requests: list[RequestView]
    items: list[ItemView]
    items_total: int
    handling_codes: list[CodeView]
    source_reliability: list[CodeView]
    information_grading: list[CodeView]


def _grading(row: dict[str, Any]) -> str:
    return f"{row.get('source_reliability') or ''}{row.get('information_grade') or ''}"


def _packages(store: Store, agency: str | None) -> list[PackageView]:
    if not store.table_exists(PACKAGES):
        return []
    where = "WHERE sender = $a OR receiver = $a" if agency else ""
    rows = store.query_dicts(
        f"SELECT * FROM {PACKAGES} {where} ORDER BY recorded_at DESC, package_id",
        {"a": agency} if agency else None,
    )
    return [
        PackageView(
            package_id=str(r["package_id"]),
            direction=str(r["direction"]),
            sender=str(r["sender"]),
            receiver=str(r["receiver"]),
            agreement=str(r["agreement"]),
            created=str(r["created"]),
            recorded_at=str(r["recorded_at"]),
            handling_code=r["handling_code"],
            grading=_grading(r),
            counts={str(k): int(v) for k, v in json.loads(r["counts"] or "{}").items()},
            file=r["file"],
        )
        for r in rows
    ]


def _items(store: Store, agency: str | None) -> tuple[list[ItemView], int]:
    if not store.table_exists(ITEMS) or not store.table_exists(PACKAGES):
        return [], 0
    scope = (
        f"WHERE i.package_id IN (SELECT package_id FROM {PACKAGES} "
        "WHERE direction = 'received' AND receiver = $a)"
        if agency
        else ""
    )
    params = {"a": agency} if agency else {}
    total = int(store.scalar(f"SELECT count(*) FROM {ITEMS} i {scope}", params or None))
    clusters = (
        f"LEFT JOIN ({CURRENT_CLUSTERS}) c ON c.record_id = i.record_id"
        if store.table_exists("clusters")
        else "LEFT JOIN (SELECT NULL::VARCHAR record_id, NULL::VARCHAR entity_id) c ON false"
    )
    rows = store.query_dicts(
        "SELECT i.package_id, i.sender, i.kind, i.item_id, i.record_id, c.entity_id, "
        f"i.handling_code, i.source_reliability, i.information_grade FROM {ITEMS} i {clusters} "
        f"{scope} ORDER BY i.package_id DESC, i.kind, i.item_id LIMIT {ITEM_LIMIT}",
        params or None,
    )
    return [
        ItemView(
            package_id=str(r["package_id"]),
            sender=str(r["sender"]),
            kind=str(r["kind"]),
            item_id=str(r["item_id"]),
            record_id=r["record_id"],
            entity_id=r["entity_id"],
            handling_code=str(r["handling_code"]),
            grading=_grading(r),
        )
        for r in rows
    ], total


def _agreements(agency: str | None) -> list[AgreementBrief]:
    return [
        AgreementBrief(
            id=a.id,
            title=a.title,
            purpose=a.purpose.strip(),
            agencies=list(a.agencies),
            retention_days=a.retention_days,
            restrictions=a.restrictions.strip(),
            handling_code=a.defaults.handling_code,
            grading=a.defaults.source_reliability + a.defaults.information_grade,
            releases={k: list(r.fields) for k, r in a.releases.items()},
        )
        for a in load_agreements().values()
        if agency is None or agency in a.agencies
    ]


def exchange_overview(store: Store, viewer: Viewer) -> ExchangeOverview:
    """The exchange page's data for `viewer` (needs the `read` permission); audited."""
    viewer.require("read")
    agency = None if viewer.sees_everything else viewer.agency
    items, total = _items(store, agency)
    requests = [RequestView.model_validate(r) for r in list_requests(store, agency)]
    codes = load_codes()
    view = ExchangeOverview(
        agency=viewer.agency,
        sees_everything=viewer.sees_everything,
        agreements=_agreements(agency),
        sent=[p for p in _packages(store, agency) if p.direction == "sent"],
        received=[p for p in _packages(store, agency) if p.direction == "received"],
        requests=requests,
        items=items,
        items_total=total,
        handling_codes=[
            CodeView(code=c, meaning=h.meaning) for c, h in codes.handling_codes.items()
        ],
        source_reliability=[
            CodeView(code=c, meaning=m) for c, m in codes.source_reliability.items()
        ],
        information_grading=[
            CodeView(code=c, meaning=m) for c, m in codes.information_grading.items()
        ],
    )
    audit_read(store, viewer, "read_exchange", agency, len(view.sent) + len(view.received))
    return view
