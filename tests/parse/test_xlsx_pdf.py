"""Excel workbooks, agenda PDFs and format detection (delreg.parse.xlsx, .pdf, .detect)."""

from __future__ import annotations

import importlib.util
import io
import sys
import types
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

from delreg.config import Config, load_config
from delreg.errors import InputError
from delreg.model import Decision
from delreg.parse import Record, Rejected
from delreg.parse.detect import detect_format
from delreg.parse.pdf import _furniture, pdf_lines, pdf_text, read_pdf
from delreg.parse.xlsx import read_xlsx

CONFIG = load_config()


# --- Excel ----------------------------------------------------------------------------------


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """An export as a registrar gets it: a title, a blank row, the header on row 3."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Blad1"
    first.append(["Delegationsbeslut januari 2024"])
    first.append([])
    first.append(["Diarienummer", "Beslutstyp", "Ärendemening", "Motpart", "Beslutsdatum",
                  "Sekretess", "Belopp", "Handläggare"])  # fmt: skip
    first.append(["23RS1851", "Upphandlingskontrakt", "ultraljudsutrustning",
                  "GE Healthcare AB; Philips AB", datetime(2024, 1, 19), False, 1250000,
                  "Anna"])  # fmt: skip
    first.append(["24rs278", "Avtal", "försäljning av läkemedel Epclusa", None,
                  datetime(2024, 1, 22, 14, 30), True, 1250000.0])  # fmt: skip
    first.append([])
    first.append(["XX", "beslut", "x", None, "2024-02-30", "kanske", 12.5])
    first.append(["24RS564", None, "ögonproteser", None, "8 december 2023", 1, "1 250 000 kr"])
    first.append(["23RS1851", "Upphandlingskontrakt", "OCT", None, datetime(2024, 1, 19)])
    second = book.create_sheet("Blad2")
    second.append(["diary_number", "subject", "decided_on"])
    second.append(["RS 2022/1275", "läsbehörighet", datetime(2022, 3, 1)])
    book.create_sheet("Tom")
    path = tmp_path / "export.xlsx"
    book.save(path)
    return path


def read_book(path: Path | io.BytesIO, **options: Any) -> list[Record]:
    return list(read_xlsx(path, source="export.xlsx", config=CONFIG, **options))


def test_xlsx_header_below_a_title_and_typed_cells(workbook: Path) -> None:
    records = read_book(workbook)
    assert [record.source for record in records] == [
        f"export.xlsx:Blad1!{row}" for row in (4, 5, 7, 8, 9)
    ]
    cable, drugs, wrong, eyes, twice = records
    assert cable == Decision(
        diary_number="23RS1851",
        kind="kontrakt",
        subject="ultraljudsutrustning",
        parties=("GE Healthcare AB", "Philips AB"),
        decided_on="2024-01-19",
        amount=1250000,
        source="export.xlsx:Blad1!4",
    )
    assert isinstance(drugs, Decision)
    assert (drugs.diary_number, drugs.decided_on, drugs.secret) == ("24RS278", "2024-01-22", True)
    assert drugs.amount == 1250000
    assert wrong == Rejected(
        "export.xlsx:Blad1!7",
        "diary_number (Diarienummer): 'XX' is not a diary number; "
        "decided_on (Beslutsdatum): '2024-02-30' is not a real date; "
        "secret (Sekretess): 'kanske' is not yes or no; "
        "amount (Belopp): '12.5' is not an amount in whole kronor",
    )
    assert isinstance(eyes, Decision)
    assert (eyes.kind, eyes.decided_on, eyes.secret, eyes.amount) == (
        "beslut",
        "2023-12-08",
        True,
        1250000,
    )
    assert twice == Rejected(
        "export.xlsx:Blad1!9",
        "diary_number: 23RS1851 is listed twice with different values (row 4 and row 9)",
    )


def test_xlsx_another_sheet_by_name(workbook: Path) -> None:
    for name in ("Blad2", "blad2"):
        (record,) = read_book(workbook, sheet=name)
        assert isinstance(record, Decision)
        assert (record.diary_number, record.decided_on) == ("RS 2022/1275", "2022-03-01")
        assert record.source == "export.xlsx:Blad2!2"


def test_xlsx_unknown_sheet_lists_the_sheets(workbook: Path) -> None:
    with pytest.raises(InputError, match="has no sheet 'Beslut'") as raised:
        read_book(workbook, sheet="Beslut")
    assert raised.value.hint == "the sheets are: 'Blad1', 'Blad2', 'Tom'"


def test_xlsx_sheet_without_a_header(workbook: Path) -> None:
    with pytest.raises(InputError, match="the sheet is empty"):
        read_book(workbook, sheet="Tom")


class Pipe(io.RawIOBase):
    """A stream that cannot seek, like standard input."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_xlsx_from_a_stream_that_cannot_seek(workbook: Path) -> None:
    stream = io.BufferedReader(Pipe(workbook.read_bytes()))
    assert len(list(read_xlsx(stream, source="-", config=CONFIG))) == 5


