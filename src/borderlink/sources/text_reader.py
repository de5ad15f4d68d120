"""Free-text report files, kept whole with their language, encoding and status."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def read_report(path: Path) -> dict[str, Any]:
    """One report file -> text, encoding, language and status (never raises on content)."""
    data = path.read_bytes()
    size = len(data)
    if not data.strip():
        return {
            "text": "",
            "encoding": None,
            "language": "unknown",
            "status": "empty",
            "size_bytes": size,
        }
    if b"\x00" in data[:4096]:
        return {
            "text": None,
            "encoding": None,
            "language": "unknown",
            "status": "not_text",
            "size_bytes": size,
        }
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        han, latin = len(_HAN.findall(text)), len(_LATIN.findall(text))
        language = "zh" if han * 3 >= latin and han else ("en" if latin else "unknown")
        return {
            "text": text,
            "encoding": encoding.replace("-sig", ""),
            "language": language,
            "status": "ok",
            "size_bytes": size,
        }
    return {
        "text": None,
        "encoding": None,
        "language": "unknown",
        "status": "undecodable",
        "size_bytes": size,
    }
