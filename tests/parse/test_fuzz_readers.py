"""Bad input, generated: no document and no value may make a reader or a normaliser raise
anything but delreg's own error (a DelregError with a message).

The inputs mix the words, numbers and punctuation real agendas and exports are made of with
arbitrary text and bytes, so that hypothesis spends its examples near the parsers' edges rather
than on noise every reader refuses on its first byte.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from delreg.config import load_config
from delreg.dates import optional_date, parse_date, parse_month
from delreg.errors import DelregError
from delreg.fields import normalise_field, parse_amount, parse_bool
from delreg.importer import read_input
from delreg.model import (
    DECISION_FIELDS,
    Decision,
    Notice,
    classify_kind,
    normalise_diary_number,
    normalise_procurement_number,
)
from delreg.parse import Rejected
from delreg.parse.agenda import read_agenda

CONFIG = load_config()
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

HEADINGS = [
    "Anmälningsärenden",
    "ANMÄLAN AV DELEGATIONSBESLUT:",
    "8 Anmälningsärenden 2024",
    "Redovisning av delegeringsbeslut",
    "Meddelandeärenden",
    "Inga delegationsbeslut har anmälts till dagens sammanträde.",
]
MARKERS = ["1.", "1 .", "5.", "12.", "•", "  • ", "a)", "A.", "-", "*", "§ 16"]
PHRASES = [
    "Hälso- och sjukvårdsdirektören har fattat tilldelningsbeslut för",
    "Hälso- och sjukvårdsdirektören har tecknat upphandlingskontrakt för",
    "har tecknat personuppgiftsbiträdesavtal mellan Region Örebro län och Acme AB avseende",
    "har tecknat avtal mellan Gilead Sciences Sweden AB och Region Örebro län om",
    "har beslutat om initiering av upphandling av",
    "har beslutar om",
    "fattat tilläggsbeslut om",
    "Regiondirektörens beslut på delegation –",
    "RD:s beslut",
    "ultraljudsutrustning",
    "Läs mer…",
    "Hoppa över navigering",
    "Bilagor",
    "Vi använder kakor (cookies)",
    "Protokoll beredning",
]
NUMBERS = [
    "23RS1851",
    "23RS9593-4",
    "RS 2022/1275",
    "RS2022/1000",
    "HSN 2021/395-5",
    "Dnr: KS 2023/145",
    "KSN-2017-3447",
    "RS 2018–06226",
    "LS 0806-0619",
    "RS/333/2023",
    "Dnr 2.2.2/171-2013",
    "MT 2023-0043",
    "MTH 2021-0115",
    "MT 2020-0207d",
    "99RS",
    "RS 2022/",
    "2024",
    "0",
    "-1",
    "1 250 000 kr",
    "1e309",
]
DATES = [
    "2023-12-08",
    "8 december 2023",
    "den 14 mars",
    "2023-02-30",
    "31 februari 2024",
    "9999-99-99",
]
SEPARATORS = [
    ", ",
    " – ",
    " - ",
    "-",
    "(Dnr ",
    ")",
    "(",
    "  ",
    ".",
    ";",
    ":",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "\r",
]
HOSTILE = [
    '=HYPERLINK("http://x")',
    "'=1+1",
    "<script>",
    "\x00",
    "\x1b[2J",
    "\u202e",
    "\ufeff",
    "\ufffd",
    "Ã¶",
]

TOKENS = st.sampled_from(HEADINGS + MARKERS + PHRASES + NUMBERS + DATES + SEPARATORS + HOSTILE)
WORDS = st.sampled_from(["ultraljudsutrustning", "OCT", "städtjänster", "läkemedel Epclusa", "x"])
NOISE = st.lists(st.one_of(TOKENS, TOKENS, st.text(max_size=12)), max_size=12).map("".join)
CELL_TEXT = st.lists(st.one_of(TOKENS, st.text(max_size=8)), max_size=4).map("".join)


@st.composite
def agenda_items(draw: st.DrawFn) -> str:
    """An item much as agendas write them, each part of it liable to be lost or garbled."""
    parts = [
        draw(st.sampled_from(MARKERS)),
        " ",
        draw(st.sampled_from(PHRASES)),
        " ",
        draw(st.sampled_from(["ultraljudsutrustning", "OCT", "städtjänster", "läkemedel"])),
        " ",
        draw(st.sampled_from(["", "MT 2023-0043", "MTH 2021-0115"])),
        draw(st.sampled_from(SEPARATORS)),
        draw(st.sampled_from(NUMBERS)),
        draw(st.sampled_from([".", "", "\n"])),
    ]
    for index in draw(st.lists(st.integers(0, len(parts) - 1), max_size=3)):
        parts[index] = draw(NOISE)
    return "".join(parts)


AGENDA_TEXT = st.lists(
    st.one_of(st.sampled_from(HEADINGS), agenda_items(), agenda_items(), NOISE), max_size=25
).map("\n".join)


def records_of(data: bytes, fmt: str = "auto") -> list[Any]:
    """Everything a reader gives for ``data`` read as standard input, or [] on our own error."""
    try:
        return list(read_input("-", fmt=fmt, config=CONFIG, stdin=io.BytesIO(data)))
    except DelregError as error:
        assert error.message.strip()
        return []


def assert_records(records: list[Any]) -> None:
    # `pytest --hypothesis-show-statistics` tells how often the inputs got as far as a decision.
    kinds = {type(record).__name__ for record in records}
    if currently_in_test_context():
        event("read: " + (", ".join(sorted(kinds)) or "nothing"))
    for record in records:
        assert isinstance(record, Decision | Notice | Rejected), record
        if isinstance(record, Decision):
            # What a reader yields is stored as it is: its numbers must be the canonical ones.
            assert normalise_diary_number(record.diary_number, CONFIG) == record.diary_number
        if isinstance(record, Rejected):
            assert record.reason.strip() and record.source


@FUZZ
@given(text=AGENDA_TEXT, meeting_year=st.sampled_from([None, 2024]))
def test_the_agenda_reader_takes_any_text(text: str, meeting_year: int | None) -> None:
    try:
        records = list(read_agenda(text, source="fuzz", config=CONFIG, meeting_year=meeting_year))
    except DelregError:
        return
    assert_records(records)


@FUZZ
@given(text=AGENDA_TEXT)
def test_agenda_bytes_through_the_importer(text: str) -> None:
    assert_records(records_of(text.encode("utf-8", "surrogatepass"), fmt="text"))


HEADER_NAMES = st.sampled_from(
    [*DECISION_FIELDS, "Diarienummer", "Dnr", "Beslut", "Ärendemening", "Beslutsdatum", "x", ""]
)
# Values that fit each field's column, so that rows get past the header and into the rules.
FITTING = {
    "diary_number": st.sampled_from(NUMBERS[:11]),
    "kind": st.sampled_from([*CONFIG.kinds, "Tilldelningsbeslut", "okänd"]),
    "procurement_number": st.sampled_from(["", "MT 2023-0043", "mt2020–0207D", "MT"]),
    "parties": st.sampled_from(["", "Acme AB", "Acme AB; Region Örebro län", ";;"]),
    "decided_on": st.sampled_from(DATES),
    "notified_on": st.sampled_from(DATES),
    "meeting": st.sampled_from(DATES),
    "secret": st.sampled_from(["", "ja", "nej", "x", "kanske", "1"]),
    "amount": st.sampled_from(
        ["", "1 250 000 kr", "12,50", "-5", "²", "1e309", "999999999999999999999"]
    ),
    "standstill_days": st.sampled_from(["", "10", "0", "-1", "tio"]),
    "item": st.sampled_from(["", "1", "0", "1.5"]),
    "notified_by": st.sampled_from(["", "post", "e-post", "duva"]),
}


@st.composite
def export_rows(draw: st.DrawFn) -> list[list[Any]]:
    """A header naming a diary number and a subject among other columns, and rows that mostly
    fit it: values of the right shape, with noise here and there."""
    others = draw(st.lists(st.sampled_from(DECISION_FIELDS), max_size=6, unique=True))
    header = list(dict.fromkeys(["diary_number", "subject", *others]))
    header = draw(st.permutations(header))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = [
            # Now and then a cell of noise; mostly a value of the column's shape.
            draw(CELL_TEXT if draw(st.integers(0, 5)) == 0 else FITTING.get(name, WORDS))
            for name in header
        ]
        rows.append(row[: draw(st.integers(0, len(row) + 1))] if draw(st.booleans()) else row)
    return [header, *rows]


@st.composite
def tabular_text(draw: st.DrawFn) -> str:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    if draw(st.integers(0, 3)):
        header, *rows = draw(export_rows())
    else:
        header = draw(st.lists(HEADER_NAMES, min_size=1, max_size=8))
        rows = draw(st.lists(st.lists(CELL_TEXT, max_size=10), max_size=8))
    buffer = io.StringIO()
    import csv

    writer = csv.writer(
        buffer, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
    )
    if draw(st.booleans()):
        buffer.write(draw(st.sampled_from(["Delegationsbeslut 2024\n", "\n", "\ufeff"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    if draw(st.integers(0, 3)) == 0:
        # Cut anywhere: a half-written export, an unclosed quote.
        text = text[: draw(st.integers(0, len(text)))] + draw(st.sampled_from(['"', "", "\n"]))
    return text


@FUZZ
@given(text=tabular_text(), fmt=st.sampled_from(["csv", "tsv", "auto"]))
def test_the_csv_reader_takes_any_table(text: str, fmt: str) -> None:
    assert_records(records_of(text.encode(), fmt=fmt))


@FUZZ
@given(data=st.binary(max_size=300), fmt=st.sampled_from(["csv", "json", "text", "auto"]))
def test_the_text_readers_take_any_bytes(data: bytes, fmt: str) -> None:
    assert_records(records_of(data, fmt=fmt))


JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), CELL_TEXT
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(HEADER_NAMES, inner, max_size=6)
    ),
    max_leaves=20,
)
DECISION_OBJECTS = st.dictionaries(HEADER_NAMES, JSON_VALUES, max_size=10)


@st.composite
def fitting_objects(draw: st.DrawFn) -> dict[str, Any]:
    header, *rows = draw(export_rows())
    row = rows[0] if rows else []
    return dict(zip(header, row, strict=False))


@FUZZ
@given(
    items=st.lists(st.one_of(fitting_objects(), DECISION_OBJECTS, JSON_VALUES), max_size=6),
    shape=st.sampled_from(["array", "ndjson"]),
    cut=st.one_of(st.none(), st.integers(0, 400)),
)
def test_the_json_reader_takes_any_json(items: list[Any], shape: str, cut: int | None) -> None:
    if shape == "array":
        text = json.dumps(items, ensure_ascii=False)
    else:
        text = "\n".join(json.dumps(item, ensure_ascii=False) for item in items)
    if cut is not None:
        text = text[:cut]
    assert_records(records_of(text.encode(), fmt="json"))


XLSX_CELLS = st.one_of(
    st.none(),
    CELL_TEXT,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)


def workbook_bytes(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        # Strings are written as strings even when they start with "=": a workbook's cell
        # that holds text, not a formula.
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ILLEGAL_IN_XML = str.maketrans({code: None for code in [*range(0, 9), 11, 12, *range(14, 32)]})


@settings(FUZZ, max_examples=40)
@given(
    table=export_rows(),
    noise=st.lists(st.lists(XLSX_CELLS, max_size=7), max_size=3),
)
def test_the_xlsx_reader_takes_any_sheet(table: list[list[Any]], noise: list[list[Any]]) -> None:
    def clean(value: Any) -> Any:
        # openpyxl itself refuses to write control characters into a sheet.
        return value.translate(ILLEGAL_IN_XML) if isinstance(value, str) else value

    data = workbook_bytes([[clean(cell) for cell in row] for row in [*table, *noise]])
    assert_records(records_of(data, fmt="xlsx"))


@settings(FUZZ, max_examples=60)
@given(data=st.binary(max_size=400))
def test_the_xlsx_reader_takes_any_bytes(data: bytes) -> None:
    assert_records(records_of(b"PK\x03\x04" + data, fmt="xlsx"))


def test_the_xlsx_reader_takes_a_damaged_workbook() -> None:
    whole = workbook_bytes([["diary_number", "subject"], ["23RS1", "ultraljud"]])
    for cut in range(0, len(whole), max(1, len(whole) // 40)):
        assert_records(records_of(whole[:cut], fmt="xlsx"))
        damaged = bytearray(whole)
        damaged[cut : cut + 16] = b"\x00" * 16
        assert_records(records_of(bytes(damaged), fmt="xlsx"))


@st.composite
def word_documents(draw: st.DrawFn) -> bytes:
    """An agenda's lines as a Word document: each line a paragraph, a numbered one, or a
    table's row (its cells split at commas, some merged down)."""
    from tests.helpers.word_documents import word

    lines = [line.translate(ILLEGAL_IN_XML) for line in draw(AGENDA_TEXT).split("\n")]
    shapes = draw(st.lists(st.sampled_from(["p", "list", "row"]), min_size=len(lines)))

    def build(document: Any) -> None:
        table = None
        for line, shape in zip(lines, shapes, strict=False):
            if shape == "row":
                cells = line.split(",")[:5] or [""]
                if table is None or len(table.columns) != len(cells):
                    table = document.add_table(rows=0, cols=len(cells))
                row = table.add_row()
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
                if len(table.rows) > 1 and draw(st.booleans()):
                    table.cell(len(table.rows) - 2, 0).merge(table.cell(len(table.rows) - 1, 0))
                continue
            table = None
            document.add_paragraph(line, style="List Number" if shape == "list" else None)

    return word(build, furniture=draw(st.booleans()))


