"""`delreg reconcile`: the register against a registry export with missing, extra and late rows,
as CSV and as xlsx; rows that are not delegation decisions are told apart; nothing is written."""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

from delreg.model import Decision, Meeting
from delreg.store import OpenMode, Store
from tests.helpers import Invoke, as_json

HEADER = ["Diarienummer", "Handlingstyp", "Ärendemening", "Beslutsdatum", "Delegat"]
# The registry's diarium for the first quarter of 2024 (invented). Its delegation decisions are
# told apart by the document type, by a kind word, or by the subject's words.
EXPORT = [
    # In both; reported at the February meeting.
    ["24RS101", "Delegationsbeslut", "Avtal om tolktjänster", "2024-01-10", "HSD"],
    # In both; never reported, and 2024-01-05 is long past the 45 days at 2024-04-30.
    ["24RS102", "Tilldelningsbeslut", "Röntgenutrustning", "2024-01-05", "HSD"],
    # In both; not reported, but only 20 days old at 2024-04-30: not late yet.
    ["24RS103", "Delegationsbeslut", "Hyresavtal lokal Öster", "2024-04-10", "HSD"],
    # In the registry only: a decision the register never got.
    ["24RS104", "Beslut på delegation", "Förlängning av avtal städtjänster", "2024-02-02", "HSD"],
    # In the registry only, recognised by the words of its subject.
    ["24RS105", "Beslut", "Delegationsbeslut om direktupphandling av kaffe", "2024-03-03", "HSD"],
    # Not delegation decisions: an incoming letter and an outgoing reply.
    ["24RS900", "Inkommande handling", "Skrivelse från Vårdförbundet", "2024-02-10", ""],
    ["24RS901", "Utgående handling", "Svar på skrivelse", "2024-02-20", ""],
    # Outside the period asked for.
    ["23RS999", "Delegationsbeslut", "Avtal om parkering", "2023-12-20", "HSD"],
]


@pytest.fixture
def register(database: Path) -> None:
    with Store.open(database, mode=OpenMode.CREATE) as store:
        store.add_meeting(Meeting("2024-02-15"))
        for number, subject, day in [
            ("24RS101", "avtal om tolktjänster", "2024-01-10"),
            ("24RS102", "röntgenutrustning", "2024-01-05"),
            ("24RS103", "hyresavtal lokal Öster", "2024-04-10"),
            # In the register only: the registrar never diarised it.
            ("24RS106", "avtal om fruktleveranser", "2024-03-15"),
            # In the register only, but outside the period: not missing from this export.
            ("24RS107", "avtal om blommor", "2024-04-02"),
        ]:
            store.add(Decision(number, "avtal", subject, decided_on=day))
        # Only the first is reported, at the February meeting.
        store.mark_reported(["24RS101"], store.meeting("2024-02-15"))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Diariet, utdrag 2024-04-30"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def digest(path: Path) -> str:
    """The register's whole content (the file and its write-ahead log alike), as SQL."""
    with closing(sqlite3.connect(path)) as connection:
        dump = "\n".join(connection.iterdump())
    return hashlib.sha256(dump.encode()).hexdigest()


@pytest.mark.parametrize("write", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_missing_extra_and_late_rows_are_listed(
    delreg: Invoke, database: Path, tmp_path: Path, write: object, register: None
) -> None:
    assert callable(write)
    export = write(tmp_path / f"diariet.{'csv' if write is write_csv else 'xlsx'}", EXPORT)
    before = digest(database)
    result = delreg(
        "reconcile", str(export), "--since", "2024-01-01", "--until", "2024-03-31",
        "--as-of", "2024-04-30", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 1, result.stderr
    found = as_json(result)
    assert found["rows"] == {"seen": 8, "delegation_decisions": 4, "other": 2, "unreadable": 0}
    assert [row["diary_number"] for row in found["not_in_register"]] == ["24RS104", "24RS105"]
    assert [row["diary_number"] for row in found["not_in_registry"]] == ["24RS106"]
    assert [row["diary_number"] for row in found["unreported"]] == ["24RS102"]
    assert "116 days ago" in found["unreported"][0]["message"]
    # Where the row is in the export: line 5 of the CSV, row 7 of the sheet (below its title).
    where = ":5" if write is write_csv else ":Sheet!7"
    assert found["not_in_register"][0]["source"].endswith(where)
    # Nothing was written.
    assert digest(database) == before


def test_an_export_that_agrees_exits_0(delreg: Invoke, tmp_path: Path, register: None) -> None:
    agreeing = [row for row in EXPORT if row[0] in ("24RS101", "24RS103", "24RS900")]
    agreeing.append(["24RS106", "Avtal", "Avtal om fruktleveranser", "2024-03-15", "HSD"])
    export = write_csv(tmp_path / "diariet.csv", agreeing)
    # 24RS102 is not in this export, so it is not in both: only 24RS106 is, and is fresh.
    delreg("delete", "24RS102", "--yes")
    result = delreg(
        "reconcile", str(export), "--since", "2024-01-01", "--until", "2024-03-31",
        "--as-of", "2024-03-20",
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "the register and the registry agree" in result.stderr


def test_the_table_names_each_section(delreg: Invoke, tmp_path: Path, register: None) -> None:
    export = write_csv(tmp_path / "diariet.csv", EXPORT)
    result = delreg("reconcile", str(export), "--since", "2024-01-01", "--until", "2024-03-31")
    assert result.exit_code == 1
    assert "In the registry, not in the register (2):" in result.stdout
    assert "In the register, not in the registry (1):" in result.stdout
    assert "24RS104" in result.stdout and "24RS106" in result.stdout


def test_unreadable_rows_and_files(delreg: Invoke, tmp_path: Path, register: None) -> None:
    bad = write_csv(
        tmp_path / "diariet.csv",
        [["24RS101", "Delegationsbeslut", "Avtal om tolktjänster", "2024-13-45", "HSD"]],
    )
    found = as_json(delreg("reconcile", str(bad), "--format", "json", "--as-of", "2024-01-11"))
    assert found["unreadable"][0]["source"].endswith("diariet.csv:2")
    assert "decided_on" in found["unreadable"][0]["reason"]
    not_an_export = tmp_path / "brev.csv"
    not_an_export.write_text("Hej,\nhär kommer listan.\n", encoding="utf-8")
    refused = delreg("reconcile", str(not_an_export))
    assert refused.exit_code == 2
    assert refused.stderr.startswith("delreg: error: ") and "brev.csv:1" in refused.stderr
    assert "hint:" in refused.stderr
