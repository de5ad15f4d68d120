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
    if not export_dir.is_dir():
        raise InvalidRequest(
            "export_dir", f"export folder {export_dir} does not exist or is not a folder"
        )
    unknown = sorted(set(sources or []) - set(mappings))
    if unknown:
        raise InvalidRequest(
            "sources",
            f"unknown source(s): {', '.join(unknown)} (known: {', '.join(sorted(mappings))})",
        )
    subdirs = sorted(p for p in export_dir.iterdir() if p.is_dir())
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
    return chosen


def units_of(mapping: SourceMapping, folder: Path) -> list[Unit]:
    """The files (sheets) of one source folder; a file missing from the delivery is fine."""
    units: dict[tuple[str, str | None], Unit] = {}
    for name, spec in mapping.files.items():
        if spec.file is not None:
            paths = [folder / spec.file] if (folder / spec.file).is_file() else []
        else:
            assert spec.glob is not None
            paths = sorted(p for p in folder.glob(spec.glob) if p.is_file())
        for path in paths:
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
