"""Name forms agree with the linguistic data they are derived from."""

from __future__ import annotations

import random
import re

from borderlink.synth import names_vi
from borderlink.synth.names_burmese import burmese_names
from borderlink.synth.names_vi import strip_diacritics, vietnamese_names
from borderlink.synth.names_zh import chinese_names

HK_STYLE = re.compile(r"^[A-Z]+( [A-Z]+)? [A-Z][a-z]+(-[a-z]+)*$")


def test_vietnamese_surname_characters_come_from_unihan_readings() -> None:
    pool = {s.latin: s.han for s in vietnamese_names().surnames}
    assert pool["Nguyễn"] == "阮"
    assert pool["Trần"] == "陳"
    assert pool["Lê"] == "黎"


def test_vietnamese_name_is_consistent_across_scripts() -> None:
    rng = random.Random(5)
    seen_han = 0
    for _ in range(300):
        name = vietnamese_names().draw(rng, rng.choice("MF"))
        sur, given = names_vi.latin(name, diacritics=True)
        assert strip_diacritics(f"{sur} {given}") == " ".join(
            names_vi.latin(name, diacritics=False)
        )
        han = names_vi.han(name, simplified=False)
        if han is not None:
            seen_han += 1
            assert len(han) == 3
    assert seen_han > 100


def test_strip_diacritics_handles_d_bar() -> None:
    assert strip_diacritics("Đặng Thị Hằng") == "Dang Thi Hang"


def test_hk_romanisation_is_surname_in_capitals_and_hyphenated_given_name() -> None:
    zh = chinese_names()
    rng = random.Random(6)
    for _ in range(200):
        name = zh.draw(rng, rng.choice("MF"), "HK")
        sur, given = zh.hk_romanised(name)
        assert HK_STYLE.match(f"{sur} {given}"), (name, sur, given)
        assert len(given.split("-")) == len(name.given_t)


def test_chinese_name_scripts_and_pinyin_agree() -> None:
    zh = chinese_names()
    rng = random.Random(7)
    name = zh.draw(rng, "M", "GD")
    assert zh.to_simplified(name.traditional) == name.simplified
    sur, given = zh.pinyin(name)
    assert sur[0].isupper() and given.isalpha()


def test_burmese_names_have_chinese_transliteration_per_syllable() -> None:
    my = burmese_names()
    rng = random.Random(8)
    name = my.draw(rng, "M")
    assert len(my.chinese(name)) >= len(name.syllables)
    assert all(s in my.syllables for s in name.syllables)
