"""The headline figures as printable (label, value) pairs: what the demo, the report command
and anyone else who only wants the top line print, from the one place that counts them."""

from __future__ import annotations

from datetime import date
from typing import Literal

from borderlink.numbers import number
from borderlink.stats.figures import operation_figures
from borderlink.stats.models import OperationFigures
from borderlink.stats.windows import Window
from borderlink.store import Store

Lang = Literal["en", "zh", "both"]
PEOPLE_WORD = {"en": "people", "zh": "人", "both": "people"}


def headline_lines(figures: OperationFigures, lang: Lang = "en") -> list[tuple[str, str]]:
    """(label, value) per figure: arrests with distinct people in brackets, or why not computed."""
    lines: list[tuple[str, str]] = []
    for info in figures.figures:
        value = figures.value(info.key)
        label = {"en": info.label_en, "zh": info.label_zh}.get(
            lang, f"{info.label_en} / {info.label_zh}"
        )
        if value.count is None:
            lines.append((label, info.note or "not computed"))
            continue
        shown = number(value.count)
        if info.unit == "people" and value.people is not None:
            shown += f" ({number(value.people)} {PEOPLE_WORD[lang]})"
        lines.append((label, shown))
    return lines


def headline(
    store: Store,
    window: Window | tuple[date | None, date | None] | None = None,
    *,
    lang: Lang = "en",
) -> list[tuple[str, str]]:
    """The operation's headline figures over `window` (default: all the data).

    Raises WorkspaceError on a workspace without ingested cases, InvalidRequest on a window
    without data, like `borderlink stats`.
    """
    return headline_lines(operation_figures(store, window), lang)
