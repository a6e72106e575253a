"""Boards and their meetings: the meetings' dates (which decide the appeal deadlines) and
their notices."""

from __future__ import annotations

from dataclasses import asdict, replace

from delreg.boards import Board, Boards
from delreg.errors import Conflict, DelregError, NotFound
from delreg.model import Meeting, Notice
from delreg.store.base import StoreBase
from delreg.store.boards import Added, board_sizes, read_boards


class MeetingRoom(StoreBase):
    """Boards, and meetings named by date and board; a change to either is history too."""

    def boards(self) -> Boards:
        return read_boards(self.connection)

    def board_sizes(self) -> dict[str | None, tuple[int, int]]:
        """(live decisions, meetings) per board code; None is the unnamed board."""
        return board_sizes(self.connection)

    def add_board(self, board: Board) -> Added:
        with self._write():
            return self._boards().add(board)

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
        self._record([("meeting-add", None, None, asdict(meeting))], self._now())
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
                self._record([("meeting-update", None, asdict(old), asdict(new))], self._now())
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
