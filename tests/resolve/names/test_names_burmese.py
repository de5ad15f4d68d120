"""Burmese names in Chinese transliteration (Yunnan) meet their Latin spellings."""

from __future__ import annotations

import pytest
from name_pairs import keys_of, share

from borderlink.resolve.names import NameInput
from borderlink.resolve.names.burmese import burmese_class, burmese_readings


def mmr(name: str) -> NameInput:
    return NameInput(name, nationality="MMR")


# (standard Chinese transliteration, Latin spelling); public figures' names as the press writes them
SAME_PERSON = [
    ("昂山素季", "Aung San Suu Kyi"),
    ("昂山", "AUNG SAN"),
    ("吴登盛", "U Thein Sein"),
    ("吴登盛", "THEIN SEIN"),
    ("敏昂莱", "Min Aung Hlaing"),
    ("温敏", "WIN MYINT"),
    ("廷觉", "Htin Kyaw"),
    ("丹瑞", "Than Shwe"),
    ("钦纽", "Khin Nyunt"),
    ("吴丹", "U Thant"),
    ("奈温", "Ne Win"),
    ("貌貌", "Maung Maung"),
    ("梭温", "Soe Win"),
    ("瑞曼", "Shwe Mann"),
    ("吴努", "U Nu"),
    ("敏瑞", "Myint Swe"),
    ("觉温", "KYAW WIN"),
    ("吴丁吴", "U Tin Oo"),
    ("杜昂山素季", "Daw Aung San Suu Kyi"),
    ("貌吞觉敏", "MAUNG Htoon Kyau Myint"),
    ("梭盛瑙", "SOE SEIN NAUNG"),
    ("伦拉津拉", "LWIN Hlar Zin Hla"),
    ("妙温", "Myo Win"),
    ("佐敏", "Zaw Min"),
    ("觉佐", "Kyaw Zaw"),
    ("敏廷", "MINN HTIN"),
    ("蒂达昂", "Thida Aung"),
    ("埃貌", "Aye Maung"),
]

DIFFERENT_PEOPLE = [
    ("昂山素季", "Aung San"),
    ("吴登盛", "U Thein Tun"),
    ("敏昂莱", "Min Aung"),
    ("温敏", "WIN MAUNG"),
    ("廷觉", "Htin Aung"),
    ("丹瑞", "Than Tun"),
    ("钦纽", "Khin Maung"),
    ("奈温", "Ne Lin"),
    ("貌貌", "Maung Aye"),
    ("梭温", "Soe Myint"),
    ("瑞曼", "Shwe Win"),
    ("觉温", "KYAW ZAW"),
    ("貌吞觉敏", "MAUNG TUN KYAW"),
    ("梭盛瑙", "SOE SEIN"),
    ("伦拉津拉", "LWIN HLA"),
    ("妙温", "Myo Min"),
    ("佐敏", "Zaw Win"),
    ("敏廷", "MIN AUNG"),
    ("埃貌", "Aye Win"),
    ("昂山", "AUNG KYAW"),
]


@pytest.mark.parametrize(("han", "latin"), SAME_PERSON)
def test_burmese_transliteration_meets_latin_when_same_name(han: str, latin: str) -> None:
    assert share(mmr(han), mmr(latin))
    assert share(NameInput(han), NameInput(latin))  # no nationality given: still a candidate


@pytest.mark.parametrize(("han", "latin"), DIFFERENT_PEOPLE)
def test_burmese_transliteration_shares_no_key_when_names_differ(han: str, latin: str) -> None:
    assert not share(mmr(han), mmr(latin))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kyaw", "Kyau"),
        ("Kyaw", "Chaw"),
        ("Htun", "Tun"),
        ("Htoon", "Tun"),
        ("Hlar", "Hla"),
        ("Shway", "Shwe"),
        ("Minn", "Min"),
        ("Thain", "Thein"),
        ("Aong", "Aung"),
        ("Nawng", "Naung"),
        ("Khhin", "Khin"),
        ("Oo", "U"),
        ("Phyo", "Pyo"),
        ("Gyi", "Kyi"),
    ],
)
def test_burmese_class_folds_spelling_variants_when_same_syllable(a: str, b: str) -> None:
    assert burmese_class(a.lower()) == burmese_class(b.lower())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Min", "Myint"),
        ("Than", "Thant"),
        ("Soe", "Su"),
        ("Zaw", "Saw"),
        ("Win", "Wai"),
        ("Tin", "Thein"),
    ],
)
def test_burmese_class_keeps_syllables_apart_when_different(a: str, b: str) -> None:
    assert burmese_class(a.lower()) != burmese_class(b.lower())


def test_burmese_readings_cover_ambiguous_characters_when_several_spellings() -> None:
    readings = burmese_readings("温敏")
    assert ("win", "min") in readings
    assert ("win", "myint") in readings
    assert burmese_readings("陳偉") == ()


def test_burmese_keys_absent_when_record_says_another_nationality() -> None:
    assert not any(k.startswith("my:") for k in keys_of(NameInput("温敏", nationality="CHN")))
    assert not any(k.startswith("my:") for k in keys_of(NameInput("WIN MYINT", nationality="CHN")))


def test_burmese_latin_key_needs_known_syllables_when_nationality_unknown() -> None:
    assert not any(k.startswith("my:") for k in keys_of("LAM Chun-kit"))
    assert "my:aung caw" in keys_of("Aung Kyaw")
    assert "my:aung caw" in keys_of(NameInput("KYAW AUNG", nationality="MMR"))


def test_honorific_dropped_key_added_when_name_leads_with_u_or_daw() -> None:
    assert share(mmr("吴温敏"), mmr("WIN MYINT"))
    assert share(mmr("Daw Khin Kyi"), mmr("钦季"))
    assert not share(mmr("吴敏"), mmr("MIN AUNG"))
