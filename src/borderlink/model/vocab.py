"""Lookup tables built from the vocabularies: raw text -> code."""

from __future__ import annotations

from functools import cache

from borderlink.model.loader import load_vocabulary


def _key(text: str) -> str:
    return text.strip().casefold().replace("（", "(").replace("）", ")")


@cache
def offence_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, spec in load_vocabulary("offences").items():
        for text in [code, spec.get("en", ""), spec.get("zh", ""), *spec.get("texts", [])]:
            if text:
                index[_key(text)] = code
    return index


@cache
def country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, spec in load_vocabulary("countries").items():
        for text in [code, spec.get("en", ""), spec.get("zh", ""), *spec.get("names", [])]:
            if text:
                index[_key(text)] = code
    return index


@cache
def role_index() -> dict[str, tuple[str, str | None]]:
    return {
        _key(raw): (str(spec["role"]), spec.get("migrant_kind"))
        for raw, spec in load_vocabulary("roles").items()
    }


def offence_code(raw: str | None) -> str | None:
    return offence_index().get(_key(raw)) if raw else None


def country_code(raw: str | None) -> str | None:
    return country_index().get(_key(raw)) if raw else None


def role_code(raw: str | None) -> tuple[str | None, str | None]:
    if not raw:
        return None, None
    return role_index().get(_key(raw), (None, None))


@cache
def _plain(name: str) -> dict[str, str]:
    return {_key(k): str(v) for k, v in load_vocabulary(name).items()}


def exhibit_kind(raw: str | None) -> str | None:
    return _plain("exhibit_kinds").get(_key(raw)) if raw else None


def outcome_code(raw: str | None) -> str | None:
    return _plain("outcomes").get(_key(raw)) if raw else None


@cache
def _alpha2() -> dict[str, str]:
    return {
        code: str(spec["alpha2"])
        for code, spec in load_vocabulary("countries").items()
        if spec.get("alpha2")
    }


def country_alpha2(code: str | None) -> str | None:
    """ISO alpha-2 (the phone region) of an alpha-3 nationality code."""
    return _alpha2().get(code) if code else None


@cache
def chain_roles() -> tuple[str, ...]:
    """The nine roles in the smuggling chain, in the chain's order (chain_roles.yaml)."""
    return tuple(load_vocabulary("chain_roles"))


@cache
def facilitator_roles() -> tuple[str, ...]:
    """The seven roles of syndicate members (migrants and employers are customers)."""
    return tuple(r for r, spec in load_vocabulary("chain_roles").items() if spec["facilitator"])


@cache
def customer_roles() -> tuple[str, ...]:
    return tuple(r for r in chain_roles() if r not in facilitator_roles())


def role_label(role: str, lang: str = "en") -> str:
    """A role's label in English or Chinese; an unknown role is shown as it is."""
    spec = load_vocabulary("chain_roles").get(role)
    return str(spec[lang]) if spec else role


@cache
def regions() -> tuple[str, ...]:
    """The four regions of the operation (GD, GX, YN, HK)."""
    return tuple(load_vocabulary("regions"))


def region_chain_stages() -> dict[str, int]:
    """Each region's position along the smuggling chain, origin side first (1, 2, 3)."""
    return {code: int(v["chain_stage"]) for code, v in load_vocabulary("regions").items()}


def country_codes() -> dict[str, str]:
    """ISO alpha-3 -> alpha-2 for every country the vocabulary knows."""
    return dict(_alpha2())
