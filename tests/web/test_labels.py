"""Every label a template asks for exists in English and Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from borderlink.web.i18n import labels, translate

TEMPLATES = Path(__file__).resolve().parents[2] / "src/borderlink/web/templates"


def test_every_template_label_is_translated() -> None:
    used = set()
    for path in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"(?<![\w.])t\('([a-z_]+)'\)", path.read_text(encoding="utf-8")))
    assert len(used) > 40
    missing = sorted(used - set(labels()))
    assert missing == []
    for key in used:
        assert translate(key, "zh") != translate(key, "en") or key in ("api_docs",), key


def test_roles_are_translated() -> None:
    for role in ("organiser", "transporter", "migrant", "document_vendor", "facilitator"):
        assert translate(f"role_{role}", "zh") != f"role_{role}"
