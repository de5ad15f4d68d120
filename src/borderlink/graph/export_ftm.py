"""FollowTheMoney entities for Aleph: people, documents, syndicates, cases, things, calls.

Each resolved person becomes one `Person` with every written form of the name (Chinese
characters, Latin, pinyin), birth dates, gender and nationality; identity numbers become
`Passport` or `Identification` entities held by the person, addresses `Address` entities,
phones the person's `phone`, and a call pair a `Call` whose caller and receiver are the
phones' holders. Cases are `CourtCase`s (number, offence, opening date, place) with a
`CourtCaseParty` per person; syndicates `Organization`s with `Membership`s; vehicles,
vessels and seized money (`Asset` + `Ownership`) point to the people who held them.

A person or case built from records received under an exchange agreement says so in
`notes`, with the records' handling codes and grading (exchange/marks.py).

Smuggled people are victims: they are exported with their names, birth date,
nationality and cases only (no documents, phones or addresses), the least that lets an
analyst recognise them in Aleph.

Every entity is validated by followthemoney's own schema before anything is written
(required properties present, values clean, references to entities of this file), so a
file that leaves here loads into Aleph (`ftm store` / `alephclient write-entities`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from borderlink.errors import BorderlinkError, InvalidRequest
from borderlink.graph.ftm_facts import PersonFacts, edges, person_facts
from borderlink.model.loader import load_vocabulary
from borderlink.outputs import write_text
from borderlink.store import Store

NS = "borderlink"
GENDER = {"M": "male", "F": "female"}
REGION_COUNTRY = {"GD": "cn", "GX": "cn", "YN": "cn", "HK": "hk"}
DOCUMENT_TYPES = {
    "resident_id": ("Identification", "PRC resident identity card", "cn"),
    "mainland_id": ("Identification", "Mainland travel permit", "cn"),
    "hkid": ("Identification", "Hong Kong identity card", "hk"),
    "recognizance": ("Identification", "Recognizance form", "hk"),
    "passport": ("Passport", "Passport", None),
    "other": ("Identification", "Identity document", None),
}
CUSTOMERS = ("migrant",)
CASE_COLUMNS = (
    ("any_value", "offence"),
    ("min", "opened"),
    ("any_value", "region"),
    ("any_value", "place"),
)


def ftm_missing() -> BorderlinkError:
    return InvalidRequest(
        "format", "the FollowTheMoney export needs the 'ftm' extra: pip install borderlink[ftm]"
    )


def country_codes() -> dict[str, str]:
    """ISO alpha-3 -> lowercase alpha-2, as FollowTheMoney writes countries."""
    return {k: str(v["alpha2"]).lower() for k, v in load_vocabulary("countries").items()}


def _offence_names() -> dict[str, str]:
    return {k: str(v["en"]) for k, v in load_vocabulary("offences").items()}


class _Builder:
    """Makes entities with stable ids and remembers the id of each workspace key."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.ids: dict[tuple[str, str], str] = {}
        self.people: dict[str, Any] = {}
        self.codes = country_codes()

    def make(self, schema: str, *key: str, **props: Any) -> Any:
        entity = self.model.make_entity(schema)
        entity.make_id(NS, schema, *key)
        for name, value in props.items():
            if value is not None and value != []:
                entity.add(name, value)
        return entity

    def keep(self, kind: str, key: str, entity: Any) -> Any:
        self.ids[(kind, key)] = entity.id
        return entity


def _person(b: _Builder, facts: PersonFacts) -> Iterator[Any]:
    customer = facts.role in CUSTOMERS
    person = b.make(
        "Person",
        facts.entity_id,
        name=facts.names or [facts.entity_id],
        lastName=facts.surnames,
        firstName=facts.given_names,
        birthDate=facts.birth_dates,
        gender=[GENDER[s] for s in facts.sexes if s in GENDER],
        nationality=[b.codes[n] for n in facts.nationalities if n in b.codes],
        description=f"role: {facts.role}" if facts.role else None,
        keywords=facts.role,
        phone=[] if customer else facts.phones,
        address=[] if customer else facts.addresses,
    )
    b.people[facts.entity_id] = person
    yield b.keep("person", facts.entity_id, person)
    if customer:
        return
    for id_type, number, issuer in facts.documents:
        schema, label, country = DOCUMENT_TYPES.get(id_type, DOCUMENT_TYPES["other"])
        if country is None and issuer:
            country = b.codes.get(issuer)
        if country is None and facts.nationalities:
            country = b.codes.get(facts.nationalities[0])
        yield b.make(
            schema, id_type, number, holder=person.id, number=number, type=label, country=country
        )


