"""Every figure borderlink shows a person, written one way: the terminal, the report, the PDF.

`12,345` for a count, `12.5` for a fraction (one decimal), `—` for a figure that was not
computed. Percentages and scores between 0 and 1 have their own formats where they are
shown; a count never does.
"""

from __future__ import annotations


def number(value: float | None) -> str:
    """A count or amount: thousands separated, a fraction to one decimal, `—` for none."""
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
