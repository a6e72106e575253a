"""Building the WHERE clause of a decision listing from the user's filters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DecisionQuery:
    """What `delreg list` and the report ask the register for. Dates are ISO text."""

    kind: str | None = None
    since: str | None = None
    until: str | None = None
    procurement_number: str | None = None
    party: str | None = None
    search: str | None = None
    unreported: bool = False
    meeting: str | None = None
    limit: int | None = None
    include_deleted: bool = False
    # The board's code; None: every board.
    board: str | None = None
    # Decided before this day (ISO): one part of a period, the rest of it from this day on.
    before: str | None = None
    # Oldest first for reports and exports; newest first for a person looking at a listing.
    newest_first: bool = True


def fts_query(text: str) -> str | None:
    """A safe FTS5 query: every word of the user's text must start a word of the decision.

    The user's text never reaches FTS5 syntax: each word is quoted, so `"`, `*`, `NEAR` or
    SQL stay plain words. Prefix matching finds the Swedish compounds ("ultraljud" matches
    "ultraljudsutrustning").
    """
    # Compiled on first use (re keeps it): every command imports this module, few search.
    words = re.findall(r"\w+", text)
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


def where_clause(query: DecisionQuery) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    parameters: list[Any] = []
    if not query.include_deleted:
        conditions.append("d.deleted_at IS NULL")
    if query.board is not None:
        conditions.append("d.board = ?")
        parameters.append(query.board)
    if query.kind:
        conditions.append("d.kind = ?")
        parameters.append(query.kind)
    if query.since:
        conditions.append("d.decided_on >= ?")
        parameters.append(query.since)
    if query.until:
        conditions.append("d.decided_on <= ?")
        parameters.append(query.until)
    if query.before:
        conditions.append("d.decided_on < ?")
        parameters.append(query.before)
    if query.procurement_number:
        conditions.append("d.procurement_number = ?")
        parameters.append(query.procurement_number)
    if query.party:
        # Parties are a JSON array; a substring match on it finds "Gilead" in any party.
        conditions.append("d.parties LIKE ? ESCAPE '\\'")
        parameters.append("%" + _escape_like(query.party) + "%")
    if query.search is not None:
        match = fts_query(query.search)
        if match is None:
            conditions.append("0")
        else:
            conditions.append(
                "d.id IN (SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?)"
            )
            parameters.append(match)
    if query.unreported:
        conditions.append("NOT EXISTS (SELECT 1 FROM reportings r WHERE r.decision_id = d.id)")
    if query.meeting:
        conditions.append(
            "d.id IN (SELECT r.decision_id FROM reportings r JOIN meetings m "
            "ON m.id = r.meeting_id WHERE m.date = ?"
            + ("" if query.board is None else " AND m.board = ?")
            + ")"
        )
        parameters.append(query.meeting)
        if query.board is not None:
            parameters.append(query.board)
    sql = (" WHERE " + " AND ".join(conditions)) if conditions else ""
    return sql, parameters


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
