"""Faults: several delreg processes writing one register at once.

Writers queue on SQLite's write lock (BEGIN IMMEDIATE, a busy timeout, then retries with
backoff), so no one is told "database is locked" while another import is merely running.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from delreg.store import OpenMode, Store
from delreg.store import connection as store_connection
from delreg.store.maintenance import verify
from tests.helpers import Invoke, as_json
from tests.helpers.processes import (
    assert_sound,
    delreg_command,
    register_verifies,
    run_delreg,
    versions,
    write_export,
)

IMPORTERS = ("21RS", "22RS", "24RS", "25RS")
ROWS_EACH = 3_000
EDITS = 12
EDITED = [f"23RS{serial}" for serial in range(1, 5)]
# What a user must never read: SQLite's words for a lock, or a traceback.
LOCK_WORDS = ("locked", "SQLITE_BUSY", "Traceback")


def test_four_importers_and_an_editor_at_once(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    for number in EDITED:
        delreg("add", "--kind", "beslut", "--diary-number", number, "--subject", "ursprunglig")
    exports = [
        write_export(tmp_path / f"{prefix}.csv", 0, rows=ROWS_EACH, prefix=prefix)
        for prefix in IMPORTERS
    ]
    importers = [
        subprocess.Popen(
            delreg_command("import", str(export)), stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for export in exports
    ]
    # The editor works while the imports run: each edit its own short transaction.
    last_subject: dict[str, str] = {}
    for edit in range(EDITS):
        number = EDITED[edit % len(EDITED)]
        subject = f"ändrad {edit}"
        done = run_delreg("edit", number, "--subject", subject)
        assert done.returncode == 0, done.stderr
        assert not any(word in done.stderr for word in LOCK_WORDS), done.stderr
        last_subject[number] = subject
        # A reader alongside: WAL lets it read while a writer holds the lock.
        listed = run_delreg("list", "--search", "beslut", "--limit", "5", "--format", "json")
        assert listed.returncode == 0, listed.stderr
    for importer in importers:
        _, errors = importer.communicate()
        assert importer.returncode == 0, errors
        assert not any(word.encode() in errors for word in LOCK_WORDS), errors
    assert_sound(database, "after the concurrent writers")
    for prefix in IMPORTERS:
        assert versions(database, prefix) == {"0": ROWS_EACH}, prefix
    for number, subject in last_subject.items():
        assert as_json(delreg("show", number, "--format", "json"))["subject"] == subject
    register_verifies(delreg)


def test_backup_is_consistent_while_another_process_writes(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    rows = 3_000
    export = write_export(tmp_path / "v0.csv", 0, rows=rows)
    assert run_delreg("import", str(export)).returncode == 0
    exports = [str(write_export(tmp_path / f"v{n}.csv", n, rows=rows)) for n in (1, 2)]
    # Two imports one after the other, each rewriting every row, while backups are taken.
    script = " && ".join(shlex.join(delreg_command("import", export)) for export in exports)
    writer = subprocess.Popen(["sh", "-c", script], stderr=subprocess.PIPE)
    copies: list[Path] = []
    while True:
        running = writer.poll() is None
        copy = tmp_path / f"copy{len(copies)}.db"
        result = delreg("backup", str(copy))
        assert result.exit_code == 0, result.stderr
        copies.append(copy)
        if not running:
            break
        time.sleep(0.1)  # a backup now and then, not a backup loop that starves the writer
    _, errors = writer.communicate()
    assert writer.returncode == 0, errors
    seen: set[str] = set()
    for number, copy in enumerate(copies):
        # Each copy is one moment of the register: every row of one import, never a mix.
        assert_sound(copy, str(copy))
        found = versions(copy)
        assert len(found) == 1 and sum(found.values()) == rows, (copy, found)
        seen.update(found)
        if number % 4 == 0 or copy == copies[-1]:
            with closing(sqlite3.connect(copy, isolation_level=None)) as connection:
                assert verify(connection) == [], copy
    print(f"{len(copies)} backups taken during the imports; versions seen: {sorted(seen)}")
    assert "2" in seen  # the last backup, after the writer finished, holds the last import


@pytest.fixture
def lock_holder(database: Path, delreg: Invoke) -> Iterator[sqlite3.Connection]:
    """A second connection, as another delreg would be, that can hold the write lock."""
    delreg("add", "--kind", "beslut", "--diary-number", "23RS1", "--subject", "x")
    holder = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    yield holder
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


def test_a_writer_waits_out_a_lock_held_longer_than_the_busy_timeout(
    database: Path, lock_holder: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The busy timeout alone (a tenth of a second here) would give up long before the other
    # writer is done; the retries with backoff wait for it.
    monkeypatch.setattr(store_connection, "BUSY_TIMEOUT_MS", 100)
    lock_holder.execute("BEGIN IMMEDIATE")
    lock_holder.execute(
        "UPDATE decisions SET subject = 'av den andra' WHERE diary_number = ?", ["23RS1"]
    )
    held = threading.Event()

    def release_later() -> None:
        held.wait(1.5)  # ten times the busy timeout and more
        lock_holder.execute("COMMIT")

    releaser = threading.Thread(target=release_later)
    releaser.start()
    try:
        from delreg.model import Decision

        with Store.open(database, mode=OpenMode.CREATE) as store:
            store.add(Decision("23RS2", "beslut", "väntade på sin tur"))
            assert store.require("23RS1").subject == "av den andra"
    finally:
        held.set()
        releaser.join()
    with Store.open(database, mode=OpenMode.CREATE) as store:
        assert store.require("23RS2").subject == "väntade på sin tur"


def test_a_writer_that_waits_too_long_says_so_in_plain_words(
    delreg: Invoke, database: Path, lock_holder: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_connection, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store_connection, "WRITE_WAIT_SECONDS", 0.3)
    before = database.read_bytes()
    lock_holder.execute("BEGIN IMMEDIATE")
    result = delreg("edit", "23RS1", "--subject", "y")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("delreg: error: the register") and "is busy" in first
    # How long it waited, not the busy timeout's or the ten minutes' worth it did not wait.
    assert re.search(r"for more than 0\.[123]\d* seconds", first), first
    assert "nothing was written" in result.stderr
    assert not any(word in result.stderr for word in LOCK_WORDS)
    lock_holder.execute("ROLLBACK")
    assert database.read_bytes() == before
    assert as_json(delreg("show", "23RS1", "--format", "json"))["subject"] == "x"


# An empty file a first run left is switched to WAL by whichever opener gets there first;
# SQLite answers the other busy at once, without waiting out the busy timeout.
@pytest.mark.parametrize("left_empty", [False, True], ids=["no-file", "empty-file"])
def test_two_processes_opening_a_new_register_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, left_empty: bool
) -> None:
    from delreg.store import schema

    fresh = tmp_path / "new.db"
    if left_empty:
        fresh.touch()
    read_version = schema.schema_version
    both_read = threading.Barrier(2, timeout=2)
    first_read = threading.local()

    def version_read_by_both(connection: sqlite3.Connection) -> int:
        # Both openers look at the new file before either starts to migrate it, as two
        # `delreg` commands started together by a script would.
        version = read_version(connection)
        if not getattr(first_read, "done", False):
            first_read.done = True
            # The other opener may not look at all: finding the file already being made, it
            # waits for the lock instead. Then this one goes on alone after a moment.
            with contextlib.suppress(threading.BrokenBarrierError):
                both_read.wait()
        return version

    monkeypatch.setattr(schema, "schema_version", version_read_by_both)
    failures: list[BaseException] = []

    def open_register() -> None:
        try:
            Store.open(fresh, mode=OpenMode.CREATE).close()
        except BaseException as error:
            failures.append(error)

    openers = [threading.Thread(target=open_register) for _ in range(2)]
    for opener in openers:
        opener.start()
    for opener in openers:
        opener.join()
    assert failures == []
    with Store.open(fresh, mode=OpenMode.EXISTING) as store:
        assert store.meetings() == []
    assert sorted(path.name for path in tmp_path.iterdir() if "new.db" in path.name) == [
        "new.db"
    ], "a private file the register was made under was left behind"


def test_a_read_held_up_by_another_program_names_no_ten_minute_writer(
    delreg: Invoke, database: Path, lock_holder: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program (not delreg) that holds the file exclusively blocks even readers; the reader
    gives up after the busy timeout and says so, not that a delreg wrote for ten minutes."""
    monkeypatch.setattr(store_connection, "BUSY_TIMEOUT_MS", 50)
    lock_holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    lock_holder.execute("BEGIN EXCLUSIVE")
    lock_holder.execute("UPDATE decisions SET subject = 'låst' WHERE diary_number = '23RS1'")
    result = delreg("list")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert "is busy" in first and "another program" in first and "0.05 seconds" in first, first
    assert "10 minutes" not in result.stderr and "another delreg has been" not in result.stderr
    assert not any(word in result.stderr for word in LOCK_WORDS), result.stderr
