"""The web app's labels in English and Chinese, read from labels.yaml and checked on load."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml

from borderlink.errors import ConfigError

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")


@cache
def labels() -> dict[str, dict[str, str]]:
    text = (resources.files("borderlink.web") / "labels.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    table = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise ConfigError("web/labels.yaml: needs a top-level 'labels' mapping")
    for key, entry in table.items():
        for lang in LANGS:
            if not isinstance(entry, dict) or not str(entry.get(lang, "")).strip():
                raise ConfigError(f"web/labels.yaml: labels.{key}.{lang}: missing", key=key)
    return {str(k): {lang: str(v[lang]) for lang in LANGS} for k, v in table.items()}


def translate(key: str, lang: Lang) -> str:
    entry = labels().get(key)
    return entry[lang] if entry else key
