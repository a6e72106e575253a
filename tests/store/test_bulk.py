"""The fast import paths give exactly the register, history and search index of the slow ones.

Two fast paths: reading CSV rows with remembered cells (``RowReader``) instead of normalising
every cell, and writing batches through temporary tables (``delreg.store.bulk``) instead of row
by row. Each is compared with its slow twin on the same input, table by table.
"""

from __future__ import annotations

import contextlib
import gc
import json
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from delreg.boards import Board
from delreg.errors import DelregError
from delreg.importer import import_records
from delreg.model import Decision, Meeting
from delreg.parse import Record, Rejected
from delreg.parse import registry_rows as parse_rows
from delreg.store import DecisionQuery, OpenMode, Store
from delreg.store import base as store_base
from delreg.store import bulk as store_bulk
from delreg.store import imports as store_imports
from delreg.store.bulk import MeetingItems, bind_none_directly, plan_reportings
from delreg.store.decisions import DecisionRoom
from delreg.store.maintenance import verify
from tests.helpers.exports import STAMP, export, export_rows, read, snapshot
from tests.helpers.rows import reference_records

# --- reading --------------------------------------------------------------------------------


def test_remembered_cells_read_as_every_cell_normalised_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = export(export_rows(400))
    text += "23RS9999\n" + ",".join(["24RS1", "beslut", "kort rad"]) + "\n"  # short rows
    text += ",".join(["24RS2", "beslut", "   ", *[""] * 15]) + "\n"  # an empty subject
    text += ",".join(["24RS3", "beslut", "extra", *[""] * 16]) + ",spill\n"  # too many cells
    fast = read(text)
    # A small memory that keeps starting over must change nothing either.
    monkeypatch.setattr(parse_rows, "_REMEMBERED_CELLS", 3)
    forgetful = read(text)
    monkeypatch.setattr(parse_rows.RowReader, "records", reference_records)
    slow = read(text)
    assert fast == slow == forgetful
    assert sum(isinstance(record, Rejected) for record in slow) > 10


# --- writing --------------------------------------------------------------------------------


def import_text(
    path: Path, text: str | list[Record], meeting: Meeting | None = None
) -> dict[str, Any]:
    """Import an export's text (or records already read: several files in one import)."""
    records = read(text) if isinstance(text, str) else text
    with Store.open(path, mode=OpenMode.CREATE, command="delreg import export.csv") as store:
        summary = import_records(store, records, meeting=meeting)
        assert verify(store.connection) == []
    return summary.to_json()


def build_register(
    path: Path, *, bulk: bool, monkeypatch: pytest.MonkeyPatch, set_aside: bool = False
) -> dict[str, Any]:
    """Three imports over one register (new rows; changed, unchanged and deleted ones; a
    meeting's list), in batches of 50, through one path or the other; with ``set_aside``, the
    first two (as many rows as the register holds, or more) set the plain indexes aside."""
    monkeypatch.setattr(store_base, "now", lambda: STAMP)
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 50)
    monkeypatch.setattr(store_imports, "BULK_ROWS", 1 if bulk else 10**9)
    monkeypatch.setattr(store_imports, "SET_ASIDE_ROWS", 1 if set_aside else 10**9)
    summaries = [import_text(path, export(export_rows(300)))]
    with Store.open(path, mode=OpenMode.CREATE) as store:
        store.delete("22RS1152")
        store.delete("RS 2023/1153")
    summaries.append(import_text(path, export(export_rows(300, offset=150, variant=1))))
    summaries.append(import_text(path, export(export_rows(120, offset=400)), Meeting("2024-02-15")))
    # Two files in one import, each number in both: held ones and new ones, reported again
    # at the second file's meeting, whose item the first of them takes (a number again goes
    # to a later batch, and finds the decision the first file's row inserted); then the
    # first file again, unchanged.
    twice = list(export_rows(40, offset=500))
    moved = [[*row[:15], "2024-03-21", "3", *row[17:]] for row in twice]
    summaries.append(import_text(path, read(export(iter(twice))) + read(export(iter(moved)))))
    summaries.append(import_text(path, export(export_rows(300))))
    return {"summaries": summaries, **snapshot(path)}


