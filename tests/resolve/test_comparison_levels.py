"""The strongest name level on hand-built pairs: when a 'key of one person' may vouch for a pair.

The level's SQL (settings/comparisons.yaml) is run as the model runs it, with
the resolve macros, on two feature rows written out by hand.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from borderlink.resolve.backends.duckdb import scratch_store
from borderlink.resolve.spec import comparison_specs

ONE_PERSON = "keys meet (a key of one person)"


def _record(
    keys: dict[str, int],
    dob: str | None = None,
    precision: str | None = "day",
    nationality: str = "VNM",
    expected: float = 0.1,
    passport: str | None = None,
    id_kind: str = "passport",
) -> dict[str, Any]:
    """Feature columns of one record; dob as YYYYMMDD (or YYYYMM / YYYY with its precision).

    `keys` maps each name key to its holders; every key gets `expected` as its
    count expected from name frequencies.
    """
    year = int(dob[:4]) if dob else None
    return {
        "name_keys": sorted(keys),
        "key_holders": [keys[k] for k in sorted(keys)],
        "key_expected": [expected for _ in keys],
        "rare_keys": sorted(k for k, holders in keys.items() if holders <= 8),
        "dob_ymd": dob if dob and precision == "day" else None,
        "dob_ym": dob[:6] if dob and precision in ("day", "month") else None,
        "dob_year": year,
        "dob_precision": precision if dob else None,
        "nationality": nationality,
        "id_kind": id_kind if passport else None,
        "id_check": id_kind in ("cn_resident", "hkid") if passport else None,
        "id_number": passport,
    }


def _level_of(left: dict[str, Any], right: dict[str, Any], comparison: str = "name_keys") -> str:
    """The label of the first level of `comparison` that holds for the pair."""
    columns: dict[str, list[Any]] = {}
    for side, rec in (("l", left), ("r", right)):
        for name, value in rec.items():
            columns[f"{name}_{side}"] = [value]
    types = {
        "name_keys": pa.list_(pa.string()),
        "rare_keys": pa.list_(pa.string()),
        "key_holders": pa.list_(pa.int32()),
        "key_expected": pa.list_(pa.float64()),
    }
    table = pa.table(
        {
            name: pa.array(values, types.get(name.rsplit("_", 1)[0]))
            for name, values in columns.items()
        }
    )
    levels = comparison_specs()[comparison].levels
    with scratch_store(threads=1) as store:
        store.register("_pair", table)
        for level in levels:
            if level.sql.strip() == "ELSE":
                return level.label
            if store.query(f"SELECT coalesce(({level.sql}), false) FROM _pair")[0][0]:
                return level.label
    return "none"


# 阮氏庄 in characters: its pinyin and Cantonese keys are unique in the workspace,
# but its Vietnamese reading NGUYEN THI TRANG is held by three people.
TRANG_ZH = {"py:ruan|shi zhuang": 1, "vi:nguyen|thi trang": 3, "yue:yuen|see jong": 1}
TRANG_ZH_TOO = {"py:ruan|shi zhuang": 1, "vi:nguyen|thi trang": 3}


def test_one_person_level_holds_for_a_unique_name_with_one_side_undated() -> None:
    keys = {"py:xu|peng dong": 1, "vi:xu|pengdong": 1}
    left = _record(keys, "19800412", nationality="CHN")
    right = _record(keys, None, nationality="CHN")
    assert _level_of(left, right) == ONE_PERSON


def test_one_person_level_refused_when_name_frequencies_predict_a_namesake() -> None:
    # LI QIANG: seen with one birth year, but a frequent surname and given name.
    keys = {"py:li|qiang": 1}
    left = _record(keys, "19900101", nationality="CHN", expected=0.6)
    right = _record(keys, None, nationality="CHN", expected=0.6)
    assert _level_of(left, right) == "keys meet (distinctive key)"
    rare = _record(keys, None, nationality="CHN", expected=0.3)
    assert _level_of(_record(keys, "19900101", nationality="CHN", expected=0.3), rare) == ONE_PERSON


def test_one_person_level_refused_when_the_vietnamese_reading_is_shared_by_several() -> None:
    left = _record(TRANG_ZH, "19730809")
    right = _record(TRANG_ZH_TOO, None)
    assert _level_of(left, right) == "keys meet (distinctive key)"


def test_one_person_level_keeps_a_vietnamese_name_whose_reading_is_one_persons() -> None:
    keys = {"py:pei|shi feng": 1, "vi:bui|thi phuong": 1}
    assert _level_of(_record(keys, None), _record(keys, "19950101")) == ONE_PERSON


def test_one_person_level_ignores_the_vietnamese_reading_of_a_chinese_national() -> None:
    # A Chinese national's Sino-Vietnamese reading is not the name they are known by.
    left = _record(TRANG_ZH, "19730809", nationality="CHN")
    right = _record(TRANG_ZH_TOO, None, nationality="CHN")
    assert _level_of(left, right) == ONE_PERSON


def test_one_person_level_refused_when_full_birth_dates_disagree_in_the_same_year() -> None:
    # The key counts as one person's because both holders were born in 1984.
    keys = {"vi:tran|van toan": 1}
    left = _record(keys, "19840512", nationality="CHN")
    right = _record(keys, "19841119", nationality="CHN")
    assert _level_of(left, right) == "keys meet (distinctive key)"


def test_one_person_level_refused_when_a_month_precise_date_disagrees() -> None:
    keys = {"ph:gita tamang": 1}
    left = _record(keys, "199806", precision="month", nationality="NPL")
    right = _record(keys, "19980924", nationality="NPL")
    assert _level_of(left, right) == "keys meet (distinctive key)"


def test_one_person_level_holds_through_a_date_slip_or_a_coarser_date() -> None:
    keys = {"py:chen|zhi ming": 1}
    for other, precision in (
        ("19850321", "day"),  # day and month swapped
        ("19850313", "day"),  # one digit off
        ("198503", "month"),
        ("1985", "year"),
        ("19850312", "day"),
    ):
        left = _record(keys, "19850312", nationality="CHN")
        right = _record(keys, other, precision=precision, nationality="CHN")
        assert _level_of(left, right) == ONE_PERSON, other


def test_one_person_level_refused_when_two_passports_differ() -> None:
    # SAMAN JAYASINGHE with passport N2058338 and again with N7054756: two namesakes
    keys = {"ph:jayasinge saman": 1, "vi:jayasinghe|saman": 1}
    left = _record(keys, None, nationality="LKA", passport="N2058338")
    right = _record(keys, "19910121", nationality="LKA", passport="N7054756")
    assert _level_of(left, right) == "keys meet (distinctive key)"


def test_one_person_level_holds_through_a_passport_typo_or_one_missing() -> None:
    keys = {"ph:jayasinge saman": 1, "vi:jayasinghe|saman": 1}
    left = _record(keys, None, nationality="LKA", passport="N7054756")
    typo = _record(keys, "19910121", nationality="LKA", passport="N7054765")
    none = _record(keys, "19910121", nationality="LKA")
    assert _level_of(left, typo) == ONE_PERSON
    assert _level_of(left, none) == ONE_PERSON


def test_recognizance_forms_differing_are_no_evidence_meeting_are() -> None:
    # a recognizance form is issued per arrest: two of them say nothing against a pair
    keys = {"vi:nguyen|thanh kien": 1}
    first = _record(keys, "19920603", passport="RC1665117", id_kind="recognizance")
    second = _record(keys, None, passport="RC3121118", id_kind="recognizance")
    assert _level_of(first, second) == ONE_PERSON
    assert _level_of(first, second, "id_number") == "no comparable document"
    assert _level_of(first, first, "id_number") == "exact"
    # two passports that differ are the id comparison's strongest evidence against
    a = _record(keys, None, passport="C1234567")
    b = _record(keys, None, passport="C7654321")
    assert _level_of(a, b, "id_number") == "all other"
