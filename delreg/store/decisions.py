"""Decisions: reading them, and the edits a person makes one at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from delreg.errors import Conflict, DelregError, NotFound
from delreg.model import EDITABLE_FIELDS, Decision, secret_by_reason
from delreg.store.base import StoreBase
from delreg.store.bulk import Staging
from delreg.store.columns import (
    DECISION_SELECT,
    STORED_FIELDS,
    STORED_SELECT,
    decision_from_row,
    event_text,
    insert_rows,
    stored_values,
)
from delreg.store.queries import DecisionQuery, where_clause
from delreg.store.report_rows import period_items_sql


def decisions_sql(query: DecisionQuery) -> tuple[str, list[Any]]:
    """The SELECT behind ``Store.decisions``, and its parameters."""
    where, parameters = where_clause(query)
    order = "DESC" if query.newest_first else "ASC"
    sql = f"{DECISION_SELECT}{where} ORDER BY d.decided_on {order}, d.id {order}"
    if query.limit is not None:
        sql += " LIMIT ?"
        parameters.append(query.limit)
    return sql, parameters


class DecisionRoom(StoreBase):
    """The decisions table, and each change to it recorded in the history."""

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
        for row in self.decision_rows(query):
            yield decision_from_row(row)

    def decision_rows(self, query: DecisionQuery) -> sqlite3.Cursor:
        """The rows behind ``decisions``; columns.decision_from_row reads one."""
        sql, parameters = decisions_sql(query)
        return self._query(sql, parameters)

    def period_items(self, query: DecisionQuery) -> sqlite3.Cursor:
        """The rows of store.report_rows.ITEM_SELECT for ``query``'s decisions, in no promised
        order but a decision's rows together: what delreg.report.period_json reads."""
        sql, parameters = period_items_sql(query)
        return self._query(sql, parameters)

    def decision_rows_by_id(self, ids: Iterable[int]) -> Iterator[tuple[Any, ...]]:
        """The rows of DECISION_SELECT (decision_from_row reads one) of these decisions."""
        return self._rows_in(DECISION_SELECT + " WHERE d.id IN ({})", sorted(set(ids)))

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
            self._insert([decision], self._now())
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
                self._update([(old, new)], self._now())
        return self.require(diary_number)

    def delete(self, diary_number: str) -> Decision:
        """Soft delete: the row stays, hidden from lists and reports, and the history says so."""
        with self._write():
            old = self.require(diary_number)
            stamp = self._now()
            self._query(
                "UPDATE decisions SET deleted_at = ?, updated_at = ? WHERE diary_number = ?",
                [stamp, stamp, diary_number],
            )
            self._record_texts([("delete", diary_number, event_text(old), None)], stamp)
        return old

    def undelete(self, diary_number: str) -> Decision:
        with self._write():
            decision = self.get(diary_number, include_deleted=True)
            if decision is None or not decision.deleted:
                raise NotFound(f"no deleted decision {diary_number}")
            stamp = self._now()
            self._query(
                "UPDATE decisions SET deleted_at = NULL, updated_at = ? WHERE diary_number = ?",
                [stamp, diary_number],
            )
            self._record_texts([("undelete", diary_number, None, event_text(decision))], stamp)
        return self.require(diary_number)

    def _ensure_kinds(self, kinds: Iterable[str]) -> None:
        self.connection.executemany(
            "INSERT OR IGNORE INTO kinds (name, label) VALUES (?, ?)",
            # A kind no configuration names (a kind word an import kept) is its own label.
            # In the order first named (not a set's, which follows the string hashes and so
            # the process): the same import makes the same table every time.
            [
                (kind, self.kind_labels.get(kind, kind[:1].upper() + kind[1:]))
                for kind in dict.fromkeys(kinds)
            ],
        )

    def _insert(
        self,
        decisions: list[Decision],
        stamp: str,
        staging: Staging | None = None,
        board: str | None = None,
    ) -> dict[str, int]:
        """Insert ``decisions``; those that name no board on ``board``. Returns the id each
        got, when SQLite numbered them in order after the highest (as it does unless the
        highest id is the largest there is); else an empty dict, and the caller asks."""
        if not decisions:
            return {}
        highest = self._highest_id()
        rows, texts = insert_rows(decisions, board, stamp)
        if staging is not None:
            staging.insert(rows)
        else:
            columns = ", ".join((*STORED_FIELDS, "created_at", "updated_at"))
            marks = ", ".join("?" * (len(STORED_FIELDS) + 2))
            self.connection.executemany(f"INSERT INTO decisions ({columns}) VALUES ({marks})", rows)
        events = zip(decisions, texts, strict=True)
        self._record_texts([("insert", d.diary_number, None, text) for d, text in events], stamp)
        if self._highest_id() != highest + len(decisions):
            return {}
        return {d.diary_number: number for number, d in enumerate(decisions, start=highest + 1)}

    def _highest_id(self) -> int:
        (highest,) = self._query("SELECT coalesce(max(id), 0) FROM decisions").fetchone()
        return int(highest)

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
        self._record_texts(
            [
                (
                    "undelete" if old.deleted else "update",
                    old.diary_number,
                    event_text(old),
                    event_text(new),
                )
                for old, new in pairs
            ],
            stamp,
        )

    def _existing(self, diary_numbers: list[str]) -> dict[str, tuple[int, Decision]]:
        """The id and decision the register holds of each of these numbers (without where
        they were reported, which an import neither compares nor records)."""
        found: dict[str, tuple[int, Decision]] = {}
        for row in self._rows_in(STORED_SELECT + " WHERE d.diary_number IN ({})", diary_numbers):
            decision = decision_from_row(row)
            found[decision.diary_number] = (row[0], decision)
        return found

    def _decision_ids(self, diary_numbers: list[str]) -> dict[str, int]:
        return {
            number: decision_id
            for decision_id, number in self._rows_in(
                "SELECT id, diary_number FROM decisions WHERE diary_number IN ({})", diary_numbers
            )
        }
