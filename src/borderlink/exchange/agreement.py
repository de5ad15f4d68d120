"""Exchange agreements as data: who may send whom which fields, under which handling code.

Agreements live one per file in `exchange/agreements/*.yaml` (or a folder the
caller names); the code meanings in `exchange/codes.yaml`. Both are checked on
load with pydantic, and every problem is reported at once, naming the file, the
YAML path and the value, so an officer editing an agreement knows what to fix.
The access policy of the web app can point at `load_agreements()` to read the
same terms.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from borderlink.errors import AgreementError
from borderlink.model.loader import load_model

# Record kinds an agreement may release, and the workspace table each reads.
KIND_TABLES: dict[str, str] = {
    "person_records": "person_records",
    "cases": "cases",
    "entities": "entities",
    "links": "graph_edges",
    "decisions": "review_decisions",
}
# Fields of the kinds that are not model record types (their tables are built by stages).
_DERIVED_FIELDS: dict[str, frozenset[str]] = {
    "entities": frozenset(
        {"entity_id", "n_records", "names", "nationality", "dob", "dob_precision", "sources"}
    ),
    "links": frozenset({"source", "target", "kind", "weight", "attrs"}),
    "decisions": frozenset({"record_a", "record_b", "decision", "reason"}),
}


class HandlingCode(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    meaning: str
    court_use: bool
    onward_dissemination: bool


class Codes(BaseModel):
    """The vocabularies every item is marked with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    handling_codes: dict[str, HandlingCode]
    source_reliability: dict[str, str]
    information_grading: dict[str, str]


class Grading(BaseModel):
    """Handling code and grading of the items a sender releases."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    handling_code: str = "H1"
    source_reliability: str = "X"
    information_grade: str = "4"


class Release(BaseModel):
    """One record kind an agreement releases: the fields, and fields withheld by role."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fields: list[str] = Field(min_length=1)
    withheld_for_roles: dict[str, list[str]] = Field(default_factory=dict)

    def fields_for(self, role: str | None) -> list[str]:
        withheld = set(self.withheld_for_roles.get(role or "", []))
        return [f for f in self.fields if f not in withheld]


