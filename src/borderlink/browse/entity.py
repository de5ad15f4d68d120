"""The entity page: one person across agencies, as far as the viewer's agency may see.

Names, nationality and role come from the visible records only (never from the
`entities` summary, which was built from every record), so a withheld name cannot
reach the page through the summary.
"""

from __future__ import annotations

import json
from typing import Any

from borderlink.access.viewer import Viewer
from borderlink.browse.models import (
    AliasView,
    CaseBrief,
    EntityRequest,
    EntityView,
    ExhibitView,
    LinkView,
    RecordView,
    RoleView,
    TimelineItem,
)
from borderlink.browse.search import _syndicates
from borderlink.browse.visibility import (
    audit_read,
    marks,
    most_common,
    names_of,
    trim_case,
    visible_by_entity,
)
from borderlink.errors import NotFound
from borderlink.resolve.spec import load_spec
from borderlink.store import Store

# Person-to-person ties shown to an agency that does not see everything: those built
# from shared fields only (a shared address tie would reveal a withheld address).
SHARED_LINK_KINDS = ("co_offending", "employs")
ALL_LINK_KINDS = (*SHARED_LINK_KINDS, "shared_address")


def entity(store: Store, viewer: Viewer, request: EntityRequest) -> EntityView:
    """Everything the viewer may see of one entity; NotFound when they may see none of it."""
    viewer.require("read")
    eid = request.entity_id
    records = visible_by_entity(store, viewer, [eid]).get(eid, [])
    if not records:
        audit_read(store, viewer, "read_entity", eid, 0)
        raise NotFound(f"no entity {eid}", entity_id=eid)
    ids = [r.record_id for r in records]
    cases = _cases(store, viewer, records)
    exhibits = _exhibits(store, viewer, ids)
    view = EntityView(
        entity_id=eid,
        names=names_of(records),
        nationality=most_common(records, "nationality"),
        syndicate_id=_syndicates(store, [eid]).get(eid),
        role=_role(store, eid) if any("role" in r.fields for r in records) else None,
        records=records,
        cases=cases,
        phones=sorted(
            {str(r.fields["phone"]) for r in records if r.fields.get("phone")}
            | {str(x.identifier) for x in exhibits if x.kind == "phone" and x.identifier}
        ),
        vehicles=[x for x in exhibits if x.kind in ("vehicle", "vessel")],
        exhibits=exhibits,
        links=_links(store, viewer, eid),
        aliases=_aliases(store, viewer, eid, ids),
        timeline=_timeline(records, cases),
        more_elsewhere=any(r.withheld for r in records)
        or any(x.identifier is None for x in exhibits),
    )
    audit_read(store, viewer, "read_entity", eid, len(records))
    return view


def _role(store: Store, eid: str) -> RoleView | None:
    if not store.table_exists("entity_roles"):
        return None
    row = store.query_one(
        "SELECT role, confidence, decided_by, evidence FROM entity_roles WHERE entity_id = ?",
        [eid],
    )
    if row is None:
        return None
    evidence = json.loads(row[3]) if isinstance(row[3], str) else dict(row[3] or {})
    return RoleView(role=str(row[0]), confidence=row[1], decided_by=row[2], evidence=evidence)


def _cases(store: Store, viewer: Viewer, records: list[RecordView]) -> list[CaseBrief]:
    numbers = sorted({str(r.fields["case_no"]) for r in records if r.fields.get("case_no")})
    if not numbers or not store.table_exists("cases"):
        return [CaseBrief(case_no=n) for n in numbers]
    rows = store.query_dicts(
        f"SELECT * FROM cases WHERE case_no IN {marks(numbers)} ORDER BY case_no, source",
        numbers,
    )
    out: dict[str, CaseBrief] = {}
    for row in rows:
        view = trim_case(viewer, row)
        f = view.fields
        out.setdefault(
            str(row["case_no"]),
            CaseBrief(
                case_no=str(row["case_no"]),
                source=view.source,
                offence=f.get("offence"),
                opened=f.get("opened"),
                region=f.get("region"),
            ),
        )
    return [out.get(n, CaseBrief(case_no=n)) for n in numbers]


def _exhibits(store: Store, viewer: Viewer, record_ids: list[str]) -> list[ExhibitView]:
    if not store.table_exists("exhibits"):
        return []
    rows = store.query(
        "SELECT source, kind, identifier, case_no FROM exhibits "
        f"WHERE holder_record_id IN {marks(record_ids)} ORDER BY kind, case_no, identifier",
        record_ids,
    )
    return [
        ExhibitView(
            kind=kind,
            identifier=identifier
            if viewer.policy.exhibit_identifier_visible(viewer.agency, str(src), kind)
            else None,
            case_no=case_no,
            source=str(src),
        )
        for src, kind, identifier, case_no in rows
    ]


