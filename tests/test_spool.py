"""An import's spool gives back every record it took, in order and unchanged, whether it kept
them in memory or wrote batches of them to its temporary file; and a decision built the bulk
paths' way (``model.build_decision``) is the decision the class builds, in every respect.

Records read ahead by a forked process (``ReadAhead``) are the records read, in order, as often
as they are replayed, with what the reading filled in; and whatever becomes of that process (an
error, a kill, a state that cannot be sent), iterating says so, and nothing of it is left: no
process, no pipe, no temporary file."""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg import spool
from delreg.importer import import_records
from delreg.model import FIELDS, Decision, Notice, build_decision
from delreg.parse import Record, Rejected
from delreg.spool import ReadAhead, ReadingFailed, RecordSpool
from delreg.store import OpenMode, Store
from delreg.store import imports as store_imports
from tests.helpers.exports import export, export_rows, read

TEXT = st.text(max_size=12) | st.sampled_from(["Region Örebro län", "KS 2024/15", "", "\x00"])
# Each field's kind of value; None wherever a field may be empty.
BY_TYPE: dict[str, st.SearchStrategy[Any]] = {
    "text": st.none() | TEXT,
    "date": st.none() | st.dates().map(str),
    "number": st.none() | st.integers(),
    "flag": st.booleans(),
    "list": st.lists(TEXT, max_size=3).map(tuple),
}
# The required fields are text, never None.
DECISIONS = st.builds(
    Decision,
    **{spec.name: BY_TYPE[spec.value_type] for spec in FIELDS}
    | {"diary_number": TEXT, "kind": TEXT, "subject": TEXT, "deleted": st.booleans()},
)
NOTICES = st.builds(Notice, text=TEXT, date=st.none() | st.just("2024-02-15"), source=TEXT)
REJECTED = st.builds(Rejected, source=TEXT, reason=TEXT)
RECORDS = st.lists(
    st.one_of(DECISIONS, DECISIONS, DECISIONS, NOTICES, REJECTED), max_size=40
)  # mostly decisions, as an export gives them


@settings(max_examples=150, deadline=None)
@given(records=RECORDS, in_memory=st.integers(min_value=1, max_value=7))
def test_the_spool_gives_back_what_it_took(records: list[Record], in_memory: int) -> None:
    with RecordSpool(iter(records), in_memory=in_memory) as spool:
        assert len(spool) == len(records)
        again = list(spool)
    assert again == records
    # The same kinds of record, and decisions that are Decisions in every way (hash, type).
    assert [type(record) for record in again] == [type(record) for record in records]
    assert [hash(record) for record in again if isinstance(record, Decision)] == [
        hash(record) for record in records if isinstance(record, Decision)
    ]
    # What the Decision's equality leaves out is kept too.
    assert [getattr(record, "deleted", None) for record in again] == [
        getattr(record, "deleted", None) for record in records
    ]


def test_a_large_import_goes_to_the_temporary_file_and_the_file_goes_with_the_spool() -> None:
    decisions = [Decision(f"KS 2024/{n}", "beslut", f"Avtal nr {n}") for n in range(1, 26)]
    spool = RecordSpool(decisions, in_memory=10)
    with spool:
        file = spool._file
        assert file is not None and not file.closed
        # Two batches of ten on file, the last five in memory.
        assert spool._batches == 2 and len(spool._tail) == 5
        assert list(spool) == decisions
    assert file.closed and spool._file is None


