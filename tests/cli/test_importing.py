"""`delreg import` through the command line: atomic, idempotent, and clear about bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import SEED, Invoke, as_json, snapshot

CSV_HEADER = "diary_number,kind,procurement_number,subject,parties,decided_on"


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([CSV_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_seed_gives_29_decisions_and_3_notices_and_is_idempotent(delreg: Invoke) -> None:
    first = delreg("import", str(SEED), "--meeting", "2024-02-15", "--json")
    assert first.exit_code == 0, first.stderr
    summary = json.loads(first.stdout)
    contract = ("inserted", "updated", "unchanged", "rejected", "notices")
    assert {key: summary[key] for key in contract} == {
        "inserted": 29,
        "updated": 0,
        "unchanged": 0,
        "rejected": [],
        "notices": 3,
    }
    # The page prints the list twice (agenda and minutes views): 32 items, each read once.
    assert summary["items"] == {
        "seen": 32,
        "decisions": 29,
        "rejected": 0,
        "notices": 3,
        "repeated": 32,
    }
    again = json.loads(delreg("import", str(SEED), "--meeting", "2024-02-15", "--json").stdout)
    assert again["unchanged"] == 29 and again["inserted"] == again["updated"] == 0
    listed = as_json(delreg("list", "--meeting", "2024-02-15", "--format", "json"))
    assert sorted(row["item"] for row in listed) == list(range(1, 30))
    first_item = next(row for row in listed if row["item"] == 1)
    assert first_item["diary_number"] == "23RS1851"
    assert first_item["source"].endswith(
        "example-agenda.txt:" + first_item["source"].rsplit(":", 1)[1]
    )


def test_dry_run_writes_nothing(delreg: Invoke, database: Path) -> None:
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "x")
    before = snapshot(database)
    result = delreg("import", str(SEED), "--dry-run", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["inserted"] == 29
    assert "nothing was written" in result.stderr
    assert snapshot(database) == before


def test_a_rejected_row_aborts_the_whole_import(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "x")
    before = snapshot(database)
    rows = [f"24RS{n},beslut,,beslut nummer {n},,2024-01-{n:02d}" for n in range(10, 15)]
    rows.insert(5, "24RS99,beslut,,felaktigt datum,,2024-02-30")  # line 7 of the file
    source = write_csv(tmp_path / "export.csv", rows)
    result = delreg("import", str(source), "--json")
    assert result.exit_code == 1
    rejected = json.loads(result.stdout)["rejected"]
    assert len(rejected) == 1
    assert rejected[0]["source"] == f"{source}:7"
    assert "2024-02-30" in rejected[0]["reason"]
    assert f"{source}:7" in result.stderr
    assert snapshot(database) == before

    skipped = delreg("import", str(source), "--skip-invalid", "--json")
    assert skipped.exit_code == 1  # it ran and found problems, but wrote the good rows
    assert json.loads(skipped.stdout)["inserted"] == 5
    assert len(as_json(delreg("list", "--format", "json"))) == 6


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.csv", b"\x00\x01\x02PK\x03\x04" * 50, ""),
        ("empty.csv", b"", ""),
        ("latin1.csv", (CSV_HEADER + "\n24RS1,beslut,,Sjuksköterska,,\n").encode("latin-1"), ""),
        ("nocolumn.csv", b"a,b,c\n1,2,3\n", ""),
        ("broken.json", b'[{"diary_number": "24RS1",', ""),
    ],
)
def test_unreadable_files_are_clear_errors_and_change_nothing(
    delreg: Invoke, database: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "x")
    before = snapshot(database)
    path = tmp_path / name
    path.write_bytes(content)
    result = delreg("import", str(path))
    assert result.exit_code == 2, result.stderr
    first_line = result.stderr.splitlines()[0]
    assert first_line.startswith("delreg: error:") and name in first_line
    assert "Traceback" not in result.stderr
    assert snapshot(database) == before


def test_missing_file_and_folder(delreg: Invoke, tmp_path: Path) -> None:
    for path in (tmp_path / "missing.txt", tmp_path):
        result = delreg("import", str(path))
        assert result.exit_code == 2
        assert result.stderr.startswith(f"delreg: error: {path}")


def test_csv_round_trip_through_stdin(delreg: Invoke, tmp_path: Path) -> None:
    delreg("import", str(SEED), "--meeting", "2024-02-15")
    delreg("edit", "23RS710", "--decided-on", "2023-11-02", "--party", "Acme, Medical AB")
    exported = delreg("list", "--format", "csv").stdout
    original = as_json(delreg("list", "--format", "json"))

    other = tmp_path / "other.db"
    result = delreg("--db", str(other), "import", "-", "--format", "csv", input=exported)
    assert result.exit_code == 0, result.stderr
    copied = as_json(delreg("--db", str(other), "list", "--format", "json"))
    assert sorted(copied, key=lambda r: r["diary_number"]) == sorted(
        original, key=lambda r: r["diary_number"]
    )


def test_json_and_ndjson_round_trip(delreg: Invoke, tmp_path: Path) -> None:
    delreg("import", str(SEED), "--meeting", "2024-02-15")
    for fmt in ("json", "ndjson"):
        exported = delreg("list", "--format", fmt).stdout
        other = tmp_path / f"{fmt}.db"
        result = delreg("--db", str(other), "import", "-", "--format", "json", input=exported)
        assert result.exit_code == 0, result.stderr
        copied = as_json(delreg("--db", str(other), "list", "--format", "json"))
        original = as_json(delreg("list", "--format", "json"))
        assert sorted(copied, key=lambda r: r["diary_number"]) == sorted(
            original, key=lambda r: r["diary_number"]
        )


def test_import_never_erases_or_lifts_secrecy(delreg: Invoke, tmp_path: Path) -> None:
    delreg("import", str(SEED))
    delreg(
        "edit", "24RS278", "--decided-on", "2024-01-25", "--secret", "--secret-reason", "OSL 31:16"
    )
    result = delreg("import", str(SEED), "--json")
    assert json.loads(result.stdout)["unchanged"] == 29
    shown = as_json(delreg("show", "24RS278", "--format", "json"))
    assert shown["secret"] is True and shown["decided_on"] == "2024-01-25"
    history = as_json(delreg("history", "24RS278", "--format", "json"))
    assert [event["action"] for event in history] == ["insert", "update"]


def test_a_missing_folder_is_told_before_the_input_is_read(tmp_path: Path) -> None:
    """A register whose folder is not there cannot be written after the read: say so before
    reading (a million-row export takes minutes). A FIFO no one writes to would block any read,
    so the command returns at all only when it checks first."""
    import os
    import subprocess

    from tests.helpers.processes import run_delreg

    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    missing = tmp_path / "no-such-folder" / "register.db"
    try:
        result = run_delreg("--db", str(missing), "import", str(fifo), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("delreg read the input before checking the register's folder")
    assert result.returncode == 2
    first, hint = result.stderr.splitlines()
    assert first == (
        f"delreg: error: cannot create the register: folder {str(missing.parent)!r} does not exist"
    )
    assert hint.startswith("hint: create the folder first")
    assert not missing.parent.exists()


def test_a_dry_run_into_a_missing_folder_still_reads(delreg: Invoke, tmp_path: Path) -> None:
    """A dry run makes no register, so a missing folder is no reason to refuse it."""
    export = write_csv(tmp_path / "export.csv", ["24RS1,beslut,,Ett beslut,,2024-01-10"])
    missing = tmp_path / "no-such-folder" / "register.db"
    result = delreg("--db", str(missing), "import", str(export), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["inserted"] == 1
    assert not missing.parent.exists()
