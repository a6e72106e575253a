"""Converting between the decisions table's rows and the domain's Decision. Pure."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from json.encoder import encode_basestring
from operator import attrgetter
from typing import Any

from delreg.model import DECISION_FIELDS, FIELDS, Decision, field_names

# The decisions table's own columns that hold a Decision's fields, in the Decision's order.
STORED_FIELDS: tuple[str, ...] = field_names(lambda spec: spec.stored)

# Where each decision was first reported, for the two fields the table does not hold.
_REPORTED_AT = {
    "meeting": """(SELECT m.date FROM reportings r JOIN meetings m ON m.id = r.meeting_id
        WHERE r.decision_id = d.id ORDER BY m.date LIMIT 1) AS meeting""",
    "item": """(SELECT r.item FROM reportings r JOIN meetings m ON m.id = r.meeting_id
        WHERE r.decision_id = d.id ORDER BY m.date LIMIT 1) AS item""",
}


def _select(reported: dict[str, str]) -> str:
    # The id, then every field in the Decision's order (decision_from_row passes them on by
    # position), then whether it is deleted.
    columns = (
        f"d.{spec.name}" if spec.stored else reported.get(spec.name, f"NULL AS {spec.name}")
        for spec in FIELDS
    )
    return f"\nSELECT d.id, {', '.join(columns)}, d.deleted_at\nFROM decisions d\n"


DECISION_SELECT = _select(_REPORTED_AT)
# The same columns without where each decision was reported: what an import compares and
# merges. Skipping the two subqueries matters when an import looks up thousands of rows a batch.
STORED_SELECT = _select({})

# json.dumps with any option builds a new encoder on every call; the history and the parties
# column are encoded once or twice per decision written, so one encoder serves them all.
json_text = json.JSONEncoder(ensure_ascii=False).encode
# The function that encoder calls for every string it writes (the C one where there is one):
# json_string(text) == json_text(text), byte for byte.
json_string = encode_basestring


def json_value(value: Any) -> str:
    """``json_text(value)``, byte for byte, for what a decision's fields and an event hold:
    text, None, True and False, whole numbers, and tuples or lists of those.

    json_text sets up a new C encoder on every call (JSONEncoder.iterencode), which is most of
    its cost for a value as small as a decision's; a large import writes a history entry and
    a hash for every decision. Anything else goes to json_text itself.
    """
    kind = type(value)
    if kind is str:
        return json_string(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        # What the encoder writes for an int: its repr (str() may be overridden, repr not).
        return int.__repr__(value)
    if kind is tuple or kind is list:
        return "[" + ", ".join([json_value(item) for item in value]) + "]"
    return json_text(value)


_stored_getter = attrgetter(*STORED_FIELDS)
_PARTIES_STORED = STORED_FIELDS.index("parties")
_SECRET_STORED = STORED_FIELDS.index("secret")
# Positions in a row of DECISION_SELECT: the id comes first.
_PARTIES_IN_ROW = 1 + DECISION_FIELDS.index("parties")
_SECRET_IN_ROW = 1 + DECISION_FIELDS.index("secret")
_REASON_IN_ROW = 1 + DECISION_FIELDS.index("secret_reason")
_BOARD_STORED = STORED_FIELDS.index("board")


class DamagedValue(sqlite3.DatabaseError):
    """A value in the file that delreg never writes so (parties or a history entry that is not
    the JSON it wrote): the file was damaged, or changed behind delreg's back."""


def stored_json(text: str | None, what: str) -> Any:
    """The JSON object an event stores (or None), refusing what delreg never writes there."""
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        value = ...
    if not isinstance(value, dict):
        raise DamagedValue(f"{what} is not the JSON delreg wrote")
    return value


def decision_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Decision:
    """A Decision from a row of DECISION_SELECT (or STORED_SELECT)."""
    # Passed on by position (the columns are in the Decision's order): a listing or a report of
    # a month of a national archive turns thousands of rows into decisions.
    values = list(row)
    values[_PARTIES_IN_ROW] = parties_of(values[1], values[_PARTIES_IN_ROW])
    # A reason means secret (model.secret_by_reason). Rows stored before that rule held at
    # every door may carry a reason beside secret = 0; they are read by today's rule, so no
    # public output shows what the reason protects.
    reason = values[_REASON_IN_ROW]
    values[_SECRET_IN_ROW] = bool(values[_SECRET_IN_ROW]) or bool(reason and reason.strip())
    values[-1] = values[-1] is not None
    return Decision(*values[1:])


