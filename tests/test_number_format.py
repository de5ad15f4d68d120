"""One way to write a figure, whoever shows it (terminal, report, PDF)."""

from __future__ import annotations

from borderlink.cli import terminal
from borderlink.numbers import number
from borderlink.reports.render import environment


def test_counts_fractions_and_missing_figures() -> None:
    assert number(12345) == "12,345"
    assert number(1234567.0) == "1,234,567"
    assert number(12.46) == "12.5"
    assert number(0) == "0"
    assert number(None) == "—"


def test_terminal_and_report_use_the_same_function() -> None:
    assert terminal.number is number
    assert environment().filters["num"] is number
