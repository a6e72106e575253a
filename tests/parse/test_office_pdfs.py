"""Agenda PDFs as Word and LibreOffice make them, read as the decisions they list.

The PDFs under fixtures/pdf/ were made by tests/helpers/office_pdfs.py (python-docx or a flat
ODT, turned into PDF by LibreOffice; one written with fpdf2): committed, so that the tests need
no LibreOffice. Where LibreOffice is installed, one is made again and must read the same.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from fpdf import FPDF

from delreg.config import load_config
from delreg.model import Decision, Notice
from delreg.parse import Record, Rejected
from delreg.parse.pdf import _pdfium_marks, pdf_text, read_pdf
from tests.helpers import Invoke
from tests.helpers.office_pdfs import (
    BY_DELEGATE,
    DIRECT,
    ENTRIES,
    FIXTURES,
    GROUPS,
    LONG_ENTRIES,
    MEETING,
    NARROW_ROWS,
    NOTICES,
    Entry,
    delegate_as_written,
    libreoffice,
    office_pdf,
)

CONFIG = load_config()


def from_pdf(data: bytes, source: str = "agenda.pdf") -> list[Record]:
    return list(read_pdf(io.BytesIO(data), source=source, config=CONFIG))


def lines_pdf(lines: list[str]) -> bytes:
    """A page of ``lines`` as they are broken, written with fpdf2."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # Helvetica's own å, ä and ö
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_hyphen_that_ends_a_line_stays_in_the_number_and_the_words() -> None:
    """PDFium joins a line ending in a hyphen after a letter to the next and marks the hyphen:
    it is the diary number's own dash, the hyphen of "e-post", or the one of "hälso- och"."""
    data = lines_pdf([
        "Anmälan av delegationsbeslut",
        "• Hälso- och sjukvårdsdirektörens beslut om avtal med Vallby Energi AB, KSN-",
        "2024-12",
        "• Samhällsbyggnadschefens beslut om avslag på begäran om utlämnande av e-",
        "post, KSN-2024-31",
        "• Ekonomichefens beslut om ändrade villkor för hälso-",
        "och sjukvårdens leverantörer, KSN-2024-40",
    ])  # fmt: skip
    decisions = [record for record in from_pdf(data) if isinstance(record, Decision)]
    assert [(d.diary_number, d.subject) for d in decisions] == [
        ("KSN-2024-12", "beslut om avtal"),
        ("KSN-2024-31", "avslag på begäran om utlämnande av e-post"),
        ("KSN-2024-40", "ändrade villkor för hälso- och sjukvårdens leverantörer"),
    ]


def test_a_number_wrapped_with_its_closing_parenthesis_ends_the_line_before() -> None:
    """The wrap of "(ärende 7)" as "(ärende" | "7)": the "7)" alone on a line was read as an
    item numbered 7 without text (rejected), and the item before lost its end; it is that
    item's, after the line whose parenthesis it closes (the item's own "1)" opens none)."""
    data = lines_pdf([
        "9. Anmälan av delegationsbeslut",
        "1) KS 2024/44 Avtal om skolskjuts med Norrtrafik AB, se även yttrandet om taxor (ärende",
        "7)",
        "2) KS 2024/45 Avtal om lokalvård med Städbolaget i Vallby AB (se bilaga)",
        "3)",
        "10. Övriga frågor",
    ])  # fmt: skip
    records = from_pdf(data)
    decisions = [record for record in records if isinstance(record, Decision)]
    assert [(d.diary_number, d.wording) for d in decisions] == [
        (
            "KS 2024/44",
            "KS 2024/44 Avtal om skolskjuts med Norrtrafik AB, se även yttrandet om taxor "
            "(ärende 7).",
        ),
        ("KS 2024/45", "KS 2024/45 Avtal om lokalvård med Städbolaget i Vallby AB (se bilaga)."),
    ]
    # An item "3)" after a line whose parentheses are closed is an item without text still.
    assert [(r.source, r.reason) for r in records if isinstance(r, Rejected)] == [
        ("agenda.pdf#page=1:5", "the item has no text")
    ]


