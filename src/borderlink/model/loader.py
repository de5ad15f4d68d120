"""The canonical model: record types read from schema/*.yaml in two passes.

Pass one reads every file; pass two resolves references between record types
(edge targets), so a dangling reference fails at load time with a ModelError
rather than at the first row. The result is frozen: stages read it, never change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from borderlink.errors import ModelError

PROVENANCE: tuple[tuple[str, str], ...] = (
    ("record_id", "VARCHAR PRIMARY KEY"),
    ("source", "VARCHAR NOT NULL"),
    ("file", "VARCHAR NOT NULL"),
    ("path", "VARCHAR NOT NULL"),
    ("record_key", "VARCHAR NOT NULL"),
    ("row_number", "BIGINT NOT NULL"),
    ("run_id", "VARCHAR NOT NULL"),
    ("file_sha256", "VARCHAR NOT NULL"),
)

SQL_TYPES: dict[str, str] = {
    "string": "VARCHAR",
    "text": "VARCHAR",
    "name": "VARCHAR",
    "identifier": "VARCHAR",
    "phone": "VARCHAR",
    "country": "VARCHAR",
    "region": "VARCHAR",
    "role": "VARCHAR",
    "offence": "VARCHAR",
    "sex": "VARCHAR",
    "date": "DATE",
    "timestamp": "TIMESTAMPTZ",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "json": "JSON",
}


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    required: bool

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    via: str | None


@dataclass(frozen=True)
class RecordType:
    name: str
    table: str
    provenance: bool
    label: dict[str, str]
    properties: tuple[Property, ...]
    edge: Edge | None

    @property
    def columns(self) -> list[str]:
        names = [p.name for p in self.properties]
        return ([c for c, _ in PROVENANCE] if self.provenance else []) + names

    def ddl(self) -> str:
        """CREATE TABLE IF NOT EXISTS for this record type (provenance columns first)."""
        cols = list(PROVENANCE) if self.provenance else []
        cols += [(p.name, p.sql_type) for p in self.properties]
        body = ",\n  ".join(f'"{n}" {t}' for n, t in cols)
        return f'CREATE TABLE IF NOT EXISTS "{self.table}" (\n  {body}\n)'


@dataclass(frozen=True)
class Model:
    record_types: dict[str, RecordType]

    def by_table(self, table: str) -> RecordType:
        for rt in self.record_types.values():
            if rt.table == table:
                return rt
        raise ModelError(f"no record type has table {table!r}", table=table)

    def ddl(self) -> list[str]:
        return [rt.ddl() for rt in self.record_types.values()]


def _first_pass(files: dict[str, str]) -> dict[str, dict[str, Any]]:
    raw: dict[str, dict[str, Any]] = {}
    for fname, text in files.items():
        data = yaml.safe_load(text)
        if not isinstance(data, dict) or "name" not in data or "table" not in data:
            raise ModelError(f"schema/{fname}: needs 'name' and 'table'", file=fname)
        raw[str(data["name"])] = {**data, "_file": fname}
    return raw


def _second_pass(raw: dict[str, dict[str, Any]]) -> Model:
    types: dict[str, RecordType] = {}
    for name, data in raw.items():
        fname = data["_file"]
        props = []
        for pname, spec in (data.get("properties") or {}).items():
            ptype = str((spec or {}).get("type", "string"))
            if ptype not in SQL_TYPES:
                raise ModelError(
                    f"schema/{fname}: properties.{pname}.type: unknown type {ptype!r}",
                    file=fname,
                )
            props.append(Property(str(pname), ptype, bool((spec or {}).get("required"))))
        edge = None
        if isinstance(data.get("edge"), dict):
            e = data["edge"]
            for end in ("source", "target"):
                ref = str(e.get(end))
                if ref != "self" and ref not in raw and ref not in {p.name for p in props}:
                    raise ModelError(
                        f"schema/{fname}: edge.{end}: unknown record type or property {ref!r}",
                        file=fname,
                    )
            edge = Edge(str(e["source"]), str(e["target"]), e.get("via"))
        types[name] = RecordType(
            name=name,
            table=str(data["table"]),
            provenance=bool(data.get("provenance", True)),
            label=dict(data.get("label") or {}),
            properties=tuple(props),
            edge=edge,
        )
    return Model(types)


def load_model_from_texts(files: dict[str, str]) -> Model:
    """Build the model from {file name: YAML text} (used by tests with broken schemata)."""
    return _second_pass(_first_pass(files))


@cache
def load_model() -> Model:
    """The packaged model (model/schema/*.yaml)."""
    folder = resources.files("borderlink.model") / "schema"
    files = {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(folder.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".yaml")
    }
    return load_model_from_texts(files)


@cache
def load_vocabulary(name: str) -> dict[str, Any]:
    """A vocabulary file (model/vocabularies/<name>.yaml) as its top-level mapping."""
    path = resources.files("borderlink.model") / "vocabularies" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return dict(data[name])
