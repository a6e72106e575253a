"""A register export with every kind of cell the readers meet, and a register in a form two
imports can be compared by, table by table (tests/store/test_bulk.py, test_new_register.py)."""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from delreg.config import load_config
from delreg.parse import Record
from delreg.parse.tabular import read_csv

CONFIG = load_config()
HEADER = (
    "diary_number", "kind", "subject", "procurement_number", "parties", "delegate",
    "decided_on", "notified_on", "notified_by", "standstill_days", "secret", "secret_reason",
    "delegation_point", "amount", "wording", "meeting", "item", "source",
)  # fmt: skip
SUBJECTS = ("ultraljudsutrustning", "bårsystem ambulans", "mobil CT", "Läsbehörighet  i journal")
PARTIES = ("", "Acme AB", "MSD (Sweden) AB; Region Örebro län", "Gilead, Sciences AB")
KINDS = ("tilldelningsbeslut", "kontrakt", "Upphandlingskontrakt", "avtal", "", "beslut")
NUMBERS = ("{n}RS{i}", "RS 20{n}/{i}", "dnr: rs 20{n} – {i}", "KSN-20{n}-{i}")


def export_rows(count: int, *, offset: int = 0, variant: int = 0) -> Iterator[list[str]]:
    """Rows of a register export with every kind of cell the readers meet: canonical and typed
    numbers, repeated and unique values, empty cells, secret rows, meetings with item numbers
    that clash, and (every 37th row) a value no field accepts."""
    for index in range(offset, offset + count):
        # A variant changes every third row's kind and subject, and leaves the rest as they were.
        shift = variant if index % 3 == 0 else 0
        year = 20 + index % 5
        number = NUMBERS[index % len(NUMBERS)].format(n=year, i=1000 + index)
        meeting = f"2024-0{1 + index % 3}-15" if index % 4 else ""
        item = str(1 + (index * 7) % 40) if index % 5 else ""
        yield [
            number,
            KINDS[(index + shift) % len(KINDS)],
            SUBJECTS[(index + shift) % len(SUBJECTS)] + ("" if index % 3 else f" del {index}"),
            f"MT 20{year}-{index % 30:04d}" if index % 2 else "",
            PARTIES[index % len(PARTIES)],
            "Regiondirektören" if index % 3 else "",
            "not a date" if index % 37 == 36 else f"20{year}-0{1 + index % 9}-{10 + index % 18}",
            f"20{year}-0{1 + index % 9}-{11 + index % 18}" if index % 6 == 0 else "",
            ("electronic", "post", "", "e-post")[index % 4],
            "20" if index % 11 == 0 else "",
            ("false", "true", "ja", "", "nej")[index % 5],
            "OSL 31:16" if index % 5 == 1 else "",
            f"{index % 4}.{index % 7}",
            ("", "1 250 000", "57300", "'=1+2")[index % 4] if index % 4 != 3 else "",
            "",
            meeting,
            item,
            "" if index % 9 else f"agenda.txt:{index}",
        ]


def export(rows: Iterator[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def read(text: str) -> list[Record]:
    return list(read_csv(io.StringIO(text), source="export.csv", config=CONFIG))


STAMP = "2024-06-01T12:00:00Z"


def snapshot(path: Path) -> dict[str, Any]:
    """Every table of the register, and what searches find, in a comparable form."""
    connection = sqlite3.connect(path)
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'decisions_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    found: dict[str, Any] = {
        name: connection.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()
        for name in tables
    }
    for word in ("ultraljud", "region", "acme", "rs", "mt", "2021", "orebro", "journal"):
        found[f"search {word}"] = connection.execute(
            "SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ? ORDER BY rowid",
            [f'"{word}"*'],
        ).fetchall()
    found["temp tables"] = connection.execute("SELECT name FROM temp.sqlite_master").fetchall()
    # The indexes an import set aside are made again as the register held them.
    found["schema"] = connection.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
    ).fetchall()
    connection.close()
    return found
