"""The same list as text, as Word-made PDFs with bullets and as PDF tables: the same decisions.

The PDFs are made here from documents these tests write (tests/agenda_documents.py): with fpdf2
always (Word's private-use bullets through a small symbol font, and a ruled table whose header
row repeats on every page), and from python-docx documents through LibreOffice where it is
installed (a real Word bullet definition in the Symbol or the Wingdings font, and a Word table
whose rows break across pages). Every one has a running head, a foot "Sida N (M)" and page
breaks inside the list.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from delreg.config import load_config
from delreg.model import Decision, Notice
from delreg.parse import Record, Rejected
from delreg.parse.agenda import read_agenda
from delreg.parse.pdf import _rows, _table_lines, pdf_lines, read_pdf
from tests.helpers import Invoke
from tests.helpers.documents import (
    CORPUS_ITEMS,
    CUT_OFF,
    HEAD,
    NOTICES,
    SYMBOL_BULLET,
    FpdfLayout,
    agenda_text,
    corpus_fpdf,
    corpus_word_pdfs,
    fpdf_agenda,
    libreoffice,
)
from tests.helpers.processes import modules_loaded_by

CONFIG = load_config()
ITEMS = CORPUS_ITEMS
NO_LIBREOFFICE = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the session, with LibreOffice's PDFs of the Word documents made at once."""
    folder = tmp_path_factory.mktemp("agendas")
    if libreoffice() is not None:
        corpus_word_pdfs(folder)
    return folder


def _fpdf(layout: FpdfLayout, cut_off: str | None = None) -> Callable[[Path], bytes]:
    return lambda folder: corpus_fpdf(layout, folder, cut_off=cut_off)


def _word(name: str) -> Callable[[Path], bytes]:
    def made(folder: Path) -> bytes:
        if libreoffice() is None:
            pytest.skip(NO_LIBREOFFICE)
        return (folder / f"{name}.pdf").read_bytes()

    return made


PDFS: dict[str, Callable[[Path], bytes]] = {
    "fpdf2, Symbol and Wingdings bullets": _fpdf("bullets"),
    "fpdf2, table": _fpdf("table"),
    "fpdf2, table without rules": _fpdf("unruled table"),
    "Word, Symbol bullets": _word("symbol"),
    "Word, Wingdings bullets": _word("wingdings"),
    "Word, table": _word("table"),
    "Word, table without rules": _word("unruled"),
}


def read(records: list[Record]) -> tuple[list[tuple[object, ...]], list[str], list[Record]]:
    """What must be the same in every layout: each decision's fields, the notices, the rest."""
    decisions: list[tuple[object, ...]] = [
        (
            record.diary_number,
            record.kind,
            record.parties,
            record.subject,
            record.delegate,
            record.procurement_number,
        )
        for record in records
        if isinstance(record, Decision)
    ]
    notices = [record.text for record in records if isinstance(record, Notice)]
    rest: list[Record] = [r for r in records if not isinstance(r, Decision | Notice)]
    return decisions, notices, rest


def from_text(text: str) -> list[Record]:
    return list(read_agenda(text, source="agenda.txt", config=CONFIG))


def from_pdf(data: bytes) -> list[Record]:
    return list(read_pdf(io.BytesIO(data), source="agenda.pdf", config=CONFIG))


def test_the_text_gives_every_item() -> None:
    decisions, notices, rest = read(from_text(agenda_text(ITEMS)))
    assert [decision[0] for decision in decisions] == [diary for diary, _ in ITEMS]
    assert notices == list(NOTICES) and rest == []
    first = decisions[0]
    assert first[1:] == (
        "tilldelningsbeslut",
        (),
        "ultraljudsutrustning till vårdcentralerna i norra länsdelen (ärende 1)",
        "Hälso- och sjukvårdsdirektören",
        "MT 2023-0043",
    )
    assert decisions[1][1:3] == ("avtal", ("Vallby Energi AB",))


