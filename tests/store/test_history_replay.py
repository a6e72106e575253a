"""The trail: every change to a decision is in its history, so replaying the events table from
the start gives back the current state of every decision exactly.

Random sequences of add, edit, delete, undelete, import (committed or rolled back) and reporting
run against a register; after every step the events are replayed (insert, update and undelete
set a decision's values to `new`, delete marks it deleted) and compared with the table.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from delreg.errors import DelregError
from delreg.importer import import_records
from delreg.model import Decision, Meeting
from delreg.store import DecisionQuery, OpenMode, Store
from delreg.store.maintenance import verify
from tests.helpers import Invoke, as_json

NUMBERS = st.sampled_from([f"24RS{serial}" for serial in range(1, 7)])
KINDS = st.sampled_from(["beslut", "avtal", "kontrakt", "tilldelningsbeslut"])
TEXT = st.text(alphabet="abcåäö ÅÖ-'\"=;,", min_size=1, max_size=12).map(str.strip).filter(bool)
PARTIES = st.lists(TEXT, max_size=3, unique=True).map(tuple)
DAYS = st.sampled_from([None, "2024-01-10", "2024-02-01"])
AMOUNTS = st.one_of(st.none(), st.integers(0, 10**9))
MEETINGS = st.sampled_from(["2024-02-15", "2024-03-14"])


@st.composite
def decisions(draw: st.DrawFn) -> Decision:
    return Decision(
        diary_number=draw(NUMBERS),
        kind=draw(KINDS),
        subject=draw(TEXT),
        parties=draw(PARTIES),
        decided_on=draw(DAYS),
        secret=draw(st.booleans()),
        amount=draw(AMOUNTS),
        delegate=draw(st.one_of(st.none(), TEXT)),
        source=draw(st.sampled_from([None, "export.csv:2", "dagordning.txt:14"])),
    )


CHANGES = st.fixed_dictionaries(
    {},
    optional={
        "subject": TEXT,
        "kind": KINDS,
        "parties": PARTIES,
        "decided_on": DAYS,
        "secret": st.booleans(),
        "secret_reason": st.one_of(st.none(), st.just("OSL 31:16")),
        "amount": AMOUNTS,
        "delegate": st.one_of(st.none(), TEXT),
    },
)


def replayed(store: Store) -> dict[str, tuple[dict[str, Any], bool]]:
    """Each decision's values and whether it is deleted, from its events alone."""
    state: dict[str, tuple[dict[str, Any], bool]] = {}
    rows = store.connection.execute(
        "SELECT action, diary_number, old, new, at, user FROM events ORDER BY id"
    )
    for action, number, old, new, at, user in rows:
        assert at and user, (action, number)  # when, and by whom
        if action in ("insert", "update", "undelete"):
            if action != "insert" and old is not None and number in state:
                # Each change starts where the one before it left the decision.
                assert json.loads(old) == state[number][0], (action, number)
            state[number] = (json.loads(new), False)
        elif action == "delete":
            assert json.loads(old) == state[number][0], (action, number)
            state[number] = (state[number][0], True)
    return state


def current(store: Store) -> dict[str, tuple[dict[str, Any], bool]]:
    """Each decision's values as the table holds them now (where it is reported aside)."""
    everything = DecisionQuery(include_deleted=True)
    return {
        decision.diary_number: (
            {k: v for k, v in decision.to_json().items() if k not in ("meeting", "item")},
            decision.deleted,
        )
        for decision in store.decisions(everything)
    }


class RegisterHistory(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="delreg-history-"))
        self.store = Store.open(
            self.folder / "register.db", mode=OpenMode.CREATE, command="delreg (test)"
        )

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # Each rule does what the command line would; refusals (a number already there, one not
    # there) are part of the sequence, and must leave no trace in the history either.
    @rule(decision=decisions())
    def add(self, decision: Decision) -> None:
        with suppress(DelregError):
            self.store.add(decision)

    @rule(number=NUMBERS, changes=CHANGES)
    def edit(self, number: str, changes: dict[str, Any]) -> None:
        with suppress(DelregError):
            self.store.edit(number, changes)

    @rule(number=NUMBERS)
    def delete(self, number: str) -> None:
        with suppress(DelregError):
            self.store.delete(number)

    @rule(number=NUMBERS)
    def undelete(self, number: str) -> None:
        with suppress(DelregError):
            self.store.undelete(number)

    @rule(
        records=st.lists(decisions(), max_size=4),
        meeting=st.one_of(st.none(), MEETINGS),
        commit=st.booleans(),
    )
    def import_records(self, records: list[Decision], meeting: str | None, commit: bool) -> None:
        # A rolled-back import (a dry run, a rejected row) must leave no event behind.
        import_records(
            self.store,
            records,
            meeting=Meeting(meeting) if meeting else None,
            commit_if=lambda summary: commit,
        )

    @rule(numbers=st.lists(NUMBERS, max_size=3, unique=True), meeting=MEETINGS)
    def report_at_meeting(self, numbers: list[str], meeting: str) -> None:
        with suppress(DelregError):
            self.store.mark_reported(numbers, Meeting(meeting))

    @invariant()
    def history_gives_back_the_register(self) -> None:
        assert replayed(self.store) == current(self.store)

    @invariant()
    def the_register_verifies(self) -> None:
        assert verify(self.store.connection) == []


RegisterHistory.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_random_changes_replay_from_the_history = RegisterHistory.TestCase


def test_history_on_the_command_line_shows_every_change_by_whom_and_when(
    delreg: Invoke, tmp_path: Path
) -> None:
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "första")
    delreg("edit", "24RS1", "--subject", "andra", "--party", "Acme AB")
    delreg("delete", "24RS1", "--yes")
    export = tmp_path / "export.csv"
    export.write_text("diary_number,subject,amount\n24RS1,tredje,1200\n", encoding="utf-8")
    delreg("import", str(export))
    delreg("edit", "24RS1", "--clear", "parties", "--secret-reason", "OSL 31:16")
    events = as_json(delreg("history", "24RS1", "--format", "json"))
    assert [event["action"] for event in events] == [
        "insert",
        "update",
        "delete",
        "undelete",
        "update",
    ]
    assert all(event["at"] and event["user"] for event in events)
    assert events[1]["command"] == "delreg edit 24RS1 --subject andra --party 'Acme AB'"
    shown = as_json(delreg("show", "24RS1", "--format", "json"))
    # Where it was reported and its legal status are derived, not the decision's own values.
    for name in ("meeting", "item", "status"):
        shown.pop(name)
    assert events[-1]["new"] == shown
    table = delreg("history", "24RS1").stdout
    assert "subject: 'första' → 'andra'" in table


def test_verify_finds_changes_the_history_does_not_hold(delreg: Invoke, database: Path) -> None:
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "första")
    delreg("add", "--kind", "beslut", "--diary-number", "24RS2", "--subject", "andra")
    assert delreg("verify").exit_code == 0
    with closing(sqlite3.connect(database)) as connection, connection:
        # A script that writes to the file directly leaves no event behind.
        connection.execute("UPDATE decisions SET amount = 5 WHERE diary_number = '24RS1'")
        connection.execute("DELETE FROM events WHERE diary_number = '24RS2'")
    result = delreg("verify", "--json")
    assert result.exit_code == 1
    found = {(problem["check"], problem["message"]) for problem in as_json(result)}
    assert found == {
        ("history", "24RS1: its history does not end in its current values (changed outside "
         "delreg?)"),
        ("history", "24RS2 has no history"),
    }  # fmt: skip
