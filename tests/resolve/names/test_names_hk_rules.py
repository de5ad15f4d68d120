"""Jyutping -> Hong Kong government romanisation by rule, on real HK names."""

from __future__ import annotations

import pytest

from borderlink.resolve.names import NameInput, bridge_keys, name_keys
from borderlink.resolve.names.cantonese import cantoroman_readings, char_readings, hk_readings
from borderlink.resolve.names.hk_romanisation import jyutping_of, render_jyutping, rule_spellings

# Public figures' names as printed on HK documents, with their characters.
HK_NAMES = [
    ("陳大文", "CHAN Tai-man"),
    ("梁振英", "LEUNG Chun-ying"),
    ("曾蔭權", "TSANG Yam-kuen"),
    ("林鄭月娥", "LAM CHENG Yuet-ngor"),
    ("張建宗", "CHEUNG Kin-chung"),
    ("黃仁龍", "WONG Yan-lung"),
    ("何鍾泰", "HO Chung-tai"),
    ("楊潤雄", "YEUNG Yun-hung"),
    ("周星馳", "CHOW Sing-chi"),
    ("劉德華", "LAU Tak-wah"),
    ("李嘉誠", "LI Ka-shing"),
    ("吳志森", "NG Chi-sum"),
    ("謝霆鋒", "TSE Ting-fung"),
    ("郭富城", "KWOK Fu-shing"),
    ("馮敏兒", "FUNG Man-yee"),
    ("鄧炳強", "TANG Ping-keung"),
    ("麥兆輝", "MAK Siu-fai"),
    ("蕭芳芳", "SIU Fong-fong"),
    ("葉劉淑儀", "YIP LAU Suk-yee"),
    ("朱經緯", "CHU King-wai"),
    ("曾俊華", "TSANG Chun-wah"),
    ("黃之鋒", "WONG Chi-fung"),
    ("盧寵茂", "LO Chung-mau"),
    ("徐家傑", "TSUI Ka-kit"),
    ("蔡素玉", "CHOI So-yuk"),
    ("呂大樂", "LUI Tai-lok"),
    ("石禮謙", "SHEK Lai-him"),
    ("胡定旭", "WU Ting-yuk"),
    ("李家超", "LEE Ka-chiu"),
    ("鄭若驊", "CHENG Yeuk-wah"),
    ("謝展寰", "TSE Chin-wan"),
    ("卓永興", "CHEUK Wing-hing"),
    ("黃錦星", "WONG Kam-sing"),
    ("陳振聰", "CHAN Chun-chung"),
    ("施永青", "SZE Wing-ching"),
    ("余子明", "YU Tsz-ming"),
    ("羅家英", "LAW Kar-ying"),
    ("容海恩", "YUNG Hoi-yan"),
]

# The same characters' person with one syllable different: never the same key.
HK_OTHERS = [
    ("梁振英", "LEUNG Chun-yan"),
    ("陳大文", "CHAN Tai-ming"),
    ("曾蔭權", "TSANG Yam-kin"),
    ("張建宗", "CHEUNG Kin-hung"),
    ("黃仁龍", "WONG Yan-ling"),
    ("何鍾泰", "HO Chung-kit"),
    ("周星馳", "CHAU Sing-wah"),
    ("劉德華", "LAU Tak-ming"),
    ("李嘉誠", "LI Ka-keung"),
    ("謝霆鋒", "TSE Ting-kwok"),
    ("郭富城", "KWOK Fu-wing"),
    ("鄧炳強", "TANG Ping-kwan"),
    ("麥兆輝", "MAK Siu-lung"),
    ("蕭芳芳", "SIU Fong-ling"),
    ("朱經緯", "CHU King-man"),
    ("徐家傑", "TSUI Ka-ming"),
    ("蔡素玉", "CHOI So-ying"),
    ("石禮謙", "SHEK Lai-ming"),
    ("李家超", "LEE Ka-chung"),
    ("施永青", "SZE Wing-kit"),
    ("余子明", "YU Tsz-wai"),
]


