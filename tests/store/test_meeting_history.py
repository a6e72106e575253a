"""Changes to meetings are in the history: the posting date decides the appeal deadline that
public reports print, so moving it must leave a trace like any change to a decision."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.helpers import Invoke


def meeting_events(database: Path) -> list[dict[str, Any]]:
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute(
            "SELECT action, old, new, command FROM events WHERE action LIKE 'meeting%' ORDER BY id"
        ).fetchall()
    return [
        {
            "action": action,
            "old": json.loads(old) if old else None,
            "new": json.loads(new) if new else None,
            "command": command,
        }
        for action, old, new, command in rows
    ]


def test_adding_and_changing_a_meeting_is_recorded(delreg: Invoke, database: Path) -> None:
    board = "Hälso- och sjukvårdsnämnden"
    assert delreg("meetings", "add", "2024-02-15", "--board", board, "--paragraph", "16",
                  "--posted-on", "2024-02-21").exit_code == 0  # fmt: skip
    changed = delreg("meetings", "add", "2024-02-15", "--board", board, "--update",
                     "--paragraph", "16", "--posted-on", "2024-02-28")  # fmt: skip
    assert changed.exit_code == 0, changed.stderr
    events = meeting_events(database)
    assert [event["action"] for event in events] == ["meeting-add", "meeting-update"]
    added, updated = events
    assert added["old"] is None and added["new"]["posted_on"] == "2024-02-21"
    assert updated["old"]["posted_on"] == "2024-02-21"
    assert updated["new"]["posted_on"] == "2024-02-28"
    assert updated["new"]["date"] == "2024-02-15" and updated["new"]["board"] == board
    assert "--posted-on 2024-02-28" in updated["command"]
    # An update that changes nothing records nothing.
    again = delreg("meetings", "add", "2024-02-15", "--board", board, "--update",
                   "--paragraph", "16", "--posted-on", "2024-02-28")  # fmt: skip
    assert again.exit_code == 0
    assert len(meeting_events(database)) == 2
    assert delreg("verify").exit_code == 0
