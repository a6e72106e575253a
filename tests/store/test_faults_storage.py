"""Faults of the file under the register: a full disk, a read-only file, a missing folder, a
file that is not a register, a damaged one, one from a newer delreg.

Each gives one clear line and exit code 2, writes nothing, and leaves the data as it was.
"""

from __future__ import annotations

import gc
import os
import resource
import signal
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import ADD, Invoke, as_json, one_clear_line, snapshot
from tests.helpers.processes import assert_sound, run_delreg, write_export

# A decision too large for what is left of the disk below: a subject of nearly 100 kB (an
# argument may be at most 128 kB), written twice (the row and its history).
LARGE_ADD = (*ADD[:-1], "nytt beslut " * 8_000)


def seeded(delreg: Invoke, database: Path) -> str:
    for serial in (1, 2, 3):
        result = delreg(
            "add", "--kind", "beslut", "--diary-number", f"23RS{serial}", "--subject", "x"
        )
        assert result.exit_code == 0, result.stderr
    return snapshot(database)


def file_size_limit(limit: int) -> None:
    """In the child: writes past ``limit`` bytes fail with EFBIG, as on a full disk, instead of
    killing the process (SIGXFSZ ignored)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize(
    ("limit", "command"),
    [(128 << 10, LARGE_ADD), (256 << 10, ("import", "{export}"))],
    ids=["add", "import"],
)
def test_a_full_disk_writes_nothing(
    delreg: Invoke,
    database: Path,
    tmp_path: Path,
    limit: int,
    command: tuple[str, ...],
) -> None:
    before = seeded(delreg, database)
    export = write_export(tmp_path / "export.csv", 1, rows=3_000)
    arguments = [part.format(export=export) for part in command]
    done = run_delreg(*arguments, preexec_fn=lambda: file_size_limit(limit))
    assert done.returncode == 2, done.stderr
    assert "could not be written" in one_clear_line(done.stderr)
    assert "nothing was written" in done.stderr
    assert_sound(database, "after the full disk")
    assert snapshot(database) == before


def test_a_really_full_disk_says_so(delreg: Invoke, small_filesystem: Path, tmp_path: Path) -> None:
    database = small_filesystem / "register.db"
    for serial in (1, 2, 3):
        delreg(
            "--db",
            str(database),
            "add",
            "--kind",
            "beslut",
            "--diary-number",
            f"23RS{serial}",
            "--subject",
            "x",
        )
    before = snapshot(database)
    export = write_export(tmp_path / "export.csv", 1, rows=3_000)
    result = delreg("--db", str(database), "import", str(export))
    assert result.exit_code == 2
    assert "the disk is full" in one_clear_line(result.stderr)
    assert_sound(database, "after ENOSPC")
    assert snapshot(database) == before
    # The space a failed import took is given back: a small change still fits.
    again = delreg("--db", str(database), *ADD)
    assert again.exit_code == 0, again.stderr


def test_a_read_only_register_refuses_writes_and_still_reads(
    delreg: Invoke, database: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    before = seeded(delreg, database)
    content = database.read_bytes()
    request.getfixturevalue("read_only")
    export = write_export(tmp_path / "export.csv", 1, rows=200)
    for command in (ADD, ("import", str(export)), ("edit", "23RS1", "--subject", "y")):
        result = delreg(*command)
        assert result.exit_code == 2, (command, result.stdout)
        assert "read-only" in one_clear_line(result.stderr), command
    listed = delreg("list", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    assert len(as_json(listed)) == 3
    assert database.read_bytes() == content
    assert snapshot(database) == before


def test_a_missing_folder_is_named_and_not_created(delreg: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "finns inte" / "register.db"
    for command in (ADD, ("list",), ("import", "-")):
        result = delreg("--db", str(missing), *command, input="")
        assert result.exit_code == 2
        assert "does not exist" in one_clear_line(result.stderr)
    assert not missing.parent.exists()


def test_a_folder_where_the_register_should_be(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DELREG_DB", str(tmp_path))
    for command in (("list",), ADD):
        result = delreg(*command)
        assert result.exit_code == 2
        assert "cannot open the register" in one_clear_line(result.stderr)
    assert sorted(tmp_path.iterdir()) == []


NOT_REGISTERS = {
    "text.db": "Det här är en anteckning, inte ett register.\n".encode() * 200,
    "random.db": bytes(range(256)) * 64,
    "looks-like-sqlite.db": b"SQLite format 3\x00" + b"\xff" * 8000,
}


@pytest.mark.parametrize("name", sorted(NOT_REGISTERS))
def test_a_file_that_is_not_a_register_is_left_alone(
    delreg: Invoke, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(NOT_REGISTERS[name])
    for command in (("list",), ADD, ("verify",), ("backup", str(tmp_path / "copy.db"))):
        result = delreg("--db", str(path), *command)
        assert result.exit_code == 2, (command, result.stdout)
        line = one_clear_line(result.stderr)
        assert "not a delreg register" in line or "damaged" in line, line
    assert path.read_bytes() == NOT_REGISTERS[name]
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_damaged_register_gives_one_line(delreg: Invoke, database: Path, tmp_path: Path) -> None:
    assert delreg("import", str(write_export(tmp_path / "export.csv", 1, rows=300))).exit_code == 0
    data = bytearray(database.read_bytes())
    page = 4096
    # Scribble over every page but the first (the header and the schema): the tables' b-trees.
    data[page:] = b"\x5a" * (len(data) - page)
    database.write_bytes(bytes(data))
    for command in (("list", "--format", "json"), ADD, ("list", "--search", "x")):
        result = delreg(*command)
        assert result.exit_code == 2, (command, result.stdout[:200])
        line = one_clear_line(result.stderr)
        assert "damaged" in line or "not a delreg register" in line, line
    checked = delreg("verify")
    assert checked.exit_code in (1, 2), checked.stderr
    assert "Traceback" not in checked.stderr


def test_a_register_from_a_newer_delreg_is_refused_untouched(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    seeded(delreg, database)
    gc.collect()  # snapshot()'s connection, which would keep the file from leaving WAL mode
    with closing(sqlite3.connect(database)) as connection:
        # A rollback-journal file: switching it to WAL would rewrite its header.
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA user_version = 99")
    content = database.read_bytes()
    export = write_export(tmp_path / "export.csv", 1, rows=50)
    for command in (("list",), ADD, ("import", str(export)), ("verify",)):
        result = delreg(*command)
        assert result.exit_code == 2, command
        assert "made by a newer delreg" in one_clear_line(result.stderr)
    assert database.read_bytes() == content
    assert not Path(f"{database}-wal").exists()


def test_an_sqlite_error_that_escapes_the_store_is_still_one_line(
    delreg: Invoke, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line's safety net: SQLite errors are the store's to translate, but one that
    slips through (a read failing half-way through a listing) must not become a traceback."""
    from delreg.store import Store

    seeded(delreg, database)

    def failing_listing(self: Store, query: object) -> Iterator[object]:
        yield from ()
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(Store, "decisions", failing_listing)
    result = delreg("list")
    assert result.exit_code == 2
    assert "is damaged" in one_clear_line(result.stderr)


def test_register_wal_and_shm_are_private_whatever_the_umask(
    delreg: Invoke, database: Path
) -> None:
    previous = os.umask(0)
    try:
        assert delreg(*ADD).exit_code == 0
        # Another connection keeps the register open, so the -wal and -shm files stay.
        with closing(sqlite3.connect(database)) as reader:
            reader.execute("SELECT count(*) FROM decisions").fetchone()
            result = delreg("add", "--kind", "beslut", "--diary-number", "24RS10", "--subject", "y")
            assert result.exit_code == 0
            modes = {
                suffix: stat.S_IMODE(os.stat(f"{database}{suffix}").st_mode)
                for suffix in ("", "-wal", "-shm")
            }
    finally:
        os.umask(previous)
    assert modes == {"": 0o600, "-wal": 0o600, "-shm": 0o600}
