"""The same export imported again into an unchanged register is told, not read again.

The register remembers an import it took whole (delreg.store.marks). These tests hold the
shortcut to what reading the file again gives: the same output, to the byte, the same
register, and a full read whenever anything that could change the outcome has changed.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import Invoke, snapshot

HEADER = "diary_number,kind,subject,procurement_number,parties,decided_on,meeting,item"
ROWS = [
    "23RS1851,tilldelningsbeslut,Ultraljudsutrustning till Hjärtkliniken,MT 2023-0043,"
    "Nordlyset Medicinteknik AB,2023-11-02,2023-12-14,1",
    "RS 2023/4411,avtal,El till sjukhusen i Örebro län,,Vallby Energi AB,2023-11-20,2023-12-14,2",
    "24RS278,pub-avtal,Personuppgiftsbehandling i digitala vårdmöten,,Journalia Systems AB,"
    "2024-01-09,,",
]


def export(folder: Path, rows: list[str] = ROWS, name: str = "diarium.csv") -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def marks(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM import_marks").fetchone()[0])


def forget_imports(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM import_marks")
    connection.close()


@pytest.mark.parametrize("options", [(), ("--json",), ("--dry-run",), ("--dry-run", "--json")])
def test_a_second_import_says_what_reading_the_file_again_says(
    delreg: Invoke, database: Path, tmp_path: Path, options: tuple[str, ...]
) -> None:
    path = export(tmp_path)
    assert delreg("import", str(path)).exit_code == 0
    twin = tmp_path / "twin.db"
    shutil.copy(database, twin)
    forget_imports(twin)
    before = snapshot(database)

    told = delreg("import", str(path), *options)
    read = delreg("--db", str(twin), "import", str(path), *options)

    assert told.exit_code == read.exit_code == 0
    assert (told.stdout, told.stderr) == (read.stdout, read.stderr)
    assert "unchanged 3" in told.stderr
    assert snapshot(database) == before


def test_the_file_is_not_read_again(delreg: Invoke, database: Path, tmp_path: Path) -> None:
    path = export(tmp_path)
    delreg("import", str(path))
    # A cell changed behind delreg's back (no event, no count changes): reading the file
    # again would put the subject back; being told leaves it. `delreg verify` is for that.
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE decisions SET subject = 'x' WHERE diary_number = '24RS278'")
    connection.close()
    assert "unchanged 3" in delreg("import", str(path)).stderr
    assert '"subject": "x"' in delreg("show", "24RS278", "--format", "json").stdout
    forget_imports(database)
    assert "updated 1" in delreg("import", str(path)).stderr


def test_an_edit_since_makes_the_import_read_and_restore(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    path = export(tmp_path)
    delreg("import", str(path))
    assert delreg("edit", "24RS278", "--subject", "Något annat").exit_code == 0
    again = delreg("import", str(path), "--json")
    assert '"updated": 1' in again.stdout
    shown = delreg("show", "24RS278", "--format", "json").stdout
    assert "digitala vårdmöten" in shown


def test_a_changed_cell_is_read(delreg: Invoke, database: Path, tmp_path: Path) -> None:
    delreg("import", str(export(tmp_path)))
    changed = [ROWS[0], ROWS[1], ROWS[2].replace("2024-01-09", "2024-01-10")]
    result = delreg("import", str(export(tmp_path, changed)), "--json")
    assert '"updated": 1' in result.stdout


def test_a_changed_configuration_makes_the_import_read(
    delreg: Invoke, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export(tmp_path)
    delreg("import", str(path))
    config = tmp_path / "delreg.toml"
    config.write_text('[kinds.avtal]\nlabel = "Avtal"\nmatch = ["el till"]\n', encoding="utf-8")
    monkeypatch.setenv("DELREG_CONFIG", str(config))
    forget = snapshot(database)
    result = delreg("import", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    # Read in full, and then remembered under the new configuration's key.
    assert marks(database) == 2
    assert snapshot(database) != forget


def test_only_imports_taken_whole_are_remembered(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    bad = export(tmp_path, [*ROWS, "24RS999,beslut,,,,2024-13-45,,"], name="bad.csv")
    assert delreg("import", str(bad), "--skip-invalid").exit_code == 1
    assert marks(database) == 0
    # Said again in full, the rejected row and all.
    again = delreg("import", str(bad), "--skip-invalid")
    assert again.exit_code == 1 and "rejected: " in again.stderr
    delreg("import", str(export(tmp_path)), "--dry-run")
    assert marks(database) == 0
    delreg("import", "-", "--format", "csv", input="\n".join([HEADER, *ROWS]) + "\n")
    assert marks(database) == 0


def test_an_import_with_a_meeting_is_always_read(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    path = export(tmp_path)
    delreg("import", str(path), "--meeting", "2024-02-15")
    assert marks(database) == 0


def test_a_device_is_never_hashed_before_it_is_read(delreg: Invoke) -> None:
    # /dev/zero has no end: the key is made of regular files only, and the reader refuses it.
    result = delreg("import", "/dev/zero", "--format", "csv")
    assert result.exit_code == 2 and "delreg: error:" in result.stderr