def test_word_s_bullet_one_level_in_is_a_bullet_before_a_tab_too() -> None:
    """Word's "o" of Courier New one level in, then a tab (as its list indents): a bullet, as
    before a space; the quick test for one looked for the space only."""
    text = "Anmälan av delegationsbeslut\no\tKommundirektören har beslutat om yttrande, KS 2024/5"
    assert _pdfium_marks(text) == text.replace("\no\t", "\n•\t")
    assert _pdfium_marks(text[29:]) == "•" + text[30:]


def test_a_meetings_day_under_date_time_and_place_is_no_table() -> None:
    """ "Datum | Tid | Plats" over the meeting's day, cells apart as a table's without rules:
    it names a date's column but none for what was decided, so it is no list of decisions."""
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for x, name, value in ((20, "Datum", "2024-03-14"), (60, "Tid", "13.00"),
                           (90, "Plats", "Stora salen, kommunhuset")):  # fmt: skip
        pdf.text(x, 30, name)
        pdf.text(x, 36, value)
    pdf.text(20, 50, "Kallelse till sammanträde med kommunstyrelsen i Vallby kommun.")
    text = pdf_text(io.BytesIO(bytes(pdf.output())))
    # Its text as written, not a row "• 13.00   Stora salen …   Beslutsdatum: 2024-03-14".
    assert "Stora salen, kommunhuset" in text
    assert "•" not in text
    assert "Beslutsdatum" not in text


# --- the committed PDFs -------------------------------------------------------------------------

# How the agenda reader reads each decision's text, by the text (see office_pdfs.ENTRIES): its
# kind, its subject, the parties and the procurement number.
READ: dict[str, tuple[str, str, tuple[str, ...], str | None]] = {
    ENTRIES[0].subject: ("yttrande", "remiss från Länsstyrelsen i Västmarks län om förslag till "
                         "regional vattenförsörjningsplan", (), None),
    ENTRIES[1].subject: ("avtal", "leverans av fjärrvärme till kommunhuset och Norrskolan "
                         "2024–2026", ("Vallby Energi AB",), None),
    ENTRIES[2].subject: ("tilldelningsbeslut", "i upphandling av skolskjuts för grundskolan", (),
                         "UH 2023-0044"),
    ENTRIES[3].subject: ("forordnande", "tillförordnad kommundirektör under tiden 5–16 februari "
                         "2024", (), None),
    ENTRIES[4].subject: ("anstallning", "enhetschef vid kostenheten", (), None),
    ENTRIES[5].subject: ("beslut", "att inte lämna ut allmän handling (begäran om e-post mellan "
                         "förvaltningen och en entreprenör)", (), None),
    ENTRIES[6].subject: ("beslut", "Avskrivning av fordringar som understiger ett halvt "
                         "prisbasbelopp", (), None),
    ENTRIES[7].subject: ("yttrande", "till Polismyndigheten över ansökan om tillstånd till "
                         "offentlig tillställning, Vallbymarknaden den 8 juni", (), None),
    ENTRIES[8].subject: ("avtal", "fönsterputs i kommunens lokaler, förlängning med ett år",
                         ("Nordanå Städ AB",), None),
    # The grant's recipient is its party ("bidrag till Föreningen …").
    ENTRIES[9].subject: ("bidrag", "renovering av kvarnen", ("Vallby Hembygdsförening",),
                         None),
}  # fmt: skip


# Who decided as the kallelse's sentences write it ("Kommundirektören har …").
DELEGATES = {entry.delegate: delegate_as_written(entry.delegate) for entry in ENTRIES}


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.pdf").read_bytes()


Fields = tuple[object, ...]


def fields(decision: Decision) -> Fields:
    return (
        decision.diary_number,
        decision.kind,
        decision.subject,
        decision.parties,
        decision.procurement_number,
        decision.decided_on,
        decision.delegate,
        decision.delegation_point,
    )


def expected(
    entry: Entry, *, delegate: bool = True, point: bool = False, day: bool = True
) -> Fields:
    """What the PDF must give for ``entry``: each field its column holds."""
    return (
        entry.diary,
        *READ[entry.subject],
        entry.day if day else None,
        entry.delegate if delegate else None,
        entry.point if point else None,
    )


