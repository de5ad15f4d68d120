"""Header checks every tabular reader makes before its first row.

A header naming one column twice (`姓名` twice, or a column mislabelled with
another's name) makes a row's values ambiguous: reading it as a dict keeps only
the last, silently replacing every value of the first. Such a file is refused,
naming the column and both positions, so a person fixes the header.
"""

from __future__ import annotations

from collections.abc import Callable

from borderlink.errors import SourceError


def _letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def check_unique_header(
    file: str, header: list[str], on_error: Callable[[], None] | None = None
) -> None:
    """Raise SourceError when a non-empty column name appears more than once."""
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        if name in seen:
            if on_error is not None:
                on_error()
            first = seen[name]
            raise SourceError(
                f"{file}: column {name!r} appears twice in the header (column {first + 1} "
                f"[{_letter(first)}] and column {index + 1} [{_letter(index)}]); "
                "rename one so each value has one meaning",
                file=file,
                column=name,
                positions=[first + 1, index + 1],
            )
        seen[name] = index
