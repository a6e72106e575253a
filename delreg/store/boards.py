"""The register's boards: adding one, giving an upgraded board its short code, and the first
board taking the rows of a register that named none. Every move is in the history."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from delreg.boards import Board, Boards, boards_in
from delreg.errors import Conflict
from delreg.model import Decision, Meeting
from delreg.store.columns import (
    STORED_SELECT,
    decision_from_row,
    event_values,
    json_text,
    stored_json,
)
from delreg.store.trail import EventRow, current_user, now
from delreg.store.trail import append as append_events

# The history's action for a decision moved to a board by delreg itself (the upgrade, the first
# board taking an unnamed register's rows, a board given its short code): old and new are the
# decision's values, as an update's are, so `verify` replays it; the public feed skips it.
BOARD_EVENT = "board"


@dataclass(frozen=True)
class Added:
    """What `boards add` did: the board, the code it had before (an upgraded board given its
    short code), and how many decisions and meetings came to it."""

    board: Board
    recoded_from: str | None = None
    decisions: int = 0
    meetings: int = 0


def read_boards(connection: sqlite3.Connection) -> Boards:
    rows = connection.execute("SELECT code, name, delegate FROM boards ORDER BY code")
    return boards_in(rows)


def board_sizes(connection: sqlite3.Connection) -> dict[str | None, tuple[int, int]]:
    """Live decisions and meetings per board code (None: the unnamed board)."""
    sizes: dict[str | None, list[int]] = {}
    for code, count in connection.execute(
        "SELECT board, count(*) FROM decisions WHERE deleted_at IS NULL GROUP BY board"
    ):
        sizes.setdefault(code, [0, 0])[0] = count
    for code, count in connection.execute("SELECT board, count(*) FROM meetings GROUP BY board"):
        sizes.setdefault(code or None, [0, 0])[1] += count
    return {code: (each[0], each[1]) for code, each in sizes.items()}


def former_codes(connection: sqlite3.Connection, code: str) -> set[str]:
    """``code`` and the codes its board had before `boards add` gave it a short one: what the
    history recorded under them (a list fixed before) is the board's."""
    codes = {code}
    for old, new in connection.execute(
        "SELECT old, new FROM events WHERE action = 'board-recode' ORDER BY id DESC"
    ):
        before = stored_json(old, "a board's change of code in the history") or {}
        after = stored_json(new, "a board's change of code in the history") or {}
        if after.get("code") in codes and isinstance(before.get("code"), str):
            codes.add(before["code"])
    return codes