def _cases(b: _Builder, store: Store) -> Iterator[Any]:
    if not store.table_exists("cases"):
        return
    offences = _offence_names()
    have = set(store.columns("cases"))
    cols = ", ".join(
        f"{agg}({c}) AS {c}" if c in have else f"NULL AS {c}" for agg, c in CASE_COLUMNS
    )
    sql = f"SELECT case_no, {cols} FROM cases GROUP BY case_no"
    for row in store.query_dicts(sql):
        offence = offences.get(str(row["offence"]), row["offence"])
        case = b.make(
            "CourtCase",
            str(row["case_no"]),
            name=f"{row['case_no']}: {offence}" if offence else row["case_no"],
            caseNumber=row["case_no"],
            category=offence,
            fileDate=str(row["opened"]) if row["opened"] else None,
            country=REGION_COUNTRY.get(str(row["region"])),
            address=row["place"],
        )
        yield b.keep("case", str(row["case_no"]), case)


def _links(b: _Builder, store: Store, people: dict[str, PersonFacts]) -> Iterator[Any]:
    """Case parties, things held, addresses, employment: one pass over graph_edges.

    Entities are written only once all are made, so a person yielded earlier still
    takes the address entities found here."""
    customers = {k for k, f in people.items() if f.role in CUSTOMERS}
    kinds = ("person_case", "person_vehicle", "person_vessel", "person_address", "employs")
    things: dict[tuple[str, str], Any] = {}
    for e in edges(store, *kinds):
        person = b.ids.get(("person", str(e["a"])))
        attrs = json.loads(str(e["attrs"] or "{}"))
        if person is None:
            continue
        if e["kind"] == "person_case" and ("case", str(e["b"])) not in b.ids:
            b.keep("case", str(e["b"]), case := b.make("CourtCase", str(e["b"]), name=e["b"]))
            yield case
        if e["kind"] == "person_case":
            yield b.make(
                "CourtCaseParty",
                str(e["b"]),
                str(e["a"]),
                case=b.ids[("case", str(e["b"]))],
                party=person,
                role=", ".join(attrs.get("roles") or []) or None,
            )
        elif e["kind"] in ("person_vehicle", "person_vessel"):
            schema = "Vehicle" if e["kind"] == "person_vehicle" else "Vessel"
            key = (schema, str(e["b"]))
            if key not in things:
                things[key] = b.make(schema, str(e["b"]), name=e["b"], registrationNumber=e["b"])
            things[key].add("operator", person)
        elif e["kind"] == "person_address" and str(e["a"]) not in customers:
            key = ("Address", str(e["b"]))
            if key not in things:
                things[key] = b.make("Address", str(e["b"]), full=attrs.get("address"))
            b.people[str(e["a"])].add("addressEntity", things[key].id)
        elif e["kind"] == "employs" and ("person", str(e["b"])) in b.ids:
            yield b.make(
                "Employment", str(e["a"]), str(e["b"]),
                employer=person, employee=b.ids[("person", str(e["b"]))],
            )  # fmt: skip
    yield from things.values()


def _money(b: _Builder, store: Store) -> Iterator[Any]:
    if not store.table_exists("exhibits"):
        return
    sql = (
        "SELECT substr(e.source, 8) AS holder, x.record_id, x.amount, x.currency, x.case_no "
        "FROM graph_edges e JOIN exhibits x ON e.target = 'money:' || x.record_id "
        "WHERE e.kind = 'person_money' ORDER BY x.record_id"
    )
    for row in store.query_dicts(sql):
        owner = b.ids.get(("person", str(row["holder"])))
        if owner is None:
            continue
        amount = f"{row['amount']:,.0f} {row['currency'] or ''}".strip() if row["amount"] else ""
        asset = b.make(
            "Asset",
            str(row["record_id"]),
            name=f"Cash seized {amount} (case {row['case_no']})".replace("  ", " "),
            amount=row["amount"],
            currency=row["currency"],
        )
        yield asset
        yield b.make(
            "Ownership", str(row["record_id"]), owner=owner, asset=asset.id, role="held (seized)"
        )


