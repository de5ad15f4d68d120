"""HK romanisation meets pinyin with no characters on either side (Chan/Chen, Wong/Huang)."""

from __future__ import annotations

import random

import pytest

from borderlink.resolve.names import NameInput, bridge_keys
from borderlink.resolve.names.bridge import pinyin_candidates, strict_hk_syllables
from borderlink.resolve.names.cantonese import hk_readings
from borderlink.resolve.names.chinese import pinyin_reading


def bridged(a: str | NameInput, b: str | NameInput) -> bool:
    """True when one name's HK readings hold the other's pinyin key."""
    hk_a, py_a = bridge_keys(a if isinstance(a, NameInput) else NameInput(a))
    hk_b, py_b = bridge_keys(b if isinstance(b, NameInput) else NameInput(b))
    return bool(hk_a & py_b or hk_b & py_a)


# (HK government romanisation, pinyin) of one written name; no characters given
SAME_NAME = [
    ("CHAN Chi-ming", "CHEN Zhiming"),  # 陳志明
    ("WONG Tai Sin", "HUANG Daxian"),  # 黃大仙
    ("CHEUNG Kwok-wah", "ZHANG Guohua"),  # 張國華
    ("TSE Ka-fai", "XIE Jiahui"),  # 謝家輝
    ("CHAN Tai-man", "CHEN Dawen"),  # 陳大文
    ("LAU Tak-wah", "LIU Dehua"),  # 劉德華
    ("LEUNG Chiu-wai", "LIANG Chaowei"),  # 梁朝偉
    ("CHEUNG Hok-yau", "ZHANG Xueyou"),  # 張學友
    ("KWOK Fu-shing", "GUO Fucheng"),  # 郭富城
    ("TSANG Yam-kuen", "ZENG Yinquan"),  # 曾蔭權
    ("LEUNG Chun-ying", "LIANG Zhenying"),  # 梁振英
    ("CHOW Yun-fat", "ZHOU Runfa"),  # 周潤發
    ("HO Kwok-wai", "HE Guowei"),  # 何國偉
    ("FUNG Ka-yan", "FENG Jiaxin"),  # 馮嘉欣
    ("MAK Chi-keung", "MAI Zhiqiang"),  # 麥志強
    ("TANG Siu-lung", "DENG Xiaolong"),  # 鄧小龍
    ("CHENG Hoi-to", "ZHENG Haitao"),  # 鄭海濤
    ("LAM Chun-kit", "LIN Junjie"),  # 林俊傑
    ("CHOW Shuk-yee", "ZHOU Shuyi"),  # 周淑儀
    ("AU YEUNG Ka-ming", "OUYANG Jiaming"),  # 歐陽家明
    ("SZETO Wai-kit", "SITU Weijie"),  # 司徒偉傑
    ("YIP Kwok-keung", "YE Guoqiang"),  # 葉國強
    ("KWAN Chi-hung", "GUAN Zhixiong"),  # 關志雄
    ("SO Wing-kin", "SU Yongjian"),  # 蘇永健
    ("WONG Wai", "WANG Wei"),  # 王偉
]

DIFFERENT_NAMES = [
    ("CHAN Chi-ming", "CHEN Zhiqiang"),
    ("CHAN Chi-ming", "ZHANG Zhiming"),
    ("WONG Tai Sin", "HUANG Daming"),
    ("CHEUNG Kwok-wah", "ZHANG Guoqiang"),
    ("TSE Ka-fai", "XIE Jiaming"),
    ("CHAN Tai-man", "CHEN Xiaowen"),
    ("LAU Tak-wah", "LIU Dehai"),
    ("LEUNG Chiu-wai", "LIANG Chaoqun"),
    ("CHEUNG Hok-yau", "ZHANG Xuewen"),
    ("KWOK Fu-shing", "GUO Fuqiang"),
    ("TSANG Yam-kuen", "ZENG Yinhua"),
    ("CHOW Yun-fat", "ZHOU Runhua"),
    ("HO Kwok-wai", "HU Guowei"),
    ("FUNG Ka-yan", "FENG Jiaqi"),
    ("MAK Chi-keung", "MA Zhiqiang"),
    ("TANG Siu-lung", "TANG Xiaolong"),
    ("CHENG Hoi-to", "ZHENG Haiyang"),
    ("LAM Chun-kit", "LIN Junhui"),
    ("AU YEUNG Ka-ming", "OUYANG Jiahui"),
    ("YIP Kwok-keung", "YE Guohua"),
]


@pytest.mark.parametrize(("hk", "pinyin"), SAME_NAME)
def test_hk_romanisation_bridges_to_pinyin_when_same_written_name(hk: str, pinyin: str) -> None:
    assert bridged(hk, pinyin)


