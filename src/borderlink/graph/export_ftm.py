"""FollowTheMoney entities for Aleph: people, syndicates, cases, vehicles, vessels, calls.

Every entity is validated by followthemoney's own schema before it is written
(required properties present, values clean, references to entities we wrote),
so a file that leaves here imports into Aleph.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from borderlink.errors import BorderlinkError, InvalidRequest
from borderlink.model.vocab import country_codes as vocabulary_countries
from borderlink.store import Store

NS = "borderlink"


def ftm_missing() -> BorderlinkError:
    return InvalidRequest(
        "format", "the FollowTheMoney export needs the 'ftm' extra: pip install borderlink[ftm]"
    )


def country_codes() -> dict[str, str]:
    """ISO alpha-3 -> lowercase alpha-2 (as FollowTheMoney writes countries), every country
    of the model's vocabulary (Hong Kong, Macao and Taiwan included)."""
    return {k: v.lower() for k, v in vocabulary_countries().items()}


def _entities(store: Store, model: Any) -> Iterator[Any]:
    codes = country_codes()
    people: dict[str, Any] = {}
    person_sql = (
        "SELECT n.entity_id, n.label, n.nationality, r.role, "
        "list(DISTINCT substr(e.target, 7)) FILTER (WHERE e.kind = 'person_phone') "
        "FROM graph_nodes n JOIN entity_roles r USING (entity_id) "
        "LEFT JOIN graph_edges e ON e.source = n.node_id GROUP BY ALL"
    )
    for entity_id, label, nationality, role, phones in store.query(person_sql):
        p = model.make_entity("Person")
        p.make_id(NS, "person", entity_id)
        p.add("name", label or entity_id)
        p.add("nationality", codes.get(nationality or ""))
        p.add("phone", [x for x in phones or [] if x])
        p.add("description", f"role: {role}")
        people[entity_id] = p
        yield p
    syndicates: dict[str, Any] = {}
    for sid, routes in store.query("SELECT syndicate_id, routes FROM syndicates"):
        org = model.make_entity("Organization")
        org.make_id(NS, "syndicate", sid)
        org.add("name", f"Syndicate {sid}")
        org.add("description", f"routes: {routes}" if routes else None)
        syndicates[sid] = org
        yield org
    for sid, entity_id, role in store.query(
        "SELECT syndicate_id, entity_id, role FROM syndicate_members"
    ):
        m = model.make_entity("Membership")
        m.make_id(NS, "member", sid, entity_id)
        m.add("organization", syndicates[sid].id)
        m.add("member", people[entity_id].id)
        m.add("role", role)
        yield m
    cases: dict[str, Any] = {}
    party_sql = (
        "SELECT substr(source, 8), substr(target, 6), attrs FROM graph_edges "
        "WHERE kind = 'person_case'"
    )
    for entity_id, case_no, attrs in store.query(party_sql):
        if case_no not in cases:
            c = model.make_entity("CourtCase")
            c.make_id(NS, "case", case_no)
            c.add("name", case_no)
            c.add("caseNumber", case_no)
            cases[case_no] = c
            yield c
        party = model.make_entity("CourtCaseParty")
        party.make_id(NS, "party", case_no, entity_id)
        party.add("case", cases[case_no].id)
        party.add("party", people[entity_id].id)
        party.add("role", ", ".join(json.loads(attrs or "{}").get("roles") or []) or None)
        yield party
    item_sql = (
        "SELECT substr(source, 8), kind, substr(target, strpos(target, ':') + 1) FROM graph_edges "
        "WHERE kind IN ('person_vehicle', 'person_vessel')"
    )
    for entity_id, kind, identifier in store.query(item_sql):
        schema = "Vehicle" if kind == "person_vehicle" else "Vessel"
        v = model.make_entity(schema)
        v.make_id(NS, kind, identifier, entity_id)
        v.add("name", identifier)
        v.add("registrationNumber", identifier)
        v.add("operator", people[entity_id].id)
        yield v
    call_sql = (
        "SELECT substr(source, 7), substr(target, 7), attrs FROM graph_edges WHERE kind = 'call'"
    )
    for caller, callee, attrs in store.query(call_sql):
        facts = json.loads(attrs or "{}")
        call = model.make_entity("Call")
        call.make_id(NS, "call", caller, callee)
        call.add("callerNumber", caller)
        call.add("receiverNumber", callee)
        call.add("duration", facts.get("total_duration_s"))
        call.add("startDate", str(facts.get("first") or "")[:10] or None)
        call.add("endDate", str(facts.get("last") or "")[:10] or None)
        call.add("summary", f"{facts.get('count', 0)} calls")
        yield call


def validate_entity(model: Any, data: dict[str, Any], known_ids: set[str]) -> str | None:
    """followthemoney's own check, plus required properties and dangling references."""
    schema = model.get(data.get("schema", ""))
    if schema is None:
        return f"unknown schema {data.get('schema')!r}"
    error = schema.validate(data)
    if error:
        return str(error)
    props = data.get("properties", {})
    missing = [name for name in schema.required if not props.get(name)]
    if missing:
        return f"{schema.name} {data['id']} lacks {', '.join(missing)}"
    for name, values in props.items():
        prop = schema.get(name)
        if prop is not None and prop.type.name == "entity":
            dangling = [v for v in values if v not in known_ids]
            if dangling:
                return f"{schema.name} {data['id']}.{name} points to unknown {dangling[0]}"
    return None


def export_ftm(store: Store, out: Path) -> int:
    """Write validated FtM entities as JSON lines; raises on the first invalid one."""
    try:
        from followthemoney import model
    except ImportError as exc:
        raise ftm_missing() from exc
    entities = [e.to_dict() for e in _entities(store, model)]
    known = {e["id"] for e in entities}
    for data in entities:
        problem = validate_entity(model, data, known)
        if problem:
            raise BorderlinkError(
                f"FollowTheMoney export: invalid entity: {problem}", entity=data["id"]
            )
    with Path(out).open("w", encoding="utf-8") as fh:
        for data in entities:
            fh.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
    return len(entities)
