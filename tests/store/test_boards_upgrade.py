"""A register made before boards (schema 7) upgrades in place: every decision and meeting to its
board, the history kept whole and chained, and `boards add` giving the upgraded board its code.

The registers are SQL dumps made by that delreg (tests/fixtures/registers/), so what is upgraded
is exactly what it left, history and hash chain included.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from delreg.store.schema import MIGRATIONS, _add_boards
from delreg.store.trail import first_broken_link
from tests.helpers import FIXTURES, Invoke, as_json

REGISTERS = FIXTURES / "registers"
NAME = "Hälso- och sjukvårdsnämnden"


def load(database: Path, dump: str) -> None:
    with closing(sqlite3.connect(database)) as connection:
        connection.executescript((REGISTERS / dump).read_text(encoding="utf-8"))


def events(database: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT * FROM events ORDER BY id").fetchall()


def sound(delreg: Invoke) -> None:
    result = delreg("verify", "--json")
    assert result.exit_code == 0, result.stdout + result.stderr


def test_the_fixtures_are_of_the_schema_before_boards(database: Path) -> None:
    load(database, "schema7-named-board.sql")
    with closing(sqlite3.connect(database)) as connection:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        columns = {row[1] for row in connection.execute("PRAGMA table_info(decisions)")}
    assert version == MIGRATIONS.index(_add_boards) and "board" not in columns


def test_a_named_board_becomes_a_board_and_every_decision_its(
    delreg: Invoke, database: Path
) -> None:
    load(database, "schema7-named-board.sql")
    before = events(database)
    boards = as_json(delreg("boards", "list", "--json"))
    # 31 live decisions (24RS841 was deleted), all on the board the meetings named.
    assert boards == [
        {"code": NAME, "name": NAME, "delegate": None, "decisions": 31, "meetings": 1}
    ]
    # The history before the upgrade is untouched; the upgrade added one entry per decision.
    after = events(database)
    assert after[: len(before)] == before
    added = after[len(before) :]
    assert [row[3] for row in added] == ["board-add"] + ["board"] * 32
    sound(delreg)
    listed = as_json(delreg("list", "--format", "json"))
    assert len(listed) == 31 and {d["board"] for d in listed} == {NAME}
    history = as_json(delreg("history", "23RS710", "--format", "json"))
    assert history[-1]["action"] == "board"
    assert history[-1]["old"]["board"] is None and history[-1]["new"]["board"] == NAME


def test_boards_add_gives_the_upgraded_board_its_short_code(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    load(database, "schema7-named-board.sql")
    report_before = delreg("report", "--meeting", "2024-02-15")
    assert report_before.exit_code == 0
    added = delreg(
        "boards", "add", "hsn", "--name", NAME, "--delegate", "Hälso- och sjukvårdsdirektören"
    )
    assert added.exit_code == 0, added.stderr
    assert f"board {NAME!r} is now HSN" in added.stderr
    assert as_json(delreg("boards", "list", "--json")) == [
        {
            "code": "HSN",
            "name": NAME,
            "delegate": "Hälso- och sjukvårdsdirektören",
            "decisions": 31,
            "meetings": 1,
        }
    ]
    assert [m["board"] for m in as_json(delreg("meetings", "list", "--format", "json"))] == ["HSN"]
    assert {d["board"] for d in as_json(delreg("list", "--format", "json"))} == {"HSN"}
    # The meeting's list reads as before: it is the board's name that heads it, not its code.
    assert delreg("report", "--meeting", "2024-02-15").stdout == report_before.stdout
    # The configuration that named the board by its name still finds it.
    config = tmp_path / "config.toml"
    config.write_text(f'[register]\nboard = "{NAME}"\n', encoding="utf-8")
    listed = delreg("--config", str(config), "list", "--format", "json", "--limit", "1")
    assert as_json(listed)[0]["board"] == "HSN"
    sound(delreg)


def test_a_register_that_named_no_board_keeps_working_and_its_first_board_takes_all(
    delreg: Invoke, database: Path
) -> None:
    load(database, "schema7-unnamed-board.sql")
    before = events(database)
    assert as_json(delreg("boards", "list", "--json")) == []
    assert events(database) == before  # nothing to name: the upgrade wrote nothing
    listed = as_json(delreg("list", "--format", "json"))
    assert len(listed) == 30 and {d["board"] for d in listed} == {None}
    sound(delreg)
    report = delreg("report", "--meeting", "2024-02-15", "--format", "json")
    assert len(as_json(report)["items"]) == 29
    added = delreg("boards", "add", "HSN", "--name", NAME)
    assert "30 decisions and 1 meetings belong to HSN" in added.stderr
    assert {d["board"] for d in as_json(delreg("list", "--format", "json"))} == {"HSN"}
    assert as_json(delreg("report", "--meeting", "2024-02-15", "--format", "json"))["items"] == [
        {**item, "board": "HSN"} for item in as_json(report)["items"]
    ]
    history = as_json(delreg("history", "24RS900", "--format", "json"))
    assert [event["action"] for event in history] == ["insert", "board"]
    sound(delreg)


@pytest.mark.parametrize("dump", ["schema7-named-board.sql", "schema7-unnamed-board.sql"])
def test_the_upgraded_chain_recomputes_from_its_documented_form(
    delreg: Invoke, database: Path, dump: str
) -> None:
    load(database, dump)
    delreg("boards", "add", "HSN", "--name", NAME)
    with closing(sqlite3.connect(database)) as connection:
        assert first_broken_link(connection) is None


def test_a_list_fixed_before_the_board_got_its_code_still_verifies(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    load(database, "schema7-named-board.sql")
    document = tmp_path / "lista.txt"
    fixed = delreg("report", "--meeting", "2024-02-15", "--mark-reported", "-o", str(document))
    assert fixed.exit_code == 0, fixed.stderr
    assert delreg("boards", "add", "HSN", "--name", NAME).exit_code == 0
    for board in ([], ["--board", "HSN"], ["--board", NAME]):
        verdict = delreg("verify", "--report", "2024-02-15", str(document), *board)
        assert verdict.exit_code == 0, verdict.stderr
