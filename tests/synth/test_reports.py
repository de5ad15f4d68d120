"""Every figure a report states agrees with the exports it describes.

The figures are recounted here from the written files (not from the generator's own
counting code), with the definitions in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import json
from collections import Counter

import openpyxl

from .conftest import World
from .test_truth import _gx_rows

MIGRANT = {"偷渡人员", "Illegal immigrant"}
FACILITATOR = {
    "组织者",
    "招募者",
    "运送者",
    "接应者",
    "容留者",
    "制售证件者",
    "资金结算者",
    "Snakehead",
    "Driver",
    "Coxswain",
    "Look-out",
    "Harbourer",
}


def _recount(world: World) -> tuple[dict[str | None, Counter[str]], Counter[int]]:
    f: dict[str | None, Counter[str]] = {r: Counter() for r in ("GD", "GX", "YN", "HK")}
    [book] = list((world.out / "yn_psb").glob("*.xlsx"))
    wb = openpyxl.load_workbook(book, read_only=True)
    yn_cases = list(wb["案件"].iter_rows(values_only=True))[1:]
    yn_people = [
        dict(zip(("case", "name", "py", "sex", "dob", "nat", "id", "tel", "role"), r, strict=False))
        for r in list(wb["人员"].iter_rows(values_only=True))[1:]
    ]
    mainland = {
        "GD": (
            len(world.csv_rows("gd_psb/案件.csv", "utf-8-sig")),
            [r["涉案身份"] for r in world.csv_rows("gd_psb/涉案人员.csv", "utf-8-sig")],
        ),
        "GX": (len({r["案件编号"] for r in _gx_rows(world)}), [r["身份"] for r in _gx_rows(world)]),
        "YN": (len(yn_cases), [str(p["role"]) for p in yn_people]),
    }
    for region, (cases, roles) in mainland.items():
        f[region]["cases_cracked"] = cases
        f[region]["people_arrested"] = len(roles)
        f[region]["illegal_entrants"] = sum(r in MIGRANT for r in roles)
        f[region]["illegal_workers"] = roles.count("非法就业人员")
        f[region]["overstayers"] = roles.count("非法居留人员")
        f[region]["traffickers"] = sum(r in FACILITATOR for r in roles)
    cases = {c["case_no"]: c for c in world.csv_rows("hk_police/cases.csv")}
    persons = world.csv_rows("hk_police/persons.csv")
    hk = f["HK"]
    hk["cases_cracked"] = len(cases)
    hk["people_arrested"] = len(persons)
    hk["illegal_entrants"] = sum(p["role"] in MIGRANT for p in persons)
    hk["stowaways"] = sum(
        p["role"] in MIGRANT and cases[p["case_no"]]["method"] == "land" for p in persons
    )
    hk["traffickers"] = sum(p["role"] in FACILITATOR for p in persons)
    events = Counter(str(e["event"]) for e in world.jsonl("hk_immd/enforcement.jsonl"))
    hk["illegal_workers"] = events["illegal_employment"]
    hk["overstayers"] = events["overstay"]
    for t in world.csv_rows("truth/takedowns.csv"):
        if t["main"] == "1":
            f[t["region"]]["groups_broken_up"] += 1
    f["mainland"] = f["GD"] + f["GX"] + f["YN"]
    f[None] = f["mainland"] + f["HK"]
    yearly = Counter(
        int(cases[p["case_no"]]["report_date"][-4:]) for p in persons if p["role"] in MIGRANT
    )
    return f, yearly


def _facts(world: World) -> list[dict[str, object]]:
    return [
        json.loads(line)
        for line in (world.out / "truth" / "report_facts.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]


def test_report_facts_agree_with_the_exports(world: World) -> None:
    figures, yearly = _recount(world)
    facts = _facts(world)
    assert len(facts) > 20
    for fact in facts:
        value = fact["value"]
        assert isinstance(value, int)
        if fact["kind"] == "change":
            assert (fact["what"], fact["region"]) == ("illegal_entrants", "HK") or fact[
                "region"
            ] == "mainland"
            if fact["region"] == "HK":
                assert value == round((yearly[2018] - yearly[2017]) * 100 / yearly[2017])
            continue
        actual = figures[fact["region"]][str(fact["what"])]  # type: ignore[index]
        step = 10 if value < 1000 else 100
        if fact["qualifier"] is None:
            assert value == actual, fact
        elif fact["qualifier"] == "more_than":
            assert value < actual < value + step, (fact, actual)
        else:
            assert fact["qualifier"] == "about" and abs(actual - value) <= step // 2, (fact, actual)


def test_reports_state_their_facts_in_english_and_chinese(world: World) -> None:
    facts = _facts(world)
    files = {str(f["file"]) for f in facts}
    for name in files:
        assert (world.out / name).is_file()
    text = {name: (world.out / name).read_text(encoding="utf-8") for name in files}
    assert any("illegal" in t for t in text.values()) and any("抓获" in t for t in text.values())
    kinds = {f["kind"] for f in facts}
    assert kinds == {"figure", "change"}
    assert {f["qualifier"] for f in facts} >= {None, "more_than", "about"}
    whats = {f["what"] for f in facts}
    assert whats == {
        "cases_cracked",
        "people_arrested",
        "illegal_entrants",
        "illegal_workers",
        "overstayers",
        "stowaways",
        "traffickers",
        "groups_broken_up",
    }
    for fact in facts:
        if fact["kind"] == "figure" and fact["qualifier"] is None:
            assert (
                f"{fact['value']:,}" in text[str(fact["file"])]
                or str(fact["value"]) in text[str(fact["file"])]
            )
