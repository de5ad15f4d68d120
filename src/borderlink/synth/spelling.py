"""How each agency writes a person's name.

Mainland police write Chinese names in simplified characters, Vietnamese names often
in Sino-Vietnamese characters (Guangxi) or in Latin letters, Burmese names in Chinese
transliteration (Yunnan) or Latin letters, South Asian names in passport order.
Hong Kong writes surname first with the surname in capitals: Cantonese romanisation
for its residents ("CHAN Tai-man"), pinyin for mainlanders ("CHEN Zhiming"), and
traditional characters. Spelling variants and typos come from the Clerk.

Generator side only: nothing here may be used to match names.
"""

from __future__ import annotations

from borderlink.synth import names_vi
from borderlink.synth.names_burmese import BurmeseName, burmese_names
from borderlink.synth.names_south_asian import SouthAsianName, south_asian_names
from borderlink.synth.names_vi import VietnameseName
from borderlink.synth.names_zh import ChineseName, chinese_names
from borderlink.synth.noise import Clerk
from borderlink.synth.world import Name, Person


def pick_name(person: Person, clerk: Clerk) -> Name:
    """The name given this time: an alias now and then for those who have one."""
    if person.aliases and clerk.hit(clerk.rates.alias_use):
        return person.aliases[clerk.rng.randrange(len(person.aliases))]
    return person.name


def _latin_words(name: Name, clerk: Clerk) -> list[str]:
    rate = clerk.rates.spelling_variant
    if isinstance(name, BurmeseName):
        return burmese_names().latin(clerk.rng, name, rate)
    if isinstance(name, SouthAsianName):
        return south_asian_names().latin(clerk.rng, name, rate)
    raise TypeError(type(name))


def _typo(text: str, clerk: Clerk, han: bool = False, traditional: bool = False) -> str:
    if not text or not clerk.typo_hit():
        return text
    if han:
        return chinese_names().homophone_typo(clerk.rng, text, traditional)
    return clerk.latin_typo(text)


def mainland_name(name: Name, agency: str, clerk: Clerk) -> str:
    """姓名 as gd_psb, gx_psb or yn_psb writes it."""
    rng = clerk.rng
    if isinstance(name, ChineseName):
        return _typo(name.simplified, clerk, han=True)
    if isinstance(name, VietnameseName):
        han = names_vi.han(name, simplified=True)
        han_share = {"gx_psb": 0.8, "gd_psb": 0.3}.get(agency, 0.2)
        if han and rng.random() < han_share:
            return _typo(han, clerk, han=True)
        sur, given = names_vi.latin(name, diacritics=rng.random() < 0.4)
        text = f"{sur} {given}"
        return _typo(text.upper() if rng.random() < 0.5 else text, clerk)
    if isinstance(name, BurmeseName):
        zh_share = {"yn_psb": 0.65}.get(agency, 0.3)
        if rng.random() < zh_share:
            return burmese_names().chinese(name)
        return _typo(" ".join(_latin_words(name, clerk)).upper(), clerk)
    if rng.random() < 0.12:
        return south_asian_names().chinese(name)
    return _typo(" ".join(_latin_words(name, clerk)).upper(), clerk)


def yn_pinyin(written: str, clerk: Clerk) -> str:
    """拼音 beside a name written in characters: toneless mostly, sometimes empty."""
    if not written or not all("\u4e00" <= c <= "\u9fff" or c == "·" for c in written):
        return ""
    rng = clerk.rng
    roll = rng.random()
    if roll < 0.2:
        return ""
    zh = chinese_names()
    chars = [c for c in written if c != "·"]
    if roll < 0.3:
        return " ".join(zh.char_pinyin(c)[1] for c in chars)
    syllables = [zh.char_pinyin(c)[0] for c in chars]
    style = rng.random()
    if style < 0.4:
        return " ".join(syllables)
    if style < 0.7:
        return (syllables[0].capitalize() + " " + "".join(syllables[1:]).capitalize()).strip()
    return "".join(syllables).upper()


def hk_police_name(person: Person, name: Name, clerk: Clerk) -> tuple[str, str]:
    """(name_en, name_zh) as the Hong Kong Police write them."""
    rng = clerk.rng
    zh = chinese_names()
    if isinstance(name, ChineseName):
        if person.nationality == "HKG":
            sur, given = zh.hk_romanised(name)
        else:
            py_sur, given = zh.pinyin(name)
            sur = py_sur.upper()
        en = f"{sur} {given}".strip()
        zh_name = (
            name.traditional if rng.random() < (0.9 if person.nationality == "HKG" else 0.7) else ""
        )
        return _typo(en, clerk), _typo(zh_name, clerk, han=True, traditional=True)
    if isinstance(name, VietnameseName):
        sur, given = names_vi.latin(name, diacritics=False)
        han = names_vi.han(name, simplified=False)
        zh_name = han if han and rng.random() < 0.2 else ""
        return _typo(f"{sur.upper()} {given}", clerk), zh_name
    words = _latin_words(name, clerk)
    if isinstance(name, BurmeseName):
        if rng.random() < 0.4:
            return _typo(" ".join(words).upper(), clerk), ""
        return _typo(f"{words[0].upper()} {' '.join(words[1:])}", clerk), ""
    return _typo(f"{words[-1].upper()} {' '.join(words[:-1])}".strip(), clerk), ""


def immd_name(person: Person, name: Name, clerk: Clerk) -> tuple[str, str, str | None]:
    """(surname, given_names, chinese_name) as Immigration records them."""
    rng = clerk.rng
    zh = chinese_names()
    if isinstance(name, ChineseName):
        if person.nationality == "HKG":
            sur, given = zh.hk_romanised(name)
            given = given.replace("-", " ").title() if rng.random() < 0.3 else given
        else:
            py_sur, given = zh.pinyin(name)
            sur = py_sur.upper()
        return sur, _typo(given, clerk), name.traditional
    if isinstance(name, VietnameseName):
        sur, given = names_vi.latin(name, diacritics=False)
        han = names_vi.han(name, simplified=False)
        upper = rng.random() < 0.5
        return (
            sur.upper(),
            _typo(given.upper() if upper else given, clerk),
            han if han and rng.random() < 0.1 else None,
        )
    words = _latin_words(name, clerk)
    if isinstance(name, BurmeseName):
        if rng.random() < 0.35:
            return "", _typo(" ".join(words).upper(), clerk), None
        return words[0].upper(), _typo(" ".join(words[1:]).upper(), clerk), None
    return words[-1].upper(), _typo(" ".join(words[:-1]).upper(), clerk), None


def employer_name(person: Person, clerk: Clerk) -> str:
    """An employer's name as it appears on a worker's Immigration record."""
    name = person.name
    if isinstance(name, ChineseName):
        sur, given = chinese_names().hk_romanised(name)
        return f"{sur} {given}"
    return mainland_name(name, "hk_immd", clerk)
