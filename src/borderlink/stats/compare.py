"""Reported versus computed: the figures the reports state beside the ones the data gives.

Each figure a report states (extract's `reported_figures`) is recomputed for the same
region (a province, Hong Kong, or 'mainland' = GD+GX+YN) and period (the report's, else
the whole data); when the report's file name names an agency with an export source
(hk_police_press_release) and the figure is that agency's region, only that agency's
records are counted, since a force reports its own arrests. Each is judged against the
report's qualifier ("more than 290" holds when we count 291 or more). A change is compared
with the year-on-year change of the period's last year, same months a year earlier; a
stated percent without qualifier holds within its rounding (60% for a computed -59.9%).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from borderlink.stats.arrests import build_arrests, check_inputs, event_arrests
from borderlink.stats.breakdowns import DIMENSIONS
from borderlink.stats.counting import CountingRules, counting_rules
from borderlink.stats.figures import data_coverage, figure_sets, yoy_rows
from borderlink.stats.models import FigureSet, Inputs
from borderlink.stats.windows import Window
from borderlink.store import Store

Verdict = Literal["agrees", "differs", "not_computed", "not_counted"]
ABOUT = 0.10  # "about 1,100" holds within 10%


class Comparison(BaseModel):
    file: str
    kind: Literal["figure", "change"]
    what: str
    region: str | None
    agency: str | None = None  # the export source counted, when the report is one agency's
    period: Window | None
    reported: float
    qualifier: str | None
    computed: float | None
    computed_people: int | None = None
    difference: float | None
    verdict: Verdict
    sentence: str = ""
    reason_code: str | None = None  # why a differing figure differs, when the cause is known
    reason_count: int | None = None  # the records that explain it (e.g. events counted)
    reason: str | None = None  # the same in words (English; the report translates the code)


def holds(reported: float, computed: float, qualifier: str | None) -> bool:
    """True when `computed` is what the report's wording allows."""
    if qualifier in ("more_than", "over"):
        return computed > reported
    if qualifier == "at_least":
        return computed >= reported
    if qualifier == "less_than":
        return computed < reported
    if qualifier == "up_to":
        return computed <= reported
    if qualifier == "about":
        return abs(computed - reported) <= ABOUT * max(abs(reported), 1)
    if qualifier == "nearly":
        return reported * (1 - ABOUT) <= computed <= reported
    return computed == reported


def _regions(region: str | None, rules: CountingRules) -> list[str] | None:
    if region is None:
        return None
    return rules.regions.get(region, [region])


def _period(start: date | None, end: date | None, coverage: Window) -> Window | None:
    lo, hi = max(start or coverage.start, coverage.start), min(end or coverage.end, coverage.end)
    return Window(start=lo, end=hi) if lo <= hi else None


def compare_reports(store: Store) -> list[Comparison]:
    """Every stated figure and change beside its computed value, in report order."""
    from borderlink.extract import reported_figures  # cn2an and the extract rules: on use
    from borderlink.extract.places import file_reporter

    rules = counting_rules()
    inputs = build_arrests(store, check_inputs(store), rules)
    coverage = data_coverage(store)
    cache: dict[tuple[str | None, str | None, Window], FigureSet] = {}
    out: list[Comparison] = []
    for fact in reported_figures(store):
        if (
            fact.kind not in ("figure", "change")
            or not fact.what
            or not isinstance(fact.value, int | float)
        ):
            continue
        period = _period(fact.start, fact.end, coverage)
        author = file_reporter(fact.file)
        agency = author.source if author.source and fact.region == author.region else None
        reported = float(fact.value)
        if fact.kind == "change":
            reported *= -1 if fact.direction == "down" else 1
        stated = Comparison(
            file=fact.file,
            kind=fact.kind,
            what=fact.what,
            region=fact.region,
            agency=agency,
            period=period,
            qualifier=fact.qualifier,
            sentence=fact.sentence,
            reported=reported,
            computed=None,
            difference=None,
            verdict="not_counted",
        )
        if fact.what not in rules.figures or period is None:
            out.append(stated)
        elif fact.kind == "figure":
            key = (fact.region, agency, period)
            if key not in cache:
                regions = _regions(fact.region, rules)
                sources = [agency] if agency else None
                cache[key] = figure_sets(store, inputs, period, None, rules, regions, sources)[0]
            count = cache[key].values[fact.what]
            judged = _judge(stated, count.count, count.people)
            out.append(_explain(store, judged, cache[key], _regions(fact.region, rules), agency))
        else:
            change = _change(store, inputs, period, coverage, fact.what, fact.region, agency, rules)
            out.append(_judge(stated, change))
    return out


