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
from borderlink.model.value_types import sql_types

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

# Type name -> column type: the one registry of value types (model/value_types.py).
SQL_TYPES: dict[str, str] = sql_types()

# The stages that own tables, in pipeline order (`stage:` of each schema file).
STAGES = ("workspace", "ingest", "resolve", "graph", "extract", "exchange", "access")


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    required: bool
    description: str = ""
    key: bool = False  # the table's primary key

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]


@dataclass(frozen=True)
class EdgeKind:
    """One kind of link-graph edge (graph_edges.kind), declared under a record type's edge:."""

    name: str
    record_type: str  # the record type that declares it (whose rows give the edge)
    label: dict[str, str]
    directed: bool  # reads differently each way (employer -> employee, caller -> callee)
    from_nodes: tuple[str, ...]  # node kinds at the source end
    to_nodes: tuple[str, ...]  # node kinds at the target end
    exhibits: tuple[str, ...] = ()  # exhibit kinds (exhibits.kind) that give this edge
    used: bool = True  # False: declared but deliberately not built by the graph
    description: str = ""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    via: str | None
    kinds: tuple[EdgeKind, ...] = ()


@dataclass(frozen=True)
class RecordType:
    name: str
    table: str
    provenance: bool
    label: dict[str, str]
    properties: tuple[Property, ...]
    edge: Edge | None
    stage: str = "ingest"
    description: str = ""

    @property
    def columns(self) -> list[str]:
        names = [p.name for p in self.properties]
        return ([c for c, _ in PROVENANCE] if self.provenance else []) + names

    def ddl(self) -> str:
        """CREATE TABLE IF NOT EXISTS for this record type (provenance columns first)."""
        cols = list(PROVENANCE) if self.provenance else []
        cols += [(p.name, p.sql_type + (" PRIMARY KEY" if p.key else "")) for p in self.properties]
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

    def ddl(self, stage: str | None = None) -> list[str]:
        """CREATE TABLE IF NOT EXISTS for every table (of one stage, when given)."""
        return [rt.ddl() for rt in self.tables(stage)]

    def tables(self, stage: str | None = None) -> list[RecordType]:
        """Every declared table (of one stage), in pipeline order, then by name."""
        found = [rt for rt in self.record_types.values() if stage is None or rt.stage == stage]
        return sorted(found, key=lambda rt: (STAGES.index(rt.stage), rt.table))

    def edge_kinds(self) -> dict[str, EdgeKind]:
        """Every graph edge kind the record types declare, by name (the one registry)."""
        return {
            k.name: k
            for rt in self.record_types.values()
            if rt.edge is not None
            for k in rt.edge.kinds
        }

    def column_types(self, table: str) -> dict[str, str]:
        """Column -> SQL type of a declared table (provenance columns included)."""
        rt = self.by_table(table)
        cols = dict(PROVENANCE) if rt.provenance else {}
        cols = {c: t.split()[0] for c, t in cols.items()}
        return cols | {p.name: p.sql_type for p in rt.properties}


def _first_pass(files: dict[str, str]) -> dict[str, dict[str, Any]]:
    raw: dict[str, dict[str, Any]] = {}
    for fname, text in files.items():
        data = yaml.safe_load(text)
        if not isinstance(data, dict) or "name" not in data or "table" not in data:
            raise ModelError(f"schema/{fname}: needs 'name' and 'table'", file=fname)
        raw[str(data["name"])] = {**data, "_file": fname}
    return raw


