"""Progress of long steps: one line per stage when piped, a bar with time left at a terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.progress import TimeRemainingColumn

from borderlink.cli.progress import StageProgress


def _progress(
    terminal: bool, total: int | None = None, counted: bool = False
) -> tuple[StageProgress, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, force_terminal=terminal, width=100)
    return StageProgress("analyse", console, total, counted), out


def test_piped_progress_is_one_plain_line_per_stage() -> None:
    progress, out = _progress(terminal=False, total=3)
    with progress.running():
        progress.step("building the link graph")
        progress.step("finding \x1b[31msyndicates")  # a control code is written out
        progress.step("key players")
    lines = out.getvalue().splitlines()
    assert [ln.split(" (")[0] for ln in lines] == [
        "analyse: building the link graph",
        "analyse: finding \\x1b[31msyndicates",
        "analyse: key players",
    ]
    assert all(ln.endswith("s)") for ln in lines)  # seconds since the start


def test_piped_counts_print_at_most_a_line_per_tenth() -> None:
    progress, out = _progress(terminal=False, counted=True)
    with progress.running():
        for done in range(1, 501):
            progress.update(done, 500)
    lines = out.getvalue().splitlines()
    assert 10 <= len(lines) <= 11 and lines[-1].startswith("analyse: 500 of 500")


def test_terminal_progress_draws_a_bar_with_time_left() -> None:
    progress, out = _progress(terminal=True, total=6)
    with progress.running():
        bar = progress._bar
        assert bar is not None
        assert any(isinstance(c, TimeRemainingColumn) for c in bar.columns)
        progress.step("building the link graph")
        assert bar.tasks[0].completed == 1 and bar.tasks[0].total == 6
    assert "analyse: building" not in out.getvalue()  # no plain lines at a terminal
