"""The access policy as data: which agency sees which fields of whose records.

The policy file (access/policy.yaml by default) is validated on load against the
data model, so a misspelt field or agency fails at startup naming the file, the
YAML path and the value, never by silently showing or hiding a field. Every read
in borderlink.browse asks this object, so the API, the web pages, exports and
search obey one rule set.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from borderlink.errors import ConfigError
from borderlink.model.loader import load_model

Role = Literal["analyst", "supervisor", "admin"]
Permission = Literal["read", "decide", "run_jobs", "audit"]
ROLES: tuple[Role, ...] = ("analyst", "supervisor", "admin")
# Always shown: where a record came from (the provenance a reader needs to ask for more).
PROVENANCE_FIELDS = ("record_id", "source", "file", "record_key")


class AgencySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    en: str
    zh: str
    sources: list[str] = Field(default_factory=list)
    sees_everything: bool = False


class RecordFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    shared: list[str]
    migrant_shared: list[str]


class CaseFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    shared: list[str]


class ExhibitFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    identifier_kinds: list[str]


class Agreement(BaseModel):
    """One agency lets another see more of its records (added by the exchange issue)."""

    model_config = ConfigDict(extra="forbid")

    owner: str
    to: str
    person_fields: list[str] = Field(default_factory=list)


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    agencies: dict[str, AgencySpec]
    person_records: RecordFields
    cases: CaseFields
    exhibits: ExhibitFields
    permissions: dict[Permission, list[Role]]
    agreements: list[Agreement] = Field(default_factory=list)

    # -- questions the reads ask --------------------------------------------------------
    def agency_of_source(self, source: str) -> str | None:
        for name, spec in self.agencies.items():
            if source in spec.sources:
                return name
        return None

    def sees_everything(self, agency: str) -> bool:
        spec = self.agencies.get(agency)
        return bool(spec and spec.sees_everything)

    def owns(self, agency: str, source: str) -> bool:
        return source in self.agencies[agency].sources if agency in self.agencies else False

    def person_fields(self, agency: str, source: str, role: str | None) -> frozenset[str] | None:
        """Fields of a person record `agency` may see; None means every field."""
        if self.sees_everything(agency) or self.owns(agency, source):
            return None
        owner = self.agency_of_source(source)
        if role == "migrant":
            fields = set(self.person_records.migrant_shared)
        else:
            fields = set(self.person_records.shared)
            for agreement in self.agreements:
                if agreement.owner == owner and agreement.to == agency:
                    fields |= set(agreement.person_fields)
        return frozenset(fields)

    def case_fields(self, agency: str, source: str) -> frozenset[str] | None:
        if self.sees_everything(agency) or self.owns(agency, source):
            return None
        return frozenset(self.cases.shared)

    def exhibit_identifier_visible(self, agency: str, source: str, kind: str | None) -> bool:
        if self.sees_everything(agency) or self.owns(agency, source):
            return True
        return (kind or "") in self.exhibits.identifier_kinds

    def allows(self, role: str, permission: Permission) -> bool:
        return role in self.permissions.get(permission, [])


def _check_fields(where: str, fields: list[str], known: set[str], file: str) -> None:
    for i, name in enumerate(fields):
        if name not in known:
            raise ConfigError(
                f"{file}: {where}[{i}]: unknown field {name!r}", file=file, path=where, value=name
            )


def _validate(policy: Policy, file: str) -> Policy:
    model = load_model()
    person = set(model.by_table("person_records").columns)
    case = set(model.by_table("cases").columns)
    _check_fields("policy.person_records.shared", policy.person_records.shared, person, file)
    _check_fields(
        "policy.person_records.migrant_shared", policy.person_records.migrant_shared, person, file
    )
    _check_fields("policy.cases.shared", policy.cases.shared, case, file)
    for i, agreement in enumerate(policy.agreements):
        for end in ("owner", "to"):
            value = getattr(agreement, end)
            if value not in policy.agencies:
                raise ConfigError(
                    f"{file}: policy.agreements[{i}].{end}: unknown agency {value!r}",
                    file=file,
                    path=f"policy.agreements[{i}].{end}",
                    value=value,
                )
        _check_fields(
            f"policy.agreements[{i}].person_fields", agreement.person_fields, person, file
        )
    seen: dict[str, str] = {}
    for name, spec in policy.agencies.items():
        for j, source in enumerate(spec.sources):
            if source in seen:
                raise ConfigError(
                    f"{file}: policy.agencies.{name}.sources[{j}]: source {source!r} "
                    f"already belongs to {seen[source]}",
                    file=file,
                    path=f"policy.agencies.{name}.sources[{j}]",
                    value=source,
                )
            seen[source] = name
    return policy


def parse_policy(text: str, file: str) -> Policy:
    """A policy from YAML text; every problem names the file, the YAML path and the value."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{file}: not valid YAML: {exc}", file=file) from exc
    if not isinstance(data, dict) or not isinstance(data.get("policy"), dict):
        raise ConfigError(f"{file}: needs a top-level 'policy' mapping", file=file)
    try:
        policy = Policy.model_validate(data["policy"])
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(["policy", *(str(p) for p in first["loc"])])
        value: Any = first.get("input")
        raise ConfigError(
            f"{file}: {path}: {first['msg']} (value {value!r})", file=file, path=path
        ) from exc
    return _validate(policy, file)


def load_policy(path: Path | None = None) -> Policy:
    """The policy at `path`, or the packaged default of the joint operation."""
    if path is None:
        return default_policy()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read policy: {exc.strerror}", file=str(path)) from exc
    return parse_policy(text, str(path))


@cache
def default_policy() -> Policy:
    text = (resources.files("borderlink.access") / "policy.yaml").read_text(encoding="utf-8")
    return parse_policy(text, "access/policy.yaml")
