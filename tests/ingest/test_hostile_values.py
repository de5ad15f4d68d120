"""Normalisers and row transforms under hostile values: a value, a value issue or a
quarantined row; never an exception, never a hang."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

from borderlink.ingest.plausible import implausible_date, read_integer, read_timestamp
from borderlink.ingest.transform import transform
from borderlink.model.types import check_hkid, check_phone, infer_id_type, parse_date
from borderlink.sources.mapping import FileSpec, packaged_mappings

CALLS = packaged_mappings()["calls"].files["calls"]
GD_PERSONS = packaged_mappings()["gd_psb"].files["persons"]
COLUMNS = frozenset({"caller_valid", "callee_valid", "phone_valid"})


def _calls(**values: str) -> tuple[dict[str, object], dict[str, str]]:
    row = {"caller": "", "callee": "", "start": "", "duration_s": "", "agency": "gd_psb"}
    row.update(values)
    rec, issues = transform(CALLS, row, "CN", COLUMNS)
    return rec, {i.column: i.reason for i in issues}


@pytest.mark.parametrize("raw", ["¹³⁸¹²³⁴⁵⁶⁷⁸", "１３８１２３４５６７８", "٠١٢٣", "+" + "9" * 500])
def test_odd_digits_in_a_phone_never_raise(raw: str) -> None:
    assert check_phone(raw, "CN").e164 is None or raw.startswith("１")


@pytest.mark.parametrize("raw", ["inf", "-inf", "1e400", "nan", "9" * 20, "1" * 5000, "12abc"])
def test_odd_numbers_in_a_duration_are_value_issues(raw: str) -> None:
    rec, issues = _calls(duration_s=raw)
    assert "duration_s" not in rec and "duration_s" in issues


def test_negative_duration_is_a_value_issue() -> None:
    rec, issues = _calls(duration_s="-5")
    assert "duration_s" not in rec and issues["duration_s"] == "below the minimum (0)"


@pytest.mark.parametrize("raw", ["0000", "0000年", "0000-01-01", "00000101", "9" * 10_000])
def test_year_zero_and_huge_dates_do_not_parse(raw: str) -> None:
    assert parse_date(raw) is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2099-12-31", "date in the future"),
        ("9999-12-31", "date in the future"),
        ("0001-01-01", "date before 1900"),
    ],
)
def test_implausible_birth_dates_are_kept_and_flagged(raw: str, reason: str) -> None:
    parsed = parse_date(raw)
    assert parsed is not None and implausible_date("dob", parsed[0]) == reason
    row = {c: "" for c in GD_PERSONS.columns_used()}
    row.update({"案件编号": "GD-1", "人员编号": "P1", "出生日期": raw})
    rec, issues = transform(GD_PERSONS, row, "CN", COLUMNS)
    assert rec["dob"] == parsed[0] and ("dob", reason) in {(i.column, i.reason) for i in issues}


def test_time_without_offset_is_read_in_the_agency_zone() -> None:
    rec, issues = _calls(start="2018-02-11T23:14:05")
    assert rec["start_at"] == dt.datetime(2018, 2, 11, 15, 14, 5, tzinfo=dt.UTC)
    rec, _ = _calls(start="2018-02-11T23:14:05", agency="hk_police")
    assert rec["start_at"] == dt.datetime(2018, 2, 11, 15, 14, 5, tzinfo=dt.UTC)
    rec, _ = _calls(start="2018-02-11T23:14:05+00:00")
    assert rec["start_at"] == dt.datetime(2018, 2, 11, 23, 14, 5, tzinfo=dt.UTC)
    assert not issues


@pytest.mark.parametrize("raw", ["-0001-01-01T00:00:00", "0001-01-01T00:00:00+08:00", "x" * 99])
def test_year_one_and_before_christ_times_are_value_issues(raw: str) -> None:
    rec, issues = _calls(start=raw)
    assert "start_at" not in rec and "start_at" in issues


def test_time_without_offset_and_without_zone_is_a_value_issue() -> None:
    value, problem = read_timestamp("2018-02-11T23:14:05", None)
    assert value is None and problem is not None and "offset" in problem


def test_read_integer_accepts_what_it_should() -> None:
    assert read_integer("42") == (42, None)
    assert read_integer("42.0") == (42, None)
    assert read_integer(" 7 ") == (7, None)


def test_hkid_of_120000_characters_is_checked_in_linear_time() -> None:
    raw = "A" * 60_000 + "(" + "B" * 60_000 + ")x"
    start = time.monotonic()
    _, problems = check_hkid(raw)
    infer_id_type(raw, None)
    assert problems and "longer than" in problems[0]
    assert time.monotonic() - start < 1


def test_huge_values_in_every_field_are_cleaned_quickly() -> None:
    row = {c: "A" * 60_000 + "(" + "9" * 60_000 + ")x" for c in GD_PERSONS.columns_used()}
    row["出生日期"] = "1" * 100_000
    start = time.monotonic()
    _, issues = transform(GD_PERSONS, row, "CN", COLUMNS)
    assert time.monotonic() - start < 5
    assert any(i.column == "id_number" and "longer than" in i.reason for i in issues)


def test_mapping_rejects_an_unknown_time_zone() -> None:
    from pydantic import ValidationError

    data = CALLS.model_dump()
    data["fields"]["start_at"]["timezone"] = "Mars/Olympus"
    with pytest.raises(ValidationError, match="unknown time zone"):
        FileSpec.model_validate(data)


GD_CASES = packaged_mappings()["gd_psb"].files["cases"]
HK_EVENTS = packaged_mappings()["hk_immd"].files["events"]


def _case_opened(raw: str, file: FileSpec = GD_CASES) -> tuple[object, set[tuple[str, str]]]:
    row = {"案件编号": "GD-1", "案件类别": "", "立案日期": raw, "发案地点": "", "简要案情": ""}
    rec, issues = transform(file, row, "CN", COLUMNS)
    return rec.get("opened"), {(i.column, i.reason) for i in issues}


def test_event_dates_outside_the_delivery_period_are_kept_and_flagged() -> None:
    """The mapping states the period (SOURCES.md gives none): from 2000 to the import."""
    opened, issues = _case_opened("1999-12-31")
    assert opened == dt.date(1999, 12, 31)
    assert issues == {("opened", "event date before the delivery's period (from 2000-01-01)")}
    opened, issues = _case_opened("2000-01-01")
    assert opened == dt.date(2000, 1, 1) and not issues
    # a date in the future is already implausible for any date, and says so
    _, issues = _case_opened((dt.date.today() + dt.timedelta(days=2)).isoformat())
    assert issues == {("opened", "date in the future")}


def test_a_stated_end_of_the_period_flags_later_events() -> None:
    data = GD_CASES.model_dump()
    data["fields"]["opened"]["period"] = {"earliest": "2016-01-01", "latest": "2019-07-31"}
    spec = FileSpec.model_validate(data)
    opened, issues = _case_opened("2019-08-01", spec)
    assert opened == dt.date(2019, 8, 1)
    assert issues == {("opened", "event date after the delivery's period (to 2019-07-31)")}
    assert _case_opened("2019-07-31", spec)[1] == set()
    assert _case_opened("2015-12-31", spec)[1] == {
        ("opened", "event date before the delivery's period (from 2016-01-01)")
    }


def test_call_times_outside_the_period_are_kept_and_flagged() -> None:
    rec, issues = _calls(start="1999-12-31T10:00:00+08:00")
    assert rec["start_at"] == dt.datetime(1999, 12, 31, 2, 0, tzinfo=dt.UTC)
    assert issues == {"start_at": "event date before the delivery's period (from 2000-01-01)"}
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    rec, issues = _calls(start=soon.isoformat())
    assert rec["start_at"] == soon
    assert issues == {"start_at": "event date after the delivery's period (to the day of import)"}


def test_an_event_before_the_person_was_born_is_flagged() -> None:
    row = {"record_id": "IMMD-1", "event": "overstay", "surname": "NGUYEN"}
    row.update({"event_date": "2017-03-05", "date_of_birth": "2018-01-02"})
    rec, issues = transform(HK_EVENTS, row, "HK", COLUMNS)
    assert rec["event_date"] == dt.date(2017, 3, 5) and rec["dob"] == dt.date(2018, 1, 2)
    assert {(i.column, i.reason) for i in issues} == {
        ("event_date", "event date before the person's birth")
    }
    row["date_of_birth"] = "2017-03-05"
    assert not transform(HK_EVENTS, row, "HK", COLUMNS)[1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "text"}, "period applies to a field of type date or timestamp only"),
        (
            {"period": {"earliest": "2019-01-01", "latest": "2018-01-01"}},
            "latest 2018-01-01 is before earliest 2019-01-01",
        ),
    ],
)
def test_mapping_rejects_a_period_that_cannot_apply(change: dict[str, Any], message: str) -> None:
    from pydantic import ValidationError

    data = GD_CASES.model_dump()
    data["fields"]["opened"].update(change)
    with pytest.raises(ValidationError, match=message):
        FileSpec.model_validate(data)
