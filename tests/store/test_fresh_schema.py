"""A new register's schema made in one step (delreg.store.fresh_schema) is the register the
migrations make one by one: the same file page for page, the same schema, the same settings on
the connection that goes on writing to it, and the same register after an import."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from delreg.errors import StoreError
from delreg.importer import import_records
from delreg.store import OpenMode, Store
from delreg.store import base as store_base
from delreg.store.connection import connect
from delreg.store.fresh_schema import FRESH_VERSION, STEPS
from delreg.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from tests.helpers.exports import STAMP, export, export_rows, read, snapshot

# What a connection's settings and the file's header say, beyond the schema itself.
PRAGMAS = (
    "user_version",
    "schema_version",
    "application_id",
    "page_size",
    "page_count",
    "freelist_count",
    "encoding",
    "auto_vacuum",
    "journal_mode",
    "foreign_keys",
    "recursive_triggers",
    "legacy_alter_table",
)
# The file header's counts of transactions (the one step is one, the migrations eleven).
CHANGE_COUNTERS = (range(24, 28), range(92, 96))


def made(path: Path, *, one_step: bool, private: bool = True) -> sqlite3.Connection:
    """A connection to a new register at ``path``, its schema made in one step or by every
    migration in turn (the first alone, the rest from there: no longer an empty file)."""
    path.touch()
    connection = connect(path, private=private)
    if not one_step:
        migrate(connection, path, to=1)
    migrate(connection, path)
    return connection


def described(connection: sqlite3.Connection) -> dict[str, Any]:
    """The schema as SQLite keeps it (rowid and first page of each entry), every row of every
    table (the search index's own tables too), and the pragmas."""
    master = connection.execute("SELECT rowid, * FROM sqlite_master ORDER BY rowid").fetchall()
    tables = [name for kind, name, *_ in (row[1:] for row in master) if kind == "table"]
    rows = {
        name: connection.execute(f'SELECT * FROM "{name}"').fetchall()
        for name in tables
        if not name.endswith("_fts")
    }
    pragmas = {name: connection.execute(f"PRAGMA {name}").fetchone() for name in PRAGMAS}
    return {"master": master, "rows": rows, "pragmas": pragmas}


def without_counters(data: bytes) -> bytes:
    kept = bytearray(data)
    for counter in CHANGE_COUNTERS:
        kept[counter.start : counter.stop] = bytes(len(counter))
    return bytes(kept)


@pytest.mark.parametrize("private", [True, False], ids=["made aside", "opened"])
def test_one_step_makes_the_register_the_migrations_make(tmp_path: Path, private: bool) -> None:
    stepped = made(tmp_path / "stepped.db", one_step=False, private=private)
    fresh = made(tmp_path / "fresh.db", one_step=True, private=private)
    with closing(stepped), closing(fresh):
        assert described(fresh) == described(stepped)
        assert fresh.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert fresh.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    if private:  # in WAL mode the pages are still in the log
        one, other = (tmp_path / "fresh.db").read_bytes(), (tmp_path / "stepped.db").read_bytes()
        assert len(one) == len(other) > 0
        assert without_counters(one) == without_counters(other)


def test_one_step_is_one_transaction_without_sqlite_utils(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    path.touch()
    seen: list[str] = []
    with closing(connect(path, private=True)) as connection:
        connection.set_trace_callback(seen.append)
        migrate(connection, path)
    assert seen.count("BEGIN IMMEDIATE") == seen.count("COMMIT") == 1
    assert not [statement for statement in seen if "sqlite_utils" in statement]
    statements = sum(len(step) for step in STEPS)
    # Each of the steps' statements, and a look at the file before and after ("-- …" are the
    # search index's own, made as its table is).
    ours = [statement for statement in seen if not statement.startswith("-- ")]
    assert statements <= len(ours) <= statements + 8


def test_each_migration_has_its_step() -> None:
    assert FRESH_VERSION == len(STEPS) <= len(MIGRATIONS) == SCHEMA_VERSION
    assert all(STEPS)


def test_a_new_register_is_made_without_importing_sqlite_utils(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from delreg.store import Store; "
        f"Store.writing(Path({str(tmp_path / 'reg.db')!r}), lambda store: None); "
        "print('sqlite_utils' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert (tmp_path / "reg.db").exists()


def test_an_import_into_a_register_made_in_one_step_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_base, "now", lambda: STAMP)
    records = read(export(export_rows(60)))
    found = {}
    for one_step in (True, False):
        path = tmp_path / f"{one_step}.db"
        made(path, one_step=one_step, private=False).close()
        with Store.open(path, mode=OpenMode.EXISTING, command="delreg import x.csv") as store:
            import_records(store, records)
        found[one_step] = snapshot(path)
    assert found[True] == found[False]


def test_a_file_with_tables_of_its_own_is_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as other:
        other.execute("CREATE TABLE kinds (name TEXT)")
        other.commit()
    before = path.read_bytes()
    with pytest.raises(StoreError), closing(connect(path, private=True)) as connection:
        migrate(connection, path)
    with closing(sqlite3.connect(path)) as other:
        assert other.execute("SELECT name FROM sqlite_master").fetchall() == [("kinds",)]
    assert path.read_bytes() == before
