"""explain: levels, weights, keys met and a probability that add up."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from person_world import PEOPLE

from borderlink.errors import NotFound
from borderlink.resolve import ResolveSummary
from borderlink.resolve.explain import explain_pair

REC = {r.key: r.record_id for r in PEOPLE}


def test_explain_cross_script_pair_shows_keys_met_and_weights_that_sum(
    resolved_template: tuple[Path, ResolveSummary],
) -> None:
    ws, _ = resolved_template
    e = explain_pair(ws, REC["GDP-01"], REC["HKP-01"])
    levels = {c.comparison: c.level for c in e.comparisons}
    assert levels["name_keys"].startswith("keys meet")
    assert levels["dob"] == "same day" and levels["phone"] == "exact"
    assert levels["id_number"] == "no comparable document"
    assert "yue:chan|chi ming" in e.keys_met and "py:chen|zhi ming" in e.keys_met
    total = e.prior_match_weight + sum(c.match_weight for c in e.comparisons)
    assert total == pytest.approx(e.match_weight, abs=1e-6)
    assert e.match_probability == pytest.approx(2**total / (1 + 2**total))
    assert e.match_probability > 0.99 and e.same_entity


def test_explain_namesakes_show_negative_date_and_id_weights(
    resolved_template: tuple[Path, ResolveSummary],
) -> None:
    ws, _ = resolved_template
    e = explain_pair(ws, REC["GDP-11"], REC["GDP-12"])
    weights = {c.comparison: c.match_weight for c in e.comparisons}
    assert weights["name_keys"] > 0 and weights["dob"] < 0 and weights["id_number"] < 0
    assert e.match_probability < 0.01 and not e.same_entity
    assert not math.isnan(e.match_weight)


def test_explain_unknown_record_raises_not_found(
    resolved_template: tuple[Path, ResolveSummary],
) -> None:
    ws, _ = resolved_template
    with pytest.raises(NotFound, match="unknown record id 0000000000000000"):
        explain_pair(ws, REC["GDP-01"], "0000000000000000")