@pytest.mark.parametrize(("hk", "pinyin"), DIFFERENT_NAMES)
def test_hk_romanisation_does_not_bridge_when_names_differ(hk: str, pinyin: str) -> None:
    assert not bridged(hk, pinyin)


@pytest.mark.parametrize(
    ("hk", "pinyin"),
    [
        ("Chi-ming CHAN", "CHEN Zhiming"),
        ("CHAN Chiming", "Zhiming CHEN"),
        ("CHAN CHI MING", "CHEN Zhi-ming"),
        ("Chi Ming Chan", "Chen Zhi Ming"),
        (NameInput(None, surname="CHAN", given_names="CHI MING"), "CHEN ZHIMING"),
        ("AUYEUNG Ka Ming", "OU YANG Jia-ming"),
    ],
)
def test_bridge_ignores_order_hyphens_and_joins_when_spelling_varies(
    hk: str | NameInput, pinyin: str
) -> None:
    assert bridged(hk, pinyin)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CHAN Chi-ming", "CHAN Tsz-ming"),  # both HK: their readings overlap, yet never bridge
        ("CHAN Ka-man", "CHAN Ka-min"),
        ("CHEN Zhiming", "ZHENG Zhiming"),  # both pinyin
        ("NGUYEN Van Hung", "TRAN Van Hung"),
    ],
)
def test_bridge_never_joins_two_names_of_one_romanisation(a: str, b: str) -> None:
    assert not bridged(a, b)


def test_pinyin_candidates_come_from_character_data_when_hk_syllable() -> None:
    assert "chen" in pinyin_candidates("chan")  # 陳
    assert {"huang", "wang"} <= set(pinyin_candidates("wong"))  # 黃 王
    assert "zhang" in pinyin_candidates("cheung")  # 張
    assert pinyin_candidates("tse", surname=True) == ("xie",)  # 謝
    assert "zeng" in pinyin_candidates("tsang", surname=True)  # 曾 as a surname
    assert all(len(pinyin_candidates(s)) <= 6 for s in ("chi", "man", "yan", "ho"))
    assert pinyin_candidates("qwerty") == ()


def test_strict_inventory_excludes_pinyin_only_syllables_when_checking_flavour() -> None:
    strict = strict_hk_syllables()
    assert {"chan", "wong", "cheung", "ming", "kwok"} <= strict
    assert not {"zhang", "xie", "huang", "zhi", "wei", "xiong"} & strict


def _common_chars(rng: random.Random, n: int) -> list[str]:
    from borderlink.resolve.names.bridge import _common_readings

    pool = sorted(ch for ch in _common_readings() if "\u4e00" <= ch <= "\u9fff")
    return rng.sample(pool, n)


def test_bridge_false_match_rate_low_when_unrelated_names() -> None:
    """HK spellings of 600 random 3-character names against pinyin of 600 others."""
    rng = random.Random(5)
    chars = _common_chars(rng, 3600)
    hk_names: list[str] = []
    py_names: list[str] = []
    for i in range(0, 1800, 3):
        readings = hk_readings("".join(chars[i : i + 3]))
        if readings:
            sur, given = readings[0]
            hk_names.append(f"{sur.upper()} {'-'.join(given)}")
    for i in range(1800, 3600, 3):
        reading = pinyin_reading("".join(chars[i : i + 3]))
        if reading is not None:
            py_names.append(f"{reading[0].upper()} {''.join(reading[1])}")
    hk_sides = [bridge_keys(NameInput(n))[0] for n in hk_names]
    py_sides = [bridge_keys(NameInput(n))[1] for n in py_names]
    assert sum(1 for s in py_sides if s) > 0.5 * len(py_names)
    meets = sum(1 for h in hk_sides for p in py_sides if h & p)
    assert meets / (len(hk_sides) * len(py_sides)) < 2e-5, meets  # measured: 1 in 352,200


def test_bridge_recall_high_when_same_random_names_in_both_romanisations() -> None:
    """The same 300 random names spelt the HK way and in pinyin mostly bridge."""
    rng = random.Random(9)
    chars = _common_chars(rng, 900)
    tried = found = 0
    for i in range(0, 900, 3):
        han = "".join(chars[i : i + 3])
        hk, py = hk_readings(han), pinyin_reading(han)
        if not hk or py is None:
            continue
        hk_name = NameInput(f"{hk[0][0].upper()} {'-'.join(hk[0][1])}")
        py_name = NameInput(f"{py[0].upper()} {''.join(py[1])}")
        if not bridge_keys(py_name)[1]:
            continue  # the pinyin spelling is also valid HK romanisation: nothing to bridge
        tried += 1
        found += bridged(hk_name, py_name)
    assert tried > 150
    assert found / tried > 0.9, (found, tried)  # measured: 239 of 264
