"""The command line. Each module registers its commands on ``app``; none of them speaks SQL."""

from __future__ import annotations

import copy

import typer
from typer.main import get_command_name

# Importing a command module registers its commands on the app.
from delreg.cli import (  # noqa: F401
    appeals,
    audit,
    boards,
    check,
    decisions,
    delegation,
    due,
    importing,
    maintenance,
    meetings,
    procurement,
    publish,
    reconcile,
    report,
)
from delreg.cli.app import GLOBAL_OPTIONS_WITH_VALUES, app

__all__ = ["app", "app_for"]


def app_for(arguments: list[str]) -> typer.Typer:
    """``app`` with only the command ``arguments`` name, or the whole of it.

    Typer builds every command from its function's signature before it runs one: 20 ms a run,
    paid by every script that calls delreg in a loop. A run names one command, so only that one
    is built. Anything else (no command, a top-level --help, a misspelt name that deserves a
    suggestion) gets the whole app, and so the same answer it always did.
    """
    name = command_name(arguments)
    if name is None:
        return app
    commands = [
        info
        for info in app.registered_commands
        if name == (info.name or get_command_name(getattr(info.callback, "__name__", "")))
    ]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return app
    trimmed = copy.copy(app)
    trimmed.registered_commands = commands
    trimmed.registered_groups = groups
    return trimmed


def command_name(arguments: list[str]) -> str | None:
    """The command named in ``delreg [global options] COMMAND …``; None before a --help."""
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
        return argument
    return None
