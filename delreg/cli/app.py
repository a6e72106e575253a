"""The Typer application: global options and the one place user errors become messages."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from delreg import __version__
from delreg.cli import GLOBAL_OPTIONS_WITH_VALUES
from delreg.cli.environment import Environment
from delreg.errors import DelregError, ExitCode


def report_error(error: DelregError) -> None:
    typer.echo(f"delreg: error: {error.message}", err=True)
    if error.hint:
        typer.echo(f"hint: {error.hint}", err=True)


class DelregGroup(TyperGroup):
    """Turns a DelregError from any command into one line and a hint, with its exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        # Click would print a usage error as four lines (usage, a blank, "Try …", "Error: …");
        # a user, and a cron mail, gets the same one line and hint as every other error.
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        # typer 0.28 carries its own copy of click; its exceptions are the ones raised here.
        from typer._click import exceptions as click

        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click.NoArgsIsHelpError as error:
            error.show()  # `delreg` alone: the help, as a usage error
            sys.exit(int(ExitCode.USAGE))
        except click.UsageError as error:
            words = list(args) if args is not None else sys.argv[1:]
            report_error(usage_error(error, self, self._command_path(words)))
            sys.exit(int(ExitCode.USAGE))
        except click.ClickException as error:
            report_error(DelregError(_one_line(error.format_message())))
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo("delreg: stopped; nothing was changed", err=True)
            sys.exit(int(ExitCode.PROBLEMS))
        sys.exit(code if isinstance(code, int) else int(ExitCode.OK))

    def _command_path(self, words: list[str]) -> list[str]:
        """The (sub)commands named in ``words``, e.g. ["meetings", "add"]."""
        path: list[str] = []
        group: Any = self
        position = 0
        while position < len(words) and hasattr(group, "list_commands"):
            word = words[position]
            if word in GLOBAL_OPTIONS_WITH_VALUES:
                position += 2
                continue
            position += 1
            if word.startswith("-"):
                continue
            command = group.get_command(None, word)
            if command is None:
                break
            path.append(word)
            group = command
        return path

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        # The history records the command that made each change, as the user typed it.
        arguments = list(args)
        ctx = super().make_context(info_name, args, parent=parent, **extra)
        if parent is None:
            ctx.meta["delreg.command"] = shlex.join(["delreg", *arguments])
        return ctx

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DelregError as error:
            report_error(error)
            ctx.exit(int(error.exit_code))
        except KeyboardInterrupt:
            done = ctx.find_object(Environment)
            if done is not None and done.written:
                # Pressed in the last moments, after the change was committed and said.
                typer.echo("delreg: interrupted after the change was written whole", err=True)
            else:
                typer.echo(
                    "delreg: interrupted; a change that was under way was rolled back", err=True
                )
            ctx.exit(int(ExitCode.INTERRUPTED))
        except Exception as error:
            # The safety net: the store turns SQLite's errors into StoreError, but one that
            # slips past it (a read that fails half-way through a listing) must still reach
            # the user as one line, never a traceback.
            translated = _store_error(error, ctx)
            if translated is None:
                raise
            report_error(translated)
            ctx.exit(int(translated.exit_code))


def usage_error(error: Any, root: Any, path: list[str]) -> DelregError:
    """A Click usage error (unknown option, missing argument, bad value) as one line + hint.

    ``path`` is the command the user typed (Click's context of an option's error can be the
    group's, which would send the user to the wrong --help)."""
    command = shlex.join(["delreg", *path])
    leaf = root
    for name in path:
        leaf = leaf.get_command(None, name)
    if hasattr(leaf, "list_commands"):
        hint = f"`{command} --help` lists the commands"
    else:
        hint = f"`{command} --help` shows its options and an example"
    return DelregError(_one_line(error.format_message()), hint=hint)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _store_error(error: Exception, ctx: Any) -> DelregError | None:
    # sqlite3 is looked up, not imported: `delreg --version` must not load it.
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is None or not isinstance(error, sqlite3.Error):
        return None
    from delreg.store.connection import store_error

    env = ctx.find_object(Environment)
    return store_error(env.database_path if env else Path("register"), error)


app = typer.Typer(
    cls=DelregGroup,
    name="delreg",
    help="A register of delegation decisions (delegationsbeslut) reported to the board.\n\n"
    "Import them from agendas and registry exports, list and search them, check them against "
    "the law and write the numbered anmälningsärenden list for the board's agenda.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"delreg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="The register's SQLite file. Default: $DELREG_DB, else "
            "$XDG_DATA_HOME/delreg/delreg.db.",
            dir_okay=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Configuration file. Default: $DELREG_CONFIG, else "
            "$XDG_CONFIG_HOME/delreg/config.toml.",
            dir_okay=False,
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Say nothing on stderr when all went well (for cron); problems still print.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    command = ctx.meta.get("delreg.command", "delreg")
    ctx.obj = Environment(database=db, config_path=config, command=command, quiet=quiet)


def environment(ctx: typer.Context) -> Environment:
    """The Environment the global options made, found from any (sub)command's context."""
    env = ctx.find_object(Environment)
    if env is None:  # a command invoked without the root callback (not via `delreg`)
        env = Environment()
    return env


def exit_code(code: ExitCode) -> None:
    if code is not ExitCode.OK:
        raise typer.Exit(int(code))
