"""Delivered values reach the terminal as data: no rich markup, no control codes."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.table import Table

from borderlink.cli.terminal import cell, esc, line

HOSTILE = [
    "[/red]",
    "[/bold] after",
    "[link=http://evil.example/]click[/link]",
    "\x1b[2J\x1b[31mred",
    "bell\x07",
    "rtl\u202eevil",
    ":pile_of_poo:",
]


def _render(*items: object) -> str:
    out = io.StringIO()
    Console(file=out, force_terminal=True, width=200, emoji=True).print(*items)
    return out.getvalue()


@pytest.mark.parametrize("value", HOSTILE)
def test_cells_and_messages_print_values_as_written(value: str) -> None:
    table = Table("name")
    table.add_row(cell(value))
    shown = _render(table) + _render(f"[yellow]notice:[/] {esc(value)}")
    assert "\x07" not in shown and "\u202e" not in shown and "\x1b[2J" not in shown
    assert "\x1b]8;" not in shown  # no hyperlink escape
    if value.startswith("["):
        assert value in shown
    assert line(value + "\nnext").count("\n") == 0


def test_huge_cells_are_cut_with_their_length() -> None:
    shown = cell("陈" * 1_000_000).plain
    assert len(shown) < 400 and shown.endswith("(1,000,000 characters)")