@pytest.mark.parametrize("data", [b"Dnr;Beslut\n23RS1;x\n", b"PK\x03\x04 not really a zip", b""])
def test_a_file_that_is_not_a_workbook(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"is not an Excel workbook \(.xlsx\)"):
        read_book(path)


# --- PDF ------------------------------------------------------------------------------------

HEAD = "Region Örebro län – Hälso- och sjukvårdsnämnden – Föredragningslista 2024-02-15"
SENTENCES = [
    f"Hälso- och sjukvårdsdirektören har tecknat upphandlingskontrakt för ultraljudsutrustning "
    f"till vårdcentralerna i länet, med service och utbildning MT 2023-{n:04d}a, 23RS{1000 + n}."
    for n in range(1, 31)
]


def dejavu() -> Path | None:
    for folder in (
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path("/Library/Fonts"),
    ):
        found = sorted(folder.glob("**/DejaVuSans.ttf")) if folder.is_dir() else []
        if found:
            return found[0]
    return None


def agenda_pdf(
    *, font: Path | None = None, break_item: int = 12, password: str | None = None
) -> bytes:
    """An agenda with a running head and foot; item ``break_item`` starts at a page's foot."""
    pdf = FPDF()
    if font is None:
        # The built-in Helvetica in Windows-1252 has å, ä, ö and the en dash: no font file needed.
        pdf.core_fonts_encoding = "windows-1252"
        family = "Helvetica"
    else:
        pdf.add_font("Body", fname=str(font))
        family = "Body"

    def head() -> None:
        pdf.set_font(family, size=8)
        pdf.cell(0, 6, HEAD, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)

    def foot() -> None:
        pdf.set_y(-15)
        pdf.set_font(family, size=8)
        pdf.cell(0, 6, f"Sida {pdf.page_no()} av {{nb}}", align="C")

    pdf.header = head  # type: ignore[method-assign]
    pdf.footer = foot  # type: ignore[method-assign]
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font(family, size=11)
    pdf.multi_cell(0, 6, "8 Anmälningsärenden", new_x="LMARGIN", new_y="NEXT")
    for number, sentence in enumerate(SENTENCES, start=1):
        if number == break_item:
            pdf.set_y(pdf.h - pdf.b_margin - 7)  # room for one line: the rest goes overleaf
        pdf.multi_cell(0, 6, f"{number}. {sentence}", new_x="LMARGIN", new_y="NEXT")
    if password is not None:
        pdf.set_encryption(
            owner_password="owner", user_password=password, encryption_method=EncryptionMethod.RC4
        )
    return bytes(pdf.output())


def check_agenda_text(text: str) -> None:
    assert "Sida" not in text and "Föredragningslista" not in text
    assert text.startswith("8 Anmälningsärenden\n1. Hälso- och")
    flowing = " ".join(text.split())
    for number, sentence in enumerate(SENTENCES, start=1):
        assert f"{number}. {sentence}" in flowing


def test_pdf_text_in_order_without_page_furniture() -> None:
    check_agenda_text(pdf_text(io.BytesIO(agenda_pdf())))


def test_pdf_item_broken_across_a_page_reads_as_one() -> None:
    lines = pdf_lines(io.BytesIO(agenda_pdf(break_item=12)), source="agenda.pdf")
    start = next(index for index, line in enumerate(lines) if line.text.startswith("12. "))
    end = next(index for index, line in enumerate(lines) if "23RS1012." in line.text)
    assert (lines[start].page, lines[end].page) == (1, 2)  # on two pages …
    assert end == start + 1  # … and yet one line after the other