def test_a_failing_reader_leaves_no_temporary_file(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[IO[bytes]] = []

    def temporary_file(**options: Any) -> IO[bytes]:
        made.append(real(**options))
        return made[-1]

    real = tempfile.TemporaryFile
    monkeypatch.setattr(tempfile, "TemporaryFile", temporary_file)

    def records() -> Iterator[Record]:
        for n in range(1, 30):
            yield Decision(f"KS 2024/{n}", "beslut", "Avtal")
        raise ValueError("the reader stops")

    with pytest.raises(ValueError, match="the reader stops"):
        RecordSpool(records(), in_memory=4)
    assert len(made) == 1 and made[0].closed


@settings(max_examples=300, deadline=None)
@given(decision=DECISIONS)
def test_a_decision_built_for_bulk_is_the_decision(decision: Decision) -> None:
    values = [getattr(decision, spec.name) for spec in dataclasses.fields(Decision)]
    built = build_decision(values)
    assert type(built) is Decision
    assert built == decision and hash(built) == hash(decision)
    assert repr(built) == repr(decision)
    assert built.deleted == decision.deleted
    assert built.to_json() == decision.to_json()
    assert pickle.loads(pickle.dumps(built)) == decision
    assert dataclasses.replace(built, kind="avtal") == dataclasses.replace(decision, kind="avtal")
    # Frozen like any Decision.
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.subject = "ändrat"  # type: ignore[misc]


def test_a_decision_built_for_bulk_takes_the_same_values_as_the_class() -> None:
    assert build_decision(["KS 2024/1", "beslut", "Avtal"]) == Decision(
        "KS 2024/1", "beslut", "Avtal"
    )
    with pytest.raises(TypeError):
        build_decision(["KS 2024/1", "beslut"])


# Reading ahead forks a process: Linux only.
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks")


def children() -> list[int]:
    """This process's living (or unreaped) children."""
    listed = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text()
    return [int(pid) for pid in listed.split()]


def descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def decisions(count: int) -> list[Record]:
    return [Decision(f"KS 2024/{n}", "beslut", f"Avtal nr {n}") for n in range(1, count + 1)]


def reader(
    records: list[Record], *, then: Callable[[], None] | None = None
) -> Callable[[Callable[[int], None]], Iterator[Record]]:
    """A reading of ``records`` that tells a position as it reaches each, fills its state with
    their count at the end, then does ``then`` (in the process reading)."""

    def read(on_progress: Callable[[int], None]) -> Iterator[Record]:
        for position, record in enumerate(records, start=1):
            on_progress(position * 10)
            yield record
        state.append(f"read {len(records)}")
        if then is not None:
            then()

    state: list[Any] = []
    read.state = state  # type: ignore[attr-defined]
    return read


@linux_only
@settings(max_examples=25, deadline=None)
@given(records=RECORDS, batch=st.integers(min_value=1, max_value=7))
def test_records_read_ahead_are_the_records_read_every_time(
    records: list[Record], batch: int
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spool, "AHEAD_BATCH", batch)
        read = reader(records)
        state: list[Any] = read.state  # type: ignore[attr-defined]
        with ReadAhead(read, state=state) as ahead:
            first = list(ahead)
            assert ahead.whole and state == [f"read {len(records)}"]
            # Replayed whole from the file, as ``Store.writing`` asks after a lost race.
            again = list(ahead)
        assert first == records and again == records
        assert [type(record) for record in first] == [type(record) for record in records]
        assert children() == []


@linux_only
def test_the_count_coming_waits_for_enough_and_the_progress_is_heard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spool, "AHEAD_BATCH", 10)
    records = decisions(95)
    read = reader(records)
    heard: list[int] = []
    with ReadAhead(read, state=read.state) as ahead:  # type: ignore[attr-defined]
        ahead.on_progress = heard.append
        # At least 25 read (in batches of ten: thirty), the reading going on.
        assert ahead.coming(25) in (30, 95)
        assert ahead.coming(10**6) == 95 and ahead.whole
        assert list(ahead) == records
    # Each batch, then the end (all of it read).
    assert heard == [100 * n for n in range(1, 10)] + [950, 950]


@linux_only
def test_the_count_coming_is_told_early_by_the_share_of_the_input_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spool, "AHEAD_BATCH", 10)
    records = decisions(95)
    read = reader(records)
    # Ten bytes a record, 950 in all: the first batch, a tenth of them, says 95 will come.
    with ReadAhead(read, state=read.state, size=950) as ahead:  # type: ignore[attr-defined]
        assert ahead.coming(50) == 95 and not ahead.whole
        # More than the share says: known only once all is read.
        assert ahead.coming(96) == 95 and ahead.whole
        assert list(ahead) == records


@linux_only
def test_writing_to_a_register_others_can_open_waits_for_the_whole_input(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spool, "AHEAD_BATCH", 10)
    read = reader(decisions(45))
    with ReadAhead(read, state=read.state) as ahead:  # type: ignore[attr-defined]
        ahead.read_whole()
        assert ahead.whole and ahead.coming(1) == 45


def fails(error: BaseException) -> Callable[[], None]:
    def then() -> None:
        raise error

    return then


def killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class Unpicklable:
    def __reduce__(self) -> Any:
        raise TypeError("not to be pickled")


@pytest.mark.parametrize(
    "then",
    [fails(ValueError("a reader's error")), fails(KeyboardInterrupt()), killed],
    ids=["raises", "interrupted", "killed"],
)
@linux_only
def test_a_reading_that_does_not_end_well_is_told_and_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], then: Callable[[], None]
) -> None:
    monkeypatch.setattr(spool, "AHEAD_BATCH", 10)
    before = descriptors()
    records = decisions(35)
    read = reader(records, then=then)
    with ReadAhead(read, state=read.state) as ahead:  # type: ignore[attr-defined]
        taken: list[Record] = []
        with pytest.raises(ReadingFailed):
            taken.extend(ahead)
        # Every whole batch was given before the end was found missing; never the rest.
        assert taken == records[:30]
        assert not ahead.whole and read.state == []  # type: ignore[attr-defined]
        with pytest.raises(ReadingFailed):
            ahead.coming(1)
        assert children() == []
    assert descriptors() == before
    # The process reading ends quietly, whatever ended it: what to say is the caller's.
    assert capfd.readouterr() == ("", "")


@linux_only
def test_a_state_that_cannot_be_sent_is_a_reading_that_failed() -> None:
    read = reader(decisions(3), then=lambda: state.append(Unpicklable()))
    state: list[Any] = read.state  # type: ignore[attr-defined]
    with ReadAhead(read, state=state) as ahead, pytest.raises(ReadingFailed):
        list(ahead)
    assert state == []


@linux_only
def test_closing_early_ends_the_reading_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool, "AHEAD_BATCH", 10)

    def endless(on_progress: Callable[[int], None]) -> Iterator[Record]:
        number = 0
        while True:
            number += 1
            yield Decision(f"KS 2024/{number}", "beslut", "Avtal")

    before = descriptors()
    with ReadAhead(endless, state=[]) as ahead:
        assert ahead.coming(100) >= 100
        (pid,) = children()
    assert children() == []
    assert descriptors() == before
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@linux_only
def test_a_register_others_can_open_is_written_only_once_everything_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write lock of a register that exists is never held while the input is read: an
    import read ahead waits for the whole of it there (a register made aside need not)."""
    monkeypatch.setattr(spool, "AHEAD_BATCH", 10)
    # Not waiting for the count that tells whether the indexes are set aside.
    monkeypatch.setattr(store_imports, "SET_ASIDE_ROWS", 1)
    records = decisions(500)
    read = reader(records)
    seen_whole: list[bool] = []
    importing = Store.importing

    def watched(store: Store, **options: Any) -> Any:
        seen_whole.append(ahead.whole)
        return importing(store, **options)

    monkeypatch.setattr(Store, "importing", watched)
    with (
        Store.open(tmp_path / "register.db", mode=OpenMode.CREATE) as store,
        ReadAhead(read, state=read.state) as ahead,  # type: ignore[attr-defined]
    ):
        assert not store.private
        summary = import_records(store, ahead)
    assert seen_whole == [True] and summary.inserted == 500


@linux_only
def test_the_reading_process_reads_with_the_collector_off_and_this_one_keeps_it() -> None:
    """The process reading ahead holds the cyclic collector off (what it reads is in no
    cycle, and it ends once read); this process's collector is as it was."""

    def read(on_progress: Callable[[int], None]) -> Iterator[Record]:
        state.append(gc.isenabled())
        yield from decisions(3)

    state: list[Any] = []
    assert gc.isenabled()
    with ReadAhead(read, state=state) as ahead:
        assert list(ahead) == decisions(3)
    assert state == [False] and gc.isenabled()


def test_reading_an_export_leaves_the_same_few_objects_in_cycles_whatever_its_length() -> None:
    """What holding the collector off while reading costs: the few objects of a file's
    reader, not a row's (bad rows, remembered cells and duplicates included)."""
    found: list[int] = []
    for count in (40, 2000):
        text = export(export_rows(count)) + export(export_rows(count)).split("\n", 1)[1]
        gc.collect()
        gc.disable()
        try:
            records = read(text)
            found.append(gc.collect())
        finally:
            gc.enable()
        assert sum(isinstance(record, Rejected) for record in records) >= count // 37
    assert found[0] == found[1] < 200
