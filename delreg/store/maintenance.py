"""Keeping the register file sound: consistent backups, checked restores, verification."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from delreg.errors import DelregError, StoreError
from delreg.store.connection import connect, create_private_file, not_a_register
from delreg.store.schema import SCHEMA_VERSION, schema_version

REQUIRED_TABLES = {"decisions", "meetings", "reportings", "notices", "events", "kinds"}


@dataclass(frozen=True)
class Problem:
    check: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"check": self.check, "message": self.message}


def backup(connection: sqlite3.Connection, target: Path, *, overwrite: bool = False) -> None:
    """Copy the register with SQLite's online backup API: a consistent snapshot even while
    other processes write, unlike copying the file (which can catch a half-applied WAL)."""
    if target.exists() and not overwrite:
        raise DelregError(
            f"{str(target)!r} exists already", hint="choose another name or add --overwrite"
        )
    if target.exists():
        target.unlink()
    create_private_file(target)
    destination = sqlite3.connect(target)
    try:
        connection.backup(destination)
    except sqlite3.Error as error:
        destination.close()
        target.unlink(missing_ok=True)
        raise StoreError(f"the backup to {str(target)!r} failed: {error}") from None
    destination.close()


def verify(
    connection: sqlite3.Connection, normalise: Callable[[str], str] | None = None
) -> list[Problem]:
    """SQLite's own integrity check plus the register's invariants."""
    problems: list[Problem] = []
    for (result,) in connection.execute("PRAGMA integrity_check"):
        if result != "ok":
            problems.append(Problem("integrity", result))
    for row in connection.execute("PRAGMA foreign_key_check"):
        problems.append(Problem("foreign-keys", f"{row[0]} row {row[1]} points at no {row[2]}"))
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    missing = REQUIRED_TABLES - tables
    if missing:
        problems.append(Problem("schema", "missing tables: " + ", ".join(sorted(missing))))
        return problems
    problems.extend(_full_text_in_sync(connection))
    if normalise is not None:
        problems.extend(_numbers_normalised(connection, normalise))
    return problems


def _full_text_in_sync(connection: sqlite3.Connection) -> list[Problem]:
    try:
        # FTS5's own check that the index matches its external content table.
        connection.execute(
            "INSERT INTO decisions_fts(decisions_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError as error:
        return [Problem("full-text", f"the search index is out of step: {error}")]
    return []


def _numbers_normalised(
    connection: sqlite3.Connection, normalise: Callable[[str], str]
) -> list[Problem]:
    problems = []
    for (number,) in connection.execute("SELECT diary_number FROM decisions"):
        try:
            canonical = normalise(number)
        except DelregError as error:
            problems.append(Problem("diary-number", f"{number!r}: {error.message}"))
            continue
        if canonical != number:
            problems.append(Problem("diary-number", f"{number!r} is stored unnormalised"))
    return problems


@contextmanager
def _staged(source: Path) -> Iterator[sqlite3.Connection]:
    """A private working copy of ``source``, verified; the user's file is only ever read.

    FTS5's integrity check is written as an INSERT, so it cannot run on a read-only file.
    """
    if not source.is_file():
        raise DelregError(f"no such file {str(source)!r}")
    with tempfile.TemporaryDirectory(prefix="delreg-restore-") as folder:
        staged = Path(folder) / "staged.db"
        try:
            origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            # Autocommit: the FTS check is an INSERT and must not leave a transaction open.
            copy = sqlite3.connect(staged, isolation_level=None)
            try:
                origin.backup(copy)
            finally:
                origin.close()
            version = schema_version(copy)
        except sqlite3.DatabaseError as error:
            raise not_a_register(source, error) from None
        try:
            if version == 0 or version > SCHEMA_VERSION:
                raise StoreError(
                    f"cannot restore {str(source)!r}: not a register of this delreg "
                    f"(schema {version})"
                )
            problems = verify(copy)
            if problems:
                raise StoreError(
                    f"cannot restore {str(source)!r}: {problems[0].check}: {problems[0].message}",
                    hint="it was not restored; the register is unchanged",
                )
            yield copy
        finally:
            copy.close()


def check_backup(source: Path) -> None:
    """Refuse a file to restore from unless it is a sound register this delreg can read."""
    with _staged(source):
        pass


def restore(source: Path, target: Path, keep_copy: Path) -> None:
    """Replace the register at ``target`` with ``source``, keeping the old one at ``keep_copy``.

    What is restored is the verified working copy, through the backup API into the live
    file, so readers never see a half-written register and nothing of the old one is lost.
    """
    with _staged(source) as verified:
        if target.exists():
            current = connect(target)
            try:
                backup(current, keep_copy)
            finally:
                current.close()
        else:
            create_private_file(target)
        destination = connect(target)
        try:
            verified.backup(destination)
        except sqlite3.Error as error:
            raise StoreError(
                f"the restore failed: {error}", hint=f"the old register is in {keep_copy}"
            ) from None
        finally:
            destination.close()
