"""Dates and periods as a reader of each language writes them, through Babel (CLDR).

Why Babel: CLDR knows that a Chinese reader writes January to July 2019 as
2019年1月至7月 and an English one as Jan – Jul 2019, and how either shortens a period
inside one year, so the report never glues month names together by hand.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from babel.dates import format_datetime, format_interval, format_skeleton

LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}
ZH_RANGE = "至"  # 2019年1月至7月: the written Chinese range, where CLDR puts a dash


def _skeleton(start: date, end: date) -> str:
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months and (start.month, end.month) == (1, 12):
        return "y"
    return "yMMM" if whole_months else "yMMMd"


def _one(start: date, end: date, lang: str) -> str:
    locale = LOCALES[lang]
    skeleton = _skeleton(start, end)
    if start == end:
        return format_skeleton("yMMMd", start, locale=locale)
    if skeleton == "y" and start.year == end.year:
        return format_skeleton("y", start, locale=locale)
    text = format_interval(start, end, skeleton, locale=locale)
    if lang == "zh":
        text = re.sub(r"\s*[–-]\s*", ZH_RANGE, text)
    return text


def period_text(start: date, end: date, lang: str) -> str:
    """A period: 'Jan – Jul 2019' / '2019年1月至7月'; 'both' gives the two, English first."""
    if lang == "both":
        return f"{_one(start, end, 'en')} / {_one(start, end, 'zh')}"
    return _one(start, end, lang)


def date_text(day: date | None, lang: str) -> str:
    """One day: '5 Mar 2019' / '2019年3月5日' (empty for no date)."""
    if day is None:
        return ""
    if lang == "both":
        return f"{date_text(day, 'en')} / {date_text(day, 'zh')}"
    return format_skeleton("yMMMd", day, locale=LOCALES[lang])


def month_text(year: int, month: int, lang: str) -> str:
    """A month: 'Mar 2019' / '2019年3月'."""
    if lang == "both":
        return f"{month_text(year, month, 'en')} / {month_text(year, month, 'zh')}"
    return format_skeleton("yMMM", date(year, month, 1), locale=LOCALES[lang])


def short_month(year: int, month: int, lang: str) -> str:
    """A chart tick: 'Mar 19' / '19年3月'."""
    if lang == "zh":
        return f"{year % 100:02d}年{month}月"
    return format_skeleton("MMMyy", date(year, month, 1), locale=LOCALES["en"])


def moment_text(when: datetime, lang: str) -> str:
    """A time stamp in UTC: '3 Dec 2026, 15:10 UTC' / '2026年12月3日 15:10 UTC'."""
    if lang == "both":
        return f"{moment_text(when, 'en')} / {moment_text(when, 'zh')}"
    day = format_skeleton("yMMMd", when.date(), locale=LOCALES[lang])
    clock = format_datetime(when, "HH:mm", locale=LOCALES[lang])
    return f"{day} {clock} {'协调世界时' if lang == 'zh' else 'UTC'}"
