"""An import's writes: decisions upserted by diary number in batches, notices kept, and the
decisions reported at a meeting, all in one transaction that the importer commits or rolls back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from delreg.errors import DelregError
from delreg.json_shapes import change_json
from delreg.model import EDITABLE_FIELDS, Decision, Meeting, Notice
from delreg.store import marks
from delreg.store.bulk import (
    KnownMeetings,
    SetAside,
    Staging,
    WrittenNumbers,
    bind_none_directly,
    collector_paused,
)
from delreg.store.connection import not_a_register
from delreg.store.reportings import ReportingRoom

# Rows compared and written together during an import; large enough to amortise the lookup
# of existing rows, small enough to keep memory flat.
IMPORT_BATCH = 5_000
# Batches of at least this many decisions are written through temporary tables (see
# delreg.store.bulk); a smaller one (an agenda's list) row by row, where creating those tables
# would cost more than the statements it saves.
BULK_ROWS = 100
# An import of at least this many records, and of at least as many as the register holds,
# makes the plain indexes afresh at its end instead of keeping them row by row (bulk.SetAside):
# 200 000 new decisions into a new register, 10 % less work, mostly disk.
SET_ASIDE_ROWS = 50_000


@dataclass
class ImportCounts:
    """What an import did to the register's decisions and notices."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    notices: int = 0
    # Each decision the import inserts or changes, when asked for (a dry run shows them);
    # None when not recorded, so a large import keeps no list it does not need.
    changes: list[Change] | None = None


@dataclass(frozen=True)
class Change:
    """What an import does to one decision: inserts it, or updates these fields (old, new)."""

    diary_number: str
    action: str  # "inserted" or "updated"
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return change_json(self)


def changed_fields(old: Decision, new: Decision) -> dict[str, tuple[Any, Any]]:
    """The fields that differ, as JSON values; a deleted decision an import brings back says so."""
    before, after = old.to_json(), new.to_json()
    changed = {
        name: (before[name], after[name]) for name in EDITABLE_FIELDS if before[name] != after[name]
    }
    if old.deleted:
        changed["deleted"] = (True, False)
    return changed


def merge_imported(old: Decision, new: Decision) -> Decision:
    """What an import makes of a decision the register already holds.

    An import only adds what it knows: an empty value never erases one (an agenda text has no
    decision date, a CSV may lack the delegate), and an import never lifts secrecy. Erasing and
    lifting are deliberate acts for `delreg edit`.
    """
    changes: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(new, name)
        if name == "board":
            continue  # a decision moves to another board by `delreg edit --board` only
        if name == "secret":
            changes[name] = old.secret or new.secret
        elif value not in (None, "", ()):
            changes[name] = value
    return replace(old, **changes)


