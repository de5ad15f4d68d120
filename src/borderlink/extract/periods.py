"""Periods ("since February 2016", "2018年1月至6月", "extended until July 2019") and the
report date, built from date expressions and the words around them.

A period has a start, an end, or both; a point date without a cue ("on 15 January")
is not a period. Dates compared against ("compared with last year", 去年同期) are not
periods of the report either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from borderlink.extract.dates import MONTHS, DateExpr, cn_int, find_dates, month_bounds

_RANGE_JOIN = re.compile(
    r"^\s*(?:to|until|till|through|thru|and|-|–|—|至|到|－|~|～)\s*(?:the end of\s+)?$", re.I
)
_RANGE_OPEN = re.compile(r"(?:\bfrom|\bbetween|自|从|由)\s*(?:the beginning of\s+)?$", re.I)
_START_BEFORE = re.compile(
    r"(?:\bsince|\bstarting(?: in| from)?|\bbeginning(?: in)?|as from|with effect from|自从|自|从"
    r"|\bsince (?:the (?:launch|start|beginning) of )[^,.;，。]{0,60}?\bin)"
    r"\s*(?:the (?:beginning|start) of\s+)?$",
    re.I,
)
_START_AFTER = re.compile(r"^\s*(?:以来|起|至今|开始|onwards?\b|to date\b|to the present\b)", re.I)
_END_BEFORE = re.compile(
    r"(?:\buntil|\btill|\bthrough|\bup to|\bextended (?:to|until)|\bby the end of|\bas of"
    r"|\bending(?: in)?|截至|截止|截止到|延长至|延长到|延至|持续至|持续到|至)\s*$",
    re.I,
)
_COMPARED_BEFORE = re.compile(
    r"(?:(?:compared (?:with|to)|than(?: in| during| for)?|versus|vs\.?|from|over|on"
    r"|比|较|與|与|同比)\s*"
    r"(?:the same period (?:of|in)\s+|the corresponding period (?:of|in)\s+)?"
    r"|(?:the )?(?:same|corresponding) period(?: of| in)?\s+)$",
    re.I,
)
_COMPARED_AFTER = re.compile(r"^\s*(?:同期|的同期)")
_DATE_LABEL = re.compile(
    r"(?:\bdate[d]?|\bissued(?: on| at)?|\bpublished(?: on)?|\breleased(?: on)?|release date"
    r"|日期|发布时间|发布日期|发布于|发稿时间|時間|日期)\s*[:：]?\s*$",
    re.I,
)


_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_CNN = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_CNY = r"[0-9]{4}|[〇○零一二三四五六七八九]{4}"
# Ranges written in one piece: "between 1 and 5 December", 6月11日至15日, 今年1至11月.
_DAY_RANGE_EN = re.compile(
    rf"\b(?:between\s+|from\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:and|to|-|–)\s*"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MON})\b\.?(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?",
    re.I,
)
_DAY_RANGE_ZH = re.compile(
    rf"(?:(?P<y>{_CNY})\s*年)?(?P<m>{_CNN})\s*月(?P<d1>{_CNN})\s*[日号號]?\s*(?:至|到|-|—|－|~|～)\s*"
    rf"(?P<d2>{_CNN})\s*[日号號]"
)
_MONTH_RANGE_ZH = re.compile(
    rf"(?:(?P<y>{_CNY})\s*年|(?P<rel>今年|去年|本年|上年))?(?P<m1>{_CNN})\s*(?:月份?)?\s*"
    rf"(?:至|到|-|—|－|~|～)\s*(?P<m2>{_CNN})\s*月份?"
)


@dataclass(frozen=True)
class Period:
    """A period stated in the text: the phrase, its span and its bounds."""

    text: str
    span: tuple[int, int]
    start: date | None
    end: date | None


def find_report_date(text: str) -> tuple[date, tuple[int, int]] | None:
    """The date the report was issued: a labelled date, else a full date in its first lines."""
    exprs = [d for d in find_dates(text) if d.day is not None and d.year_known and d.start]
    for expr in exprs:
        if _DATE_LABEL.search(text[max(0, expr.span[0] - 24) : expr.span[0]]):
            assert expr.start is not None
            return expr.start, expr.span
    head_end = _end_of_lines(text, 3)
    for expr in exprs:
        if expr.span[1] <= head_end and expr.start is not None:
            return expr.start, expr.span
    return None


def _end_of_lines(text: str, lines: int) -> int:
    """Offset after the first `lines` non-empty lines (the dateline zone)."""
    seen, pos = 0, 0
    for match in re.finditer(r"[^\n]*\n?", text):
        if match.group().strip():
            seen += 1
        pos = match.end()
        if seen >= lines:
            break
    return pos


def find_periods(
    text: str, report_date: date | None, skip: tuple[int, int] | None = None
) -> list[Period]:
    """Every period in `text`; `skip` is the report date's own span."""
    periods = _one_piece_ranges(text, report_date)
    taken = [p.span for p in periods]
    exprs = [
        d
        for d in find_dates(text, report_date)
        if (skip is None or d.span != skip)
        and not any(s < d.span[1] and d.span[0] < e for s, e in taken)
    ]
    used: set[int] = set()
    for i, expr in enumerate(exprs):
        if i in used:
            continue
        nxt = exprs[i + 1] if i + 1 < len(exprs) else None
        if nxt is not None and _is_range(text, expr, nxt):
            period = _range(text, expr, nxt, report_date)
            used.add(i + 1)
        elif _BASELINE_LABEL.match(text, expr.span[1]) and text[: expr.span[0]].rstrip()[-1:] in (
            "(",
            "（",
        ):
            continue  # "312 (February: 287)": the month labels a figure compared against
        else:
            period = _single(text, expr, report_date)
        if period is not None:
            periods.append(period)
    return sorted(periods, key=lambda p: p.span)


