"""Declarative source mappings (sources/mappings/*.yaml), validated with pydantic.

A mapping says which files a source delivers, how to read them and how each
column becomes a canonical property. Every problem is collected and raised once
as a MappingError naming the mapping file, the YAML path and the bad value, so
a new source or a renamed column is a mapping change, never a code change.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from borderlink.errors import MappingError, SourceError
from borderlink.model.loader import load_model
from borderlink.model.value_types import mapping_types

# The value types a mapping may give a field: the model's registry (model/value_types.py).
FieldType = str


def _inside_folder(pattern: str) -> None:
    """A file or glob names files inside the source folder: relative, without `..`."""
    path = PurePosixPath(pattern.replace("\\", "/"))
    if path.is_absolute() or PureWindowsPath(pattern).drive or pattern.startswith("~"):
        raise ValueError(f"{pattern!r} must be a path inside the source folder, not absolute")
    if ".." in path.parts:
        raise ValueError(f"{pattern!r} must not reach outside the source folder ('..')")
    if not pattern.strip():
        raise ValueError("an empty file name")


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


class PeriodSpec(BaseModel):
    """The span an agency's event dates fall in.

    The data contract names no period for a delivery (no manifest, no dates in file
    names), so the mapping states it: an event dated before `earliest`, or after
    `latest` (by default the day of import), is kept and flagged as a value issue.
    """

    model_config = ConfigDict(extra="forbid")

    earliest: dt.date
    latest: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> PeriodSpec:
        if self.latest is not None and self.latest < self.earliest:
            raise ValueError(f"latest {self.latest} is before earliest {self.earliest}")
        return self


class FieldSpec(BaseModel):
    """One canonical property: from a column (or nested JSON path), a template or a literal."""

    model_config = ConfigDict(extra="forbid")

    column: str | None = None
    template: str | None = None
    literal: str | None = None
    type: FieldType = "text"

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in mapping_types():
            raise ValueError(f"unknown type {value!r}; one of: {', '.join(mapping_types())}")
        return value

    required: bool = False
    type_column: str | None = None
    issuer_column: str | None = None
    values: dict[str, str] = Field(default_factory=dict)
    region_column: str | None = None
    regions: dict[str, str] = Field(default_factory=dict)
    split: Literal["surname_caps_first"] | None = None
    formats: list[str] = Field(default_factory=list)
    # timestamps: the zone a time without UTC offset is read in (IANA name), by default
    # and per value of region_column (e.g. the agency)
    timezone: str | None = None
    timezones: dict[str, str] = Field(default_factory=dict)
    # integers: the smallest believable value (a duration is never negative)
    minimum: int | None = None
    # event dates and times: the delivery's period (outside it: a value issue)
    period: PeriodSpec | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> FieldSpec:
        origins = [o for o in (self.column, self.template, self.literal) if o is not None]
        if len(origins) != 1:
            raise ValueError("give exactly one of column, template, literal")
        if self.split is not None and self.type != "name":
            raise ValueError("split applies to a field of type name only")
        if self.formats and self.type != "date":
            raise ValueError("formats apply to a field of type date only")
        zones = [z for z in (self.timezone, *self.timezones.values()) if z is not None]
        if zones and self.type != "timestamp":
            raise ValueError("timezone applies to a field of type timestamp only")
        for zone in zones:
            if not _known_zone(zone):
                raise ValueError(f"unknown time zone {zone!r} (an IANA name: Asia/Shanghai)")
        if self.minimum is not None and self.type != "integer":
            raise ValueError("minimum applies to a field of type integer only")
        if self.period is not None and self.type not in ("date", "timestamp"):
            raise ValueError("period applies to a field of type date or timestamp only")
        for fmt in self.formats:
            if "%" not in fmt:
                raise ValueError(f"date format {fmt!r} has no strptime directive (%Y, %m, %d)")
        return self


class KeySpec(BaseModel):
    """The record key: a column (as SOURCES.md names it) or the spreadsheet row."""

    model_config = ConfigDict(extra="forbid")

    column: str | None = None
    row: bool = False
    file_name: bool = False
    unique: list[str] = Field(default_factory=list)
    on_duplicate: Literal["quarantine", "first"] = "quarantine"

    @model_validator(mode="after")
    def _one_kind(self) -> KeySpec:
        if sum([self.column is not None, self.row, self.file_name]) != 1:
            raise ValueError("give exactly one of column, row: true, file_name: true")
        return self


class FileSpec(BaseModel):
    """One entry: a file (or glob and sheet) read into one record table."""

    model_config = ConfigDict(extra="forbid")

    file: str | None = None
    glob: str | None = None
    sheet: str | None = None
    format: Literal["csv", "xlsx", "jsonl", "text"]
    encoding: str = "utf-8-sig"
    table: str
    derived: bool = False
    when: str | None = None
    key: KeySpec
    holder: Literal["column", "same_row"] = "column"
    currency: str | None = None
    fields: dict[str, FieldSpec]

    @model_validator(mode="after")
    def _file_or_glob(self) -> FileSpec:
        if (self.file is None) == (self.glob is None):
            raise ValueError("give exactly one of file, glob")
        _inside_folder(self.file if self.file is not None else str(self.glob))
        if self.format == "xlsx" and self.sheet is None:
            raise ValueError("an xlsx entry needs a sheet")
        return self

    def columns_used(self) -> set[str]:
        """Top-level columns the file must have (nested JSON paths are checked per row)."""
        used: set[str] = set()
        for spec in self.fields.values():
            for col in (spec.column, spec.type_column, spec.issuer_column, spec.region_column):
                if col is not None:
                    used.add(col)
        if self.key.column:
            used.add(self.key.column)
        used.update(self.key.unique)
        return used

    def required_columns(self) -> set[str]:
        req = {s.column for s in self.fields.values() if s.required and s.column}
        if self.key.column:
            req.add(self.key.column)
        return req


class SourceMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str
    region: str | None = None
    phone_region: str = "CN"
    description: str = ""
    files: dict[str, FileSpec]
    path: Path | None = None


def _yaml_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc)


def _check_against_model(mapping: SourceMapping, origin: str) -> list[str]:
    """Every target table and property must exist in the canonical model."""
    model = load_model()
    problems: list[str] = []
    tables = {rt.table: rt for rt in model.record_types.values() if rt.provenance}
    for name, spec in mapping.files.items():
        rt = tables.get(spec.table)
        if rt is None:
            problems.append(f"{origin}: files.{name}.table: unknown table {spec.table!r}")
            continue
        props = {p.name for p in rt.properties}
        for fname, fspec in spec.fields.items():
            if fname not in props:
                problems.append(
                    f"{origin}: files.{name}.fields.{fname}: {spec.table} has no property {fname!r}"
                )
            if fspec.split and not {"surname", "given_names"} <= props:
                problems.append(
                    f"{origin}: files.{name}.fields.{fname}.split: "
                    f"{spec.table} has no surname/given_names"
                )
    return problems


def parse_mapping(data: Any, origin: str) -> SourceMapping:
    """Validate a mapping; raise one MappingError listing every problem."""
    try:
        mapping = SourceMapping.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            value = err.get("input")
            shown = value if not isinstance(value, dict) else "{...}"
            lines.append(f"{origin}: {_yaml_path(err['loc'])}: {err['msg']} (value: {shown!r})")
        raise MappingError("; ".join(lines), file=origin, errors=lines) from None
    problems = _check_against_model(mapping, origin)
    if problems:
        raise MappingError("; ".join(problems), file=origin, errors=problems)
    return mapping


def load_mapping_file(path: Path) -> SourceMapping:
    """A user's mapping file (e.g. --mapping new_source.yaml)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"{path}: cannot read mapping: {exc.strerror}", file=str(path)) from None
    except yaml.YAMLError as exc:
        raise MappingError(f"{path}: not valid YAML: {exc}", file=str(path)) from None
    mapping = parse_mapping(data, str(path))
    mapping.path = path
    return mapping


