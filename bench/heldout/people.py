"""The people of the held-out world: who they are, and how each agency writes their name."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import identifiers as ids
from . import name_lists as nl
from .romanise import (
    hk_romanise,
    hk_syllable,
    jyutping,
    pinyin_syllables,
    sino_vietnamese,
    strip_diacritics,
    to_simp,
    to_trad,
)

COUNTRY_OF = {
    "CHN": "CN",
    "HKG": "HK",
    "VNM": "VN",
    "MMR": "MM",
    "BGD": "BD",
    "PAK": "PK",
    "IND": "IN",
    "NPL": "NP",
    "LKA": "LK",
}


@dataclass
class Name:
    kind: str  # cn (mainland), hk, vn, mm, sa
    zh: str = ""  # simplified characters (cn, hk, vn Sino-Vietnamese, mm transliteration)
    sur_zh: str = ""
    sur_py: list[str] = field(default_factory=list)
    given_py: list[str] = field(default_factory=list)
    given_py_tone: list[str] = field(default_factory=list)
    sur_hk: list[str] = field(default_factory=list)
    given_hk: list[str] = field(default_factory=list)
    latin: list[str] = field(default_factory=list)  # vn with diacritics, mm syllables, sa words
    family_last: bool = True  # sa: the family name is the last Latin word


@dataclass
class Person:
    pid: str
    role: str
    syndicate: str | None
    nat: str
    home: str
    sex: str
    dob: date
    name: Name
    docs: list[tuple[str, str]] = field(default_factory=list)  # (rid|hkid|passport, number)
    phones: list[str] = field(default_factory=list)
    aliases: list[Name] = field(default_factory=list)
    address: str | None = None
    employer: str | None = None
    business: str | None = None


def _weighted(rng: random.Random, items: list[tuple[str, float]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def chinese_name(rng: random.Random, region: str, sex: str, hk_style: bool = False) -> Name:
    boost = nl.REGION_BOOST.get(region, {})
    sur = rng.choices(
        nl.CN_SURNAMES, weights=[w * boost.get(s, 1.0) for s, _, w, _ in nl.CN_SURNAMES]
    )[0]
    pool = (nl.HK_GIVEN_M if sex == "M" else nl.HK_GIVEN_F) if hk_style else None
    pool = pool or (nl.CN_GIVEN_M if sex == "M" else nl.CN_GIVEN_F)
    n = 2 if rng.random() < (0.85 if hk_style else 0.7) else 1
    given = "".join(rng.choice(pool) for _ in range(n))
    s_zh, s_py, _, s_jp = sur
    sur_jp = s_jp.split() if s_jp else [jyutping(c) for c in s_zh]
    sur_hk = [hk_syllable(j) for j in sur_jp]
    if sur_hk == ["chau"] and rng.random() < 0.5:
        sur_hk = ["chow"]
    return Name(
        kind="hk" if hk_style else "cn",
        zh=s_zh + given,
        sur_zh=s_zh,
        sur_py=[s_py],
        given_py=pinyin_syllables(given),
        given_py_tone=pinyin_syllables(given, tones=True),
        sur_hk=["".join(sur_hk)] if s_zh == "司徒" else sur_hk,
        given_hk=hk_romanise(given),
    )


def vietnamese_name(rng: random.Random, sex: str) -> Name:
    sur = rng.choices(nl.VN_SURNAMES, weights=[w for *_, w in nl.VN_SURNAMES])[0]
    mids = nl.VN_MIDDLE_M if sex == "M" else nl.VN_MIDDLE_F
    mid = rng.choices(mids, weights=[w for *_, w in mids])[0]
    given = rng.choice(nl.VN_GIVEN_M if sex == "M" else nl.VN_GIVEN_F)
    parts = [sur[:2], mid[:2], given] if rng.random() < 0.9 else [sur[:2], given]
    latin = [p[0] for p in parts]
    zh = to_simp("".join(sino_vietnamese(p[0], p[1]) for p in parts))
    return Name(kind="vn", zh=zh, sur_zh=zh[0], latin=latin)


def burmese_name(rng: random.Random, sex: str) -> Name:
    pool = nl.MM_MALE if sex == "M" else nl.MM_FEMALE
    n = rng.choices([2, 3], weights=[0.45, 0.55])[0]
    sylls = [rng.choice(pool) for _ in range(n)]
    if sex == "F" and rng.random() < 0.25:
        sylls = [sylls[0], sylls[0], *sylls[1:2]]  # Mya Mya Win
    zh = "".join(nl.MM_SYLLABLES[s][1] for s in sylls)
    return Name(kind="mm", zh=zh, latin=sylls)


def south_asian_name(rng: random.Random, nat: str, sex: str) -> Name:
    males, females, families = nl.SA_NAMES[nat]
    given = rng.sample(males if sex == "M" else females, rng.choice([1, 2]) if sex == "M" else 1)
    family = rng.choice(families)
    if nat == "BGD" and sex == "M" and rng.random() < 0.5 and given[0] != "Mohammad":
        given = ["Mohammad", *given]
    words = [*given, family] if family not in given else given
    zh = ""
    if all(w in nl.SA_CHINESE for w in words):
        zh = "·".join(nl.SA_CHINESE[w] for w in words)
    return Name(kind="sa", zh=zh, latin=words)


def random_dob(rng: random.Random, lo: int, hi: int) -> date:
    start = date(lo, 1, 1)
    return start + timedelta(days=rng.randrange((date(hi, 12, 31) - start).days))


def make_person(
    rng: random.Random, pid: str, role: str, syndicate: str | None, nat: str, home: str
) -> Person:
    sex = "M" if rng.random() < (0.85 if role != "migrant" else 0.7) else "F"
    dob = random_dob(rng, 1962, 1995) if role != "migrant" else random_dob(rng, 1972, 2001)
    if nat in ("CHN", "HKG"):
        name = chinese_name(rng, home, sex, hk_style=nat == "HKG")
    elif nat == "VNM":
        name = vietnamese_name(rng, sex)
    elif nat == "MMR":
        name = burmese_name(rng, sex)
    else:
        name = south_asian_name(rng, nat, sex)
    p = Person(pid, role, syndicate, nat, home, sex, dob, name)
    if nat == "CHN":
        p.docs.append(("rid", ids.resident_id(rng, home, dob, sex)))
    elif nat == "HKG":
        p.docs.append(("hkid", ids.hkid(rng)))
    else:
        p.docs.append(("passport", ids.passport(rng, nat)))
    if role == "organiser":
        if rng.random() < 0.35:  # a second identity: another resident ID or a passport
            p.docs.append(
                ("rid", ids.resident_id(rng, rng.choice(["GD", "GX", "CHN"]), dob, sex))
                if nat == "CHN"
                else ("passport", ids.passport(rng, nat if nat != "HKG" else "CHN"))
            )
        for _ in range(rng.randrange(1, 3)):
            alias = make_alias(rng, p)
            if alias is not None:
                p.aliases.append(alias)
    country = COUNTRY_OF[nat]
    if role == "migrant":
        if rng.random() < 0.55:
            p.phones.append(ids.mobile(rng, country))
    else:
        if role == "recruiter" and nat == "CHN" and home in ("GX", "YN") and rng.random() < 0.4:
            country = "VN" if home == "GX" else "MM"
        n = rng.randrange(2, 4) if role == "organiser" else 1
        p.phones.extend(ids.mobile(rng, country) for _ in range(n))
        if role == "organiser" and rng.random() < 0.5:
            p.phones.append(ids.mobile(rng, "HK"))
    return p


def make_alias(rng: random.Random, p: Person) -> Name | None:
    """An organiser's other name: same surname, another given name (or a nickname)."""
    if p.name.kind in ("cn", "hk"):
        other = chinese_name(rng, p.home, p.sex, hk_style=p.name.kind == "hk")
        sur = p.name.sur_zh
        given = other.zh[len(other.sur_zh) :]
        return Name(
            kind=p.name.kind,
            zh=sur + given,
            sur_zh=sur,
            sur_py=p.name.sur_py,
            given_py=pinyin_syllables(given),
            given_py_tone=pinyin_syllables(given, tones=True),
            sur_hk=p.name.sur_hk,
            given_hk=hk_romanise(given),
        )
    if p.name.kind == "vn":
        other = vietnamese_name(rng, p.sex)
        return Name(
            kind="vn", zh=p.name.zh[0] + other.zh[1:], latin=[p.name.latin[0], *other.latin[1:]]
        )
    return None


