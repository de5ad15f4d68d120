"""Scenarios: the shape of a synthetic world, as YAML shipped in synth/scenarios/.

A scenario file may `extends` another and override top-level keys (a `noise` block is
merged key by key). Loading validates with pydantic and turns any problem into an
InvalidRequest naming the scenario, because the scenario is a command-line option.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from borderlink.errors import InvalidRequest


class Noise(BaseModel):
    """Rates of clerical noise, each a probability per written value."""

    model_config = ConfigDict(extra="forbid")
    typo: float = Field(ge=0, le=1, description="name typos and homophone slips")
    date_swap: float = Field(ge=0, le=1, description="day and month swapped")
    partial_date: float = Field(ge=0, le=1, description="year-only birth dates")
    missing: float = Field(ge=0, le=1, description="empty optional fields")
    id_error: float = Field(ge=0, le=1, description="ID numbers copied wrongly")
    spelling_variant: float = Field(ge=0, le=1, description="another spelling of a name word")
    alias_use: float = Field(ge=0, le=1, description="an organiser gives an alias")


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    description: str
    start: date
    end: date
    journey_volume: dict[int, float]
    enforcement: dict[int, float]
    routes: dict[str, float]
    origins: dict[str, dict[str, float]]
    hk_based_share: float = Field(ge=0, le=1)
    interception: dict[str, float]
    journeys_per_syndicate: tuple[int, int]
    group_size: dict[str, tuple[int, int]]
    takedown_share: float = Field(ge=0, le=1)
    retry_share: float = Field(ge=0, le=1)
    independent: dict[str, float]
    noise: Noise

    @field_validator("routes")
    @classmethod
    def _routes_have_a_method(cls, routes: dict[str, float]) -> dict[str, float]:
        for route in routes:
            path, _, method = route.partition(":")
            if method not in {"sea", "land"} or ">" not in path:
                raise ValueError(f"route {route!r} must look like 'VN>GX>GD>HK:sea'")
        return routes


def available_scenarios() -> list[str]:
    folder = resources.files("borderlink.synth").joinpath("scenarios")
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def _raw(name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    if name not in available_scenarios():
        known = ", ".join(available_scenarios())
        raise InvalidRequest("scenario", f"unknown scenario {name!r} (known: {known})")
    if name in seen:
        raise InvalidRequest("scenario", f"scenario {name!r} extends itself")
    path = resources.files("borderlink.synth").joinpath("scenarios", f"{name}.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    parent = data.pop("extends", None)
    if parent is None:
        return data
    merged = _raw(str(parent), (*seen, name))
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def load_scenario(name: str) -> Scenario:
    """The named scenario, validated; InvalidRequest if unknown or inconsistent."""
    try:
        return Scenario.model_validate(_raw(name))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidRequest("scenario", f"scenario {name!r}: {where}: {first['msg']}") from exc