def _names(fname: str, path: str, value: Any, allowed: set[str]) -> tuple[str, ...]:
    """A list of names from YAML; ModelError names the file, path and bad value."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ModelError(
            f"schema/{fname}: {path}: needs a list of names, got {value!r}", file=fname
        )
    for v in value:
        if v not in allowed:
            known = ", ".join(sorted(allowed)) or "none declared"
            raise ModelError(f"schema/{fname}: {path}: unknown {v!r}; one of {known}", file=fname)
    return tuple(value)


KIND_KEYS = {"label", "directed", "from", "to", "exhibits", "used", "description"}


def _edge_kinds(
    fname: str, record_type: str, spec: Any, node_kinds: set[str]
) -> tuple[EdgeKind, ...]:
    """The graph edge kinds under a record type's `edge.kinds`.

    Their ends must be node kinds (graph_node.yaml `node_kinds`), their exhibits kinds
    of the exhibit_kinds vocabulary.
    """
    if spec is None:
        return ()
    exhibit_kinds = set(load_vocabulary("exhibit_kinds").values())
    if not isinstance(spec, dict):
        raise ModelError(f"schema/{fname}: edge.kinds: needs a mapping of kind names", file=fname)
    kinds = []
    for kname, k in spec.items():
        path = f"edge.kinds.{kname}"
        if not isinstance(k, dict):
            raise ModelError(f"schema/{fname}: {path}: needs a mapping", file=fname)
        unknown = set(k) - KIND_KEYS
        if unknown:
            raise ModelError(
                f"schema/{fname}: {path}: unknown key {sorted(unknown)[0]!r}; "
                f"one of {', '.join(sorted(KIND_KEYS))}",
                file=fname,
            )
        for flag in ("directed", "used"):
            if not isinstance(k.get(flag, False), bool):
                raise ModelError(
                    f"schema/{fname}: {path}.{flag}: needs true or false, got {k[flag]!r}",
                    file=fname,
                )
        label = k.get("label")
        if not isinstance(label, dict) or not label.get("en"):
            raise ModelError(f"schema/{fname}: {path}.label: needs an 'en' label", file=fname)
        kinds.append(
            EdgeKind(
                name=str(kname),
                record_type=record_type,
                label={str(a): str(b) for a, b in label.items()},
                directed=bool(k.get("directed", False)),
                from_nodes=_names(fname, f"{path}.from", k.get("from"), node_kinds),
                to_nodes=_names(fname, f"{path}.to", k.get("to"), node_kinds),
                exhibits=_names(fname, f"{path}.exhibits", k.get("exhibits", []), exhibit_kinds),
                used=bool(k.get("used", True)),
                description=str(k.get("description", "")),
            )
        )
    return tuple(kinds)


def _second_pass(raw: dict[str, dict[str, Any]]) -> Model:
    types: dict[str, RecordType] = {}
    node_kinds = {str(n) for data in raw.values() for n in data.get("node_kinds") or []}
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
            spec = spec or {}
            props.append(
                Property(
                    str(pname),
                    ptype,
                    bool(spec.get("required")),
                    str(spec.get("description", "")),
                    bool(spec.get("key")),
                )
            )
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
            kinds = _edge_kinds(fname, name, e.get("kinds"), node_kinds)
            edge = Edge(str(e["source"]), str(e["target"]), e.get("via"), kinds)
        stage = str(data.get("stage", "ingest"))
        if stage not in STAGES:
            raise ModelError(
                f"schema/{fname}: stage: unknown stage {stage!r}; one of {', '.join(STAGES)}",
                file=fname,
            )
        types[name] = RecordType(
            name=name,
            table=str(data["table"]),
            provenance=bool(data.get("provenance", True)),
            label=dict(data.get("label") or {}),
            properties=tuple(props),
            edge=edge,
            stage=stage,
            description=" ".join(str(data.get("description", "")).split()),
        )
    seen: dict[str, str] = {}
    for rt in types.values():
        for kind in rt.edge.kinds if rt.edge else ():
            if kind.name in seen:
                raise ModelError(
                    f"schema/{raw[rt.name]['_file']}: edge.kinds.{kind.name}: declared "
                    f"already by {seen[kind.name]}",
                    file=raw[rt.name]["_file"],
                )
            seen[kind.name] = rt.name
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
