"""Files and folders the user names for output, checked one way.

A command writing to a path the user typed meets the same failures everywhere: the path
is a folder where a file was meant (or the reverse), its parent cannot be made, or it
cannot be written. Each becomes a `PathError` naming the request field and the path,
which the CLI prints as one line with exit code 1; only the path itself (and the
folders above it) is ever created.
"""

from __future__ import annotations

from pathlib import Path

from borderlink.errors import PathError


def write_text(out: Path, text: str, field: str = "out", *, newline: str | None = None) -> None:
    """Write `text` to the file `out` (UTF-8), its parent folders made as needed."""
    out = Path(out)
    if out.is_dir():
        raise PathError(field, f"{out} is a folder; give a file name")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline=newline)
    except OSError as exc:
        raise PathError(field, f"cannot write {out}: {exc.strerror or exc}") from exc


def check_folder(out: Path, field: str = "out") -> Path:
    """`out` can be an output folder (missing, or a folder): checked before any work."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise PathError(field, f"{out} is a file; give a folder")
    return out


def ensure_folder(out: Path, field: str = "out") -> Path:
    """The folder `out`, made if missing; a file there, or no permission, is a PathError."""
    out = check_folder(out, field)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PathError(field, f"cannot create {out}: {exc.strerror or exc}") from exc
    return out
