"""Clerical noise: what happens when a person's details are typed into a form.

Rates come from the scenario. Every draw uses the writer's own seeded generator, so
the same seed gives the same slips.
"""

from __future__ import annotations

import random
from datetime import date

from borderlink.synth.scenario import Noise

_VOWELS = "aeiou"


class Clerk:
    """Writes values with the scenario's rates of slips."""

    def __init__(self, rng: random.Random, rates: Noise) -> None:
        self.rng = rng
        self.rates = rates

    def hit(self, rate: float) -> bool:
        return rate > 0 and self.rng.random() < rate

    def missing(self, scale: float = 1.0) -> bool:
        return self.hit(self.rates.missing * scale)

    def typo_hit(self) -> bool:
        return self.hit(self.rates.typo)

    def latin_typo(self, text: str) -> str:
        """One slip in a Latin-script name: a letter dropped, doubled, swapped or changed."""
        letters = [i for i, c in enumerate(text) if c.isalpha() and i > 0]
        if len(letters) < 3:
            return text
        i = self.rng.choice(letters)
        kind = self.rng.randrange(4)
        if kind == 0:
            return text[:i] + text[i + 1 :]
        if kind == 1:
            return text[:i] + text[i] + text[i:]
        if kind == 2 and i + 1 < len(text) and text[i + 1].isalpha():
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        if text[i].lower() in _VOWELS:
            repl = self.rng.choice([v for v in _VOWELS if v != text[i].lower()])
            return text[:i] + (repl.upper() if text[i].isupper() else repl) + text[i + 1 :]
        return text

    def swapped(self, day: date) -> date:
        """The date with day and month exchanged, now and then, where that is a date."""
        if day.day <= 12 and day.day != day.month and self.hit(self.rates.date_swap):
            return date(day.year, day.day, day.month)
        return day

    def partial(self) -> bool:
        return self.hit(self.rates.partial_date)
