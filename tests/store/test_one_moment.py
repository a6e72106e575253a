"""Store.one_moment: reads of the register as it was at one moment, named by the newest event of
the history, whatever is committed meanwhile (delreg.report.period_json's two processes
compare the names of their moments)."""

from __future__ import annotations

from pathlib import Path

from delreg.model import Decision
from delreg.store import DecisionQuery, OpenMode, Store

JANUARY = DecisionQuery(since="2024-01-01", until="2024-01-31", newest_first=False)


def numbers(store: Store, query: DecisionQuery = JANUARY) -> list[str]:
    return sorted(row[7] for row in store.period_items(query))


def test_reads_in_one_moment_see_one_register_and_name_it(database: Path) -> None:
    with Store.open(database, mode=OpenMode.CREATE) as writer:
        writer.add(Decision("24RS1", "beslut", "lokaler", decided_on="2024-01-10"))
        with Store.open(database, mode=OpenMode.EXISTING) as reader:
            with reader.one_moment() as moment:
                assert numbers(reader) == ["24RS1"]
                # Committed by another connection while the moment lasts: not seen in it.
                writer.add(Decision("24RS2", "beslut", "hyra", decided_on="2024-01-20"))
                assert numbers(reader) == ["24RS1"]
                with writer.one_moment() as now:
                    assert now != moment
            with reader.one_moment() as later:
                assert numbers(reader) == ["24RS1", "24RS2"]
                assert later == now != moment
                # Named by the newest event: its id and the hash that chains the history.
                assert later[0] > moment[0] and len(later[1]) == 64
            # Nothing changed since: the same moment, by name.
            with reader.one_moment() as again:
                assert again == later


def test_a_register_with_no_history_yet_is_of_one_moment(database: Path) -> None:
    with Store.open(database, mode=OpenMode.CREATE) as store, store.one_moment() as moment:
        assert moment[0] == 0
    with Store.open(database, mode=OpenMode.EXISTING) as store, store.one_moment() as again:
        assert again == moment


def test_a_period_halved_by_its_days_loses_and_repeats_no_decision(database: Path) -> None:
    """``before`` and ``since`` at one day cut a period in two: every date the period holds,
    as SQLite compares its text, is in one part and one only (odd texts too)."""
    days = ["2024-01-01", "2024-01-15", "2024-01-15 ", "2024-01-15x", "2024-01-16", "2024-01-31"]
    with Store.open(database, mode=OpenMode.CREATE) as store:
        for serial, day in enumerate(days, 1):
            store.add(Decision(f"24RS{serial}", "beslut", "lokaler", decided_on=day))
        store.connection.execute(
            "UPDATE decisions SET decided_on = ? WHERE diary_number = ?", [days[2], "24RS3"]
        )
        whole = numbers(store)
        for middle in ("2024-01-02", "2024-01-15", "2024-01-16", "2024-01-31"):
            first = numbers(store, DecisionQuery(since="2024-01-01", until="2024-01-31",
                                                 before=middle))  # fmt: skip
            later = numbers(store, DecisionQuery(since=middle, until="2024-01-31"))
            assert sorted(first + later) == whole, middle
            assert not set(first) & set(later)
    assert len(whole) == len(days)
