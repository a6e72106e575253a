"""Resource bombs (issue 19 item 8): the same limits for CSV, JSON and Excel, workbooks built to
exhaust time or memory read in bounded time, and an import that never holds the register's
write lock while it reads (a pipe left open says that it is waiting).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import Result

from tests.helpers import Invoke, as_json

HEADER = ["Diarienummer", "Beslut", "Motpart"]


def _digest(database: Path) -> str:
    return hashlib.sha256(database.read_bytes()).hexdigest() if database.exists() else ""


def _xlsx(path: Path, sheet_rows: str, strings: list[str], dimension: str = "A1:C2") -> Path:
    """A workbook written by hand, the way a bomb is: the parts openpyxl needs, and a sheet."""
    shared = "".join(f"<si><t>{text}</t></si>" for text in strings)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/sharedStrings.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{shared}</sst>"
        ),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{sheet_rows}</sheetData></worksheet>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def _strings_row(number: int, *indices: int) -> str:
    cells = "".join(
        f'<c r="{"ABC"[column]}{number}" t="s"><v>{index}</v></c>'
        for column, index in enumerate(indices)
    )
    return f'<row r="{number}">{cells}</row>'


STRINGS = [*HEADER, "24RS1", "städning", "Acme AB", "24RS2", "tolkning"]
DATA = _strings_row(1, 0, 1, 2) + _strings_row(2, 3, 4, 5)


def _import_quickly(delreg: Invoke, path: Path, seconds: float = 20) -> Result:
    started = time.monotonic()
    result = delreg("import", str(path))
    assert time.monotonic() - started < seconds, "the bomb was read in unbounded time"
    assert "Traceback" not in result.stderr
    return result


def test_a_workbook_of_empty_rows_far_below_is_read_in_bounded_time(
    delreg: Invoke, tmp_path: Path
) -> None:
    # 300 000 rows (numbered by their place), each an empty styled cell in the sheet's last
    # column (XFD): a few KB zipped, and 300 000 times 16 384 cells to whoever pads rows to the
    # widest one.
    empty = '<row><c r="XFD3" s="0"/></row>' * 300_000
    bomb = _xlsx(tmp_path / "export.xlsx", DATA + empty, STRINGS, "A1:XFD1048576")
    assert bomb.stat().st_size < 600_000
    result = _import_quickly(delreg, bomb)
    assert result.exit_code == 0, result.stderr
    numbers = [row["diary_number"] for row in as_json(delreg("list", "--format", "json"))]
    assert sorted(numbers) == ["24RS1"]


def test_rows_far_apart_do_not_cost_the_rows_between(delreg: Invoke, tmp_path: Path) -> None:
    # A row numbered in the billions: whoever fills in the rows missing before it never ends.
    far = _strings_row(4_000_000_000, 6, 7, 5)
    bomb = _xlsx(tmp_path / "export.xlsx", DATA + far, STRINGS)
    result = _import_quickly(delreg, bomb)
    assert result.exit_code == 0, result.stderr


def test_one_huge_cell_is_refused_before_it_is_held(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    huge = "ultraljud " * 300_000  # 3 MB of text, a few KB zipped
    bomb = _xlsx(tmp_path / "export.xlsx", DATA, [*STRINGS[:4], huge, *STRINGS[5:]])
    assert bomb.stat().st_size < 100_000
    result = _import_quickly(delreg, bomb)
    assert result.exit_code == 2, result.stderr
    assert "longer than" in result.stderr
    assert not database.exists()


# --- the same limits for every tabular format -------------------------------------------------

SMALL_LIMITS = "[limits]\ncell_chars = 40\nrows = 3\ncolumns = 5\n"


def _small_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text(SMALL_LIMITS, encoding="utf-8")
    monkeypatch.setenv("DELREG_CONFIG", str(config))


def _write(tmp_path: Path, fmt: str, rows: list[list[str]]) -> Path:
    if fmt == "csv":
        path = tmp_path / "export.csv"
        path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    elif fmt == "json":
        path = tmp_path / "export.json"
        header, *body = rows
        objects = [dict(zip(header, row, strict=True)) for row in body]
        path.write_text(json.dumps(objects), encoding="utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        for row in rows:
            workbook.active.append(row)
        path = tmp_path / "export.xlsx"
        workbook.save(path)
    return path


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_too_many_rows_is_refused_alike(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _small_limits(tmp_path, monkeypatch)
    rows = [HEADER] + [[f"24RS{n}", "städning", "Acme AB"] for n in range(1, 5)]
    result = delreg("import", str(_write(tmp_path, fmt, rows)))
    assert result.exit_code == 2, result.stderr
    assert "more than 3 rows" in result.stderr and "\nhint: " in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_too_many_columns_is_refused_alike(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _small_limits(tmp_path, monkeypatch)
    wide = [*HEADER, "a", "b", "c"]
    rows = [wide, ["24RS1", "städning", "Acme AB", "1", "2", "3"]]
    result = delreg("import", str(_write(tmp_path, fmt, rows)))
    assert result.exit_code == 2, result.stderr
    assert "6 columns; a row may have at most 5" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_a_long_cell_is_rejected_alike(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _small_limits(tmp_path, monkeypatch)
    rows = [HEADER, ["24RS1", "städning " * 10, "Acme AB"]]
    result = delreg("import", str(_write(tmp_path, fmt, rows)))
    assert result.exit_code == 1, result.stderr
    assert "subject" in result.stderr and "at most 40" in result.stderr


# --- the write lock ---------------------------------------------------------------------------


def test_an_import_waiting_on_stdin_says_so_and_holds_no_lock(
    delreg: Invoke, database: Path
) -> None:
    added = delreg("add", "--kind", "avtal", "--diary-number", "24RS1", "--subject", "städning")
    assert added.exit_code == 0
    importing = subprocess.Popen(
        [sys.executable, "-m", "delreg", "import", "-", "--format", "csv"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "DELREG_DB": str(database)},
    )
    assert importing.stdin is not None and importing.stderr is not None
    try:
        said: list[bytes] = []
        stderr = importing.stderr
        listener = threading.Thread(target=lambda: said.append(stderr.readline()))
        listener.start()
        listener.join(timeout=30)
        assert said and b"waiting" in said[0], said
        started = time.monotonic()
        edited = delreg("edit", "24RS1", "--subject", "städning av lokaler")
        assert edited.exit_code == 0, edited.stderr
        assert time.monotonic() - started < 5
        importing.stdin.write(b"diary_number;subject\n24RS2;tolkning\n")
        importing.stdin.close()
        assert importing.wait(timeout=60) == 0, importing.stderr.read()
    finally:
        importing.kill()
        importing.wait()
    listed = as_json(delreg("list", "--format", "json"))
    assert sorted(row["diary_number"] for row in listed) == ["24RS1", "24RS2"]
    assert _digest(database)
