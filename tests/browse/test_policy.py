"""The policy file: the default loads, and every mistake names file, path and value."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderlink.access import default_policy, load_policy
from borderlink.errors import ConfigError


def test_default_policy_withholds_ids_phones_addresses_from_other_agencies() -> None:
    p = default_policy()
    other = p.person_fields("gd_psb", "hk_police", "organiser")
    assert other is not None and {"name", "dob", "nationality", "role", "case_no"} <= other
    assert not {"id_number", "id_raw", "phone", "phone_raw", "address"} & other
    assert p.person_fields("hk_police", "hk_police", "organiser") is None  # own records
    assert p.person_fields("task_force", "hk_police", "migrant") is None
    migrant = p.person_fields("gd_psb", "hk_immd", "migrant")
    assert migrant is not None and "name" not in migrant and "dob" not in migrant
    assert p.exhibit_identifier_visible("gd_psb", "hk_police", "vehicle")
    assert not p.exhibit_identifier_visible("gd_psb", "hk_police", "phone")


def _write(tmp_path: Path, old: str, new: str) -> Path:
    text = (Path(__file__).parents[2] / "src/borderlink/access/policy.yaml").read_text("utf-8")
    assert old in text
    path = tmp_path / "policy.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_unknown_field_names_file_path_and_value(tmp_path: Path) -> None:
    path = _write(tmp_path, "shared: [name,", "shared: [nmae,")
    with pytest.raises(
        ConfigError, match=r"policy\.yaml: policy\.person_records\.shared\[0\].*'nmae'"
    ):
        load_policy(path)


def test_agreement_with_unknown_agency_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "agreements: []",
        "agreements: [{owner: hk_police, to: mi5, person_fields: [phone]}]",
    )
    with pytest.raises(ConfigError, match=r"policy\.agreements\[0\]\.to: unknown agency 'mi5'"):
        load_policy(path)


def test_agreement_adds_fields_for_one_agency(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "agreements: []",
        "agreements: [{owner: hk_police, to: gd_psb, person_fields: [phone]}]",
    )
    p = load_policy(path)
    assert "phone" in (p.person_fields("gd_psb", "hk_police", "organiser") or set())
    assert "phone" not in (p.person_fields("gx_psb", "hk_police", "organiser") or set())


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "  agreements: []", "  agreements: []\n  colour: red")
    with pytest.raises(ConfigError, match=r"policy\.colour"):
        load_policy(path)
