"""Burmese names: two to four syllables, no surname, in Latin and in Chinese.

Each syllable has a usual Latin spelling, the variants seen in passports and police
records, and its Chinese transliteration (data/names_burmese.yaml). A person keeps the
spelling their passport has; records sometimes use another variant. Yunnan writes the
Chinese form (and its pinyin), Hong Kong the Latin one.

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
class BurmeseName:
    syllables: tuple[str, ...]  # canonical syllable keys, e.g. ('Aung', 'Kyaw', 'Myint')
    spelling: tuple[str, ...]  # the passport's spelling of each syllable


class BurmeseNames:
    def __init__(self) -> None:
        text = resources.files("borderlink.synth").joinpath("data", "names_burmese.yaml")
        data: Any = yaml.safe_load(text.read_text(encoding="utf-8"))
        self.syllables: dict[str, dict[str, Any]] = data["syllables"]
        self.by_sex = {
            sex: [k for k, v in self.syllables.items() if sex in v["sex"]] for sex in ("M", "F")
        }

    def draw(self, rng: random.Random, sex: str) -> BurmeseName:
        pool = self.by_sex[sex]
        count = rng.choices((2, 3, 4), weights=(35, 55, 10), k=1)[0]
        keys: list[str] = []
        while len(keys) < count:
            key = pool[int(len(pool) * rng.random() ** 1.3)]
            if not keys or keys[-1] != key:
                keys.append(key)
        spelling = tuple(self._spell(rng, k, passport=True) for k in keys)
        return BurmeseName(tuple(keys), spelling)

    def _spell(self, rng: random.Random, key: str, passport: bool) -> str:
        variants = [key, *self.syllables[key]["variants"]]
        if passport:
            return key if rng.random() < 0.8 else str(rng.choice(variants))
        return str(rng.choice(variants))

    def latin(self, rng: random.Random, name: BurmeseName, variant_rate: float) -> list[str]:
        """The syllables as a record writes them: mostly the passport spelling."""
        return [
            self._spell(rng, key, passport=False) if rng.random() < variant_rate else spelled
            for key, spelled in zip(name.syllables, name.spelling, strict=True)
        ]

    def chinese(self, name: BurmeseName) -> str:
        """Chinese transliteration, e.g. 昂觉敏 for Aung Kyaw Myint."""
        return "".join(str(self.syllables[k]["zh"]) for k in name.syllables)


@lru_cache(maxsize=1)
def burmese_names() -> BurmeseNames:
    return BurmeseNames()
