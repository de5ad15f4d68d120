"""Hong Kong English names: surname first, in capitals."""

from __future__ import annotations

import pytest

from borderlink.model.types import split_surname_caps


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CHAN Tai-man", ("CHAN", "Tai-man")),
        ("AU YEUNG Ka-wai", ("AU YEUNG", "Ka-wai")),
        ("NGUYEN  Van Hung", ("NGUYEN", "Van Hung")),
        ("RAFIQ Mohammad", ("RAFIQ", "Mohammad")),
        ("CHAN, Tai Man", ("CHAN", "Tai Man")),
    ],
)
def test_split_surname_caps_when_the_convention_shows_it(
    name: str, expected: tuple[str, str]
) -> None:
    assert split_surname_caps(name) == expected


@pytest.mark.parametrize("name", ["MOHAMMAD RAFIQ", "Chan Tai Man", "CHAN", "陳大文", "", None])
def test_split_surname_caps_none_when_it_cannot_be_told(name: str | None) -> None:
    assert split_surname_caps(name) == (None, None)
