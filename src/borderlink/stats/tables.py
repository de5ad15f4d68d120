"""Flat rows of the figures, for CSV and JSON files and the command's --format csv.

One long table keeps every number in one shape: section (figure / breakdown / yoy),
group, figure, period, value, distinct people, base and change.
"""

from __future__ import annotations

from typing import Any

from borderlink.csv_export import csv_text, dict_rows
from borderlink.stats.models import OperationFigures

COLUMNS = (
    "section",
    "dimension",
    "group",
    "group_label",
    "figure",
    "unit",
    "period_from",
    "period_to",
    "count",
    "people",
    "base_from",
    "base_to",
    "base_count",
    "change_percent",
    "change_status",
    "note",
)


def headline_rows(figures: OperationFigures) -> list[dict[str, Any]]:
    rows = []
    for info in figures.figures:
        value = figures.value(info.key)
        rows.append(
            {
                "section": "figure",
                "figure": info.key,
                "unit": info.unit,
                "period_from": figures.window.start.isoformat(),
                "period_to": figures.window.end.isoformat(),
                "count": value.count,
                "people": value.people,
                "note": "; ".join(n for n in (info.note, info.people_note) if n) or None,
            }
        )
    return rows


def breakdown_rows(figures: OperationFigures) -> list[dict[str, Any]]:
    if figures.breakdown is None:
        return []
    units = {f.key: f.unit for f in figures.figures}
    rows = []
    for group in figures.breakdown.rows:
        for key, value in group.values.items():
            rows.append(
                {
                    "section": "breakdown",
                    "dimension": figures.breakdown.by,
                    "group": group.key,
                    "group_label": group.label_en,
                    "figure": key,
                    "unit": units.get(key),
                    "period_from": figures.window.start.isoformat(),
                    "period_to": figures.window.end.isoformat(),
                    "count": value.count,
                    "people": value.people,
                }
            )
    return rows


def yoy_flat_rows(figures: OperationFigures) -> list[dict[str, Any]]:
    by = figures.breakdown.by if figures.breakdown else None
    return [
        {
            "section": "yoy",
            "dimension": by if row.group is not None else None,
            "group": row.group,
            "figure": row.figure,
            "period_from": row.current.start.isoformat(),
            "period_to": row.current.end.isoformat(),
            "count": row.current_value,
            "base_from": row.base.start.isoformat() if row.base else None,
            "base_to": row.base.end.isoformat() if row.base else None,
            "base_count": row.base_value,
            "change_percent": row.change.percent,
            "change_status": row.change.status,
        }
        for row in figures.yoy
    ]


def all_rows(figures: OperationFigures) -> list[dict[str, Any]]:
    """Every figure, breakdown cell and year-on-year row, in COLUMNS shape."""
    rows = headline_rows(figures) + breakdown_rows(figures) + yoy_flat_rows(figures)
    return [{c: row.get(c) for c in COLUMNS} for row in rows]


def to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...] | list[str] = COLUMNS) -> str:
    """CSV text (UTF-8, header first); None becomes an empty cell, formulas are neutralised."""
    return csv_text(columns, dict_rows(columns, rows))
