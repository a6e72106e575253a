"""The fast way through a registry export's rows gives exactly what the reference way gives.

``RowReader.record`` reads a row by remembered cells and ``delreg.fields.quick_reader``;
``record_from_values`` reads every cell by the general rules and is the reference: for any row,
the two give the same Decision or the same Rejected, word for word. The cells here are what real
exports hold and what broken ones hold: dates in many forms, amounts, yes and no, lists of
parties, control characters, UTF-8 decoded twice ('Ã¥'), digits that are not 0-9 ('²'), empty
and over-long cells.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import Config, load_config, merge
from delreg.errors import InputError, InvalidValue
from delreg.fields import UNSURE, normalise_field, quick_reader
from delreg.model import DECISION_FIELDS, Decision
from delreg.parse import Rejected, tabular
from delreg.parse import registry_rows as parse_rows
from delreg.parse.registry_rows import (
    COLUMN_FIELDS,
    ColumnNames,
    RowReader,
    cell_value,
    plain_text,
    record_from_values,
)
from delreg.parse.tabular import read_csv
from tests.helpers import Invoke
from tests.helpers.rows import reference_records

CONFIG = load_config()
# A small limit, so that a generated cell can be over-long.
SHORT_CELLS = Config(merge(CONFIG.raw, {"limits": {"cell_chars": 24}}))

# What people and programs write into a cell, and what broken files hold.
MARKS = st.sampled_from(
    [
        "", " ", "  ", "\t", "\n", "\r\n", "\x00", "\x1b", "\x85", "\x7f", "\u00a0", "\u00ad",
        "\u202f", "\u2028", "Ã¥", "Ã¶", "Ã", "\ufffd", "²", "\u0663", "\uff11", "'", "'=", "=",
        ";", "\\;", "\\", "–", "-", "å", "Ö", "é", "\ufffe", "\ud800", "0", "9", ",", ".",
    ]
)  # fmt: skip
WORDS = st.sampled_from(
    [
        "Region Örebro län", "Acme AB", "MSD (Sweden) AB", "Gilead, Sciences AB", "ultraljud",
        "Hälso- och sjukvårdsdirektören", "OSL 31:16", "6.8", "beslut", "kontrakt",
        "Upphandlingskontrakt", "tilldelningsbeslut", "Programbeslut", "avtal", "Markanvisning",
    ]
)  # fmt: skip
DATES = st.sampled_from(
    [
        "2024-01-19", "2024-1-9", "2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01",
        "1900-01-01", "1899-12-31", "2099-12-31", "2100-01-01", "0000-00-00", "20240119",
        "2024-W03-1", "2024-01-19T00:00:00", "2024-01-19 14:30", "2024-01-19T14:30:15.5",
        "19 januari 2024", "den 8 december 2023", "8 dec. 2023", "den 14 mars", "30 feb 2024",
        "\uff12\uff10\uff12\uff14-01-19", "2024-01-19 – 2025-12-31", "2024-01-01--2025-12-31",
        "– 2025-12-31", "2025-01-01 till 2024-01-01", "1 januari 2024 till 31 december 2025",
    ]
)  # fmt: skip
NUMBERS = st.sampled_from(
    [
        "0", "1", "7", "10", "20", "365", "366", "100000", "100001", "007", "+5", "-100",
        "1250000", "1 250 000", "1 250 000 kr", "1250000,00", "1 250 000,50", "12.5",
        "10000000000000", "10000000000001", "00000000000000012", "99999999999999999999999",
        "1e5", "²", "1²", "\u0663", "\uff11\uff12", "ett tusen", "57300 SEK", "1 250 000:-",
    ]
)  # fmt: skip
FLAGS = st.sampled_from(
    ["true", "false", "True", "FALSE", "1", "0", "ja", "Nej", "JA", "x", "y", "n", "sant",
     "Falskt", "sekretess", "kanske", "electronic", "post", "e-post", "Brev", "fax"]
)  # fmt: skip
DIARY_NUMBERS = st.sampled_from(
    [
        "23RS1851", "RS 2022/1275", "KSN-2017-3447", "RS 2018-06226", "LS 2020-0042",
        "RS/333/2023", "HSN 2021/395-5", "Dnr: rs 2022 / 1275", "dnr 23rs9593 – 4",
        "Diarienummer: KS 2023/145", "MBN 2022/102-1", "XX", "2023-12-08", "SN 18/0098",
        "mt2020–0207D", "MT 2023-0043", "MTH 2021-0115", "MT 2023-0053a",
    ]
)  # fmt: skip
PARTIES = st.lists(WORDS | st.text(max_size=8), max_size=4).map("; ".join)

# One cell of any field: a value of its kind or another's, plain or with marks around and in it.
plain_cells = st.one_of(
    WORDS, DATES, NUMBERS, FLAGS, DIARY_NUMBERS, PARTIES, st.text(max_size=12), st.just("")
)


@st.composite
def cells(draw: st.DrawFn) -> str:
    cell: str = draw(plain_cells)
    for _ in range(draw(st.integers(0, 2))):
        mark = draw(MARKS)
        where = draw(st.integers(0, len(cell)))
        cell = cell[:where] + mark + cell[where:]
    return cell


# Headers as exports write them: the field's own name or a Swedish one (labels in messages).
HEADERS = {
    "diary_number": ["diary_number", "Diarienummer"],
    "subject": ["subject", "Ärendemening"],
    "decided_on": ["decided_on", "Beslutsdatum"],
    "parties": ["parties", "Motparter"],
    "amount": ["amount", "Belopp (kr)"],
}


@st.composite
def exports(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    """A header of some of the fields (always a diary number and a subject), in any order,
    and a few rows of cells for it."""
    others = st.sampled_from([*COLUMN_FIELDS, "source"]).filter(
        lambda name: name not in ("diary_number", "subject")
    )
    fields = ["diary_number", "subject", *draw(st.lists(others, unique=True, max_size=8))]
    fields = draw(st.permutations(fields))
    header = [draw(st.sampled_from(HEADERS.get(field, [field]))) for field in fields]
    rows = draw(st.lists(st.lists(cells(), min_size=len(fields), max_size=len(fields)), max_size=6))
    return header, rows


def both_ways(header: list[str], rows: list[list[str]], config: Config) -> None:
    columns = ColumnNames(config).columns(header)
    assert columns is not None
    sources = [f"export.csv:{line}" for line in range(2, len(rows) + 2)]
    reference = [
        record_from_values(
            columns.values(row), config=config, source=source, labels=columns.labels()
        )
        for row, source in zip(rows, sources, strict=True)
    ]
    # A batch at once, and the same rows one by one through a reader of their own.
    batch = RowReader(columns, config).records(rows, sources)
    alone = RowReader(columns, config)
    for row, source, fast, expected in zip(rows, sources, batch, reference, strict=True):
        assert fast == expected == alone.record(row, source), row
        # Equal and alike: the same types too (True is not 1, a tuple is not a list).
        if isinstance(fast, Decision):
            assert isinstance(expected, Decision)
            assert [type(getattr(fast, name)) for name in DECISION_FIELDS] == [
                type(getattr(expected, name)) for name in DECISION_FIELDS
            ]


@settings(max_examples=400, deadline=None)
@given(exports())
def test_the_fast_way_gives_what_the_reference_gives(
    export: tuple[list[str], list[list[str]]],
) -> None:
    both_ways(*export, CONFIG)


@settings(max_examples=150, deadline=None)
@given(exports())
def test_the_fast_way_gives_what_the_reference_gives_for_over_long_cells(
    export: tuple[list[str], list[list[str]]],
) -> None:
    both_ways(*export, SHORT_CELLS)


@settings(max_examples=100, deadline=None)
@given(exports(), st.integers(1, 3))
def test_a_memory_that_keeps_starting_over_changes_nothing(
    export: tuple[list[str], list[list[str]]], size: int
) -> None:
    header, rows = export
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parse_rows, "_REMEMBERED_CELLS", size)
        # The same rows twice: the second time most cells are remembered, or forgotten.
        both_ways(header, rows + rows, CONFIG)
        both_ways(header, rows + rows[::-1], CONFIG)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(COLUMN_FIELDS), cells())
def test_a_quick_reader_is_sure_only_of_what_the_rules_give(field: str, cell: str) -> None:
    text = plain_text(cell)
    if not text:
        return
    quick = quick_reader(field, CONFIG)
    try:
        expected: Any = normalise_field(field, text, CONFIG, strict_kind=False)
    except InvalidValue:
        expected = InvalidValue
    try:
        found = quick(text)
    except InvalidValue:
        found = InvalidValue
    assert found is UNSURE or found == expected


@settings(max_examples=400, deadline=None)
@given(cells(), st.sampled_from(["subject", "parties", "kind", "diary_number", "source"]))
def test_plain_text_is_what_cell_value_leaves(cell: str, field: str) -> None:
    text = plain_text(cell)
    if text is not None:
        assert cell_value(cell, field) == text


# A subject's length, with or without a mark at either end.
EDGES = st.sampled_from(["", "", "", "", " ", "'", "  ", "\t"])
LONG_CELLS = st.builds(
    lambda start, words, end: start + " ".join(words) + end,
    EDGES,
    st.lists(WORDS, min_size=3, max_size=6),
    EDGES,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(cells(), min_size=1, max_size=8) | st.lists(LONG_CELLS, min_size=1, max_size=8))
def test_a_column_is_all_plain_when_each_cell_is_plain(column: list[str]) -> None:
    # Short cells and long ones (subjects), which _all_plain checks by different means.
    each = all(cell and plain_text(cell) == cell and len(cell) <= 80 for cell in column)
    whole = parse_rows._all_plain(column, 80)
    # A cell that holds the separator itself may only turn a yes into a no.
    assert whole == each or (not whole and any("|" in cell for cell in column))


@pytest.mark.parametrize(
    "cell",
    ["Region Ã–rebro", "l\ufffdn", "a\x00b", "a\u00a0b", "'=1+2", "x\u00ady", "\ud800"],
)
def test_text_with_anything_to_repair_is_not_plain(cell: str) -> None:
    assert plain_text(cell) is None


def test_plain_swedish_text_is_plain_and_folded() -> None:
    assert plain_text("Hälso- och sjukvårdsdirektören") == "Hälso- och sjukvårdsdirektören"
    assert plain_text(" Region  Örebro län ") == "Region Örebro län"


def test_a_column_that_seldom_repeats_is_no_longer_remembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parse_rows, "_REMEMBERED_CELLS", 8)
    monkeypatch.setattr(parse_rows, "_SELDOM_REPEATED", 10)
    columns = ColumnNames(CONFIG).columns(["diary_number", "subject", "kind"])
    assert columns is not None
    reader = RowReader(columns, CONFIG)
    for index in range(40):
        record = reader.record([f"23RS{index + 1}", f"ärende  {index}", "kontrakt"], "e.csv:2")
        assert isinstance(record, Decision) and record.subject == f"ärende {index}"
    subjects, kinds = (cells for _, _, cells in reader._plan[1:])
    assert (subjects._remember, len(subjects)) == (False, 0)
    assert (kinds._remember, dict(kinds)) == (True, {"kontrakt": "kontrakt"})


def test_columns_of_plain_cells_are_read_whole_and_others_cell_by_cell() -> None:
    columns = ColumnNames(CONFIG).columns(["diary_number", "subject"])
    assert columns is not None
    rows = [["23RS1", "Avtal om städning"], ["dnr 23rs2", "Köp av  datorer"], ["XX", "a\x1bb"]]
    records = RowReader(columns, CONFIG).records(rows, ["e.csv:2", "e.csv:3", "e.csv:4"])
    assert records[:2] == [
        Decision("23RS1", "beslut", "Avtal om städning", source="e.csv:2"),
        Decision("23RS2", "beslut", "Köp av datorer", source="e.csv:3"),
    ]
    assert records[2] == Rejected("e.csv:4", "diary_number: 'XX' is not a diary number")


# --- a real file, a real register -----------------------------------------------------------


def messy_export(path: Path, rows: int) -> Path:
    """An export with a row of every sort: plain, typed by hand, and wrong in each field."""
    header = [
        "Diarienummer", "kind", "Ärendemening", "procurement_number", "Motparter", "delegate",
        "Beslutsdatum", "notified_on", "notified_by", "standstill_days", "secret",
        "secret_reason", "delegation_point", "Belopp (kr)", "contract_period", "meeting",
        "item", "source",
    ]  # fmt: skip
    odd = [
        ("Beslutsdatum", "2024-02-30"), ("Beslutsdatum", "19 januari 2024"),
        ("Beslutsdatum", "2024-01-19T00:00:00"), ("Belopp (kr)", "1 250 000 kr"),
        ("Belopp (kr)", "²"), ("Ärendemening", "Region Ã–rebro"), ("Ärendemening", "a\x1bb\x85c"),
        ("Motparter", "Vård\\; Omsorg AB; Acme AB"), ("secret", "kanske"),
        ("secret", "false"), ("item", "0"), ("standstill_days", "\uff11"),
        ("contract_period", "2024-01-01 – 2025-12-31"), ("Diarienummer", "Dnr: rs 2022 / 12"),
        ("Diarienummer", "XX"), ("notified_by", "Brev"), ("source", "agenda.txt:4"),
        ("Ärendemening", "'=HYPERLINK(\"x\")"), ("kind", "Upphandlingskontrakt"),
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for index in range(rows):
        row = dict.fromkeys(header, "")
        row.update(
            {
                "Diarienummer": f"RS 2024/{index + 1}",
                "kind": ("kontrakt", "tilldelningsbeslut", "")[index % 3],
                "Ärendemening": f"Avtal om städtjänster för vårdcentral {index}",
                "Motparter": ("Acme AB; Region Örebro län", "", "MSD (Sweden) AB")[index % 3],
                "Beslutsdatum": f"2024-0{1 + index % 9}-1{index % 10}",
                "secret": ("false", "true", "")[index % 3],
                "secret_reason": "OSL 31:16" if index % 3 == 1 else "",
                "Belopp (kr)": str(1000 * index) if index % 2 else "",
                "delegation_point": f"{index % 7}.{index % 4}",
            }
        )
        column, value = odd[index % len(odd)]
        if index % 2:
            row[column] = value
        writer.writerow(row.values())
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def register_rows(database: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as connection:
        found = connection.execute(
            "SELECT diary_number, kind, procurement_number, subject, parties, delegate, "
            "decided_on, notified_on, notified_by, standstill_days, secret, secret_reason, "
            "delegation_point, amount, wording, source, valid_from, valid_to, board "
            "FROM decisions ORDER BY id"
        ).fetchall()
    connection.close()
    return found


def test_an_import_reads_a_real_file_as_the_reference_does(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = messy_export(tmp_path / "diarium.csv", 120)
    fast_db, slow_db = tmp_path / "fast.db", tmp_path / "slow.db"
    monkeypatch.setattr(tabular, "BATCH_ROWS", 7)
    fast = delreg("--db", str(fast_db), "import", str(export), "--skip-invalid", "--json")
    monkeypatch.setattr(RowReader, "records", reference_records)
    slow = delreg("--db", str(slow_db), "import", str(export), "--skip-invalid", "--json")
    # Written with the good rows, and 1: some were rejected.
    assert fast.exit_code == slow.exit_code == 1, fast.stderr
    assert (fast.stdout, fast.stderr) == (slow.stdout, slow.stderr)
    assert '"rejected": [' in fast.stdout and "not a real date" in fast.stdout
    assert "Ã" in fast.stdout and "not written with the digits 0-9" in fast.stdout
    assert register_rows(fast_db) == register_rows(slow_db)
    assert len(register_rows(fast_db)) > 80


def test_read_csv_gives_the_reference_s_records_for_a_real_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = messy_export(tmp_path / "diarium.csv", 200)

    def records() -> list[object]:
        with export.open(encoding="utf-8", newline="") as stream:
            return list(read_csv(stream, source=str(export), config=CONFIG))

    monkeypatch.setattr(tabular, "BATCH_ROWS", 7)
    fast = records()
    monkeypatch.setattr(RowReader, "records", reference_records)
    slow = records()
    assert fast == slow
    assert sum(isinstance(record, Rejected) for record in fast) > 20
    # The contract period's ends, a source of its own, secrecy by its reason: all came through.
    decisions = [record for record in fast if isinstance(record, Decision)]
    assert any(decision.valid_to == "2025-12-31" for decision in decisions)
    assert any(decision.source == "agenda.txt:4" for decision in decisions)
    assert any(decision.secret and decision.secret_reason for decision in decisions)


def test_rows_before_a_row_that_stops_the_file_come_first_and_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = "Diarienummer;Ärendemening;Beslutsdatum;Belopp (kr)"
    lines = [
        header,
        *(f"RS 2024/{n};Köp av tjänster {n % 3};2024-0{1 + n % 9}-15;{n}" for n in range(1, 12)),
    ]
    lines += [
        "RS 2024/3;Köp av tjänster 0;2024-04-15;3",  # the same decision again: harmless
        "RS 2024/4;Köp av tjänster 2;2024-05-15;4",  # the same number, another decision
        "",
        ";;;",
        "RS 2024/20;kort rad",  # short: the empty cells at its end are no value
        "RS 2024/21;Köp;2024-01-15;5;;utanför",  # a value past the header's last column
        "XX;Köp;2024-02-30;²",
        ";".join(["RS 2024/22", *["x"] * 300]),  # more columns than a row may have
        "RS 2024/23;Aldrig läst;2024-01-15;1",
    ]
    export = tmp_path / "diarium.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def read_until_stopped() -> tuple[list[object], tuple[str, int | None]]:
        found: list[object] = []
        with (
            export.open(encoding="utf-8", newline="") as stream,
            pytest.raises(InputError) as stopped,
        ):
            found.extend(read_csv(stream, source="diarium.csv", config=CONFIG))
        return found, (stopped.value.reason, stopped.value.line)

    monkeypatch.setattr(tabular, "BATCH_ROWS", 4)
    fast = read_until_stopped()
    monkeypatch.setattr(RowReader, "records", reference_records)
    assert fast == read_until_stopped()
    records, (reason, line) = fast
    assert (reason.startswith("301 columns"), line) == (True, 20)
    assert len(records) == 16 and isinstance(records[11], Decision)
    assert records[11].source == "diarium.csv:13" and records[11].amount == 3
    assert isinstance(records[12], Rejected) and "listed twice" in records[12].reason
    assert records[13] == Decision("RS 2024/20", "beslut", "kort rad", source="diarium.csv:17")
    assert isinstance(records[14], Rejected) and "unquoted delimiter" in records[14].reason
