"""Entry point of the `borderlink` command.

Expected failures (BorderlinkError, bad usage) become one line on stderr with
exit code 1 (2 for bad usage); anything else keeps its traceback, because it
is a bug to fix rather than a message for the user.
"""

from __future__ import annotations

import sys

import typer
from typer._click import Command
from typer._click import exceptions as click_exc  # Typer bundles its own click

from borderlink.cli.flags import command_of, flag_for
from borderlink.cli.helptext import name_metavars
from borderlink.cli.terminal import line
from borderlink.errors import BorderlinkError, InvalidRequest

app = typer.Typer(
    name="borderlink",
    help="Link analysis for cross-border people-smuggling investigations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _register_commands() -> None:
    # Each stage's module adds its commands; the order here is the help order.
    from borderlink.cli import (
        analyse,
        audit,
        config_cmd,
        demo,
        exchange,
        export,
        extract,
        generate,
        ingest,
        keys,
        report,
        resolve,
        schema,
        serve,
        stats,
        users,
    )

    for module in (
        demo,
        generate,
        ingest,
        resolve,
        analyse,
        extract,
        stats,
        report,
        export,
        audit,
        schema,
        exchange,
        keys,
        users,
        serve,
        config_cmd,
    ):
        module.register(app)


def build_command() -> Command:
    """The whole command tree, its help naming values rather than Python types."""
    _register_commands()
    command = typer.main.get_command(app)
    name_metavars(command)
    return command


def main(argv: list[str] | None = None) -> int:
    command = build_command()
    try:
        command.main(args=argv, prog_name="borderlink", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        print("borderlink: aborted", file=sys.stderr)
        return 1
    except click_exc.NoArgsIsHelpError as exc:
        print(exc.format_message(), file=sys.stderr)
        return 2
    except click_exc.UsageError as exc:
        print(f"borderlink: error: {exc.format_message()}", file=sys.stderr)
        return 2
    except click_exc.ClickException as exc:
        print(f"borderlink: error: {exc.format_message()}", file=sys.stderr)
        return exc.exit_code
    except InvalidRequest as exc:
        args = sys.argv[1:] if argv is None else argv
        where = flag_for(exc.field, command_of(args)) if exc.field else ""
        print(
            f"borderlink: error: {where}: {line(exc.problem)}"
            if where
            else f"borderlink: error: {line(exc)}",
            file=sys.stderr,
        )
        return exc.exit_code
    except BorderlinkError as exc:
        print(f"borderlink: error: {line(exc)}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
