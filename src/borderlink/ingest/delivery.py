"""Finding what a delivery holds: source folders, and the files (or sheets) of each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from borderlink.errors import InvalidRequest, SourceError
from borderlink.sources.mapping import FileSpec, SourceMapping, load_mapping_file, packaged_mappings

NEVER_READ = {"truth"}


@dataclass
class Unit:
    """One readable unit: a file, or one sheet of a workbook, and the entries that read it."""

    path: Path
    rel: str
    file: str
    sheet: str | None
    entries: list[tuple[str, FileSpec]] = field(default_factory=list)

    @property
    def primary(self) -> tuple[str, FileSpec]:
        return next(e for e in self.entries if not e[1].derived)


def choose_mappings(mapping: Path | None) -> dict[str, SourceMapping]:
    found = dict(packaged_mappings())
    if mapping is not None:
        user = load_mapping_file(mapping)
        found[user.source] = user
    return found


def source_folders(
    export_dir: Path,
    mappings: dict[str, SourceMapping],
    sources: list[str] | None,
    user_source: str | None,
    notice: Callable[[str], None],
) -> list[tuple[SourceMapping, Path]]:
    """One source folder, or a folder of source folders; truth/ is never read."""
    unknown = sorted(set(sources or []) - set(mappings))
    if unknown:
        raise InvalidRequest(
            "sources",
            f"unknown source(s): {', '.join(unknown)} (known: {', '.join(sorted(mappings))})",
        )
    subdirs = _subfolders(export_dir)
    if export_dir.name in mappings:
        chosen = [(mappings[export_dir.name], export_dir)]
    elif user_source and not any(p.name in mappings for p in subdirs):
        chosen = [(mappings[user_source], export_dir)]
    else:
        chosen = []
        for sub in subdirs:
            if sub.name in NEVER_READ:
                continue
            if sub.name not in mappings:
                notice(f"skipped folder {sub.name}/: no mapping for a source of that name")
                continue
            chosen.append((mappings[sub.name], sub))
    if sources:
        chosen = [(m, p) for m, p in chosen if m.source in sources]
    if not chosen:
        wanted = ", ".join(f"{s}/" for s in sorted(sources or mappings))
        raise SourceError(
            f"{export_dir}: no source folder to read (expected one of {wanted}, "
            "or one such folder itself)",
            file=str(export_dir),
        )
    return chosen


def _subfolders(export_dir: Path) -> list[Path]:
    """The folders of a delivery; a missing, unreadable or non-folder path is one line."""
    if not export_dir.exists():
        raise SourceError(f"{export_dir}: no such folder", file=str(export_dir))
    if not export_dir.is_dir():
        raise SourceError(
            f"{export_dir}: not a folder (give the delivery's folder, not a file)",
            file=str(export_dir),
        )
    entries = _listed(export_dir, lambda: sorted(export_dir.iterdir()))
    root = export_dir.resolve()
    found = []
    for entry in entries:
        if not entry.is_dir():
            continue
        if not _within(entry, root):
            raise SourceError(
                f"{entry}: a link to a folder outside the delivery; "
                "deliveries are read from their folder only",
                file=str(entry),
            )
        found.append(entry)
    return found


def _listed(folder: Path, listing: Callable[[], list[Path]]) -> list[Path]:
    """A folder's listing; a folder that cannot be read is one line naming it."""
    try:
        return listing()
    except OSError as exc:
        raise SourceError(
            f"{folder}: cannot read folder: {exc.strerror}", file=str(folder)
        ) from None


def _within(path: Path, root: Path) -> bool:
    """Whether a path (after following links) stays inside root."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def _delivered(folder: Path, spec: FileSpec) -> list[Path]:
    """The files an entry names; a link leading out of the source folder is refused."""
    if spec.file is not None:
        candidates = [folder / spec.file] if (folder / spec.file).exists() else []
    else:
        assert spec.glob is not None
        candidates = _listed(folder, lambda: sorted(folder.glob(str(spec.glob))))
    root = folder.resolve()
    paths = []
    for path in candidates:
        rel = path.relative_to(folder).as_posix()
        if not _within(path, root):
            raise SourceError(
                f"{folder.name}/{rel}: a link to a file outside the delivery folder; "
                "deliveries are read from their folder only",
                file=rel,
            )
        if path.is_file():
            paths.append(path)
    return paths


def units_of(mapping: SourceMapping, folder: Path) -> list[Unit]:
    """The files (sheets) of one source folder; a file missing from the delivery is fine."""
    units: dict[tuple[str, str | None], Unit] = {}
    for name, spec in mapping.files.items():
        for path in _delivered(folder, spec):
            rel = path.relative_to(folder).as_posix()
            key = (rel, spec.sheet)
            if key not in units:
                units[key] = Unit(path, rel, spec.sheet or path.name, spec.sheet)
            units[key].entries.append((name, spec))
    for unit in units.values():
        if sum(not s.derived for _, s in unit.entries) != 1:
            names = ", ".join(n for n, _ in unit.entries)
            raise SourceError(
                f"{unit.rel}: entries {names} read this file but exactly one must be "
                "non-derived (mapping files.<entry>.derived)",
                file=unit.rel,
            )
    sheets: dict[str, str] = {}
    for unit in units.values():
        if unit.sheet and unit.file in sheets and sheets[unit.file] != unit.rel:
            raise SourceError(
                f"{unit.rel}: sheet {unit.sheet} also delivered in {sheets[unit.file]}; "
                "one workbook per delivery",
                file=unit.rel,
            )
        sheets[unit.file] = unit.rel
    return sorted(units.values(), key=lambda u: (u.rel, u.sheet or ""))
