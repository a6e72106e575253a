"""A period's JSON report: made here for `delreg report`, and answered without Typer.

`delreg report --month 2024-01 --format json` is what scripts and dashboards run, over and over,
on registers of a million decisions. Importing Typer and its click, and building the command
line, cost some 20 ms of every such run (of ~50 ms of start-up); so ``answer`` reads that one
shape of command line itself, before the command line is built (delreg.__main__), and writes
the very bytes `delreg report` would.

It answers only what it understands exactly: the global --db, --config and -q/--quiet, then
``report`` with --month, or --since and/or --until, --format json, --board and --public, each
once, with a value that is neither empty nor looks like an option. Anything else (another
option, --help, -o, a repeated option, shell completion) and any error (no register, a month
that is no month, an unknown board) is left to the command line, which answers it, or words
the error, exactly as it always did: the report only reads, so nothing was changed.
"""

from __future__ import annotations

import os
import shlex
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from delreg.cli.environment import Environment
from delreg.errors import DelregError

# The options ``answer`` reads, by what they set; those with a value take it as the next word
# or after "=".
_GLOBAL_VALUES = {"--db": "db", "--config": "config"}
_GLOBAL_FLAGS = {"-q": "quiet", "--quiet": "quiet"}
_REPORT_VALUES = {
    "--month": "month",
    "--since": "since",
    "--until": "until",
    "--format": "format",
    "-f": "format",
    "--board": "board",
}
_REPORT_FLAGS = {"--public": "public"}


def answer(arguments: list[str], stdout: TextIO | None = None) -> bool:
    """Write the report ``arguments`` ask for when they are `report … --format json` for a
    period to standard output; False (nothing written) for the command line to answer."""
    chosen = _read(arguments)
    if chosen is None or os.environ.get("_DELREG_COMPLETE"):
        return False
    for option in ("db", "config"):
        if option in chosen and Path(chosen[option]).is_dir():
            return False  # the command line says it is a directory
    env = Environment(
        database=Path(chosen["db"]) if "db" in chosen else None,
        config_path=Path(chosen["config"]) if "config" in chosen else None,
        command=shlex.join(["delreg", *arguments]),
        quiet="quiet" in chosen,
        **({"stdout": stdout} if stdout is not None else {}),
    )
    # Imported only now: every other command line (--help too) passes through here first.
    import sqlite3

    try:
        payload = period_json_report(
            env,
            *period_of(chosen.get("month"), chosen.get("since"), chosen.get("until")),
            board=chosen.get("board"),
            public="public" in chosen,
        )
    except (DelregError, sqlite3.Error):
        return False
    deliver(env, payload, None, binary=False)
    return True


def _read(arguments: list[str]) -> dict[str, str] | None:
    """The options of a command line ``answer`` understands; None for any other."""
    chosen: dict[str, str] = {}
    values, flags = _GLOBAL_VALUES, _GLOBAL_FLAGS
    words = iter(arguments)
    for word in words:
        name, equals, value = word.partition("=")
        if word == "report" and values is _GLOBAL_VALUES:
            values, flags = _REPORT_VALUES, _REPORT_FLAGS
            continue
        if word in flags and flags[word] not in chosen:
            chosen[flags[word]] = ""
            continue
        if name not in values or values[name] in chosen:
            return None
        if equals and not name.startswith("--"):
            return None  # click reads -f=json as the value "=json"
        if not equals:
            value = next(words, "")
        if not value or value.startswith("-"):
            return None
        chosen[values[name]] = value
    if values is _GLOBAL_VALUES or chosen.get("format") != "json":
        return None
    if ("month" in chosen) == ("since" in chosen or "until" in chosen):
        return None
    return chosen


def period_of(
    month: str | None, since: str | None, until: str | None
) -> tuple[str | None, str | None]:
    """The first and last day of a period report, from --month or --since/--until."""
    from delreg.dates import optional_date, parse_month

    if month:
        return parse_month(month, today=date.today())
    return optional_date(since), optional_date(until)


def period_json_report(
    env: Environment, first: str | None, last: str | None, *, board: str | None, public: bool
) -> list[bytes]:
    """The JSON of a period report (delreg.report.period_json), from the user's register, in
    the pieces it is joined from: a long period's on a large register made by two processes."""
    from delreg.report.period_json import shared_period_json
    from delreg.store import OpenMode

    return shared_period_json(
        env.database_path,
        lambda: env.open_store(OpenMode.EXISTING),
        first,
        last,
        env.config,
        public=public,
        board=board,
    )


def deliver(
    env: Environment, payload: bytes | list[bytes], output: Path | None, *, binary: bool
) -> None:
    """To the file, whole or not at all; else to standard output. ``payload`` may come in
    pieces, to be written one after the other."""
    if output is None and (binary or _takes_utf8(env.stdout)):
        # A text the terminal would encode as UTF-8 anyway goes out as it is: a month's JSON
        # is megabytes, not worth decoding only to encode them again.
        env.stdout.flush()
        _write_pieces(env.stdout.buffer, [payload] if isinstance(payload, bytes) else payload)
        return
    whole = payload if isinstance(payload, bytes) else b"".join(payload)
    if output is None:
        env.stdout.write(whole.decode())
        return
    from delreg.cli.files import write_output

    write_output(output, whole)
    env.say(f"wrote {output}")


# How many pieces one writev call takes: POSIX promises at least 16 (_XOPEN_IOV_MAX); Linux,
# the BSDs and macOS take 1024.
_PIECES_A_CALL = 1024


def _write_pieces(stream: BinaryIO, pieces: list[bytes]) -> None:
    """``pieces`` written one after the other: by the operating system from where they lie
    (writev), not copied into one block first (a month's report: 10 MB, a tenth of the
    work after the query); into a stream of Python's own (a test's) joined."""
    stream.flush()
    try:
        descriptor = stream.fileno()
        limit = min(_PIECES_A_CALL, os.sysconf("SC_IOV_MAX")) if hasattr(os, "writev") else 0
    except (AttributeError, OSError, ValueError):
        limit = 0  # io.UnsupportedOperation is an OSError and a ValueError
    if limit < 1:
        stream.write(b"".join(pieces))
        stream.flush()
        return
    for start in range(0, len(pieces), limit):
        chunk = pieces[start : start + limit]
        written = os.writev(descriptor, chunk)
        if written < sum(map(len, chunk)):
            # Cut short (a signal, a terminal that takes less at a time): the rest, in turns.
            rest = memoryview(b"".join(chunk))[written:]
            while rest:
                rest = rest[os.write(descriptor, rest) :]


def _takes_utf8(stream: TextIO) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    return encoding == "utf8" and os.linesep == "\n" and hasattr(stream, "buffer")
