"""Standing rules of the code base, checked so that they stay true."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "borderlink"


def _python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _importers(package: str) -> list[str]:
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == package or n.startswith(f"{package}.") for n in names):
                found.append(str(path.relative_to(SRC)))
                break
    return found


def test_only_the_store_imports_duckdb() -> None:
    assert _importers("duckdb") == ["store/store.py"]


def test_no_module_passes_the_hard_size_limit() -> None:
    too_long = {
        str(p.relative_to(SRC)): n
        for p in _python_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert too_long == {}


def test_no_grab_bag_modules() -> None:
    bad = [p for p in _python_files() if p.stem in {"utils", "misc", "helpers", "common"}]
    assert bad == []


def test_synth_and_resolve_share_no_code() -> None:
    """The generator's name variants must never leak into the matcher, or back."""
    for package, forbidden in (("resolve", "borderlink.synth"), ("synth", "borderlink.resolve")):
        for path in (SRC / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert forbidden not in text, f"{path} refers to {forbidden}"


def test_only_the_engines_import_splink() -> None:
    """Splink sits behind the resolve backends (and the Spark session that loads its jar)."""
    allowed = ("resolve/backends/", "spark/session.py")
    assert [p for p in _importers("splink") if not p.startswith(allowed)] == []


def test_only_the_spark_engine_imports_pyspark() -> None:
    allowed = ("resolve/backends/spark", "spark/", "graph/spark_engine.py")
    assert [p for p in _importers("pyspark") if not p.startswith(allowed)] == []
