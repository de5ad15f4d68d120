"""Hong Kong Cantonese romanisation: CHAN Chi-ming for 陳志明, with its spelling variants."""

from __future__ import annotations

import pytest
from name_pairs import keys_of, share

from borderlink.resolve.names import NameInput

# (characters as HK writes them, HK government romanisation as on an HKID)
SAME_PERSON = [
    ("陳志明", "CHAN Chi-ming"),
    ("陈志明", "CHAN Chi Ming"),
    ("陳大文", "CHAN Tai-man"),
    ("黃偉強", "WONG Wai-keung"),
    ("張國華", "CHEUNG Kwok-wah"),
    ("謝家輝", "TSE Ka-fai"),
    ("李嘉欣", "LEE Ka-yan"),
    ("劉德華", "LAU Tak-wah"),
    ("梁志偉", "LEUNG Chi-wai"),
    ("吳永康", "NG Wing-hong"),
    ("鄭海濤", "CHENG Hoi-to"),
    ("林俊傑", "LAM Chun-kit"),
    ("何家明", "HO Ka-ming"),
    ("周淑儀", "CHOW Shuk-yee"),
    ("馮嘉欣", "FUNG Ka-yan"),
    ("鄧小龍", "TANG Siu-lung"),
    ("楊東", "YEUNG Tung"),
    ("曾國榮", "TSANG Kwok-wing"),
    ("區偉明", "AU Wai-ming"),
    ("歐陽志華", "AU YEUNG Chi-wah"),
    ("司徒偉傑", "SZETO Wai-kit"),
    ("麥志強", "MAK Chi-keung"),
]

DIFFERENT_PEOPLE = [
    ("CHAN Chi-ming", "CHAN Chi-wai"),
    ("CHAN Tai-man", "WONG Tai-man"),
    ("陳大文", "CHAN Siu-man"),
    ("黃偉強", "WONG Wai-kit"),
    ("張國華", "CHEUNG Kwok-hung"),
    ("TSE Ka-fai", "TSE Ka-lok"),
    ("LEE Ka-yan", "LEE Ka-yee"),
    ("劉德華", "LAU Tak-ming"),
    ("LEUNG Chi-wai", "LEUNG Wai"),
    ("NG Wing-hong", "NG Wing-kin"),
    ("CHENG Hoi-to", "CHEUNG Hoi-to"),
    ("LAM Chun-kit", "LAM Kit-chun"),
    ("HO Ka-ming", "HO Ka"),
    ("CHOW Shuk-yee", "CHAU Shuk-yee"),
    ("FUNG Ka-yan", "FUNG Ka-yee"),
    ("TANG Siu-lung", "TANG Siu-fung"),
    ("YEUNG Tung", "YEUNG Tung-ming"),
    ("TSANG Kwok-wing", "TSANG Kwok-keung"),
    ("AU Wai-ming", "AU Wai-man"),
    ("SZETO Wai-kit", "SZETO Wai-man"),
]


@pytest.mark.parametrize(("han", "roman"), SAME_PERSON)
def test_hk_romanisation_shares_key_with_characters_when_same_name(han: str, roman: str) -> None:
    assert share(han, roman)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_hk_romanisation_shares_no_key_when_names_differ(a: str, b: str) -> None:
    assert not share(a, b)


@pytest.mark.parametrize(
    "spelling", ["CHAN Tai-man", "Chan Taiman", "CHAN TAI MAN", "Tai-man CHAN", "Tai Man Chan"]
)
def test_hk_spellings_share_key_when_joined_hyphenated_or_reordered(spelling: str) -> None:
    assert "yue:chan|tai man" in keys_of(spelling)


@pytest.mark.parametrize(
    ("hk", "mainland"),
    [
        ("CHAN Chi-ming", "CHEN Zhiming"),
        ("WONG Wai-keung", "HUANG Weiqiang"),
        ("CHEUNG Kwok-wah", "ZHANG Guohua"),
    ],
)
def test_hk_and_pinyin_spellings_meet_through_characters_when_characters_known(
    hk: str, mainland: str
) -> None:
    """Chan/Chen, Wong/Huang, Cheung/Zhang: a record giving both forms bridges the two spellings."""
    han = {"CHAN Chi-ming": "陳志明", "WONG Wai-keung": "黃偉強", "CHEUNG Kwok-wah": "張國華"}[hk]
    hk_record = NameInput(hk, name_zh=han)
    assert share(hk_record, mainland)
    assert share(hk_record, hk)


def test_hk_immd_split_fields_share_key_when_surname_and_given_separate() -> None:
    immd = NameInput(None, surname="CHAN", given_names="Tai Man", name_zh=None)
    assert share(immd, "陳大文")
    assert share(immd, "CHAN Tai-man")
