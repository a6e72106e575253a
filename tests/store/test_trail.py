"""The history's hash chain: written by every writer, recomputable from its documented form,
and broken (and named) by any change made behind delreg's back."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

from delreg.store import OpenMode, Store
from delreg.store.connection import connect, create_private_file
from delreg.store.maintenance import verify
from delreg.store.schema import MIGRATIONS, SCHEMA_VERSION, _chain_the_history, migrate
from tests.helpers import SEED, Invoke, as_json

ZEROS = "0" * 64


def recomputed_chain(path: Path) -> list[tuple[int, str, str]]:
    """(id, stored hash, hash recomputed here from the documented serialisation) per event."""
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT id, at, user, action, diary_number, old, new, command, hash FROM events "
            "ORDER BY id"
        ).fetchall()
    previous = ZEROS
    found = []
    for row in rows:
        canonical = json.dumps(list(row[:8]), ensure_ascii=False)
        previous = hashlib.sha256((previous + canonical).encode("utf-8")).hexdigest()
        found.append((row[0], row[8], previous))
    return found


def build(delreg: Invoke) -> None:
    delreg("meetings", "add", "2024-02-15", "--board", "Hälso- och sjukvårdsnämnden")
    assert delreg("import", str(SEED), "--meeting", "2024-02-15").exit_code == 0
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "första")
    delreg("edit", "24RS1", "--subject", "andra")
    delreg("delete", "24RS1", "--yes")
    delreg("undelete", "24RS1")


def test_every_writer_chains_its_events_as_documented(delreg: Invoke, database: Path) -> None:
    build(delreg)
    ack = delreg("check", "--ack", "unreported", "24RS1", "--reason", "rapporteras muntligen")
    assert ack.exit_code == 0, ack.stderr
    chain = recomputed_chain(database)
    with closing(sqlite3.connect(database)) as connection:
        actions = {action for (action,) in connection.execute("SELECT action FROM events")}
    assert {"insert", "report", "update", "delete", "undelete", "ack"} <= actions
    assert [event_id for event_id, _, _ in chain] == list(range(1, len(chain) + 1))
    assert all(stored == mine for _, stored, mine in chain)
    assert delreg("verify").exit_code == 0


def test_an_event_edited_behind_delregs_back_is_named(delreg: Invoke, database: Path) -> None:
    build(delreg)
    with closing(sqlite3.connect(database)) as connection, connection:
        event_id, number = connection.execute(
            "SELECT id, diary_number FROM events WHERE action = 'update'"
        ).fetchone()
        # Someone makes the history say the subject was always 'andra'.
        connection.execute(
            "UPDATE events SET old = replace(old, 'första', 'andra') WHERE id = ?", [event_id]
        )
    result = delreg("verify", "--json")
    assert result.exit_code == 1
    chained = [p["message"] for p in as_json(result) if p["check"] == "chain"]
    assert len(chained) == 1 and number == "24RS1"
    broken_at = f"the history's chain breaks at event {event_id} (update of 24RS1 "
    assert chained[0].startswith(broken_at)
    assert "changed behind delreg's back" in chained[0]


def test_a_rehashed_forgery_breaks_the_next_link(delreg: Invoke, database: Path) -> None:
    """A forger who knows the recipe and rehashes the event still breaks the one after it."""
    build(delreg)
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("UPDATE events SET user = 'någon annan' WHERE id = 3")
    rows = {event_id: mine for event_id, _, mine in recomputed_chain(database)}
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("UPDATE events SET hash = ? WHERE id = 3", [rows[3]])
    messages = [p["message"] for p in as_json(delreg("verify", "--json")) if p["check"] == "chain"]
    assert len(messages) == 1 and messages[0].startswith("the history's chain breaks at event 4 ")


def test_a_removed_event_is_named_by_the_gap(delreg: Invoke, database: Path) -> None:
    build(delreg)
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("DELETE FROM events WHERE id = 10")
    messages = [p["message"] for p in as_json(delreg("verify", "--json")) if p["check"] == "chain"]
    assert len(messages) == 1
    assert "event 11 " in messages[0] and "events 10–10 before it are missing" in messages[0]


def test_the_chain_survives_the_migration_of_a_register_made_before_it(tmp_path: Path) -> None:
    """A register of the schema before the chain, with a history written as that delreg did
    (no hash column), gets every existing event chained, and new events follow on."""
    path = tmp_path / "before.db"
    create_private_file(path)
    connection = connect(path)
    # The schema just before the chain (later migrations may follow it).
    migrate(connection, path, to=MIGRATIONS.index(_chain_the_history))
    assert "hash" not in {row[1] for row in connection.execute("PRAGMA table_info(events)")}
    connection.close()
    # The previous schema's writes, through the store minus the hash column: what is in the
    # file is exactly what that delreg left, events included.
    with closing(sqlite3.connect(path)) as old, old:
        old.execute("INSERT INTO kinds (name, label) VALUES ('beslut', 'Beslut')")
        for number in range(1, 4):
            values = json.dumps({"diary_number": f"23RS{number}", "subject": "ett beslut"})
            old.execute(
                "INSERT INTO decisions (diary_number, kind, subject, parties, secret, "
                "created_at) VALUES (?, 'beslut', 'ett beslut', '[]', 0, 'then')",
                [f"23RS{number}"],
            )
            old.execute(
                "INSERT INTO events (at, user, action, diary_number, old, new, command) "
                "VALUES ('2023-05-01T08:00:00Z', 'anna', 'insert', ?, NULL, ?, 'delreg add')",
                [f"23RS{number}", values],
            )
    with Store.open(path, mode=OpenMode.CREATE) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        store.delete("23RS2")
    chain = recomputed_chain(path)
    assert [event_id for event_id, _, _ in chain] == [1, 2, 3, 4]
    assert all(stored == mine for _, stored, mine in chain)
    with closing(connect(path)) as connection:
        assert [p for p in verify(connection) if p.check == "chain"] == []
