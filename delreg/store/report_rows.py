"""The SELECT of a period's decisions for the JSON report (delreg.report.period_json).

SQLite writes most of each item: the decision's keys and values as the report's JSON encoder
writes them (``{"diary_number": "…", "kind": "…", …``, the values through ``json_quote``, which
escapes a text exactly as Python's encoder with ensure_ascii=False does), handed over as UTF-8
bytes. Python, for a month of a million-decision register, then neither decodes nor encodes
the two dozen values of a row, nor makes a dict of them; it adds what only it knows (the
sentence, the legal status) and orders the items.

Where the bytes could differ from what Python would write, SQLite hands over NULL instead and
the reader makes that item the plain way from ``DECISION_SELECT``'s row: a number column that
holds something else than a whole number, a secret flag that is not 0 or 1 or sits at 0 beside
a reason (the reason decides, by Python's idea of blank), a reporting whose meeting is gone. A
decision reported at two meetings comes as one row per reporting; the reader makes it the
plain way too (its first meeting is the subquery's to choose).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from delreg.model import FIELDS
from delreg.store.queries import DecisionQuery, where_clause

# The columns after the id and the item's JSON bytes: what the sentence, the legal status, the
# order and a public report read from a row.
ITEM_FACTS: tuple[str, ...] = (
    "kind",
    "subject",
    "procurement_number",
    "parties",
    "delegate",
    "diary_number",
    "wording",
    "meeting",
    "board",
    "notified_on",
    "notified_by",
    "standstill_days",
    "decided_on",
    "secret",
)

_NUMBERS_OF_DECISIONS = tuple(
    spec.name for spec in FIELDS if spec.stored and spec.value_type == "number"
)


def _value(name: str, value_type: str, stored: bool) -> str:
    """The SQL of one value in the item's JSON text."""
    if name == "item":
        return "ifnull(r.item, 'null')"  # a whole number (the guard holds it so)
    column = "m.date" if name == "meeting" else f"d.{name}"
    if not stored and name != "meeting":
        return "'null'"
    if value_type == "flag":
        return f"CASE WHEN {column} THEN 'true' ELSE 'false' END"
    if value_type == "list":
        # The JSON list delreg wrote; the reader holds each distinct text to its own encoding.
        return column
    if value_type == "number":
        return f"ifnull({column}, 'null')"  # a whole number (the guard holds it so)
    # Most of a decision's values are empty: 'null' without calling a function for it.
    return f"CASE WHEN {column} IS NULL THEN 'null' ELSE json_quote({column}) END"


def _item_text() -> str:
    template = "{" + ", ".join(f'"{spec.name}": %s' for spec in FIELDS)
    values = ", ".join(_value(spec.name, spec.value_type, spec.stored) for spec in FIELDS)
    whole = " AND ".join(
        f"typeof(d.{name}) IN ('integer', 'null')" for name in _NUMBERS_OF_DECISIONS
    )
    # printf, not format: the name older SQLite (before 3.38) knows too.
    return (
        f"CASE WHEN {whole} AND typeof(r.item) IN ('integer', 'null')"
        " AND typeof(d.secret) = 'integer' AND (d.secret OR d.secret_reason IS NULL)"
        " AND (r.decision_id IS NULL OR m.id IS NOT NULL)"
        f" THEN CAST(printf('{template}', {values}) AS BLOB) END"
    )


_FACT_COLUMNS = ", ".join("m.date" if name == "meeting" else f"d.{name}" for name in ITEM_FACTS)

ITEM_SELECT = f"""
SELECT d.id, {_item_text()}, {_FACT_COLUMNS}
FROM decisions d
LEFT JOIN reportings r ON r.decision_id = d.id
LEFT JOIN meetings m ON m.id = r.meeting_id
"""


def period_items_sql(query: DecisionQuery) -> tuple[str, list[Any]]:
    """ITEM_SELECT for ``query``'s decisions, a decision's rows together (by id).

    A period's decisions lie all over a large register's file. Read in the order of their
    dates, each row and where it was reported is a jump to another page; so the ids are taken
    from the date index alone first, and the rows read in the order of their ids, the pages
    in the file's order (a month of a million decisions: half the time).
    """
    where, parameters = where_clause(
        replace(query, since=None, until=None, before=None, limit=None)
    )
    if query.since is not None or query.until is not None or query.before is not None:
        dated = DecisionQuery(
            since=query.since, until=query.until, before=query.before, include_deleted=True
        )
        inner, dates = where_clause(dated)
        # The rest of the filters on the rows themselves: the ids lead, not another index.
        chosen = f"d.id IN (SELECT d.id FROM decisions d{inner})"
        where = f"{where} AND {chosen}" if where else f" WHERE {chosen}"
        parameters = [*parameters, *dates]
    return f"{ITEM_SELECT}{where} ORDER BY d.id", parameters