@pytest.mark.skipif(dejavu() is None, reason="no DejaVuSans.ttf font on this machine")
def test_pdf_text_with_an_embedded_unicode_font() -> None:
    check_agenda_text(pdf_text(io.BytesIO(agenda_pdf(font=dejavu()))))


def test_pdf_with_an_empty_password_is_read() -> None:
    check_agenda_text(pdf_text(io.BytesIO(agenda_pdf(password=""))))


def test_pdf_with_a_password_is_refused() -> None:
    with pytest.raises(InputError, match="is protected by a password"):
        pdf_text(io.BytesIO(agenda_pdf(password="hemligt")), source="agenda.pdf")


@pytest.mark.parametrize("data", [b"", b"Anmalningsarenden", b"%PDF-1.7\n1 0 obj\n<<"])
def test_a_file_that_is_not_a_pdf(data: bytes) -> None:
    with pytest.raises(InputError, match="is not a readable PDF") as raised:
        pdf_text(io.BytesIO(data), source="agenda.pdf")
    assert raised.value.source == "agenda.pdf"


def test_a_truncated_pdf_is_refused() -> None:
    data = agenda_pdf()
    with pytest.raises(InputError):
        pdf_text(io.BytesIO(data[: len(data) // 3]), source="agenda.pdf")


def test_a_pdf_without_text_says_it_may_be_scanned() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    with pytest.raises(InputError, match="has no text") as raised:
        list(read_pdf(io.BytesIO(bytes(pdf.output())), source="scan.pdf", config=CONFIG))
    assert "OCR" in (raised.value.hint or "")


def test_read_pdf_hands_the_text_to_the_agenda_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    handed: dict[str, Any] = {}

    def read_agenda(
        text: str,
        *,
        source: str,
        config: Config,
        meeting_year: int | None = None,
        account: Any = None,
        locate: Callable[[int], str] | None = None,
    ) -> Iterator[Record]:
        handed.update(text=text, source=source, meeting_year=meeting_year)
        assert locate is not None
        lines = text.split("\n")
        found = next(n for n, line in enumerate(lines, 1) if "23RS1012." in line)
        yield Decision(diary_number="23RS1012", kind="kontrakt", subject="x", source=locate(found))
        yield Rejected(locate(1), "not an item")

    fake = types.ModuleType("delreg.parse.agenda")
    fake.read_agenda = read_agenda  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "delreg.parse.agenda", fake)
    records = list(
        read_pdf(io.BytesIO(agenda_pdf()), source="agenda.pdf", config=CONFIG, meeting_year=2024)
    )
    check_agenda_text(handed["text"])
    assert (handed["source"], handed["meeting_year"]) == ("agenda.pdf", 2024)
    decision, first_line = records
    # A line of the text handed on is named by its page and its line there.
    assert decision.source is not None and decision.source.startswith("agenda.pdf#page=2:")
    assert first_line.source == "agenda.pdf#page=1:2"  # below the running head


@pytest.mark.skipif(
    importlib.util.find_spec("delreg.parse.agenda") is None,
    reason="the agenda parser (delreg/parse/agenda.py) has not landed yet",
)
def test_read_pdf_finds_the_agenda_s_decisions() -> None:
    records = list(read_pdf(io.BytesIO(agenda_pdf()), source="agenda.pdf", config=CONFIG))
    decisions = [record for record in records if isinstance(record, Decision)]
    assert [decision.diary_number for decision in decisions] == [
        f"23RS{1000 + n}" for n in range(1, 31)
    ]
    assert {decision.kind for decision in decisions} == {"kontrakt"}
    assert decisions[11].procurement_number == "MT 2023-0012a"
    assert all((decision.source or "").startswith("agenda.pdf#page=") for decision in decisions)


def test_furniture_keeps_items_that_stand_at_page_edges() -> None:
    pages = [
        ["Föredragningslista", "1. Beslut om a, 23RS1.", "2. Beslut om b, 23RS2.", "- 1 -"],
        ["Föredragningslista", "21. Beslut om c, 23RS21.", "22. Beslut om d, 23RS22.", "- 2 -"],
        ["Föredragningslista", "41. Beslut om e, 23RS41.", "42. Beslut om f, 23RS42.", "- 3 -"],
    ]
    assert _furniture(pages) == [{0, 3}, {0, 3}, {0, 3}]


def test_furniture_knows_page_numbers_that_do_not_start_at_one() -> None:
    pages = [["HSN 2024-02-15 Sida 5 (7)", "1. a"], ["HSN 2024-02-15 Sida 6 (7)", "b"]]
    assert _furniture(pages) == [{0}, {0}]
    assert _furniture([["1. Beslut om a, 23RS1.", "1"]]) == [{1}]


# --- detection ------------------------------------------------------------------------------

AGENDA_WITH_COMMAS = (
    "8 Anmälningar, HSN 2024\n1. Hälso- och sjukvårdsdirektören har fattat tilldelningsbeslut "
    "för OCT MTH 2021-0115, 21RS5594.\n"
).encode()


@pytest.mark.parametrize(
    ("name", "head", "detected"),
    [
        ("agenda.pdf", b"%PDF-1.7\n", "pdf"),
        ("agenda.txt", b"%PDF-1.4\n", "pdf"),  # the content wins over a wrong name
        ("export.xlsx", b"PK\x03\x04\x14\x00\x06\x00", "xlsx"),
        ("export.csv", b"PK\x03\x04\x14\x00\x06\x00", "xlsx"),
        ("export.csv", b"\xef\xbb\xbfDiarienummer;Beslut\r\n", "csv"),
        ("export.TSV", b"Dnr\tBeslut\n", "csv"),
        ("unicode.txt", "Dnr\tBeslut\n".encode("utf-16"), "csv"),
        # Excel's "Unicode text" is a table; Notepad's "Unicode" an agenda, read as text.
        ("unicode.txt", "Dnr\tBeslut\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "csv"),
        ("notepad.txt", "Anmälningsärenden\n1. Avtal\tKS 2024/1\n".encode("utf-16"), "text"),
        ("-", "Dnr\tBeslut\tDatum\n23RS1\tx\t2024-01-02\n".encode("utf-16"), "csv"),
        ("-", "8 Anmälningsärenden\n1. Avtal, KS 2024/1\n".encode("utf-16"), "text"),
        ("export.json", b"[\n{", "json"),
        ("export.ndjson", b'{"diary_number"', "json"),
        ("agenda.txt", b"8 Anm\xc3\xa4lnings\xc3\xa4renden\n", "text"),
        ("-", b'  [{"diary_number": "23RS1"}]', "json"),
        ("-", b'{"diary_number": "23RS1"}\n', "json"),
        (
            "-",
            b"\xef\xbb\xbfDiarienummer;Beslutstyp;Beslut;Datum\r\n23RS1;avtal;x;2024-01-02\r\n",
            "csv",
        ),
        ("-", b"diary_number,kind,subject\n", "csv"),
        ("-", AGENDA_WITH_COMMAS, "text"),
        ("-", b"", "text"),
    ],
)
def test_detect_format(name: str, head: bytes, detected: str) -> None:
    assert detect_format(name, head) == detected


@pytest.mark.parametrize(
    ("name", "head", "message"),
    [
        ("slides.pptx", b"PK\x03\x04", "is a PowerPoint file"),
        ("bilder.odp", b"PK\x03\x04", "is an OpenDocument presentation"),
        ("arkiv.zip", b"PK\x03\x04", "is a zip archive"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Office file"),
        ("-", b"\x89PNG\r\n\x1a\n\x00\x00", "is binary data"),
    ],
)
def test_detect_format_refuses_what_it_cannot_read(name: str, head: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        detect_format(name, head)


def test_detect_format_on_real_files(tmp_path: Path, workbook: Path) -> None:
    pdf = tmp_path / "agenda.pdf"
    pdf.write_bytes(agenda_pdf())
    for path, detected in ((pdf, "pdf"), (workbook, "xlsx")):
        assert detect_format("-", path.read_bytes()[:4096]) == detected