@pytest.mark.parametrize("set_aside", [False, True], ids=["indexes kept", "indexes set aside"])
def test_bulk_and_row_by_row_imports_give_the_same_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, set_aside: bool
) -> None:
    bulk = build_register(
        tmp_path / "bulk.db", bulk=True, monkeypatch=monkeypatch, set_aside=set_aside
    )
    rows = build_register(tmp_path / "rows.db", bulk=False, monkeypatch=monkeypatch)
    assert bulk.keys() == rows.keys()
    for name in bulk:
        assert bulk[name] == rows[name], name
    # The comparison compared something: every kind of change is there.
    actions = {row[3] for row in bulk["events"]}
    # The history's hash chain (the last column) is there, and equal, in both.
    assert all(len(row[-1]) == 64 for row in bulk["events"])
    assert {"insert", "update", "undelete", "delete", "report"} <= actions
    assert bulk["summaries"][1]["unchanged"] > 0 and bulk["summaries"][1]["updated"] > 0
    assert len(bulk["reportings"]) > 300
    # Decisions reported at two meetings, the later one's items numbered past those taken.
    twice = Counter(decision for decision, _, _ in bulk["reportings"])
    assert sum(count > 1 for count in twice.values()) >= 40
    assert bulk["summaries"][3]["inserted"] == 20 and bulk["summaries"][3]["unchanged"] >= 40
    assert bulk["summaries"][4]["inserted"] == 0 and bulk["summaries"][4]["unchanged"] > 200
    assert bulk["search ultraljud"] and bulk["temp tables"] == []
    # Set aside, an index is made again at the end, on pages of its own: the path was taken.
    pages = [
        root_page(tmp_path / name, "idx_events_diary_number") for name in ("bulk.db", "rows.db")
    ]
    assert (pages[0] != pages[1]) is set_aside


def root_page(path: Path, index: str) -> int:
    with sqlite3.connect(path) as connection:
        (page,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", [index]
        ).fetchone()
    connection.close()
    return int(page)


class Stopped(Exception):
    """What stops an import half-way in these tests (as Ctrl-C or a full disk would)."""


def stop(_: object) -> bool:
    raise Stopped


@pytest.mark.parametrize("commit_if", [lambda _: False, stop], ids=["rolled back", "failed"])
@pytest.mark.parametrize("set_aside", [False, True], ids=["indexes kept", "indexes set aside"])
def test_a_rolled_back_bulk_import_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, set_aside: bool, commit_if: Any
) -> None:
    monkeypatch.setattr(store_imports, "BULK_ROWS", 1)
    monkeypatch.setattr(store_imports, "SET_ASIDE_ROWS", 1 if set_aside else 10**9)
    path = tmp_path / "r.db"
    import_text(path, export(export_rows(20)))
    before = snapshot(path)
    with Store.open(path, mode=OpenMode.CREATE) as store, contextlib.suppress(Stopped):
        import_records(store, read(export(export_rows(200, offset=10))), commit_if=commit_if)
    # The register, its indexes among its schema, and its search index as they were.
    assert snapshot(path) == before


# --- reportings -----------------------------------------------------------------------------


def test_reportings_keep_free_items_and_number_the_rest_after_the_highest() -> None:
    meetings = {1: MeetingItems(highest=5, taken={3}), 2: MeetingItems(highest=0)}
    planned = plan_reportings(
        [
            ("A", 1, 3),  # taken: gets 6
            ("B", 1, 9),  # free: keeps 9
            ("C", 1, None),  # none given: after the highest, 10
            ("D", 2, 2),
            ("E", 2, 2),  # taken by D in this very batch: 3
            ("F", 1, 1),  # already reported there: left alone
        ],
        {"A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15},
        reported={(15, 1)},
        meetings=meetings,
    )
    assert [(number, meeting, item) for number, _, meeting, item in planned] == [
        ("A", 1, 6),
        ("B", 1, 9),
        ("C", 1, 10),
        ("D", 2, 2),
        ("E", 2, 3),
    ]


def test_history_of_a_bulk_import_reads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_imports, "BULK_ROWS", 1)
    path = tmp_path / "r.db"
    import_text(path, export(export_rows(60)))
    with Store.open(path, mode=OpenMode.CREATE) as store:
        events = store.history("RS 2021/1001")
    assert [event.action for event in events] == ["insert", "report"]
    assert events[0].new is not None and events[0].new["diary_number"] == "RS 2021/1001"
    assert json.dumps(events[1].new) == json.dumps({"meeting": "2024-02-15", "item": 8})


# --- the search index's insert trigger, set aside --------------------------------------------

INSERT_TRIGGER = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'decisions_ai'"


