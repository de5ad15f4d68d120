"""What real deliveries hold that a tidy world does not, each a rate that varies by seed.

Written from the issue's description of real data (issue 11) and SOURCES.md, not from
borderlink's code. Every rate is drawn from its own random stream, so turning the
phenomena off (`Phenomena.off()`) leaves the rest of the world's draws as they were.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from . import identifiers as ids
from .people import Name, Person, make_alias

# Seeds whose errors may be looked at while tuning borderlink; the reporting seeds are
# only ever run for the figures in bench/RESULTS.md.
TUNING_SEEDS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
REPORTING_SEEDS = (101, 102, 103, 104, 105, 106)


@dataclass(frozen=True)
class Phenomena:
    repeat_other: float = 0.0  # share of a trip's migrants who travelled before with another
    chain_share: float = 0.0  # share of syndicates that are really three cooperating groups
    name_only: float = 0.0  # share of migrant sightings written with a name and nationality only
    alias_share: float = 0.0  # share of facilitators with a second (deceptive) identity
    alias_use: float = 0.0  # how often such a facilitator gives the second identity
    org_arrest: float = 1.0  # chance an organiser sighting survives (organisers rarely arrested)

    @staticmethod
    def off() -> Phenomena:
        return Phenomena()

    @staticmethod
    def for_seed(seed: int) -> Phenomena:
        r = random.Random(seed * 104729 + 17)
        return Phenomena(
            repeat_other=round(r.uniform(0.05, 0.33), 3),
            chain_share=round(r.uniform(0.1, 0.4), 3),
            name_only=round(r.uniform(0.1, 0.4), 3),
            alias_share=round(r.uniform(0.12, 0.25), 3),
            alias_use=round(r.uniform(0.4, 0.55), 3),
            org_arrest=round(r.uniform(0.1, 0.4), 3),
        )


# --- deceptive identities -----------------------------------------------------------


def second_identity(rng: random.Random, p: Person, pid: str) -> Person | None:
    """The same facilitator under another name: other given name and ID, birth date moved
    by up to a year; same surname, phones, syndicate and role."""
    other = make_alias(rng, p)
    if other is None:
        return None
    shift = rng.choice([-1, 1]) * rng.randrange(20, 366)
    dob = max(date(1950, 1, 1), p.dob + timedelta(days=shift))
    kind = p.docs[0][0]
    if kind == "rid":
        doc = ("rid", ids.resident_id(rng, rng.choice(["GD", "GX", "YN", "CHN"]), dob, p.sex))
    elif kind == "hkid":
        doc = ("hkid", ids.hkid(rng))
    else:
        doc = ("passport", ids.passport(rng, p.nat))
    return Person(
        pid, p.role, p.syndicate, p.nat, p.home, p.sex, dob, other, docs=[doc], phones=p.phones
    )


# --- name-only records --------------------------------------------------------------

ABBREVIATIONS = {
    "Mohammad": ["MD", "Md.", "Mohd", "Muhammad", "Mohammed", "Mohamad", "Md"],
    "Muhammad": ["MD", "Md.", "Mohd", "Mohammad", "Muhammed"],
    "Mohammed": ["MD", "Md", "Mohd", "Muhammad"],
}


def misspell(rng: random.Random, word: str) -> str:
    """One slip of a clerk writing a name heard or read in a foreign script."""
    if word in ABBREVIATIONS and rng.random() < 0.7:
        return rng.choice(ABBREVIATIONS[word])
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    r = rng.random()
    if r < 0.35:  # dropped letter
        return word[:i] + word[i + 1 :]
    if r < 0.65:  # transposed letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if r < 0.8:  # doubled letter
        return word[:i] + word[i] + word[i:]
    vowels = "aeiou"
    if word[i] in vowels:  # a vowel heard differently
        return word[:i] + rng.choice([v for v in vowels if v != word[i]]) + word[i + 1 :]
    return word


def garbled(rng: random.Random, name: Name) -> Name:
    """The name of a name-only record: Latin words with slips and abbreviations."""
    if not name.latin:
        return name
    words = [misspell(rng, w) if rng.random() < 0.45 else w for w in name.latin]
    if name.kind == "mm":  # Burmese syllables are looked up, not spelt: keep them
        return name
    return replace(name, latin=words)
