"""Agreements as data: the default loads; a bad file names file, path and value."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from borderlink.errors import AgreementError
from borderlink.exchange.agreement import get_agreement, load_agreements, packaged_folder


def _write(folder: Path, name: str, **changes: object) -> Path:
    data = yaml.safe_load((packaged_folder() / "joint-operation.yaml").read_text("utf-8"))
    data.update(changes)
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_default_joint_operation_binds_the_five_agencies() -> None:
    a = get_agreement("joint-operation")
    assert a.agencies == ["gd_psb", "gx_psb", "yn_psb", "hk_police", "hk_immd"]
    assert a.defaults.handling_code == "H1" and a.retention_days == 1825
    assert "address" not in a.releases["person_records"].fields
    assert "phone" not in a.releases["person_records"].fields_for("migrant")
    assert "phone" in a.releases["person_records"].fields_for("organiser")


def test_unknown_codes_and_fields_are_all_named(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "bad.yaml",
        defaults={"handling_code": "H9", "source_reliability": "E", "information_grade": "2"},
        releases={"person_records": {"fields": ["name", "shoe_size"]}, "phones": {"fields": ["x"]}},
    )
    with pytest.raises(AgreementError) as err:
        load_agreements(tmp_path)
    text = str(err.value)
    assert "bad.yaml: defaults.handling_code: unknown code 'H9'" in text
    assert "defaults.source_reliability: unknown grade 'E'" in text
    assert "releases.person_records.fields.1: unknown field 'shoe_size'" in text
    assert "releases.phones: unknown record kind" in text


def test_pydantic_problems_name_path_and_value(tmp_path: Path) -> None:
    _write(tmp_path, "bad.yaml", retention_days=-3, agencies=["gd_psb"])
    with pytest.raises(AgreementError, match=r"bad\.yaml: .*retention_days: .*\(value: -3\)"):
        load_agreements(tmp_path)


def test_withheld_field_must_be_released_and_sender_a_party(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "bad.yaml",
        senders={"macau_psp": {"handling_code": "H0"}},
        releases={
            "person_records": {"fields": ["name"], "withheld_for_roles": {"migrant": ["dob"]}}
        },
    )
    with pytest.raises(AgreementError, match=r"senders\.macau_psp: not one of the agreement"):
        load_agreements(tmp_path)
    _write(
        tmp_path,
        "bad.yaml",
        releases={
            "person_records": {"fields": ["name"], "withheld_for_roles": {"migrant": ["dob"]}}
        },
    )
    with pytest.raises(AgreementError, match=r"withheld_for_roles\.migrant\.0: 'dob' is not among"):
        load_agreements(tmp_path)


def test_duplicate_ids_and_unknown_id_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml")
    _write(tmp_path, "b.yaml")
    with pytest.raises(AgreementError, match=r"b\.yaml: id: 'joint-operation' is already used"):
        load_agreements(tmp_path)
    with pytest.raises(AgreementError, match="no agreement 'nope' \\(known: joint-operation\\)"):
        get_agreement("nope")


def test_terms_hash_changes_with_the_terms(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", retention_days=30)
    assert (
        load_agreements(tmp_path)["joint-operation"].terms_sha256()
        != get_agreement("joint-operation").terms_sha256()
    )
