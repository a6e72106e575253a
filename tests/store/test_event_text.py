"""The history's JSON written by hand is the JSON the encoder writes, byte for byte.

An import writes a history entry and a hash for every decision; ``columns.event_text``,
``columns.json_value`` and ``trail.canonical`` write them without setting up an encoder each
time. The stored text and every hash must stay exactly what ``json.dumps(…, ensure_ascii=False)``
gives (design: anyone can recompute the chain with any JSON and SHA-256 tool), for any text:
quotes, backslashes, control characters, non-ASCII, format characters, the template's ``%``.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import closing
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.model import FIELDS, Decision
from delreg.store.columns import (
    event_text,
    event_values,
    insert_rows,
    json_text,
    json_value,
    stored_values,
)
from delreg.store.connection import connect
from delreg.store.trail import GENESIS, append, canonical, event_hash

TRICKY = st.sampled_from(
    [
        *('"', "\\", '\\"', "\x00", "\x1f", "\x7f", "\n\r\t\b\f", "\u2028\u2029"),
        *("%s", "%", "%%(x)s", "Örebro läns landsting", "北京", "emoji 🧾", "\ufeff"),
        *("ends with \\", ""),
    ]
)
TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=30),
    TRICKY,
    st.lists(st.one_of(TRICKY, st.text(max_size=3)), max_size=4).map("".join),
)
MAYBE_TEXT = st.none() | TEXT
NUMBER = st.none() | st.integers() | st.integers(min_value=-(10**40), max_value=10**40)


def field_values() -> dict[str, st.SearchStrategy[Any]]:
    by_type: dict[str, st.SearchStrategy[Any]] = {
        "text": MAYBE_TEXT,
        "date": MAYBE_TEXT,
        "number": NUMBER,
        "flag": st.booleans(),
        "list": st.lists(TEXT, max_size=4).map(tuple),
    }
    chosen = {spec.name: by_type[spec.value_type] for spec in FIELDS}
    # The required ones are text, never None.
    for name in ("diary_number", "kind", "subject"):
        chosen[name] = TEXT
    return chosen


DECISIONS = st.builds(Decision, **field_values(), deleted=st.booleans())


@settings(max_examples=300, deadline=None)
@given(decision=DECISIONS, board=MAYBE_TEXT)
def test_a_decisions_history_text_is_the_encoders(decision: Decision, board: str | None) -> None:
    assert event_text(decision, board) == json_text(event_values(decision, board))
    assert event_text(decision) == json_text(event_values(decision))
    # And the parties column holds the same list the encoder writes.
    parties = stored_values(decision, board)[[s.name for s in FIELDS if s.stored].index("parties")]
    assert parties == json_text(list(decision.parties))


@settings(max_examples=200, deadline=None)
@given(decisions=st.lists(DECISIONS, max_size=4), board=MAYBE_TEXT, stamp=TEXT)
def test_an_inserts_rows_and_history_texts_are_those_made_one_by_one(
    decisions: list[Decision], board: str | None, stamp: str
) -> None:
    rows, texts = insert_rows(decisions, board, stamp)
    assert [tuple(row) for row in rows] == [
        (*stored_values(decision, board), stamp, stamp) for decision in decisions
    ]
    assert texts == [json_text(event_values(decision, board)) for decision in decisions]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | NUMBER | TEXT | st.floats(allow_nan=False),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(TEXT, inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES)
def test_any_value_is_written_as_the_encoder_writes_it(value: Any) -> None:
    assert json_value(value) == json_text(value)


EVENTS = st.tuples(
    st.integers(min_value=1, max_value=2**62),
    TEXT,
    TEXT,
    TEXT,
    MAYBE_TEXT,
    MAYBE_TEXT,
    MAYBE_TEXT,
    TEXT,
)


@settings(max_examples=300, deadline=None)
@given(event=EVENTS, previous=st.sampled_from([GENESIS, "ab" * 32]))
def test_an_events_hash_is_the_documented_recipe(event: tuple[Any, ...], previous: str) -> None:
    # trail.py's recipe, with nothing of delreg's: the JSON array without ASCII escapes, ", "
    # between items, after the previous hash, SHA-256 of the UTF-8 bytes.
    recipe = json.dumps(list(event), ensure_ascii=False)
    assert canonical(event) == recipe == json_text(list(event))
    expected = hashlib.sha256((previous + recipe).encode("utf-8")).hexdigest()
    assert event_hash(previous, event) == expected


def test_a_decisions_history_text_as_stored_reads_back() -> None:
    decision = Decision(
        diary_number="RS 2024/12",
        kind="avtal",
        subject='Ramavtal "städ" \\ Örebro\n',
        parties=("Acme AB", 'Bolag "B" AB'),
        standstill_days=10,
        secret=True,
        amount=1_250_000,
    )
    text = event_text(decision, "HSN")
    assert json.loads(text) == {**event_values(decision, "HSN")}
    assert json.loads(text)["board"] == "HSN" and json.loads(text)["secret"] is True


@settings(max_examples=100, deadline=None)
@given(events=st.lists(EVENTS.map(lambda event: event[1:]), min_size=1, max_size=8))
def test_the_chain_written_is_the_documented_recipe(
    history_register: Path, events: list[tuple[Any, ...]]
) -> None:
    """trail.append writes each hash from its own text (what a call's events share encoded
    once): every stored hash is the recipe's over the event as stored."""
    with closing(connect(history_register)) as connection:
        connection.execute("DELETE FROM events")
        append(connection, events)
        rows = connection.execute(
            "SELECT id, at, user, action, diary_number, old, new, command, hash FROM events "
            "ORDER BY id"
        ).fetchall()
    previous = GENESIS
    for row in rows:
        recipe = json.dumps(list(row[:-1]), ensure_ascii=False)
        previous = hashlib.sha256((previous + recipe).encode("utf-8")).hexdigest()
        assert row[-1] == previous
    assert [row[1:-1] for row in rows] == events
