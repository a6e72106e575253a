"""One error family for everything a user can get wrong.

The command line turns a ``DelregError`` into one line on stderr plus a hint and exits with its
``exit_code``; nothing below the CLI prints or exits.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    # The command ran and found problems: rejected items, error findings.
    PROBLEMS = 1
    # Usage errors and unreadable input.
    USAGE = 2
    # Stopped by Ctrl-C (SIGINT): 128 + 2, what a shell reports for a process SIGINT ended.
    INTERRUPTED = 130


class DelregError(Exception):
    """An error meant for the user: a one-line message and an optional hint."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InvalidValue(DelregError):
    """A diary number, date, kind or other value that does not fit its shape."""


# The longest file name a message shows whole (a path may be thousands of characters).
_LONGEST_SOURCE = 160


class InputError(DelregError):
    """A document that cannot be read, pointing at the file and line where it went wrong."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        where = source or ""
        if len(where) > _LONGEST_SOURCE:
            # A message is one line: the start of a path says where, its end which file.
            where = f"{where[: _LONGEST_SOURCE // 2]}…{where[-_LONGEST_SOURCE // 4 :]}"
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.source = source
        self.line = line
        self.reason = message


class NotFound(DelregError):
    """A diary number or meeting that is not in the register."""


class Conflict(DelregError):
    """The register already holds what the user tried to create."""


class StoreError(DelregError):
    """The database file cannot be opened, written or upgraded."""


class Interrupted(DelregError):
    """The user pressed Ctrl-C; whatever was under way has been rolled back."""

    exit_code = ExitCode.INTERRUPTED
