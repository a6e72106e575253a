"""The register file: migrations, pragmas, permissions, and refusing what is not ours."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from delreg.errors import StoreError
from delreg.model import Decision
from delreg.store import DecisionQuery, OpenMode, Store
from delreg.store.connection import connect, create_private_file
from delreg.store.schema import SCHEMA_VERSION, migrate


def test_a_database_made_by_the_first_schema_upgrades_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    create_private_file(path)
    connection = connect(path)
    migrate(connection, path, to=1)
    # A row written by the first version, before full-text search existed.
    connection.execute("INSERT INTO kinds (name, label) VALUES ('kontrakt', 'Kontrakt')")
    connection.execute(
        "INSERT INTO decisions (diary_number, kind, subject, parties, secret, created_at) "
        "VALUES ('23RS764', 'kontrakt', 'ultraljudsutrustning', '[\"Acme AB\"]', 0, 'then')"
    )
    connection.close()

    with Store.open(path, mode=OpenMode.CREATE) as store:
        version = store.connection.execute("PRAGMA user_version").fetchone()[0]
        found = list(store.decisions(DecisionQuery(search="ultraljud")))
        by_party = list(store.decisions(DecisionQuery(party="Acme")))
    assert version == SCHEMA_VERSION > 1
    assert [d.diary_number for d in found] == ["23RS764"]
    assert by_party[0].parties == ("Acme AB",)


def test_pragmas_and_private_file(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with Store.open(path, mode=OpenMode.CREATE) as store:
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.connection.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_foreign_keys_hold(tmp_path: Path) -> None:
    with (
        Store.open(tmp_path / "r.db", mode=OpenMode.CREATE) as store,
        pytest.raises(sqlite3.IntegrityError),
    ):
        store.connection.execute(
            "INSERT INTO reportings (decision_id, meeting_id, item) VALUES (999, 999, 1)"
        )


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a delreg register"):
        Store.open(path, mode=OpenMode.CREATE)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_delreg_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(path, mode=OpenMode.CREATE) as store:
        store.add(Decision("23RS1", "beslut", "något"))
        store.connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer delreg"):
        Store.open(path, mode=OpenMode.CREATE)
    assert path.read_bytes() == before


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "no" / "such" / "r.db", mode=OpenMode.CREATE)


def test_full_text_index_follows_edits_and_deletes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "r.db", mode=OpenMode.CREATE) as store:
        store.add(Decision("23RS1", "beslut", "diskdesinfektor", parties=("Örebro AB",)))
        assert [d.diary_number for d in store.decisions(DecisionQuery(search="orebro"))] == [
            "23RS1"
        ]
        store.edit("23RS1", {"subject": "ögonproteser"})
        assert not list(store.decisions(DecisionQuery(search="diskdesinfektor")))
        assert list(store.decisions(DecisionQuery(search="ögon")))
        store.delete("23RS1")
        assert not list(store.decisions(DecisionQuery(search="ögon")))
        assert list(store.decisions(DecisionQuery(search="ögon", include_deleted=True)))


@pytest.mark.parametrize("query", ['" OR 1=1 --', "'; DROP TABLE decisions; --", "NEAR(", "*", ""])
def test_search_text_is_never_syntax(tmp_path: Path, query: str) -> None:
    with Store.open(tmp_path / "r.db", mode=OpenMode.CREATE) as store:
        store.add(Decision("23RS1", "beslut", "drop table decisions"))
        found = list(store.decisions(DecisionQuery(search=query)))
        assert store.get("23RS1") is not None
    # Only the query made of the subject's own words finds it; the rest find nothing.
    expected = ["23RS1"] if "drop" in query.lower() else []
    assert [d.diary_number for d in found] == expected


def test_a_log_file_removed_as_the_register_is_opened_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from delreg.store.files import schema_of

    path = tmp_path / "r.db"
    with Store.open(path, mode=OpenMode.CREATE) as store:
        store.add(Decision("24RS1", "beslut", "x"))
    # Another command's -wal: there when looked for, gone (its last connection closed) by the
    # time its size is asked.
    Path(f"{path}-wal").write_bytes(b"")
    real_stat = Path.stat

    def vanished(self: Path, **options: bool) -> os.stat_result:
        if self.name.endswith(("-wal", "-journal")):
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real_stat(self, **options)

    def there(self: Path, **options: bool) -> bool:
        return self.name.endswith(("-wal", "-journal")) or real_exists(self, **options)

    real_exists = Path.exists
    monkeypatch.setattr(Path, "stat", vanished)
    monkeypatch.setattr(Path, "exists", there)
    assert schema_of(path) == SCHEMA_VERSION
    with Store.open(path, mode=OpenMode.EXISTING) as store:
        assert [d.diary_number for d in store.decisions(DecisionQuery())] == ["24RS1"]
