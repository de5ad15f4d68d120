"""Check digits: the generator's IDs agree with independent validators."""

from __future__ import annotations

import random
from datetime import date

from stdnum.cn import ric

from borderlink.synth.ids import (
    break_hkid,
    break_resident_id,
    hkid_valid,
    make_bank_card,
    make_hkid,
    make_resident_id,
    resident_id_valid,
)


def test_resident_check_digit_matches_published_example() -> None:
    assert resident_id_valid("11010519491231002X")
    assert not resident_id_valid("110105194912310021")


def test_hkid_check_digit_matches_published_example() -> None:
    assert hkid_valid("A123456(3)")
    assert not hkid_valid("A123456(4)")


def test_made_resident_ids_pass_stdnum_when_area_existed() -> None:
    rng = random.Random(1)
    ids = [
        make_resident_id(rng, "110105", date(1980 + i % 20, 1 + i % 12, 1 + i % 28), "MF"[i % 2])
        for i in range(200)
    ]
    assert all(ric.is_valid(n) for n in ids)
    assert all(int(n[16]) % 2 == (1 if i % 2 == 0 else 0) for i, n in enumerate(ids))


def test_broken_ids_fail_their_check_digit() -> None:
    rng = random.Random(2)
    for _ in range(200):
        good = make_resident_id(rng, "110105", date(1990, 5, 17), "M")
        bad, reason = break_resident_id(rng, good)
        assert not resident_id_valid(bad) and reason in {"digit_typo", "wrong_check_digit"}
        card = make_hkid(rng)
        assert hkid_valid(card)
        broken, _ = break_hkid(rng, card)
        assert not hkid_valid(broken)


def test_bank_cards_pass_luhn() -> None:
    rng = random.Random(3)
    for _ in range(50):
        digits = [int(d) for d in make_bank_card(rng)]
        total = sum(
            d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2)
            for i, d in enumerate(reversed(digits))
        )
        assert total % 10 == 0 and len(digits) == 19
