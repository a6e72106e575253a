"""The options several commands share, declared once: the same name, letter and help wherever
they appear, so `--format` or `--as-of` cannot drift apart from one command to the next.

A command writes ``fmt: ListFormatOption = ListFormat.table``; Typer copies the option for each
parameter, so one declaration serves them all.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from delreg.cli.output import ListFormat


class ViewFormat(StrEnum):
    """One document for a person or a program: a command that shows a whole, not records."""

    table = "table"
    json = "json"


FORMAT = typer.Option("--format", "-f", help="Output format.")
ListFormatOption = Annotated[ListFormat, FORMAT]
ViewFormatOption = Annotated[ViewFormat, FORMAT]

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Work as if today were this date."),
]

Encoding = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="NAME",
        help="The encoding of a text input (CSV, TSV, text, web page, JSON) whose start does "
        "not declare one: windows-1252 for Swedish Excel's 'CSV (semikolonavgränsad)' and "
        "Notepad's 'ANSI'; default UTF-8 (UTF-16 where its byte-order mark says so).",
    ),
]

DiaryNumber = Annotated[str, typer.Argument(help="The decision's diarienummer.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def text_encoding(name: str | None) -> str | None:
    """The encoding ``--encoding`` names, as the user spelt it, once Python is known to read
    it; a usage error where it does not."""
    from delreg.errors import DelregError
    from delreg.parse.text_encoding import codec_name

    if name is not None and codec_name(name) is None:
        raise DelregError(
            f"unknown encoding {name!r}",
            hint="name a text encoding: utf-8, windows-1252, iso-8859-1, utf-16",
        )
    return name


def as_of_day(as_of: str | None) -> date:
    """The day ``--as-of`` names (a date as a user writes it), else today."""
    from delreg.dates import optional_date

    day = optional_date(as_of)
    return date.fromisoformat(day) if day else date.today()
