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
    """labels.yaml and every labels_<page>.yaml beside it (a page's own labels), merged."""
    folder = resources.files("borderlink.web")
    names = sorted(
        p.name for p in folder.iterdir() if p.name.startswith("labels") and p.name.endswith(".yaml")
    )
    out: dict[str, dict[str, str]] = {}
    for name in names:
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        table = data.get("labels") if isinstance(data, dict) else None
        if not isinstance(table, dict):
            raise ConfigError(f"web/{name}: needs a top-level 'labels' mapping")
        for key, entry in table.items():
            if key in out:
                raise ConfigError(f"web/{name}: labels.{key}: defined twice", key=key)
            for lang in LANGS:
                if not isinstance(entry, dict) or not str(entry.get(lang, "")).strip():
                    raise ConfigError(f"web/{name}: labels.{key}.{lang}: missing", key=key)
            out[str(key)] = {lang: str(entry[lang]) for lang in LANGS}
    return out


def translate(key: str, lang: Lang) -> str:
    entry = labels().get(key)
    return entry[lang] if entry else key
