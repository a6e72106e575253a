"""A contract's dates (period, option, notice) through every door, and the upgrade to them."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.errors import InvalidValue
from delreg.fields import contract_period
from delreg.store import OpenMode, Store
from delreg.store.schema import SCHEMA_VERSION
from tests.helpers import FIXTURES, Invoke, as_json

# Registers written by delreg at schema 5 and 6 (before contract dates and appeals; 6 added the
# history's hash chain), each by the commands a secretary runs: a meeting, the example agenda
# and export, an edit, a delete, an acknowledgement.
# Every column an event had before (a schema may add more, e.g. the hash of the chain).
EVENT_COLUMNS = "id, at, user, action, diary_number, old, new, command"
OLD_REGISTERS = sorted((FIXTURES / "registers").glob("schema-*.db"))

CONTRACT_CSV = (
    "Diarienummer;Beslutstyp;Beslut;Motpart;Beslutsdatum;Avtalsperiod;Option;Uppsägning\n"
    "24RS1001;Upphandlingskontrakt;tvätt av textilier;Textilservice i Närke AB;2024-01-10;"
    "2024-02-01 – 2026-01-31;2027-01-31;2025-07-31\n"
    "24RS1002;Avtal;läkemedel Epclusa;Gilead Sciences Sweden AB;2024-01-12;"
    "1 mars 2024 till 28 februari 2025;;\n"
)


def _contract(delreg: Invoke, number: str) -> dict[str, object]:
    result = delreg("show", number, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = as_json(result)
    assert isinstance(data, dict)
    return data


def test_add_and_edit_set_and_clear_contract_dates(delreg: Invoke) -> None:
    added = delreg(
        "add", "--kind", "kontrakt", "--diary-number", "24RS2001", "--subject", "städtjänster",
        "--valid-from", "2024-03-01", "--valid-to", "28 februari 2026",
        "--extension-until", "2027-02-28", "--notice-by", "2025-08-31",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    shown = _contract(delreg, "24RS2001")
    assert shown["valid_from"] == "2024-03-01"
    assert shown["valid_to"] == "2026-02-28"
    assert shown["extension_until"] == "2027-02-28"
    assert shown["notice_by"] == "2025-08-31"

    assert delreg("edit", "24RS2001", "--notice-by", "2025-06-30").exit_code == 0
    assert delreg("edit", "24RS2001", "--clear", "extension_until").exit_code == 0
    shown = _contract(delreg, "24RS2001")
    assert shown["notice_by"] == "2025-06-30"
    assert shown["extension_until"] is None

    history = as_json(delreg("history", "24RS2001", "--format", "json"))
    updates = [event for event in history if event["action"] == "update"]
    assert updates[0]["old"]["notice_by"] == "2025-08-31"
    assert updates[0]["new"]["notice_by"] == "2025-06-30"
    assert updates[1]["old"]["extension_until"] == "2027-02-28"


def test_a_date_that_does_not_exist_is_refused_and_nothing_is_written(
    delreg: Invoke, database: Path
) -> None:
    result = delreg(
        "add", "--kind", "kontrakt", "--diary-number", "24RS2002", "--subject", "x",
        "--valid-to", "2025-02-30",
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith("delreg: error: valid_to:")
    assert "hint:" in result.stderr
    assert delreg("show", "24RS2002").exit_code != 0


def test_csv_with_swedish_columns_and_a_period(delreg: Invoke, tmp_path: Path) -> None:
    export = tmp_path / "avtal.csv"
    export.write_text(CONTRACT_CSV, encoding="utf-8")
    assert delreg("import", str(export)).exit_code == 0
    textiles = _contract(delreg, "24RS1001")
    assert (textiles["valid_from"], textiles["valid_to"]) == ("2024-02-01", "2026-01-31")
    assert textiles["extension_until"] == "2027-01-31"
    assert textiles["notice_by"] == "2025-07-31"
    epclusa = _contract(delreg, "24RS1002")
    assert (epclusa["valid_from"], epclusa["valid_to"]) == ("2024-03-01", "2025-02-28")
    assert epclusa["extension_until"] is None


def test_giltigt_fran_and_till_columns(delreg: Invoke, tmp_path: Path) -> None:
    export = tmp_path / "avtal.csv"
    export.write_text(
        "Dnr,Beslut,Giltigt från,Giltigt till,Förlängning till,Sista dag för uppsägning\n"
        "24RS1003,hyresavtal lokaler Eklunda,2024-04-01,2029-03-31,2034-03-31,2028-03-31\n",
        encoding="utf-8",
    )
    assert delreg("import", str(export)).exit_code == 0
    shown = _contract(delreg, "24RS1003")
    assert [shown[name] for name in ("valid_from", "valid_to", "extension_until", "notice_by")] == [
        "2024-04-01",
        "2029-03-31",
        "2034-03-31",
        "2028-03-31",
    ]


def test_a_period_that_ends_before_it_starts_is_rejected_with_its_line(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    export = tmp_path / "avtal.csv"
    export.write_text(
        "Dnr;Beslut;Avtalsperiod\n24RS1004;tolktjänster;2025-01-01 – 2024-01-01\n",
        encoding="utf-8",
    )
    result = delreg("import", str(export))
    assert result.exit_code == 1
    assert "avtal.csv:2:" in result.stderr and "ends before it starts" in result.stderr
    assert delreg("show", "24RS1004").exit_code != 0


def test_xlsx_with_excel_dates(delreg: Invoke, tmp_path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

    book = Workbook()
    sheet = book.active
    sheet.append(["Diarienummer", "Beslut", "Giltigt från", "Giltigt till", "Option"])
    sheet.append(["24RS1005", "ambulanstransporter", datetime(2024, 5, 1), datetime(2027, 4, 30),
                  "2029-04-30"])  # fmt: skip
    sheet.append(["24RS1006", "blodgas", None, None, "2024-06-01 – 2026-05-31"])
    path = tmp_path / "avtal.xlsx"
    book.save(path)
    result = delreg("import", str(path))
    # An option column holds one date: a period in it is refused, named by the file's column.
    assert result.exit_code == 1
    assert "Option" in result.stderr
    result = delreg("import", str(path), "--skip-invalid")
    assert result.exit_code == 1
    shown = _contract(delreg, "24RS1005")
    assert (shown["valid_from"], shown["valid_to"], shown["extension_until"]) == (
        "2024-05-01",
        "2027-04-30",
        "2029-04-30",
    )


def test_json_document_with_contract_keys(delreg: Invoke, tmp_path: Path) -> None:
    document = tmp_path / "avtal.json"
    document.write_text(
        json.dumps(
            [
                {
                    "Diarienummer": "24RS1007",
                    "Beslut": "laboratorieinformationssystem",
                    "Avtalsperiod": "2024-09-01 – 2028-08-31",
                    "notice_by": "2028-02-29",
                }
            ]
        ),
        encoding="utf-8",
    )
    assert delreg("import", str(document)).exit_code == 0
    shown = _contract(delreg, "24RS1007")
    assert (shown["valid_from"], shown["valid_to"], shown["notice_by"]) == (
        "2024-09-01",
        "2028-08-31",
        "2028-02-29",
    )


def test_the_csv_round_trip_keeps_contract_dates(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "avtal.csv"
    export.write_text(CONTRACT_CSV, encoding="utf-8")
    assert delreg("import", str(export)).exit_code == 0
    listed = delreg("list", "--format", "csv")
    header = listed.stdout.splitlines()[0].split(",")
    assert {"valid_from", "valid_to", "extension_until", "notice_by"} <= set(header)
    before = as_json(delreg("list", "--format", "json"))

    monkeypatch.setenv("DELREG_DB", str(tmp_path / "copy.db"))
    assert delreg("import", "-", "--format", "csv", input=listed.stdout).exit_code == 0
    after = as_json(delreg("list", "--format", "json"))
    assert after == before


def test_periods_written_every_way_read_back(tmp_path: Path) -> None:
    for text in (
        "2024-01-01 – 2025-12-31",
        "2024-01-01–2025-12-31",
        "2024-01-01 - 2025-12-31",
        "2024-01-01-2025-12-31",
        "2024-01-01 -- 2025-12-31",
        "1 januari 2024 till 31 december 2025",
        "2024-01-01 t.o.m. 2025-12-31",
    ):
        assert contract_period(text) == ("2024-01-01", "2025-12-31"), text
    assert contract_period("– 2025-12-31") == (None, "2025-12-31")
    with pytest.raises(InvalidValue):
        contract_period("tills vidare")


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=__import__("datetime").date(2020, 1, 1),
                   max_value=__import__("datetime").date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=3650),
    dash=st.sampled_from([" – ", "–", " - ", " — ", " till "]),
)  # fmt: skip
def test_any_period_reads_back_its_two_ends(start: object, days: int, dash: str) -> None:
    from datetime import date, timedelta

    assert isinstance(start, date)
    end = start + timedelta(days=days)
    assert contract_period(f"{start}{dash}{end}") == (start.isoformat(), end.isoformat())


@pytest.mark.parametrize("made_by", OLD_REGISTERS, ids=lambda path: path.stem)
def test_an_older_register_upgrades_keeping_every_decision_and_event(
    made_by: Path, tmp_path: Path, delreg: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(made_by, path)
    with sqlite3.connect(path) as old:
        version = int(made_by.stem.removeprefix("schema-"))
        assert old.execute("PRAGMA user_version").fetchone()[0] == version < SCHEMA_VERSION
        decisions_before = old.execute(
            "SELECT diary_number, kind, subject, parties, decided_on, deleted_at FROM decisions "
            "ORDER BY id"
        ).fetchall()
        events_before = old.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY id").fetchall()
        reportings_before = old.execute("SELECT * FROM reportings ORDER BY rowid").fetchall()
    old.close()
    monkeypatch.setenv("DELREG_DB", str(path))

    verified = delreg("verify")
    assert verified.exit_code == 0, verified.stdout + verified.stderr
    with Store.open(path, mode=OpenMode.EXISTING) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        decisions_after = store.connection.execute(
            "SELECT diary_number, kind, subject, parties, decided_on, deleted_at FROM decisions "
            "ORDER BY id"
        ).fetchall()
        events_after = store.connection.execute(
            f"SELECT {EVENT_COLUMNS} FROM events ORDER BY id"
        ).fetchall()
        reportings_after = store.connection.execute(
            "SELECT * FROM reportings ORDER BY rowid"
        ).fetchall()
    assert decisions_after == decisions_before and len(decisions_before) == 31
    assert events_after[: len(events_before)] == events_before and len(events_before) == 73
    assert reportings_after == reportings_before

    # An old decision is edited after the upgrade: its history still chains.
    assert delreg("edit", "23RS764", "--valid-to", "2026-12-31").exit_code == 0
    assert delreg("verify").exit_code == 0
    assert _contract(delreg, "23RS764")["valid_to"] == "2026-12-31"
