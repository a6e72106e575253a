"""The register's history as it is read: each change of a decision, a meeting or a list."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from delreg.json_shapes import event_json
from delreg.store.base import StoreBase
from delreg.store.columns import stored_json
from delreg.store.trail import BrokenLink, first_broken_link, last_link


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
        return event_json(self)


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


class HistoryRoom(StoreBase):
    """Reading the history (writing it is ``StoreBase._record``'s, through delreg.store.trail)."""

    @contextmanager
    def one_moment(self) -> Iterator[tuple[int, str]]:
        """Every read inside reads the register as it was at one moment (one read transaction),
        which the newest event's id and hash name: every change is in the history, so two
        reads that name one moment read one register."""
        self.connection.execute("BEGIN")
        try:
            yield last_link(self.connection)
        finally:
            self.connection.execute("COMMIT")

    def history(self, diary_number: str) -> list[Event]:
        rows = self._query(
            f"{_EVENT_SELECT} WHERE diary_number = ? ORDER BY id", [diary_number]
        ).fetchall()
        return [_event_from_row(row) for row in rows]

    def events(self) -> Iterator[Event]:
        """Every change in the register, oldest first (what `publish` derives its feed from)."""
        for row in self._query(f"{_EVENT_SELECT} ORDER BY id"):
            yield _event_from_row(row)

    def broken_link(self) -> BrokenLink | None:
        """Where the history's hash chain first breaks; None when it holds. Reads only."""
        return first_broken_link(self.connection)
