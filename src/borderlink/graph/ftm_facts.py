"""What the FollowTheMoney export says about each person, read from the workspace.

The graph tables hold one label per person; Aleph needs every written form of the name
(characters, Latin, pinyin), birth dates, identity documents, addresses and phones, so
these are gathered here from `person_records` through the clusters the last analysis
used. Columns a workspace lacks (a hand-built test world) simply give no values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from borderlink.store import Store

PERSON_COLUMNS = (
    "name",
    "name_zh",
    "name_pinyin",
    "surname",
    "given_names",
    "sex",
    "dob",
    "dob_precision",
    "nationality",
    "id_type",
    "id_number",
    "id_issuer",
    "phone",
    "address",
)


@dataclass
class PersonFacts:
    """Everything the records say about one resolved person (values kept in record order)."""

    entity_id: str
    role: str | None = None
    names: list[str] = field(default_factory=list)
    surnames: list[str] = field(default_factory=list)
    given_names: list[str] = field(default_factory=list)
    sexes: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    documents: list[tuple[str, str, str | None]] = field(default_factory=list)  # type, no, issuer
    phones: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)


def _add(values: list[str], value: object) -> None:
    text = str(value).strip() if value is not None else ""
    if text and text not in values:
        values.append(text)


def _date_text(dob: object, precision: object) -> str | None:
    """A birth date as FtM writes partial dates: 1985-03-07, 1985-03 or 1985."""
    if dob is None:
        return None
    iso = str(dob)[:10]
    return {"month": iso[:7], "year": iso[:4]}.get(str(precision), iso)


def _entity_sql(store: Store) -> str:
    """person_records with the entity each record belongs to in the last analysis."""
    have = set(store.columns("person_records"))
    cols = ", ".join(f"p.{c}" if c in have else f"NULL AS {c}" for c in PERSON_COLUMNS)
    entity = "'rec:' || p.record_id"
    join = ""
    if store.table_exists("clusters"):
        entity = "coalesce(c.entity_id, 'rec:' || p.record_id)"
        join = (
            "LEFT JOIN clusters c ON c.record_id = p.record_id AND c.resolve_run_id = "
            "(SELECT resolve_run_id FROM analyse_runs ORDER BY finished_at DESC LIMIT 1)"
        )
    return (
        f"SELECT {entity} AS entity_id, {cols} FROM person_records p {join} "
        "ORDER BY entity_id, p.source, p.file, p.record_id"
    )


def person_facts(store: Store) -> dict[str, PersonFacts]:
    """entity_id -> its facts, for every person node of the graph."""
    people: dict[str, PersonFacts] = {}
    for entity_id, role in store.query(
        "SELECT n.entity_id, r.role FROM graph_nodes n "
        "LEFT JOIN entity_roles r USING (entity_id) WHERE n.kind = 'person' ORDER BY 1"
    ):
        people[entity_id] = PersonFacts(entity_id=entity_id, role=role)
    for row in store.query_dicts(_entity_sql(store)):
        facts = people.get(row["entity_id"])
        if facts is None:
            continue
        for key in ("name", "name_zh", "name_pinyin"):
            _add(facts.names, row[key])
        _add(facts.surnames, row["surname"])
        _add(facts.given_names, row["given_names"])
        _add(facts.sexes, row["sex"])
        _add(facts.birth_dates, _date_text(row["dob"], row["dob_precision"]))
        _add(facts.nationalities, row["nationality"])
        _add(facts.phones, row["phone"])
        _add(facts.addresses, row["address"])
        if row["id_number"]:
            doc = (str(row["id_type"] or "other"), str(row["id_number"]), row["id_issuer"])
            if doc not in facts.documents:
                facts.documents.append(doc)
    for facts in people.values():  # 1992 and 1992-08 say less than 1992-08-14
        facts.birth_dates = [
            d
            for d in facts.birth_dates
            if not any(o != d and o.startswith(d) for o in facts.birth_dates)
        ]
    return people


def edges(store: Store, *kinds: str) -> Iterator[dict[str, object]]:
    """graph_edges of the given kinds, with the key after `<kind>:` of each end."""
    marks = ", ".join("?" for _ in kinds)
    sql = (
        "SELECT kind, substr(source, strpos(source, ':') + 1) AS a, "
        "substr(target, strpos(target, ':') + 1) AS b, weight, attrs FROM graph_edges "
        f"WHERE kind IN ({marks}) ORDER BY kind, source, target"
    )
    yield from store.query_dicts(sql, list(kinds))