@pytest.mark.parametrize(
    ("jyutping", "expected"),
    [
        ("zan3", ("chan", "chun", "tsan")),  # 振 Chun
        ("zoeng1", ("cheung",)),  # 張
        ("loeng4", ("leung",)),  # 梁
        ("jyut6", ("yuet",)),  # 月
        ("kyun4", ("kuen",)),  # 權
        ("zang1", ("chang", "tsang")),  # 曾
        ("ceoi4", ("chui", "cheui", "tsui")),  # 徐
        ("zi2", ("chi", "tsz")),  # 子
        ("si1", ("sze", "see", "shi")),  # 思
        ("lei5", ("lee", "lei", "li")),  # 李
        ("ng4", ("ng",)),  # 吳
        ("bing2", ("ping",)),  # 炳
        ("gwok3", ("kwok",)),  # 郭
        ("koeng4", ("keung",)),  # 強
        ("waa4", ("wa", "wah", "war")),  # 華
        ("syun1", ("suen",)),  # 孫
        ("seon3", ("sun", "shun")),  # 信
        ("jam1", ("yam", "yum")),  # 蔭
        ("gou1", ("ko",)),  # 高
        ("daai6", ("tai",)),  # 大
        ("siu1", ("siu",)),  # 蕭: never Shiu
    ],
)
def test_render_jyutping_gives_hk_spellings_when_syllable_known(
    jyutping: str, expected: tuple[str, ...]
) -> None:
    assert render_jyutping(jyutping) == expected


@pytest.mark.parametrize("bad", ["", "xq3", "zzz", "9", "qing1"])
def test_render_jyutping_empty_when_not_a_syllable(bad: str) -> None:
    assert render_jyutping(bad) == ()


def test_rule_spellings_come_from_unihan_jyutping_when_char_known() -> None:
    assert jyutping_of("振") == ("zan3",)
    assert "chun" in rule_spellings("振")
    assert "chun" not in cantoroman_readings("振")  # the gap the rules close
    assert rule_spellings("A") == ()


def test_char_readings_put_rule_usual_spelling_first_when_both_sources_know_char() -> None:
    assert char_readings("曾")[:2] == ("chang", "tsang")
    assert set(cantoroman_readings("曾")) <= set(char_readings("曾"))
    assert char_readings("梁") == ("leung",)


@pytest.mark.parametrize(("han", "latin"), HK_NAMES)
def test_hk_name_meets_its_characters_when_same_person(han: str, latin: str) -> None:
    assert name_keys(NameInput(han)) & name_keys(NameInput(latin))


@pytest.mark.parametrize(("han", "latin"), HK_OTHERS)
def test_hk_name_misses_characters_when_one_syllable_differs(han: str, latin: str) -> None:
    assert not name_keys(NameInput(han)) & name_keys(NameInput(latin))


def test_hk_readings_stay_few_when_every_char_has_many_spellings() -> None:
    # 何 (3 rule + 3 cantoroman spellings), 志 and 思: the set is capped
    readings = hk_readings("何志思")
    assert 8 <= len(readings) <= 48
    assert readings[0] == ("ho", ("chi", "sze"))


@pytest.mark.parametrize(
    ("hk", "pinyin"),
    [
        ("LEUNG Chun-ying", "LIANG Zhenying"),  # 振 needs the rules
        ("CHAN Chun-chung", "CHEN Zhencong"),
        ("TSANG Chun-wah", "ZENG Junhua"),
        ("KWOK Fu-shing", "GUO Fucheng"),
        ("TANG Ping-keung", "DENG Bingqiang"),
    ],
)
def test_bridge_meets_pinyin_when_hk_name_read_by_rules(hk: str, pinyin: str) -> None:
    hk_side, _ = bridge_keys(NameInput(hk))
    _, py_side = bridge_keys(NameInput(pinyin))
    assert hk_side & py_side