def parties_of(diary_number: str, text: str | None) -> tuple[str, ...]:
    """The parties column's names; DamagedValue when it is not the JSON list delreg wrote."""
    try:
        return _parties(text)
    except (ValueError, TypeError):
        raise DamagedValue(
            f"the parties of decision {diary_number} are not the JSON list delreg wrote"
        ) from None


@lru_cache(maxsize=4096)
def _parties(text: str | None) -> tuple[str, ...]:
    # The same suppliers recur through a register: a month's report decodes each list once.
    if not text or text == "[]":
        return ()
    names = json.loads(text)
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise TypeError("not a list of names")
    return tuple(names)


def stored_values(decision: Decision, board: str | None = None) -> tuple[Any, ...]:
    """The column values of STORED_FIELDS for a Decision, in order; on ``board`` when it
    names none (an import's board: cheaper than a new Decision per row of a large export)."""
    values = list(_stored_getter(decision))
    values[_PARTIES_STORED] = json_value(decision.parties)
    values[_SECRET_STORED] = int(decision.secret)
    if values[_BOARD_STORED] is None:
        values[_BOARD_STORED] = board
    return tuple(values)


def event_values(decision: Decision, board: str | None = None) -> dict[str, Any]:
    """What the history records of a decision's state: its JSON without where it is shown
    (on ``board`` when it names none, as stored_values)."""
    values = decision.to_json()
    del values["meeting"], values["item"]
    if values["board"] is None:
        values["board"] = board
    return values


# event_text writes event_values' keys in their order, each value the field of the same name
# (tests/store/test_event_text.py holds the two equal for any decision).
_EVENT_FIELDS = tuple(
    name for name in Decision("", "", "").to_json() if name not in ("meeting", "item")
)
_event_getter = attrgetter(*_EVENT_FIELDS)
_EVENT_BOARD = _EVENT_FIELDS.index("board")
_EVENT_TEMPLATE = (
    "{" + ", ".join(json_string(name).replace("%", "%%") + ": %s" for name in _EVENT_FIELDS) + "}"
)


def event_text(decision: Decision, board: str | None = None) -> str:
    """``json_text(event_values(decision, board))``, byte for byte, written straight from the
    decision: no dict, no encoder set up (a large import records every decision it writes)."""
    values = _event_getter(decision)
    if values[_EVENT_BOARD] is None and board is not None:
        values = (*values[:_EVENT_BOARD], board, *values[_EVENT_BOARD + 1 :])
    return _EVENT_TEMPLATE % tuple(_json_texts(values))


def _json_texts(values: Iterable[Any]) -> list[str]:
    """Each value's JSON text, as json_value writes it."""
    # Most fields are text or empty: those without a call of json_value.
    return [
        json_string(value)
        if type(value) is str
        else ("null" if value is None else json_value(value))
        for value in values
    ]


if _EVENT_FIELDS != STORED_FIELDS:  # pragma: no cover - a change to the fields' form
    raise TypeError("the history's fields and the stored ones differ: insert_rows needs both")


def insert_rows(
    decisions: Iterable[Decision], board: str | None, stamp: str
) -> tuple[list[list[Any]], list[str]]:
    """For each decision, the row an insert writes (``stored_values`` followed by created_at
    and updated_at, both ``stamp``) and the history's text of it (``event_text``), byte for
    byte, in one pass: the fields are read once, and the parties' JSON is written once for
    both (a large import inserts a million decisions)."""
    rows: list[list[Any]] = []
    texts: list[str] = []
    add_row, add_text = rows.append, texts.append
    for decision in decisions:
        values = _event_getter(decision)
        encoded = _json_texts(values)
        row = [*values, stamp, stamp]
        if row[_BOARD_STORED] is None and board is not None:
            row[_BOARD_STORED] = board
            encoded[_BOARD_STORED] = json_value(board)
        add_text(_EVENT_TEMPLATE % tuple(encoded))
        row[_PARTIES_STORED] = encoded[_PARTIES_STORED]
        row[_SECRET_STORED] = int(row[_SECRET_STORED])
        add_row(row)
    return rows, texts