_BASELINE_LABEL = re.compile(r"\s*[:：]\s*[\d,.]+\s*[)）]")


def _year_of(g: dict[str, str | None], report_date: date | None) -> int | None:
    if g.get("y"):
        return cn_int(g["y"] or "")
    if report_date is None:
        return None
    rel = g.get("rel")
    return report_date.year - 1 if rel in ("去年", "上年") else report_date.year


def _one_piece_ranges(text: str, report_date: date | None) -> list[Period]:
    found: list[Period] = []
    for pattern in (_DAY_RANGE_EN, _DAY_RANGE_ZH, _MONTH_RANGE_ZH):
        for m in pattern.finditer(text):
            if any(p.span[0] < m.end() and m.start() < p.span[1] for p in found):
                continue
            g = m.groupdict()
            year = _year_of(g, report_date)
            try:
                if year is None:
                    continue
                if "m1" in g:
                    start = month_bounds(year, cn_int(g["m1"] or ""))[0]
                    end = month_bounds(year, cn_int(g["m2"] or ""))[1]
                else:
                    month = MONTHS[g["mon"].lower()] if g.get("mon") else cn_int(g["m"] or "")
                    start = date(year, month, cn_int(g["d1"] or ""))
                    end = date(year, month, cn_int(g["d2"] or ""))
            except (ValueError, KeyError):
                continue
            if start <= end:
                found.append(Period(m.group(0), m.span(), start, end))
    return found


def _is_range(text: str, first: DateExpr, second: DateExpr) -> bool:
    between = text[first.span[1] : second.span[0]]
    if not _RANGE_JOIN.match(between):
        return False
    if between.strip().lower() == "and":
        return bool(_RANGE_OPEN.search(text[max(0, first.span[0] - 20) : first.span[0]]))
    return True


def _placed(expr: DateExpr, year: int | None, report_date: date | None = None) -> DateExpr | None:
    """A yearless expression in `year`; one that would lie after the report, a year earlier."""
    if expr.year_known:
        return expr
    if year is None:
        return None
    placed = expr.with_year(year)
    if report_date is not None and placed.start is not None and placed.start > report_date:
        placed = expr.with_year(year - 1)
    return placed


def _range(text: str, first: DateExpr, second: DateExpr, report_date: date | None) -> Period | None:
    year = report_date.year if report_date else None
    if first.year_known and first.start is not None:
        year = first.start.year  # 2018年1月至6月
    elif second.year_known and second.start is not None:
        year = second.start.year  # January to June 2018
    elif report_date is not None and first.month and first.month > report_date.month:
        year = report_date.year - 1  # "between July and December", written in February
    first_placed, second_placed = _placed(first, year), _placed(second, year)
    if first_placed is None or second_placed is None or first_placed.start is None:
        return None
    span = (_open_start(text, first.span[0]), second.span[1])
    return Period(text[span[0] : span[1]], span, first_placed.start, second_placed.end)


def _open_start(text: str, at: int) -> int:
    opener = _RANGE_OPEN.search(text[max(0, at - 20) : at])
    return at - (min(at, 20) - opener.start()) if opener else at


def _single(text: str, expr: DateExpr, report_date: date | None) -> Period | None:
    s, e = expr.span
    before, after = text[max(0, s - 80) : s], text[e : e + 12]
    if _COMPARED_BEFORE.search(before) or _COMPARED_AFTER.match(after):
        return None
    placed = _placed(expr, report_date.year if report_date else None, report_date)
    if placed is None or placed.start is None:
        return None
    start_cue = _START_BEFORE.search(before)
    if text[s:e].lower().startswith("so far"):
        return Period(text[s:e], (s, e), placed.start, None)  # so far this year: since 1 January
    after_cue = _START_AFTER.match(after)
    end_cue = _END_BEFORE.search(before)
    if start_cue or after_cue:
        begin = s - (len(before) - start_cue.start()) if start_cue else s
        finish = e + after_cue.end() if after_cue else e
        return Period(text[begin:finish], (begin, finish), placed.start, None)
    if end_cue:
        begin = s - (len(before) - end_cue.start())
        return Period(text[begin:e], (begin, e), None, placed.end)
    if expr.precision == "day":
        return None
    return Period(text[s:e], (s, e), placed.start, placed.end)