# Each PDF, the entries it lists in their order, and whether it names who decided and the point
# (and the day: all but one do).
BY_DELEGATE_ENTRIES = [entry for _, entries in BY_DELEGATE for entry in entries]
GROUPED_ENTRIES = [entry for _, entries in GROUPS for entry in entries]
LAYOUTS: dict[str, tuple[Sequence[Entry], bool, bool]] = {
    "landscape-ruled": (ENTRIES, True, True),
    "landscape-plain": (ENTRIES, True, True),
    "landscape-rows": (ENTRIES, True, True),
    "long-table": (LONG_ENTRIES, True, False),
    "long-table-plain": (LONG_ENTRIES, True, False),
    "long-table-once": (LONG_ENTRIES, True, False),
    # Without rules, its header on the first page only: the rows of the pages after were all
    # read as one item's text.
    "long-table-plain-once": (LONG_ENTRIES, True, False),
    "two-tables-ruled": (BY_DELEGATE_ENTRIES, False, False),
    "two-tables-plain": (BY_DELEGATE_ENTRIES, False, False),
    "serial-ruled": (ENTRIES[:6], False, False),
    "serial-plain": (ENTRIES[:6], False, False),
    "serial-pdfa": (ENTRIES[:6], False, False),
    "merged-delegate": (sorted(ENTRIES[:8], key=lambda entry: entry.delegate), True, False),
    "grouped-ruled": (GROUPED_ENTRIES, True, False),
    "grouped-plain": (GROUPED_ENTRIES, True, False),
    "numbered-plain": (ENTRIES[:5], True, False),  # no date
    # Its title above the header, a list heading bulleted as the rows are, lost them all.
    "titled-table": (ENTRIES[:4], True, False),
    # Shaded rows, pdfplumber's tables of a row each, the rows between not in any: decisions
    # were lost and others given a neighbour's date.
    "banded-table": (ENTRIES, True, False),
    "shaded-header": (ENTRIES, True, False),
    "writer-table": (ENTRIES, True, False),
    # Without rules, "Ärende | Beslut | Datum | Delegat": no column named for the diary number,
    # the table was not seen and the date and who decided were read into the subject.
    "unnamed-number": (ENTRIES, True, False),
    "words-placed": (ENTRIES, False, False),
    # Every character placed on its own: the table was not seen, its date read into the
    # subject ("… län om 2024-01-08 förslag till …").
    "chars-placed": (ENTRIES, False, False),
}


# Layouts whose tables stand under a heading that names whose decisions they hold.
HEADED_BY_DELEGATE = {"two-tables-ruled", "two-tables-plain"}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_a_table_made_by_word_or_writer_gives_each_decision_its_fields(name: str) -> None:
    """Every row one decision, nothing else: the date and who decided from their columns
    wherever they stand, a row broken across a page whole, a name merged over rows each row's,
    the header's name broken over two lines and its repetition on each page no item."""
    entries, delegate, point = LAYOUTS[name]
    day = name != "numbered-plain"
    records = from_pdf(fixture(name))
    wanted = [expected(entry, delegate=delegate, point=point, day=day) for entry in entries]
    if name in HEADED_BY_DELEGATE:
        # "Kommundirektörens beslut" above a table: who decided each of its rows.
        wanted = [
            (*fields_[:6], delegate_as_written(entry.delegate), fields_[7])
            for fields_, entry in zip(wanted, entries, strict=True)
        ]
    assert [fields(r) for r in records if isinstance(r, Decision)] == wanted
    assert [r for r in records if not isinstance(r, Decision)] == []


