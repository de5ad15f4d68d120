"""Pair helpers shared by the name-key tests (imported as a plain module)."""

from __future__ import annotations

from borderlink.resolve.names import NameInput, name_keys


def keys_of(name: str | NameInput) -> frozenset[str]:
    """Keys of a bare name string or a full NameInput."""
    return name_keys(name if isinstance(name, NameInput) else NameInput(name))


def share(a: str | NameInput, b: str | NameInput) -> bool:
    """True when two names meet on at least one key."""
    return bool(keys_of(a) & keys_of(b))
