"""South Asian and Burmese names in Latin letters: phonetic keys over transliteration variants."""

from __future__ import annotations

import pytest
from name_pairs import keys_of, share

from borderlink.resolve.names.phonetic import phonetic_word

SOUTH_ASIAN_SAME = [
    ("MOHAMMAD RAFIQ", "RAFIQ Mohammad"),
    ("MOHAMMAD RAFIQ", "Muhammad Rafiq"),
    ("MOHAMMAD RAFIQ", "Mohd Rafique"),
    ("Muhammad Rafiq", "Mohammed Rafique"),
    ("MD RAFIQ", "Mohammad Rafiq"),
    ("Ahmed Hussain", "AHMAD Hossain"),
    ("Abdul Rahman", "ABDUL REHMAN"),
    ("Abdul Rahman", "Abdool Rahaman"),
    ("Mohammad Islam", "ISLAM Mohd"),
    ("Rakesh Kumar", "KUMAR Rakesh"),
    ("Shafiq Ahmed", "Shafique Ahmad"),
    ("Tariq Hussain", "Tarique Husain"),
    ("Farooq Khan", "Farouk KHAN"),
    ("Sandeep Singh", "SINGH Sandeep"),
    ("Mohammad Yusuf", "Muhammad Yousuf"),
    ("Ram Bahadur Thapa", "THAPA Ram Bahadur"),
    ("Nirmal Perera", "Nirmal PERERA"),
    ("Mohammad Asif", "Mohd Aasif"),
    ("Ashraf Ali", "Ashraph Ali"),
    ("Sheikh Rafiq", "Sheikh Rafique"),
]

SOUTH_ASIAN_DIFFERENT = [
    ("MOHAMMAD RAFIQ", "MOHAMMAD RASHID"),
    ("MOHAMMAD RAFIQ", "MOHAMMAD RAFIQ AHMED"),
    ("Ahmed Hussain", "Ahmed Hassan"),
    ("Abdul Rahman", "Abdul Rahim"),
    ("Mohammad Islam", "Mohammad Aslam"),
    ("Rakesh Kumar", "Rajesh Kumar"),
    ("Shafiq Ahmed", "Rafiq Ahmed"),
    ("Tariq Hussain", "Tariq Hasan"),
    ("Farooq Khan", "Faruk Ahmed"),
    ("Sandeep Singh", "Sunil Singh"),
    ("Mohammad Yusuf", "Mohammad Yunus"),
    ("Ram Bahadur Thapa", "Ram Bahadur Gurung"),
    ("Nirmal Perera", "Nimal Perera"),
    ("Mohammad Asif", "Mohammad Arif"),
    ("Ashraf Ali", "Ashraf Ala"),
    ("Kamal Hossain", "Jamal Hossain"),
    ("Imran Khan", "Irfan Khan"),
    ("Sajid Ali", "Zahid Ali"),
    ("Bikram Rai", "Bikash Rai"),
    ("Suresh Kumar", "Sures Kumar Das"),
]

BURMESE_SAME = [
    ("Aung Kyaw", "AONG Kyau"),
    ("Aung Kyaw", "KYAW Aung"),
    ("Kyaw Zaw", "Kyau Zaw"),
    ("Aung San Oo", "Aong San U"),
    ("Zaw Min Oo", "ZAW MIN U"),
    ("Myint Aung", "Myin Aung"),
    ("Thant Zin", "THANT ZIN"),
    ("Kyaw Kyaw", "Kyau Kyau"),
    ("Aung Myo Win", "Aong Myo Win"),
    ("Tun Tun Aung", "Tun Tun Aong"),
    ("Htet Aung", "Htet Aong"),
    ("Naing Lin", "Naing Linn"),
    ("Soe Moe", "Soe Moe"),
    ("Khin Maung", "KHIN MAUNG"),
    ("Hla Myint", "Hla Myin"),
    ("Thura Kyaw", "Thura Kyau"),
    ("Ye Aung", "Ye Aong"),
    ("Nyi Nyi Kyaw", "Nyi Nyi Kyau"),
    ("Min Thu", "Min Thuu"),
    ("Phyo Wai", "Phyo Wai"),
]

BURMESE_DIFFERENT = [
    ("Aung Kyaw", "Aung Ko"),
    ("Aung Kyaw", "Aung Kyaw Oo"),
    ("Kyaw Zaw", "Kyaw Zin"),
    ("Zaw Min Oo", "Zaw Min Htet"),
    ("Myint Aung", "Maung Aung"),
    ("Thant Zin", "Than Zin"),
    ("Aung Myo Win", "Aung Myo Min"),
    ("Tun Tun Aung", "Tun Aung"),
    ("Htet Aung", "Htay Aung"),
    ("Naing Lin", "Naing Win"),
    ("Soe Moe", "Soe Min"),
    ("Khin Maung", "Khin Myint"),
    ("Hla Myint", "Hla Min"),
    ("Thura Kyaw", "Thura Aung"),
    ("Ye Aung", "Ye Htut"),
    ("Nyi Nyi Kyaw", "Nyi Kyaw"),
    ("Min Thu", "Min Htun"),
    ("Phyo Wai", "Phyo Kyaw"),
    ("Kyaw Kyaw", "Kyaw"),
    ("Thein Aung", "Than Aung"),
]


@pytest.mark.parametrize(("a", "b"), SOUTH_ASIAN_SAME)
def test_south_asian_spellings_share_key_when_variants(a: str, b: str) -> None:
    assert share(a, b)


@pytest.mark.parametrize(("a", "b"), SOUTH_ASIAN_DIFFERENT)
def test_south_asian_names_share_no_key_when_names_differ(a: str, b: str) -> None:
    assert not share(a, b)


@pytest.mark.parametrize(("a", "b"), BURMESE_SAME)
def test_burmese_spellings_share_key_when_variants(a: str, b: str) -> None:
    assert share(a, b)


@pytest.mark.parametrize(("a", "b"), BURMESE_DIFFERENT)
def test_burmese_names_share_no_key_when_names_differ(a: str, b: str) -> None:
    assert not share(a, b)


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("mohd", "muhamad"),
        ("mohammed", "muhamad"),
        ("rafique", "rafik"),
        ("aong", "aung"),
        ("kyau", "kyau"),
        ("kyaw", "kyau"),
    ],
)
def test_phonetic_word_folds_when_known_variant(word: str, form: str) -> None:
    assert phonetic_word(word) == form


def test_phonetic_key_shape_when_reordered() -> None:
    assert "ph:muhamad rafik" in keys_of("RAFIQ Mohammad")
