"""The case page: the case as each agency recorded it, its people and its exhibits."""

from __future__ import annotations

from borderlink.access.viewer import Viewer
from borderlink.browse.entity import _exhibits
from borderlink.browse.models import CaseRequest, CaseView
from borderlink.browse.visibility import audit_read, person_rows, trim_case, trim_person
from borderlink.errors import NotFound
from borderlink.store import Store


def case(store: Store, viewer: Viewer, request: CaseRequest) -> CaseView:
    """NotFound when no visible case row or person record carries the number."""
    viewer.require("read")
    no = request.case_no.strip()
    rows = (
        store.query_dicts(
            "SELECT * FROM cases WHERE case_no = ? ORDER BY source, file, record_key", [no]
        )
        if store.table_exists("cases")
        else []
    )
    records = [trim_case(viewer, r) for r in rows]
    records = [r for r in records if "case_no" in r.fields]
    people_rows = (
        person_rows(store, "p.case_no = ?", [no]) if store.table_exists("person_records") else []
    )
    people = []
    entities: dict[str, str] = {}
    for row in people_rows:
        person = trim_person(viewer, row)
        if person is not None and "case_no" in person.fields:
            people.append(person)
            entities[person.record_id] = str(row["entity_id"])
    if not records and not people:
        audit_read(store, viewer, "read_case", no, 0)
        raise NotFound(f"no case {no}", case_no=no)
    exhibits = []
    if store.table_exists("exhibits"):
        ids = [p.record_id for p in people]
        exhibits = [x for x in _exhibits(store, viewer, ids) if x.case_no == no]
    view = CaseView(
        case_no=no,
        records=records,
        people=people,
        entities=entities,
        exhibits=exhibits,
        more_elsewhere=any(r.withheld for r in records + people)
        or any(x.identifier is None for x in exhibits),
    )
    audit_read(store, viewer, "read_case", no, len(people))
    return view
