"""Case summaries as officers write them: Chinese for the mainland, English for HK.

Mainland summaries name suspects by surname only (陈某), as published case briefs do;
Hong Kong narratives give ages and nationalities, not names.
"""

from __future__ import annotations

import random
from collections import Counter

from borderlink.synth.names_zh import ChineseName
from borderlink.synth.world import Case, Person, Vehicle
from borderlink.synth.writers.fields import NATIONALITY_EN, NATIONALITY_ZH

MIGRANT_ROLES_ZH = ("偷渡人员", "非法就业人员", "非法居留人员")
MIGRANT_ROLES_EN = ("Illegal immigrant", "Overstayer")


def _zh_date(case: Case) -> str:
    d = case.opened
    return f"{d.year}年{d.month}月{d.day}日"


def _mou(person: Person) -> str:
    """陈某 for a Chinese suspect; nationality and sex for others."""
    if isinstance(person.name, ChineseName):
        return f"{person.name.surname}某"
    sex = "男子" if person.sex == "M" else "女子"
    return f"{NATIONALITY_ZH[person.nationality]}籍{sex}"


def _nats_zh(people: list[Person]) -> str:
    counts = Counter(NATIONALITY_ZH[p.nationality] for p in people)
    return "、".join(n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _nats_en(people: list[Person]) -> str:
    counts = Counter(NATIONALITY_EN[p.nationality] for p in people)
    return ", ".join(
        f"{n} {c}"
        for c, n in sorted(((c, n) for n, c in counts.items()), key=lambda t: (-t[0], t[1]))
    )


def mainland_summary(
    case: Case, people: list[Person], roles: list[str], cars: dict[int, Vehicle], rng: random.Random
) -> str:
    migrants = [p for p, r in zip(people, roles, strict=True) if r in MIGRANT_ROLES_ZH]
    others = [p for p, r in zip(people, roles, strict=True) if r not in MIGRANT_ROLES_ZH]
    n, when = len(migrants), _zh_date(case)
    lead = others[0] if others else None
    plate = next(
        (
            cars[p.index].mainland_plate
            for p in others
            if p.index in cars and cars[p.index].mainland_plate
        ),
        None,
    )
    if case.kind == "border":
        text = f"{when}，民警在{case.place}边境便道查获{n}名{_nats_zh(migrants)}籍偷渡人员"
        if lead:
            text += f"，抓获带路人{_mou(lead)}"
        return text + "。"
    if case.kind == "road":
        car = f"一辆号牌为{plate}的小车" if plate else "一辆小车"
        text = f"{when}，民警在{case.place}开展路面查缉，拦截{car}，"
        text += f"车内藏匿{n}名{_nats_zh(migrants)}籍人员"
        return text + (f"，抓获驾驶员{_mou(lead)}。" if lead else "。")
    if case.kind == "coast":
        what = "一艘准备驶往香港的快艇" if case.method == "sea" else "一辆粤港两地牌照车辆"
        text = f"{when}，民警在{case.place}查获{what}，抓获偷渡人员{n}名"
        return text + (f"及运送者{_mou(lead)}。" if lead else "。")
    if case.kind == "work":
        kind = "非法居留" if case.offence == "非法居留" else "非法就业"
        text = (
            f"{when}，民警对{case.place}一处厂房进行检查，查获{n}名{_nats_zh(migrants)}籍{kind}人员"
        )
        employer = next((p for p, r in zip(people, roles, strict=True) if r == "雇主"), None)
        return text + (f"，雇主{_mou(employer)}被依法处理。" if employer else "。")
    if case.kind == "documents":
        vendor = lead
        who = _mou(vendor) if vendor else "一名嫌疑人"
        found = max(1, len(case.exhibits))
        text = f"{when}，民警在{case.place}打掉一个制售出入境证件窝点，"
        return text + f"抓获{who}，查获伪造证件{found}本。"
    phones = sum(1 for e in case.exhibits if e.kind == "phone")
    cards = sum(1 for e in case.exhibits if e.kind == "card")
    route = case.route.split(":")[0].replace(">", "—")
    boss = next((p for p, r in zip(people, roles, strict=True) if r == "组织者"), lead)
    text = f"{when}，专案组在{case.place}统一收网，抓获"
    text += (
        f"组织者{_mou(boss)}等{len(people)}名犯罪嫌疑人" if boss else f"{len(people)}名犯罪嫌疑人"
    )
    if phones or cards:
        text += f"，缴获手机{phones}部、银行卡{cards}张"
    flourish = rng.choice(["。该团伙分工明确，长期经", "。经查，该团伙多次经"])
    return text + f"{flourish}{route}路线组织偷越国(边)境。"


def hk_narrative(case: Case, people: list[Person], roles: list[str], rng: random.Random) -> str:
    migrants = [p for p, r in zip(people, roles, strict=True) if r in MIGRANT_ROLES_EN]
    n = len(migrants)
    hour = f"{rng.randint(0, 23):02d}:{rng.choice(['05', '15', '20', '30', '40', '50'])}"
    if case.kind == "landing" and case.method == "sea":
        text = f"At about {hour}, a Marine Police patrol intercepted a speedboat near {case.spot}, "
        text += f"{case.place}. {n} illegal immigrants ({_nats_en(migrants)}) were arrested."
        if "Coxswain" in roles:
            text += " The coxswain was arrested at the scene."
        return text
    if case.kind == "landing":
        text = f"At about {hour}, officers at {case.spot} stopped a cross-boundary vehicle and "
        text += f"found {n} persons hidden inside ({_nats_en(migrants)})."
        if "Driver" in roles:
            text += " The driver was arrested for aiding and abetting."
        return text
    if case.kind == "later":
        text = f"Acting on intelligence, officers searched a flat in {case.place} and arrested "
        text += f"{n} illegal immigrants ({_nats_en(migrants)})."
        if "Harbourer" in roles:
            text += " The tenant was arrested for harbouring."
        return text
    if case.kind == "work":
        return (
            "In a joint operation with the Immigration Department, officers inspected premises "
            f"in {case.place}; {n} illegal workers and their employer were arrested."
        )
    if case.kind == "overstay":
        p = migrants[0] if migrants else None
        who = f"a {NATIONALITY_EN[p.nationality]} national" if p else "a visitor"
        return (
            f"Officers on patrol in {case.place} arrested {who} who had remained in Hong Kong "
            "after the permitted stay."
        )
    if case.offence.startswith("Arranging"):
        return (
            "After a months-long investigation, officers smashed a syndicate arranging illegal "
            f"entry into Hong Kong and arrested {len(people)} persons in {case.place}, including "
            "the suspected mastermind."
        )
    return (
        f"Officers arrested {len(people)} persons in {case.place} suspected of helping a "
        "smuggling syndicate."
    )