def searched(path: Path, word: str) -> list[tuple[int]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(
            "SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ? ORDER BY rowid",
            [f'"{word}"*'],
        ).fetchall()


def test_small_batches_after_a_staged_one_are_indexed_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of 50, 50 and 20 with staging from 40 rows: the last, small one goes through
    the staging as well (the trigger is set aside until the import ends)."""
    monkeypatch.setattr(store_base, "now", lambda: STAMP)
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 50)
    text = export(export_rows(120, offset=600))
    found = {}
    for name, bulk_rows in (("mixed", 40), ("rows", 10**9)):
        monkeypatch.setattr(store_imports, "BULK_ROWS", bulk_rows)
        import_text(tmp_path / f"{name}.db", text)
        found[name] = snapshot(tmp_path / f"{name}.db")
    assert found["mixed"] == found["rows"]
    # The last batch's decisions (rows 100-119 of the export) are found by their subjects.
    last = {number for (number,) in found["mixed"]["search ultraljud"]}
    assert {row[0] for row in found["mixed"]["decisions"][100:]} & last


@pytest.fixture
def staged_by_tens(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every import staged, in batches of ten."""
    monkeypatch.setattr(store_imports, "BULK_ROWS", 1)
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 10)


@pytest.mark.usefixtures("staged_by_tens")
def test_the_trigger_is_set_aside_while_batches_are_inserted(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    decisions = [record for record in read(export(export_rows(30))) if isinstance(record, Decision)]
    with Store.open(path, mode=OpenMode.CREATE) as store:
        trigger = store.connection.execute(INSERT_TRIGGER).fetchall()
        assert len(trigger) == 1
        with store.importing() as writing:
            for decision in decisions[:15]:  # one batch written, the next gathering
                writing.decision(decision)
            assert store.connection.execute(INSERT_TRIGGER).fetchall() == []
            for decision in decisions[15:]:
                writing.decision(decision)
            writing.finish()
            assert store.connection.execute(INSERT_TRIGGER).fetchall() == trigger
        assert verify(store.connection) == []
        # Every decision is found by its own diary number, as the trigger would have indexed it.
        for decision in decisions:
            assert store.decisions(DecisionQuery(search=decision.diary_number)), decision


@pytest.mark.usefixtures("staged_by_tens")
def test_an_import_that_only_updates_leaves_the_trigger_alone(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    import_text(path, export(export_rows(40)))
    with Store.open(path, mode=OpenMode.CREATE) as store:
        trigger = store.connection.execute(INSERT_TRIGGER).fetchall()
        with store.importing() as writing:
            for record in read(export(export_rows(40, variant=1))):
                if isinstance(record, Decision):
                    writing.decision(record)
            assert writing.counts.updated and not writing.counts.inserted
            assert store.connection.execute(INSERT_TRIGGER).fetchall() == trigger


def test_a_trigger_of_another_shape_is_left_to_fire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register whose insert trigger is not the one the schema makes (here: the same work,
    written by hand) keeps it firing; the batches take the temporary table."""
    monkeypatch.setattr(store_base, "now", lambda: STAMP)
    monkeypatch.setattr(store_imports, "BULK_ROWS", 1)
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 50)
    columns = "diary_number, procurement_number, subject, parties"
    own = (
        "CREATE TRIGGER decisions_ai AFTER INSERT ON decisions BEGIN "
        f"INSERT INTO decisions_fts (rowid, {columns}) "
        "VALUES (new.id, new.diary_number, new.procurement_number, new.subject, new.parties); END"
    )
    found = {}
    for name in ("own", "schema's"):
        path = tmp_path / f"{name}.db"
        with Store.open(path, mode=OpenMode.CREATE) as store:
            if name == "own":
                store.connection.execute("DROP TRIGGER decisions_ai")
                store.connection.execute(own)
        import_text(path, export(export_rows(120)))
        found[name] = snapshot(path)
    assert [row[3] for row in found["own"].pop("schema") if row[1] == "decisions_ai"] == [own]
    found["schema's"].pop("schema")
    assert found["own"] == found["schema's"]
    assert found["own"]["search ultraljud"]


# --- the cyclic collector, held off while an import writes -----------------------------------


@pytest.mark.parametrize("commit_if", [lambda _: True, stop], ids=["committed", "failed"])
def test_the_collector_is_held_off_while_an_import_writes_and_back_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, commit_if: Any
) -> None:
    monkeypatch.setattr(store_imports, "BULK_ROWS", 1)
    seen: list[bool] = []

    def asked(summary: Any) -> bool:
        seen.append(gc.isenabled())
        return bool(commit_if(summary))

    assert gc.isenabled()
    with Store.open(tmp_path / "r.db", mode=OpenMode.CREATE) as store, contextlib.suppress(Stopped):
        import_records(store, read(export(export_rows(60))), commit_if=asked)
    assert seen == [False] and gc.isenabled()
    # Off already (as `delreg report` holds it), it stays off.
    gc.disable()
    try:
        import_text(tmp_path / "r.db", export(export_rows(60, offset=60)))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_import_leaves_no_cycles_for_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the collector would have found, had it run while the import wrote: nothing, so
    holding it off costs no memory."""
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 100)
    found: list[int] = []

    def collected(_: object) -> bool:
        found.append(gc.collect())  # it runs when asked, held off or not
        return True

    for size in (20, 1200):
        records = read(export(export_rows(size)))
        with Store.open(tmp_path / f"{size}.db", mode=OpenMode.CREATE) as store:
            gc.collect()
            import_records(store, records, meeting=Meeting("2024-02-15"), commit_if=collected)
    assert found == [0, 0]


# --- None bound as NULL without the adapter lookup --------------------------------------------


# sqlite3's registry of adapters, by (type, protocol).
ADAPTERS: dict[Any, Any] = sqlite3.adapters
NONE_ADAPTED = (type(None), sqlite3.PrepareProtocol)


def test_none_binds_as_null_through_the_adapter_an_import_registers(tmp_path: Path) -> None:
    import_text(tmp_path / "r.db", export(export_rows(5)))
    assert NONE_ADAPTED in ADAPTERS
    with closing(sqlite3.connect(":memory:")) as connection:
        row = connection.execute("SELECT typeof(?), ? IS NULL, coalesce(?, 'x')", [None] * 3)
        assert row.fetchone() == ("null", 1, "x")


def test_an_import_writes_the_same_register_with_the_adapter_for_none_as_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """store.bulk.bind_none_directly changes how sqlite3 finds out how to bind None, never
    what is bound: every table, the history and its hashes included, is the same."""
    monkeypatch.setattr(store_base, "now", lambda: STAMP)
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 50)
    found: dict[str, dict[str, Any]] = {}
    for name in ("with", "without"):
        if name == "without":
            bind_none_directly()  # there to be taken away, whatever ran before
            monkeypatch.delitem(ADAPTERS, NONE_ADAPTED)
            monkeypatch.setattr(store_imports, "bind_none_directly", lambda: None)
        path = tmp_path / f"{name}.db"
        import_text(path, export(export_rows(300)))
        import_text(path, export(export_rows(120, offset=250, variant=1)), Meeting("2024-02-15"))
        found[name] = snapshot(path)
    assert NONE_ADAPTED not in ADAPTERS
    assert found["with"] == found["without"]
    # Empty fields and the events' old values were there to bind.
    assert any(None in row for row in found["with"]["decisions"])
    assert any(row[5] is None for row in found["with"]["events"])


