"""add, list, show, edit, delete, undelete and history through the real command line."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import Invoke, as_json

AWARD = [
    "add", "--kind", "tilldelningsbeslut", "--diary-number", "23RS710",
    "--procurement-number", "MT 2023-0043", "--subject", "ultraljudsutrustning",
    "--decided-on", "2023-11-02",
]  # fmt: skip


@pytest.fixture
def register(delreg: Invoke) -> Invoke:
    """A register with five decisions of different kinds, months and parties."""
    delreg(*AWARD)
    delreg(
        "add",
        "--kind",
        "kontrakt",
        "--diary-number",
        "Dnr 23RS764",
        "--procurement-number",
        "mt 2023-0043",
        "--subject",
        "ultraljudsutrustning",
        "--decided-on",
        "den 19 januari 2024",
        "--party",
        "Acme Medical AB",
        "--party",
        "Region Örebro län",
    )
    delreg(
        "add",
        "--kind",
        "avtal",
        "--diary-number",
        "24RS278",
        "--subject",
        "försäljning av läkemedel Epclusa",
        "--party",
        "Gilead Sciences Sweden AB",
        "--decided-on",
        "2024-01-25",
    )
    delreg(
        "add",
        "--kind",
        "initiering",
        "--diary-number",
        "24RS564",
        "--subject",
        "upphandling av ögonproteser",
        "--decided-on",
        "2024-02-03",
    )
    delreg("add", "--kind", "beslut", "--diary-number", "24RS841", "--subject",
           "läsbehörighet i patientjournal")  # fmt: skip
    return delreg


def numbers(result_json: list[dict[str, object]]) -> list[object]:
    return [row["diary_number"] for row in result_json]


def test_add_then_show(register: Invoke) -> None:
    shown = as_json(register("show", "23rs764", "--format", "json"))
    assert shown["diary_number"] == "23RS764"
    assert shown["procurement_number"] == "MT 2023-0043"
    assert shown["decided_on"] == "2024-01-19"
    assert shown["parties"] == ["Acme Medical AB", "Region Örebro län"]
    assert shown["meeting"] is None and shown["item"] is None and shown["secret"] is False


def test_a_second_add_of_the_same_number_is_refused(register: Invoke, database: Path) -> None:
    result = register("add", "--kind", "beslut", "--diary-number", " 23rs710 ", "--subject", "x")
    assert result.exit_code == 2
    assert "already in the register" in result.stderr
    assert "delreg edit 23RS710" in result.stderr
    assert "Traceback" not in result.stderr
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM decisions").fetchone()[0] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "nope", "--diary-number", "24RS1", "--subject", "x"], "unknown kind"),
        (["--kind", "beslut", "--diary-number", "24X", "--subject", "x"], "not a diary number"),
        (["--kind", "beslut", "--diary-number", "24RS1", "--subject", "x", "--decided-on",
          "2024-02-30"], "not a real date"),
        (["--kind", "beslut", "--diary-number", "24RS1", "--subject", "  "], "subject is empty"),
        (["--kind", "beslut", "--diary-number", "24RS1", "--subject", "x", "--amount", "12,5"],
         "whole kronor"),
    ],
)  # fmt: skip
def test_bad_values_are_one_line_errors(
    delreg: Invoke, args: list[str], message: str, database: Path
) -> None:
    result = delreg("add", *args)
    assert result.exit_code == 2
    first, *rest = result.stderr.splitlines()
    assert first.startswith("delreg: error:") and message in first
    assert all(line.startswith("hint:") for line in rest)
    # Values are checked before the register is touched: it is not even created.
    assert not database.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["24RS564", "24RS278", "23RS764", "23RS710", "24RS841"]),
        (["--kind", "kontrakt"], ["23RS764"]),
        (["--since", "2024-01-20"], ["24RS564", "24RS278"]),
        (["--until", "2024-01-19"], ["23RS764", "23RS710"]),
        (["--since", "1 januari 2024", "--until", "31 januari 2024"], ["24RS278", "23RS764"]),
        (["--month", "2024-01"], ["24RS278", "23RS764"]),
        (["--procurement", "MT2023-0043"], ["23RS764", "23RS710"]),
        (["--party", "gilead"], ["24RS278"]),
        (["--party", "%"], []),
        (["--search", "ultraljud"], ["23RS764", "23RS710"]),
        (["--search", "ögonproteser"], ["24RS564"]),
        (["--search", "MT 2023-0043"], ["23RS764", "23RS710"]),
        (["--limit", "2"], ["24RS564", "24RS278"]),
        (["--unreported", "--kind", "avtal"], ["24RS278"]),
    ],
)
def test_filters(register: Invoke, args: list[str], expected: list[str]) -> None:
    result = register("list", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert numbers(as_json(result)) == expected


def test_month_last_is_the_month_before_today(register: Invoke) -> None:
    result = register("list", "--month", "last", "--format", "json")
    assert result.exit_code == 0
    assert as_json(result) == []  # nothing in the register was decided last month


def test_formats_carry_the_same_rows(register: Invoke) -> None:
    from_json = numbers(as_json(register("list", "--format", "json")))
    ndjson = register("list", "--format", "ndjson").stdout.splitlines()
    assert [line.split('"')[3] for line in ndjson] == from_json
    rows = list(csv.DictReader(io.StringIO(register("list", "--format", "csv").stdout)))
    assert [row["diary_number"] for row in rows] == from_json
    assert rows[2]["parties"] == "Acme Medical AB; Region Örebro län"
    tsv = list(
        csv.DictReader(io.StringIO(register("list", "--format", "tsv").stdout), delimiter="\t")
    )
    assert [row["diary_number"] for row in tsv] == from_json


def test_plain_table_in_a_pipe(register: Invoke) -> None:
    result = register("list")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["dnr", "decided", "kind"]
    assert "─" not in result.stdout and "\x1b[" not in result.stdout
    assert len(lines) == 6


def test_edit_changes_and_records_history(register: Invoke) -> None:
    result = register(
        "edit", "23RS710", "--subject", "ultraljud, 3 st", "--notified-on", "2023-11-03"
    )
    assert result.exit_code == 0, result.stderr
    shown = as_json(register("show", "23RS710", "--format", "json"))
    assert shown["subject"] == "ultraljud, 3 st" and shown["notified_on"] == "2023-11-03"
    events = as_json(register("history", "23RS710", "--format", "json"))
    assert [e["action"] for e in events] == ["insert", "update"]
    assert events[1]["old"]["subject"] == "ultraljudsutrustning"
    assert events[1]["new"]["subject"] == "ultraljud, 3 st"
    assert events[1]["user"] and events[1]["at"].endswith("Z")
    assert events[1]["command"].startswith("delreg edit 23RS710 --subject 'ultraljud, 3 st'")


def test_edit_clear_and_refusals(register: Invoke) -> None:
    assert register("edit", "23RS764", "--clear", "parties").exit_code == 0
    assert as_json(register("show", "23RS764", "--format", "json"))["parties"] == []
    assert register("edit", "23RS764", "--clear", "subject").exit_code == 2
    assert register("edit", "23RS764").exit_code == 2
    missing = register("edit", "99RS1", "--subject", "x")
    assert missing.exit_code == 2 and "no decision 99RS1" in missing.stderr


def test_delete_is_soft_confirmed_and_undoable(register: Invoke, database: Path) -> None:
    refused = register("delete", "23RS710")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    aborted = register("delete", "23RS710", input="n\n")
    assert aborted.exit_code != 0
    assert register("delete", "23RS710", "--yes").exit_code == 0
    assert "23RS710" not in numbers(as_json(register("list", "--format", "json")))
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT deleted_at FROM decisions WHERE diary_number = '23RS710'"
        ).fetchone()
    assert row[0] is not None
    gone = register("show", "23RS710")
    assert gone.exit_code == 2 and "undelete" in gone.stderr
    again = register("add", *AWARD[1:])
    assert again.exit_code == 2 and "undelete" in again.stderr
    assert register("undelete", "23RS710").exit_code == 0
    assert [e["action"] for e in as_json(register("history", "23RS710", "--format", "json"))] == [
        "insert",
        "delete",
        "undelete",
    ]


def test_history_of_unknown_number(delreg: Invoke) -> None:
    added = delreg("add", "--kind", "beslut", "--diary-number", "23RS2", "--subject", "x")
    assert added.exit_code == 0, added.stderr
    result = delreg("history", "23RS1")
    assert result.exit_code == 2 and "no history" in result.stderr


def test_database_location_flag_env_and_default(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flagged = tmp_path / "flag.db"
    assert delreg("--db", str(flagged), *AWARD).exit_code == 0
    assert flagged.exists()
    monkeypatch.delenv("DELREG_DB")
    assert delreg(*AWARD).exit_code == 0
    assert (tmp_path / "data" / "delreg" / "delreg.db").exists()


def test_a_secrecy_reason_alone_makes_a_decision_secret(delreg: Invoke) -> None:
    delreg("add", "--kind", "avtal", "--diary-number", "24RS278", "--subject", "rabatt",
           "--secret-reason", "OSL 31:16")  # fmt: skip
    shown = as_json(delreg("show", "24RS278", "--format", "json"))
    assert shown["secret"] is True and shown["secret_reason"] == "OSL 31:16"
    # Lifting secrecy takes the reason away too (issue 19: a reason means secret).
    assert delreg("edit", "24RS278", "--no-secret").exit_code == 2
    delreg("edit", "24RS278", "--no-secret", "--clear", "secret_reason")
    assert as_json(delreg("show", "24RS278", "--format", "json"))["secret"] is False
