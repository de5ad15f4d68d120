"""Date expressions in English and Chinese, each read as the stretch of time it covers.

"February 2016" covers the whole month, "2018年上半年" the first half of 2018, "last
year" the year before the report date. Periods (periods.py) are built from these by
the words around them ("since", "以来", "until", "至"). English dates are parsed with
dateparser; Chinese numerals in dates (二〇一六年二月) with cn2an.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import cn2an
import dateparser

from borderlink.extract.numbers import SMALL_WORDS

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
# A month alone must be written in full and capitalised ("May" only with a year: it is a verb).
_MON_BARE = "|".join(m.capitalize() for m in MONTHS if len(m) > 3 and m != "sept")
_Y = r"(?:19|20)\d{2}"
_CNY = "[0-9０-９]{4}|[〇○零一二三四五六七八九]{4}"
_CNM = "[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR_CUE = (
    r"(?:\bin|since|from|during|for|of|until|till|to|through|between|and|by|throughout|"
    r"early|late|mid-?|year|end of|start of|beginning of|half of|quarter of)\s+$"
)
_EN_PARTS = (
    r"(?:(?P<fh>first|second|1st|2nd) half of\s+|(?P<q>first|second|third|fourth) quarter of\s+"
    r"|(?P<q3>first three quarters) of\s+|first (?P<nm>\w+|\d{1,2}) months of\s+"
    r"|(?P<eoy>(?:the )?end of)\s+)?"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{_Y})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})\b")),
    ("slash", re.compile(rf"\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>{_Y})\b")),
    (
        "en",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MON})\.?,?\s+(?P<y>{_Y})\b", re.I
        ),
    ),
    (
        "en",
        re.compile(
            rf"\b(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_Y})\b", re.I
        ),
    ),
    ("en", re.compile(rf"\b(?P<mon>{_MON})\.?,?\s+(?P<y>{_Y})\b", re.I)),
    ("en", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MON})\b\.?", re.I)),
    ("en_mon_rel", re.compile(rf"\b(?P<mon>{_MON})\.?\s+(?P<rel>this year|last year)\b", re.I)),
    ("en", re.compile(rf"\b(?P<mon>{_MON_BARE})\b(?!\s+\d)")),
    ("en", re.compile(rf"\b(?P<mon>May)(?=\s+(?:to|and|until|till|through|-|–)\s+(?i:{_MON})\b)")),
    (
        "en_rel",
        re.compile(
            _EN_PARTS + r"\b(?P<rel>(?:so far )?this year|last year|the previous year|the past year"
            r"|the (?:start|beginning) of (?:the|this) year"
            r"|the year before|last month|this month)\b",
            re.I,
        ),
    ),
    ("en_year", re.compile(_EN_PARTS + rf"\b(?P<y>{_Y})\b(?!-\d|\s*年|/)", re.I)),
    (
        "zh",
        re.compile(
            rf"(?:(?P<y>{_CNY})\s*年|(?P<rel>今年|去年|前年|本年|上年|明年))"
            rf"(?:\s*(?P<m>{_CNM})\s*月份?(?:\s*(?P<d>{_CNM})\s*[日号])?)?"
            r"(?P<part>上半年|下半年|前三季度|[首前][一二三四五六七八九十两兩\d]{1,2}[個个]月|第?[一二三四1-4]季度"
            r"|年?底|年?末|年?初|上旬|中旬"
            r"|下旬)?"
        ),
    ),
    ("zh", re.compile(rf"(?<![年\d])(?P<m>{_CNM})\s*月份?(?:\s*(?P<d>{_CNM})\s*[日号])?")),
    ("zh_rel", re.compile(r"(?P<part>上半年|下半年|前三季度|第[一二三四]季度)")),
]


@dataclass(frozen=True)
class DateExpr:
    """A date expression: the days it covers, where it is, and how precise it is."""

    start: date | None
    end: date | None
    span: tuple[int, int]
    precision: str  # day / month / quarter / half / year
    year_known: bool
    month: int | None = None
    day: int | None = None

    def with_year(self, year: int) -> DateExpr:
        """A yearless expression (6月, 'June') placed in `year`."""
        if self.month is None:
            return self
        if self.day is not None:
            when = date(year, self.month, self.day)
            return replace(self, start=when, end=when, year_known=True)
        start, end = month_bounds(year, self.month)
        return replace(self, start=start, end=end, year_known=True)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def cn_int(text: str) -> int:
    """'12' / '十二' / '二〇一八' -> int."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in "〇○零一二三四五六七八九" for c in text):
        return int(cn2an.transform(text.replace("○", "〇"), "cn2an"))
    return int(cn2an.cn2an(text, "smart"))


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "fourth": 4}
# "the first eight months": counts of months, read with the figures' number words
_MONTH_COUNTS = {w: n for w, n in SMALL_WORDS.items() if 2 <= n <= 11}
_ZH_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _part_tag(g: dict[str, str | None]) -> tuple[str, int] | None:
    """Which part of a year the expression names: ('half', 1), ('quarter', 3), ('end', 0)..."""
    if g.get("fh"):
        return "half", _ORDINALS[(g["fh"] or "").lower()]
    if g.get("q"):
        return "quarter", _ORDINALS[(g["q"] or "").lower()]
    if g.get("q3"):
        return "months", 9
    if g.get("nm"):
        months = _MONTH_COUNTS.get((g["nm"] or "").lower()) or int(g["nm"] or 0)
        return ("months", months) if 1 <= months <= 12 else None
    if g.get("eoy"):
        return "end", 0
    part = g.get("part") or ""
    if part in ("上半年", "下半年"):
        return "half", 1 if part == "上半年" else 2
    if part == "前三季度":
        return "months", 9
    if re.fullmatch(r"[首前].{1,2}[個个]月", part):
        months = cn_int(part[1:-2].replace("兩", "两"))
        return ("months", months) if 1 <= months <= 12 else None
    if "季度" in part:
        return "quarter", _ZH_ORDINALS[part.strip("第季度")]
    if part.endswith(("底", "末")):
        return "end", 0
    if part.endswith("初"):
        return "begin", 0
    return None