@cache
def packaged_mappings() -> dict[str, SourceMapping]:
    """The mappings shipped with borderlink, by source code."""
    folder = resources.files("borderlink.sources") / "mappings"
    found: dict[str, SourceMapping] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            origin = f"mappings/{entry.name}"
            mapping = parse_mapping(yaml.safe_load(entry.read_text(encoding="utf-8")), origin)
            found[mapping.source] = mapping
    return found


def check_header(
    origin: str,
    entry: str,
    spec: FileSpec,
    file: str,
    header: list[str],
    known: set[str] | None = None,
) -> list[str]:
    """Before the first row: the columns the mapping uses against the file's header.

    A missing required or key column stops the import. A missing optional column
    is what SOURCES.md allows ("a column may be empty in any row"): the field stays
    empty and the absent columns are returned so that the import records them. But
    when the header also holds columns the mapping does not know, the missing one was
    most likely renamed, and reading on would silently drop its values: that stops
    the import too, naming both, so the mapping gets fixed. JSON Lines has no header
    (its keys are those of the first objects, and a writer may leave out a null key):
    there only the required and key columns are checked. `known` is every column the
    entries reading this file use (gx_psb's flat file feeds persons, cases and
    vehicles): a column another entry reads is not unknown.
    """
    present = set(header)
    required = spec.required_columns() | set(spec.key.unique)
    missing_required = sorted(c for c in required if c.split(".")[0] not in present)
    if missing_required:
        raise SourceError(
            f"{file}: missing required column(s) {', '.join(missing_required)} "
            f"(mapping {origin}: files.{entry})",
            file=file,
            columns=missing_required,
        )
    if spec.format == "jsonl":
        return []
    used = spec.columns_used()
    absent = sorted(c for c in used if c.split(".")[0] not in present)
    unknown = [h for h in header if h and h not in used and h not in (known or set())]
    if absent and unknown:
        raise SourceError(
            f"{file}: missing mapped column(s) {', '.join(absent)} while the header has "
            f"column(s) the mapping does not know: {', '.join(unknown)} (renamed? fix mapping "
            f"{origin}: files.{entry}.fields)",
            file=file,
            columns=absent,
            unknown=unknown,
        )
    return absent
