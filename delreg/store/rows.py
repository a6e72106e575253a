"""Converting between the decisions table's rows and the domain's Decision. Pure."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from delreg.model import Decision

# The decisions table's own columns that hold a Decision's fields (in table order).
STORED_FIELDS: tuple[str, ...] = (
    "diary_number",
    "kind",
    "procurement_number",
    "subject",
    "parties",
    "delegate",
    "decided_on",
    "notified_on",
    "notified_by",
    "standstill_days",
    "secret",
    "secret_reason",
    "delegation_point",
    "amount",
    "wording",
    "source",
)

DECISION_SELECT = """
SELECT d.id, {columns}, d.deleted_at,
       (SELECT m.date FROM reportings r JOIN meetings m ON m.id = r.meeting_id
        WHERE r.decision_id = d.id ORDER BY m.date LIMIT 1) AS meeting,
       (SELECT r.item FROM reportings r JOIN meetings m ON m.id = r.meeting_id
        WHERE r.decision_id = d.id ORDER BY m.date LIMIT 1) AS item
FROM decisions d
""".format(columns=", ".join(f"d.{name}" for name in STORED_FIELDS))


def decision_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Decision:
    """A Decision from a row of DECISION_SELECT."""
    values = dict(zip(("id", *STORED_FIELDS, "deleted_at", "meeting", "item"), row, strict=True))
    return Decision(
        diary_number=values["diary_number"],
        kind=values["kind"],
        subject=values["subject"],
        procurement_number=values["procurement_number"],
        parties=tuple(json.loads(values["parties"] or "[]")),
        delegate=values["delegate"],
        decided_on=values["decided_on"],
        notified_on=values["notified_on"],
        notified_by=values["notified_by"],
        standstill_days=values["standstill_days"],
        secret=bool(values["secret"]),
        secret_reason=values["secret_reason"],
        delegation_point=values["delegation_point"],
        amount=values["amount"],
        wording=values["wording"],
        meeting=values["meeting"],
        item=values["item"],
        source=values["source"],
        deleted=values["deleted_at"] is not None,
    )


def stored_values(decision: Decision) -> tuple[Any, ...]:
    """The column values of STORED_FIELDS for a Decision, in order."""
    return tuple(
        json.dumps(list(decision.parties), ensure_ascii=False)
        if name == "parties"
        else int(decision.secret)
        if name == "secret"
        else getattr(decision, name)
        for name in STORED_FIELDS
    )


def event_values(decision: Decision) -> dict[str, Any]:
    """What the history records of a decision's state (its fields, without where it is shown)."""
    data = decision.to_json()
    for name in ("meeting", "item"):
        data.pop(name)
    return data