def test_reportings_of_decisions_the_batch_inserted_are_not_looked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A decision the import just inserted is reported nowhere yet: only the decisions the
    register held are asked for their reportings (the comparison above holds the results)."""
    monkeypatch.setattr(store_imports, "BULK_ROWS", 1)
    path = tmp_path / "r.db"
    asked: list[list[str]] = []
    for offset in (0, 100):  # a new register; then half of it again, and half new
        with Store.open(path, mode=OpenMode.CREATE) as store:
            statements: list[str] = []
            store.connection.set_trace_callback(statements.append)
            import_records(store, read(export(export_rows(200, offset=offset))))
        lookups = [sql for sql in statements if "FROM reportings WHERE decision_id IN" in sql]
        asked.append(lookups)
    assert asked[0] == []
    # Held ones only (rows 100–199 that name a meeting and were read): not the new ones.
    assert len(asked[1]) == 1 and 60 <= asked[1][0].count(",") + 1 < 100


# --- the numbers an import wrote into a new register -------------------------------------------


def repeating_import(path: Path) -> dict[str, Any]:
    """Into a new register: rows, then (one import, two files) new numbers and those rows
    again, changed and unchanged, and a number twice in one file: every later batch repeats
    numbers an earlier one wrote."""
    first = export(export_rows(120))
    again = [*export_rows(60, offset=90, variant=1), *export_rows(30, offset=200)]
    twice = [*export_rows(30, offset=230), *export_rows(30, offset=230)]
    summary = import_text(path, read(first) + read(export(iter(again))) + read(export(iter(twice))))
    return {"summary": summary, **snapshot(path)}


@pytest.mark.parametrize("bulk", [True, False], ids=["batches", "row by row"])
def test_a_new_registers_import_looks_up_only_numbers_it_may_have_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    """What store.bulk.WrittenNumbers spares is the lookup of numbers no batch wrote yet: the
    register is the same, with the numbers asked for or not, and with slots so few that nearly
    every number is asked."""
    monkeypatch.setattr(store_base, "now", lambda: STAMP)
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 50)
    monkeypatch.setattr(store_imports, "BULK_ROWS", 1 if bulk else 10**9)
    asked: dict[str, list[str]] = {}
    existing = DecisionRoom._existing

    def looked_up(store: DecisionRoom, numbers: list[str]) -> Any:
        asked[store.path.stem].extend(numbers)
        return existing(store, numbers)

    monkeypatch.setattr(DecisionRoom, "_existing", looked_up)
    found: dict[str, dict[str, Any]] = {}
    for name in ("filtered", "crowded", "asked"):
        if name == "crowded":
            monkeypatch.setattr(store_bulk, "FEWEST_SLOT_BITS", 3)
            monkeypatch.setattr(store_bulk, "MOST_SLOT_BITS", 3)
        if name == "asked":  # as in a register that held decisions before the import
            monkeypatch.setattr(store_imports.ImportRoom, "_written_numbers", lambda *_: None)
        asked[name] = []
        found[name] = repeating_import(tmp_path / f"{name}.db")
    assert found["filtered"] == found["crowded"] == found["asked"]
    summary = found["asked"]["summary"]
    assert summary["updated"] > 0 and summary["unchanged"] > 0 and summary["inserted"] > 150
    assert len(asked["asked"]) == summary["inserted"] + summary["updated"] + summary["unchanged"]
    assert len(asked["filtered"]) < len(asked["crowded"]) <= len(asked["asked"])
    # Every number found held was asked for; few others were.
    held = summary["updated"] + summary["unchanged"]
    assert held <= len(asked["filtered"]) < held + 20


def test_an_import_into_a_register_that_held_decisions_asks_for_every_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.db"
    import_text(path, [Decision("KS 2024/1", "beslut", "Avtal")])
    asked: list[str] = []
    existing = DecisionRoom._existing

    def looked_up(store: DecisionRoom, numbers: list[str]) -> Any:
        asked.extend(numbers)
        return existing(store, numbers)

    monkeypatch.setattr(DecisionRoom, "_existing", looked_up)
    records = read(export(export_rows(40)))
    import_text(path, records)
    assert len(asked) == sum(isinstance(record, Decision) for record in records)


@pytest.mark.parametrize("bulk", [True, False], ids=["batches", "row by row"])
def test_a_date_named_without_a_board_is_looked_up_again_once_a_meeting_is_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bulk: bool
) -> None:
    """A date without a board finds the one meeting of that date; once the import adds a
    second (another board's), a later batch naming the date alone finds two, and stops."""
    monkeypatch.setattr(store_imports, "IMPORT_BATCH", 2)
    monkeypatch.setattr(store_imports, "BULK_ROWS", 1 if bulk else 10**9)
    path = tmp_path / "r.db"
    with Store.open(path, mode=OpenMode.CREATE) as store:
        store.add_board(Board("KS", "Kommunstyrelsen"))
        store.add_board(Board("BN", "Byggnadsnämnden"))
        store.add_meeting(Meeting("2024-05-16", board="KS"))
    before = snapshot(path)

    def decision(number: int, board: str | None) -> Decision:
        return Decision(f"RS 2024/{number}", "beslut", "bygglov", meeting="2024-05-16", board=board)

    records = [decision(1, None), decision(2, None), decision(3, "BN"), decision(4, "BN")]
    with (
        Store.open(path, mode=OpenMode.CREATE) as store,
        pytest.raises(DelregError, match="more than one meeting on 2024-05-16"),
    ):
        import_records(store, [*records, decision(5, None), decision(6, None)])
    assert snapshot(path) == before
    # Without the last batch the same import goes through: the first found KS's meeting.
    with Store.open(path, mode=OpenMode.CREATE) as store:
        import_records(store, records)
        assert [(r.diary_number, r.board) for r in store.reportings()] == [
            ("RS 2024/3", "BN"),
            ("RS 2024/4", "BN"),
            ("RS 2024/1", "KS"),
            ("RS 2024/2", "KS"),
        ]
