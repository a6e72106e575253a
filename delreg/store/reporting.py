"""What the report asks the register beyond the Store's own methods: one meeting's fixed list
and the decisions still waiting to be reported.

Functions of an open Store, reading through its connection; they never write.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from delreg.model import Decision, Meeting
from delreg.store.rows import DECISION_SELECT, decision_from_row

if TYPE_CHECKING:
    from delreg.store.register import Store

# The reportings of one meeting, named by its date and board.
_AT_MEETING = (
    "FROM reportings r JOIN meetings m ON m.id = r.meeting_id WHERE m.date = ? AND m.board = ?"
)


def reported_at(store: Store, meeting: Meeting) -> list[Decision]:
    """The decisions reported at ``meeting``, in the order of their item numbers there.

    ``meeting`` must be one the register holds (``Store.meeting`` resolves it). Each decision
    carries its item number at *this* meeting: a decision reported twice (which the checks
    flag) would otherwise show the number it got at its first meeting.
    """
    where = [meeting.date, meeting.board]
    items = dict(store.connection.execute(f"SELECT r.decision_id, r.item {_AT_MEETING}", where))
    rows = store.connection.execute(
        f"{DECISION_SELECT} WHERE d.deleted_at IS NULL "
        f"AND d.id IN (SELECT r.decision_id {_AT_MEETING})",
        where,
    )
    decisions = [
        replace(decision_from_row(row), meeting=meeting.date, item=int(items[row[0]]))
        for row in rows
    ]
    return sorted(decisions, key=lambda decision: decision.item or 0)


def awaiting_report(store: Store, meeting_date: str, board: str = "") -> list[Decision]:
    """Decisions of ``board`` (a code; "" the unnamed board) reported nowhere yet that may go
    on the list of its meeting on ``meeting_date``.

    Those decided on or before the meeting, and those with no decision date at all: an agenda
    text imported without ``--meeting`` gives no dates, and leaving such decisions out would
    drop them from every report. The order is the register's; the report sorts.
    """
    # One set difference instead of a NOT EXISTS probe per decision: at a million decisions,
    # nearly all reported, 0.6 s against 3 s.
    rows = store.connection.execute(
        f"{DECISION_SELECT} WHERE d.deleted_at IS NULL "
        "AND d.id IN (SELECT id FROM decisions EXCEPT SELECT decision_id FROM reportings) "
        "AND (d.decided_on IS NULL OR d.decided_on <= ?) AND d.board IS ?",
        [meeting_date, board or None],
    )
    return [decision_from_row(row) for row in rows]
