"""The public interface: empty input, mixed scripts, families, and the false-positive rate."""

from __future__ import annotations

import itertools
import json
import pkgutil
import random
from collections import defaultdict

import pytest
from name_pairs import keys_of, share

from borderlink.resolve.names import NameInput, latin_forms, name_key_families, name_keys
from borderlink.resolve.names.syllables import hk_syllables, pinyin_syllables, segment


@pytest.mark.parametrize(
    "record",
    [
        NameInput(None),
        NameInput(""),
        NameInput("   "),
        NameInput("-- ,"),
        NameInput(None, name_zh="", name_pinyin="", surname="", given_names=""),
    ],
)
def test_name_keys_empty_when_no_usable_name(record: NameInput) -> None:
    assert name_keys(record) == frozenset()
    assert latin_forms(record) == ()


def test_families_cover_every_emitted_prefix_when_keys_made() -> None:
    families = set(name_key_families())
    assert families == {"py", "yue", "vi", "ph", "my"}
    for name in ("陈志明", "CHAN Tai-man", "Nguyễn Văn Hùng", "MOHAMMAD RAFIQ", "Aung Kyaw"):
        assert {k.split(":", 1)[0] for k in keys_of(name)} <= families


def test_mixed_script_name_matches_both_sides_when_one_field() -> None:
    mixed = "陳志明 CHAN Chi-ming"
    assert share(mixed, "陈志明")
    assert share(mixed, "CHAN Chi Ming")


def test_hk_police_record_bridges_scripts_when_name_zh_given() -> None:
    hk = NameInput("CHAN Chi-ming", name_zh="陳志明")
    assert share(hk, "CHEN Zhiming")
    assert share(hk, "陈志明")


def test_latin_forms_surname_first_and_folded_when_characters() -> None:
    forms = latin_forms(NameInput("阮文雄"))
    assert forms[0] == "ruan wen xiong"
    assert "nguyen van hung" in forms
    assert "nguyen van hung" in latin_forms(NameInput("Nguyễn Văn Hùng"))


def test_keys_cached_equal_when_same_input_repeated() -> None:
    assert name_keys(NameInput("CHAN Tai-man")) == name_keys(NameInput("CHAN Tai-man"))


def test_segmentation_uses_package_inventories_when_joined() -> None:
    assert {"zhi", "ming", "xiong"} <= pinyin_syllables()
    assert {"chan", "cheung", "tsz", "kwok"} <= hk_syllables()
    assert segment("zhiming", pinyin_syllables()) == ("zhi", "ming")
    assert segment("taiman", hk_syllables()) == ("tai", "man")
    assert segment("qwerty", pinyin_syllables()) is None


def _pool() -> list[str]:
    """Name characters every family can read: cantoroman and Unihan-kVietnamese both know them."""
    from borderlink.resolve.names.vietnamese import kvietnamese

    raw = pkgutil.get_data("cantoroman", "data/charToRoman.json")
    assert raw is not None
    hk = json.loads(raw.decode("utf-8"))
    vi = kvietnamese()
    return sorted(ch for ch in hk if "\u4e00" <= ch <= "\u9fff" and ch in vi)


def _collisions(names: list[str]) -> int:
    """Pairs of distinct names that meet on a key."""
    index: dict[str, set[str]] = defaultdict(set)
    for name in names:
        for key in keys_of(name):
            index[key].add(name)
    pairs: set[tuple[str, str]] = set()
    for bucket in index.values():
        pairs.update(itertools.combinations(sorted(bucket), 2))
    return len(pairs)


def test_false_positive_rate_low_when_distinct_character_names() -> None:
    rng = random.Random(7)
    pool = _pool()
    assert len(pool) > 1000
    names = sorted({"".join(rng.sample(pool, 3)) for _ in range(3000)})
    total_pairs = len(names) * (len(names) - 1) // 2
    collisions = _collisions(names)
    # Exact homophones of different characters exist in every romanisation; they are rare.
    assert collisions / total_pairs < 1e-4, collisions


def test_false_positive_rate_low_when_distinct_latin_names() -> None:
    rng = random.Random(11)
    py = sorted(pinyin_syllables())
    hk = sorted(hk_syllables())
    names: set[str] = set()
    while len(names) < 3000:
        inv = py if rng.random() < 0.5 else hk
        sur, g1, g2 = rng.choice(inv), rng.choice(inv), rng.choice(inv)
        names.add(f"{sur.upper()} {g1.capitalize()}-{g2}")
    ordered = sorted(names)
    collisions = _collisions(ordered)
    total_pairs = len(ordered) * (len(ordered) - 1) // 2
    assert collisions / total_pairs < 1e-4, collisions
