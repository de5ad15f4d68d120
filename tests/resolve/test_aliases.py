"""Possible aliases (issue 11): one facilitator booked under two identities is flagged, not merged.

A transporter arrested in Guangdong as 陈建国 (resident ID, born 1980-05-01) and in Hong
Kong as CHAN Wing-kei 陳永基 (HKID, born 1980-11-20) with the same mobile; a second pair
shares a phone but not a surname (two drivers sharing a work phone) and must not be flagged.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from person_world import Rec, resident_id, world, write_records

from borderlink.resolve import resolve_workspace
from borderlink.resolve.aliases import EXPORT_COLUMNS, alias_pairs, export_aliases
from borderlink.resolve.explain import explain_pair
from borderlink.store import Store

PHONE = "+8613811112222"
WORK_PHONE = "+8613855556666"

ALIASES = [
    Rec(
        "X01",
        "gd_psb",
        "GDP-X1",
        dict(
            name="陈建国",
            sex="M",
            dob=dt.date(1980, 5, 1),
            dob_precision="day",
            id_type="resident_id",
            id_number=resident_id("440306", "1980-05-01", "331"),
            id_valid=True,
            nationality="CHN",
            phone=PHONE,
            role="transporter",
            case_no="GD-2018-00001",
        ),
    ),
    Rec(
        "X01b",
        "hk_police",
        "HKP-X1",
        dict(
            name="CHAN Wing-kei",
            name_zh="陳永基",
            sex="M",
            dob=dt.date(1980, 11, 20),
            dob_precision="day",
            id_type="hkid",
            id_number="K1234565",
            nationality="CHN",
            phone=PHONE,
            role="transporter",
            case_no="HKP-2018-000009",
        ),
    ),
    Rec(
        "X02",
        "gd_psb",
        "GDP-X2",
        dict(
            name="黄德明",
            sex="M",
            dob=dt.date(1975, 2, 3),
            dob_precision="day",
            nationality="CHN",
            phone=WORK_PHONE,
            role="transporter",
            case_no="GD-2018-00002",
        ),
    ),
    Rec(
        "X03",
        "gd_psb",
        "GDP-X3",
        dict(
            name="刘海",
            sex="M",
            dob=dt.date(1975, 9, 9),
            dob_precision="day",
            nationality="CHN",
            phone=WORK_PHONE,
            role="transporter",
            case_no="GD-2018-00003",
        ),
    ),
]


@pytest.fixture(scope="module")
def aliased(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("aliases") / "ws"
    write_records(ws, world() + ALIASES)
    resolve_workspace(ws)
    return ws


def test_alias_pair_is_flagged_with_its_evidence_and_not_merged(aliased: Path) -> None:
    with Store.open(aliased, read_only=True) as store:
        pairs = alias_pairs(store)
    flagged = [
        p for p in pairs if {p.record_a, p.record_b} == {ALIASES[0].record_id, ALIASES[1].record_id}
    ]
    assert len(flagged) == 1, pairs
    pair = flagged[0]
    assert pair.entity_a != pair.entity_b
    assert pair.evidence["phones"] == [PHONE]
    assert pair.evidence["same_surname"] is True
    assert pair.evidence["dob_gap_days"] == 203
    assert pair.evidence["ids_differ"] is True
    assert 0.5 <= pair.score <= 1.0


def test_shared_work_phone_without_a_common_surname_is_no_alias(aliased: Path) -> None:
    with Store.open(aliased, read_only=True) as store:
        pairs = alias_pairs(store)
    ids = {ALIASES[2].record_id, ALIASES[3].record_id}
    assert not [p for p in pairs if {p.record_a, p.record_b} == ids]


def test_export_aliases_writes_keys_as_export_records(aliased: Path, tmp_path: Path) -> None:
    out = tmp_path / "aliases.csv"
    n = export_aliases(aliased, out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert n == len(rows) - 1 >= 1
    keys = {(r[0], r[2], r[3], r[5]) for r in rows[1:]}
    assert ("gd_psb", "GDP-X1", "hk_police", "HKP-X1") in keys or (
        "hk_police",
        "HKP-X1",
        "gd_psb",
        "GDP-X1",
    ) in keys
    assert json.loads(rows[1][7])["same_surname"] is True


def test_explain_shows_the_alias_evidence(aliased: Path) -> None:
    e = explain_pair(aliased, ALIASES[0].record_id, ALIASES[1].record_id)
    assert e.alias is not None
    assert e.alias.evidence["phones"] == [PHONE]
    assert e.same_entity is False


def test_evaluate_scores_the_flagged_alias_pair_against_the_truth(
    aliased: Path, tmp_path: Path
) -> None:
    from borderlink.resolve.alias_evaluate import alias_section

    truth = tmp_path / "truth"
    truth.mkdir()
    (truth / "aliases.csv").write_text("person_id,alias_person_id\nP1,P1b\nP9,P9b\n")
    labels = {ALIASES[0].record_id: "P1", ALIASES[1].record_id: "P1b"}
    with Store.open(aliased, read_only=True) as store:
        section = alias_section(store, truth, labels)
        flagged = len(alias_pairs(store))
    assert section is not None
    rows = dict(section.rows)
    assert rows["true alias pairs"] == "2"
    assert rows["pairs flagged"] == f"{flagged:,}"
    assert rows["alias pair recall"] == "0.5000"  # P1's pair found, P9's not
    assert rows["alias pair precision"] == f"{1 / flagged:.4f}"
