"""A register whose file is damaged where no command happens to read: SQLite notices damage
only on the pages it touches, so backup checks the whole copy, and once delreg knows of the
damage (backup, verify, or a write that met it) no command writes to the register again until
a sound backup is restored."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import Invoke, one_clear_line, snapshot
from tests.helpers.processes import write_export


def damage_a_page_in_the_middle_of_the_history(database: Path) -> None:
    """Scribble over one leaf page of the events table that is neither its first nor its last
    (so a new event, appended at the end, never reads it)."""
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = [
            row[0]
            for row in connection.execute(
                "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' "
                "ORDER BY pageno"
            )
        ]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    assert len(pages) > 4
    page = pages[len(pages) // 2]
    with open(database, "r+b") as file:
        file.seek((page - 1) * size)
        file.write(b"\x5a" * size)


@pytest.fixture
def damaged(delreg: Invoke, database: Path, tmp_path: Path) -> Path:
    assert delreg("import", str(write_export(tmp_path / "e.csv", 1, rows=2_000))).exit_code == 0
    good = tmp_path / "god-kopia.db"
    assert delreg("backup", str(good)).exit_code == 0
    damage_a_page_in_the_middle_of_the_history(database)
    return good


WRITERS = [
    ("edit", "24RS5", "--subject", "ändrat"),
    ("add", "--kind", "beslut", "--diary-number", "25RS1", "--subject", "nytt"),
    ("import", "{export}"),
]


def test_backup_refuses_a_damaged_register_and_says_how_to_recover(
    delreg: Invoke, database: Path, tmp_path: Path, damaged: Path
) -> None:
    copy = tmp_path / "kopia.db"
    result = delreg("backup", str(copy))
    assert result.exit_code == 2
    assert "damaged" in one_clear_line(result.stderr)
    assert "restore" in result.stderr.splitlines()[1]
    assert not copy.exists()


@pytest.mark.parametrize("found_by", ["backup", "verify"])
def test_writers_refuse_a_register_known_to_be_damaged(
    delreg: Invoke, database: Path, tmp_path: Path, damaged: Path, found_by: str
) -> None:
    export = write_export(tmp_path / "ny.csv", 2, rows=5, prefix="26RS")
    if found_by == "backup":
        assert delreg("backup", str(tmp_path / "kopia.db")).exit_code == 2
    else:
        assert delreg("verify").exit_code == 1
    before = database.read_bytes()
    for command in WRITERS:
        arguments = [str(export) if part == "{export}" else part for part in command]
        result = delreg(*arguments)
        assert result.exit_code == 2, (command, result.stderr)
        assert "damaged" in one_clear_line(result.stderr), command
        assert "restore" in result.stderr.splitlines()[1]
    assert database.read_bytes() == before
    # Reading still works, to get out what can be got out.
    assert delreg("show", "24RS1").exit_code == 0

    restored = delreg("restore", str(damaged), "--yes")
    assert restored.exit_code == 0, restored.stderr
    assert delreg("verify").exit_code == 0
    assert delreg(*WRITERS[0]).exit_code == 0
    assert snapshot(database) != snapshot(damaged)
