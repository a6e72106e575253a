"""restore and verify under attack: a writer beside the restore, files they must only read
(missing, killed part-way, read-only, damaged), old schemas, a full temporary folder, and a
backup far smaller than the register it would replace."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
from contextlib import closing
from pathlib import Path

import pytest

from delreg.model import Decision
from delreg.store import OpenMode, Store
from tests.helpers import Invoke, as_json, one_clear_line, snapshot
from tests.helpers.processes import write_export

# The writer beside a restore: at most this many adds, and it stops soon after the restore.
MOST_ADDS = 3_000
ADDS_AFTER = 20


def numbers_in(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {row[0] for row in connection.execute("SELECT diary_number FROM decisions")}


def history_numbers_in(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as connection:
        return {
            row[0]
            for row in connection.execute("SELECT diary_number FROM events WHERE action='insert'")
        }


def test_a_write_confirmed_during_a_restore_is_never_lost(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    """A writer adds in a loop while the register is restored: every add it was told
    succeeded is in the restored register or in the copy kept of the old one, history too."""
    export = write_export(tmp_path / "export.csv", 1, rows=20_000)
    assert delreg("import", str(export)).exit_code == 0
    backup = tmp_path / "backup.db"
    assert delreg("backup", str(backup)).exit_code == 0

    confirmed: list[str] = []
    restored = threading.Event()
    failures: list[BaseException] = []

    def writer() -> None:
        after = 0
        try:
            for serial in range(1, MOST_ADDS + 1):
                number = f"25RS{serial}"
                with Store.open(database, mode=OpenMode.EXISTING, command="writer") as store:
                    store.add(Decision(number, "beslut", f"beslut {serial} under återläsning"))
                confirmed.append(number)
                if restored.is_set():
                    after += 1
                    if after >= ADDS_AFTER:
                        return
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(confirmed) < 5 and thread.is_alive():
            threading.Event().wait(0.01)
        result = delreg("restore", str(backup), "--yes")
    finally:
        restored.set()
        thread.join(timeout=120)
    assert result.exit_code == 0, result.stderr
    assert failures == []
    kept = [path for path in tmp_path.iterdir() if ".before-restore-" in path.name]
    assert len(kept) == 1
    in_either = numbers_in(database) | numbers_in(kept[0])
    lost = [number for number in confirmed if number not in in_either]
    assert lost == [], f"{len(lost)} of {len(confirmed)} confirmed adds lost"
    histories = history_numbers_in(database) | history_numbers_in(kept[0])
    assert [number for number in confirmed if number not in histories] == []
    # The adds after the restore went into the restored register.
    assert set(confirmed[-ADDS_AFTER:]) <= numbers_in(database)


def test_the_kept_copy_is_exactly_the_register_replaced(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    for serial in (1, 2, 3):
        assert delreg("add", "--kind", "beslut", "--diary-number", f"24RS{serial}",
                      "--subject", "x").exit_code == 0  # fmt: skip
    backup = tmp_path / "backup.db"
    assert delreg("backup", str(backup)).exit_code == 0
    assert delreg("edit", "24RS1", "--subject", "ändrad efter kopian").exit_code == 0
    before = snapshot(database)
    assert delreg("restore", str(backup), "--yes").exit_code == 0
    kept = next(path for path in tmp_path.iterdir() if ".before-restore-" in path.name)
    assert snapshot(kept) == before
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert as_json(delreg("show", "24RS1", "--format", "json"))["subject"] == "x"
    assert as_json(delreg("list", "--search", "ändrad", "--format", "json")) == []
    assert delreg("verify").exit_code == 0


def file_state(path: Path) -> tuple[bytes, int] | None:
    if not path.exists():
        return None
    return path.read_bytes(), path.stat().st_mtime_ns


def test_verify_and_restore_of_a_missing_file_create_nothing(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "finns-inte.db"
    checked = delreg("--db", str(missing), "verify")
    assert checked.exit_code == 2
    assert "no register" in one_clear_line(checked.stderr)
    restored = delreg("restore", str(missing), "--yes")
    assert restored.exit_code == 2
    assert "no backup" in one_clear_line(restored.stderr)
    assert not missing.exists() and not database.exists()


def killed_backup(tmp_path: Path, database: Path) -> Path:
    """A backup whose writer was killed half-way: the file and a hot -journal beside it."""
    partial = tmp_path / "halv-kopia.db"
    # A copy started over an older backup: the journal holds that older backup's pages.
    with closing(sqlite3.connect(partial)) as older:
        older.execute("CREATE TABLE gammal (x)")
        older.executemany("INSERT INTO gammal VALUES (?)", [("x" * 500,)] * 400)
        older.commit()
    script = (
        "import os, sqlite3, sys\n"
        "source = sqlite3.connect(sys.argv[1])\n"
        "target = sqlite3.connect(sys.argv[2])\n"
        "def stop(status, remaining, total):\n"
        "    os._exit(9)\n"
        "source.backup(target, pages=5, progress=stop)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(database), str(partial)], check=False)
    journal = Path(f"{partial}-journal")
    assert journal.exists() and journal.stat().st_size > 0, "the writer left no hot journal"
    return partial


def test_verify_and_restore_leave_a_backup_killed_part_way_as_it_was(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    export = write_export(tmp_path / "export.csv", 1, rows=500)
    assert delreg("import", str(export)).exit_code == 0
    partial = killed_backup(tmp_path, database)
    journal = Path(f"{partial}-journal")
    before = (file_state(partial), file_state(journal))
    register = snapshot(database)
    checked = delreg("--db", str(partial), "verify")
    assert checked.exit_code == 2
    assert "was being written" in one_clear_line(checked.stderr)
    restored = delreg("restore", str(partial), "--yes")
    assert restored.exit_code == 2
    line = one_clear_line(restored.stderr)
    assert "was being written" in line and "read-only" not in line
    assert (file_state(partial), file_state(journal)) == before
    assert snapshot(database) == register


def damage(database: Path, sql: str) -> None:
    with closing(sqlite3.connect(database)) as connection:
        connection.execute(sql)
        connection.commit()


@pytest.mark.parametrize(
    ("where", "sql"),
    [
        (
            "parties",
            "UPDATE decisions SET parties = '[\"Leverantör AB\"' WHERE diary_number='24RS1'",
        ),
        ("parties", "UPDATE decisions SET parties = '5' WHERE diary_number = '24RS1'"),
        ("history", "UPDATE events SET new = '{\"subject\": ' WHERE diary_number = '24RS1'"),
    ],
    ids=["parties-cut", "parties-number", "history-cut"],
)
def test_damaged_json_is_one_line_in_every_command(
    delreg: Invoke, database: Path, where: str, sql: str
) -> None:
    assert delreg("meetings", "add", "2024-02-15", "--board", "Nämnden").exit_code == 0
    for serial in (1, 2):
        assert delreg("add", "--kind", "beslut", "--diary-number", f"24RS{serial}",
                      "--subject", "rengöringsmedel", "--decided-on", "2024-01-10",
                      "--party", "Leverantör AB").exit_code == 0  # fmt: skip
    damage(database, sql)
    checked = delreg("verify", "--json")
    assert checked.exit_code == 1, checked.stderr
    assert "Traceback" not in checked.stderr
    assert any("24RS1" in problem["message"] for problem in as_json(checked))
    commands = [
        ("list",),
        ("show", "24RS1"),
        ("report", "--meeting", "2024-02-15"),
        ("edit", "24RS1", "--subject", "nytt"),
    ]
    if where == "history":
        commands = [("history", "24RS1")]
    before = snapshot(database)
    # check reads neither parties nor the history; it must still run, not trace back.
    checked = delreg("check", "--as-of", "2024-03-01")
    assert checked.exit_code in (0, 1, 2) and "Traceback" not in checked.stderr
    if checked.exit_code == 2:
        assert "is damaged" in one_clear_line(checked.stderr)
    for command in commands:
        result = delreg(*command)
        assert result.exit_code == 2, (command, result.stdout, result.stderr)
        line = one_clear_line(result.stderr)
        assert "is damaged" in line and "24RS1" in line, line
        assert "restore" in result.stderr.splitlines()[1]
    assert snapshot(database) == before


def test_verify_of_a_read_only_register_is_sound_and_reads_only(
    delreg: Invoke, database: Path, request: pytest.FixtureRequest
) -> None:
    for serial in (1, 2):
        assert delreg("add", "--kind", "beslut", "--diary-number", f"24RS{serial}",
                      "--subject", "x").exit_code == 0  # fmt: skip
    request.getfixturevalue("read_only")
    before = file_state(database)
    checked = delreg("verify", "--json")
    assert checked.exit_code == 0, checked.stderr
    assert as_json(checked) == []
    assert file_state(database) == before


def test_verify_reads_only_even_a_register_it_would_upgrade(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    from delreg.store.schema import migrate

    with closing(sqlite3.connect(database, isolation_level=None)) as connection:
        migrate(connection, database, to=1)
    before = file_state(database)
    checked = delreg("verify")
    assert checked.exit_code == 0, checked.stderr
    assert file_state(database) == before


def test_restore_accepts_every_schema_this_delreg_upgrades(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    """A first open killed after the first migration leaves a schema-1 file: --db upgrades it,
    so restore takes it too."""
    from delreg.store.schema import SCHEMA_VERSION, migrate

    assert (
        delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "x").exit_code
        == 0
    )
    old = tmp_path / "schema1.db"
    with closing(sqlite3.connect(old, isolation_level=None)) as connection:
        migrate(connection, old, to=1)
    before = file_state(old)
    result = delreg("restore", str(old), "--yes")
    assert result.exit_code == 0, result.stderr
    assert file_state(old) == before  # upgraded in the working copy, not in the backup
    assert as_json(delreg("list", "--format", "json")) == []
    assert delreg("verify").exit_code == 0
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_backup_with_far_fewer_decisions_asks_and_says_both_counts(
    delreg: Invoke, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for serial in (1, 2):
        assert delreg("add", "--kind", "beslut", "--diary-number", f"24RS{serial}",
                      "--subject", "x").exit_code == 0  # fmt: skip
    small = tmp_path / "liten.db"
    assert delreg("backup", str(small)).exit_code == 0
    assert delreg("import", str(write_export(tmp_path / "e.csv", 1, rows=40))).exit_code == 0
    before = snapshot(database)
    piped = delreg("restore", str(small))
    assert piped.exit_code == 2
    line = one_clear_line(piped.stderr)
    assert "2 decisions" in line and "40" in line
    from delreg.cli.environment import Environment

    monkeypatch.setattr(Environment, "stdin_is_terminal", property(lambda self: True))
    asked = delreg("restore", str(small), input="n\n")
    assert asked.exit_code != 0
    assert "2 decisions" in asked.stderr and "40" in asked.stderr
    assert "far fewer" in asked.stderr
    assert snapshot(database) == before
    done = delreg("restore", str(small), "--yes")
    assert done.exit_code == 0 and "2 decisions" in done.stderr


def test_the_staged_copy_in_tmpdir_is_private_under_umask_000(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The working copy a restore verifies sits in $TMPDIR while the user is asked (and is
    left there if the restore is killed): it holds secret subjects, so it is the owner's only."""
    from delreg.store.maintenance import backup as make_backup
    from delreg.store.maintenance import prepared_restore

    with Store.open(database, mode=OpenMode.CREATE) as store:
        store.add(Decision("24RS1", "beslut", "hemligt ämne", secret=True))
        make_backup(store.connection, tmp_path / "b.db")
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    previous = os.umask(0)
    try:
        with prepared_restore(tmp_path / "b.db", database):
            modes = {
                path.name: stat.S_IMODE(path.stat().st_mode)
                for path in folder.rglob("*")
                if path.is_file()
            }
    finally:
        os.umask(previous)
    assert modes and set(modes.values()) == {0o600}, modes


def test_a_full_tmpdir_is_named_not_the_backup(
    delreg: Invoke,
    database: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert delreg("import", str(write_export(tmp_path / "e.csv", 1, rows=3_000))).exit_code == 0
    backup = tmp_path / "b.db"
    assert delreg("backup", str(backup)).exit_code == 0
    small: Path = request.getfixturevalue("small_filesystem")
    monkeypatch.setenv("TMPDIR", str(small))
    monkeypatch.setattr(tempfile, "tempdir", None)
    before = snapshot(database)
    result = delreg("restore", str(backup), "--yes")
    assert result.exit_code == 2
    line = one_clear_line(result.stderr)
    assert "temporary folder" in line and str(small) in line, line
    assert "TMPDIR" in result.stderr
    assert snapshot(database) == before
