"""The extraction rules as typed objects, loaded once from the YAML files in rules/.

Vocabularies, qualifiers, gazetteer, agencies, origins and routes are data so that an
analyst can add a word or a place without touching code; this module only compiles
them into regular expressions and checks their shape.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from borderlink.errors import ConfigError

RULES_FOLDER = "rules"  # package data of borderlink.extract (pyproject ships **/*.yaml)


class Thing(BaseModel):
    what: str
    unit: str
    en: list[str] = []
    zh: list[str] = []
    verbs: dict[str, dict[str, list[str]]] = {}


class Measure(BaseModel):
    units: list[str]
    default: str | None = None


class Place(BaseModel):
    name: str
    type: str
    region: str
    en: list[str] = []
    zh: list[str] = []


class Agency(BaseModel):
    name: str
    region: str
    source: str | None = None  # the export source the agency delivers (hk_police, gd_psb...)
    en: list[str] = []
    zh: list[str] = []


class Origin(BaseModel):
    value: str
    route: str
    en: list[str] = []
    zh: list[str] = []


def _load(name: str) -> dict[str, Any]:
    text = (
        resources.files("borderlink.extract")
        .joinpath(RULES_FOLDER, name)
        .read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError(f"extract rules {name}: expected a mapping at the top", file=name)
    return data


_LOOKAROUND = re.compile(r"\(\?<?[!=][^)]*\)")


def alternation(patterns: list[str]) -> str:
    """One regex alternation, longest pattern first so the fullest phrase wins.

    Lookarounds do not count towards the length: they match no text.
    """
    ordered = sorted(patterns, key=lambda p: len(_LOOKAROUND.sub("", p)), reverse=True)
    return "|".join(f"(?:{p})" for p in ordered)


class Rules(BaseModel):
    """All extraction rules, validated."""

    things: list[Thing]
    measures: dict[str, Measure]
    qualifiers: dict[str, dict[str, list[str]]]
    changes: dict[str, dict[str, list[str]]]
    places: list[Place]
    agencies: list[Agency]
    origins: list[Origin]
    roles: dict[str, dict[str, list[str]]]
    route_cues: dict[str, list[str]]
    route_connectors: dict[str, list[str]]
    route_methods: dict[str, dict[str, list[str]]]

    def thing(self, what: str) -> Thing | None:
        for thing in self.things:
            if thing.what == what or what in thing.verbs:
                return thing
        return None

    def unit_of(self, what: str) -> str | None:
        thing = self.thing(what)
        return thing.unit if thing else None


def _places(gazetteer: dict[str, Any]) -> list[Place]:
    regions = [
        Place(name=spec["name"], type="region", region=code, en=spec["en"], zh=spec["zh"])
        for code, spec in gazetteer["regions"].items()
    ]
    return regions + [Place(**p) for p in gazetteer["places"]]


@cache
def rules() -> Rules:
    """The rules shipped in rules/*.yaml (cached: they do not change during a run)."""
    try:
        things = _load("things.yaml")
        routes = _load("routes.yaml")
        return Rules(
            things=things["things"],
            measures=things["measures"],
            qualifiers={k: _str_keys(v) for k, v in _load("qualifiers.yaml").items()},
            changes=_load("changes.yaml"),
            places=_places(_load("gazetteer.yaml")),
            agencies=_load("agencies.yaml")["agencies"],
            origins=_load("origins.yaml")["origins"],
            roles=_load("roles.yaml")["roles"],
            route_cues=routes["cues"],
            route_connectors=routes["connectors"],
            route_methods=routes["methods"],
        )
    except (ValidationError, KeyError, TypeError) as exc:
        raise ConfigError(f"extract rules are malformed: {exc}") from exc


def _str_keys(table: dict[Any, list[str]]) -> dict[str, list[str]]:
    # YAML reads the key `null` as None: it stands for "read, but no qualifier".
    return {("none" if k is None else str(k)): v for k, v in table.items()}


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile once; the rules are matched against every sentence."""
    return re.compile(pattern, flags)
