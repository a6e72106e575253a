"""Decisions reported to the board: each meeting's numbered list (anmälningslistan), what
waits to go on the next one, and the record of each list fixed for the agenda."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import Any

from delreg.model import Decision, Meeting
from delreg.store.board_meetings import MeetingRoom
from delreg.store.boards import former_codes
from delreg.store.bulk import KnownMeetings, MeetingItems, plan_reportings
from delreg.store.columns import DECISION_SELECT, decision_from_row, json_text, stored_json
from delreg.store.decisions import DecisionRoom

# A planned reporting's row: (decision id, meeting id, item).
_REPORTING_ROW = itemgetter(1, 2, 3)
# The reportings of one meeting, named by its date and board.
_AT_MEETING = (
    "FROM reportings r JOIN meetings m ON m.id = r.meeting_id WHERE m.date = ? AND m.board = ?"
)


@dataclass(frozen=True)
class Reporting:
    """A decision reported at a meeting (the meeting named by its date and board)."""

    diary_number: str
    meeting: str
    board: str
    item: int


class ReportingRoom(MeetingRoom, DecisionRoom):
    """Which decision was reported at which meeting, as which item."""

    def reportings(self) -> list[Reporting]:
        """Every decision reported at a meeting, by meeting and item (deleted ones left out)."""
        rows = self._query(
            "SELECT d.diary_number, m.date, m.board, r.item FROM reportings r "
            "JOIN meetings m ON m.id = r.meeting_id JOIN decisions d ON d.id = r.decision_id "
            "WHERE d.deleted_at IS NULL ORDER BY m.date, m.board, r.item"
        )
        return [Reporting(*row) for row in rows]

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
        stamp = self._now()
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
        boards = former_codes(self.connection, meeting.board) if meeting.board else {""}
        for at, user, text in self._query(
            "SELECT at, user, new FROM events WHERE action = 'fix-list' ORDER BY id"
        ):
            values = stored_json(text, "a fixed list in the history") or {}
            if values.get("meeting") == meeting.date and values.get("board") in boards:
                found.append((at, user or "", values))
        return found

    def reported_at(self, meeting: Meeting) -> list[Decision]:
        """The decisions reported at ``meeting``, in the order of their item numbers there.

        ``meeting`` must be one the register holds (``Store.meeting`` resolves it). Each decision
        carries its item number at *this* meeting: a decision reported twice (which the checks
        flag) would otherwise show the number it got at its first meeting.
        """
        where = [meeting.date, meeting.board]
        items = dict(self._query(f"SELECT r.decision_id, r.item {_AT_MEETING}", where))
        rows = self._query(
            f"{DECISION_SELECT} WHERE d.deleted_at IS NULL "
            f"AND d.id IN (SELECT r.decision_id {_AT_MEETING})",
            where,
        )
        decisions = [
            replace(decision_from_row(row), meeting=meeting.date, item=int(items[row[0]]))
            for row in rows
        ]
        return sorted(decisions, key=lambda decision: decision.item or 0)

    def awaiting_report(self, meeting_date: str, board: str = "") -> list[Decision]:
        """Decisions of ``board`` (a code; "" the unnamed board) reported nowhere yet that may go
        on the list of its meeting on ``meeting_date``.

        Those decided on or before the meeting, and those with no decision date at all: an agenda
        text imported without ``--meeting`` gives no dates, and leaving such decisions out would
        drop them from every report. The order is the register's; the report sorts.
        """
        # One set difference instead of a NOT EXISTS probe per decision: at a million decisions,
        # nearly all reported, 0.6 s against 3 s.
        rows = self._query(
            f"{DECISION_SELECT} WHERE d.deleted_at IS NULL "
            "AND d.id IN (SELECT id FROM decisions EXCEPT SELECT decision_id FROM reportings) "
            "AND (d.decided_on IS NULL OR d.decided_on <= ?) AND d.board IS ?",
            [meeting_date, board or None],
        )
        return [decision_from_row(row) for row in rows]

    def _report_batch(
        self,
        decisions: list[Decision],
        meeting_id: int | None,
        stamp: str,
        board: str,
        ids: dict[str, int] | None = None,
        fresh: AbstractSet[int] = frozenset(),
        known: KnownMeetings | None = None,
    ) -> None:
        """``_report_imported`` for a whole batch: a few queries per meeting, not per decision.
        ``ids``: each decision's id, when the caller knows them all; ``fresh``: the ids of
        those the batch inserted; ``known``: what the import's earlier batches learnt of its
        meetings (bulk.KnownMeetings), updated."""
        known = KnownMeetings() if known is None else known
        if meeting_id is None:
            (count, last) = self._query("SELECT count(*), max(id) FROM meetings").fetchone()
            if known.mark != (count, last):
                known.ids.clear()
                known.mark = (count, last)
        meeting_ids = known.ids
        asked: list[tuple[str, int, int | None]] = []
        for decision in decisions:
            if meeting_id is not None:
                asked.append((decision.diary_number, meeting_id, None))
            elif decision.meeting:
                key = (decision.meeting, decision.board or board)
                target = meeting_ids.get(key)
                if target is None:
                    target = self._meeting_id(Meeting(*key), create=True)
                    meeting_ids[key] = target
                asked.append((decision.diary_number, target, decision.item))
        self._report_numbers(asked, stamp, ids, fresh, known)

    def _report_numbers(
        self,
        asked: list[tuple[str, int, int | None]],
        stamp: str,
        ids: dict[str, int] | None = None,
        fresh: AbstractSet[int] = frozenset(),
        known: KnownMeetings | None = None,
    ) -> int:
        """Report decisions (diary number, meeting id, item or None for the next free one) by
        the rules of ``_add_reporting``, with a few queries per meeting, not per decision;
        returns how many reportings are new. ``ids``: the id of every decision asked for, when
        the caller knows them (else they are looked up, and numbers not held are left out);
        ``fresh``: ids of decisions inserted in this transaction, which no reporting names yet
        (the foreign key keeps reportings to decisions that exist), so they are not asked;
        ``known``: the meetings' dates and highest items as far as this transaction knows
        them (bulk.KnownMeetings), updated."""
        if not asked:
            return 0
        known = KnownMeetings() if known is None else known
        if ids is None:
            ids = self._decision_ids([number for number, _, _ in asked])
            asked = [each for each in asked if each[0] in ids]
        # A new register's import asks nothing here: every decision in it is fresh.
        held = {ids[number] for number, _, _ in asked}.difference(fresh)
        reported = {
            (decision_id, meeting)
            for decision_id, meeting in self._rows_in(
                "SELECT decision_id, meeting_id FROM reportings WHERE decision_id IN ({})",
                list(held),
            )
        }
        items_asked: dict[int, set[int]] = {}
        for _, target, item in asked:
            wanted = items_asked.get(target)
            if wanted is None:
                wanted = items_asked[target] = set()
            if item is not None:
                wanted.add(item)
        meetings = {
            target: self._meeting_items(target, wanted, known.highest.get(target))
            for target, wanted in items_asked.items()
        }
        planned = plan_reportings(asked, ids, reported, meetings)
        self.connection.executemany(
            "INSERT INTO reportings (decision_id, meeting_id, item) VALUES (?, ?, ?)",
            map(_REPORTING_ROW, planned),
        )
        for target, meeting in meetings.items():
            known.highest[target] = meeting.highest
        dates = known.dates
        missing = {target for target in items_asked if target not in dates}
        if missing:
            # What _add_reporting records, {"meeting": date, "item": n}, written out below:
            # the JSON encoder would take a second for the million reportings of an archive.
            dates.update(
                (target, json_text(date)) for target, date in self._meeting_dates(missing).items()
            )
        self._record_texts(
            (
                ("report", number, None, f'{{"meeting": {dates[meeting]}, "item": {int(item)}}}')
                for number, _, meeting, item in planned
            ),
            stamp,
        )
        return len(planned)

    def _meeting_items(
        self, meeting_id: int, asked: set[int], highest: int | None = None
    ) -> MeetingItems:
        """The meeting's highest item number, and which of the ``asked`` numbers are taken;
        ``highest``: the highest item, when this transaction knows it (then no number above
        it is taken, and those are not asked for)."""
        if highest is None:
            highest = self._query(
                "SELECT coalesce(max(item), 0) FROM reportings WHERE meeting_id = ?", [meeting_id]
            ).fetchone()[0]
        below = sorted(item for item in asked if item <= highest)
        taken = self._rows_in(
            "SELECT item FROM reportings WHERE meeting_id = ? AND item IN ({})",
            below,
            before=[meeting_id],
        )
        return MeetingItems(int(highest), {item for (item,) in taken})

    def _meeting_dates(self, meeting_ids: set[int]) -> dict[int, str]:
        return dict(
            self._rows_in("SELECT id, date FROM meetings WHERE id IN ({})", sorted(meeting_ids))
        )

    def _report_imported(
        self, decisions: list[Decision], meeting_id: int | None, stamp: str, board: str
    ) -> None:
        """Record where imported decisions were reported: the import's meeting or their own."""
        # The meetings first, in the order named, as the batch path makes them: both paths
        # leave the same history.
        meeting_ids: dict[tuple[str, str], int] = {}
        for decision in decisions:
            key = (decision.meeting or "", decision.board or board)
            if meeting_id is None and decision.meeting and key not in meeting_ids:
                meeting_ids[key] = self._meeting_id(Meeting(*key), create=True)
        for decision in decisions:
            target = meeting_id
            item = None
            if target is None and decision.meeting:
                target = meeting_ids[(decision.meeting, decision.board or board)]
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
