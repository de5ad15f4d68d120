"""Chinese names: drawn from real surname frequencies, written in every local way.

A name is stored once, in the script of the place that registered it (simplified on
the mainland, traditional in Hong Kong). Other forms are derived from linguistic data:
traditional/simplified with OpenCC, Hanyu pinyin with pypinyin, and the Hong Kong
government's Cantonese romanisation from cantoroman's per-character readings. A person
keeps one Cantonese reading per character, as their identity card does.

This module is the generator's side only; the resolver must never import it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any

import opencc
import yaml
from cantoroman import Cantonese
from pypinyin import Style, lazy_pinyin


@dataclass(frozen=True, slots=True)
class ChineseName:
    """One person's Chinese name in both scripts, with their Cantonese readings."""

    surname: str  # simplified
    given: str  # simplified
    surname_t: str  # traditional
    given_t: str  # traditional
    readings: tuple[str, ...]  # HK romanisation, one syllable per traditional character

    @property
    def simplified(self) -> str:
        return self.surname + self.given

    @property
    def traditional(self) -> str:
        return self.surname_t + self.given_t


def _load(name: str) -> Any:
    text = resources.files("borderlink.synth").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


class _Weighted:
    """Items with cumulative weights for fast, seeded draws."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.items = list(weights)
        self.cum = list(accumulate(weights.values()))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.items, cum_weights=self.cum, k=1)[0]


class ChineseNames:
    """Pools and converters, built once per process (see `chinese_names`)."""

    def __init__(self) -> None:
        surnames = _load("surnames_zh.yaml")
        given = _load("given_zh.yaml")
        self._s2t = opencc.OpenCC("s2hk")
        self._t2s = opencc.OpenCC("t2s")
        self._canto = Cantonese()
        self._surname_pinyin: dict[str, str] = surnames["surname_pinyin"]
        self.surname_tables = {
            key: _Weighted(surnames[key])
            for key in ("national", "guangdong", "guangxi", "yunnan", "hong_kong")
        }
        self.given_pools: dict[tuple[str, str], list[str]] = {}
        for place in ("mainland", "hong_kong"):
            for sex, key in (("M", "male"), ("F", "female")):
                chars = list(dict.fromkeys(given[place][key]))
                if place == "hong_kong":
                    chars = [c for c in chars if self._canto.getRoman(c)[0]]
                self.given_pools[(place, sex)] = chars
        self._pinyin: dict[str, tuple[str, str]] = {}
        # Same-sounding given-name characters, per script, for clerks' slips.
        self._homophones: dict[tuple[bool, str], list[str]] = {}
        for (place, _sex), pool in sorted(self.given_pools.items()):
            for ch in pool:
                simple = ch if place == "mainland" else self.to_simplified(ch)
                plain = self.char_pinyin(simple)[0]
                for trad, form in ((False, simple), (True, self.to_traditional(simple))):
                    bucket = self._homophones.setdefault((trad, plain), [])
                    if form not in bucket:
                        bucket.append(form)

    # --- drawing -------------------------------------------------------------
    def draw(self, rng: random.Random, sex: str, origin: str) -> ChineseName:
        """A name for someone registered in `origin` (GD, GX, YN, HK or other)."""
        table = {
            "GD": "guangdong",
            "GX": "guangxi",
            "YN": "yunnan",
            "HK": "hong_kong",
        }.get(origin, "national")
        surname = self.surname_tables[table].draw(rng)
        place = "hong_kong" if origin == "HK" else "mainland"
        pool = self.given_pools[(place, sex)]
        # Given-name characters are drawn with a falling weight (earlier = commoner).
        count = 1 if rng.random() < (0.12 if origin == "HK" else 0.25) else 2
        given = "".join(pool[int(len(pool) * rng.random() ** 1.8)] for _ in range(count))
        if len(given) == 2 and given[0] == given[1] and rng.random() < 0.7:
            given = given[0]
        if origin == "HK":
            surname_t, given_t = surname, given
            surname_s, given_s = self._t2s.convert(surname), self._t2s.convert(given)
        else:
            surname_s, given_s = surname, given
            surname_t, given_t = self.to_traditional(surname), self.to_traditional(given)
        readings = tuple(self._pick_reading(rng, ch) for ch in surname_t + given_t)
        return ChineseName(surname_s, given_s, surname_t, given_t, readings)

    def _pick_reading(self, rng: random.Random, ch: str) -> str:
        options = self._canto.getRoman(ch)[0]
        if not options:
            return ""
        # The first listed reading usually wins; registries also use the others.
        return str(options[0] if rng.random() < 0.75 else rng.choice(options))

    # --- converters ----------------------------------------------------------
    @lru_cache(maxsize=200_000)  # noqa: B019 - one instance per process
    def to_traditional(self, text: str) -> str:
        return str(self._s2t.convert(text))

    @lru_cache(maxsize=200_000)  # noqa: B019
    def to_simplified(self, text: str) -> str:
        return str(self._t2s.convert(text))

    def char_pinyin(self, ch: str) -> tuple[str, str]:
        """(toneless, with tone marks) pinyin of one character."""
        hit = self._pinyin.get(ch)
        if hit is None:
            plain = lazy_pinyin(ch, style=Style.NORMAL, v_to_u=True)[0]
            toned = lazy_pinyin(ch, style=Style.TONE)[0]
            hit = (plain, toned)
            self._pinyin[ch] = hit
        return hit

    def pinyin(self, name: ChineseName, tones: bool = False) -> tuple[str, str]:
        """('Chen', 'Zhiming'): surname and joined given name in Hanyu pinyin."""
        i = 1 if tones else 0
        if name.surname in self._surname_pinyin and not tones:
            sur = self._surname_pinyin[name.surname]
        else:
            sur = "".join(self.char_pinyin(c)[i] for c in name.surname)
        given = "".join(self.char_pinyin(c)[i] for c in name.given)
        return sur.replace("ü", "v" if not tones else "ü").capitalize(), given.capitalize()

    def pinyin_syllables(self, text: str) -> list[str]:
        return [self.char_pinyin(c)[0] for c in text]

    def hk_romanised(self, name: ChineseName) -> tuple[str, str]:
        """('CHAN', 'Tai-man'): Hong Kong government style, surname in capitals."""
        n = len(name.surname_t)
        sur = " ".join(r.upper() for r in name.readings[:n])
        given = "-".join(name.readings[n:]).capitalize()
        return sur, given

    def homophone_typo(self, rng: random.Random, text: str, traditional: bool) -> str:
        """Swap one given-name character for a same-sounding one (a clerk's slip)."""
        if len(text) < 2:
            return text
        pos = rng.randrange(1, len(text))
        ch = text[pos]
        plain = self.char_pinyin(self.to_simplified(ch))[0]
        options = [c for c in self._homophones.get((traditional, plain), []) if c != ch]
        if not options:
            return text
        return text[:pos] + rng.choice(options) + text[pos + 1 :]


@lru_cache(maxsize=1)
def chinese_names() -> ChineseNames:
    return ChineseNames()