@pytest.mark.parametrize("name", ["narrow-ruled", "narrow-plain"])
def test_a_word_broken_by_its_narrow_column_is_one_word_again(name: str) -> None:
    """Columns too narrow for "Personuppgiftsbiträdesavtal", "Upphandlingschef" and the header's
    "Beslutsfattare": Word and LibreOffice break them where the column ends, without a hyphen
    ("Upphandling" | "schef"). Each is one word again (the header's too, so that its column is
    who decided), while lines wrapped at a space keep it ("Tilldelningsbeslut i" | "upphandling
    av", "Avtalsförlängning" | "avseende", a word as wide as its line)."""
    records = from_pdf(fixture(name))
    assert [r for r in records if not isinstance(r, Decision)] == []
    decisions = [r for r in records if isinstance(r, Decision)]
    assert [(d.diary_number, d.kind, d.subject, d.parties, d.delegate, d.decided_on)
            for d in decisions] == [
        ("KS 2024/130", "pub-avtal", "Personuppgiftsbiträdesavtal", ("Skolmolnet Sverige AB",),
         "Upphandlingschef", "2024-02-05"),
        ("KS 2024/131", "tilldelningsbeslut", "i upphandling av skolskjuts", (), "Kommundirektör",
         "2024-02-12"),
        ("KS 2024/132", "avtal", "fönsterputs, förlängning med ett år", (), "Upphandlingschef",
         "2024-02-19"),
        ("KS 2024/133", "beslut", "Avtalsförlängning avseende kontorsmaterial", (), "Ekonomichef",
         "2024-02-26"),
    ]  # fmt: skip
    assert [d.delegate for d in decisions] == [row[2] for row in NARROW_ROWS]


def test_a_kallelse_numbered_by_word_gives_its_decisions_and_notices() -> None:
    """Word's own numbering ("6." and "a)" … "j)"), a running head "Kommunstyrelsen |
    Kallelse | 2024-03-14" and a foot "Sida 1 av 2": the decisions under their point, dated and
    with who decided, and the notices under the next point."""
    records = from_pdf(fixture("kallelse-numbered"))
    decisions = [r for r in records if isinstance(r, Decision)]
    assert [(d.diary_number, d.decided_on, d.procurement_number) for d in decisions] == [
        (entry.diary, entry.day, READ[entry.subject][3]) for entry in ENTRIES
    ]
    assert [d.delegate for d in decisions][:3] == [
        "Kommundirektören",
        "Ekonomichefen",
        "Upphandlingschefen",
    ]
    assert [r.text for r in records if isinstance(r, Notice)] == list(NOTICES)
    assert [r for r in records if not isinstance(r, Decision | Notice)] == []


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("kallelse-bulleted", 5),
        ("kallelse-bullets-alike", 5),
        ("writer-bullets", 4),
        # "• Budget 2025" after the decisions, a point of the agenda's own: it was rejected.
        ("kallelse-point-after", 5),
    ],
)
def test_a_kallelse_whose_points_and_decisions_are_all_bullets_gives_its_decisions(
    name: str, count: int
) -> None:
    """Points as Word's bullets, the decisions and notices bullets one level in: the PDF's text
    has them all at the margin, one level in told by the glyph ("o" of Courier New, Writer's
    "◦", both bullets to the agenda reader) or not at all. The decisions are the list's items,
    not agenda points that end it (which lost them all, without a word)."""
    records = from_pdf(fixture(name))
    decisions = [r for r in records if isinstance(r, Decision)]
    assert [(d.diary_number, d.decided_on, d.delegate) for d in decisions] == [
        (entry.diary, entry.day, DELEGATES[entry.delegate]) for entry in ENTRIES[:count]
    ]
    assert [r.text for r in records if isinstance(r, Notice)] == list(NOTICES)
    assert [r for r in records if not isinstance(r, Decision | Notice)] == []


def test_decisions_in_newspaper_columns_are_read_whole() -> None:
    """Paragraphs "KS 2024/31 Avtal med … om" / "… Norrskolan 2024–2026. Beslutat 2024-01-15
    av" / "ekonomichef." in two columns: each whole, in order, its date and who decided from its
    last sentence, a procurement number on a line of its own kept."""
    records = from_pdf(fixture("newspaper"))
    decisions = [r for r in records if isinstance(r, Decision)]
    assert [r for r in records if not isinstance(r, Decision)] == []
    assert [d.diary_number for d in decisions] == [entry.diary for entry in ENTRIES]
    # "(begäran om e-post mellan förvaltningen och en entreprenör)": read as two parties, the
    # sentence after with them (the agenda reader's, whatever the layout).
    whole = [(d, e) for d, e in zip(decisions, ENTRIES, strict=True) if e.diary != "KS 2024/66"]
    assert [fields(d) for d, _ in whole] == [
        (*expected(entry)[:-3], entry.day, entry.delegate.lower(), None) for _, entry in whole
    ]


