"""The register: the only place that reads and writes decisions, meetings and their history."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from delreg.boards import Board, Boards
from delreg.errors import Conflict, DelregError, NotFound
from delreg.model import EDITABLE_FIELDS, Decision, Meeting, Notice, secret_by_reason
from delreg.parse import Record, Rejected
from delreg.store import marks
from delreg.store.boards import Added, BoardWriter, board_sizes, read_boards
from delreg.store.bulk import MeetingItems, SetAside, Staging, chunks, plan_reportings
from delreg.store.connection import connect, create_register_file, not_a_register, transaction
from delreg.store.files import (
    OpenMode,
    no_register,
    refuse_known_damage,
    refuse_network_drive,
    schema_of,
)
from delreg.store.queries import DecisionQuery, where_clause
from delreg.store.rows import (
    DECISION_SELECT,
    STORED_FIELDS,
    STORED_SELECT,
    decision_from_row,
    event_values,
    json_text,
    stored_json,
    stored_values,
)
from delreg.store.schema import migrate
from delreg.store.trail import BrokenLink, current_user, first_broken_link, now
from delreg.store.trail import append as append_events

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


@dataclass(frozen=True)
class Event:
    """One change in the history of a decision."""

    at: str
    user: str
    action: str
    diary_number: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    command: str

    def changes(self) -> dict[str, tuple[Any, Any]]:
        """The fields that differ between old and new, as (old, new)."""
        old, new = self.old or {}, self.new or {}
        return {
            name: (old.get(name), new.get(name))
            for name in dict.fromkeys([*old, *new])
            if old.get(name) != new.get(name)
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "user": self.user,
            "action": self.action,
            "diary_number": self.diary_number,
            "old": self.old,
            "new": self.new,
            "command": self.command,
        }


_EVENT_SELECT = "SELECT at, user, action, diary_number, old, new, command FROM events"


def _event_from_row(row: tuple[Any, ...]) -> Event:
    return Event(
        at=row[0],
        user=row[1] or "",
        action=row[2],
        diary_number=row[3],
        old=stored_json(row[4], f"an entry in the history of {row[3]}"),
        new=stored_json(row[5], f"an entry in the history of {row[3]}"),
        command=row[6] or "",
    )


@dataclass(frozen=True)
class Reporting:
    """A decision reported at a meeting (the meeting named by its date and board)."""

    diary_number: str
    meeting: str
    board: str
    item: int


@dataclass
class ImportSummary:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    notices: int = 0
    # Each decision the import inserts or changes, when asked for (a dry run shows them);
    # None when not recorded, so a large import keeps no list it does not need.
    changes: list[Change] | None = None

    def to_json(self) -> dict[str, Any]:
        summary: dict[str, Any] = {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [item.to_json() for item in self.rejected],
            "notices": self.notices,
        }
        if self.changes is not None:
            summary["changes"] = [change.to_json() for change in self.changes]
        return summary


@dataclass(frozen=True)
class Change:
    """What an import does to one decision: inserts it, or updates these fields (old, new)."""

    diary_number: str
    action: str  # "inserted" or "updated"
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "diary_number": self.diary_number,
            "action": self.action,
            "fields": {name: {"old": old, "new": new} for name, (old, new) in self.fields.items()},
        }


def changed_fields(old: Decision, new: Decision) -> dict[str, tuple[Any, Any]]:
    """The fields that differ, as JSON values; a deleted decision an import brings back says so."""
    before, after = old.to_json(), new.to_json()
    changed = {
        name: (before[name], after[name]) for name in EDITABLE_FIELDS if before[name] != after[name]
    }
    if old.deleted:
        changed["deleted"] = (True, False)
    return changed


def decisions_sql(query: DecisionQuery) -> tuple[str, list[Any]]:
    """The SELECT behind ``Store.decisions``, and its parameters."""
    where, parameters = where_clause(query)
    order = "DESC" if query.newest_first else "ASC"
    sql = f"{DECISION_SELECT}{where} ORDER BY d.decided_on {order}, d.id {order}"
    if query.limit is not None:
        sql += " LIMIT ?"
        parameters.append(query.limit)
    return sql, parameters


def merge_imported(old: Decision, new: Decision) -> Decision:
    """What an import makes of a decision the register already holds.

    An import only adds what it knows: an empty value never erases one (an agenda text has no
    decision date, a CSV may lack the delegate), and an import never lifts secrecy. Erasing and
    lifting are deliberate acts for `delreg edit`.
    """
    changes: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(new, name)
        if name == "secret":
            changes[name] = old.secret or new.secret
        elif value not in (None, "", ()):
            changes[name] = value
    return replace(old, **changes)


class Store:
    """An open register. Use ``Store.open(path, mode=…)``; every write is one transaction."""

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        command: str,
        kind_labels: Mapping[str, str],
    ) -> None:
        self.path = path
        self.connection = connection
        self.user = current_user()
        self.command = command
        self.kind_labels = kind_labels

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        mode: OpenMode,
        command: str = "",
        kind_labels: Mapping[str, str] | None = None,
    ) -> Store:
        """Open the register at ``path``, migrating an older one; with ``OpenMode.CREATE``,
        create it where no file exists.

        The file is looked at before SQLite opens it for writing, so one that is not a register
        of this delreg is refused untouched. ``kind_labels`` are the configured kinds; they fill
        the kinds lookup table as decisions of each kind are written, so the file reads well in
        Datasette.
        """
        refuse_network_drive(path)
        if schema_of(path) is None:
            if mode is not OpenMode.CREATE:
                raise no_register(path)
            create_register_file(path)
        connection = connect(path)
        try:
            migrate(connection, path)
        except sqlite3.DatabaseError as error:
            connection.close()
            raise not_a_register(path, error) from None
        except BaseException:
            connection.close()
            raise
        return cls(path, connection, command, kind_labels or {})

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self) -> Any:
        refuse_known_damage(self.path)
        return transaction(self.connection, self.path)

    def _query(self, sql: str, parameters: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.connection.execute(sql, tuple(parameters))
        except sqlite3.OperationalError as error:
            raise not_a_register(self.path, error) from None

    # --- decisions -----------------------------------------------------------------------

    def get(self, diary_number: str, *, include_deleted: bool = False) -> Decision | None:
        row = self._query(DECISION_SELECT + " WHERE d.diary_number = ?", [diary_number]).fetchone()
        if row is None:
            return None
        decision = decision_from_row(row)
        return decision if include_deleted or not decision.deleted else None

    def require(self, diary_number: str) -> Decision:
        decision = self.get(diary_number, include_deleted=True)
        if decision is None:
            raise NotFound(
                f"no decision {diary_number} in the register",
                hint="`delreg list --search …` finds decisions by their words",
            )
        if decision.deleted:
            raise NotFound(
                f"decision {diary_number} was deleted",
                hint=f"`delreg undelete {diary_number}` brings it back; "
                f"`delreg history {diary_number}` shows what happened",
            )
        return decision

    def decisions(self, query: DecisionQuery) -> Iterator[Decision]:
        sql, parameters = decisions_sql(query)
        for row in self._query(sql, parameters):
            yield decision_from_row(row)

    def decisions_dated(self, columns: Sequence[str], first: str, last: str) -> Iterator[Decision]:
        """Live decisions with a date in any of ``columns`` between ``first`` and ``last``."""
        unknown = set(columns) - set(STORED_FIELDS)
        if unknown:
            raise DelregError(f"no date column {', '.join(sorted(unknown))}")
        between = " OR ".join(f"d.{name} BETWEEN ? AND ?" for name in columns)
        parameters = [value for _ in columns for value in (first, last)]
        sql = f"{DECISION_SELECT} WHERE d.deleted_at IS NULL AND ({between}) ORDER BY d.id"
        for row in self._query(sql, parameters):
            yield decision_from_row(row)

    def held(self, diary_numbers: Iterable[str]) -> dict[str, Decision]:
        """The decisions the register holds (not deleted) of these numbers, with where each
        was reported, asked for in chunks."""
        found: dict[str, Decision] = {}
        sql = DECISION_SELECT + " WHERE d.deleted_at IS NULL AND d.diary_number IN ({})"
        for row in self._rows_in(sql, sorted(set(diary_numbers))):
            decision = decision_from_row(row)
            found[decision.diary_number] = decision
        return found

    # --- boards --------------------------------------------------------------------------

    def boards(self) -> Boards:
        return read_boards(self.connection)

    def board_sizes(self) -> dict[str | None, tuple[int, int]]:
        """(live decisions, meetings) per board code; None is the unnamed board."""
        return board_sizes(self.connection)

    def add_board(self, board: Board) -> Added:
        with self._write():
            return self._boards().add(board)

    def _boards(self) -> BoardWriter:
        return BoardWriter(self.connection, self.user, self.command)

    def add(self, decision: Decision) -> Decision:
        with self._write():
            self._boards().ensure(decision.board)
            self._ensure_kinds([decision.kind])
            existing = self.get(decision.diary_number, include_deleted=True)
            if existing is not None and not existing.deleted:
                raise Conflict(
                    f"decision {decision.diary_number} is already in the register",
                    hint=f"change it with `delreg edit {decision.diary_number} …`",
                )
            if existing is not None:
                raise Conflict(
                    f"decision {decision.diary_number} was deleted",
                    hint=f"bring it back with `delreg undelete {decision.diary_number}`",
                )
            self._insert([decision], now())
        return self.require(decision.diary_number)

    def edit(self, diary_number: str, changes: Mapping[str, Any]) -> Decision:
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise DelregError(f"cannot edit {', '.join(sorted(unknown))}")
        with self._write():
            old = self.require(diary_number)
            new = replace(old, **changes)
            # `--no-secret` alone must not publish a subject beside the reason it keeps.
            secret = secret_by_reason(changes.get("secret"), new.secret_reason)
            new = replace(new, secret=new.secret if secret is None else secret)
            if "kind" in changes:
                self._ensure_kinds([new.kind])
            if new != old:
                self._update([(old, new)], now())
        return self.require(diary_number)

    def delete(self, diary_number: str) -> Decision:
        """Soft delete: the row stays, hidden from lists and reports, and the history says so."""
        with self._write():
            old = self.require(diary_number)
            stamp = now()
            self._query(
                "UPDATE decisions SET deleted_at = ?, updated_at = ? WHERE diary_number = ?",
                [stamp, stamp, diary_number],
            )
            self._record([("delete", diary_number, event_values(old), None)], stamp)
        return old

    def undelete(self, diary_number: str) -> Decision:
        with self._write():
            decision = self.get(diary_number, include_deleted=True)
            if decision is None or not decision.deleted:
                raise NotFound(f"no deleted decision {diary_number}")
            stamp = now()
            self._query(
                "UPDATE decisions SET deleted_at = NULL, updated_at = ? WHERE diary_number = ?",
                [stamp, diary_number],
            )
            self._record([("undelete", diary_number, None, event_values(decision))], stamp)
        return self.require(diary_number)

    def history(self, diary_number: str) -> list[Event]:
        rows = self._query(
            f"{_EVENT_SELECT} WHERE diary_number = ? ORDER BY id", [diary_number]
        ).fetchall()
        return [_event_from_row(row) for row in rows]

    def events(self) -> Iterator[Event]:
        """Every change in the register, oldest first (what `publish` derives its feed from)."""
        for row in self._query(f"{_EVENT_SELECT} ORDER BY id"):
            yield _event_from_row(row)

    def reportings(self) -> list[Reporting]:
        """Every decision reported at a meeting, by meeting and item (deleted ones left out)."""
        rows = self._query(
            "SELECT d.diary_number, m.date, m.board, r.item FROM reportings r "
            "JOIN meetings m ON m.id = r.meeting_id JOIN decisions d ON d.id = r.decision_id "
            "WHERE d.deleted_at IS NULL ORDER BY m.date, m.board, r.item"
        )
        return [Reporting(*row) for row in rows]

    def _ensure_kinds(self, kinds: Iterable[str]) -> None:
        self.connection.executemany(
            "INSERT OR IGNORE INTO kinds (name, label) VALUES (?, ?)",
            # A kind no configuration names (a kind word an import kept) is its own label.
            [
                (kind, self.kind_labels.get(kind, kind[:1].upper() + kind[1:]))
                for kind in set(kinds)
            ],
        )

    def _insert(
        self, decisions: list[Decision], stamp: str, staging: Staging | None = None
    ) -> None:
        if not decisions:
            return
        rows = [(*stored_values(decision), stamp, stamp) for decision in decisions]
        if staging is not None:
            staging.insert(rows)
        else:
            columns = ", ".join((*STORED_FIELDS, "created_at", "updated_at"))
            marks = ", ".join("?" * (len(STORED_FIELDS) + 2))
            self.connection.executemany(f"INSERT INTO decisions ({columns}) VALUES ({marks})", rows)
        self._record([("insert", d.diary_number, None, event_values(d)) for d in decisions], stamp)

    def _update(
        self,
        pairs: list[tuple[Decision, Decision]],
        stamp: str,
        staging: Staging | None = None,
    ) -> None:
        if not pairs:
            return
        if staging is not None:
            staging.update([(*stored_values(new), stamp) for _, new in pairs])
        else:
            assignments = ", ".join(f"{name} = ?" for name in STORED_FIELDS)
            self.connection.executemany(
                f"UPDATE decisions SET {assignments}, updated_at = ?, deleted_at = NULL "
                "WHERE diary_number = ?",
                [(*stored_values(new), stamp, old.diary_number) for old, new in pairs],
            )
        self._record(
            [
                (
                    "undelete" if old.deleted else "update",
                    old.diary_number,
                    event_values(old),
                    event_values(new),
                )
                for old, new in pairs
            ],
            stamp,
        )

    def _record(
        self,
        changes: list[tuple[str, str | None, dict[str, Any] | None, dict[str, Any] | None]],
        stamp: str,
    ) -> None:
        def dump(values: dict[str, Any] | None) -> str | None:
            return None if values is None else json_text(values)

        self._record_texts(
            [(action, number, dump(old), dump(new)) for action, number, old, new in changes],
            stamp,
        )

    def _record_texts(
        self, changes: list[tuple[str, str | None, str | None, str | None]], stamp: str
    ) -> None:
        """``_record`` for old and new values already written as JSON text."""
        append_events(
            self.connection,
            [
                (stamp, self.user, action, number, old, new, self.command)
                for action, number, old, new in changes
            ],
        )

    # --- import --------------------------------------------------------------------------

    def import_records(
        self,
        records: Iterable[Record],
        *,
        meeting: Meeting | None = None,
        commit_if: Any = None,
        record_changes: bool = False,
    ) -> ImportSummary:
        """Upsert decisions by diary number and keep notices, all in one transaction.

        With ``meeting``, the decisions are reported at that meeting, numbered in the order
        read. ``commit_if(summary)`` decides at the end whether the transaction commits
        (the CLI says no for --dry-run, and for rejected items without --skip-invalid).
        ``record_changes`` keeps each insert and update in ``summary.changes``.
        """
        summary = ImportSummary(changes=[] if record_changes else None)
        stamp = now()
        with self._write():
            if meeting:
                self._boards().ensure(meeting.board or None)
            meeting_id = self._meeting_id(meeting, create=True) if meeting else None
            batch: dict[str, Decision] = {}
            staging: Staging | None = None
            aside = self._set_aside(records)

            def upsert() -> None:
                nonlocal staging
                decisions = list(batch.values())
                if len(decisions) >= BULK_ROWS:
                    staging = staging or Staging(self.connection)
                    self._upsert(decisions, meeting_id, summary, stamp, staging)
                else:
                    self._upsert(decisions, meeting_id, summary, stamp, None)

            for record in records:
                if isinstance(record, Rejected):
                    summary.rejected.append(record)
                elif isinstance(record, Notice):
                    self._keep_notice(record, meeting_id, summary)
                else:
                    if record.diary_number in batch or len(batch) >= IMPORT_BATCH:
                        upsert()
                        batch = {}
                    batch[record.diary_number] = record
            if batch:
                upsert()
            if staging is not None:
                staging.drop()
            if aside is not None:
                aside.restore()
            self._boards().settle()
            if commit_if is not None and not commit_if(summary):
                self.connection.execute("ROLLBACK")
        return summary

    def _set_aside(self, records: Iterable[Record]) -> SetAside | None:
        """The plain indexes set aside for an import that writes most of the register."""
        if not isinstance(records, Sized) or len(records) < SET_ASIDE_ROWS:
            return None
        (held,) = self.connection.execute("SELECT count(*) FROM decisions").fetchone()
        return SetAside(self.connection) if len(records) >= held else None

    def recall_import(self, key: str) -> dict[str, Any] | None:
        """What the import of ``key`` counted, when it was the last change to the register
        (delreg.store.marks); None otherwise, or in a register that predates the marks."""
        try:
            return marks.recall(self.connection, key)
        except sqlite3.OperationalError as error:
            raise not_a_register(self.path, error) from None

    def remember_import(self, key: str, outcome: dict[str, Any]) -> None:
        """Mark the import being written as ``key`` with what it counted: call it from the
        import's ``commit_if``, inside its transaction, when it will commit."""
        if not self.connection.in_transaction:
            raise DelregError("an import is remembered only inside its own transaction")
        marks.remember(self.connection, key, outcome, now())

    def _upsert(
        self,
        decisions: list[Decision],
        meeting_id: int | None,
        summary: ImportSummary,
        stamp: str,
        staging: Staging | None,
    ) -> None:
        """Write one batch; through ``staging`` when given, else row by row. Both leave the
        register, its history and its search index the same."""
        for code in {d.board for d in decisions}:
            self._boards().ensure(code)
        existing = self._existing([d.diary_number for d in decisions])
        inserts: list[Decision] = []
        updates: list[tuple[Decision, Decision]] = []
        self._ensure_kinds({decision.kind for decision in decisions})
        for decision in decisions:
            old = existing.get(decision.diary_number)
            if old is None:
                inserts.append(decision)
                continue
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
        self._insert(inserts, stamp, staging)
        self._update(updates, stamp, staging)
        summary.inserted += len(inserts)
        summary.updated += len(updates)
        if staging is None:
            self._report_imported(decisions, meeting_id, stamp)
        else:
            self._report_batch(decisions, meeting_id, stamp)

    def _existing(self, diary_numbers: list[str]) -> dict[str, Decision]:
        """The decisions the register holds of these numbers (without where they were
        reported, which an import neither compares nor records)."""
        found: dict[str, Decision] = {}
        for row in self._rows_in(STORED_SELECT + " WHERE d.diary_number IN ({})", diary_numbers):
            decision = decision_from_row(row)
            found[decision.diary_number] = decision
        return found

    def _rows_in(
        self, sql: str, values: Sequence[Any], before: Sequence[Any] = ()
    ) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` whose ``IN ({})`` takes ``values``, asked for in chunks that stay
        under SQLite's limit on bound parameters; ``before`` binds the parameters ahead of it."""
        for chunk in chunks(values):
            yield from self._query(sql.format(", ".join("?" * len(chunk))), [*before, *chunk])

    def _report_batch(self, decisions: list[Decision], meeting_id: int | None, stamp: str) -> None:
        """``_report_imported`` for a whole batch: a few queries per meeting, not per decision."""
        meeting_ids: dict[tuple[str, str], int] = {}
        asked: list[tuple[str, int, int | None]] = []
        for decision in decisions:
            if meeting_id is not None:
                asked.append((decision.diary_number, meeting_id, None))
            elif decision.meeting:
                key = (decision.meeting, decision.board or "")
                target = meeting_ids.get(key)
                if target is None:
                    target = self._meeting_id(Meeting(*key), create=True)
                    meeting_ids[key] = target
                asked.append((decision.diary_number, target, decision.item))
        self._report_numbers(asked, stamp)

    def _report_numbers(self, asked: list[tuple[str, int, int | None]], stamp: str) -> int:
        """Report decisions (diary number, meeting id, item or None for the next free one) by
        the rules of ``_add_reporting``, with a few queries per meeting, not per decision;
        returns how many reportings are new."""
        if not asked:
            return 0
        ids = self._decision_ids([number for number, _, _ in asked])
        asked = [each for each in asked if each[0] in ids]
        reported = {
            (decision_id, meeting)
            for decision_id, meeting in self._rows_in(
                "SELECT decision_id, meeting_id FROM reportings WHERE decision_id IN ({})",
                list(ids.values()),
            )
        }
        items_asked: dict[int, set[int]] = {}
        for _, target, item in asked:
            wanted = items_asked.setdefault(target, set())
            if item is not None:
                wanted.add(item)
        meetings = {
            target: self._meeting_items(target, wanted) for target, wanted in items_asked.items()
        }
        planned = plan_reportings(
            ((number, ids[number], target, item) for number, target, item in asked),
            reported,
            meetings,
        )
        self.connection.executemany(
            "INSERT INTO reportings (decision_id, meeting_id, item) VALUES (?, ?, ?)",
            [(each.decision_id, each.meeting_id, each.item) for each in planned],
        )
        # What _add_reporting records, {"meeting": date, "item": n}, written out here: the JSON
        # encoder would take a second for the million reportings of a large archive.
        dates = {
            meeting: json_text(date)
            for meeting, date in self._meeting_dates({each.meeting_id for each in planned}).items()
        }
        self._record_texts(
            [
                (
                    "report",
                    each.diary_number,
                    None,
                    f'{{"meeting": {dates[each.meeting_id]}, "item": {int(each.item)}}}',
                )
                for each in planned
            ],
            stamp,
        )
        return len(planned)

    def _decision_ids(self, diary_numbers: list[str]) -> dict[str, int]:
        return {
            number: decision_id
            for decision_id, number in self._rows_in(
                "SELECT id, diary_number FROM decisions WHERE diary_number IN ({})", diary_numbers
            )
        }

    def _meeting_items(self, meeting_id: int, asked: set[int]) -> MeetingItems:
        """The meeting's highest item number, and which of the ``asked`` numbers are taken."""
        highest = self._query(
            "SELECT coalesce(max(item), 0) FROM reportings WHERE meeting_id = ?", [meeting_id]
        ).fetchone()[0]
        taken = self._rows_in(
            "SELECT item FROM reportings WHERE meeting_id = ? AND item IN ({})",
            sorted(asked),
            before=[meeting_id],
        )
        return MeetingItems(int(highest), {item for (item,) in taken})

    def _meeting_dates(self, meeting_ids: set[int]) -> dict[int, str]:
        return dict(
            self._rows_in("SELECT id, date FROM meetings WHERE id IN ({})", sorted(meeting_ids))
        )

    def _report_imported(
        self, decisions: list[Decision], meeting_id: int | None, stamp: str
    ) -> None:
        """Record where imported decisions were reported: the import's meeting or their own."""
        # The meetings first, in the order named, as the batch path makes them: both paths
        # leave the same history.
        meeting_ids: dict[tuple[str, str], int] = {}
        for decision in decisions:
            key = (decision.meeting or "", decision.board or "")
            if meeting_id is None and decision.meeting and key not in meeting_ids:
                meeting_ids[key] = self._meeting_id(Meeting(*key), create=True)
        for decision in decisions:
            target = meeting_id
            item = None
            if target is None and decision.meeting:
                target = meeting_ids[(decision.meeting, decision.board or "")]
                item = decision.item
            if target is not None:
                self._add_reporting(decision.diary_number, target, item, stamp)

    def _add_reporting(
        self, diary_number: str, meeting_id: int, item: int | None, stamp: str
    ) -> bool:
        row = self._query(
            "SELECT d.id, EXISTS (SELECT 1 FROM reportings r "
            "WHERE r.decision_id = d.id AND r.meeting_id = ?) FROM decisions d "
            "WHERE d.diary_number = ?",
            [meeting_id, diary_number],
        ).fetchone()
        if row is None or row[1]:
            return False
        taken = {
            r[0]
            for r in self._query("SELECT item FROM reportings WHERE meeting_id = ?", [meeting_id])
        }
        if item is None or item in taken:
            item = max(taken, default=0) + 1
        self._query(
            "INSERT INTO reportings (decision_id, meeting_id, item) VALUES (?, ?, ?)",
            [row[0], meeting_id, item],
        )
        date = self._query("SELECT date FROM meetings WHERE id = ?", [meeting_id]).fetchone()[0]
        self._record([("report", diary_number, None, {"meeting": date, "item": item})], stamp)
        return True

    def mark_reported(
        self,
        diary_numbers: list[str],
        meeting: Meeting,
        fix: Callable[[], dict[str, Any]] | None = None,
    ) -> int:
        """Report decisions at a meeting in the given order; returns how many were new there.

        ``fix()``, called inside the same transaction once the items are numbered, says what
        the history records of the list as fixed (a "fix-list" event): whenever the list
        changed, and the first time for a list fixed before such events were kept.
        """
        stamp = now()
        with self._write():
            meeting_id = self._meeting_id(meeting, create=False)
            # In one pass for the whole list: asking the meeting's items again for each
            # decision made marking 60 000 decisions take eight minutes.
            added = self._report_numbers(
                [(number, meeting_id, None) for number in diary_numbers], stamp
            )
            if fix is not None and (added or not self.fixed_lists(meeting)):
                self._record([("fix-list", None, None, fix())], stamp)
            return added

    def fixed_lists(self, meeting: Meeting) -> list[tuple[str, str, dict[str, Any]]]:
        """(at, user, what was recorded) of each time the meeting's list was fixed, oldest
        first."""
        found = []
        for at, user, text in self._query(
            "SELECT at, user, new FROM events WHERE action = 'fix-list' ORDER BY id"
        ):
            values = stored_json(text, "a fixed list in the history") or {}
            if values.get("meeting") == meeting.date and values.get("board") == meeting.board:
                found.append((at, user or "", values))
        return found

    def broken_link(self) -> BrokenLink | None:
        """Where the history's hash chain first breaks; None when it holds. Reads only."""
        return first_broken_link(self.connection)

    # --- meetings and notices -------------------------------------------------------------

    def _meeting_id(self, meeting: Meeting, *, create: bool) -> int:
        rows = self._query(
            "SELECT id, board FROM meetings WHERE date = ?"
            + (" AND board = ?" if meeting.board else ""),
            [meeting.date, meeting.board] if meeting.board else [meeting.date],
        ).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])
        if len(rows) > 1:
            boards = ", ".join(repr(row[1]) for row in rows)
            raise DelregError(
                f"more than one meeting on {meeting.date} ({boards})", hint="name it with --board"
            )
        if not create:
            raise NotFound(
                f"no meeting on {meeting.date}",
                hint=f"add it with `delreg meetings add {meeting.date} --board …`",
            )
        cursor = self._query(
            "INSERT INTO meetings (date, board, paragraph, adjusted_on, posted_on) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                meeting.date,
                meeting.board,
                meeting.paragraph,
                meeting.adjusted_on,
                meeting.posted_on,
            ],
        )
        assert cursor.lastrowid is not None
        # A meeting's dates decide the appeal deadline reports print: its changes are history
        # too, under no diary number.
        self._record([("meeting-add", None, None, asdict(meeting))], now())
        return cursor.lastrowid

    def add_meeting(self, meeting: Meeting) -> Meeting:
        with self._write():
            self._boards().ensure(meeting.board or None)
            exists = self._query(
                "SELECT 1 FROM meetings WHERE date = ? AND board = ?", [meeting.date, meeting.board]
            ).fetchone()
            if exists:
                raise Conflict(
                    f"the meeting on {meeting.date} is already in the register",
                    hint="`delreg meetings list` shows it",
                )
            self._meeting_id(meeting, create=True)
        return meeting

    def update_meeting(self, meeting: Meeting) -> Meeting:
        with self._write():
            old = self.meeting(meeting.date, meeting.board)
            meeting_id = self._meeting_id(meeting, create=False)
            new = replace(
                old,
                paragraph=meeting.paragraph,
                adjusted_on=meeting.adjusted_on,
                posted_on=meeting.posted_on,
            )
            if new != old:
                self._query(
                    "UPDATE meetings SET paragraph = ?, adjusted_on = ?, posted_on = ? "
                    "WHERE id = ?",
                    [new.paragraph, new.adjusted_on, new.posted_on, meeting_id],
                )
                self._record([("meeting-update", None, asdict(old), asdict(new))], now())
        return self.meeting(meeting.date, meeting.board)

    def meetings(self, board: str | None = None) -> list[Meeting]:
        """The meetings of ``board`` (a code), or of every board."""
        rows = self._query(
            "SELECT date, board, paragraph, adjusted_on, posted_on FROM meetings "
            + ("" if board is None else "WHERE board = ? ")
            + "ORDER BY date, board",
            [] if board is None else [board],
        )
        return [Meeting(*row) for row in rows]

    def meeting(self, date: str, board: str = "") -> Meeting:
        meeting_id = self._meeting_id(Meeting(date=date, board=board), create=False)
        row = self._query(
            "SELECT date, board, paragraph, adjusted_on, posted_on FROM meetings WHERE id = ?",
            [meeting_id],
        ).fetchone()
        return Meeting(*row)

    def _keep_notice(self, notice: Notice, meeting_id: int | None, summary: ImportSummary) -> None:
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

    def notices(self, meeting: Meeting) -> list[Notice]:
        meeting_id = self._meeting_id(meeting, create=False)
        rows = self._query(
            "SELECT text, date, position, source FROM notices WHERE meeting_id = ? "
            "ORDER BY position",
            [meeting_id],
        )
        return [
            Notice(text=row[0], date=row[1], meeting=meeting.date, position=row[2], source=row[3])
            for row in rows
        ]
