"""Progress of a long step: a live bar with time left at a terminal, a line per stage when piped.

Progress goes to stderr, so `--format csv|json` output on stdout stays clean. At a
terminal rich draws the stage, a bar, done/total, time spent and an estimate of time
left (when the step knows its total); piped into a file or another program, each new
stage is one plain line (`analyse: finding syndicates (12.3s)`), never a redraw.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from borderlink.cli.terminal import line

_PIPED_STEPS = 10  # a count-based step prints at most this many lines when piped


class StageProgress:
    """What a stage calls as it goes: `step(description)` or `update(done, total)`."""

    def __init__(self, label: str, console: Console, total: int | None, counted: bool) -> None:
        self.label = label
        self._counted = counted
        self._console = console
        self._live = console.is_terminal
        self._total = total
        self._started = time.perf_counter()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._said = -1

    def _say(self, text: str) -> None:
        elapsed = time.perf_counter() - self._started
        self._console.print(
            f"{self.label}: {line(text)} ({elapsed:.1f}s)", highlight=False, markup=False
        )

    def step(self, description: str) -> None:
        """A new stage began (it counts one towards the total)."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=line(description), advance=1)
        else:
            self._say(description)

    def note(self, description: str) -> None:
        """What is being done now, without counting a stage (a file and its rows)."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=line(description))
        else:
            self._say(description)

    def update(self, done: int, total: int) -> None:
        """Count-based progress (reports read of all); piped, a line per tenth."""
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total)
            return
        tenth = done * _PIPED_STEPS // max(total, 1)
        if tenth > self._said:
            self._said = tenth
            self._say(f"{done:,} of {total:,}")

    @contextmanager
    def running(self) -> Iterator[StageProgress]:
        if not self._live:
            yield self
            return
        columns = [SpinnerColumn(), TextColumn("{task.description}")]
        if self._total is not None or self._counted:
            columns += [BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
        columns.append(TimeElapsedColumn())
        with Progress(*columns, console=self._console, transient=True) as bar:
            self._bar = bar
            self._task = bar.add_task(self.label, total=self._total)
            try:
                yield self
            finally:
                self._bar = None


@contextmanager
def stage_progress(
    label: str, *, total: int | None = None, counted: bool = False
) -> Iterator[StageProgress]:
    """Progress of one command's long step on stderr (see the module's docstring).

    `total`: the number of stages it will step through; `counted`: it reports
    done/total itself (update), so the bar and the time left follow its counts.
    """
    progress = StageProgress(label, Console(stderr=True), total, counted)
    with progress.running():
        yield progress