def test_a_word_libreoffice_broke_at_a_soft_hyphen_is_one_word_again() -> None:
    """LibreOffice draws a soft hyphen at a line's end as an ordinary "-", and PDFium marks it
    as it marks one: "trafikförsörjnings-" | "programmet" read "trafikförsörjnings-programmet".
    It is drawn apart from its line, which tells it; "e-" | "postadress" keeps its hyphen."""
    decisions = [r for r in from_pdf(fixture("soft-hyphens")) if isinstance(r, Decision)]
    assert [d.diary_number for d in decisions] == [f"RS 2024/{n}" for n in range(310, 322)]
    for decision in decisions:
        assert (decision.wording or "").endswith(
            "revidering av trafikförsörjningsprogrammet och om ny e-postadress för "
            "färdtjänsthandläggningen."
        ), decision.wording


def test_import_of_a_word_table_stores_its_fields(delreg: Invoke, tmp_path: Path) -> None:
    """`delreg import` of the landscape table without rules: every row stored, no rejection."""
    database = str(tmp_path / "register.db")
    path = str(FIXTURES / "landscape-plain.pdf")
    done = delreg("--db", database, "import", path, "--meeting", "2024-03-14", "--json")
    assert done.exit_code == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["inserted"], summary["rejected"]) == (len(ENTRIES), [])
    rows = json.loads(delreg("--db", database, "list", "--format", "json").stdout)
    assert sorted(
        (row["diary_number"], row["decided_on"], row["delegate"], row["delegation_point"])
        for row in rows
    ) == sorted((entry.diary, entry.day, entry.delegate, entry.point) for entry in ENTRIES)


# --- tables that go on overleaf, and what stands after them (fpdf2, office_pdfs.DIRECT) --------

