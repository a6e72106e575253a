"""`import --dry-run` says what would change, decision by decision, and changes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import DATA, SEED, Invoke

EXPORT = DATA / "example-diarium.csv"


def register_state(database: Path) -> tuple[list[tuple[object, ...]], int]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT * FROM decisions ORDER BY id").fetchall()
        (events,) = connection.execute("SELECT count(*) FROM events").fetchone()
    connection.close()
    return rows, events


def test_a_dry_run_lists_each_insert_and_each_changed_field(delreg: Invoke, database: Path) -> None:
    assert delreg("import", str(SEED), "--meeting", "2024-02-15").exit_code == 0
    before = register_state(database)
    result = delreg("import", str(EXPORT), "--dry-run")
    assert result.exit_code == 0, result.stderr
    lines = {line.split()[1]: line for line in result.stdout.splitlines()}
    # 23RS710 came from the agenda without a date or a party; the export has both.
    award = lines["23RS710"]
    assert award.startswith("updated ")
    assert "decided_on: – → 2023-11-02" in award
    assert "parties: – → Ultraljud Norden AB" in award
    assert "subject:" not in award  # the same subject is no change
    inserted = [number for number, line in lines.items() if line.startswith("inserted")]
    assert len(inserted) == 2 and len(lines) == 12
    assert "inserted 2, updated 10, unchanged 0" in result.stderr
    assert "nothing was written (dry run)" in result.stderr
    assert register_state(database) == before


def test_the_json_summary_keeps_its_keys_and_adds_the_changes(
    delreg: Invoke, database: Path
) -> None:
    assert delreg("import", str(SEED), "--meeting", "2024-02-15").exit_code == 0
    result = delreg("import", str(EXPORT), "--dry-run", "--json")
    summary = json.loads(result.stdout)
    assert {"inserted", "updated", "unchanged", "rejected", "notices"} <= summary.keys()
    changes = summary["changes"]
    assert sum(c["action"] == "inserted" for c in changes) == summary["inserted"] == 2
    assert sum(c["action"] == "updated" for c in changes) == summary["updated"] == 10
    award = next(c for c in changes if c["diary_number"] == "23RS710")
    assert award["fields"]["decided_on"] == {"old": None, "new": "2023-11-02"}
    assert award["fields"]["parties"] == {"old": [], "new": ["Ultraljud Norden AB"]}
    # A real import's summary is the contract as it was: no list it did not ask for.
    written = json.loads(delreg("import", str(EXPORT), "--json").stdout)
    assert "changes" not in written and written["updated"] == 10


def test_a_dry_run_of_what_is_there_already_lists_nothing(delreg: Invoke) -> None:
    assert delreg("import", str(EXPORT)).exit_code == 0
    result = delreg("import", str(EXPORT), "--dry-run")
    assert result.exit_code == 0 and result.stdout == ""
    assert "unchanged 12" in result.stderr


def test_a_dry_run_names_a_deleted_decision_it_would_bring_back(delreg: Invoke) -> None:
    assert delreg("import", str(EXPORT)).exit_code == 0
    assert delreg("delete", "23RS710", "--yes").exit_code == 0
    result = delreg("import", str(EXPORT), "--dry-run", "--json")
    award = next(c for c in json.loads(result.stdout)["changes"] if c["diary_number"] == "23RS710")
    assert award == {
        "diary_number": "23RS710",
        "action": "updated",
        "fields": {"deleted": {"old": True, "new": False}},
    }


def test_a_dry_run_without_a_register_makes_none_and_still_lists_what_it_would_import(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    before = sorted(path.name for path in tmp_path.iterdir())
    result = delreg("import", str(EXPORT), "--dry-run")
    assert result.exit_code == 0, result.stderr
    inserted = [line.split()[1] for line in result.stdout.splitlines()]
    assert len(inserted) == 12 and "23RS710" in inserted
    assert all(line.startswith("inserted ") for line in result.stdout.splitlines())
    assert "inserted 12, updated 0, unchanged 0" in result.stderr
    assert "nothing was written (dry run)" in result.stderr
    assert not database.exists()
    assert not Path(f"{database}-wal").exists() and not Path(f"{database}-journal").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == before
    # The same import for real finds the register it would have made, as the dry run said.
    assert "inserted 12, updated 0" in delreg("import", str(EXPORT)).stderr


def test_a_dry_run_with_the_default_register_makes_not_even_its_folder(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DELREG_DB")
    result = delreg("import", str(EXPORT), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["inserted"] == 12
    assert not (tmp_path / "data" / "delreg").exists()
