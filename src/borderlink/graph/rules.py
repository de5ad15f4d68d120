"""The graph stage's rule files (YAML package data) as typed, validated objects.

Weights live in `graph/rules/*.yaml` so an analyst can read and change them in
review; a typo in a key fails at load with the file and the key named.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from borderlink.errors import ConfigError
from borderlink.model.vocab import (
    chain_roles,
    country_codes,
    customer_roles,
    facilitator_roles,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportedWeights(_Strict):
    specific_weight: float
    facilitator_weight: float
    migrant_kind_weight: float
    named_employer_weight: float


class ExhibitRule(_Strict):
    role: str
    weight: float
    cap: float
    free_items: int = 0


class CallRules(_Strict):
    organiser_min_stages: int
    organiser_weight: float
    recruiter_before_weight: float
    receiver_after_weight: float
    min_calls: int
    between_weight: float = 0.0
    between: dict[str, list[str]] = {}


class GeoRule(_Strict):
    regions: list[str]
    roles: dict[str, float]


class AddressRules(_Strict):
    harbourer_weight: float


class RoleRules(_Strict):
    reported: ReportedWeights
    exhibits: dict[str, ExhibitRule]
    exhibit_role_cap: float  # all seized items pointing to one role together weigh at most this
    calls: CallRules
    geography: dict[str, GeoRule]
    default_facilitator_role: str
    addresses: AddressRules

    # The roles are the model's vocabulary (model/vocabularies/chain_roles.yaml).
    def exhibits_roles(self) -> set[str]:
        return {rule.role for rule in self.exhibits.values()}

    @property
    def roles(self) -> list[str]:
        return list(chain_roles())

    @property
    def facilitator_roles(self) -> list[str]:
        return list(facilitator_roles())

    @property
    def customer_roles(self) -> list[str]:
        return list(customer_roles())


class EdgeWeights(_Strict):
    co_offending: float
    call: float
    shared_item: float
    shared_address: float
    shared_customer: float
    customer_link_cap: int
    # A customer ties two facilitators only when it dealt with both (arrested with each)
    # within this many days, in different cases; None: at any time, and through calls too.
    customer_window_days: int | None = None


class LeidenSettings(_Strict):
    engine: Literal["igraph", "leidenalg"] = "igraph"
    objective: Literal["modularity", "CPM"] = "modularity"
    resolution: float
    iterations: int
    seed: int
    max_size: int = 300
    max_splits: int = 3


class KeyPlayerSettings(_Strict):
    k: int
    candidates: int


class RouteSettings(_Strict):
    order: list[str]
    min_share: float


class ChainSettings(_Strict):
    window_days: int = 90  # a customer reaching the next group within this many days
    min_customers: int = 2  # customers a hand-over needs before it is shown


class LinkingRules(_Strict):
    edge_weights: EdgeWeights
    max_case_size: int
    max_address_size: int
    leiden: LeidenSettings
    min_syndicate_size: int
    stable_id_min_jaccard: float
    key_players: KeyPlayerSettings
    route: RouteSettings
    chain: ChainSettings = ChainSettings()

    @property
    def countries(self) -> dict[str, str]:
        """ISO alpha-3 -> the two-letter code routes use, for every country of the vocabulary."""
        return country_codes()


def _load(name: str) -> dict[str, Any]:
    text = resources.files("borderlink.graph").joinpath("rules", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError(f"graph/rules/{name}: expected a mapping at the top", file=name)
    return data


class GephiStyle(_Strict):
    role_colours: dict[str, str]
    kind_colours: dict[str, str]
    size_base: float
    size_key_player: float


T = TypeVar("T", bound=BaseModel)


def _validated(model: type[T], name: str) -> T:
    try:
        return model.model_validate(_load(name))
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"graph/rules/{name}: {key}: {first['msg']}", file=name, key=key) from exc


@cache
def role_rules() -> RoleRules:
    """Role inference weights from graph/rules/roles.yaml."""
    rules = _validated(RoleRules, "roles.yaml")
    named = {rules.default_facilitator_role, *rules.exhibits_roles()}
    named |= {r for geo in rules.geography.values() for r in geo.roles}
    unknown = named - set(rules.roles)
    if unknown or rules.default_facilitator_role not in rules.facilitator_roles:
        raise ConfigError(
            f"graph/rules/roles.yaml: unknown roles {sorted(unknown)}; the roles are "
            "model/vocabularies/chain_roles.yaml's",
            file="roles.yaml",
        )
    return rules


@cache
def linking_rules() -> LinkingRules:
    """Community, key-player and route settings from graph/rules/linking.yaml."""
    return _validated(LinkingRules, "linking.yaml")


@cache
def gephi_style() -> GephiStyle:
    """Colours, sizes and edge directions of graph exports, from graph/rules/gephi.yaml."""
    return _validated(GephiStyle, "gephi.yaml")
