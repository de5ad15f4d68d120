"""Places, agencies, origins, routes, named people and groups, case numbers and phones."""

from __future__ import annotations

from borderlink.extract import extract_text


def _facts(text: str, kind: str) -> list[tuple[object, ...]]:
    return [(f.value, f.what, f.region) for f in extract_text(text, file="t.txt") if f.kind == kind]


def test_places_come_from_the_gazetteer_with_their_region() -> None:
    text = "Speedboats landed at Tuen Mun and Sai Kung; others crossed at 瑞丽 and Dongxing."
    assert _facts(text, "place") == [
        ("Tuen Mun", "district", "HK"),
        ("Sai Kung", "district", "HK"),
        ("Ruili", "crossing", "YN"),
        ("Dongxing", "crossing", "GX"),
    ]


def test_agencies_and_origins_are_named() -> None:
    text = "入境處 and the Hong Kong Police Force arrested Bangladeshi and 越南籍 migrants."
    assert [v for v, _, _ in _facts(text, "agency")] == [
        "Immigration Department",
        "Hong Kong Police Force",
    ]
    assert [v for v, _, _ in _facts(text, "origin")] == ["BGD", "VNM"]


def test_routes_follow_connectors_not_lists() -> None:
    route = (
        "Migrants were smuggled from Vietnam into Guangxi, then to Shenzhen "
        "and by speedboat to Tuen Mun."
    )
    assert [v for v, _, _ in _facts(route, "route")] == ["VN>GX>GD>HK:sea"]
    listing = "Police from Guangdong, Guangxi and Yunnan met in Kunming."
    assert _facts(listing, "route") == []
    assert [v for v, _, _ in _facts("偷渡人员从缅甸经瑞丽入境后乘坐车辆前往广东。", "route")] == [
        "MM>YN>GD:land"
    ]


def test_named_people_and_groups_with_roles() -> None:
    text = (
        "The ringleader NGUYEN Van Hung and LEE Ka-wai, a driver, were charged; "
        'the "Golden Dragon" syndicate recruited them. '
        "主犯陈某明（男，42岁）及以阮某为首的偷渡团伙。"
    )
    people = [(v, w) for v, w, _ in _facts(text, "person")]
    assert people == [
        ("NGUYEN Van Hung", "organiser"),
        ("LEE Ka-wai", "transporter"),
        ("陈某明", "organiser"),
    ]
    assert [v for v, _, _ in _facts(text, "group")] == ["Golden Dragon", "以阮某为首的偷渡团伙"]


def test_case_numbers_and_phones_are_references() -> None:
    text = "案件编号GD-2017-00421，联系电话138 1234 5678；HKP-2018-004512, call +852 9123 4567."
    found = [
        (f.kind, f.value)
        for f in extract_text(text, file="t.txt")
        if f.kind in ("case_ref", "phone")
    ]
    assert found == [
        ("case_ref", "GD-2017-00421"),
        ("phone", "+8613812345678"),
        ("case_ref", "HKP-2018-004512"),
        ("phone", "+85291234567"),
    ]


def test_figure_region_is_the_one_region_named_before_it() -> None:
    text = (
        "Hong Kong police arrested 803 illegal entrants. "
        "Guangdong, Guangxi and Yunnan cracked 290 cases."
    )
    regions = {f.value: f.region for f in extract_text(text, file="t.txt") if f.kind == "figure"}
    assert regions == {803: "HK", 290: None}


def test_changes_respectively_over_a_list_of_percentages() -> None:
    text = (
        "共查获1,340人，其中非法入境1,102人、非法居留156人、非法就业82人，"
        "较去年分别下降12%、8%和20%。"
    )
    changes = [
        (f.what, f.value, f.direction)
        for f in extract_text(text, file="t.txt")
        if f.kind == "change"
    ]
    assert changes == [
        ("illegal_entrants", 12, "down"),
        ("overstayers", 8, "down"),
        ("illegal_workers", 20, "down"),
    ]


def test_of_whom_continues_the_figure_before() -> None:
    text = "Since 1 January: 2,774 illegal entrants intercepted, of whom 1,921 from Myanmar."
    figures = [(f.what, f.value) for f in extract_text(text, file="t.txt") if f.kind == "figure"]
    assert figures == [("illegal_entrants", 2774), ("illegal_entrants", 1921)]
