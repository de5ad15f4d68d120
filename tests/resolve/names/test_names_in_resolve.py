"""The new name keys at work in a real resolve: the bridge and Burmese keys link records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from person_world import Rec, fillers, write_records

from borderlink.resolve import resolve_workspace
from borderlink.store import Store


def _rec(person: str, source: str, key: str, name: str, dob: str, **extra: str) -> Rec:
    fields = dict(name=name, sex="M", dob=dt.date.fromisoformat(dob), dob_precision="day")
    return Rec(person, source, key, {**fields, **extra})


PAIRS = [
    _rec("B1", "hk_police", "HKP-B1", "CHAN Chi-ming", "1985-03-12", nationality="CHN"),
    _rec("B1", "gd_psb", "GDP-B1", "CHEN Zhiming", "1985-03-12", nationality="CHN"),
    _rec("B2", "hk_immd", "IMM-B2", "Tai Sin WONG", "1979-11-02", nationality="CHN"),
    _rec("B2", "gx_psb", "GXP-B2", "HUANG Daxian", "1979-11-02", nationality="CHN"),
    _rec("B3", "hk_police", "HKP-B3", "CHEUNG Kwokwah", "1990-06-30", nationality="CHN"),
    _rec("B3", "gd_psb", "GDP-B3", "ZHANG Guo-hua", "1990-06-30", nationality="CHN"),
    _rec("M1", "yn_psb", "YNP-M1", "貌吞觉敏", "1973-03-26", nationality="MMR"),
    _rec("M1", "hk_immd", "IMM-M1", "MAUNG Htoon Kyau Myint", "1973-03-26", nationality="MMR"),
    _rec("M2", "yn_psb", "YNP-M2", "吴登盛", "1966-04-20", nationality="MMR"),
    _rec("M2", "hk_police", "HKP-M2", "THEIN SEIN", "1966-04-20", nationality="MMR"),
]


def test_resolve_links_hk_pinyin_and_burmese_pairs_when_no_characters_bridge(
    tmp_path: Path,
) -> None:
    ws = tmp_path / "ws"
    write_records(ws, PAIRS + fillers(300))
    resolve_workspace(ws)
    with Store.open(ws) as store:
        entity = dict(store.query("SELECT record_id, entity_id FROM clusters"))
        bridge_rows = store.query(
            "SELECT count(*) FROM resolve_features WHERE hk_bridge[1] <> '~hk'"
        )[0][0]
    for a, b in zip(PAIRS[::2], PAIRS[1::2], strict=True):
        assert entity[a.record_id] == entity[b.record_id], (a.fields["name"], b.fields["name"])
    people = {entity[r.record_id] for r in PAIRS}
    assert len(people) == len(PAIRS) // 2
    assert bridge_rows >= 3
