"""Every public output delreg makes of a register, for the tests that hold secrets out of them:
one list, so that a report format or command added later is checked by all of them."""

from __future__ import annotations

from collections.abc import Iterable

# The formats each public command writes.
REPORT_FORMATS = ("txt", "md", "html", "json", "csv", "docx")
MONTH_FORMATS = ("txt", "html", "json", "csv")
LIST_FORMATS = ("table", "json", "ndjson", "csv", "tsv")
SHOW_FORMATS = ("table", "json", "csv")


def public_commands(*, meeting: str, month: str, shown: Iterable[str]) -> list[tuple[str, ...]]:
    """The command lines of every public output: the meeting's report and the month's in each
    format, the public list in each format, and each of the ``shown`` diary numbers shown."""
    commands: list[tuple[str, ...]] = [
        ("report", "--meeting", meeting, "--public", "--format", fmt) for fmt in REPORT_FORMATS
    ]
    commands += [("report", "--month", month, "--public", "--format", fmt) for fmt in MONTH_FORMATS]
    commands += [("list", "--public", "--format", fmt) for fmt in LIST_FORMATS]
    commands += [
        ("show", number, "--public", "--format", fmt) for number in shown for fmt in SHOW_FORMATS
    ]
    return commands
