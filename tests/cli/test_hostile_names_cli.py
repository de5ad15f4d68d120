"""Rich markup channel: names and free text from deliveries are data in every command.

A resolved and analysed world whose people carry rich markup in their names (`[/red]`,
a `[link=...]`, an unclosed `[bold`) goes through the commands that print names or
take free text: analyse, review, explain, decide --by/--reason, quarantine, status.
Each exits 0 and prints the values as written.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from borderlink.cli.main import main
from borderlink.store import Store
from browse_world import World

MARKUP = ["[/red]", "[link=http://evil.example/]click[/link]", "[bold]x[/bold] [/]", "[bold"]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, f"{args[0]}: {err}"
    return out


def test_markup_in_names_and_text_is_printed_as_written(
    copy_world: Callable[[], World],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    ws = copy_world().workspace
    with Store.open(ws) as store:
        for i, name in enumerate(MARKUP):
            store.execute(
                f"UPDATE person_records SET name = ? WHERE hash(record_id) % {len(MARKUP)} = {i}",
                [name],
            )
            store.execute(
                f"UPDATE entities SET names = [?] WHERE hash(entity_id) % {len(MARKUP)} = {i}",
                [name],
            )
        a, b = store.query_one(
            "SELECT record_a, record_b FROM match_pairs ORDER BY match_probability LIMIT 1"
        ) or ("", "")
    where = ["--workspace", str(ws)]
    shown = _run(capsys, "review", *where, "--limit", "50")
    assert any(name in shown for name in MARKUP)
    _run(capsys, "explain", str(a), str(b), *where)
    by, reason = "[link=http://evil.example/]me[/link]", "[/red] seen [bold"
    _run(capsys, "decide", str(a), str(b), "--different", "--reason", reason, "--by", by,
         "--no-apply", *where)  # fmt: skip
    with Store.open(ws, read_only=True) as store:
        assert store.query_one(
            "SELECT decided_by, reason FROM review_decisions ORDER BY decided_at DESC LIMIT 1"
        ) == (by, reason)
    _run(capsys, "analyse", *where)
    _run(capsys, "quarantine", *where)
    _run(capsys, "status", *where)
