"""An import's spool gives back every record it took, in order and unchanged, whether it kept
them in memory or wrote batches of them to its temporary file; and a decision built the bulk
paths' way (``model.build_decision``) is the decision the class builds, in every respect."""

from __future__ import annotations

import dataclasses
import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.model import FIELDS, Decision, Notice, build_decision
from delreg.parse import Record, Rejected
from delreg.spool import RecordSpool

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
