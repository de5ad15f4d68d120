"""The report's fixed texts (templates/labels.yaml) in English, Chinese or both."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel

from borderlink.errors import InvalidRequest

LANGS = ("en", "zh", "both")


@cache
def _texts() -> dict[str, dict[str, str]]:
    text = (
        resources.files("borderlink.reports").joinpath("templates/labels.yaml").read_text("utf-8")
    )
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


class Labels(BaseModel):
    """Picks the text of one language; 'both' gives 'English / 中文' where one string is needed."""

    lang: str

    def pick(self, en: str, zh: str) -> str:
        if self.lang == "zh":
            return zh
        if self.lang == "both":
            return en if en == zh else f"{en} / {zh}"
        return en

    def text(self, key: str) -> str:
        entry = _texts()[key]
        return self.pick(entry["en"], entry["zh"])

    def pair(self, key: str) -> tuple[str, str]:
        entry = _texts()[key]
        return entry["en"], entry["zh"]


def labels_for(lang: str) -> Labels:
    if lang not in LANGS:
        raise InvalidRequest("lang", f"unknown {lang!r}: choose one of {', '.join(LANGS)}")
    return Labels(lang=lang)
