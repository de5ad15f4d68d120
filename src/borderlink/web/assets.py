"""Where the web app's static files are, and whether the npm-built ones are present."""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
# Copied from npm by `make web-assets` (gitignored, never committed, never from a CDN).
VENDOR_FILES = ("cytoscape.min.js", "swagger-ui-bundle.js", "swagger-ui.css")


def missing_vendor_files() -> list[str]:
    return [name for name in VENDOR_FILES if not (VENDOR_DIR / name).is_file()]
