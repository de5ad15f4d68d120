"""The default world has the shape of the 2016-2019 joint operation."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from borderlink.synth.scenario import load_scenario

from .conftest import World

ROLES = {
    "organiser",
    "recruiter",
    "transporter",
    "receiver",
    "harbourer",
    "document_vendor",
    "financier",
    "migrant",
    "employer",
}
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_all_nine_roles_are_present(world: World) -> None:
    roles = Counter(r["role"] for r in world.csv_rows("truth/people.csv"))
    assert set(roles) == ROLES
    assert roles["migrant"] > roles["transporter"] > roles["organiser"]


def test_customers_have_no_syndicate_and_members_have_one(world: World) -> None:
    syndicates = {r["syndicate_id"]: r for r in world.csv_rows("truth/syndicates.csv")}
    sizes: Counter[str] = Counter()
    for person in world.csv_rows("truth/people.csv"):
        if person["role"] in ("migrant", "employer"):
            assert person["syndicate_id"] == ""
        else:
            assert person["syndicate_id"] in syndicates
            sizes[person["syndicate_id"]] += 1
    assert {k: int(v["size"]) for k, v in syndicates.items()} == dict(sizes)


def test_routes_follow_the_scenario(world: World) -> None:
    known = set(load_scenario("joint-operation-2016").routes)
    routes = [r for s in world.csv_rows("truth/syndicates.csv") for r in s["routes"].split(";")]
    assert set(routes) <= known
    assert any(r.startswith("VN>GX>GD") for r in routes) and any(
        r.startswith("MM>YN>GD") for r in routes
    )
    assert any(r.endswith(":sea") for r in routes) and any(r.endswith(":land") for r in routes)
    places = " ".join(r["发案地"] for r in _gx(world))
    assert "东兴" in places or "凭祥" in places


def _gx(world: World) -> list[dict[str, str]]:
    import csv
    import io

    raw = (world.out / "gx_psb" / "涉案人员登记.csv").read_bytes().decode("gb18030")
    return list(csv.DictReader(io.StringIO(raw)))


def test_hong_kong_arrivals_fall_year_on_year(world: World) -> None:
    year_of = {
        c["case_no"]: int(c["report_date"][-4:]) for c in world.csv_rows("hk_police/cases.csv")
    }
    per_year = Counter(
        year_of[p["case_no"]]
        for p in world.csv_rows("hk_police/persons.csv")
        if p["role"] == "Illegal immigrant"
    )
    assert per_year[2016] > 0 and per_year[2017] > 0
    change = (per_year[2018] - per_year[2017]) / per_year[2017]
    assert change < -0.25, per_year


def test_the_same_person_appears_in_several_agencies(world: World) -> None:
    sources: dict[str, set[str]] = defaultdict(set)
    for r in world.csv_rows("truth/records.csv"):
        sources[r["person_id"]].add(r["source"])
    multi = [p for p, s in sources.items() if len(s) > 1]
    assert len(multi) / len(sources) > 0.1
    assert any({"hk_police", "hk_immd"} <= s for s in sources.values())
    assert any(s & {"gx_psb", "yn_psb"} and "hk_police" in s for s in sources.values())


def test_names_are_written_in_each_agencys_script(world: World) -> None:
    gx_vn = [r["姓名"] for r in _gx(world) if r["国籍"] == "越南"]
    assert sum(1 for n in gx_vn if HAN.search(n)) > len(gx_vn) / 2  # Sino-Vietnamese characters
    hk = world.csv_rows("hk_police/persons.csv")
    assert any(re.fullmatch(r"[A-Z]+ [A-Z][a-z]+-[a-z]+", p["name_en"]) for p in hk)  # CHAN Tai-man
    assert any(p["name_en"].startswith("NGUYEN ") for p in hk)
    assert all(not HAN.search(p["name_en"]) for p in hk)


def test_exhibits_hold_vessels_vehicles_cash_and_cards(world: World) -> None:
    gd = Counter(r["物品类别"] for r in world.csv_rows("gd_psb/涉案物品.csv", "utf-8-sig"))
    assert {"手机", "车辆", "现金", "银行卡", "证件"} <= set(gd)
    hk = Counter(r["exhibit_type"] for r in world.csv_rows("hk_police/exhibits.csv"))
    assert {"Vessel", "Mobile phone"} <= set(hk)
    dual = [
        v
        for v in world.csv_rows("truth/vehicles.csv")
        if v["mainland_plate"].startswith("粤Z") and v["hk_plate"]
    ]
    assert dual


def test_some_dates_are_swapped_partial_or_missing(world: World) -> None:
    hk = [p["dob"] for p in world.csv_rows("hk_police/persons.csv")]
    assert any(re.fullmatch(r"\d{4}", d) for d in hk) and any(d == "" for d in hk)
    assert sum(1 for d in hk if re.fullmatch(r"\d\d/\d\d/\d{4}", d)) > len(hk) / 2
