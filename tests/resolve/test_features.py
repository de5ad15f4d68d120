"""The feature table: name keys per record, birth dates from resident IDs, key holders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from person_world import PEOPLE, Rec, resident_id, write_records

from borderlink.resolve.features import build_features, fuzzy_keys
from borderlink.resolve.tables import ensure_resolve_tables
from borderlink.store import Store


def _build(ws: Path, recs: list[Rec]) -> Store:
    write_records(ws, recs)
    store = Store.open(ws)
    ensure_resolve_tables(store)
    build_features(store, common_key_holders=2, fuzzy_key_max_records=3)
    return store


def test_features_name_keys_table_holds_cross_script_keys(tmp_path: Path) -> None:
    recs = [r for r in PEOPLE if r.person == "P01"]
    with _build(tmp_path / "ws", recs) as store:
        keys = {
            (str(r), str(f), str(k))
            for r, f, k in store.query("SELECT record_id, family, key FROM name_keys")
        }
    gd, hk = recs[0].record_id, recs[1].record_id
    assert (gd, "py", "py:chen|zhi ming") in keys
    assert (hk, "yue", "yue:chan|chi ming") in keys and (gd, "yue", "yue:chan|chi ming") in keys


def test_features_take_birth_date_from_valid_resident_id_when_missing(tmp_path: Path) -> None:
    rid = resident_id("440306", "1985-03-12", "451")
    rec = Rec(
        "X",
        "gd_psb",
        "G1",
        dict(name="陈志明", id_type="resident_id", id_number=rid, id_valid=True, nationality="CHN"),
    )
    with _build(tmp_path / "ws", [rec]) as store:
        row = store.query_dicts("SELECT * FROM resolve_features")[0]
    assert row["dob"] == dt.date(1985, 3, 12) and row["dob_precision"] == "day"
    assert row["dob_ymd"] == "19850312" and row["id_kind"] == "cn_resident"
    assert row["lifelong_doc"] == f"cn_resident:{rid}"


def test_features_key_held_across_many_birth_years_is_not_rare(tmp_path: Path) -> None:
    recs = [
        Rec(
            f"W{y}", "gd_psb", f"G{y}", dict(name="王伟", dob=dt.date(y, 1, 2), dob_precision="day")
        )
        for y in (1970, 1980, 1990)
    ] + [
        Rec("Z", "gd_psb", "Z1", dict(name="赵一山", dob=dt.date(1990, 1, 2), dob_precision="day"))
    ]
    with _build(tmp_path / "ws", recs) as store:
        rows = {
            str(n): (list(k), list(h), list(r))
            for n, k, h, r in store.query(
                "SELECT p.name, f.name_keys, f.key_holders, f.rare_keys FROM resolve_features f "
                "JOIN person_records p ON p.record_id = f.unique_id"
            )
        }
    keys, holders, rare = rows["王伟"]
    assert dict(zip(keys, holders, strict=True))["py:wang|wei"] == 3
    assert "py:wang|wei" not in rare
    assert "py:zhao|yi shan" in rows["赵一山"][2]


def test_fuzzy_keys_survive_a_misspelt_letter() -> None:
    assert fuzzy_keys(("hossain sajed",)) == fuzzy_keys(("hossain sajid",)) == ["hos|saj"]
    assert fuzzy_keys(("phyo hlar thant",)) == fuzzy_keys(("phyo hlar thand",))
    assert fuzzy_keys(("aung",)) == []
