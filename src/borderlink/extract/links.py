"""Tie facts to the workspace's records: case numbers to `cases`, phones (E.164) and
names to `person_records`, and through `clusters` to resolved entities.

A link is a string `case:<case_no>`, `person_record:<record_id>` or `entity:<entity_id>`;
every fact of the sentence where the reference stands carries it. Nothing is linked
when the workspace lacks those tables.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from borderlink.extract.facts import Fact
from borderlink.store import Store
from borderlink.views import CURRENT_CLUSTERS


@dataclass
class Linker:
    """Look-up tables read once from the workspace."""

    cases: set[str] = field(default_factory=set)
    phones: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    entities: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store) -> Linker:
        linker = cls()
        if store.table_exists("cases"):
            linker.cases = {r[0] for r in store.query("SELECT DISTINCT case_no FROM cases")}
        if store.table_exists("person_records"):
            phones: dict[str, list[str]] = defaultdict(list)
            names: dict[str, list[str]] = defaultdict(list)
            columns = set(store.columns("person_records"))
            name_cols = [c for c in ("name", "name_zh") if c in columns]
            select = ", ".join(["record_id", "phone" if "phone" in columns else "NULL", *name_cols])
            for row in store.query(f"SELECT {select} FROM person_records"):
                if row[1]:
                    phones[row[1]].append(row[0])
                for name in row[2:]:
                    if name and len(name.strip()) >= 2:
                        names[name.strip()].append(row[0])
            linker.phones, linker.names = dict(phones), dict(names)
        if store.table_exists("clusters"):
            linker.entities = {r[0]: r[1] for r in store.query(CURRENT_CLUSTERS)}
        return linker

    def links_for(self, fact: Fact) -> list[str]:
        """The records a reference fact (case number, phone, named person) points to."""
        value = str(fact.value or "")
        records: list[str] = []
        if fact.kind == "case_ref":
            return [f"case:{value}"] if value in self.cases else []
        if fact.kind == "phone":
            records = self.phones.get(value, [])
        elif fact.kind == "person":
            records = self.names.get(value, [])
        out = [f"person_record:{r}" for r in records]
        out += sorted({f"entity:{self.entities[r]}" for r in records if r in self.entities})
        return out

    def link(self, facts: list[Fact]) -> list[Fact]:
        """Every fact with the links of the references in its sentence."""
        by_sentence: dict[str, list[str]] = defaultdict(list)
        for fact in facts:
            for link in self.links_for(fact):
                if link not in by_sentence[fact.sentence]:
                    by_sentence[fact.sentence].append(link)
        return [
            f.model_copy(update={"links": by_sentence[f.sentence]})
            if by_sentence.get(f.sentence)
            else f
            for f in facts
        ]
