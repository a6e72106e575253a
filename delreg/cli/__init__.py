"""The command line. Each module registers its commands on ``app``; none of them speaks SQL.

A run imports only the module of the command it names (``app_for``): importing all fourteen,
and what they import, was a third of the start-up of every command. ``COMMAND_MODULES`` says
which module registers which command (tests/cli/test_startup.py holds it to what the modules
register); ``whole_app`` imports them all, for --help, tab completion and the tests.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

__all__ = [
    "COMMAND_MODULES",
    "GLOBAL_OPTIONS_WITH_VALUES",
    "app_for",
    "command_at",
    "command_name",
    "whole_app",
]

# The global options that take a value (`--db FILE`), so that ``command_name`` can step over
# them to the command. Typer is imported with the command line, not with this package: a
# period's JSON report is answered without it (delreg.cli.report_json).
GLOBAL_OPTIONS_WITH_VALUES = frozenset({"--db", "--config"})

# Each command (or group of commands) by the module of delreg.cli that registers it, in the
# order the modules were always imported: the order --help lists them.
COMMAND_MODULES: dict[str, str] = {
    "appeal": "appeals",
    "audit": "audit",
    "boards": "boards",
    "check": "check",
    "add": "decisions",
    "list": "decisions",
    "show": "decisions",
    "edit": "decisions",
    "delete": "decisions",
    "undelete": "decisions",
    "history": "decisions",
    "delegation": "delegation",
    "due": "due",
    "import": "importing",
    "backup": "maintenance",
    "restore": "maintenance",
    "verify": "maintenance",
    "meetings": "meetings",
    "procurement": "procurement",
    "publish": "publish",
    "reconcile": "reconcile",
    "report": "report",
}


def whole_app() -> typer.Typer:
    """``app`` with every command registered."""
    from delreg.cli.app import app

    for module in dict.fromkeys(COMMAND_MODULES.values()):
        import_module(f"delreg.cli.{module}")
    return app


def app_for(arguments: list[str]) -> typer.Typer:
    """``app`` with only the command ``arguments`` name, or the whole of it.

    Typer builds every command from its function's signature before it runs one (20 ms a run,
    paid by every script that calls delreg in a loop), and importing every command module costs
    more again. A run names one command, so only its module is imported and only that command
    built. Anything else (no command, a top-level --help, a misspelt name that deserves a
    suggestion) gets the whole app, and so the same answer it always did.
    """
    from delreg.cli.app import app

    name = command_name(arguments)
    module = COMMAND_MODULES.get(name) if name is not None else None
    if name is None or module is None:
        return whole_app()
    import_module(f"delreg.cli.{module}")
    import copy

    from typer.main import get_command_name

    commands = [
        info
        for info in app.registered_commands
        if name == (info.name or get_command_name(getattr(info.callback, "__name__", "")))
    ]
    groups = [info for info in app.registered_groups if info.name == name]
    trimmed = copy.copy(app)
    trimmed.registered_commands = commands
    trimmed.registered_groups = groups
    return trimmed


def command_name(arguments: list[str]) -> str | None:
    """The command named in ``delreg [global options] COMMAND …``; None before a --help."""
    position = command_at(arguments)
    return None if position is None else arguments[position]


def command_at(arguments: list[str]) -> int | None:
    """Where ``command_name`` finds the command in ``arguments``."""
    position = 0
    while position < len(arguments):
        argument = arguments[position]
        if argument in ("-h", "--help", "--"):
            return None
        if argument in GLOBAL_OPTIONS_WITH_VALUES:
            position += 2
            continue
        if argument.startswith("-"):
            position += 1
            continue
        return position
    return None