class Agreement(BaseModel):
    """The terms under which agencies exchange intelligence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    purpose: str
    agencies: list[str] = Field(min_length=2)
    retention_days: int = Field(gt=0)
    restrictions: str = ""
    defaults: Grading = Grading()
    senders: dict[str, Grading] = Field(default_factory=dict)
    releases: dict[str, Release]

    @model_validator(mode="after")
    def _senders_are_parties(self) -> Agreement:
        for agency in self.senders:
            if agency not in self.agencies:
                raise ValueError(f"senders.{agency}: not one of the agreement's agencies")
        return self

    def grading_for(self, sender: str) -> Grading:
        return self.senders.get(sender, self.defaults)

    def require_party(self, agency: str, role: str) -> None:
        if agency not in self.agencies:
            raise AgreementError(
                f"agreement {self.id}: {role} {agency!r} is not a party "
                f"(parties: {', '.join(self.agencies)})",
                agreement=self.id,
                agency=agency,
            )

    def terms_sha256(self) -> str:
        """Hash of the terms: both parties must hold the same agreement to exchange."""
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(top)"


def _value_at(data: Any, loc: tuple[int | str, ...]) -> Any:
    for part in loc:
        in_dict = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and part < len(data)
        if in_dict or in_list:
            data = data[part]
        else:
            return None
    return data


def _raise_all(name: str, data: Any, exc: ValidationError) -> None:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        value = _value_at(data, loc)
        shown = "" if value is None else f" (value: {value!r})"
        problems.append(f"{_where(loc)}: {err['msg']}{shown}")
    raise AgreementError(f"{name}: " + "; ".join(problems), file=name, problems=problems)


def _read_yaml(name: str, text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise AgreementError(f"{name}: not valid YAML: {exc}", file=name) from exc


@cache
def load_codes() -> Codes:
    """The packaged code vocabularies (exchange/codes.yaml)."""
    name = "exchange/codes.yaml"
    text = (resources.files("borderlink.exchange") / "codes.yaml").read_text(encoding="utf-8")
    data = _read_yaml(name, text)
    try:
        return Codes.model_validate(data)
    except ValidationError as exc:
        _raise_all(name, data, exc)
        raise  # unreachable: _raise_all always raises


def _check_terms(name: str, agreement: Agreement, codes: Codes) -> list[str]:
    """Cross-checks pydantic cannot do alone: codes exist, kinds and fields are known."""
    problems: list[str] = []
    gradings = {"defaults": agreement.defaults} | {
        f"senders.{a}": g for a, g in agreement.senders.items()
    }
    for path, g in gradings.items():
        if g.handling_code not in codes.handling_codes:
            problems.append(
                f"{path}.handling_code: unknown code {g.handling_code!r} "
                f"(known: {', '.join(codes.handling_codes)})"
            )
        if g.source_reliability not in codes.source_reliability:
            problems.append(
                f"{path}.source_reliability: unknown grade {g.source_reliability!r} "
                f"(known: {', '.join(codes.source_reliability)})"
            )
        if g.information_grade not in codes.information_grading:
            problems.append(
                f"{path}.information_grade: unknown grade {g.information_grade!r} "
                f"(known: {', '.join(codes.information_grading)})"
            )
    model = load_model()
    for kind, release in agreement.releases.items():
        if kind not in KIND_TABLES:
            problems.append(
                f"releases.{kind}: unknown record kind (known: {', '.join(KIND_TABLES)})"
            )
            continue
        known = _DERIVED_FIELDS.get(kind) or frozenset(model.by_table(KIND_TABLES[kind]).columns)
        for i, field in enumerate(release.fields):
            if field not in known:
                problems.append(f"releases.{kind}.fields.{i}: unknown field {field!r}")
        for role, withheld in release.withheld_for_roles.items():
            for i, field in enumerate(withheld):
                if field not in release.fields:
                    problems.append(
                        f"releases.{kind}.withheld_for_roles.{role}.{i}: {field!r} "
                        "is not among the released fields"
                    )
    if "person_records" not in agreement.releases and "decisions" in agreement.releases:
        problems.append("releases.decisions: needs person_records released too")
    return [f"{name}: {p}" for p in problems]


def parse_agreement(name: str, text: str) -> Agreement:
    """One agreement from its YAML text; `name` is the file shown in errors."""
    data = _read_yaml(name, text)
    if not isinstance(data, dict):
        raise AgreementError(f"{name}: must be a mapping of agreement terms", file=name)
    try:
        agreement = Agreement.model_validate(data)
    except ValidationError as exc:
        _raise_all(name, data, exc)
        raise
    problems = _check_terms(name, agreement, load_codes())
    if problems:
        raise AgreementError("; ".join(problems), file=name, problems=problems)
    return agreement


def packaged_folder() -> Path:
    return Path(str(resources.files("borderlink.exchange") / "agreements"))


def load_agreements(folder: Path | None = None) -> dict[str, Agreement]:
    """Every agreement in `folder` (default: the packaged ones), by id; ids must be unique."""
    folder = folder or packaged_folder()
    if not folder.is_dir():
        raise AgreementError(f"no agreements folder at {folder}", folder=str(folder))
    out: dict[str, Agreement] = {}
    where: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        agreement = parse_agreement(str(path), path.read_text(encoding="utf-8"))
        if agreement.id in out:
            raise AgreementError(
                f"{path}: id: {agreement.id!r} is already used by {where[agreement.id]}",
                file=str(path),
            )
        out[agreement.id] = agreement
        where[agreement.id] = str(path)
    return out


def get_agreement(agreement_id: str, folder: Path | None = None) -> Agreement:
    agreements = load_agreements(folder)
    if agreement_id not in agreements:
        raise AgreementError(
            f"no agreement {agreement_id!r} (known: {', '.join(sorted(agreements)) or 'none'})",
            agreement=agreement_id,
        )
    return agreements[agreement_id]
