"""backup, restore and verify: copies that are sound, restores that check first."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

from tests.helpers import Invoke, as_json


def add(delreg: Invoke, number: str, subject: str = "ultraljudsutrustning") -> None:
    result = delreg("add", "--kind", "beslut", "--diary-number", number, "--subject", subject)
    assert result.exit_code == 0, result.stderr


def numbers(delreg: Invoke) -> list[str]:
    return sorted(row["diary_number"] for row in as_json(delreg("list", "--format", "json")))


def test_backup_and_restore_round_trip(delreg: Invoke, tmp_path: Path, database: Path) -> None:
    add(delreg, "24RS1")
    add(delreg, "24RS2")
    copy = tmp_path / "copy.db"
    assert delreg("backup", str(copy)).exit_code == 0
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    add(delreg, "24RS3")
    refused = delreg("backup", str(copy))
    assert refused.exit_code == 2 and "exists already" in refused.stderr

    result = delreg("restore", str(copy), "--yes")
    assert result.exit_code == 0, result.stderr
    assert numbers(delreg) == ["24RS1", "24RS2"]
    # Nothing is lost: the register as it was before the restore is kept beside it.
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("register.db.before-restore-")]
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as connection:
        assert connection.execute("SELECT count(*) FROM decisions").fetchone()[0] == 3


def test_restore_refuses_what_is_not_a_sound_register(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    add(delreg, "24RS1")
    before = database.read_bytes()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    for source in (junk, tmp_path / "missing.db"):
        result = delreg("restore", str(source), "--yes")
        assert result.exit_code == 2, result.stdout
        assert result.stderr.startswith("delreg: error:")
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE t (x)")
    result = delreg("restore", str(plain), "--yes")
    assert result.exit_code == 2 and "is not a delreg register" in result.stderr
    # The hint is about the backup named, not about the register's --db.
    assert "--db" not in result.stderr
    assert database.read_bytes() == before
    assert numbers(delreg) == ["24RS1"]


def test_verify_finds_a_search_index_out_of_step(delreg: Invoke, database: Path) -> None:
    add(delreg, "24RS1")
    ok = delreg("verify", "--json")
    assert ok.exit_code == 0 and json.loads(ok.stdout) == []
    with sqlite3.connect(database) as connection:
        # Change a subject behind the triggers' back, as a careless script might.
        connection.execute("DROP TRIGGER decisions_au")
        connection.execute("UPDATE decisions SET subject = 'ögonproteser'")
    broken = delreg("verify", "--json")
    assert broken.exit_code == 1
    # The history no longer ends in the row's values either: the change went unrecorded.
    assert [problem["check"] for problem in json.loads(broken.stdout)] == ["full-text", "history"]


def test_verify_finds_an_unnormalised_diary_number(delreg: Invoke, database: Path) -> None:
    add(delreg, "24RS1")
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE decisions SET diary_number = ' 24rs1'")
    result = delreg("verify", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["check"] == "diary-number"