# Each decision's (diary number, subject, parties, day, who decided), the notices, and how many
# items are rejected: what `delreg import` must give for each PDF.
Read = tuple[str, str, tuple[str, ...], str | None, str | None]
WATER = "remiss om regional vattenförsörjningsplan"
FPDF_TABLES: dict[str, tuple[list[Read], list[str], int]] = {
    # "Sida 2 av 2" at the top right, in the date's column: read as the rest of the row before,
    # which was lost.
    "page-number-overleaf": ([
        ("KS 2024/101", WATER, (), "2024-01-08", None),
        ("KS 2024/102", "leverans av fjärrvärme", ("Vallby Energi AB",), "2024-01-09", None),
        ("KS 2024/103", "enhetschef vid kostenheten", (), "2024-01-11", None),
        ("KS 2024/104", "Avskrivning av fordringar", (), "2024-01-12", None),
    ], [], 0),
    # "12  Anmälan av meddelanden", its number where the diary numbers stand: a row of the
    # table, and the notices under it lost.
    "heading-overleaf": ([
        ("KS 2024/111", WATER, (), "2024-01-08", None),
        ("KS 2024/112", "leverans av fjärrvärme", ("Vallby Energi AB",), "2024-01-09", None),
    ], list(NOTICES), 0),
    "heading-below": ([
        ("KS 2024/111", WATER, (), "2024-01-08", None),
        ("KS 2024/112", "leverans av fjärrvärme", ("Vallby Energi AB",), "2024-01-09", None),
    ], list(NOTICES), 0),
    # The minutes' signature box "Justerare | Ordförande" on the page: the ruled table was read
    # as one without rules, its subjects moved between rows.
    "signature-box": ([
        ("KS 2024/121", "Avskrivning av fordringar som understiger ett halvt prisbasbelopp "
         "enligt riktlinjerna", (), "2024-01-16", "Ekonomichef"),
        ("KS 2024/122", "renovering av kvarnen vid ån", ("Vallby Hembygdsförening",),
         "2024-01-17", "Kultur- och fritidschef"),
        ("KS 2024/123", "fönsterputs", ("Nordanå Städ AB",), "2024-01-18", "Upphandlingschef"),
    ], [], 0),
    # A row overleaf, then a second table: its first row without a diary number was glued onto
    # the first table's last row (two rows), or the first table read as text (one).
    "ruled-overleaf-one-row": ([
        ("KS 2024/131", "remiss om vattenförsörjningsplan", (), "2024-01-08", None),
        ("KS 2024/132", "fjärrvärme", ("Vallby Energi AB",), "2024-01-09", None),
        ("KS 2024/133", "enhetschef vid kostenheten", (), "2024-01-10", None),
        ("KS 2024/135", "Avskrivning av fordringar", (), "2024-01-16", "Ekonomichefen"),
    ], [], 1),
    "ruled-overleaf-two-rows": ([
        ("KS 2024/131", "remiss om vattenförsörjningsplan", (), "2024-01-08", None),
        ("KS 2024/132", "fjärrvärme", ("Vallby Energi AB",), "2024-01-09", None),
        ("KS 2024/133", "enhetschef vid kostenheten", (), "2024-01-10", None),
        ("KS 2024/134", "Bidrag", ("Vallby Hembygdsförening",), "2024-01-11", None),
        ("KS 2024/135", "Avskrivning av fordringar", (), "2024-01-16", "Ekonomichefen"),
    ], [], 1),
    # No column named for the diary number: the rest of a row overleaf was a row of its own,
    # the subject cut.
    "unnamed-overleaf": ([
        ("KS 2024/141", WATER, (), "2024-01-08", "Kommundirektör"),
        ("KS 2024/142", "fjärrvärme", ("Vallby Energi AB",), "2024-01-09", "Ekonomichef"),
        ("KS 2024/143", "Skolskjuts grundskola – Tilldelningsbeslut i upphandling av skolskjuts "
         "för grundskolan", (), "2024-01-10", "Upphandlingschef"),
        ("KS 2024/144", "enhetschef", (), "2024-01-11", "HR-chef"),
    ], [], 0),
    # Overleaf under a running head of many words, without the header: the list's own number
    # went into the subject ("3 – Anställning …").
    "serial-overleaf": ([
        ("KS 2024/151", WATER, (), None, "Kommundirektör"),
        ("KS 2024/152", "fjärrvärme", ("Vallby Energi AB",), None, "Ekonomichef"),
        ("KS 2024/153", "enhetschef", (), None, "HR-chef"),
        ("KS 2024/154", "Avskrivning av fordringar", (), None, "Ekonomichef"),
    ], [], 0),
    # "Övriga frågor" after a table keyed by its date, where the case's column stands: read
    # into the last row's subject ("Övriga frågor – Avtal om fjärrvärme").
    "heading-after-dated-rows": ([
        ("KS 2024/171", WATER, (), "2024-01-08", "Kommundirektör"),
        ("KS 2024/172", "fjärrvärme", ("Vallby Energi AB",), "2024-01-09", "Ekonomichef"),
    ], [], 0),
    # "Datum" | "för beslut": the second line was taken for a title over the rows and joined to
    # "Dnr", whose column was then no diary number's: overleaf, the row without a date was
    # glued to the one before.
    "header-on-two-lines": ([
        ("KS 2024/181", WATER, (), "2024-01-08", None),
        ("KS 2024/182", "fjärrvärme", ("Vallby Energi AB",), "2024-01-09", None),
        ("KS 2024/183", "enhetschef vid kostenheten", (), None, None),
        ("KS 2024/184", "Avskrivning av fordringar", (), "2024-01-12", None),
    ], [], 0),
    # "Ärendebeskrivning | Dag | Beslutad av": names the column roles know but the header's
    # test did not; no table was seen, the day and who decided read into the subject.
    "other-names": ([
        ("KS 2024/191", WATER, (), "2024-01-08", "Kommundirektör"),
        ("KS 2024/192", "fjärrvärme", ("Vallby Energi AB",), "2024-01-09", "Ekonomichef"),
    ], [], 0),
    # Two parties one a line in their cell: read as one party "Vallby Energi AB Nordanå Städ AB".
    "parties-a-line-each": ([
        ("KS 2024/201", "städning av skolor", ("Vallby Energi AB", "Nordanå Städ AB"),
         "2024-01-16", None),
        ("KS 2024/202", "fönsterputs", ("Nordanå Städ AB",), "2024-01-17", None),
        ("KS 2024/203", "snöröjning", ("Vallby kommun", "Norrbyns Vägförening"), "2024-01-18",
         None),
        ("KS 2024/204", "Hyresavtal för fritidsgården", ("Fastighets AB Norrgården",),
         "2024-01-19", None),
    ], [], 0),
    # "Anmälningsdatum" beside the decision's day: read into the subject ("… – 2024-03-14").
    "other-dates": ([
        ("KS 2024/211", "Avskrivning av fordringar", (), "2024-01-16", "Ekonomichef"),
        ("KS 2024/212", "enhetschef", (), "2024-01-17", "HR-chef"),
    ], [], 0),
    # A cell wrapped after "e-": "e- post" in the subject, where the page's text has "e-post".
    "hyphen-in-cell": ([
        ("KS 2024/221", "Avslag på begäran om utlämnande av e-post mellan förvaltningen och "
         "Hälso- och sjukvårdsnämnden", (), "2024-01-08", None),
        ("KS 2024/222", "fjärrvärme", ("Vallby Energi AB",), "2024-01-09", None),
    ], [], 0),
    # "Beslutsfattare" and "Datum" 1.5 mm apart were one name: who decided and the day lost.
    "header-names-close": ([
        ("KS 2024/231", "remiss", (), "2024-01-08", "Direktör"),
        ("KS 2024/232", "Avtal", ("Vallby Energi AB",), "2024-01-09", "Ekonomichef"),
    ], [], 0),
    # Who decided wrapped at a space by a report tool, which draws no space there: the lines
    # were joined as a word broken by the column ("Socialnämndensordförande").
    "wrapped-at-spaces": ([
        ("KS 2024/161", "remiss om vattenförsörjningsplan", (), "2024-01-08",
         "Socialnämndens ordförande"),
        ("KS 2024/162", "fjärrvärme", ("Vallby Energi AB",), "2024-01-09", "Ekonomichef"),
        ("KS 2024/163", "Avskrivning av fordringar", (), "2024-01-16",
         "Socialnämndens ordförande"),
        ("KS 2024/164", "Bidrag", ("Vallby Hembygdsförening",), "2024-01-17", "Ekonomichef"),
        ("KS 2024/165", "Avskrivning av fordringar", (), "2024-01-16",
         "Kommunstyrelsens ordförande"),
        ("KS 2024/166", "Bidrag", ("Vallby Hembygdsförening",), "2024-01-17", "Ekonomichef"),
    ], [], 0),
}  # fmt: skip