def _calls(b: _Builder, store: Store, people: dict[str, PersonFacts]) -> Iterator[Any]:
    holders: dict[str, list[str]] = {}
    for e in edges(store, "person_phone"):
        facts = people.get(str(e["a"]))
        if facts is not None and facts.role not in CUSTOMERS:  # record phones and seized ones
            holders.setdefault(str(e["b"]), []).append(b.ids[("person", str(e["a"]))])
            b.people[str(e["a"])].add("phone", str(e["b"]))
    for e in edges(store, "call"):
        facts = json.loads(str(e["attrs"] or "{}"))
        caller, callee = str(e["a"]), str(e["b"])
        yield b.make(
            "Call",
            caller,
            callee,
            callerNumber=caller,
            receiverNumber=callee,
            caller=holders.get(caller, []),
            receiver=holders.get(callee, []),
            duration=facts.get("total_duration_s"),
            startDate=str(facts.get("first") or "")[:10] or None,
            endDate=str(facts.get("last") or "")[:10] or None,
            summary=f"{facts.get('count', 0)} calls",
        )


def _syndicates(b: _Builder, store: Store) -> Iterator[Any]:
    if not store.table_exists("syndicates"):
        return
    for sid, routes in store.query("SELECT syndicate_id, routes FROM syndicates ORDER BY 1"):
        org = b.make(
            "Organization",
            sid,
            name=f"Syndicate {sid}",
            description=f"routes: {routes}" if routes else None,
        )
        yield b.keep("syndicate", sid, org)
    for sid, entity_id, role in store.query(
        "SELECT syndicate_id, entity_id, role FROM syndicate_members ORDER BY 1, 2"
    ):
        member = b.ids.get(("person", entity_id))
        if member is not None:
            yield b.make(
                "Membership",
                sid,
                entity_id,
                organization=b.ids[("syndicate", sid)],
                member=member,
                role=role,
            )


def _node_marks(store: Store) -> dict[str, str]:
    """node_id -> 'handling H1;H2, grading B2' for nodes built from received records."""
    if "handling_codes" not in store.columns("graph_nodes"):
        return {}
    rows = store.query(
        "SELECT node_id, handling_codes, gradings FROM graph_nodes WHERE handling_codes IS NOT NULL"
    )
    return {n: f"handling {h}, grading {g or '-'}" for n, h, g in rows}


def _marked(entity: Any, marks: str | None) -> Any:
    """The entity with its exchange marks in `notes`, which Aleph shows with the entity."""
    if marks and entity.schema.get("notes") is not None:
        entity.add("notes", f"received under an exchange agreement: {marks}")
    return entity


def ftm_entities(store: Store, model: Any) -> Iterator[Any]:
    """Every entity of the export, referenced entities before the ones that point to them."""
    b = _Builder(model)
    people = person_facts(store)
    marks = _node_marks(store)
    for facts in people.values():
        for entity in _person(b, facts):
            yield _marked(entity, marks.get(f"person:{facts.entity_id}"))
    for case in _cases(b, store):
        yield _marked(case, marks.get(f"case:{case.first('caseNumber')}"))
    yield from _syndicates(b, store)
    yield from _links(b, store, people)
    yield from _money(b, store)
    yield from _calls(b, store, people)


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
    merged: dict[str, Any] = {}
    for entity in ftm_entities(store, model):
        if entity.id in merged:  # the same thing reached twice (a vehicle, a case)
            merged[entity.id].merge(entity)
        else:
            merged[entity.id] = entity
    entities = [e.to_dict() for e in merged.values()]
    known = set(merged)
    for data in entities:
        problem = validate_entity(model, data, known)
        if problem:
            raise BorderlinkError(
                f"FollowTheMoney export: invalid entity: {problem}", entity=data["id"]
            )
    lines = (json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n" for data in entities)
    write_text(Path(out), "".join(lines))
    return len(entities)
