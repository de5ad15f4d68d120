"""The executive summary: the few sentences a chief reads before anything else.

Each sentence is a template in templates/labels.yaml (`sum_*`, English and Chinese)
filled with the report's own figures, so it never says more than the tables below it.
A sentence whose figures were not computed (no analysis yet) is left out.
"""

from __future__ import annotations

from pydantic import BaseModel

from borderlink.numbers import number
from borderlink.reports.data import ReportData
from borderlink.reports.dates import period_text
from borderlink.reports.labels import Labels
from borderlink.reports.wording import Meaning, change_meaning, route_label
from borderlink.stats.counting import value_label

CHANGE_FIGURES = ("cases_cracked", "illegal_entrants", "traffickers")


class Sentence(BaseModel):
    text: str
    meaning: Meaning = "neutral"  # the colour of a change: good or bad news, or neither


def _fill(labels: Labels, key: str, **values: str) -> str:
    en, zh = labels.pair(key)
    if labels.lang == "both":
        return f"{en.format(**values)} {zh.format(**values)}"
    return (zh if labels.lang == "zh" else en).format(**values)


def _lang(labels: Labels) -> str:
    return "zh" if labels.lang == "zh" else "en"


def executive_summary(data: ReportData, labels: Labels) -> list[Sentence]:
    figures = data.figures
    window = figures.window
    values = figures.totals.values
    out: list[Sentence] = []
    period = period_text(window.start, window.end, labels.lang)
    arrests = values["people_arrested"]
    out.append(
        Sentence(
            text=_fill(
                labels,
                "sum_period",
                period=period,
                cases=number(values["cases_cracked"].count or 0),
                arrests=number(arrests.count or 0),
                people=number(arrests.people) if arrests.people is not None else "—",
            )
        )
    )
    groups = values["groups_broken_up"].count
    traffickers = values["traffickers"].count
    if groups is not None and traffickers is not None:
        out.append(
            Sentence(
                text=_fill(
                    labels, "sum_groups", groups=number(groups), traffickers=number(traffickers)
                )
            )
        )
    if data.syndicates:
        top = max(data.syndicates, key=lambda s: (s.size or 0, s.members_arrested))
        base = value_label("region", top.base_region) if top.base_region else None
        out.append(
            Sentence(
                text=_fill(
                    labels,
                    "sum_largest",
                    syndicate=top.syndicate_id,
                    size=number(top.size or 0),
                    base=labels.pick(base.en, base.zh) if base else "—",
                    routes=labels.pick("; ", "；").join(route_label(r, labels) for r in top.routes)
                    or "—",
                )
            )
        )
    out += _changes(data, labels)
    if data.chain:
        people = sum(c.customers for c in data.chain)
        out.append(
            Sentence(
                text=_fill(
                    labels, "sum_chain", links=number(len(data.chain)), people=number(people)
                )
            )
        )
    if data.comparisons:
        judged = [c for c in data.comparisons if c.verdict in ("agrees", "differs")]
        agree = sum(c.verdict == "agrees" for c in judged)
        explained = sum(c.verdict == "differs" and c.reason_code is not None for c in judged)
        out.append(
            Sentence(
                text=_fill(
                    labels,
                    "sum_reported",
                    total=number(len(judged)),
                    agree=number(agree),
                    explained=number(explained),
                )
            )
        )
    return out


def _changes(data: ReportData, labels: Labels) -> list[Sentence]:
    """Year-on-year changes of the figures a chief asks about, coloured by their meaning."""
    totals = [r for r in data.figures.yoy if r.group is None]
    last = max((r.year for r in totals), default=None)
    out = []
    for key in CHANGE_FIGURES:
        row = next((r for r in totals if r.figure == key and r.year == last), None)
        if row is None or row.change.status != "change" or row.change.percent is None:
            continue
        info = data.figures.info(key)
        pct = row.change.percent
        span = period_text(row.current.start, row.current.end, labels.lang)
        en_dir = "rose" if pct > 0 else "fell"
        zh_dir = "上升" if pct > 0 else "下降"
        text = _fill(
            labels,
            "sum_change",
            figure_en=info.label_en,
            figure_zh=info.label_zh,
            direction_en=en_dir,
            direction_zh=zh_dir,
            percent=f"{abs(pct):.1f}%",
            span=span,
        )
        out.append(Sentence(text=text, meaning=change_meaning(key, pct)))
    return out
