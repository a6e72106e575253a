"""What a decision's subject marks secret stays out of every public output, on every way in.

A subject that names a person by initials ("A.B., insats enligt LSS", "… för K.L.M."), cites
the secrecy law ("…, 26 kap. 1 § OSL") or says it is secret ("(sekretess)", "Sekretessbelagt"),
and a row whose "Sekretess" column says "Ja", "X" or "Sekretess": read from CSV, TSV, Excel
and JSON, added with `delreg add` or made so by `delreg edit`. Each public output (reports,
lists, `show`, every file `delreg publish` writes, its SQLite database too) is read as bytes
and holds no word of the subject.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import Invoke, as_json, readable_text
from tests.helpers.public_outputs import public_commands

MEETING = "2024-03-14"
# (diary number, subject, Sekretess cell, the subject's words no public output may hold).
ROWS = [
    ("SN 2024/11", "A.B., insats enligt LSS Kvarngatan", "", "Kvarngatan"),
    ("SN 2024/12", "Beslut om bistånd för K.L.M. Ekbacken", "", "Ekbacken"),
    ("SN 2024/13", "Boendestöd Lindgården, 26 kap. 1 § OSL", "", "Lindgården"),
    ("SN 2024/14", "Korttidsvistelse OSL 26:1 Tallåsen", "", "Tallåsen"),
    ("SN 2024/15", "Hemtjänst Björkvägen", "Ja", "Björkvägen"),
    ("SN 2024/16", "Ledsagarservice Granliden", "X", "Granliden"),
    ("SN 2024/17", "Kontaktperson Rönnbacken", "Sekretess", "Rönnbacken"),
    ("SN 2024/19", "Sekretessbelagt beslut om boende Ängsvägen", "", "Ängsvägen"),
    ("SN 2024/20", "Hemtjänst Hagalund (sekretess)", "", "Hagalund"),
]
PUBLIC_ROW = ("SN 2024/18", "Öppettider träffpunkten Solgården", "", "Solgården")
HEADER = ("Diarienummer", "Beslutstyp", "Beslut", "Beslutsdatum", "Sekretess")


def _cells(row: tuple[str, str, str, str]) -> list[str]:
    return [row[0], "beslut", row[1], "2024-03-01", row[2]]


def _delimited(folder: Path, name: str, separator: str) -> Path:
    path = folder / name
    lines = [separator.join(HEADER)]
    for row in (*ROWS, PUBLIC_ROW):
        cells = _cells(row)
        if separator == ",":
            cells = [f'"{cell}"' for cell in cells]
        lines.append(separator.join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(folder: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADER))
    for row in (*ROWS, PUBLIC_ROW):
        sheet.append([cell or None for cell in _cells(row)])
    path = folder / "diarium.xlsx"
    workbook.save(path)
    return path


def _json(folder: Path) -> Path:
    path = folder / "diarium.json"
    items = []
    for number, subject, flag, _ in (*ROWS, PUBLIC_ROW):
        item = {"diary_number": number, "kind": "beslut", "subject": subject,
                "decided_on": "2024-03-01"}  # fmt: skip
        if flag:
            item["secret"] = flag
        items.append(item)
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def _import(delreg: Invoke, path: Path) -> None:
    result = delreg("import", str(path), "--meeting", MEETING)
    assert result.exit_code == 0, result.stderr


def _add(delreg: Invoke, number: str, subject: str, flag: str) -> None:
    secret = ("--secret",) if flag else ()
    options = ("--diary-number", number, "--subject", subject, "--decided-on", "2024-03-01")
    result = delreg("add", "--kind", "beslut", *options, *secret)
    assert result.exit_code == 0, result.stderr


def _by_add(delreg: Invoke, folder: Path) -> None:
    for number, subject, flag, _ in (*ROWS, PUBLIC_ROW):
        _add(delreg, number, subject, flag)
    _report_all(delreg)


def _by_edit(delreg: Invoke, folder: Path) -> None:
    # Added public, then edited: the subject the edit writes (or its secrecy) must be masked.
    for number, subject, flag, _ in (*ROWS, PUBLIC_ROW):
        _add(delreg, number, "Beslut under utredning", "")
        secret = ("--secret",) if flag else ()
        result = delreg("edit", number, "--subject", subject, *secret)
        assert result.exit_code == 0, result.stderr
    _report_all(delreg)


def _report_all(delreg: Invoke) -> None:
    # A meeting added takes the decisions not reported yet.
    assert delreg("meetings", "add", MEETING).exit_code == 0


WAYS_IN = {
    "csv": lambda delreg, folder: _import(delreg, _delimited(folder, "diarium.csv", ",")),
    "tsv": lambda delreg, folder: _import(delreg, _delimited(folder, "diarium.tsv", "\t")),
    "xlsx": lambda delreg, folder: _import(delreg, _xlsx(folder)),
    "json": lambda delreg, folder: _import(delreg, _json(folder)),
    "add": _by_add,
    "edit": _by_edit,
}


def _public_outputs(delreg: Invoke, folder: Path) -> dict[str, str]:
    commands = public_commands(
        meeting=MEETING, month="2024-03", shown=[number for number, *_ in ROWS]
    )
    outputs = {}
    for command in commands:
        result = delreg(*command)
        assert result.exit_code == 0, (command, result.stderr)
        name = " ".join(command)
        outputs[name] = readable_text(name, result.stdout_bytes)
    target = folder / "offentligt"
    published = delreg("publish", str(target), "--base-url", "https://norrvik.example/beslut/",
                       "--contact", "registrator@norrvik.example")  # fmt: skip
    assert published.exit_code == 0, published.stderr
    files = [path for path in target.rglob("*") if path.is_file()]
    assert any(path.suffix == ".db" for path in files)
    for path in files:
        outputs[str(path)] = readable_text(str(path), path.read_bytes())
    return outputs


@pytest.mark.parametrize("way_in", list(WAYS_IN))
def test_no_public_output_holds_what_a_subject_marks_secret(
    delreg: Invoke, tmp_path: Path, way_in: str
) -> None:
    WAYS_IN[way_in](delreg, tmp_path)
    listed = {row["diary_number"]: row for row in as_json(delreg("list", "--format", "json"))}
    assert len(listed) == len(ROWS) + 1
    # The citation and the Sekretess column register the decision secret, as an agenda does.
    for number, subject, flag, _ in ROWS:
        if flag or "OSL" in subject or "ekretess" in subject:
            assert listed[number]["secret"] is True, (number, listed[number])
    outputs = _public_outputs(delreg, tmp_path)
    for name, text in outputs.items():
        for number, _, _, hidden in ROWS:
            assert hidden not in text, (way_in, name, number)
    # What marks nothing secret is public, and every case is named by its number.
    assert PUBLIC_ROW[3] in outputs[f"report --meeting {MEETING} --public --format txt"]
    assert all(number in outputs["list --public --format csv"] for number, *_ in ROWS)


def test_a_subject_citing_the_secrecy_law_cannot_be_added_public(delreg: Invoke) -> None:
    refused = delreg("add", "--kind", "beslut", "--diary-number", "SN 2024/13", "--subject",
                     "Boendestöd Lindgården, 26 kap. 1 § OSL", "--no-secret")  # fmt: skip
    assert refused.exit_code == 2
    assert "26 kap. 1 § OSL" in refused.stderr and "\nhint: " in refused.stderr
    _add(delreg, "SN 2024/13", "Boendestöd Lindgården, 26 kap. 1 § OSL", "")
    shown = as_json(delreg("show", "SN 2024/13", "--format", "json"))
    assert shown["secret"] is True and shown["secret_reason"] == "26 kap. 1 § OSL"
    assert delreg("edit", "SN 2024/13", "--no-secret").exit_code == 2


def test_a_row_citing_the_law_is_secret_beside_a_no(delreg: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "diarium.csv"
    path.write_text(
        "Diarienummer;Beslut;Sekretess\n"
        "SN 2024/13;Boendestöd Lindgården, 26 kap. 1 § OSL;Nej\n"
        "SN 2024/14;Utredning enligt 11 kap. 1 § SoL;Nej\n"
        "SN 2024/15;Hemtjänst Hagalund (sekretess);Nej\n"
        "SN 2024/16;Utlämnande av handling enligt offentlighets- och sekretesslagen;\n",
        encoding="utf-8",
    )
    _import(delreg, path)
    listed = {row["diary_number"]: row for row in as_json(delreg("list", "--format", "json"))}
    assert listed["SN 2024/13"]["secret"] is True
    assert listed["SN 2024/13"]["secret_reason"] == "26 kap. 1 § OSL"
    assert listed["SN 2024/15"]["secret"] is True
    assert listed["SN 2024/15"]["secret_reason"] is None
    # Another law's chapter and paragraph mark nothing, nor does the secrecy law's name alone
    # (a decision to hand out a document cites it).
    assert listed["SN 2024/14"]["secret"] is False
    assert listed["SN 2024/16"]["secret"] is False
    public = delreg("list", "--public", "--format", "csv").stdout
    assert "11 kap. 1 § SoL" in public and "Utlämnande av handling" in public


def test_a_subject_marked_secret_cannot_be_made_public_by_add_or_edit(delreg: Invoke) -> None:
    base = ("add", "--kind", "beslut", "--diary-number", "SN 2024/20")
    refused = delreg(*base, "--subject", "Hemtjänst Hagalund (sekretess)", "--no-secret")
    assert refused.exit_code == 2 and "\nhint: " in refused.stderr
    assert delreg(*base, "--subject", "Hemtjänst Hagalund").exit_code == 0
    assert as_json(delreg("show", "SN 2024/20", "--format", "json"))["secret"] is False
    edited = delreg("edit", "SN 2024/20", "--subject", "Sekretessbelagt: hemtjänst Hagalund")
    assert edited.exit_code == 0, edited.stderr
    assert as_json(delreg("show", "SN 2024/20", "--format", "json"))["secret"] is True
    # Lifting secrecy by an edit of the flag alone still publishes nothing of the subject.
    assert delreg("edit", "SN 2024/20", "--no-secret").exit_code == 0
    assert "Hagalund" not in delreg("list", "--public", "--format", "csv").stdout
