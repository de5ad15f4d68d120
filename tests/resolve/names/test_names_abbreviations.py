"""Mohammad as clerks write it on name-only records (issue 11): MD, Md., Mohd, Muhammad..."""

from __future__ import annotations

import pytest

from borderlink.resolve.names import NameInput, name_keys


@pytest.mark.parametrize(
    "written", ["MD", "Md.", "Md", "Mohd", "Muhammad", "Mohammed", "Muhammed", "Mohamad"]
)
def test_abbreviations_of_mohammad_meet_the_full_name(written: str) -> None:
    full = name_keys(NameInput(name="RAHMAN Mohammad Abdul", nationality="BGD"))
    short = name_keys(NameInput(name=f"RAHMAN {written} Abdul", nationality="BGD"))
    assert full & short


def test_dropping_mohammad_is_another_name_key() -> None:
    full = name_keys(NameInput(name="RAHMAN Mohammad Abdul", nationality="BGD"))
    bare = name_keys(NameInput(name="RAHMAN Abdul", nationality="BGD"))
    assert not {k for k in full & bare if k.startswith("ph:")}
