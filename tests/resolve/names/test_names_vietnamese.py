"""Vietnamese names: with and without diacritics, and in Sino-Vietnamese characters."""

from __future__ import annotations

import pytest
from name_pairs import keys_of, share

from borderlink.resolve.names import NameInput

# (Sino-Vietnamese characters as Guangxi writes them, diacritics, plain capitals)
SAME_PERSON = [
    ("阮文雄", "Nguyễn Văn Hùng", "NGUYEN Van Hung"),
    ("陈文明", "Trần Văn Minh", "TRAN Van Minh"),
    ("黎氏花", "Lê Thị Hoa", "LE Thi Hoa"),
    ("范文德", "Phạm Văn Đức", "PHAM Van Duc"),
    ("黄文强", "Hoàng Văn Cường", "HOANG Van Cuong"),
    ("武氏兰", "Vũ Thị Lan", "VU Thi Lan"),
    ("吴文成", "Ngô Văn Thành", "NGO Van Thanh"),
    ("杜文安", "Đỗ Văn An", "DO Van An"),
    ("裴氏梅", "Bùi Thị Mai", "BUI Thi Mai"),
    ("邓文光", "Đặng Văn Quang", "DANG Van Quang"),
    ("阮氏秋", "Nguyễn Thị Thu", "NGUYEN Thi Thu"),
    ("胡文山", "Hồ Văn Sơn", "HO Van Son"),
    ("丁文海", "Đinh Văn Hải", "DINH Van Hai"),
    ("阮文胜", "Nguyễn Văn Thắng", "NGUYEN Van Thang"),
    ("陈氏香", "Trần Thị Hương", "TRAN Thi Huong"),
    ("黎文俊", "Lê Văn Tuấn", "LE Van Tuan"),
    ("杨文龙", "Dương Văn Long", "DUONG Van Long"),
    ("阮德勇", "Nguyễn Đức Dũng", "NGUYEN Duc Dung"),
    ("范氏玉", "Phạm Thị Ngọc", "PHAM Thi Ngoc"),
    ("潘文平", "Phan Văn Bình", "PHAN Van Binh"),
]

DIFFERENT_PEOPLE = [
    ("阮文雄", "NGUYEN Van Hai"),
    ("NGUYEN Van Hung", "NGUYEN Thi Hung"),
    ("Trần Văn Minh", "TRAN Van Manh"),
    ("LE Thi Hoa", "LE Thi Hoai"),
    ("PHAM Van Duc", "PHAN Van Duc"),
    ("黄文强", "HOANG Van Cuong Anh"),
    ("Vũ Thị Lan", "VU Thi Lanh"),
    ("NGO Van Thanh", "NGO Van Thang"),
    ("DO Van An", "DO An"),
    ("裴氏梅", "BUI Thi Mui"),
    ("DANG Van Quang", "DANG Van Khang"),
    ("NGUYEN Thi Thu", "NGUYEN Thi Thuy"),
    ("HO Van Son", "HO Van Sang"),
    ("DINH Van Hai", "DINH Van Hoai"),
    ("阮文胜", "NGUYEN Van Thinh"),
    ("陈氏香", "TRAN Thi Hang"),
    ("LE Van Tuan", "LE Van Tu"),
    ("DUONG Van Long", "DUONG Van Luong"),
    ("NGUYEN Duc Dung", "NGUYEN Duc Dong"),
    ("潘文平", "PHAN Van Binh Minh"),
]


@pytest.mark.parametrize(("han", "accented", "plain"), SAME_PERSON)
def test_vietnamese_forms_share_key_when_same_name(han: str, accented: str, plain: str) -> None:
    assert share(han, plain)
    assert share(han, accented)
    assert share(accented, plain)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_vietnamese_names_share_no_key_when_names_differ(a: str, b: str) -> None:
    assert not share(a, b)


def test_vietnamese_key_shape_when_characters() -> None:
    assert "vi:nguyen|van hung" in keys_of("阮文雄")


def test_hk_immd_record_shares_key_when_split_fields_and_chinese_name() -> None:
    immd = NameInput(
        None, name_zh=None, surname="NGUYEN", given_names="Van Hung", nationality="VNM"
    )
    assert share(immd, "阮文雄")


def test_given_name_first_shares_key_when_order_reversed() -> None:
    assert share("Van Hung NGUYEN", "NGUYEN Van Hung")


@pytest.mark.parametrize("nationality", [None, "VNM", "越南", "Vietnamese"])
def test_sino_vietnamese_reading_used_when_nationality_vietnamese_or_unknown(
    nationality: str | None,
) -> None:
    assert share(NameInput("阮文雄", nationality=nationality), "NGUYEN Van Hung")


def test_sino_vietnamese_reading_skipped_when_nationality_chinese() -> None:
    keys = keys_of(NameInput("陈文明", nationality="CHN"))
    assert not any(k.startswith("vi:") for k in keys)
    assert "py:chen|wen ming" in keys
