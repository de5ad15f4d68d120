"""Whole-name keys across scripts: the public entry points of the names package.

A record gets a small set of family-prefixed keys (py: Mandarin pinyin, yue:
Hong Kong Cantonese romanisation, vi: Vietnamese, ph: phonetic Latin, my:
Burmese syllable classes). Two
records agree on a name when their sets intersect. Every key covers the whole
name (surname | given syllables), never one token, so keys stay discriminative.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from borderlink.resolve.names.bridge import hk_to_pinyin_keys, strict_hk_syllables
from borderlink.resolve.names.burmese import burmese_han_keys, burmese_keys, burmese_readings
from borderlink.resolve.names.cantonese import hk_readings
from borderlink.resolve.names.chinese import compound_surname_chars, pinyin_reading
from borderlink.resolve.names.phonetic import phonetic_key
from borderlink.resolve.names.script import han_chars, has_latin, latin_tokens
from borderlink.resolve.names.south_asian import south_asian_han_keys, south_asian_pinyin_keys
from borderlink.resolve.names.syllables import hk_syllables, pinyin_syllables, segment
from borderlink.resolve.names.vietnamese import sino_vietnamese_readings

FAMILIES: tuple[str, ...] = ("py", "yue", "vi", "ph", "my")


@lru_cache(maxsize=1)
def _compound_surnames() -> frozenset[str]:
    """Latin spellings of two-syllable surnames (Ouyang / Auyeung, Situ / Szeto)."""
    out: set[str] = set()
    for han in compound_surname_chars():
        reading = pinyin_reading(han + "一")
        if reading is not None:
            out.add(reading[0])
        out.update(sur for sur, _ in hk_readings(han + "一"))
    return frozenset(out)


@dataclass(frozen=True)
class NameInput:
    """A person's name as one source gives it; every field may be empty."""

    name: str | None
    name_zh: str | None = None
    name_pinyin: str | None = None
    surname: str | None = None
    given_names: str | None = None
    nationality: str | None = None


Split = tuple[str, tuple[str, ...]]  # (surname word, given words), folded Latin


def name_key_families() -> tuple[str, ...]:
    """The key families name_keys emits, in a fixed order."""
    return FAMILIES


def _fmt(family: str, surname: str, given: tuple[str, ...]) -> str:
    return f"{family}:{surname}|{' '.join(given)}"


def _merge_compound_surname(words: tuple[str, ...]) -> tuple[str, ...]:
    """Join a two-word compound surname written apart ("AU YEUNG", "SZE TO") into one word."""
    compounds = _compound_surnames()
    if len(words) >= 3 and words[0] + words[1] in compounds:
        return (words[0] + words[1], *words[2:])
    if len(words) >= 3 and words[-2] + words[-1] in compounds:
        return (*words[:-2], words[-2] + words[-1])
    return words


def _latin_splits(words: tuple[str, ...], surname_known: bool) -> list[Split]:
    """Candidate (surname, given) readings of a Latin name: surname first, or last."""
    if not words:
        return []
    words = _merge_compound_surname(words)
    if len(words) == 1 or surname_known:
        return [(words[0], words[1:])]
    return [(words[0], words[1:]), (words[-1], words[:-1])]


def _syllable_key(family: str, inventory: frozenset[str], split: Split) -> str | None:
    surname, given = split
    sur = segment(surname, inventory)
    if sur is None or (len(sur) > 1 and "".join(sur) not in _compound_surnames()):
        return None
    syllables: list[str] = []
    for word in given:
        seg = segment(word, inventory)
        if seg is None:
            return None
        syllables.extend(seg)
    return _fmt(family, "".join(sur), tuple(syllables))


