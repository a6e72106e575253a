"""Writing a large import's batches: staged rows, and where each decision was reported.

The full-text index is kept by triggers on the decisions table. FTS5 writes out what it has
gathered at the end of every statement, so inserting row by row (executemany) leaves one tiny
index segment per row for FTS5 to merge again: 26 µs a row, two thirds of a plain import's time.
So a batch's changes reach the index in one statement each:

- updates are written to a temporary table that has no index and no trigger, and then moved
  into decisions by one UPDATE: the same triggers fire for every row, inside one statement;
- inserts go straight into decisions by one executemany while the index's insert trigger is
  set aside (``SearchIndexAside``), and are then indexed by one INSERT … SELECT of the values
  the trigger copies. (Through a temporary table, like the updates, each row would be written
  and read once more: 6 % of the store's work in a large import.) The trigger is made again
  before the import commits, inside its transaction, so a failed or killed import leaves it as
  it was; where it is not of the shape the schema made, it is left to fire, and inserts take
  a temporary table too.

The register's bookkeeping of reportings (which meeting, which item number) is done per batch
too, with the same rules as ``Store._add_reporting`` applies one decision at a time.
"""

from __future__ import annotations

import gc
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import compress, repeat
from typing import Any

from delreg.store.columns import STORED_FIELDS

_COLUMNS = ", ".join(STORED_FIELDS)
_STAMPED = f"{_COLUMNS}, created_at, updated_at"
# Stay well under SQLite's limit on bound parameters.
LOOKUP_CHUNK = 500


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while an import writes.

    A batch is thousands of decisions, rows and texts, none in a cycle (tests/store/test_bulk.py
    holds an import to that): the collector's passes over them, a few thousand in a large
    import, find nothing and cost a twentieth of the writing. Memory is still freed as
    before, by reference counting; the collector runs again after the import.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def bind_none_directly() -> None:
    """Let sqlite3 bind Python's None as SQL NULL without first asking how to adapt it.

    The sqlite3 module binds str, int, float and bytearray at once; anything else, None too,
    is first looked up as a type to adapt: an AttributeError raised, its message written and
    thrown away, a quarter of a microsecond each time. A large import binds ten or more Nones
    a decision (its empty fields, each event's old value). With an adapter registered for None
    that gives None back (``{}.get``: in C, no frame), the lookup finds it at once, and None is
    still bound as NULL: the same statements and the same register. The registry is the
    module's, for the whole process; registering again changes nothing.
    """
    sqlite3.register_adapter(type(None), _NONE)


# A callable in C that gives None for None: {}.get(key) finds nothing.
_NONE: Any = {}.get


# The slots of WrittenNumbers: 64 KiB to 8 MiB.
FEWEST_SLOT_BITS = 16
MOST_SLOT_BITS = 23


class WrittenNumbers:
    """The diary numbers an import has written into a register that held no decision before
    it, kept only so far as to tell that a number is *not* among them: one byte a slot, marked
    at the slot of each number's hash (a Bloom filter of one hash function).

    In such a register every decision is one the import wrote, so a number never marked is in
    no row and need not be looked up: only the numbers a batch repeats from an earlier one, and
    the few whose slot another number marked, are asked for (a 200 000-row export's lookups
    cost 0.1-0.2 s). At eight slots a number about one in nine of those not held is asked all
    the same (2 MB for 200 000 numbers; 8 MB at most, and more numbers then only mean more
    asked). Every step is a ``map`` in C: no Python loop a number.
    """

    def __init__(self, coming: int) -> None:
        slots = 1 << min(max((8 * coming).bit_length(), FEWEST_SLOT_BITS), MOST_SLOT_BITS)
        self._marks = bytearray(slots)
        self._slot = (slots - 1).__and__

    def earlier(self, numbers: list[str]) -> list[str]:
        """The numbers of a batch about to be written that an earlier batch may have written
        (every one it did, and a few more); all of them are marked as written now."""
        slots = list(map(self._slot, map(hash, numbers)))
        found = list(compress(numbers, map(self._marks.__getitem__, slots)))
        deque(map(self._marks.__setitem__, slots, repeat(1)), 0)
        return found


