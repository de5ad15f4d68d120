"""Chinese names: simplified, traditional, pinyin (joined, spaced, hyphenated, either order)."""

from __future__ import annotations

import pytest
from name_pairs import keys_of, share

from borderlink.resolve.names import NameInput

# (simplified, traditional, pinyin as a mainland or HK form would write it)
SAME_PERSON = [
    ("陈志明", "陳志明", "CHEN Zhiming"),
    ("陈志明", "陳志明", "Chen Zhi Ming"),
    ("黄伟强", "黃偉強", "HUANG Weiqiang"),
    ("张国华", "張國華", "ZHANG Guohua"),
    ("谢家辉", "謝家輝", "XIE Jiahui"),
    ("刘德明", "劉德明", "LIU Deming"),
    ("李建国", "李建國", "Li Jian-guo"),
    ("王丽娟", "王麗娟", "WANG Lijuan"),
    ("吴晓东", "吳曉東", "WU Xiaodong"),
    ("郑海涛", "鄭海濤", "ZHENG Haitao"),
    ("林俊杰", "林俊傑", "LIN Junjie"),
    ("何永康", "何永康", "HE Yongkang"),
    ("罗文辉", "羅文輝", "LUO Wenhui"),
    ("梁志伟", "梁志偉", "LIANG Zhiwei"),
    ("杨东", "楊東", "YANG Dong"),
    ("周淑仪", "周淑儀", "ZHOU Shuyi"),
    ("许国强", "許國強", "XU Guoqiang"),
    ("冯嘉欣", "馮嘉欣", "FENG Jiaxin"),
    ("邓小龙", "鄧小龍", "DENG Xiaolong"),
    ("欧阳振华", "歐陽振華", "OUYANG Zhenhua"),
    ("单志明", "單志明", "SHAN Zhiming"),
    ("曾国荣", "曾國榮", "ZENG Guorong"),
    ("区伟明", "區偉明", "OU Weiming"),
    ("仇建军", "仇建軍", "QIU Jianjun"),
]

DIFFERENT_PEOPLE = [
    ("陈志明", "陈志强"),
    ("陈志明", "林志明"),
    ("陈志明", "CHEN Zhiqiang"),
    ("CHEN Zhiming", "CHEN Zhiwei"),
    ("黄伟强", "ZHANG Weiqiang"),
    ("张国华", "张华国"),
    ("王丽娟", "WANG Lijun"),
    ("单志明", "DAN Zhiming"),
    ("李建国", "LI Jianhua"),
    ("刘德明", "刘明"),
    ("周淑仪", "ZHOU Shuying"),
    ("邓小龙", "DENG Xiaohu"),
    ("许国强", "许国庆"),
    ("冯嘉欣", "FENG Jiaxi"),
    ("欧阳振华", "OUYANG Zhenguo"),
    ("杨东", "YANG Dongsheng"),
    ("梁志伟", "LIANG Zhi"),
    ("郑海涛", "ZHENG Haibo"),
    ("罗文辉", "LUO Wen"),
    ("何永康", "HE Yongan"),
]


@pytest.mark.parametrize(("simp", "trad", "latin"), SAME_PERSON)
def test_simplified_traditional_pinyin_share_key_when_same_name(
    simp: str, trad: str, latin: str
) -> None:
    assert share(simp, trad)
    assert share(simp, latin)
    assert share(trad, latin)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_chinese_names_share_no_key_when_names_differ(a: str, b: str) -> None:
    assert not share(a, b)


def test_pinyin_key_shape_when_simplified() -> None:
    assert "py:chen|zhi ming" in keys_of("陈志明")


@pytest.mark.parametrize(
    "spelling",
    [
        "CHEN Zhiming",
        "Zhiming CHEN",
        "Chen Zhi-ming",
        "chen zhi ming",
        "Zhi Ming Chen",
        "CHEN ZHIMING",
    ],
)
def test_pinyin_spellings_share_key_when_order_or_joining_varies(spelling: str) -> None:
    assert "py:chen|zhi ming" in keys_of(spelling)


@pytest.mark.parametrize(
    ("han", "surname_key"),
    [("单志明", "py:shan|"), ("曾志明", "py:zeng|"), ("区志明", "py:ou|"), ("解小明", "py:xie|")],
)
def test_surname_reading_used_when_heteronym(han: str, surname_key: str) -> None:
    assert any(k.startswith(surname_key) for k in keys_of(han))


def test_yn_pinyin_column_matches_when_toneless() -> None:
    yn = NameInput("陈志明", name_pinyin="chen zhi ming")
    assert share(yn, "CHEN Zhiming")


def test_joined_given_name_segmented_when_ambiguous_split() -> None:
    assert "py:xi|an" not in keys_of("XIAN")
    assert "py:wang|xi an" in keys_of("Wang Xi'an")