class BoardWriter:
    """Changes to the boards, inside the caller's write transaction."""

    def __init__(self, connection: sqlite3.Connection, user: str, command: str) -> None:
        self.connection = connection
        self.user = user
        self.command = command

    def add(self, board: Board) -> Added:
        """Add ``board``. A board the register knows only by the name given (one an upgrade or
        a first ``--board NAME`` made, its code its name) gets the short code instead; the
        first board of a register that named none takes all its decisions and meetings."""
        boards = read_boards(self.connection)
        if boards.get(board.code) is not None:
            raise Conflict(
                f"board {board.code} is already in the register",
                hint="`delreg boards list` shows the boards",
            )
        same_name = boards.find(board.name)
        if same_name is not None and same_name.code != same_name.name:
            raise Conflict(
                f"board {same_name.code} is already named {board.name!r}",
                hint="give the new board another name",
            )
        stamp = now()
        if same_name is not None:
            # Names are unique: the old row gives its name up until it is gone, below.
            self.connection.execute(
                "UPDATE boards SET name = '(' || code || ')' WHERE code = ?", [same_name.code]
            )
        self._insert(board, stamp)
        if same_name is not None:
            decisions, meetings = self._move(same_name.code, board.code, stamp)
            self.connection.execute("DELETE FROM boards WHERE code = ?", [same_name.code])
            self._events(
                [
                    (
                        "board-recode",
                        None,
                        json_text(same_name.to_json()),
                        json_text(board.to_json()),
                    )
                ],
                stamp,
            )
            return Added(board, same_name.code, decisions, meetings)
        if not boards:
            decisions, meetings = self._move(None, board.code, stamp)
            return Added(board, None, decisions, meetings)
        return Added(board)

    def ensure(self, code: str | None) -> None:
        """Make sure a write's board exists: the first board a register names (by
        configuration or ``--board``) is made here, its code and name as written, and takes
        the rows of the register's unnamed board."""
        if code is None:
            return
        boards = read_boards(self.connection)
        if boards.get(code) is not None:
            return
        if boards:
            raise Conflict(f"no board {code} in the register", hint=boards.hint())
        self.add(Board(code, code))

    def _insert(self, board: Board, stamp: str) -> None:
        self.connection.execute(
            "INSERT INTO boards (code, name, delegate, created_at) VALUES (?, ?, ?, ?)",
            [board.code, board.name, board.delegate, stamp],
        )
        self._events([("board-add", None, None, json_text(board.to_json()))], stamp)

    def _move(self, old: str | None, new: str, stamp: str) -> tuple[int, int]:
        """Move every decision and meeting of board ``old`` (None: no board) to ``new``."""
        moved = [
            decision_from_row(row)
            for row in self.connection.execute(
                STORED_SELECT + " WHERE d.board IS ? ORDER BY d.id", [old]
            )
        ]
        self._events(self._put(moved, new, stamp), stamp)
        meetings = [
            Meeting(*row)
            for row in self.connection.execute(
                "SELECT date, board, paragraph, adjusted_on, posted_on FROM meetings "
                "WHERE board = ? ORDER BY date",
                [old or ""],
            )
        ]
        self.connection.execute("UPDATE meetings SET board = ? WHERE board = ?", [new, old or ""])
        self._events(
            [
                (
                    "meeting-update",
                    None,
                    json_text(asdict(meeting)),
                    json_text(asdict(replace(meeting, board=new))),
                )
                for meeting in meetings
            ],
            stamp,
        )
        return len(moved), len(meetings)

    def _put(
        self, decisions: list[Decision], code: str, stamp: str
    ) -> list[tuple[str, str | None, str | None, str | None]]:
        """Put ``decisions`` on board ``code``; returns their entries in the history."""
        self.connection.executemany(
            "UPDATE decisions SET board = ?, updated_at = ? WHERE diary_number = ?",
            [(code, stamp, decision.diary_number) for decision in decisions],
        )
        return [
            (
                BOARD_EVENT,
                decision.diary_number,
                json_text(event_values(decision)),
                json_text(event_values(replace(decision, board=code))),
            )
            for decision in decisions
        ]

    def settle(self) -> None:
        """A register with one board holds nothing outside it: what an import into a register
        that named no board read before the row that named its first stays on no board."""
        boards = read_boards(self.connection)
        if len(boards) == 1:
            self._move(None, boards.boards[0].code, now())

    def _events(
        self, changes: Iterable[tuple[str, str | None, str | None, str | None]], stamp: str
    ) -> None:
        rows: list[EventRow] = [
            (stamp, self.user, action, number, old, new, self.command)
            for action, number, old, new in changes
        ]
        append_events(self.connection, rows)


def name_the_upgraded_boards(connection: sqlite3.Connection) -> None:
    """The upgrade of a register made before boards (schema 7): each board name its meetings
    carry becomes a board (its code that name, until `delreg boards add CODE --name NAME` gives
    it a short one); each decision goes to the board of the first meeting it was reported at,
    else to the register's only board. A register that named no board keeps its rows unnamed
    until it names one. Each decision moved is in its history."""
    names = [
        name
        for (name,) in connection.execute(
            "SELECT DISTINCT board FROM meetings WHERE board != '' ORDER BY board"
        )
    ]
    if not names:
        return
    stamp = now()
    writer = BoardWriter(connection, current_user(), "delreg (upgrade: every decision to a board)")
    for name in names:
        writer._insert(Board(name, name), stamp)
    # The board of the first meeting each decision was reported at, else the only board.
    first_meeting = dict(
        connection.execute(
            "SELECT r.decision_id, m.board FROM reportings r JOIN meetings m "
            "ON m.id = r.meeting_id WHERE m.board != '' ORDER BY m.date DESC"
        )
    )
    only = names[0] if len(names) == 1 else None
    by_board: dict[str, list[Decision]] = {}
    for row in connection.execute(STORED_SELECT + " ORDER BY d.id"):
        code = first_meeting.get(row[0], only)
        if code is not None:
            by_board.setdefault(code, []).append(decision_from_row(row))
    for code, decisions in by_board.items():
        writer._events(writer._put(decisions, code, stamp), stamp)
