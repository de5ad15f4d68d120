"""Free-text report files, kept whole with their language, encoding and status."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


# Encodings agencies' reports arrive in besides UTF-8: mainland GB18030, Hong Kong and
# Taiwan Big5, and UTF-16 from Windows editors. charset-normalizer picks among them by
# how readable each decoding is; GB18030 alone decodes most Big5 bytes into nonsense.
# UTF-16 is only a candidate when the bytes show it (a BOM, or the NUL bytes of
# ASCII letters): short CJK text in GB18030 also reads as "clean" UTF-16 nonsense.
_CJK = ["gb18030", "big5"]
_UTF16 = ["utf_16_le", "utf_16_be"]
_NAMES = {"utf_16": "utf-16", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}


def _result(text: str | None, encoding: str | None, status: str, size: int) -> dict[str, Any]:
    language = "unknown"
    if text:
        han, latin = len(_HAN.findall(text)), len(_LATIN.findall(text))
        language = "zh" if han * 3 >= latin and han else ("en" if latin else "unknown")
    return {
        "text": text,
        "encoding": encoding,
        "language": language,
        "status": status,
        "size_bytes": size,
    }


def _is_common(char: str) -> bool:
    """A character of GB2312 (common simplified) or Big5 level 1 (common traditional)."""
    try:
        char.encode("gb2312")
        return True
    except UnicodeEncodeError:
        pass
    try:
        code = char.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and b"\xa4\x40" <= code <= b"\xc6\x7e"


def _common(text: str) -> int:
    """How many characters are common ones: breaks a tie between readings of a short text
    (GB18030 bytes of 屯門 also read as Big5 迋嬡, two rare characters)."""
    return sum(_is_common(c) for c in text[:2000] if ord(c) > 127)


def _detect(data: bytes) -> tuple[str, str] | None:
    """(text, encoding name) for a report that is not UTF-8, or None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf_16"
    else:
        found = list(from_bytes(data, cp_isolation=_UTF16 if b"\x00" in data else _CJK))
        if not found:
            return None
        best = min(
            found,
            key=lambda m: (m.chaos, -m.coherence, -_common(str(m)), m.encoding != "gb18030"),
        )
        encoding = str(best.encoding)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text.removeprefix("\ufeff"), _NAMES.get(encoding, encoding.replace("_", "-"))


def read_report(path: Path) -> dict[str, Any]:
    """One report file -> text, encoding, language and status (never raises on content)."""
    data = path.read_bytes()
    size = len(data)
    if not data.strip():
        return _result("", None, "empty", size)
    if b"\x00" not in data:
        try:
            return _result(data.decode("utf-8-sig"), "utf-8", "ok", size)
        except UnicodeDecodeError:
            pass
    found = _detect(data)
    if found is None or "\x00" in found[0]:
        status = "not_text" if b"\x00" in data[:4096] else "undecodable"
        return _result(None, None, status, size)
    return _result(found[0], found[1], "ok", size)