def _year_part(year: int, tag: tuple[str, int] | None) -> tuple[date, date, str]:
    """A year, or the half, quarter, end or beginning of it."""
    if tag is None:
        return date(year, 1, 1), date(year, 12, 31), "year"
    kind, n = tag
    if kind == "half":
        return (
            (date(year, 1, 1), date(year, 6, 30), "half")
            if n == 1
            else (date(year, 7, 1), date(year, 12, 31), "half")
        )
    if kind == "quarter":
        return date(year, 3 * n - 2, 1), month_bounds(year, 3 * n)[1], "quarter"
    if kind == "months":
        return date(year, 1, 1), month_bounds(year, n)[1], "months"
    if kind == "end":
        return date(year, 12, 31), date(year, 12, 31), "day"
    return date(year, 1, 1), date(year, 1, 31), "month"


def _relative_year(rel: str, report_date: date | None) -> int | None:
    if report_date is None:
        return None
    r = rel.lower()
    if r in ("去年", "上年") or r in ("last year", "the previous year", "the year before"):
        return report_date.year - 1
    if r == "前年":
        return report_date.year - 2
    if r == "明年":
        return report_date.year + 1
    return report_date.year


def _english_date(text: str, report_date: date | None) -> date | None:
    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
    if report_date is not None:
        settings["RELATIVE_BASE"] = datetime(report_date.year, report_date.month, report_date.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


def _read(kind: str, m: re.Match[str], text: str, report_date: date | None) -> DateExpr | None:
    g = m.groupdict()
    span = m.span()
    if kind in ("iso", "slash"):
        when = date(int(g["y"]), int(g["m"]), int(g["d"]))
        return DateExpr(when, when, span, "day", True, when.month, when.day)
    if kind == "en":
        month = MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["d"]) if g.get("d") else None
        if g.get("y") is None:
            return DateExpr(None, None, span, "day" if day else "month", False, month, day)
        parsed = _english_date(m.group(0), report_date)
        year = parsed.year if parsed else int(g["y"])
        if day:
            when = parsed or date(year, month, day)
            return DateExpr(when, when, span, "day", True, month, day)
        start, end = month_bounds(year, month)
        return DateExpr(start, end, span, "month", True, month)
    if kind == "en_mon_rel":
        rel_year = _relative_year(g["rel"], report_date)
        if rel_year is None:
            return None
        month = MONTHS[g["mon"].lower().rstrip(".")]
        start, end = month_bounds(rel_year, month)
        return DateExpr(start, end, span, "month", True, month)
    if kind == "en_year":
        has_part = g["fh"] or g["q"] or g["q3"] or g["nm"] or g["eoy"]
        if not has_part and not re.search(_YEAR_CUE, text[max(0, span[0] - 20) : span[0]], re.I):
            return None
        start, end, precision = _year_part(int(g["y"]), _part_tag(g))
        return DateExpr(start, end, span, precision, True)
    if kind == "en_rel":
        rel = g["rel"].lower().removeprefix("so far ")
        if rel.endswith(("of the year", "of this year")):
            rel = "this year"  # "since the start of the year"
        if report_date is None:
            return None
        if rel in ("last month", "this month"):
            month_start = report_date.replace(day=1)
            if rel == "last month":
                month_start = (month_start - timedelta(days=1)).replace(day=1)
            start, end = month_bounds(month_start.year, month_start.month)
            return DateExpr(start, end, span, "month", True, month_start.month)
        year = _relative_year(rel, report_date) or report_date.year
        start, end, precision = _year_part(year, _part_tag(g))
        return DateExpr(start, end, span, precision, True)
    if kind == "zh_rel":
        if report_date is None:
            return None
        start, end, precision = _year_part(report_date.year, _part_tag(g))
        return DateExpr(start, end, span, precision, True)
    return _read_chinese(g, span, report_date)


def _read_chinese(
    g: dict[str, str | None], span: tuple[int, int], report_date: date | None
) -> DateExpr | None:
    month = cn_int(g["m"] or "") if g.get("m") else None
    day = cn_int(g["d"] or "") if g.get("d") else None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    year: int | None
    if g.get("y"):
        year = cn_int(g["y"] or "")
    elif g.get("rel"):
        year = _relative_year(g["rel"] or "", report_date)
        if year is None:
            return None
    else:
        return DateExpr(None, None, span, "day" if day else "month", False, month, day)
    if month is None:
        start, end, precision = _year_part(year, _part_tag(g))
        return DateExpr(start, end, span, precision, True)
    if day is not None:
        when = date(year, month, day)
        return DateExpr(when, when, span, "day", True, month, day)
    start, end = month_bounds(year, month)
    if g.get("part") in ("底", "末"):
        return DateExpr(end, end, span, "day", True, month, end.day)
    return DateExpr(start, end, span, "month", True, month)


def find_dates(text: str, report_date: date | None = None) -> list[DateExpr]:
    """Every date expression in `text`, longest first where they overlap, in text order."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            s, e = match.span()
            if s == e or any(ts < e and s < te for ts, te in taken):
                continue
            try:
                expr = _read(kind, match, text, report_date)
            except (ValueError, KeyError, OverflowError):
                expr = None
            if expr is not None:
                found.append(expr)
                taken.append((s, e))
    return sorted(found, key=lambda d: d.span)
