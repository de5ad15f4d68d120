"""Every command's --help, walked: no Python type names, and each choice lists its choices.

A user reads `--format table|csv|json|jsonl`, never `--format TEXT` or `<str>`; a new
command or option that forgets is caught here rather than by the next new user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from typer._click import Command, Context
from typer.core import TyperGroup as Group

from borderlink.cli.main import build_command

# click's default metavars are type names; pydantic/typing leak as <str>, Optional[...]
TYPE_NAMES = re.compile(
    r"\b(TEXT|INTEGER|FLOAT|BOOLEAN|PATH|FILENAME|UUID|DATETIME)\b|<(str|int|float|bool|path)>"
    r"|Optional\[|NoneType|typing\.|pathlib\.|PosixPath"
)
# options whose values are a closed set checked by the library (not a Choice type): their
# help must list the set (a|b|c) like a Choice option's <a|b|c>
CLOSED = {
    ("stats", "--by"),
    ("report", "--lang"),
    ("users add", "--role"),
    ("roles list", "--role"),
    ("export graph", "--format"),
}


def _commands() -> Iterator[tuple[list[str], Command]]:
    root = build_command()

    def walk(path: list[str], command: Command) -> Iterator[tuple[list[str], Command]]:
        yield path, command
        if isinstance(command, Group):
            for name, sub in sorted(command.commands.items()):
                yield from walk([*path, name], sub)

    yield from walk([], root)


def _help(path: list[str], command: Command) -> str:
    ctx = Context(command, info_name=" ".join(["borderlink", *path]), terminal_width=200)
    return command.get_help(ctx)


COMMANDS = list(_commands())


def test_every_command_is_walked() -> None:
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"status", "quarantine", "review", "analyse", "disrupt", "stats", "extract"} <= names
    assert {"roles list", "roles override", "explain", "resolve", "report"} <= names


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "-" for p, _ in COMMANDS]
)
def test_help_has_no_python_types_and_lists_choices(path: list[str], command: Command) -> None:
    text = _help(path, command)
    assert not TYPE_NAMES.search(text), f"borderlink {' '.join(path)} --help:\n{text}"
    name = " ".join(path)
    for param in command.params:
        opts = list(getattr(param, "opts", []))
        choice = bool(getattr(getattr(param, "type_descriptor", None), "is_choice", False))
        if not opts or not (choice or any((name, o) in CLOSED for o in opts)):
            continue
        row = re.compile(rf"^\s+(-\w, )?{re.escape(opts[-1])}\b")
        line = next(ln for ln in text.splitlines() if row.match(ln))
        assert re.search(r"\w+\|\w+", line), f"{opts[-1]} of {name} lists no choices"


def test_listing_commands_share_one_format_option() -> None:
    from borderlink.cli.listing import Format

    listing = {"status", "quarantine", "review", "analyse", "disrupt", "stats", "extract"}
    listing |= {"roles list", "review aliases"}
    for path, command in COMMANDS:
        if " ".join(path) not in listing:
            continue
        (param,) = [p for p in command.params if "--format" in getattr(p, "opts", [])]
        choices = param.type_descriptor.choices  # type: ignore[attr-defined]
        assert [getattr(c, "value", c) for c in choices] == [f.value for f in Format], path


def test_every_export_takes_o_out_and_csv_ones_excel() -> None:
    exports = {" ".join(p): c for p, c in COMMANDS if p[:1] == ["export"] and len(p) == 2}
    exports["review export"] = dict((" ".join(p), c) for p, c in COMMANDS)["review export"]
    assert {"export people", "export records", "export graph", "export aliases"} <= set(exports)
    csv_ones = {"export people", "export records", "export aliases", "export chain"}
    for name, command in exports.items():
        opts = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {"-o", "--out"} <= opts, name
        if name in csv_ones:
            assert "--excel" in opts, name