@pytest.mark.parametrize("name", list(FPDF_TABLES))
def test_a_report_tool_s_table_gives_every_row_whole_with_its_fields(
    name: str, delreg: Invoke, tmp_path: Path
) -> None:
    """A table's rows across a page, a page number or a heading after the table, a second
    table or a signature box beside it, a cell wrapped at a space: each row one decision with
    its own fields, every notice after, an item without its number rejected, not glued to a
    row."""
    decisions, notices, rejected = FPDF_TABLES[name]
    records = from_pdf(fixture(name))
    assert [
        (r.diary_number, r.subject, r.parties, r.decided_on, r.delegate)
        for r in records
        if isinstance(r, Decision)
    ] == decisions
    assert [r.text for r in records if isinstance(r, Notice)] == notices
    database = str(tmp_path / "register.db")
    path = str(FIXTURES / f"{name}.pdf")
    done = delreg("--db", database, "import", path, "--meeting", MEETING, "--json",
                  "--skip-invalid")  # fmt: skip
    # A rejection is told in the exit status, the rest imported.
    assert done.exit_code == (1 if rejected else 0), done.stderr
    summary = json.loads(done.stdout)
    assert (summary["inserted"], summary["notices"], len(summary["rejected"])) == (
        len(decisions),
        len(notices),
        rejected,
    )


def reading(data: bytes) -> list[Record]:
    return [
        replace(record, source=None) if isinstance(record, Decision) else record
        for record in from_pdf(data)
    ]


@pytest.mark.parametrize("name", list(DIRECT))
def test_the_fpdf2_fixture_is_what_its_generator_makes(name: str) -> None:
    assert reading(DIRECT[name]()) == reading(fixture(name))


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice is not installed")
def test_a_fixture_made_again_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    made = office_pdf("landscape-rows", tmp_path)
    assert reading(made.read_bytes()) == reading(fixture("landscape-rows"))
