"""The linkage model as data: settings/*.yaml validated and compiled to a Splink settings dict.

Comparisons, blocking rules, training plan and thresholds are reviewed in git
as YAML; this module only checks them (naming the file and key on error) and
turns them into the dictionary Splink's Linker takes.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

from borderlink.errors import ConfigError

SETTINGS_PACKAGE = "borderlink.resolve.settings"


class Prior(BaseModel):
    model_config = {"extra": "forbid"}
    m: float = Field(gt=0, lt=1)
    u: float = Field(gt=0, lt=1)


class Level(BaseModel):
    model_config = {"extra": "forbid"}
    label: str
    sql: str
    is_null: bool = False
    prior: Prior | None = None


class ComparisonSpec(BaseModel):
    model_config = {"extra": "forbid"}
    description: str
    levels: list[Level] = Field(min_length=2)

    @model_validator(mode="after")
    def _ends_with_else(self) -> ComparisonSpec:
        if self.levels[-1].sql.strip().upper() != "ELSE":
            raise ValueError("the last level must be 'ELSE'")
        return self


class BlockingSpec(BaseModel):
    model_config = {"extra": "forbid"}
    name: str
    sql: str
    explode: list[str] = []


class DeterministicSpec(BaseModel):
    model_config = {"extra": "forbid"}
    rules: list[str] = Field(min_length=1)
    recall: float = Field(gt=0, le=1)


class EmSession(BaseModel):
    model_config = {"extra": "forbid"}
    blocking: str
    max_pairs: float = Field(gt=0)


class TrainingSpec(BaseModel):
    model_config = {"extra": "forbid"}
    min_records: int = Field(ge=2)
    m_floor: float = Field(gt=0, lt=0.1)
    seed: int
    u_max_pairs: float = Field(gt=0)
    deterministic: DeterministicSpec
    em: list[EmSession] = Field(min_length=1)


class FollowOn(BaseModel):
    """One agency's record followed by another's action on the same person."""

    model_config = {"extra": "forbid"}
    first: str  # source of the arrest
    then: str  # source of the follow-on action
    max_days: int = Field(ge=0)


class Thresholds(BaseModel):
    model_config = {"extra": "forbid"}
    match: float = Field(gt=0, lt=1)
    review_low: float = Field(ge=0, lt=1)
    review_high: float = Field(gt=0, le=1)
    floor: float = Field(ge=0, lt=1)
    # A pair between this and `match` is linked when its two cases share a companion
    # (collective.py); 1.0 turns that off.
    companion: float = Field(default=1.0, gt=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.floor <= self.review_low < self.review_high:
            raise ValueError("need floor <= review_low < review_high")
        return self


class ModelSpec(BaseModel):
    """One linkage model: comparisons by name, blocking, training plan, thresholds."""

    model_config = {"extra": "forbid"}
    name: str = ""
    comparisons: list[str] = Field(min_length=1)
    blocking: list[BlockingSpec] = Field(min_length=1)
    common_key_holders: int = Field(ge=1)
    fuzzy_key_max_records: int = Field(ge=2)
    training: TrainingSpec
    thresholds: Thresholds
    follow_ons: list[FollowOn] = []  # arrests and the next agency's action (collective.py)


def _read_yaml(file: str) -> Any:
    text = resources.files(SETTINGS_PACKAGE).joinpath(file).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _config_error(file: str, exc: ValidationError) -> ConfigError:
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
    return ConfigError(f"resolve/settings/{file}: {problems}", file=file)


@cache
def comparison_specs() -> dict[str, ComparisonSpec]:
    """Every comparison defined in settings/comparisons.yaml, by name."""
    raw = _read_yaml("comparisons.yaml")
    out: dict[str, ComparisonSpec] = {}
    for name, body in raw.items():
        try:
            out[name] = ComparisonSpec.model_validate(body)
        except ValidationError as exc:
            raise _config_error(f"comparisons.yaml ({name})", exc) from exc
    return out


@cache
def load_spec(name: str = "person") -> ModelSpec:
    """The model settings/<name>.yaml, checked against the comparisons it names."""
    file = f"{name}.yaml"
    try:
        raw = _read_yaml(file)
    except FileNotFoundError as exc:
        raise ConfigError(f"no resolve model '{name}' (resolve/settings/{file})") from exc
    try:
        spec = ModelSpec.model_validate({**raw, "name": name})
    except ValidationError as exc:
        raise _config_error(file, exc) from exc
    unknown = [c for c in spec.comparisons if c not in comparison_specs()]
    if unknown:
        raise ConfigError(
            f"resolve/settings/{file}: comparisons: unknown {', '.join(unknown)}", file=file
        )
    return spec


def _comparison_dict(name: str, spec: ComparisonSpec) -> dict[str, Any]:
    levels: list[dict[str, Any]] = []
    for level in spec.levels:
        entry: dict[str, Any] = {
            "sql_condition": level.sql.strip(),
            "label_for_charts": level.label,
        }
        if level.is_null:
            entry["is_null_level"] = True
        elif level.prior is not None:
            entry["m_probability"] = level.prior.m
            entry["u_probability"] = level.prior.u
        levels.append(entry)
    return {
        "output_column_name": name,
        "comparison_description": spec.description,
        "comparison_levels": levels,
    }


def splink_settings(spec: ModelSpec, prior: float = 1e-4) -> dict[str, Any]:
    """The Splink settings dict (dedupe over the feature table, keyed by record_id)."""
    comparisons = comparison_specs()
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": False,
        "comparisons": [_comparison_dict(c, comparisons[c]) for c in spec.comparisons],
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": b.sql, "arrays_to_explode": b.explode or None} for b in spec.blocking
        ],
        "max_iterations": 20,
        "em_convergence": 0.0001,
    }
