"""One rule for secrecy on every path in: a reason for secrecy makes a decision secret, and
`secret = false` beside a reason is a contradiction, rejected with its file and line.

CSV (a reason column and no secrecy column, or an empty cell), Excel, JSON, NDJSON, `add` and
`edit`; and what the public outputs then show.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import Invoke, as_json

SECRET_WORDS = ("Epclusa", "Gilead")
MEETING = "2024-02-15"


def _csv(folder: Path, header: str, row: str) -> Path:
    path = folder / "diarium.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


def _csv_without_flag(folder: Path) -> Path:
    return _csv(
        folder,
        "Diarienummer;Beslutstyp;Beslut;Motpart;Beslutsdatum;Sekretessgrund",
        "24RS3;avtal;Epclusa rabattavtal;Gilead Sciences AB;2024-01-10;OSL 31:16",
    )


def _csv_empty_flag(folder: Path) -> Path:
    return _csv(
        folder,
        "Diarienummer;Beslutstyp;Beslut;Motpart;Beslutsdatum;Sekretess;Sekretessgrund",
        "24RS3;avtal;Epclusa rabattavtal;Gilead Sciences AB;2024-01-10;;OSL 31:16",
    )


def _xlsx_without_flag(folder: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Diarienummer", "Beslutstyp", "Beslut", "Motpart", "Sekretess", "Sekretessgrund"])
    sheet.append(["24RS3", "avtal", "Epclusa rabattavtal", "Gilead Sciences AB", None, "OSL 31:16"])
    path = folder / "diarium.xlsx"
    workbook.save(path)
    return path


def _json_without_flag(folder: Path) -> Path:
    path = folder / "diarium.json"
    item = {
        "diary_number": "24RS3",
        "kind": "avtal",
        "subject": "Epclusa rabattavtal",
        "parties": ["Gilead Sciences AB"],
        "secret_reason": "OSL 31:16",
    }
    path.write_text(json.dumps([item]), encoding="utf-8")
    return path


def _ndjson_null_flag(folder: Path) -> Path:
    path = folder / "diarium.ndjson"
    item = {
        "diary_number": "24RS3",
        "subject": "Epclusa rabattavtal",
        "parties": "Gilead Sciences AB",
        "secret": None,
        "secret_reason": "OSL 31:16",
    }
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    return path


WRITERS: dict[str, Callable[[Path], Path]] = {
    "csv without a Sekretess column": _csv_without_flag,
    "csv with an empty Sekretess cell": _csv_empty_flag,
    "xlsx with an empty Sekretess cell": _xlsx_without_flag,
    "json without secret": _json_without_flag,
    "ndjson with secret null": _ndjson_null_flag,
}


def _decisions_in(database: Path) -> int:
    if not database.exists():
        return 0
    with closing(sqlite3.connect(database)) as connection:
        (count,) = connection.execute("SELECT count(*) FROM decisions").fetchone()
    return int(count)


def _assert_masked_everywhere(delreg: Invoke, tmp_path: Path) -> None:
    shown = as_json(delreg("show", "24RS3", "--format", "json"))
    assert shown["secret"] is True and shown["secret_reason"] == "OSL 31:16"
    for command in (
        ("list", "--public", "--format", "csv"),
        ("list", "--public", "--format", "json"),
        ("show", "24RS3", "--public"),
        ("show", "24RS3", "--public", "--format", "json"),
    ):
        result = delreg(*command)
        assert result.exit_code == 0, result.stderr
        assert not any(word in result.stdout for word in SECRET_WORDS), (command, result.stdout)
    report = delreg("report", "--meeting", MEETING, "--public", "--format", "txt")
    assert report.exit_code == 0, report.stderr
    assert not any(word in report.stdout for word in SECRET_WORDS), report.stdout


@pytest.mark.parametrize("how", list(WRITERS))
def test_a_reason_without_the_flag_makes_an_import_secret(
    delreg: Invoke, tmp_path: Path, how: str
) -> None:
    path = WRITERS[how](tmp_path)
    options = ("--meeting", MEETING)
    result = delreg("import", str(path), *options)
    assert result.exit_code == 0, result.stderr
    _assert_masked_everywhere(delreg, tmp_path)
    assert "Gilead" in delreg("report", "--meeting", MEETING, "--format", "txt").stdout


@pytest.mark.parametrize(
    ("name", "line", "content"),
    [
        (
            "diarium.csv",
            3,
            "Diarienummer;Beslut;Sekretess;Sekretessgrund\n"
            "24RS1;städning;nej;\n"
            "24RS3;Epclusa rabattavtal;nej;OSL 31:16\n",
        ),
        (
            "diarium.ndjson",
            2,
            '{"diary_number": "24RS1", "subject": "städning"}\n'
            '{"diary_number": "24RS3", "subject": "Epclusa", "secret": false, '
            '"secret_reason": "OSL 31:16"}\n',
        ),
    ],
)
def test_secret_false_beside_a_reason_is_rejected_with_its_line(
    delreg: Invoke, tmp_path: Path, database: Path, name: str, line: int, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = delreg("import", str(path))
    assert result.exit_code == 1
    assert f"rejected: {path}:{line}: " in result.stderr, result.stderr
    assert "secret" in result.stderr and "OSL 31:16" in result.stderr
    assert _decisions_in(database) == 0


def test_secret_false_beside_a_reason_in_xlsx_names_its_row(delreg: Invoke, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    sheet.append(["Diarienummer", "Beslut", "Sekretess", "Sekretessgrund"])
    sheet.append(["24RS3", "Epclusa rabattavtal", False, "OSL 31:16"])
    path = tmp_path / "diarium.xlsx"
    workbook.save(path)
    result = delreg("import", str(path))
    assert result.exit_code == 1
    assert f"rejected: {path}:Blad1!2: " in result.stderr, result.stderr


def test_add_with_a_reason_is_secret_and_a_contradiction_is_refused(
    delreg: Invoke, database: Path
) -> None:
    base = ("add", "--kind", "avtal", "--diary-number", "24RS3", "--subject", "Epclusa")
    refused = delreg(*base, "--no-secret", "--secret-reason", "OSL 31:16")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("delreg: error: ") and "\nhint: " in refused.stderr
    assert _decisions_in(database) == 0
    assert delreg(*base, "--party", "Gilead", "--secret-reason", "OSL 31:16").exit_code == 0
    assert delreg("meetings", "add", MEETING).exit_code == 0
    _assert_masked_everywhere(delreg, database.parent)


def test_edit_keeps_the_rule(delreg: Invoke) -> None:
    added = delreg("add", "--kind", "avtal", "--diary-number", "24RS3", "--subject", "Epclusa")
    assert added.exit_code == 0
    edited = delreg("edit", "24RS3", "--party", "Gilead", "--secret-reason", "OSL 31:16")
    assert edited.exit_code == 0
    assert as_json(delreg("show", "24RS3", "--format", "json"))["secret"] is True
    # Lifting secrecy while the reason stays would publish it beside its reason.
    refused = delreg("edit", "24RS3", "--no-secret")
    assert refused.exit_code == 2, refused.stderr
    assert "secret_reason" in refused.stderr and "\nhint: " in refused.stderr
    assert as_json(delreg("show", "24RS3", "--format", "json"))["secret"] is True
    lifted = delreg("edit", "24RS3", "--no-secret", "--clear", "secret_reason")
    assert lifted.exit_code == 0, lifted.stderr
    shown = as_json(delreg("show", "24RS3", "--format", "json"))
    assert shown["secret"] is False and shown["secret_reason"] is None


def test_a_stored_reason_without_the_flag_is_read_as_secret(delreg: Invoke, database: Path) -> None:
    # A register written before the rule held at every door: secret = 0 beside a reason.
    added = delreg(
        "add", "--kind", "avtal", "--diary-number", "24RS3", "--subject", "Epclusa rabattavtal",
        "--party", "Gilead Sciences AB", "--decided-on", "2024-01-10", "--secret-reason",
        "OSL 31:16",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE decisions SET secret = 0 WHERE diary_number = '24RS3'")
    listed = delreg("list", "--public", "--format", "csv")
    assert listed.exit_code == 0, listed.stderr
    assert "24RS3" in listed.stdout
    assert "Epclusa" not in listed.stdout and "Gilead" not in listed.stdout
    shown = delreg("show", "24RS3", "--public", "--format", "json")
    assert "Epclusa" not in shown.stdout and json.loads(shown.stdout)["secret"] is True
