"""The history's hash chain as a property: any history, written in any batches, chains; and
changing any one field of any one event breaks the chain at exactly that event."""

from __future__ import annotations

import re
from contextlib import closing
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.store.connection import connect
from delreg.store.trail import append, first_broken_link
from tests import ROOT

EVENT_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=40, deadline=None)
@given(
    events=st.lists(
        st.tuples(EVENT_TEXT, st.none() | EVENT_TEXT, st.none() | EVENT_TEXT),
        min_size=1,
        max_size=12,
    ),
    batches=st.integers(min_value=1, max_value=4),
    victim=st.integers(min_value=0),
    field=st.sampled_from(["at", "user", "action", "diary_number", "old", "new", "command"]),
)
def test_any_history_chains_and_any_changed_field_breaks_it_there(
    history_register: Path,
    events: list[tuple[str, str | None, str | None]],
    batches: int,
    victim: int,
    field: str,
) -> None:
    with closing(connect(history_register)) as connection:
        connection.execute("DELETE FROM events")
        rows = [
            ("2024-01-01T00:00:00Z", "anna", text or "x", number, old, None, "delreg")
            for text, number, old in events
        ]
        # Written in a few calls, as a writer's batches would be: one chain all the same.
        size = -(-len(rows) // batches)
        for start in range(0, len(rows), size):
            append(connection, rows[start : start + size])
        assert first_broken_link(connection) is None
        target = victim % len(rows) + 1
        connection.execute(
            f"UPDATE events SET {field} = coalesce({field}, '') || '!' WHERE id = ?", [target]
        )
        broken = first_broken_link(connection)
    assert broken is not None and broken.event_id == target


def test_only_the_trail_writes_events() -> None:
    """Every writer goes through delreg.store.trail.append: an event written any other way
    would carry no hash and break the chain for everyone after it."""
    package = ROOT / "delreg"
    writers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"(INSERT|REPLACE)\s+(OR\s+\w+\s+)?INTO\s+events\b", path.read_text(), re.I)
    )
    assert writers == ["store/trail.py"]