class Staging:
    """How an import's batches go into decisions: the temporary tables they pass through, and
    the search index's insert trigger set aside meanwhile.

    The tables live in the connection's temp schema (never in the register file) and are
    emptied after each batch; ``drop`` removes them, and makes the trigger again, when the
    import is done. Every batch written after the first must pass here, since the trigger does
    not index what is inserted otherwise.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        # Taken at the first insert: an import that only updates leaves the schema alone.
        self.search: SearchIndexAside | None = None
        self.inserting = False
        # Keyed by diary number: the UPDATE finds each decision's new values by it.
        keyed = ", ".join(
            f"{name} TEXT PRIMARY KEY" if name == "diary_number" else name for name in STORED_FIELDS
        )
        connection.execute(f"CREATE TEMP TABLE IF NOT EXISTS staged_updates ({keyed}, updated_at)")

    def insert(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows of (STORED_FIELDS…, created_at, updated_at), in order."""
        if not rows:
            return
        marks = ", ".join("?" * (len(STORED_FIELDS) + 2))
        execute = self.connection.execute
        if not self.inserting:
            self.inserting = True
            self.search = SearchIndexAside.take(self.connection)
            if self.search is None:
                execute(f"CREATE TEMP TABLE IF NOT EXISTS staged_inserts ({_STAMPED})")
        if self.search is not None:
            (highest,) = execute("SELECT coalesce(max(rowid), 0) FROM main.decisions").fetchone()
            self.connection.executemany(
                f"INSERT INTO main.decisions ({_STAMPED}) VALUES ({marks})", rows
            )
            self.search.index_after(highest)
            return
        self.connection.executemany(f"INSERT INTO temp.staged_inserts VALUES ({marks})", rows)
        # In staging order, so the rows get the ids a row-by-row insert would give them.
        execute(
            f"INSERT INTO main.decisions ({_STAMPED}) "
            f"SELECT {_STAMPED} FROM temp.staged_inserts ORDER BY rowid"
        )
        execute("DELETE FROM temp.staged_inserts")

    def update(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """Overwrite decisions with rows of (STORED_FIELDS…, updated_at), found by diary
        number, and bring back the deleted among them (as ``Store._update`` does)."""
        if not rows:
            return
        marks = ", ".join("?" * (len(STORED_FIELDS) + 1))
        execute = self.connection.execute
        self.connection.executemany(
            f"INSERT INTO temp.staged_updates ({_COLUMNS}, updated_at) VALUES ({marks})", rows
        )
        execute(
            f"UPDATE main.decisions SET ({_COLUMNS}, updated_at, deleted_at) = "
            f"(SELECT {_COLUMNS}, s.updated_at, NULL FROM temp.staged_updates s "
            "WHERE s.diary_number = decisions.diary_number) "
            "WHERE diary_number IN (SELECT diary_number FROM temp.staged_updates)"
        )
        execute("DELETE FROM temp.staged_updates")

    def drop(self) -> None:
        if self.search is not None:
            self.search.restore()
            self.search = None
        self.connection.execute("DROP TABLE IF EXISTS temp.staged_inserts")
        self.connection.execute("DROP TABLE IF EXISTS temp.staged_updates")


class SearchIndexAside:
    """The search index's insert trigger, dropped for an import's batches and made again
    before it commits (see the module's text)."""

    TABLE = "decisions"
    INDEX = "decisions_fts"

    def __init__(self, connection: sqlite3.Connection, trigger: str, index: str) -> None:
        self.connection = connection
        self.trigger = trigger
        self.index = index

    @classmethod
    def take(cls, connection: sqlite3.Connection) -> SearchIndexAside | None:
        """Drop the insert trigger and return what makes it again and does its work; None
        (nothing dropped) unless it is the one trigger on inserts, of the schema's shape."""
        found = connection.execute(
            "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = ? AND sql LIKE '% AFTER INSERT ON %'",
            [cls.TABLE],
        ).fetchall()
        if len(found) != 1:
            return None
        name, sql = found[0]
        columns = [row[1] for row in connection.execute(f'PRAGMA main.table_info("{cls.INDEX}")')]
        quoted = ", ".join(f'"{column}"' for column in columns)
        values = ", ".join(f'new."{column}"' for column in columns)
        # What sqlite-utils' enable_fts(create_triggers=True) writes (store/schema.py).
        expected = (
            f'CREATE TRIGGER "{name}" AFTER INSERT ON "{cls.TABLE}" BEGIN\n'
            f'  INSERT INTO "{cls.INDEX}" (rowid, {quoted}) VALUES (new.rowid, {values});\nEND'
        )
        if not columns or sql != expected:
            return None
        connection.execute(f'DROP TRIGGER main."{name}"')
        index = (
            f'INSERT INTO main."{cls.INDEX}" (rowid, {quoted}) '
            f"SELECT rowid, {quoted} FROM main.{cls.TABLE} WHERE rowid > ? ORDER BY rowid"
        )
        return cls(connection, sql, index)

    def index_after(self, highest: int) -> None:
        """Index the rows inserted after the row ``highest``, as the trigger would have."""
        self.connection.execute(self.index, [highest])

    def restore(self) -> None:
        self.connection.execute(self.trigger)


class SetAside:
    """The plain (not unique) indexes of the tables an import writes, dropped for the import
    and made again before it commits, when it writes most of what the tables will hold.

    An index kept while rows come in out of its order (dates, diary numbers, boards) is written
    a page here, a page there: once the indexes outgrow SQLite's page cache, nearly every row
    reads and writes pages of each. Made afterwards, each index is one sort of rows already in
    the table. The unique indexes stay (an import looks its rows up by them, and they keep
    their rules). It is all one transaction, so a failed or killed import leaves the indexes
    as they were, and the statements that make them again are the ones the register holds.
    """

    TABLES = ("decisions", "events", "reportings")

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        marks = ", ".join("?" * len(self.TABLES))
        self.indexes: list[tuple[str, str]] = connection.execute(
            "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name",
            self.TABLES,
        ).fetchall()
        for name, _ in self.indexes:
            connection.execute(f'DROP INDEX main."{name}"')

    def restore(self) -> None:
        for _, sql in self.indexes:
            self.connection.execute(sql)
        self.indexes = []


# A decision reported at a meeting: (diary number, decision id, meeting id, item); a plain
# tuple, as a batch plans thousands.
Reporting = tuple[str, int, int, int]


@dataclass
class MeetingItems:
    """What a meeting's list holds so far, as far as a batch needs to know it."""

    highest: int
    taken: set[int] = field(default_factory=set)


@dataclass
class KnownMeetings:
    """What an import learnt of the meetings it reports at, kept from one batch to the next:
    no one else writes meetings or reportings while it holds the write transaction.

    ``ids``, by the (date, board) the rows name, hold only while no meeting is added (a date
    named without a board finds the one meeting of that date, or, once there are two, none):
    each batch compares ``mark`` (how many meetings, and the highest id) and starts afresh
    when it changed. A meeting's date and highest item are the import's to know once read:
    ``highest`` is updated by every batch that reports at the meeting.
    """

    mark: tuple[int, int] | None = None
    ids: dict[tuple[str, str], int] = field(default_factory=dict)
    dates: dict[int, str] = field(default_factory=dict)
    highest: dict[int, int] = field(default_factory=dict)


def plan_reportings(
    asked: Iterable[tuple[str, int, int | None]],
    ids: Mapping[str, int],
    reported: set[tuple[int, int]],
    meetings: dict[int, MeetingItems],
) -> list[Reporting]:
    """The reportings to add for ``asked`` (diary number, meeting id, item or None), in order,
    by the rules of ``Store._add_reporting``: a decision already reported at the meeting stays
    as it is; it keeps its item number unless that is missing or taken, when it gets the
    meeting's next free number after the highest.

    ``ids`` holds each decision's id by its diary number; ``reported`` the (decision id,
    meeting id) pairs the register has; ``meetings`` each meeting's highest item and which of
    the items asked for are taken. Both are updated.
    """
    planned: list[Reporting] = []
    add = planned.append
    for diary_number, meeting_id, item in asked:
        decision_id = ids[diary_number]
        if (decision_id, meeting_id) in reported:
            continue
        meeting = meetings[meeting_id]
        if item is None or item in meeting.taken:
            item = meeting.highest + 1
        meeting.taken.add(item)
        if item > meeting.highest:
            meeting.highest = item
        reported.add((decision_id, meeting_id))
        add((diary_number, decision_id, meeting_id, item))
    return planned


def chunks(values: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
