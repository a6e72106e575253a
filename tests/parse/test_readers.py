"""The readers are a registry (delreg.parse.readers): every registered module is a ``Reader``
that reads a real document of its kind, detection goes by the table, and `import --format`
offers exactly its names."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from fpdf import FPDF

from delreg.cli import whole_app
from delreg.config import load_config
from delreg.importer import FORMATS, read_input
from delreg.model import Decision
from delreg.parse.detect import detect_format
from delreg.parse.readers import READERS, Reader
from tests.helpers import DATA, FIXTURES, SEED, Invoke
from tests.helpers.word_documents import agenda_odt, numbered_docx

CONFIG = load_config()
AGENDA_LINES = [
    "8 Anmälningsärenden",
    "1. Beslut om tilldelning i upphandling av städtjänster, dnr 24RS112, "
    "upphandlingschef Åsa Ek, 2024-01-19.",
    "2. Beslut om anställning av enhetschef vid vårdcentralen Söder, dnr 24RS140, "
    "HR-chef Per Lind, 2024-01-22.",
]


def _pdf(folder: Path) -> Path:
    pdf = FPDF()
    # The built-in Helvetica in Windows-1252 has å, ä and ö: no font file needed.
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in AGENDA_LINES:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path = folder / "dagordning.pdf"
    path.write_bytes(bytes(pdf.output()))
    return path


def _tsv(folder: Path) -> Path:
    with (DATA / "example-diarium.csv").open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.reader(source, delimiter=";"))
    path = folder / "diarium.tsv"
    with path.open("w", encoding="utf-8", newline="") as target:
        csv.writer(target, delimiter="\t", lineterminator="\n").writerows(rows)
    return path


def _html(folder: Path) -> Path:
    heading, *items = AGENDA_LINES
    entries = "".join(f"<li>{item.split('. ', 1)[1]}</li>\n" for item in items)
    path = folder / "dagordning.html"
    path.write_text(
        f"<!DOCTYPE html>\n<html><body>\n<h2>{heading}</h2>\n<ol>\n{entries}</ol>\n</body></html>",
        encoding="utf-8",
    )
    return path


JSON_DECISIONS = [
    {"diary_number": "24RS201", "kind": "kontrakt", "subject": "tolktjänster",
     "decided_on": "2024-02-01", "procurement_number": "MT 2023-0043"},
    {"diary_number": "24RS202", "kind": "anstallning", "subject": "undersköterska",
     "decided_on": "2024-02-02"},
]  # fmt: skip


def _json(folder: Path) -> Path:
    path = folder / "beslut.json"
    path.write_text(json.dumps(JSON_DECISIONS, ensure_ascii=False), encoding="utf-8")
    return path


def _written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


# A document of each registered kind: a new reader needs one here before this test passes.
SAMPLES: dict[str, Callable[[Path], Path]] = {
    "pdf": _pdf,
    "docx": lambda folder: _written(folder / "lista.docx", numbered_docx()),
    "odt": lambda folder: _written(folder / "lista.odt", agenda_odt()),
    "ods": lambda folder: FIXTURES / "exports" / "platina-lo.ods",
    "xlsx": lambda folder: DATA / "example-diarium.xlsx",
    "html": _html,
    "json": _json,
    "csv": lambda folder: DATA / "example-diarium.csv",
    "tsv": _tsv,
    "text": lambda folder: SEED,
}


def test_every_registered_reader_has_a_sample_document() -> None:
    assert list(SAMPLES) == list(READERS)


@pytest.mark.parametrize("name", list(READERS))
def test_every_reader_is_a_reader_and_reads_a_document_of_its_kind(
    name: str, tmp_path: Path
) -> None:
    reader = READERS[name]
    assert isinstance(reader, Reader)
    assert all(ext.startswith(".") and ext == ext.lower() for ext in reader.EXTENSIONS)
    path = SAMPLES[name](tmp_path)
    records = list(read_input(str(path), fmt=name, config=CONFIG, meeting_year=2024))
    decisions = [record for record in records if isinstance(record, Decision)]
    assert decisions, records
    assert all(decision.source and decision.source.startswith(str(path)) for decision in decisions)


@pytest.mark.parametrize("name", list(READERS))
def test_detection_goes_by_the_table(name: str, tmp_path: Path) -> None:
    path = SAMPLES[name](tmp_path)
    head = path.read_bytes()[:4096]
    # A .tsv file is read as CSV, which finds the tab from its header; tsv is asked for by name.
    expected = "csv" if name == "tsv" else name
    assert detect_format(path.name, head) == expected
    for extension in READERS[name].EXTENSIONS:
        assert detect_format(f"beslut{extension}", b"Protokoll\n") in (name, "csv")


def test_no_file_name_ending_is_claimed_by_two_readers() -> None:
    endings = [ext for reader in READERS.values() for ext in reader.EXTENSIONS]
    assert len(endings) == len(set(endings))


def test_the_last_reader_takes_what_no_other_claims() -> None:
    last = list(READERS.values())[-1]
    assert last.sniffs("") and last.sniffs("Sammanträde 2024-02-15")


def _option(command: str, name: str) -> Any:
    found = typer.main.get_command(whole_app()).get_command(None, command)  # type: ignore[attr-defined]
    return next(param for param in found.params if param.name == name)


def test_import_offers_exactly_the_registered_readers(delreg: Invoke) -> None:
    assert ("auto", *READERS) == FORMATS
    offered = _option("import", "fmt").help.rstrip(".").replace(" or ", ", ").split(", ")
    assert offered == list(FORMATS)
    result = delreg("import", str(SEED), "--format", "rtf")
    assert result.exit_code == 2
    assert f"hint: use one of {', '.join(FORMATS)}" in result.stderr


def test_a_reader_asked_for_by_name_refuses_what_is_not_its_kind(delreg: Invoke) -> None:
    result = delreg("import", str(SEED), "--format", "pdf")
    assert result.exit_code != 0
    assert "is not a PDF (it does not start as one)" in result.stderr
    assert "hint: leave out --format" in result.stderr


@pytest.mark.parametrize("name", ["lista.pdf", "lista.docx", "lista.odt", "export.xlsx"])
def test_a_file_whose_name_says_a_kind_its_content_is_not_says_so(
    delreg: Invoke, tmp_path: Path, name: str
) -> None:
    # No --format was given: the hint must not tell the user to leave it out.
    path = tmp_path / name
    path.write_text("Sidan kunde inte hämtas.\n", encoding="utf-8")
    result = delreg("import", str(path))
    assert result.exit_code == 2
    assert "(it does not start as one)" in result.stderr
    assert "--format" not in result.stderr
    assert "download it again" in result.stderr


def test_standard_input_is_read_by_the_kind_it_sniffs_as(delreg: Invoke) -> None:
    result = delreg("import", "-", "--dry-run", input=(DATA / "example-diarium.csv").read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "inserted 12" in result.stderr
