"""Writing records for a person (a table) or a program (JSON, NDJSON, CSV, TSV)."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any

from delreg.cli.environment import Environment
from delreg.model import DECISION_FIELDS, FIELDS, Decision, join_parties
from delreg.spreadsheet import protect


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    tsv = "tsv"


def csv_cell(value: Any) -> str:
    """A JSON value as a CSV cell: parties joined by ``join_parties``, booleans true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return join_parties(str(item) for item in value)
    return str(value)


def write_records(
    env: Environment,
    records: Iterable[dict[str, Any]],
    fmt: ListFormat,
    *,
    columns: Sequence[str],
    table: tuple[str, Sequence[tuple[str, str]]] | None = None,
) -> int:
    """Stream records in ``fmt``; returns how many were written.

    ``table`` is the title and (key, header) pairs shown to a person.
    """
    count = 0
    if fmt is ListFormat.json:
        # Streamed element by element so a large listing never sits in memory whole.
        env.stdout.write("[")
        for record in records:
            env.stdout.write(",\n" if count else "\n")
            env.stdout.write(json.dumps(record, ensure_ascii=False))
            count += 1
        env.stdout.write("\n]\n" if count else "]\n")
        return count
    if fmt is ListFormat.ndjson:
        for record in records:
            env.out(json.dumps(record, ensure_ascii=False))
            count += 1
        return count
    if fmt in (ListFormat.csv, ListFormat.tsv):
        writer = csv.writer(
            env.stdout, delimiter="," if fmt is ListFormat.csv else "\t", lineterminator="\n"
        )
        writer.writerow(columns)
        for record in records:
            writer.writerow([protect(csv_cell(record.get(name))) for name in columns])
            count += 1
        return count
    title, headers = table or ("", [(name, name) for name in columns])
    rows = [[csv_cell(record.get(key)) for key, _ in headers] for record in records]
    show_table(env, title, [header for _, header in headers], rows)
    return len(rows)


# Characters a person reading a table must see rather than have act: C0 and C1 controls (an
# escape sequence can rewrite the terminal) and the bidirectional formatting characters (a
# right-to-left override makes "ABC" show as "CBA" and can reorder the columns after it), and
# the line and paragraph separators that would break a row in two.
_UNSAFE_IN_TABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def table_safe(text: str) -> str:
    """``text`` for a table: every unsafe character shown as its code point, e.g. ``<U+200F>``.

    The register keeps such characters as they were given (a right-to-left mark can be part of
    a name); only what a person sees is made harmless.
    """
    return _UNSAFE_IN_TABLE.sub(lambda found: f"<U+{ord(found.group()):04X}>", text)


# Columns a person reads as one token: a diary number, a procurement number ("MT 2023-0043"
# has a space), a date, an item number, a rule's name. Broken across lines they are misread
# or not found again, so they keep their width and the prose columns (subject, parties,
# message) wrap instead.
KEEP_WHOLE = frozenset({"dnr", "decided", "procurement", "meeting", "item", "rule", "kind"})
_DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?Z?)?")
# Left out, in this order, when a terminal is too narrow for the rest to be read: what a
# meeting's list says anyway (`--format csv` and the other formats always carry every column).
DROP_WHEN_NARROW = ("item", "meeting")
STACK_WHEN_NARROW = ("kind", "procurement")
# The least a wrapping column may get before columns are dropped.
NARROWEST_PROSE = 16


def _kept_whole(header: str, cells: list[str]) -> bool:
    filled = [cell for cell in cells if cell]
    return set(header.split("\n")) <= KEEP_WHOLE or (
        bool(filled) and all(_DATE_LIKE.fullmatch(cell) for cell in filled)
    )


def terminal_table(title: str, headers: list[str], rows: list[list[str]], width: int) -> Any:
    """The rich Table for a terminal ``width`` columns wide."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    headers, rows = _fitted(headers, rows, width)
    # Text, not str: rich would read "[link=…]" in a subject as markup and ":warning:"
    # as an emoji code. Values are data, shown as they are.
    table = Table(
        title=Text(title) if title else None,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
    )
    for i, header in enumerate(headers):
        cells = [row[i] for row in rows]
        if _kept_whole(header, cells):
            table.add_column(Text(header), no_wrap=True, min_width=_widest(header, cells))
        else:
            table.add_column(Text(header), overflow="fold", ratio=_widest(header, cells))
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _widest(header: str, cells: list[str]) -> int:
    return max(len(line) for text in [header, *cells] for line in text.split("\n"))


def _fitted(
    headers: list[str], rows: list[list[str]], width: int
) -> tuple[list[str], list[list[str]]]:
    """The columns that fit ``width``: first without meeting and item, then with the kind
    above the procurement number in one column, so the prose keeps room to be read."""

    def needed(headers: list[str], rows: list[list[str]]) -> int:
        total = 2 * (len(headers) - 1)
        for i, header in enumerate(headers):
            cells = [row[i] for row in rows]
            widest = _widest(header, cells)
            total += widest if _kept_whole(header, cells) else min(widest, NARROWEST_PROSE)
        return total

    for name in DROP_WHEN_NARROW:
        if needed(headers, rows) <= width or name not in headers:
            continue
        at = headers.index(name)
        headers = headers[:at] + headers[at + 1 :]
        rows = [row[:at] + row[at + 1 :] for row in rows]
    upper, lower = STACK_WHEN_NARROW
    if needed(headers, rows) > width and upper in headers and lower in headers:
        top, bottom = headers.index(upper), headers.index(lower)
        headers = [f"{upper}\n{lower}" if i == top else h for i, h in enumerate(headers)]
        rows = [[f"{row[top]}\n{row[bottom]}".strip() if i == top else c for i, c in
                 enumerate(row)] for row in rows]  # fmt: skip
        headers = headers[:bottom] + headers[bottom + 1 :]
        rows = [row[:bottom] + row[bottom + 1 :] for row in rows]
    return headers, rows


def show_table(env: Environment, title: str, headers: list[str], rows: list[list[str]]) -> None:
    """A rich table on a terminal; plain aligned columns in a pipe or a file."""
    rows = [[table_safe(cell) for cell in row] for row in rows]
    if env.stdout_is_terminal:
        from rich.console import Console

        console = Console(file=env.stdout, no_color=not env.colour, highlight=False)
        console.print(terminal_table(title, headers, rows, console.width))
        return
    widths = [
        max([len(header), *(len(row[index]) for row in rows)])
        for index, header in enumerate(headers)
    ]
    for line in [headers, *rows]:
        env.out(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )


# The (field, header) pairs of the table `delreg list` shows a person, as the field list orders
# them: the diary number and date first, the prose after.
DECISION_TABLE: tuple[tuple[str, str], ...] = tuple(
    (name, header)
    for _, name, header in sorted(
        (spec.table[0], spec.name, spec.table[1]) for spec in FIELDS if spec.table
    )
)


def write_decisions(
    env: Environment,
    decisions: Iterable[Decision],
    fmt: ListFormat,
    *,
    title: str = "",
    as_json: Callable[[Decision], dict[str, Any]] | None = None,
) -> int:
    """``as_json`` gives the JSON and NDJSON records (a decision with its status); tables and
    CSV keep the decision's own fields, so the CSV reads back with `delreg import`."""
    if as_json is None or fmt not in (ListFormat.json, ListFormat.ndjson):
        as_json = Decision.to_json
    return write_records(
        env,
        (as_json(decision) for decision in decisions),
        fmt,
        columns=DECISION_FIELDS,
        table=(title, DECISION_TABLE),
    )
