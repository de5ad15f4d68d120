"""South Asian names written in Chinese characters (or their pinyin) meet their Latin forms."""

from __future__ import annotations

import pytest

from borderlink.resolve.names import NameInput, name_keys
from borderlink.resolve.names.south_asian import (
    component_table,
    south_asian_han_keys,
    south_asian_pinyin_keys,
)

SAME = [
    ("穆罕默德·贾韦德·巴特", "BUTT MOHAMED JAWED", "PAK"),
    ("穆罕默德·贾韦德·巴特", "MOHAMMAD JAVED BUTT", "PAK"),
    ("塔里克·汗", "KHAN TARIK", "PAK"),
    ("塔里克·汗", "Tariq Khan", "PAK"),
    ("穆罕默德·阿里", "MD ALI", "BGD"),
    ("阿卜杜勒·拉赫曼", "ABDUL REHMAN", "PAK"),
    ("侯赛因·比拉勒", "HOSSAIN BILAL", "BGD"),
    ("比拉勒·侯赛因", "Bilal Hussain", "PAK"),
    ("艾哈迈德·法鲁克", "AHMED Farooq", "PAK"),
    ("伊姆兰·汗", "IMRAN KHAN", "PAK"),
    ("阿西夫·伊克巴尔", "ASIF IQBAL", "PAK"),
    ("穆罕默德·阿里夫·巴特", "BUTT Mohamed Arif", "PAK"),
    ("萨吉德·艾哈迈德", "AHMAD SAJID", "PAK"),
    ("拉吉·库马尔", "RAJ KUMAR", "IND"),
    ("古尔普雷特·辛格", "GURPREET SINGH", "IND"),
    ("苏雷什·夏尔马", "Suresh Sharma", "IND"),
    ("阿米特·帕特尔", "PATEL AMIT", "IND"),
    ("普丽娅·黛维", "PRIYA DEVI", "IND"),
    ("巴哈杜尔·古隆", "BAHADUR GURUNG", "NPL"),
    ("鲁万·贾亚苏里亚", "RUWAN JAYASOORIYA", "LKA"),
    ("卡孙·拉特纳亚克", "RATHNAYAKE KASUN", "LKA"),
    ("法蒂玛·贝古姆", "FATIMA BEGUM", "BGD"),
    ("穆罕默德·伊斯兰·乌丁", "MOHAMMED ISLAM UDDIN", "BGD"),
]

DIFFERENT = [
    ("穆罕默德·贾韦德·巴特", "MOHAMMAD JAVED", "PAK"),  # a word missing
    ("塔里克·汗", "TARIQ ALI", "PAK"),
    ("穆罕默德·阿里", "MOHAMMAD AKBAR", "PAK"),
    ("阿卜杜勒·拉赫曼", "ABDUL RAHIM", "BGD"),
    ("侯赛因·比拉勒", "HASSAN BILAL", "PAK"),
    ("伊姆兰·汗", "IMRAN KHALID", "PAK"),
    ("拉吉·库马尔", "RAJESH KUMAR", "IND"),
    ("古尔普雷特·辛格", "HARPREET SINGH", "IND"),
    ("苏雷什·夏尔马", "RAMESH SHARMA", "IND"),
    ("阿米特·帕特尔", "AMIT SHAH", "IND"),
    ("鲁万·贾亚苏里亚", "NUWAN JAYASURIYA", "LKA"),
    ("法蒂玛·贝古姆", "AYESHA BEGUM", "BGD"),
    ("萨吉德·艾哈迈德", "SAJID MAHMOOD", "PAK"),
    ("巴哈杜尔·古隆", "BAHADUR THAPA", "NPL"),
    ("艾哈迈德·法鲁克", "AHMED FAISAL", "PAK"),
    ("比拉勒·侯赛因", "BILAL HAIDER", "PAK"),
    ("阿西夫·伊克巴尔", "ASIF ALI", "PAK"),
    ("普丽娅·黛维", "PRIYA SHARMA", "IND"),
    ("卡孙·拉特纳亚克", "KASUN PERERA", "LKA"),
    ("穆罕默德·伊斯兰·乌丁", "MOHAMMED ISLAM", "BGD"),
]


@pytest.mark.parametrize(("han", "latin", "nationality"), SAME)
def test_south_asian_han_meets_latin_when_same_name(han: str, latin: str, nationality: str) -> None:
    a = name_keys(NameInput(han, nationality=nationality))
    b = name_keys(NameInput(latin, nationality=nationality))
    assert a & b


@pytest.mark.parametrize(("han", "latin", "nationality"), DIFFERENT)
def test_south_asian_han_misses_latin_when_names_differ(
    han: str, latin: str, nationality: str
) -> None:
    a = name_keys(NameInput(han, nationality=nationality))
    b = name_keys(NameInput(latin, nationality=nationality))
    assert not a & b


@pytest.mark.parametrize(
    ("pinyin", "latin"),
    [
        ("MUHANMODEJIAWEIDEBATE", "MOHAMED JAVED BUTT"),
        ("ta li ke han", "KHAN TARIK"),
        ("Yimulan Han", "IMRAN KHAN"),
        ("LAJI KUMAER", "RAJ KUMAR"),
    ],
)
def test_south_asian_pinyin_meets_latin_when_nationality_south_asian(
    pinyin: str, latin: str
) -> None:
    a = name_keys(NameInput(None, name_pinyin=pinyin, nationality="PAK"))
    b = name_keys(NameInput(latin, nationality="PAK"))
    assert a & b


def test_south_asian_pinyin_ignored_when_nationality_not_south_asian() -> None:
    assert not south_asian_pinyin_keys("li") and not south_asian_pinyin_keys("")
    a = name_keys(NameInput(None, name_pinyin="ta li ke han", nationality="CHN"))
    assert not a & name_keys(NameInput("KHAN TARIK", nationality="PAK"))


def test_chinese_name_not_read_as_south_asian_when_no_separator_and_no_nationality() -> None:
    # 阿里 and 汗 are table components, but a plain Chinese name is not a foreign one
    assert south_asian_han_keys("阿里汗", need_separator=True) == frozenset()
    assert south_asian_han_keys("阿里·汗", need_separator=True) == frozenset({"ph:ali khan"})
    assert south_asian_han_keys("阿里汗", need_separator=False) == frozenset({"ph:ali khan"})


def test_south_asian_name_unread_when_a_component_unknown() -> None:
    assert south_asian_han_keys("穆罕默德·张三", need_separator=False) == frozenset()


def test_south_asian_reading_skipped_when_nationality_elsewhere() -> None:
    keys = name_keys(NameInput("塔里克·汗", nationality="VNM"))
    assert not any(k == "ph:khan tarik" for k in keys)


def test_component_table_keys_simplified_and_values_latin() -> None:
    table = component_table()
    assert len(table) > 200
    assert table["巴特"] == ("butt", "bhatt")
    assert all(v.isascii() and v.isalpha() for vs in table.values() for v in vs)
