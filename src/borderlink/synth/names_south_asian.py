"""South Asian names (Bangladesh, Pakistan, India, Nepal, Sri Lanka) and their
spelling variants (Mohammad / Muhammad / Mohd, Hossain / Hussain ...).

Patterns per nationality and the variant lists are data (data/names_south_asian.yaml).
A person keeps their passport's spelling; records sometimes write another variant, in
passport order (given names first) on the mainland and surname first in Hong Kong.

Generator side only; the resolver builds its own keys from linguistic data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class SouthAsianName:
    words: tuple[str, ...]  # canonical word keys; the last is the family name
    spelling: tuple[str, ...]  # the passport's spelling of each word


class SouthAsianNames:
    def __init__(self) -> None:
        text = resources.files("borderlink.synth").joinpath("data", "names_south_asian.yaml")
        data: Any = yaml.safe_load(text.read_text(encoding="utf-8"))
        self.words: dict[str, dict[str, Any]] = data["words"]
        self.patterns: dict[str, dict[str, list[list[str]]]] = data["patterns"]

    def draw(self, rng: random.Random, sex: str, nationality: str) -> SouthAsianName:
        keys = [w for slot in self.patterns[nationality][sex] if (w := rng.choice(slot)) != "-"]
        spelling = tuple(self._spell(rng, k, passport=True) for k in keys)
        return SouthAsianName(tuple(keys), spelling)

    def _spell(self, rng: random.Random, key: str, passport: bool) -> str:
        variants: list[str] = self.words[key]["variants"]
        if passport:
            return variants[0] if rng.random() < 0.6 else rng.choice(variants)
        return rng.choice(variants)

    def latin(self, rng: random.Random, name: SouthAsianName, variant_rate: float) -> list[str]:
        """Words as a record writes them, passport order (family name last)."""
        return [
            self._spell(rng, key, passport=False) if rng.random() < variant_rate else spelled
            for key, spelled in zip(name.words, name.spelling, strict=True)
        ]

    def chinese(self, name: SouthAsianName) -> str:
        """Chinese transliteration with the middle dot, e.g. 穆罕默德·拉菲克·侯赛因."""
        return "·".join(str(self.words[k]["zh"]) for k in name.words)


@lru_cache(maxsize=1)
def south_asian_names() -> SouthAsianNames:
    return SouthAsianNames()
