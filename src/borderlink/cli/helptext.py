"""Help that names values, not Python types: `--actor ACTOR`, never `--actor <str>`.

Typer labels an option without a metavar by its Python type (`<str>`, `<path>`, `<int>`).
A user needs to know what to type, so every such option and argument is labelled by its
name instead (`--spark-master SPARK_MASTER`, `FOLDER`), in one pass over the command tree;
options with a closed set of values keep their list of choices (`<table|csv|json>`), and
an option that declares its own metavar keeps it.
"""

from __future__ import annotations

from typer._click import Command


def _is_choice(param: object) -> bool:
    descriptor = getattr(param, "type_descriptor", None)
    return bool(getattr(descriptor, "is_choice", False))


def _no_type(ctx: object) -> None:
    return None


def name_metavars(command: Command) -> None:
    """Give every value-taking parameter without a metavar its name as one, recursively.

    An argument's help row adds its type after the name (`FOLDER <path>`), so that
    label is turned off for arguments other than choices.
    """
    for param in command.params:
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        if _is_choice(param):
            continue
        if param.metavar is None and param.name:
            param.metavar = param.name.upper()
        if param.param_type_name == "argument":
            # Typer's argument row always appends its type label; an argument's own
            # name says what to give
            setattr(param, "display_type_rich", _no_type)  # noqa: B010
    for sub in getattr(command, "commands", {}).values():
        name_metavars(sub)
