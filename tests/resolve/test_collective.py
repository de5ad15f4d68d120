"""Collective resolution (issue 11): name-only records judged by the company they were in.

Records: m1 (name only, `NGUEYN VAN TAI`, case GX-1) and m2 (`NGUYEN VAN TAI` with a birth
date, case GD-5) score 0.7, under the match threshold. Their companion c1 (GX-1) and c2
(GD-5) are one person, already resolved. m3 (GD-5) scores 0.95 with m1, but sits in
the same case as m2: m1 cannot join both.
"""

from __future__ import annotations

import pyarrow as pa

from borderlink.resolve import clusters as clustering
from borderlink.resolve.collective import companion_links

IDS = ["m1", "m2", "c1", "c2", "m3", "x1", "x2"]
CASES = ["gx\x1fGX-1", "gd\x1fGD-5", "gx\x1fGX-1", "gd\x1fGD-5", "gd\x1fGD-5", "hk\x1fHK-1", None]


def _pairs(rows: list[tuple[str, str, float]]) -> pa.Table:
    a, b, p = zip(*rows, strict=True)
    return pa.table({"record_a": list(a), "record_b": list(b), "match_probability": list(p)})


def _groups(links: list[tuple[str, str, float]]) -> list[list[int]]:
    groups, _ = clustering.cluster(IDS, links, evidence=clustering.Evidence(cases=CASES))
    return groups


def _together(groups: list[list[int]], a: str, b: str) -> bool:
    return any(IDS.index(a) in g and IDS.index(b) in g for g in groups)


def test_name_only_pair_resolves_through_a_shared_companion() -> None:
    pairs = _pairs([("c1", "c2", 0.99), ("m1", "m2", 0.7), ("x1", "x2", 0.7)])
    links = [("c1", "c2", 0.99)]
    first = _groups(links)
    extra = companion_links(IDS, first, CASES, pairs, floor=0.5, threshold=0.9)
    assert extra == [("m1", "m2", 0.7)]  # x1-x2: no companion (and x2 has no case)
    assert _together(_groups(links + extra), "m1", "m2")


def test_no_companion_means_no_extra_link() -> None:
    pairs = _pairs([("m1", "m2", 0.7)])
    first = _groups([])  # c1 and c2 not resolved together: the cases share nobody
    assert companion_links(IDS, first, CASES, pairs, floor=0.5, threshold=0.9) == []


def test_pairs_below_the_companion_floor_stay_apart() -> None:
    pairs = _pairs([("c1", "c2", 0.99), ("m1", "m2", 0.3)])
    first = _groups([("c1", "c2", 0.99)])
    assert companion_links(IDS, first, CASES, pairs, floor=0.5, threshold=0.9) == []


def test_two_records_of_one_case_never_merge() -> None:
    links = [("m1", "m2", 0.97), ("m1", "m3", 0.95)]
    groups, result = clustering.cluster(IDS, links, evidence=clustering.Evidence(cases=CASES))
    assert _together(groups, "m1", "m2")
    assert not _together(groups, "m2", "m3")
    assert not _together(groups, "m1", "m3")
    assert result.refused_links == 1


def test_same_case_pair_is_never_a_companion_link() -> None:
    pairs = _pairs([("c2", "m2", 0.7), ("m2", "m3", 0.8)])
    first = _groups([])
    assert companion_links(IDS, first, CASES, pairs, floor=0.5, threshold=0.9) == []


def test_an_immigration_removal_follows_the_police_arrest_within_the_window() -> None:
    import datetime as dt

    from borderlink.resolve.collective import follow_on_links
    from borderlink.resolve.spec import FollowOn

    events = {
        "p1": ("hk_police", dt.date(2018, 3, 1)),
        "i1": ("hk_immd", dt.date(2018, 5, 1)),  # 61 days later: the removal
        "i2": ("hk_immd", dt.date(2017, 12, 1)),  # before the arrest
        "i3": ("hk_immd", dt.date(2019, 3, 1)),  # a year later
    }
    pairs = _pairs([("i1", "p1", 0.6), ("p1", "i2", 0.6), ("p1", "i3", 0.6)])
    rule = [FollowOn(first="hk_police", then="hk_immd", max_days=180)]
    got = follow_on_links(events, pairs, rule, floor=0.5, threshold=0.9)
    assert got == [("i1", "p1", 0.6)]
    assert follow_on_links(events, pairs, rule, floor=0.7, threshold=0.9) == []