def _hk_syllables_of(split: Split) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(surname syllables, given syllables) of a split read as HK romanisation, or None."""
    inventory = hk_syllables()
    sur = segment(split[0], inventory)
    if sur is None or (len(sur) > 1 and "".join(sur) not in _compound_surnames()):
        return None
    given: list[str] = []
    for word in split[1]:
        seg = segment(word, inventory)
        if seg is None:
            return None
        given.extend(seg)
    return sur, tuple(given)


@lru_cache(maxsize=200_000)
def _latin_bridge(
    words: tuple[str, ...], surname_known: bool
) -> tuple[frozenset[str], frozenset[str]]:
    hk_side: set[str] = set()
    py_side: set[str] = set()
    for split in _latin_splits(words, surname_known):
        hk = _hk_syllables_of(split)
        if hk is not None:
            hk_side |= hk_to_pinyin_keys(*hk)
        py_key = _syllable_key("py", pinyin_syllables(), split)
        if py_key is not None and _syllable_key("yue", strict_hk_syllables(), split) is None:
            py_side.add(py_key)
    return frozenset(hk_side), frozenset(py_side)


@lru_cache(maxsize=200_000)
def bridge_keys(n: NameInput) -> tuple[frozenset[str], frozenset[str]]:
    """(HK side, pinyin side) keys of the romanisation bridge, from the Latin names only.

    The HK side holds the pinyin keys an HK-romanised name may read as
    (CHAN Chi-ming -> py:chen|zhi ming, ...); the pinyin side holds the key of a
    name that is pinyin and cannot be HK romanisation (CHEN Zhiming). A pair
    meets when one's HK side holds the other's pinyin-side key; two HK names,
    or two pinyin names, never meet here.
    """
    _, latins = _texts(n)
    hk_side: set[str] = set()
    py_side: set[str] = set()
    for words, known in latins:
        words = tuple(w for w in (x.replace(" ", "") for x in words) if w)
        if words:
            hk, py = _latin_bridge(words, known)
            hk_side |= hk
            py_side |= py
    return frozenset(hk_side), frozenset(py_side)


def _plain_words(words: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for w in words:
        out.extend(p for p in w.replace("'", "-").split("-") if p)
    return tuple(out)


@lru_cache(maxsize=200_000)
def _latin_keys(words: tuple[str, ...], surname_known: bool) -> frozenset[str]:
    keys: set[str] = set()
    if not words:
        return frozenset()
    py_inv, hk_inv = pinyin_syllables(), hk_syllables()
    for split in _latin_splits(words, surname_known):
        for family, inv in (("py", py_inv), ("yue", hk_inv)):
            key = _syllable_key(family, inv, split)
            if key is not None:
                keys.add(key)
        keys.add(_fmt("vi", split[0].replace("-", ""), _plain_words(split[1])))
    merged = _merge_compound_surname(words)  # AU YEUNG and AUYEUNG give one phonetic key
    keys.add("ph:" + phonetic_key(tuple(w.replace("-", "").replace("'", "") for w in merged)))
    return frozenset(keys)


_VIETNAM_HINTS = frozenset({"VNM", "VN", "VIETNAM", "VIETNAMESE", "VIET NAM", "越南"})
_MYANMAR_HINTS = frozenset({"MMR", "MM", "MYANMAR", "BURMA", "BURMESE", "缅甸", "緬甸"})
_SOUTH_ASIA_HINTS = frozenset(
    {"PAK", "IND", "BGD", "LKA", "NPL", "AFG", "BTN", "MDV", "PK", "IN", "BD", "LK", "NP", "AF"}
    | {"PAKISTAN", "INDIA", "BANGLADESH", "SRI LANKA", "NEPAL", "AFGHANISTAN"}
    | {
        "巴基斯坦",
        "印度",
        "孟加拉国",
        "孟加拉",
        "斯里兰卡",
        "斯里蘭卡",
        "尼泊尔",
        "尼泊爾",
        "阿富汗",
    }
)


def _may_be(nationality: str | None, hints: frozenset[str]) -> bool:
    """A script-specific reading matters unless the record names another nationality."""
    return not nationality or not nationality.strip() or nationality.strip().upper() in hints


def _says(nationality: str | None, hints: frozenset[str]) -> bool:
    return bool(nationality) and str(nationality).strip().upper() in hints


def _may_be_vietnamese(nationality: str | None) -> bool:
    return _may_be(nationality, _VIETNAM_HINTS)


def _may_be_burmese(nationality: str | None) -> bool:
    return _may_be(nationality, _MYANMAR_HINTS)


@lru_cache(maxsize=200_000)
def _han_keys(han: str, vietnamese: bool) -> frozenset[str]:
    keys: set[str] = set()
    if not han:
        return frozenset()
    reading = pinyin_reading(han)
    if reading is not None:
        keys.add(_fmt("py", *reading))
    for sur, given in hk_readings(han):
        keys.add(_fmt("yue", sur, given))
    if vietnamese:
        for syllables in sino_vietnamese_readings(han):
            keys.add(_fmt("vi", syllables[0], syllables[1:]))
    return frozenset(keys)


def _han_forms(han: str, burmese: bool) -> list[str]:
    forms: list[str] = []
    reading = pinyin_reading(han)
    if reading is not None:
        forms.append(" ".join((reading[0], *reading[1])))
    forms.extend(" ".join((s, *g)) for s, g in hk_readings(han)[:2])
    forms.extend(" ".join(s) for s in sino_vietnamese_readings(han)[:1])
    if burmese:
        forms.extend(" ".join(r) for r in burmese_readings(han)[:2])
    return forms


def _texts(n: NameInput) -> tuple[list[str], list[tuple[tuple[str, ...], bool]]]:
    """Chinese-character strings and Latin word tuples (with 'surname known') of a record."""
    hans: list[str] = []
    latins: list[tuple[tuple[str, ...], bool]] = []
    for text in (n.name, n.name_zh, n.name_pinyin):
        if not text or not text.strip():
            continue
        han = han_chars(text)
        if han:
            hans.append(han)
        if has_latin(text):
            latins.append((latin_tokens(text), False))
    sur = latin_tokens(n.surname) if n.surname and has_latin(n.surname) else ()
    given = latin_tokens(n.given_names) if n.given_names and has_latin(n.given_names) else ()
    if sur:
        latins.append(((" ".join(sur), *given) if len(sur) > 1 else (*sur, *given), True))
    elif given:
        latins.append((given, False))
    for part in (n.surname, n.given_names):
        if part and han_chars(part):
            hans.append(han_chars(part))
    return hans, latins


@lru_cache(maxsize=200_000)
def name_keys(n: NameInput) -> frozenset[str]:
    """The record's whole-name keys across every family (empty for no usable name).

    Cached per distinct input: a workspace repeats the same name many times.
    """
    hans, latins = _texts(n)
    vietnamese = _may_be_vietnamese(n.nationality)
    burmese = _may_be_burmese(n.nationality)
    keys: set[str] = set()
    for han in hans:
        keys |= _han_keys(han, vietnamese)
        if burmese:
            keys |= burmese_han_keys(han)
    for words, known in latins:
        words = tuple(w for w in (x.replace(" ", "") for x in words) if w)
        keys |= _latin_keys(words, known)
        if burmese:
            joined = tuple(w.replace("-", "").replace("'", "") for w in words)
            keys |= burmese_keys(joined, known_only=not _says(n.nationality, _MYANMAR_HINTS))
    keys |= _south_asian_keys(n)
    keys.discard("ph:")
    return frozenset(keys)


def _south_asian_keys(n: NameInput) -> frozenset[str]:
    """ph: keys of a South Asian name written in Chinese characters or their pinyin."""
    if not _may_be(n.nationality, _SOUTH_ASIA_HINTS):
        return frozenset()
    says = _says(n.nationality, _SOUTH_ASIA_HINTS)
    keys: set[str] = set()
    for text in (n.name, n.name_zh, n.name_pinyin):
        if not text or not text.strip():
            continue
        if han_chars(text):
            keys |= south_asian_han_keys(text, need_separator=not says)
        elif says:
            keys |= south_asian_pinyin_keys(text)
    return frozenset(keys)


@lru_cache(maxsize=200_000)
def latin_forms(n: NameInput) -> tuple[str, ...]:
    """Romanised readings (folded, lowercase, surname first) for fuzzy comparison."""
    hans, latins = _texts(n)
    forms: list[str] = []
    burmese = _may_be_burmese(n.nationality)
    for han in hans:
        forms.extend(_han_forms(han, burmese))
    for words, known in latins:
        words = tuple(w for w in (x.replace(" ", "") for x in words) if w)
        for sur, given in _latin_splits(words, known):
            forms.append(" ".join((sur.replace("-", ""), *_plain_words(given))))
    return tuple(dict.fromkeys(f for f in forms if f))
