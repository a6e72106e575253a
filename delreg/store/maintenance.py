"""Keeping the register file sound: consistent backups, checked restores, verification."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from delreg.errors import DelregError, StoreError
from delreg.store.connection import connect, create_private_file, not_a_register
from delreg.store.schema import SCHEMA_VERSION, schema_version

REQUIRED_TABLES = {"decisions", "meetings", "reportings", "notices", "events", "kinds"}
# The events that change a decision's fields; "report" and "ack" events say other things.
STATE_EVENTS = ("insert", "update", "delete", "undelete")
# A register changed behind delreg's back can break the history of every row; name a few.
MAX_HISTORY_PROBLEMS = 20


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
    if not target.parent.is_dir():
        # Not create_private_file's message: that one is about the register and --db.
        raise DelregError(
            f"cannot write the backup: folder {str(target.parent)!r} does not exist",
            hint=f"create it first (mkdir -p {target.parent}) or back up to another folder",
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
    problems.extend(_history_replays(connection))
    problems.extend(_history_chained(connection))
    return problems


def _history_chained(connection: sqlite3.Connection) -> list[Problem]:
    """The events' hash chain holds from the first event to the last (delreg.store.trail)."""
    from delreg.store.trail import first_broken_link

    broken = first_broken_link(connection)
    return [] if broken is None else [Problem("chain", broken.message())]


def _history_replays(connection: sqlite3.Connection) -> list[Problem]:
    """Every decision's history, replayed, ends in its current values: the trail is whole.

    Each update and delete must start from what the event before it left (no change went
    unrecorded in between), and the last one must leave the row as it is now. Both tables are
    read in diary-number order and merged, so memory stays flat for a million decisions.
    """
    from delreg.store.rows import DECISION_SELECT, decision_from_row, event_values

    marks = ", ".join("?" * len(STATE_EVENTS))
    events = connection.execute(
        f"SELECT diary_number, action, old, new FROM events WHERE action IN ({marks}) "
        "ORDER BY diary_number, id",
        STATE_EVENTS,
    )
    histories = groupby(events, key=itemgetter(0))
    pending = next(histories, None)
    problems: list[str] = []
    for row in connection.execute(DECISION_SELECT + " ORDER BY d.diary_number"):
        decision = decision_from_row(row)
        # Histories of numbers that sort before this one belong to no decision.
        while pending is not None and pending[0] < decision.diary_number:
            problems.append(f"{pending[0]} has a history but is not in the register")
            pending = next(histories, None)
        if pending is None or pending[0] != decision.diary_number:
            problems.append(f"{decision.diary_number} has no history")
            continue
        replayed = _replay(pending[1])
        pending = next(histories, None)
        if isinstance(replayed, str):
            problems.append(f"{decision.diary_number}: {replayed}")
        elif replayed != (event_values(decision), decision.deleted):
            problems.append(
                f"{decision.diary_number}: its history does not end in its current values "
                "(changed outside delreg?)"
            )
    while pending is not None:
        problems.append(f"{pending[0]} has a history but is not in the register")
        pending = next(histories, None)
    shown = [Problem("history", message) for message in problems[:MAX_HISTORY_PROBLEMS]]
    if len(problems) > MAX_HISTORY_PROBLEMS:
        more = len(problems) - MAX_HISTORY_PROBLEMS
        shown.append(Problem("history", f"and {more} more decisions like these"))
    return shown


def _replay(events: Iterable[tuple[str, str, str | None, str | None]]) -> Any:
    """(values, deleted) after a decision's events in order, or why they do not chain."""
    state: dict[str, Any] | None = None
    deleted = False
    for _, action, old_text, new_text in events:
        old = json.loads(old_text) if old_text else None
        new = json.loads(new_text) if new_text else None
        if action != "insert" and old is not None and old != state:
            return f"a {action} starts from values its history never reached"
        if action == "delete":
            deleted = True
        else:
            state, deleted = new, False
    return state, deleted


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
        raise DelregError(
            f"no such file {str(source)!r}", hint="give a file that `delreg backup` wrote"
        )
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
