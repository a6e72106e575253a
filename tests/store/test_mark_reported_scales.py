"""`report --mark-reported` does work in proportion to the decisions it reports.

Reporting each decision used to read every item already on the meeting's list to find the
next number: 479 s for 60 000 decisions, with the write lock held. Time is a poor witness on a
shared machine, so the work is counted instead: SQLite calls a progress handler every N virtual
machine instructions, and the count of calls is the work done, whatever the machine's load.
"""

from __future__ import annotations

from pathlib import Path

from delreg.importer import import_records
from delreg.model import Decision, Meeting
from delreg.store import OpenMode, Store

# Instructions between two calls of the progress handler: fine enough to count small runs.
STEP = 100


def work_to_report(folder: Path, count: int) -> int:
    """SQLite instructions (in STEPs) spent reporting ``count`` decisions at one meeting."""
    meeting = Meeting(date="2024-02-15", board="Hälso- och sjukvårdsnämnden")
    with Store.open(folder / f"r{count}.db", mode=OpenMode.CREATE) as store:
        import_records(
            store,
            (
                Decision(f"24RS{serial}", "beslut", f"beslut om inköp nr {serial}")
                for serial in range(1, count + 1)
            ),
        )
        store.add_meeting(meeting)
        numbers = [f"24RS{serial}" for serial in range(1, count + 1)]
        calls = 0

        def counted() -> int:
            nonlocal calls
            calls += 1
            return 0

        store.connection.set_progress_handler(counted, STEP)
        assert store.mark_reported(numbers, meeting) == count
        store.connection.set_progress_handler(None, STEP)
        items = [
            row[0]
            for row in store.connection.execute("SELECT item FROM reportings ORDER BY decision_id")
        ]
    assert items == list(range(1, count + 1))
    return calls


def test_marking_ten_times_the_decisions_reported_is_about_ten_times_the_work(
    tmp_path: Path,
) -> None:
    small = work_to_report(tmp_path, 2_000)
    large = work_to_report(tmp_path, 20_000)
    # Linear work gives 10 (a little more for the index's depth); quadratic gave 100.
    assert large / small < 20, (small, large)
