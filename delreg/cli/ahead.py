"""`delreg import AGENDA.pdf`: the agenda's pages read from the moment the command starts.

Loading the command line (Typer, the command's module, the store, the configuration) takes
the first 70 ms or so of the command, on one core. A PDF's pages depend on nothing of that,
so where a helper is sound, one is forked before it all and reads the last pages meanwhile,
as the reader would have had it do (delreg.parse.pdf.read_ahead): the reader takes it as its
helper when it comes to the pages, if it reads the same file and bytes, and ends it otherwise.
Only a command line that surely names one PDF to import starts one; any other is left alone.
"""

from __future__ import annotations

import os
import stat

from delreg.cli import command_at

# The options of `delreg import` that take a value (delreg.cli.importing).
IMPORT_OPTIONS_WITH_VALUES = frozenset(
    {"--format", "--meeting", "--board", "--sheet", "--encoding"}
)
# What a PDF starts with: some writers put a little before it (delreg.parse.readers.agenda_pdf).
_SIGNATURE = b"%PDF-"
_HEAD = 1024


def start(arguments: list[str]) -> None:
    """Start reading the pages of the PDF that ``delreg ARGUMENTS…`` imports, if it does."""
    path = pdf_to_import(arguments)
    if path is None:
        return
    try:
        # Only a regular file: opening a FIFO would wait for a writer (the import says what
        # it makes of one, in its turn).
        if not stat.S_ISREG(os.stat(path).st_mode):
            return
        with open(path, "rb") as stream:
            if _SIGNATURE not in stream.read(_HEAD):
                return
    except OSError:
        return
    from delreg.parse.pdf import read_ahead

    read_ahead(path)


def pdf_to_import(arguments: list[str]) -> str | None:
    """The one file `delreg [global options] import [options] FILE` reads, where it may be
    read as a PDF (no ``--format``, or ``--format pdf``); None for anything else."""
    position = command_at(arguments)
    if position is None or arguments[position] != "import":
        return None
    paths: list[str] = []
    fmt = "auto"
    rest = iter(arguments[position + 1 :])
    for argument in rest:
        if argument == "--":
            paths.extend(rest)
        elif argument in IMPORT_OPTIONS_WITH_VALUES:
            value = next(rest, None)
            if argument == "--format":
                fmt = value or ""
        elif argument.startswith("--format="):
            fmt = argument.partition("=")[2]
        elif argument.startswith("-") and argument != "-":
            if argument in ("-h", "--help") or "=" in argument:
                return None
        else:
            paths.append(argument)
    if len(paths) != 1 or paths[0] == "-" or fmt not in ("auto", "pdf"):
        return None
    return paths[0]
