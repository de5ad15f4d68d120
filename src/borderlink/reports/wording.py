"""Report wording in either language: roles, routes, notes, and what a change means.

The words are data (templates/wording.yaml). Notes made in English by the stats stage
are matched against patterns there and given in Chinese; a note without a pattern stays
as it is, so an untranslated note shows up in the Chinese report (and its test).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from borderlink.errors import ConfigError
from borderlink.model import load_vocabulary, vocab
from borderlink.reports.labels import Labels

Meaning = Literal["good", "bad", "neutral"]


@cache
def _wording() -> dict[str, Any]:
    path = "templates/wording.yaml"
    data = yaml.safe_load(resources.files("borderlink.reports").joinpath(path).read_text("utf-8"))
    for key in ("role_words", "route_stops", "route_methods", "rise", "notes"):
        if key not in (data or {}):
            raise ConfigError(f"reports/{path}: missing key {key!r}", file=path, key=key)
    for i, note in enumerate(data["notes"]):
        if not {"en", "zh"} <= set(note):
            raise ConfigError(f"reports/{path}: notes[{i}] needs en and zh", file=path)
    meanings = set(data["rise"].values()) - {"good", "bad", "neutral"}
    if meanings:
        raise ConfigError(f"reports/{path}: rise: unknown meaning {sorted(meanings)}", file=path)
    return dict(data)


def role_label(role: str, labels: Labels) -> str:
    """A role in the report's words: the vocabulary's label unless wording.yaml says otherwise."""
    entry = _wording()["role_words"].get(role)
    if entry:
        return labels.pick(entry["en"], entry["zh"])
    return labels.pick(vocab.role_label(role, "en"), vocab.role_label(role, "zh"))


@cache
def _stops() -> dict[str, dict[str, str]]:
    """Route stop code -> {en, zh}: regions, then countries by alpha-2, then wording.yaml's."""
    stops = {
        code: {"en": str(spec["en"]), "zh": str(spec["zh"])}
        for code, spec in load_vocabulary("regions").items()
    }
    for spec in load_vocabulary("countries").values():
        if spec.get("alpha2") and spec.get("en") and spec.get("zh"):
            stops.setdefault(str(spec["alpha2"]), {"en": str(spec["en"]), "zh": str(spec["zh"])})
    return stops | dict(_wording()["route_stops"])


def route_label(route: str, labels: Labels) -> str:
    """'VN>GX>HK:sea' -> 'Vietnam → Guangxi → Hong Kong (by sea)' / '越南→广西→香港（海路）'."""
    words = _wording()
    legs, _, method = route.partition(":")
    if route == "unattributed":
        return labels.pick("not linked to a syndicate", "未关联团伙")

    def one(lang: str) -> str:
        stops = [_stops().get(s, {}).get(lang, s) for s in legs.split(">")]
        how = words["route_methods"].get(method or "unknown", {}).get(lang, method)
        if lang == "zh":
            return "→".join(stops) + f"（{how}）"
        return " → ".join(stops) + f" ({how})"

    return labels.pick(one("en"), one("zh"))


def rise_meaning(figure: str) -> Meaning:
    meaning: Meaning = _wording()["rise"].get(figure, "neutral")
    return meaning


def change_meaning(figure: str, percent: float | None) -> Meaning:
    """good/bad/neutral news for the operation, given the figure and its change."""
    if not percent:
        return "neutral"
    rise = rise_meaning(figure)
    if rise == "neutral":
        return "neutral"
    return rise if percent > 0 else ("bad" if rise == "good" else "good")


@cache
def _note_patterns() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for note in _wording()["notes"]:
        pattern = re.escape(note["en"]).replace(r"\{n\}", r"(?P<n>[\d,]+)")
        out.append((re.compile(f"^{pattern}$"), str(note["zh"])))
    return out


def note_text(note: str | None, labels: Labels) -> str:
    """A stats note in the report's language ('' for none)."""
    if not note:
        return ""
    zh = note
    for pattern, chinese in _note_patterns():
        found = pattern.match(note.strip())
        if found:
            zh = chinese.replace("{n}", found.groupdict().get("n") or "")
            break
    return labels.pick(note, zh)