def _change(
    store: Store,
    inputs: Inputs,
    period: Window,
    coverage: Window,
    what: str,
    region: str | None,
    agency: str | None,
    rules: CountingRules,
) -> float | None:
    """Percent change of the period's last year part against the same months a year earlier."""
    last_year = Window(start=max(period.start, date(period.end.year, 1, 1)), end=period.end)
    groups = [agency] if agency else _regions(region, rules)
    dim = DIMENSIONS["agency" if agency else "region"] if groups else None
    rows = [
        r
        for r in yoy_rows(store, inputs, last_year, coverage, dim, rules)
        if r.figure == what and (r.group in groups if groups else r.group is None)
    ]
    if not rows or any(r.current_value is None or r.base_value is None for r in rows):
        return None
    now = sum(r.current_value or 0 for r in rows)
    before = sum(r.base_value or 0 for r in rows)
    return round((now - before) * 100.0 / before, 1) if before else None


def _judge(stated: Comparison, computed: float | None, people: int | None = None) -> Comparison:
    """The stated figure with the computed one, their difference and the verdict."""
    if computed is None:
        return stated.model_copy(update={"verdict": "not_computed"})
    value = float(computed)
    agrees = holds(stated.reported, value, stated.qualifier)
    if stated.kind == "change" and stated.qualifier is None:
        # a stated percent is rounded: "fell by 60%" holds for a computed -59.9%
        half_unit = 0.5 if float(stated.reported).is_integer() else 0.05
        agrees = abs(value - stated.reported) <= half_unit
    return stated.model_copy(
        update={
            "computed": value,
            "computed_people": people,
            "difference": round(value - stated.reported, 1),
            "verdict": "agrees" if agrees else "differs",
        }
    )


# figures whose count takes in Immigration enforcement events (overstay, illegal
# employment) that a police report does not count as arrests
EVENT_FIGURES = ("people_arrested", "illegal_workers", "overstayers")
EVENT_CONDITION = {
    "people_arrested": "true",
    "illegal_workers": "migrant_kind = 'illegal_worker'",
    "overstayers": "migrant_kind = 'overstayer'",
}
REASONS = {
    "immigration_events": (
        "our count includes {n} Immigration Department enforcement events (overstay, "
        "illegal employment) that the report does not count as arrests"
    ),
    "people_not_arrests": (
        "the report counts people: {n} distinct people agree, arrests are more "
        "(one person arrested more than once)"
    ),
    "reported_roles": (
        "the report counts everyone recorded in a smuggling role ({n} arrests agree); "
        "traffickers here are members of the syndicates the network analysis found"
    ),
    "groups_rule": (
        "every syndicate with a member arrested counts here ({n}); the report counts only "
        "the groups it declares broken up"
    ),
}


def _explain(
    store: Store,
    judged: Comparison,
    figures: FigureSet,
    regions: list[str] | None,
    agency: str | None,
) -> Comparison:
    """A differing figure with the known reason it differs, when one accounts for it."""
    if judged.verdict != "differs" or judged.computed is None or judged.period is None:
        return judged
    found: tuple[str, int] | None = None
    facilitators = figures.values["facilitators"].count
    if (
        judged.what == "traffickers"
        and facilitators is not None
        and holds(judged.reported, facilitators, judged.qualifier)
    ):
        found = ("reported_roles", facilitators)
    if judged.what == "groups_broken_up" and judged.computed > judged.reported:
        found = ("groups_rule", int(judged.computed))
    if judged.what in EVENT_FIGURES and agency is None:
        condition = EVENT_CONDITION[judged.what]
        events = event_arrests(store, condition, judged.period, regions)
        if events and holds(judged.reported, judged.computed - events, judged.qualifier):
            found = ("immigration_events", events)
    people = judged.computed_people
    if found is None and people is not None and holds(judged.reported, people, judged.qualifier):
        found = ("people_not_arrests", people)
    if found is None:
        return judged
    code, n = found
    return judged.model_copy(
        update={
            "reason_code": code,
            "reason_count": n,
            "reason": REASONS[code].format(n=f"{n:,}"),
        }
    )
