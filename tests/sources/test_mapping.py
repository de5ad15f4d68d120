"""Mappings: packaged ones load; a wrong one names the file and the key to fix."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from borderlink.errors import MappingError, SourceError
from borderlink.sources.mapping import FileSpec, check_header, packaged_mappings, parse_mapping

BASE: dict[str, Any] = {
    "source": "x",
    "files": {
        "persons": {
            "file": "p.jsonl",
            "format": "jsonl",
            "table": "person_records",
            "key": {"column": "record_id"},
            "fields": {
                "name": {"column": "name", "type": "name", "split": "surname_caps_first"},
                "case_no": {"column": "case", "required": True},
                "address": {"column": "address"},
            },
        }
    },
}


def test_packaged_mappings_cover_every_source() -> None:
    found = packaged_mappings()
    for source in ("gd_psb", "gx_psb", "yn_psb", "hk_police", "hk_immd", "calls", "reports"):
        assert source in found
    name = found["hk_police"].files["persons"].fields["name"]
    assert name.split == "surname_caps_first"


def test_parse_mapping_split_on_non_name_field_names_the_key() -> None:
    data = copy.deepcopy(BASE)
    data["files"]["persons"]["fields"]["dob"] = {
        "column": "d",
        "type": "date",
        "split": "surname_caps_first",
    }
    with pytest.raises(MappingError, match=r"m.yaml: files.persons.fields.dob: .*split"):
        parse_mapping(data, "m.yaml")


def test_parse_mapping_split_needs_surname_columns_in_the_table() -> None:
    data = {
        "source": "x",
        "files": {
            "cases": {
                "file": "c.csv",
                "format": "csv",
                "table": "cases",
                "key": {"row": True},
                "fields": {
                    "summary": {"column": "s", "type": "name", "split": "surname_caps_first"}
                },
            }
        },
    }
    with pytest.raises(
        MappingError, match=r"files.cases.fields.summary.split: cases has no surname"
    ):
        parse_mapping(data, "m.yaml")


def test_check_header_jsonl_needs_only_required_and_key_columns() -> None:
    spec = FileSpec.model_validate(BASE["files"]["persons"])
    check_header("m.yaml", "persons", spec, "p.jsonl", ["record_id", "case", "name"])
    with pytest.raises(SourceError, match=r"p.jsonl: missing required column\(s\) case"):
        check_header("m.yaml", "persons", spec, "p.jsonl", ["record_id", "name", "address"])


def test_check_header_csv_returns_absent_optional_columns() -> None:
    entry = {**BASE["files"]["persons"], "format": "csv", "file": "p.csv"}
    spec = FileSpec.model_validate(entry)
    assert check_header("m.yaml", "persons", spec, "p.csv", ["record_id", "case", "name"]) == [
        "address"
    ]
    assert check_header("m.yaml", "persons", spec, "p.csv", ["record_id", "case"]) == [
        "address",
        "name",
    ]
    full = ["record_id", "case", "name", "address"]
    assert check_header("m.yaml", "persons", spec, "p.csv", full) == []


def test_check_header_csv_missing_required_column_stops() -> None:
    entry = {**BASE["files"]["persons"], "format": "csv", "file": "p.csv"}
    spec = FileSpec.model_validate(entry)
    with pytest.raises(SourceError, match=r"p.csv: missing required column\(s\) case"):
        check_header("m.yaml", "persons", spec, "p.csv", ["record_id", "name", "address"])


def test_check_header_csv_renamed_column_stops_naming_both() -> None:
    entry = {**BASE["files"]["persons"], "format": "csv", "file": "p.csv"}
    spec = FileSpec.model_validate(entry)
    with pytest.raises(
        SourceError,
        match=r"p.csv: missing mapped column\(s\) address while the header has column\(s\) "
        r"the mapping does not know: addr \(renamed\? fix mapping m.yaml: files.persons.fields\)",
    ):
        check_header("m.yaml", "persons", spec, "p.csv", ["record_id", "case", "name", "addr"])


def test_parse_mapping_date_formats_need_a_directive() -> None:
    data = copy.deepcopy(BASE)
    data["files"]["persons"]["fields"]["dob"] = {"column": "d", "type": "date", "formats": ["YYYY"]}
    with pytest.raises(MappingError, match=r"files.persons.fields.dob: .*'YYYY'"):
        parse_mapping(data, "m.yaml")