class ImportRoom(ReportingRoom):
    """Imports, written batch by batch inside one transaction."""

    @contextmanager
    def importing(
        self,
        *,
        meeting: Meeting | None = None,
        record_changes: bool = False,
        board: str | None = None,
        size: int = 0,
    ) -> Iterator[Importing]:
        """One import, all in one write transaction: the importer hands over decisions and
        notices in the order read, then commits by leaving the block, or calls
        ``roll_back()`` first (a dry run, rejected items).

        Decisions are upserted by diary number; with ``meeting``, they are reported at that
        meeting, numbered in the order read. ``record_changes`` keeps each insert and update
        in the counts' ``changes``. A decision that names no board goes to ``board`` (a
        code; None: the register's unnamed board). ``size``: how many records are coming
        (0 when not known), so that a large import can set the plain indexes aside.
        """
        bind_none_directly()
        with collector_paused(), self._write():
            self._boards().ensure(board)
            if meeting:
                self._boards().ensure(meeting.board or None)
            meeting_id = self._meeting_id(meeting, create=True) if meeting else None
            writing = Importing(
                self,
                meeting_id,
                record_changes,
                board,
                self._set_aside(size),
                self._written_numbers(size),
            )
            yield writing
            writing.finish()

    def _set_aside(self, size: int) -> SetAside | None:
        """The plain indexes set aside for an import that writes most of the register."""
        if size < SET_ASIDE_ROWS:
            return None
        (held,) = self.connection.execute("SELECT count(*) FROM decisions").fetchone()
        return SetAside(self.connection) if size >= held else None

    def _written_numbers(self, size: int) -> WrittenNumbers | None:
        """What tells the numbers an import has not written, where it starts on a register that
        holds no decision (a new one): there, only it writes any (bulk.WrittenNumbers)."""
        (held,) = self.connection.execute("SELECT EXISTS (SELECT 1 FROM decisions)").fetchone()
        return None if held else WrittenNumbers(size)

    def recall_import(self, key: str) -> dict[str, Any] | None:
        """What the import of ``key`` counted, when it was the last change to the register
        (delreg.store.marks); None otherwise."""
        try:
            return marks.recall(self.connection, key)
        except sqlite3.OperationalError as error:
            raise not_a_register(self.path, error) from None

    def remember_import(self, key: str, outcome: dict[str, Any]) -> None:
        """Mark the import being written as ``key`` with what it counted: call it while the
        import's transaction is open (after ``finish``), when it will commit."""
        if not self.connection.in_transaction:
            raise DelregError("an import is remembered only inside its own transaction")
        marks.remember(self.connection, key, outcome, self._now())

    def _upsert(
        self,
        decisions: list[Decision],
        meeting_id: int | None,
        summary: ImportCounts,
        stamp: str,
        staging: Staging | None,
        board: str | None = None,
        known: KnownMeetings | None = None,
        written: WrittenNumbers | None = None,
    ) -> None:
        """Write one batch; through ``staging`` when given, else row by row. Both leave the
        register, its history and its search index the same. ``board``: the import's;
        ``known``: what its earlier batches learnt of the meetings (bulk.KnownMeetings);
        ``written``: the numbers it wrote, where the register held none before it (marked
        here as each batch is written)."""
        for code in {d.board for d in decisions}:
            self._boards().ensure(code)
        numbers = [d.diary_number for d in decisions]
        existing = self._existing(numbers if written is None else written.earlier(numbers))
        inserts: list[Decision] = []
        updates: list[tuple[Decision, Decision]] = []
        self._ensure_kinds({decision.kind for decision in decisions})
        for decision in decisions:
            found = existing.get(decision.diary_number)
            if found is None:
                inserts.append(decision)
                continue
            old = found[1]
            merged = merge_imported(old, decision)
            if old.deleted or replace(merged, source=old.source) != old:
                updates.append((old, merged))
            else:
                summary.unchanged += 1
        if summary.changes is not None:
            summary.changes.extend(Change(d.diary_number, "inserted") for d in inserts)
            summary.changes.extend(
                Change(old.diary_number, "updated", changed_fields(old, new))
                for old, new in updates
            )
        inserted = self._insert(inserts, stamp, staging, board)
        self._update(updates, stamp, staging)
        summary.inserted += len(inserts)
        summary.updated += len(updates)
        if staging is None:
            self._report_imported(decisions, meeting_id, stamp, board or "")
        else:
            # Every decision of the batch is in the register now: their ids are known, unless
            # the insert could not say which it gave (then the reportings ask for them).
            ids = None
            fresh: set[int] = set()
            if len(inserted) == len(inserts):
                ids = {number: found[0] for number, found in existing.items()} | inserted
                fresh = set(inserted.values())
            self._report_batch(decisions, meeting_id, stamp, board or "", ids, fresh, known)

    def _keep_notice(self, notice: Notice, meeting_id: int | None, summary: ImportCounts) -> None:
        summary.notices += 1
        duplicate = self._query(
            "SELECT 1 FROM notices WHERE meeting_id IS ? AND text = ?", [meeting_id, notice.text]
        ).fetchone()
        if duplicate:
            return
        position = self._query(
            "SELECT coalesce(max(position), 0) + 1 FROM notices WHERE meeting_id IS ?",
            [meeting_id],
        ).fetchone()[0]
        self._query(
            "INSERT INTO notices (meeting_id, position, text, date, source) VALUES (?, ?, ?, ?, ?)",
            [meeting_id, position, notice.text, notice.date, notice.source],
        )


class Importing:
    """An import under way inside its write transaction (``Store.importing``)."""

    def __init__(
        self,
        store: ImportRoom,
        meeting_id: int | None,
        record_changes: bool,
        board: str | None,
        aside: SetAside | None = None,
        written: WrittenNumbers | None = None,
    ) -> None:
        self._store = store
        self._aside = aside
        self._written = written
        self._meeting_id = meeting_id
        self._board = board
        self.counts = ImportCounts(changes=[] if record_changes else None)
        self._stamp = store._now()
        self._batch: dict[str, Decision] = {}
        self._staging: Staging | None = None
        self._known = KnownMeetings()
        self._finished = False

    def decision(self, decision: Decision) -> None:
        """Upsert ``decision``; written in batches, a repeated diary number in a later one so
        that it merges with what the first wrote."""
        if decision.diary_number in self._batch or len(self._batch) >= IMPORT_BATCH:
            self._write_batch()
        self._batch[decision.diary_number] = decision

    def notice(self, notice: Notice) -> None:
        self._store._keep_notice(notice, self._meeting_id, self.counts)

    def finish(self) -> ImportCounts:
        """Write what is still batched; the counts are then complete (the transaction is
        still open: it commits when the ``importing`` block ends)."""
        if self._finished:
            return self.counts
        if self._batch:
            self._write_batch()
        if self._staging is not None:
            self._staging.drop()
            self._staging = None
        if self._aside is not None:
            # Before the commit or the rollback that follows, inside the transaction.
            self._aside.restore()
            self._aside = None
        self._store._boards().settle()
        self._finished = True
        return self.counts

    def roll_back(self) -> None:
        """Undo the whole import: nothing of it is written."""
        self.finish()
        self._store.connection.execute("ROLLBACK")

    def _write_batch(self) -> None:
        decisions = list(self._batch.values())
        self._batch = {}
        # Once one batch was staged, every later one is: the search index's trigger is set
        # aside until the import finishes (delreg.store.bulk.Staging).
        staging = self._staging
        if staging is None and len(decisions) >= BULK_ROWS:
            staging = self._staging = Staging(self._store.connection)
        self._store._upsert(
            decisions,
            self._meeting_id,
            self.counts,
            self._stamp,
            staging,
            self._board,
            self._known,
            self._written,
        )
