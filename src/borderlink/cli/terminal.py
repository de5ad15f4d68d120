"""Values from deliveries printed on a terminal as data, never as markup or control codes.

Names, file names, raw values and reasons come from agencies' exports. Printed as
rich markup, `[/red]` crashes a command and `[link=...]` plants a link; printed as
they are, ANSI escapes recolour or rewrite the terminal and bidirectional overrides
reorder what an analyst reads. `cell()` is for table cells, `esc()` for values put
into a message that also carries our own markup, `line()` for plain one-line output
(error messages on stderr).
"""

from __future__ import annotations

import re

from rich.markup import escape
from rich.text import Text

from borderlink import numbers

# C0 controls but tab and newline, DEL, C1 controls, and Unicode format characters
# that reorder or hide text (bidi embeddings/overrides/isolates, zero-width joiners
# are left alone: scripts need them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: object) -> str:
    """The value as text with every control character written out (`\\x1b`)."""
    return _CONTROL.sub(_shown, "" if value is None else str(value))


# A table cell longer than this is cut (a 1 MB field would take rich seconds to lay out).
MAX_CELL = 300


def cell(value: object) -> Text:
    """A table cell: plain text (no markup, no emoji codes), controls written out,
    cut to MAX_CELL characters with its full length noted."""
    text = visible(value)
    if len(text) > MAX_CELL:
        text = f"{text[:MAX_CELL]}… ({len(text):,} characters)"
    return Text(text)


def esc(value: object) -> str:
    """A value inside a markup message: brackets escaped, controls written out."""
    return escape(visible(value))


def line(value: object) -> str:
    """One line for stderr: controls and line breaks written out."""
    return visible(value).replace("\n", "\\n").replace("\t", " ")


# every figure a command prints goes through borderlink.numbers.number, as the report's do
number = numbers.number


def score(value: float) -> str:
    """A measure between 0 and 1 (precision, recall, F1, ARI) to four decimals; a count
    (an int) as number() writes it, so one table can hold both."""
    return number(value) if isinstance(value, int) else f"{value:.4f}"
