"""The history as a chain that proves itself: every event carries a SHA-256 that covers it and
the event before it, so an event changed, inserted or removed behind delreg's back breaks the
chain at that place.

An event's hash is SHA-256 over the UTF-8 bytes of the previous event's hash (64 hex digits;
for the first event, 64 zeros) followed by the event's canonical serialisation: the JSON array

    [id, at, user, action, diary_number, old, new, command]

written without ASCII escapes, with ", " between items, ``null`` for an empty value, and
``old`` and ``new`` as the JSON texts the events table stores (strings, not objects). Anyone can
recompute it from a copy of the table with sqlite3 and any SHA-256 tool; delreg's own
``verify`` does, and names the first event where it breaks. In Python it is exactly
``json.dumps(list(event), ensure_ascii=False)`` (``columns.json_text``); ``canonical`` writes
the same bytes without setting up an encoder for every event (tests/store/test_event_text.py
holds the two equal for any text, None and number in any place).

Every event delreg writes goes through ``append``, inside the writer's transaction. It reads
the last hash once per call and chains the new events in memory: linear in the events written,
the same for a bulk import's batch and for one edit, so both paths give the same table.
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from delreg.store.columns import json_string, json_value

GENESIS = "0" * 64
# What a writer knows of an event: (at, user, action, diary_number, old, new, command), with
# old and new already JSON text.
EventRow = tuple[str, str, str, str | None, str | None, str | None, str]
_COLUMNS = "id, at, user, action, diary_number, old, new, command"
# The chain is computed over the rows in id order in slices this large, to keep memory flat.
_SLICE = 10_000


def now() -> str:
    """An event's time: UTC, to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def current_user() -> str:
    """An event's user: the OS user who ran delreg."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def canonical(event: Sequence[Any]) -> str:
    """An event's canonical serialisation: ``json_text(list(event))``, byte for byte."""
    return (
        "["
        + ", ".join(
            [json_string(value) if type(value) is str else json_value(value) for value in event]
        )
        + "]"
    )


def event_hash(previous: str, event: Sequence[Any]) -> str:
    """The hash of ``event`` (id, at, user, action, diary_number, old, new, command) after
    the event whose hash is ``previous``."""
    from hashlib import sha256  # see append

    return sha256((previous + canonical(event)).encode()).hexdigest()


def last_link(connection: sqlite3.Connection) -> tuple[int, str]:
    """The id and hash of the newest event; (0, GENESIS) in an empty history."""
    row = connection.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return 0, GENESIS
    return int(row[0]), row[1] or GENESIS


def append(connection: sqlite3.Connection, events: Iterable[EventRow]) -> None:
    """Write ``events`` after the newest, each chained to the one before it.

    Call it inside the transaction that makes the change, so no other writer can come in
    between reading the last hash and writing the next.
    """
    # Imported here, not with the module: hashlib loads OpenSSL (2-3 ms), and every command
    # that opens the register imports this module, most of them only to read.
    from hashlib import sha256

    last_id, previous = last_link(connection)
    rows: list[tuple[Any, ...]] = []
    # event_hash written out, as a large import chains two events per decision it writes:
    # the time, user, action and command of a call's events are mostly the same, and are
    # encoded once each (tests/store/test_event_text.py: every hash is the recipe's).
    shared: dict[tuple[Any, ...], tuple[str, str]] = {}
    for event_id, event in enumerate(events, start=last_id + 1):
        at, user, action, number, old, new, command = event
        around = shared.get((at, user, action, command))
        if around is None:
            around = shared[(at, user, action, command)] = (
                f", {json_value(at)}, {json_value(user)}, {json_value(action)}, ",
                f", {json_value(command)}]",
            )
        middle = f"{json_value(number)}, {json_value(old)}, {json_value(new)}"
        previous = sha256(
            f"{previous}[{event_id}{around[0]}{middle}{around[1]}".encode()
        ).hexdigest()
        rows.append((event_id, *event, previous))
    if rows:
        connection.executemany(
            f"INSERT INTO events ({_COLUMNS}, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )


def _in_order(connection: sqlite3.Connection) -> Iterator[tuple[Any, ...]]:
    """Every event with its stored hash, by id, read slice by slice (safe while the caller
    updates rows already read)."""
    after = -1
    while True:
        rows = connection.execute(
            f"SELECT {_COLUMNS}, hash FROM events WHERE id > ? ORDER BY id LIMIT ?",
            [after, _SLICE],
        ).fetchall()
        if not rows:
            return
        yield from rows
        after = rows[-1][0]


def chain_history(connection: sqlite3.Connection) -> None:
    """Compute the hash of every event in id order (the migration that starts the chain)."""
    previous = GENESIS
    pending: list[tuple[str, int]] = []
    for row in _in_order(connection):
        previous = event_hash(previous, row[:-1])
        pending.append((previous, row[0]))
        if len(pending) >= _SLICE:
            connection.executemany("UPDATE events SET hash = ? WHERE id = ?", pending)
            pending = []
    connection.executemany("UPDATE events SET hash = ? WHERE id = ?", pending)


@dataclass(frozen=True)
class BrokenLink:
    """Where the chain first breaks: the event, and what is wrong there."""

    event_id: int
    action: str
    diary_number: str | None
    at: str
    reason: str

    def message(self) -> str:
        subject = f"{self.action} of {self.diary_number}" if self.diary_number else self.action
        return f"the history's chain breaks at event {self.event_id} ({subject} at {self.at}): " + (
            self.reason
        )


def first_broken_link(connection: sqlite3.Connection) -> BrokenLink | None:
    """The first event whose hash does not follow from it and the event before it; None when
    the whole chain holds. Reads only."""
    previous = GENESIS
    previous_id = 0
    for row in _in_order(connection):
        event_id, at, _, action, diary_number = row[:5]
        stored = row[-1]
        reason = None
        if event_id != previous_id + 1:
            reason = f"events {previous_id + 1}–{event_id - 1} before it are missing"
        elif stored is None:
            reason = "it has no hash (written behind delreg's back?)"
        elif event_hash(previous, row[:-1]) != stored:
            reason = (
                "it is not the event its hash was made for: it, or the one before it, "
                "was changed behind delreg's back"
            )
        if reason is not None:
            return BrokenLink(event_id, action, diary_number, at, reason)
        previous, previous_id = stored, event_id
    return None
