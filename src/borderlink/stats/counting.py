"""The counting rules (rules/counting.yaml): what is an arrest, a stowaway, a group broken up.

They are data so that an analyst can read and change a definition without touching SQL;
the same texts are printed with the figures and in the report's method section.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, Field

from borderlink.model.loader import load_vocabulary


class Label(BaseModel):
    en: str
    zh: str

    def text(self, lang: str) -> str:
        """The label in `lang` ('en', 'zh'; 'both' gives 'English 中文')."""
        if lang == "zh":
            return self.zh
        if lang == "both":
            return f"{self.en} {self.zh}"
        return self.en


class FigureRule(BaseModel):
    en: str
    zh: str
    unit: str
    rule_en: str
    rule_zh: str

    @property
    def label(self) -> Label:
        return Label(en=self.en, zh=self.zh)


class StowawayRule(BaseModel):
    methods: list[str] = Field(default_factory=list)
    offences: list[str] = Field(default_factory=list)


class CountingRules(BaseModel):
    arrest_events: list[str]
    domestic_nationalities: list[str]
    stowaway: StowawayRule
    group_min_members_arrested: int = Field(ge=1)
    regions: dict[str, list[str]]
    figures: dict[str, FigureRule]
    dimensions: dict[str, Label]
    agencies: dict[str, Label]


@cache
def counting_rules() -> CountingRules:
    """The rules shipped with the package, validated once."""
    text = resources.files("borderlink.stats").joinpath("rules/counting.yaml").read_text("utf-8")
    return CountingRules.model_validate(yaml.safe_load(text))


@cache
def _vocabulary_labels(name: str) -> dict[str, Label]:
    return {
        code: Label(en=str(spec.get("en", code)), zh=str(spec.get("zh", code)))
        for code, spec in load_vocabulary(name).items()
    }


def value_label(dimension: str, key: str | None) -> Label:
    """Readable label of one breakdown key (a region, agency, country, offence code...)."""
    if key is None or key == "unknown":
        return Label(en="unknown", zh="不明")
    table: dict[str, Label] = {}
    if dimension == "region":
        table = _vocabulary_labels("regions")
    elif dimension == "origin":
        table = _vocabulary_labels("countries")
    elif dimension == "offence":
        table = _vocabulary_labels("offences")
    elif dimension == "agency":
        table = counting_rules().agencies
    if key == "unattributed":
        return Label(en="not linked to a syndicate", zh="未关联团伙")
    return table.get(key, Label(en=key, zh=key))