@pytest.mark.parametrize("layout", list(PDFS))
def test_a_pdf_gives_the_decisions_the_text_gives(layout: str, documents: Path) -> None:
    records = from_pdf(PDFS[layout](documents))
    assert read(records) == read(from_text(agenda_text(ITEMS)))
    # Where each starts: on the page of its first line, below the running head.
    pages = {int((record.source or "").split("=")[1].split(":")[0]) for record in records}
    assert len(pages) >= 2
    subjects = " ".join(str(record) for record in records)
    for furniture in ("Diarienummer", "Kallelse", "Sida ", "\ue000"):
        assert furniture not in subjects


@pytest.mark.parametrize("layout", list(PDFS))
def test_the_furniture_is_left_out_and_each_item_is_one_line(layout: str, documents: Path) -> None:
    lines = [line.text for line in pdf_lines(io.BytesIO(PDFS[layout](documents)), source="a")]
    assert not any(HEAD in line or line.startswith("Sida ") for line in lines)
    assert not any(line.startswith(("Diarienummer", SYMBOL_BULLET)) for line in lines)
    for diary, _ in ITEMS:  # the number of an item is on the line its item ends
        assert sum(diary in line for line in lines) == 1


CUT_PDFS: dict[str, Callable[[Path], bytes]] = {
    "fpdf2, Symbol and Wingdings bullets": _fpdf("bullets", CUT_OFF),
    "fpdf2, table": _fpdf("table", CUT_OFF),
    "fpdf2, table without rules": _fpdf("unruled table", CUT_OFF),
    "Word, Symbol bullets": _word("symbol-cut"),
    "Word, Wingdings bullets": _word("wingdings-cut"),
    "Word, table": _word("table-cut"),
    "Word, table without rules": _word("unruled-cut"),
}


@pytest.mark.parametrize("layout", list(CUT_PDFS))
def test_an_item_cut_off_is_rejected_not_glued_to_the_one_before(
    layout: str, documents: Path
) -> None:
    records = from_pdf(CUT_PDFS[layout](documents))
    decisions, notices, rest = read(records)
    assert (decisions, notices) == read(from_text(agenda_text(ITEMS)))[:2]
    (rejected,) = rest
    assert isinstance(rejected, Rejected)
    assert CUT_OFF in rejected.reason and (rejected.source or "").startswith("agenda.pdf#page=")


def test_the_cut_off_item_in_text_too() -> None:
    decisions, _, rest = read(from_text(agenda_text(ITEMS, cut_off=CUT_OFF)))
    assert decisions == read(from_text(agenda_text(ITEMS)))[0]
    assert [type(record) for record in rest] == [Rejected]


def test_table_rows_one_line_each() -> None:
    header: list[str | None] = ["Diarienummer", "Ärende"]
    rows: list[list[str | None]] = [
        header,
        ["24RS1", "Regiondirektören har tecknat avtal med\nVallby Energi AB"],
        [None, "Regiondirektören har beslutat om"],
        ["24RS2", "Regiondirektören har fattat tilldelningsbeslut MT 2023-\n0043"],
    ]
    # The cells a column gap apart, as in a text table: each is a field of the item.
    assert _table_lines(rows, goes_on=False).lines == [
        "• 24RS1   Regiondirektören har tecknat avtal med Vallby Energi AB",
        "• Regiondirektören har beslutat om",
        "• 24RS2   Regiondirektören har fattat tilldelningsbeslut MT 2023-0043",
    ]
    # Overleaf, under the repeated header: the rest of the row the page before ended with.
    overleaf: list[list[str | None]] = [header, ["", "Vallby Energi AB"], ["24RS3", "x"]]
    going_on = _table_lines(overleaf, goes_on=True)
    assert (going_on.rest, going_on.lines) == (["", "Vallby Energi AB"], ["• 24RS3   x"])
    assert _table_lines(overleaf, goes_on=False).lines == ["• Vallby Energi AB", "• 24RS3   x"]


