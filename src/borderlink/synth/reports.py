"""Intelligence reports and press releases, in English and Chinese, with their facts.

Every figure a report states is counted from the world (figures.py) and rounded the
way officials round ("more than 290" for 293, "约300" for 296); each one is listed in
truth/report_facts.jsonl with its qualifier, so fact extraction can be scored.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from borderlink.synth.figures import Counts, change_percent, operation_figures, yearly
from borderlink.synth.scenario import Scenario
from borderlink.synth.world import World

UNITS_ZH = {"cases_cracked": "起", "groups_broken_up": "个"}
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def qualify(rng: random.Random, value: int) -> tuple[int, str | None]:
    """The figure as stated: exact, rounded down ('more than'), or rounded ('about')."""
    if value < 20:
        return value, None
    step = 10 if value < 1000 else 100
    roll = rng.random()
    if roll < 0.45:
        return value, None
    if roll < 0.75:
        floor = value // step * step
        return (floor, "more_than") if floor < value else (value, None)
    near = (value + step // 2) // step * step
    return (near, "about") if near != value else (value, None)


@dataclass
class Report:
    """One report being written: states figures and remembers them as facts."""

    file: str
    rng: random.Random
    figures: Counts
    facts: list[dict[str, Any]] = field(default_factory=list)

    def _fact(
        self, kind: str, what: str, value: int, qualifier: str | None, region: str | None
    ) -> None:
        fact = {"file": self.file, "kind": kind, "what": what, "value": value}
        self.facts.append({**fact, "qualifier": qualifier, "region": region})

    def en(self, what: str, region: str | None = None) -> str:
        stated, qualifier = qualify(self.rng, self.figures[region][what])
        self._fact("figure", what, stated, qualifier, region)
        about = self.rng.choice(["about ", "around ", "some "])
        prefix = {"more_than": "more than ", "about": about}.get(qualifier or "", "")
        return f"{prefix}{stated:,}"

    def zh(self, what: str, region: str | None = None) -> str:
        stated, qualifier = qualify(self.rng, self.figures[region][what])
        self._fact("figure", what, stated, qualifier, region)
        unit = UNITS_ZH.get(what, "名")
        if qualifier == "more_than":
            return f"{stated}余{unit}" if self.rng.random() < 0.6 else f"逾{stated}{unit}"
        if qualifier == "about":
            return f"约{stated}{unit}"
        return f"{stated}{unit}"

    def change_en(self, what: str, region: str, pct: int) -> str:
        self._fact("change", what, pct, None, region)
        verb = "fell by" if pct < 0 else "rose by"
        return f"{verb} {abs(pct)}%"

    def change_zh(self, what: str, region: str, pct: int) -> str:
        self._fact("change", what, pct, None, region)
        return f"同比{'下降' if pct < 0 else '上升'}{abs(pct)}%"


def _period_en(sc: Scenario) -> str:
    start, end = sc.start, sc.end
    return f"{MONTHS_EN[start.month - 1]} {start.year} and {MONTHS_EN[end.month - 1]} {end.year}"


def _period_zh(sc: Scenario) -> str:
    return f"{sc.start.year}年{sc.start.month}月至{sc.end.year}年{sc.end.month}月"


def _summary_en(r: Report, sc: Scenario, hk_change: int | None) -> str:
    lines = [
        "JOINT OPERATION AGAINST PEOPLE SMUGGLING - SUMMARY",
        "",
        f"Between {_period_en(sc)}, police in Guangdong, Guangxi, Yunnan and Hong Kong cracked "
        f"{r.en('cases_cracked')} cases and arrested {r.en('people_arrested')} people, "
        f"among them {r.en('illegal_entrants')} illegal entrants and "
        f"{r.en('traffickers')} smugglers and their helpers. "
        f"{r.en('groups_broken_up')} smuggling syndicates were broken up.",
        "",
        f"On the mainland alone, police cracked {r.en('cases_cracked', 'mainland')} cases; "
        f"{r.en('illegal_workers', 'mainland')} illegal workers and "
        f"{r.en('overstayers', 'mainland')} overstayers were found in factory inspections.",
        "",
        "The syndicates recruited in Vietnam and Myanmar and moved people across the land border "
        "at Dongxing and Pingxiang (Guangxi) and at Ruili and Mengla (Yunnan), then by road to "
        "Shenzhen, Dongguan and Zhuhai. From the Guangdong coast, speedboats landed them at "
        "Tuen Mun, Yuen Long, Sai Kung and Tai Po; others were hidden in cross-boundary "
        "vehicles with dual plates.",
    ]
    if hk_change is not None:
        change = r.change_en("illegal_entrants", "HK", hk_change)
        lines += ["", f"Illegal arrivals in Hong Kong {change} in 2018 compared with 2017."]
    return "\n".join(lines) + "\n"


def _summary_zh(r: Report, sc: Scenario, mainland_change: int | None) -> str:
    text = [
        "# 粤桂滇港联合打击偷渡专项行动情况通报",
        "",
        f"{_period_zh(sc)}，广东、广西、云南三省（区）公安机关与香港警方联合开展打击偷渡"
        f"专项行动，共破获案件{r.zh('cases_cracked')}，抓获涉案人员{r.zh('people_arrested')}，"
        f"打掉偷渡犯罪团伙{r.zh('groups_broken_up')}。",
        "",
        f"其中，内地公安机关破获案件{r.zh('cases_cracked', 'mainland')}，"
        f"抓获偷渡人员{r.zh('illegal_entrants', 'mainland')}、"
        f"组织、运送他人偷越国（边）境等犯罪嫌疑人{r.zh('traffickers', 'mainland')}。",
    ]
    if mainland_change is not None:
        change = r.change_zh("cases_cracked", "mainland", mainland_change)
        text.append(f"2018年内地破获此类案件数{change}。")
    text += [
        "",
        "## 主要通道",
        "",
        "- 越南—广西东兴、凭祥—广东深圳、东莞、珠海—香港（海路、陆路）",
        "- 缅甸—云南瑞丽、勐腊—广东—香港",
    ]
    return "\n".join(text) + "\n"


def _hk_press(r: Report, hk_change: int | None) -> str:
    text = (
        "Police step up fight against illegal immigration\n\n"
        f"Since February 2016, police have arrested {r.en('people_arrested', 'HK')} persons in "
        f"{r.en('cases_cracked', 'HK')} cases connected with illegal immigration, including "
        f"{r.en('illegal_entrants', 'HK')} illegal immigrants and {r.en('traffickers', 'HK')} "
        "snakeheads, coxswains, drivers and harbourers. Among the illegal immigrants, "
        f"{r.en('stowaways', 'HK')} were found hidden in cross-boundary vehicles."
    )
    if r.figures["HK"]["groups_broken_up"]:
        text += f" Officers smashed {r.en('groups_broken_up', 'HK')} syndicates."
    text += "\n"
    if hk_change is not None:
        change = r.change_en("illegal_entrants", "HK", hk_change)
        text += (
            f"\nThe number of illegal immigrants arrested {change} in 2018 from the year before, "
            "after joint action with mainland counterparts on the routes through Guangxi and "
            "Yunnan.\n"
        )
    return text


def _immd_review(r: Report) -> str:
    return (
        "# Immigration Department enforcement review\n\n"
        f"During the operation period the Department arrested {r.en('illegal_workers', 'HK')} "
        f"illegal workers in raids on workplaces and dealt with {r.en('overstayers', 'HK')} "
        "overstayers. Employers of illegal workers were referred for prosecution.\n"
    )


def _province_zh(r: Report, region: str, title: str, sc: Scenario) -> str:
    body = (
        f"{_period_zh(sc)}，{title}共破获偷渡类案件{r.zh('cases_cracked', region)}，"
        f"抓获涉案人员{r.zh('people_arrested', region)}，"
        f"其中偷渡人员{r.zh('illegal_entrants', region)}"
    )
    if region == "GD":
        body += f"、非法就业人员{r.zh('illegal_workers', region)}"
        body += f"、非法居留人员{r.zh('overstayers', region)}"
    body += f"，抓获组织运送者{r.zh('traffickers', region)}"
    if r.figures[region]["groups_broken_up"]:
        body += f"，打掉犯罪团伙{r.zh('groups_broken_up', region)}"
    return body + "。\n"


def write_reports(
    world: World, sc: Scenario, out: Path, seed: int
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Write reports/*.txt|*.md; return {relative path: 1} and the facts they state."""
    figures = operation_figures(world)
    hk_change = change_percent(yearly(world, "HK", "illegal_entrants"), 2018)
    mainland_change = change_percent(yearly(world, "mainland", "cases_cracked"), 2018)
    folder = out / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    plans: list[tuple[str, Callable[[Report], str]]] = [
        ("joint_operation_summary.txt", lambda r: _summary_en(r, sc, hk_change)),
        ("联合行动情况通报.md", lambda r: _summary_zh(r, sc, mainland_change)),
        ("hk_police_press_release.txt", lambda r: _hk_press(r, hk_change)),
        ("immd_enforcement_review.md", _immd_review),
        ("广东省公安厅通报.txt", lambda r: _province_zh(r, "GD", "广东省公安机关", sc)),
        ("广西边境查缉简报.txt", lambda r: _province_zh(r, "GX", "广西公安边防部门", sc)),
        ("云南边境管控简报.md", lambda r: _province_zh(r, "YN", "云南省公安机关", sc)),
    ]
    files: dict[str, int] = {}
    facts: list[dict[str, Any]] = []
    for name, render in plans:
        report = Report(f"reports/{name}", random.Random(f"{seed}:report:{name}"), figures)
        (folder / name).write_text(render(report), encoding="utf-8", newline="\n")
        files[f"reports/{name}"] = 1
        facts += report.facts
    return files, facts


def facts_jsonl(facts: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in facts)
