"""What a register remembers of the imports it took whole, to know a file it has already read.

An export is often imported again unchanged (a nightly job, a second try). Reading a million
rows only to find each one as it is costs most of what the first import cost. So when an
import of named files is written whole (every item a decision: nothing rejected, no notice),
the register keeps, in the same transaction, a mark: the import's key (what was read and how,
see ``delreg.importer.import_key``), the register's state after it, and what the import
counted. An import with the same key, into a register still in that state, would find every
decision unchanged, and is told so without reading anything again.

The state covers what an import compares with or adds to: every change to a decision or a
reporting is an event, so the newest event and its hash, and the number of decisions,
reportings, meetings and boards. A change behind delreg's back that leaves all of them as
they were (a cell edited with another tool) is not seen; ``delreg verify`` is the check for
that, and any other import, edit or change of configuration makes the next import read
everything again.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

# Marks kept: enough for every export a register is fed from, and no table that grows forever.
KEPT = 100

_STATE = """
SELECT (SELECT max(id) FROM events), (SELECT hash FROM events ORDER BY id DESC LIMIT 1),
       (SELECT count(*) FROM decisions), (SELECT count(*) FROM reportings),
       (SELECT count(*) FROM meetings), (SELECT max(id) FROM meetings),
       (SELECT count(*) FROM boards), (SELECT group_concat(code || '=' || name, '|')
                                       FROM (SELECT code, name FROM boards ORDER BY code))
"""


def state(connection: sqlite3.Connection) -> str:
    """The register's state as far as an import could tell, as one text."""
    return json.dumps(list(connection.execute(_STATE).fetchone()), ensure_ascii=False)


def recall(connection: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """What the import of ``key`` counted, if it was the last thing to change the register."""
    row = connection.execute(
        "SELECT state, outcome FROM import_marks WHERE key = ?", [key]
    ).fetchone()
    if row is None or row[0] != state(connection):
        return None
    outcome = json.loads(row[1])
    return outcome if isinstance(outcome, dict) else None


def remember(connection: sqlite3.Connection, key: str, outcome: dict[str, Any], at: str) -> None:
    """Keep the mark of an import, inside its transaction (after its last write)."""
    connection.execute(
        "INSERT OR REPLACE INTO import_marks (key, state, outcome, at) VALUES (?, ?, ?, ?)",
        [key, state(connection), json.dumps(outcome, ensure_ascii=False), at],
    )
    connection.execute(
        "DELETE FROM import_marks WHERE key NOT IN "
        "(SELECT key FROM import_marks ORDER BY at DESC, rowid DESC LIMIT ?)",
        [KEPT],
    )