@settings(FUZZ, max_examples=30)
@given(data=word_documents())
def test_the_word_reader_takes_any_agenda(data: bytes) -> None:
    assert_records(records_of(data, fmt="docx"))
    assert_records(records_of(data))


@settings(FUZZ, max_examples=40)
@given(text=AGENDA_TEXT, listed=st.booleans())
def test_the_opendocument_reader_takes_any_agenda(text: str, listed: bool) -> None:
    from tests.helpers.word_documents import odt, odt_paragraph

    paragraphs = "".join(
        f"<text:list-item>{odt_paragraph(line)}</text:list-item>" if listed else odt_paragraph(line)
        for line in text.translate(ILLEGAL_IN_XML).split("\n")
    )
    body = f"<text:list text:style-name='L1'>{paragraphs}</text:list>" if listed else paragraphs
    assert_records(records_of(odt(body), fmt="odt"))


@settings(FUZZ, max_examples=60)
@given(data=st.binary(max_size=400), fmt=st.sampled_from(["docx", "odt", "auto"]))
def test_the_word_processor_readers_take_any_bytes(data: bytes, fmt: str) -> None:
    assert_records(records_of(b"PK\x03\x04" + data, fmt=fmt))


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_the_word_processor_readers_take_a_damaged_document(fmt: str) -> None:
    from tests.helpers.word_documents import agenda_odt, numbered_docx

    whole = numbered_docx() if fmt == "docx" else agenda_odt()
    for cut in range(0, len(whole), max(1, len(whole) // 40)):
        assert_records(records_of(whole[:cut], fmt=fmt))
        damaged = bytearray(whole)
        damaged[cut : cut + 16] = b"\x00" * 16
        assert_records(records_of(bytes(damaged), fmt=fmt))
        assert_records(records_of(bytes(damaged)))


VALUE_TEXT = st.one_of(CELL_TEXT, st.text(max_size=30), TOKENS)


def only_our_errors(function: Any, *args: Any, **options: Any) -> Any:
    try:
        return function(*args, **options)
    except DelregError as error:
        assert error.message.strip()
        return None


@settings(FUZZ, max_examples=300)
@given(text=VALUE_TEXT, default_year=st.sampled_from([None, 2024]))
def test_dates(text: str, default_year: int | None) -> None:
    found = only_our_errors(parse_date, text, default_year=default_year)
    if found is not None:
        assert date.fromisoformat(found).isoformat() == found
        assert parse_date(found) == found
    only_our_errors(optional_date, text, default_year=default_year)
    only_our_errors(parse_month, text, today=date(2024, 2, 15))


@settings(FUZZ, max_examples=300)
@given(text=VALUE_TEXT)
def test_numbers_and_amounts(text: str) -> None:
    amount = only_our_errors(parse_amount, text)
    assert amount is None or (isinstance(amount, int) and amount >= 0)
    only_our_errors(parse_bool, text)
    for normalise in (normalise_diary_number, normalise_procurement_number):
        canonical = only_our_errors(normalise, text, CONFIG)
        if canonical is not None:
            # The canonical form is a fixed point: stored numbers compare as they are.
            assert normalise(canonical, CONFIG) == canonical
    assert classify_kind(text, CONFIG) in CONFIG.kinds or classify_kind(text, CONFIG) == "beslut"


@settings(FUZZ, max_examples=200)
@given(name=st.sampled_from(DECISION_FIELDS), value=st.one_of(VALUE_TEXT, st.lists(CELL_TEXT)))
def test_every_field_normaliser(name: str, value: Any) -> None:
    for strict_kind in (True, False):
        only_our_errors(normalise_field, name, value, CONFIG, strict_kind=strict_kind)


@pytest.mark.parametrize("fmt", ["csv", "json", "text", "xlsx", "pdf", "docx", "odt"])
def test_an_empty_input_is_a_clear_error_or_nothing(fmt: str) -> None:
    assert_records(records_of(b"", fmt=fmt))