# --- writing a name the way each agency does ------------------------------------------


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _sa_variant(rng: random.Random, word: str) -> str:
    if word in nl.SA_VARIANTS and rng.random() < 0.3:
        return rng.choice(nl.SA_VARIANTS[word])
    return word


def _latin_typo(rng: random.Random, text: str) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:-1])
    r = rng.random()
    if r < 0.4:
        return text[:i] + text[i + 1 :]
    if r < 0.7:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :] if i + 1 < len(text) else text


def _han_typo(rng: random.Random, text: str) -> str:
    spots = [i for i, c in enumerate(text) if i > 0 and c in nl.HAN_SLIPS]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + nl.HAN_SLIPS[text[i]] + text[i + 1 :]


def mainland_name(rng: random.Random, n: Name, source: str) -> str:
    """姓名 in gd_psb / gx_psb / yn_psb."""
    if n.kind in ("cn", "hk"):
        out = n.zh
    elif n.kind == "vn":
        chars = {"gd_psb": 0.3, "gx_psb": 0.75, "yn_psb": 0.5}[source]
        r = rng.random()
        if r < chars:
            out = n.zh
        elif r < chars + 0.15 and source == "gd_psb":
            out = " ".join(n.latin)
        else:
            out = strip_diacritics(" ".join(n.latin)).upper()
    elif n.kind == "mm":
        if rng.random() < (0.65 if source == "yn_psb" else 0.4):
            out = n.zh
        else:
            out = " ".join(rng.choice(nl.MM_SYLLABLES[s][0]) for s in n.latin).upper()
    else:
        if n.zh and rng.random() < 0.25:
            out = n.zh
        else:
            out = " ".join(_sa_variant(rng, w) for w in n.latin).upper()
    if rng.random() < 0.02:
        out = (
            _han_typo(rng, out) if n.kind in ("cn", "hk") or out == n.zh else _latin_typo(rng, out)
        )
    return out


