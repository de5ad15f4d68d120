"""Two-character surnames written apart, joined, hyphenated or in characters meet."""

from __future__ import annotations

import pytest
from name_pairs import keys_of, share

from borderlink.resolve.names import NameInput

SAME_PERSON = [
    ("AU YEUNG Ka Ming", "AUYEUNG Ka-ming"),
    ("AU YEUNG Ka Ming", "歐陽家明"),
    ("AUYEUNG Ka-ming", "歐陽家明"),
    ("Ka Ming AU YEUNG", "AUYEUNG Ka-ming"),
    ("AU-YEUNG Ka Ming", "AU YEUNG KA MING"),
    (NameInput(None, surname="AU YEUNG", given_names="KA MING"), "AUYEUNG Ka-ming"),
    (NameInput(None, surname="AUYEUNG", given_names="Ka Ming"), "歐陽家明"),
    ("OU YANG Jia Ming", "OUYANG Jiaming"),
    ("OU YANG Jia Ming", "欧阳家明"),
    ("Jiaming OUYANG", "欧阳家明"),
    ("SZE TO Wai Kit", "SZETO Wai-kit"),
    ("SZE TO Wai Kit", "司徒偉傑"),
    ("SI TU Wei Jie", "SITU Weijie"),
    ("SI TU Wei Jie", "司徒伟杰"),
    ("SI MA Zhi Jian", "司马志坚"),
    ("SIMA Zhijian", "SI MA Zhi-jian"),
    ("ZHU GE Liang Ming", "ZHUGE Liangming"),
    ("ZHU GE Liang Ming", "诸葛亮明"),
    ("DONG FANG Xiao Ming", "DONGFANG Xiaoming"),
    ("MU RONG Xue Mei", "慕容雪梅"),
    ("LING HU Chong Wen", "LINGHU Chongwen"),
    ("SHANG GUAN Wan Ting", "上官婉婷"),
]

DIFFERENT_PEOPLE = [
    ("AU YEUNG Ka Ming", "AU YEUNG Ka Wai"),
    ("AU YEUNG Ka Ming", "YEUNG Ka Ming"),
    ("AU YEUNG Ka Ming", "歐陽家偉"),
    ("SZE TO Wai Kit", "SZETO Wai-man"),
    ("SZE TO Wai Kit", "TO Wai Kit"),
    ("OU YANG Jia Ming", "YANG Jiaming"),
    ("SI TU Wei Jie", "SITU Weiming"),
    ("ZHU GE Liang Ming", "ZHU Liangming"),
    ("DONG FANG Xiao Ming", "FANG Xiaoming"),
    ("MU RONG Xue Mei", "RONG Xuemei"),
    ("LING HU Chong Wen", "HU Chongwen"),
    ("SHANG GUAN Wan Ting", "GUAN Wanting"),
    ("SIMA Zhijian", "MA Zhijian"),
    ("AUYEUNG Ka-ming", "AU Ka-ming"),
    ("SZETO Wai-kit", "SZE Wai-kit"),
    ("歐陽家明", "陽家明"),
    ("司徒偉傑", "徒偉傑"),
    ("OUYANG Jiaming", "OU Jiaming"),
    ("DONGFANG Xiaoming", "DONG Xiaoming"),
    ("慕容雪梅", "容雪梅"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_compound_surname_meets_when_written_apart_joined_or_in_characters(
    a: str | NameInput, b: str
) -> None:
    assert share(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_compound_surname_shares_no_key_when_surname_or_given_differs(
    a: str | NameInput, b: str
) -> None:
    assert not share(a, b)


def test_compound_surname_gives_one_phonetic_key_when_written_apart() -> None:
    phonetic = {k for k in keys_of("AU YEUNG Ka Ming") if k.startswith("ph:")}
    assert phonetic == {k for k in keys_of("AUYEUNG Ka Ming") if k.startswith("ph:")}
    assert "yue:auyeung|ka ming" in keys_of("AU YEUNG Ka Ming")
