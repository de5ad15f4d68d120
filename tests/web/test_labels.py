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


def test_labels_built_from_values_exist_in_both_languages() -> None:
    """Templates build some keys from data (job kind and state, agency, user role)."""
    from borderlink.access import ROLES, default_policy
    from borderlink.workspace.read_models import JOB_KINDS, JOB_STATES

    keys = [f"job_{k}" for k in JOB_KINDS] + [f"state_{s}" for s in JOB_STATES]
    keys += [f"agency_{a}" for a in default_policy().agencies] + [f"user_role_{r}" for r in ROLES]
    missing = [k for k in keys if k not in labels()]
    assert missing == []
    assert all(translate(k, "zh") != translate(k, "en") for k in keys)
