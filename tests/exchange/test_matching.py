"""Matching without revealing: keyed encodings of two agencies meet across scripts."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from exchange_world import RECEIVER, SENDER, split_world
from person_world import CHEN_ID

from borderlink.audit import entries
from borderlink.cli.main import main
from borderlink.errors import InvalidRequest, KeyStoreError
from borderlink.exchange.agreement import get_agreement
from borderlink.exchange.features import person_tokens
from borderlink.exchange.keys import KeyRing
from borderlink.exchange.match import PAIR_COLUMNS
from borderlink.exchange.matching import EncodeRequest, encode_workspace, match_and_record
from borderlink.store import Store


def _shared_secret(keys: tuple[KeyRing, KeyRing]) -> None:
    keys[0].create_secret("joint-operation")
    keys[1].install_secret("joint-operation", keys[0].secret_path("joint-operation"))


def _encode(ws: Path, ring: KeyRing, agency: str, out: Path) -> Path:
    encode_workspace(
        ws, EncodeRequest(agreement="joint-operation", agency=agency), out, keyring=ring
    )
    return out


def test_encodings_match_across_scripts_and_reveal_only_pairs(
    workspaces: tuple[Path, Path], keys: tuple[KeyRing, KeyRing], tmp_path: Path
) -> None:
    _shared_secret(keys)
    enc_a = _encode(workspaces[0], keys[0], SENDER, tmp_path / "gd.enc")
    enc_b = _encode(workspaces[1], keys[1], RECEIVER, tmp_path / "hk.enc")
    with zipfile.ZipFile(enc_a) as zf:
        blob = b"".join(zf.read(n) for n in zf.namelist())
    for clear in ("陈志明", "chen", "zhi ming", CHEN_ID, "+8613812345678", "1985-03-12"):
        assert clear.encode() not in blob and clear.encode("utf-32-le") not in blob
    summary = match_and_record(workspaces[1], enc_a, enc_b, tmp_path / "pairs.csv")
    with (tmp_path / "pairs.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == PAIR_COLUMNS
    pairs = {(r[2], r[5]) for r in rows[1:]}
    assert ("GDP-01", "HKP-01") in pairs  # 陈志明 meets CHAN Chi-ming / 陳志明
    assert summary.matched_pairs == len(rows) - 1 >= 4
    assert all(r[0] == "gd_psb" and r[3] == "hk_police" for r in rows[1:])
    truth = {(r.key, r.person) for r in split_world()[0]}
    people = dict(truth)
    hk_people = {r.key: r.person for r in split_world()[1] if r.source == "hk_police"}
    assert all(people[a] == hk_people[b] for a, b in pairs)  # no false pair
    with Store.open(workspaces[0], read_only=True) as store:
        assert entries(store)[-1].action == "exchange_encode"
    with Store.open(workspaces[1], read_only=True) as store:
        assert [e.action for e in entries(store)][-2:] == ["exchange_encode", "exchange_match"]


def test_different_secrets_do_not_match(
    workspaces: tuple[Path, Path], keys: tuple[KeyRing, KeyRing], tmp_path: Path
) -> None:
    keys[0].create_secret("joint-operation")
    keys[1].create_secret("joint-operation")
    enc_a = _encode(workspaces[0], keys[0], SENDER, tmp_path / "gd.enc")
    enc_b = _encode(workspaces[1], keys[1], RECEIVER, tmp_path / "hk.enc")
    with pytest.raises(InvalidRequest, match="encoded with different secrets"):
        match_and_record(workspaces[1], enc_a, enc_b, tmp_path / "pairs.csv")


def test_no_secret_is_refused_and_withheld_fields_are_not_encoded(
    workspaces: tuple[Path, Path], keys: tuple[KeyRing, KeyRing], tmp_path: Path
) -> None:
    with pytest.raises(KeyStoreError, match="no secret for agreement joint-operation"):
        _encode(workspaces[0], keys[0], SENDER, tmp_path / "gd.enc")
    release = get_agreement("joint-operation").releases["person_records"]
    row = {
        "source": "gd_psb",
        "file": "f",
        "record_key": "k",
        "name": "黄秀英",
        "role": "migrant",
        "id_number": "C7654321",
        "phone": "+8613900001111",
    }
    migrant = person_tokens(row, release)
    assert migrant.names and not migrant.id_grams and not migrant.phone
    organiser = person_tokens({**row, "role": "organiser"}, release)
    assert organiser.id_grams and organiser.phone


def test_encode_and_match_on_the_command_line(
    workspaces: tuple[Path, Path],
    keys: tuple[KeyRing, KeyRing],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    k0, k1 = str(keys[0].folder), str(keys[1].folder)
    assert main(["keys", "secret", "--agreement", "joint-operation", "--keys-dir", k0]) == 0
    shared = str(keys[0].secret_path("joint-operation"))
    assert (
        main(
            [
                "keys",
                "secret",
                "--agreement",
                "joint-operation",
                "--install",
                shared,
                "--keys-dir",
                k1,
            ]
        )
        == 0
    )
    outs = []
    for ws, ring, agency in ((workspaces[0], k0, SENDER), (workspaces[1], k1, RECEIVER)):
        out = str(tmp_path / f"{agency}.enc")
        argv = ["exchange", "encode", "--agreement", "joint-operation", "--from", agency]
        assert main([*argv, "--out", out, "-w", str(ws), "--keys-dir", ring]) == 0
        outs.append(out)
    pairs = str(tmp_path / "pairs.csv")
    assert main(["exchange", "match", *outs, "--out", pairs, "-w", str(workspaces[1])]) == 0
    assert "matched pairs" in capsys.readouterr().out
    bad = ["exchange", "match", outs[0], str(tmp_path / "nope.enc"), "--out", pairs]
    assert main([*bad, "-w", str(workspaces[1])]) == 1
    assert "not a borderlink encodings file" in capsys.readouterr().err


def _row(**fields: object) -> dict[str, object]:
    return {"source": "gd_psb", "file": "f", "record_key": "k", "name": "陈志明", **fields}


def test_birth_date_tokens_tolerate_precision_and_swapped_day_month() -> None:
    import datetime as dt

    day = person_tokens(_row(dob=dt.date(1991, 10, 12), dob_precision="day"), None)
    swapped = person_tokens(_row(dob=dt.date(1991, 12, 10), dob_precision="day"), None)
    year = person_tokens(_row(dob=dt.date(1991, 1, 1), dob_precision="year"), None)
    assert set(day.dob) & set(swapped.dob) == {"y:1991", "yu:1991-10-12"}
    assert year.dob == ("y:1991",)
    from_id = person_tokens(
        _row(id_type="resident_id", id_number=CHEN_ID, id_valid=True, dob=None), None
    )
    assert "ymd:1985-03-12" in from_id.dob and from_id.id_kind == ("k:cn_resident",)
    form = person_tokens(_row(id_type="recognizance", id_number="ID2208280817"), None)
    assert not form.id_grams and not any(b.startswith("i:") for b in form.blocks)


def test_score_conflicts_need_the_same_document_kind() -> None:
    import numpy as np

    from borderlink.exchange.features import load_params
    from borderlink.exchange.match import Similarities, combine

    rule = load_params().match
    one = np.ones(1)
    nan = np.full(1, np.nan)

    def score(id_dice: float, same_kind: float, dob: float = 1.0) -> float:
        sim = Similarities(
            one,
            np.full(1, dob),
            np.full(1, 4.0),
            np.full(1, id_dice),
            np.full(1, same_kind),
            nan,
            one,
            np.zeros(1, bool),
            np.ones(1, np.int64),
        )
        return float(combine(sim, rule)[0])

    assert score(0.0, 0.0) == 1.0  # a passport and a resident ID never conflict
    assert score(0.0, 1.0) == 0.5  # two different passports do
    assert score(1.0, 1.0, dob=0.25) == 1.0  # the same ID outweighs a miswritten date
    # No ID: the miswritten date halves (1 + 0.25) / 2.
    assert score(float("nan"), 0.0, dob=0.25) == 0.3125


def test_namesakes_need_a_full_date_a_document_or_a_rare_name() -> None:
    """Another spelling needs an ID or phone; a month-only date needs an uncommon name."""
    import numpy as np

    from borderlink.exchange.features import load_params
    from borderlink.exchange.match import Similarities, combine

    rule = load_params().match

    def score(name: float, dob_tokens: float, name_pairs: int, phone: float = np.nan) -> float:
        sim = Similarities(
            np.full(1, name),
            np.ones(1),  # the birth dates agree as far as the coarser one goes
            np.full(1, dob_tokens),
            np.full(1, np.nan),
            np.full(1, np.nan),
            np.full(1, phone),
            np.ones(1),
            np.zeros(1, bool),
            np.full(1, name_pairs, np.int64),
        )
        return float(combine(sim, rule)[0])

    assert score(1.0, 4, name_pairs=5000) == 1.0  # same name and birth day: matched
    assert score(0.9, 4, name_pairs=1) == 0.0  # another spelling, no document: never
    assert score(0.9, 4, name_pairs=1, phone=1.0) == 0.95  # ... unless the phone agrees
    assert score(1.0, 2, name_pairs=rule.max_weak_name_pairs) == 1.0  # month only, rare name
    assert score(1.0, 2, name_pairs=rule.max_weak_name_pairs + 1) == 0.0  # common name: no
    assert score(1.0, 2, name_pairs=-1) == 0.0  # the name key too common to block on