def test_a_table_s_header_names_its_fields() -> None:
    """The date first, who decided and the point of the delegation order after the text: each
    labelled as the agenda reader knows it, the serial number of the case's documents left out;
    a name merged over rows (pdfplumber's None) is each row's."""
    rows: list[list[str | None]] = [
        ["Datum", "Dnr", "Löpnr", "Ärende", "Beslutsfattare", "Punkt i delegationsordningen"],
        ["2024-01-08", "KS 2024/12", "3", "Yttrande över remiss", "Kommundirektör", "1.4"],
        ["2024-01-09", "KS 2024/13", "1", "Avtal med Vallby Energi AB", None, "3.2"],
    ]
    made = _table_lines(rows, goes_on=False)
    assert made.lines == [
        "• KS 2024/12   Yttrande över remiss   Delegationspunkt: 1.4   Beslutsdatum: 2024-01-08"
        "   Beslutsfattare: Kommundirektör",
        "• KS 2024/13   Avtal med Vallby Energi AB   Delegationspunkt: 3.2   Beslutsdatum: "
        "2024-01-09   Beslutsfattare: Kommundirektör",
    ]
    # Overleaf without its header: the columns are the table's before.
    more: list[list[str | None]] = [["", "", "", "och Norrskolan", "", ""]]
    going_on = _table_lines(more, goes_on=True, roles=made.roles)
    assert (going_on.lines, going_on.rest, going_on.roles) == ([], more[0], made.roles)


def test_a_delegate_s_cell_and_a_point_with_its_chapter_are_read_whole() -> None:
    """A name with a comma in who decided's cell ("Anna Berglund, enhetschef"), and a point
    that starts with its chapter's letter ("K 4.2") under a header of many words: each field
    whole, none in the subject."""
    rows: list[list[str | None]] = [
        [
            "Dnr",
            "Ärende",
            "Punkt i barn- och utbildningsnämndens delegationsordning",
            "Beslutsdatum",
            "Beslutsfattare",
        ],
        ["KS 2024/12", "Yttrande över remiss", "K 4.2", "2024-01-08", "Anna Berglund, enhetschef"],
        ["KS 2024/13", "Avtal med Vallby Energi AB", "A.3", "2024-01-09", "Enhetschef (tf.)"],
    ]
    text = "Anmälan av delegationsbeslut\n" + "\n".join(_table_lines(rows, goes_on=False).lines)
    decisions = [r for r in from_text(text) if isinstance(r, Decision)]
    assert [(d.subject, d.delegation_point, d.decided_on, d.delegate) for d in decisions] == [
        ("remiss", "K 4.2", "2024-01-08", "Anna Berglund enhetschef"),
        ("Avtal", "A.3", "2024-01-09", "Enhetschef tf"),
    ]


def test_rows_of_a_table_without_rules() -> None:
    lines = [
        (["24RS1", "Regiondirektören har tecknat avtal"], 14.0),
        (["", "med Vallby Energi AB"], 3.0),
        (["24RS2", "Regiondirektören har beslutat"], 14.5),
        (["", "om yttrande"], 4.0),
        (["", "Regiondirektören har beslutat om"], 14.0),  # spaced as a row: cut off
    ]
    rows = _rows(lines, [])
    assert rows == [
        ["24RS1", "Regiondirektören har tecknat avtal\nmed Vallby Energi AB"],
        ["24RS2", "Regiondirektören har beslutat\nom yttrande"],
        ["", "Regiondirektören har beslutat om"],
    ]
    # Rows spaced like a cell's lines cannot be told apart: the line stays with its row.
    even = [(cells, 3.0) for cells, _ in lines]
    assert _rows(even, [])[-1] == [
        "24RS2",
        "Regiondirektören har beslutat\nom yttrande\nRegiondirektören har beslutat om",
    ]
    # The space between rows learnt on the pages before serves a page with one row.
    gaps = [14.0, 14.5]
    assert len(_rows([lines[2], lines[3], lines[4]], gaps)) == 2