def _links(store: Store, viewer: Viewer, eid: str) -> list[LinkView]:
    if not store.table_exists("graph_edges"):
        return []
    kinds = set(ALL_LINK_KINDS if viewer.sees_everything else SHARED_LINK_KINDS)
    node = f"person:{eid}"
    # Two indexed lookups (an OR or a UNION under one filter is planned as a scan).
    found = store.query(
        "SELECT target, kind, weight FROM graph_edges WHERE source = ?", [node]
    ) + store.query("SELECT source, kind, weight FROM graph_edges WHERE target = ?", [node])
    weights: dict[tuple[str, str], float] = {}
    for other, kind, w in found:
        if kind in kinds:
            weights[(str(other), str(kind))] = weights.get((str(other), str(kind)), 0) + float(
                w or 0
            )
    rows = sorted(((o, k, w) for (o, k), w in weights.items()), key=lambda r: (-r[2], r[0]))
    rows = rows[:100]
    others = [str(o).removeprefix("person:") for o, _, _ in rows if str(o).startswith("person:")]
    seen = visible_by_entity(store, viewer, others)
    return [
        LinkView(
            entity_id=str(o).removeprefix("person:"),
            kind=str(kind),
            weight=float(w or 0),
            names=names_of(seen.get(str(o).removeprefix("person:"), [])),
        )
        for o, kind, w in rows
        if str(o).removeprefix("person:") in seen
    ]


def _aliases(store: Store, viewer: Viewer, eid: str, record_ids: list[str]) -> list[AliasView]:
    """Other entities one of whose records scored in the review band against this one's,
    or that an analyst called a possible alias."""
    found: dict[str, tuple[float | None, bool]] = {}
    if not record_ids or not store.table_exists("clusters"):
        return []
    ids, own = marks(record_ids), set(record_ids)
    scored: dict[str, float] = {}  # other record -> best probability
    if store.table_exists("match_pairs"):
        low = load_spec().thresholds.review_low
        pairs = store.query(  # two indexed lookups, then the few pairs in the band
            f"SELECT record_a, record_b, match_probability FROM match_pairs "
            f"WHERE record_a IN {ids}",
            record_ids,
        ) + store.query(
            f"SELECT record_a, record_b, match_probability FROM match_pairs "
            f"WHERE record_b IN {ids}",
            record_ids,
        )
        for a, b, p in pairs:
            if p is not None and p >= low:
                other = str(b) if str(a) in own else str(a)
                scored[other] = max(scored.get(other, 0.0), float(p))
    decided: set[str] = set()
    if store.table_exists("review_decisions"):  # analysts' decisions: a small table
        for a, b in store.query(
            f"SELECT record_a, record_b FROM review_decisions WHERE decision = 'possible_alias' "
            f"AND (record_a IN {ids} OR record_b IN {ids})",
            [*record_ids, *record_ids],
        ):
            decided.add(str(b) if str(a) in own else str(a))
    others = sorted((set(scored) | decided) - own)
    if others:
        for record, entity_id in store.query(
            f"SELECT record_id, entity_id FROM clusters WHERE record_id IN {marks(others)}",
            others,
        ):
            e = str(entity_id)
            if e == eid:
                continue
            p = scored.get(str(record))
            before, was_decided = found.get(e, (None, False))
            best = max((x for x in (before, p) if x is not None), default=None)
            found[e] = (best, was_decided or str(record) in decided)
    seen = visible_by_entity(store, viewer, list(found))
    return sorted(
        (
            AliasView(entity_id=e, names=names_of(seen[e]), match_probability=p, decided=d)
            for e, (p, d) in found.items()
            if e in seen
        ),
        key=lambda a: (not a.decided, -(a.match_probability or 0), a.entity_id),
    )


def _timeline(records: list[RecordView], cases: list[CaseBrief]) -> list[TimelineItem]:
    items: list[TimelineItem] = []
    for r in records:
        when: Any = r.fields.get("event_date")
        if when:
            items.append(
                TimelineItem(
                    date=str(when),
                    what=str(r.fields.get("event") or "event"),
                    case_no=r.fields.get("case_no"),
                    source=r.source,
                )
            )
    for c in cases:
        if c.opened:
            items.append(
                TimelineItem(
                    date=str(c.opened),
                    what=f"case opened: {c.offence or ''}".strip(),
                    case_no=c.case_no,
                    source=c.source or "",
                )
            )
    return sorted(items, key=lambda i: (i.date, i.case_no or "", i.what))
