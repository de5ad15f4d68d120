"""What an import did, per source and file (returned to the CLI and to callers)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class FileSummary(BaseModel):
    source: str
    file: str
    path: str
    action: str
    read: int
    imported: int
    quarantined: int
    # mapped optional columns the file did not have: their fields stay empty
    absent_columns: list[str] = Field(default_factory=list)
    # rows read at the latest import of the file this one replaces
    previous_read: int | None = None


class IngestSummary(BaseModel):
    run_id: str
    dry_run: bool
    files: list[FileSummary] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files)

    @property
    def imported(self) -> int:
        return sum(f.imported for f in self.files)

    @property
    def quarantined(self) -> int:
        return sum(f.quarantined for f in self.files)

    def by_source(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for f in self.files:
            counts = out.setdefault(f.source, {"read": 0, "imported": 0, "quarantined": 0})
            counts["read"] += f.read
            counts["imported"] += f.imported
            counts["quarantined"] += f.quarantined
        return out