def test_import_stores_the_same_register_from_text_and_from_a_pdf_table(
    delreg: Invoke, tmp_path: Path
) -> None:
    text = tmp_path / "kallelse.txt"
    text.write_text(agenda_text(ITEMS), encoding="utf-8")
    pdf = tmp_path / "kallelse.pdf"
    pdf.write_bytes(fpdf_agenda(ITEMS, layout="table", font_folder=tmp_path))
    listed = []
    for number, path in enumerate((text, pdf)):
        database = str(tmp_path / f"register-{number}.db")
        done = delreg("--db", database, "import", str(path), "--json")
        assert done.exit_code == 0, done.stderr
        summary = json.loads(done.stdout)
        assert (summary["inserted"], summary["notices"], summary["rejected"]) == (len(ITEMS), 2, [])
        rows = json.loads(delreg("--db", database, "list", "--format", "json").stdout)
        listed.append(
            sorted(
                (row["diary_number"], row["kind"], row["parties"], row["subject"]) for row in rows
            )
        )
    assert listed[0] == listed[1]


def test_only_the_import_of_a_pdf_loads_a_pdf_library(tmp_path: Path) -> None:
    text = tmp_path / "kallelse.txt"
    text.write_text(agenda_text(ITEMS), encoding="utf-8")
    assert not modules_loaded_by("import", str(text)) & {"pypdfium2", "pdfplumber", "pdfminer"}
    bullets = tmp_path / "kallelse.pdf"
    bullets.write_bytes(fpdf_agenda(ITEMS[:3], layout="bullets", font_folder=tmp_path))
    loaded = modules_loaded_by("import", str(bullets))
    # pdfplumber only for a page that draws lines (a ruled table).
    assert "pypdfium2" in loaded and not loaded & {"pdfplumber", "pdfminer"}


def test_a_ruled_table_of_four_columns_gives_each_cell_its_field() -> None:
    """A registry's list as a ruled table ``Dnr | Ärende | Beslutsdatum | Beslutsfattare``
    (fpdf2's table, as a report tool draws it): the date and who decided are the decision's,
    not the end of its subject."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # Helvetica's own å, ä and ö
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "Anmälan av delegationsbeslut", new_x="LMARGIN", new_y="NEXT")
    rows = [
        ("Dnr", "Ärende", "Beslutsdatum", "Beslutsfattare"),
        ("KS 2024/145", "Yttrande över remiss om vindkraftspark vid Hällberget", "2024-05-02",
         "Kommundirektör"),
        ("KS 2024/151", "Avtal med Vallby Analys AB om konsulttjänst", "2024-05-06",
         "Ekonomichef"),
        ("KS 2024/160", "Förordnande av tillförordnad kommundirektör under semestern",
         "2024-05-13", "Kommunstyrelsens ordförande"),
    ]  # fmt: skip
    with pdf.table(col_widths=(25, 80, 30, 45)) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    records = list(read_pdf(io.BytesIO(bytes(pdf.output())), source="t.pdf", config=CONFIG))
    assert [
        (r.diary_number, r.subject, r.parties, r.delegate, r.decided_on)
        for r in records
        if isinstance(r, Decision)
    ] == [
        ("KS 2024/145", "remiss om vindkraftspark vid Hällberget", (), "Kommundirektör",
         "2024-05-02"),
        ("KS 2024/151", "konsulttjänst", ("Vallby Analys AB",), "Ekonomichef", "2024-05-06"),
        ("KS 2024/160", "tillförordnad kommundirektör under semestern", (),
         "Kommunstyrelsens ordförande", "2024-05-13"),
    ]  # fmt: skip