def pinyin_column(rng: random.Random, n: Name, written: str) -> str:
    """yn_psb 拼音: usually toneless, sometimes spaced syllables or tone marks, often empty."""
    if rng.random() < 0.25 or not any("\u4e00" <= c <= "\u9fff" for c in written):
        return ""
    if n.kind == "cn" and written == n.zh:
        sur, given = n.sur_py[0], n.given_py
        r = rng.random()
        if r < 0.45:
            return f"{_cap(sur)} {_cap(''.join(given))}"
        if r < 0.65:
            return " ".join([sur, *given])
        if r < 0.8:
            return f"{sur.upper()} {''.join(given).upper()}"
        tone_sur = pinyin_syllables(n.sur_zh, tones=True)
        return f"{_cap(''.join(tone_sur))} {_cap(''.join(n.given_py_tone))}"
    syl = pinyin_syllables(written)
    return " ".join(syl) if rng.random() < 0.6 else "".join(syl).capitalize()


def hk_given(rng: random.Random, sylls: list[str], style: float) -> str:
    if len(sylls) == 1:
        return _cap(sylls[0])
    if style < 0.65:
        return _cap(sylls[0]) + "-" + "-".join(sylls[1:])
    if style < 0.85:
        return " ".join(_cap(s) for s in sylls)
    return _cap("".join(sylls))


def hk_police_name(rng: random.Random, n: Name, mainlander_py: bool = True) -> tuple[str, str]:
    """(name_en, name_zh) as the Hong Kong Police writes them."""
    style = rng.random()
    if n.kind == "hk":
        en = " ".join(s.upper() for s in n.sur_hk) + " " + hk_given(rng, n.given_hk, style)
        zh = to_trad(n.sur_zh, surname=True) + to_trad(n.zh[len(n.sur_zh) :])
        return en, zh if rng.random() < 0.7 else ""
    if n.kind == "cn":
        given = n.given_py
        if style < 0.7:
            g = _cap("".join(given))
        elif style < 0.9:
            g = " ".join(_cap(s) for s in given)
        else:
            g = _cap(given[0]) + "-" + "-".join(given[1:]) if len(given) > 1 else _cap(given[0])
        zh = to_trad(n.sur_zh, surname=True) + to_trad(n.zh[len(n.sur_zh) :])
        return f"{n.sur_py[0].upper()} {g}", zh if rng.random() < 0.6 else ""
    if n.kind == "vn":
        plain = strip_diacritics(" ".join(n.latin)).split()
        en = plain[0].upper() + " " + " ".join(plain[1:])
        if rng.random() < 0.02:
            en = _latin_typo(rng, en)
        return en, to_trad(n.zh) if rng.random() < 0.15 else ""
    if n.kind == "mm":
        words = [rng.choice(nl.MM_SYLLABLES[s][0]) for s in n.latin]
        if rng.random() < 0.7:
            return " ".join(words).upper(), ""
        return words[0].upper() + " " + " ".join(words[1:]), ""
    words = [_sa_variant(rng, w) for w in n.latin]
    en = words[-1].upper() + " " + " ".join(words[:-1])
    if rng.random() < 0.02:
        en = _latin_typo(rng, en)
    return en, ""


def immd_name(rng: random.Random, n: Name) -> tuple[str | None, str | None, str | None]:
    """(surname, given_names, chinese_name) as on the travel document."""
    up = rng.random() < 0.5
    if n.kind in ("cn", "hk"):
        given = "".join(n.given_py) if n.kind == "cn" else " ".join(n.given_hk)
        sur = n.sur_py[0] if n.kind == "cn" else " ".join(n.sur_hk)
        zh = to_trad(n.sur_zh, surname=True) + to_trad(n.zh[len(n.sur_zh) :])
        return sur.upper(), given.upper() if up else _cap(given), zh if rng.random() < 0.8 else None
    if n.kind == "vn":
        plain = strip_diacritics(" ".join(n.latin)).split()
        given = " ".join(plain[1:])
        zh = to_trad(n.zh) if rng.random() < 0.1 else None
        return plain[0].upper(), given.upper() if up else given, zh
    if n.kind == "mm":
        words = [rng.choice(nl.MM_SYLLABLES[s][0]) for s in n.latin]
        if rng.random() < 0.6:
            return None, " ".join(words).upper(), None
        return words[-1].upper(), " ".join(words[:-1]).upper(), None
    words = [_sa_variant(rng, w) for w in n.latin]
    given = " ".join(words[:-1])
    return words[-1].upper(), given.upper() if up else given, None
