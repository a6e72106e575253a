"""CSV/TSV and JSON/NDJSON registry exports (delreg.parse.tabular, delreg.parse.jsondoc)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.errors import DelregError, InputError
from delreg.model import DECISION_FIELDS, Decision
from delreg.parse import Record, Rejected
from delreg.parse.jsondoc import read_json
from delreg.parse.tabular import read_csv
from tests.helpers import FIXTURES, Invoke, as_json

CONFIG = load_config()
EXPORTS = FIXTURES / "exports"

DECISIONS = [
    Decision(
        diary_number="23RS1851",
        kind="kontrakt",
        procurement_number="MT 2023-0053a",
        subject='ultraljudsutrustning, "portabel"',
        parties=("GE Healthcare AB", "Region Örebro län"),
        delegate="Hälso- och sjukvårdsdirektören",
        decided_on="2024-01-19",
        notified_on="2024-01-20",
        secret=False,
        amount=1250000,
    ),
    Decision(
        diary_number="24RS278",
        kind="avtal",
        subject="försäljning av läkemedel Epclusa; rabatt",
        parties=("Gilead Sciences Sweden AB, Stockholm",),
        decided_on="2024-01-22",
        secret=True,
        secret_reason="OSL 31 kap. 16 §",
        meeting="2024-02-15",
        item=14,
    ),
    Decision(diary_number="RS 2022/1275", kind="beslut", subject="läsbehörighet"),
]


def write_csv(path: Path, decisions: list[Decision], *, delimiter: str = ",") -> Path:
    """As `delreg list --format csv` writes them: the JSON keys, parties joined with '; '."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        writer.writerow(DECISION_FIELDS)
        for decision in decisions:
            data = decision.to_json()
            writer.writerow(
                [
                    "; ".join(value)
                    if isinstance(value := data[name], list)
                    else ("true" if value else "false")
                    if isinstance(value, bool)
                    else ""
                    if value is None
                    else value
                    for name in DECISION_FIELDS
                ]
            )
    return path


def read_file(path: Path, delimiter: str | None = None) -> list[Record]:
    # As the importer opens a file: UTF-8 with the BOM dropped, newlines left to the reader.
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(read_csv(stream, source=path.name, config=CONFIG, delimiter=delimiter))


def read_text(text: str, delimiter: str | None = None) -> list[Record]:
    return list(
        read_csv(io.StringIO(text), source="export.csv", config=CONFIG, delimiter=delimiter)
    )


def without_source(records: list[Record]) -> list[Record]:
    return [replace(r, source=None) if isinstance(r, Decision) else r for r in records]


# --- CSV ------------------------------------------------------------------------------------


def test_csv_with_the_json_keys_reads_back_equal(tmp_path: Path) -> None:
    records = read_file(write_csv(tmp_path / "decisions.csv", DECISIONS))
    assert without_source(records) == DECISIONS
    assert [record.source for record in records] == [f"decisions.csv:{n}" for n in (2, 3, 4)]


def test_what_delreg_list_writes_reads_back(delreg: Invoke) -> None:
    delreg("add", "--kind", "avtal", "--diary-number", "24RS278", "--subject", "Epclusa, Harvoni",
           "--party", "Gilead Sciences Sweden AB", "--party", "Region Örebro län",
           "--decided-on", "2024-01-22", "--secret")  # fmt: skip
    delreg("add", "--kind", "initiering", "--diary-number", "24RS564", "--subject", "ögonproteser")
    listed = as_json(delreg("list", "--format", "json"))
    written = delreg("list", "--format", "csv").stdout
    records = list(read_csv(io.StringIO(written), source="-", config=CONFIG))
    assert len(records) == len(listed) == 2
    for line, (record, decision) in enumerate(zip(records, listed, strict=True), start=2):
        assert isinstance(record, Decision)
        # `add` records no source, so the one read is where the row stood.
        assert decision["source"] is None and record.source == f"-:{line}"
        assert record.to_json() == {name: decision[name] for name in DECISION_FIELDS} | {
            "source": f"-:{line}"
        }


def test_swedish_excel_csv_with_bom_semicolons_and_a_title_row() -> None:
    records = read_file(EXPORTS / "diarium-excel.csv")
    assert [(r.source, r.diary_number, r.kind) for r in records if isinstance(r, Decision)] == [
        ("diarium-excel.csv:4", "23RS1851", "kontrakt"),
        ("diarium-excel.csv:5", "23RS710", "tilldelningsbeslut"),
        ("diarium-excel.csv:6", "24RS278", "avtal"),
        ("diarium-excel.csv:7", "24RS611", "pub-avtal"),
        ("diarium-excel.csv:8", "23RS9593-4", "tillaggsbeslut"),
        ("diarium-excel.csv:9", "24RS841", "beslut"),
    ]
    first, second, third, fourth, *_, last = records
    assert isinstance(first, Decision) and first.amount == 1250000
    assert isinstance(second, Decision) and second.procurement_number == "MT 2023-0043"
    assert isinstance(third, Decision) and third.secret is True
    assert third.parties == ("Gilead Sciences Sweden AB", "Region Örebro län")
    assert isinstance(fourth, Decision)
    assert fourth.subject == 'service och support på instrumentet Liason XL; avser "Diasorin"'
    assert isinstance(last, Decision) and last.decided_on == "2024-01-25"


def test_the_bom_is_dropped_even_when_the_stream_keeps_it() -> None:
    with (EXPORTS / "diarium-excel.csv").open(encoding="utf-8", newline="") as stream:
        records = list(read_csv(stream, source="x", config=CONFIG))
    assert len(records) == 6 and all(isinstance(record, Decision) for record in records)


def test_tsv_is_sniffed_or_told(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "decisions.tsv", DECISIONS, delimiter="\t")
    assert without_source(read_file(path)) == DECISIONS
    assert without_source(read_file(path, delimiter="\t")) == DECISIONS


def test_a_bad_date_on_line_7_is_rejected_naming_line_7(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Dnr;Beslut;Beslutsdatum\n"
        "23RS1;a;2024-01-02\n"
        '23RS2;"b\nover two lines";2024-01-03\n'
        "\n"
        "23RS3;c;2024-01-04\n"
        "23RS4;d;2024-02-30\n"
        "23RS5;e;8 december 2023\n",
        encoding="utf-8",
    )
    records = read_file(path)
    assert records[3] == Rejected(
        "export.csv:7", "decided_on (Beslutsdatum): '2024-02-30' is not a real date"
    )
    assert [record.source for record in records] == [f"export.csv:{n}" for n in (2, 3, 6, 7, 8)]
    assert sum(isinstance(record, Decision) for record in records) == 4


def test_a_source_column_is_kept_but_problems_are_placed_in_this_file() -> None:
    records = read_text(
        "diary_number,subject,source\n"
        "23RS1,x,agenda.txt:12\n"
        "23RS2,y,\n"
        "23RS1,z,agenda.txt:12\n"
        "XX,w,agenda.txt:14\n"
    )
    assert [record.source for record in records] == [
        "agenda.txt:12",
        "export.csv:3",
        "export.csv:4",
        "export.csv:5",
    ]
    assert isinstance(records[2], Rejected) and "(line 2 and line 4)" in records[2].reason


def test_json_key_headers_name_fields_without_the_column_in_brackets() -> None:
    records = read_text("diary_number,subject,decided_on\n23RS1,x,2024-02-30\n")
    assert records == [Rejected("export.csv:2", "decided_on: '2024-02-30' is not a real date")]


def test_a_row_without_a_diary_number_is_rejected_not_dropped() -> None:
    records = read_text("Dnr;Beslut\n;ett beslut utan nummer\n23RS1;ok\n")
    assert records[0] == Rejected("export.csv:2", "diary_number (Dnr): missing")
    assert isinstance(records[1], Decision)


def test_a_row_with_more_cells_than_the_header_is_rejected() -> None:
    records = read_text("Dnr;Beslut;Motpart\n23RS1;ultraljud;GE AB; Philips AB\n")
    assert isinstance(records[0], Rejected)
    assert records[0].reason.startswith("4 cells where the header has 3")


def test_a_short_row_leaves_the_missing_cells_empty() -> None:
    (record,) = read_text("Dnr;Beslut;Motpart;Beslutsdatum\n23RS1;ultraljud\n")
    assert isinstance(record, Decision) and record.parties == () and record.decided_on is None


def test_the_same_diary_number_twice_with_other_values_names_both_lines() -> None:
    records = read_text("Dnr;Beslut\n23RS1;ultraljud\n23RS2;x\n23rs1;ultraljud\n23RS1;OCT\n")
    assert [type(record).__name__ for record in records] == [
        "Decision",
        "Decision",
        "Decision",
        "Rejected",
    ]
    assert records[3] == Rejected(
        "export.csv:5",
        "diary_number: 23RS1 is listed twice with different values (line 2 and line 5)",
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "the file is empty"),
        ("\n\n  \n", 1, "the file is empty"),
        ("23RS1;ultraljud;2024-01-02\n", 1, "no header with a diary-number column"),
        ("Handläggare;Beslut\nAnna;x\n", 1, "no header with a diary-number column"),
        ("Rapport\n\nDnr;Datum\n23RS1;2024-01-02\n", 3, "no subject column"),
        ("Dnr;Rubrik;Beskrivning\n", 1, "'Rubrik' and 'Beskrivning' both hold subject"),
        ('Dnr;Beslut\n23RS1;"ultraljud\n' + "x;y\n" * 60, 2, "runs over more than 50 lines"),
    ],
)
def test_files_that_cannot_be_read_raise_with_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        read_text(text)
    assert raised.value.line == line
    assert raised.value.source == "export.csv"
    assert raised.value.hint


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.csv"
    path.write_bytes(b"Dnr;Beslut\n23RS1;x\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary data") as raised:
        read_file(path)
    assert raised.value.line == 3


def test_an_excel_workbook_given_as_csv_says_which_format_to_use() -> None:
    with pytest.raises(InputError, match="is an Excel workbook") as raised:
        list(read_csv(io.StringIO("PK\x03\x04\x14\x00"), source="x.csv", config=CONFIG))
    assert raised.value.hint == "use --format xlsx"


def test_windows_1252_bytes_name_their_line_and_how_to_read_them(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("Dnr;Beslut\n23RS1;a\n23RS2;b\n23RS3;c\n23RS4;Örebro\n".encode("cp1252"))
    with pytest.raises(InputError, match=r"not UTF-8 \(byte 0xD6\)") as raised:
        read_file(path)
    assert raised.value.line == 5
    assert "'Ö' in Windows-1252" in (raised.value.hint or "")
    assert "import it with --encoding windows-1252" in (raised.value.hint or "")


def test_a_bad_byte_far_into_the_file_still_names_its_line(tmp_path: Path) -> None:
    lines = ["Dnr;Beslut"] + [f"23RS{n};beslut om ultraljudsutrustning" for n in range(1, 900)]
    lines[700] = "23RS700;l\xe4kemedel"
    path = tmp_path / "latin.csv"
    path.write_bytes("\n".join(lines).encode("latin-1"))
    with pytest.raises(InputError) as raised:
        read_file(path)
    assert raised.value.line == 701


def test_text_decoded_twice_is_rejected_per_row() -> None:
    records = read_text("Dnr;Beslut\n23RS1;Region Ã–rebro lÃ¤n\n23RS2;ultraljud\n")
    assert isinstance(records[0], Rejected) and "wrongly decoded" in records[0].reason
    assert isinstance(records[1], Decision)


class CountingLines:
    """An endless CSV export that counts how many lines were asked of it."""

    def __init__(self) -> None:
        self.served = 0

    def readline(self, size: int | None = -1) -> str:
        self.served += 1
        if self.served == 1:
            return "diary_number,subject\n"
        return f"23RS{self.served},beslut nummer {self.served}\n"


def test_csv_is_read_as_a_stream() -> None:
    stream = CountingLines()
    records = read_csv(stream, source="endless.csv", config=CONFIG)  # type: ignore[arg-type]
    first = [next(records) for _ in range(3)]
    assert [record.source for record in first] == [f"endless.csv:{n}" for n in (2, 3, 4)]
    assert stream.served == 4


# --- JSON -----------------------------------------------------------------------------------


def as_list_json(decisions: list[Decision]) -> str:
    """As `delreg list --format json` writes it: one object per line inside the brackets."""
    return (
        "[\n" + ",\n".join(json.dumps(d.to_json(), ensure_ascii=False) for d in decisions) + "\n]\n"
    )


def read_json_text(text: str) -> list[Record]:
    return list(read_json(io.StringIO(text), source="export.json", config=CONFIG))


def test_a_json_array_reads_back_equal() -> None:
    records = read_json_text(as_list_json(DECISIONS))
    assert without_source(records) == DECISIONS
    assert [record.source for record in records] == [f"export.json:{n}" for n in (1, 2, 3)]


def test_an_empty_array_is_no_decisions() -> None:
    assert read_json_text(" [ ] \n") == []


def test_ndjson_reads_back_with_lines_as_sources() -> None:
    with (EXPORTS / "decisions.ndjson").open(encoding="utf-8") as stream:
        records = list(read_json(stream, source="decisions.ndjson", config=CONFIG))
    assert [(r.source, r.diary_number) for r in records if isinstance(r, Decision)] == [
        ("agenda.txt:12", "23RS1851"),  # where the register first read it
        ("decisions.ndjson:2", "24RS278"),
        ("decisions.ndjson:4", "24RS611"),
    ]
    epclusa, swedish_keys = records[1], records[2]
    assert isinstance(epclusa, Decision)
    assert epclusa.parties == ("Gilead Sciences Sweden AB", "Region Örebro län")
    assert (epclusa.amount, epclusa.meeting, epclusa.item) == (1250000, "2024-02-15", 14)
    assert isinstance(swedish_keys, Decision)
    assert (swedish_keys.kind, swedish_keys.decided_on) == ("pub-avtal", "2024-01-23")


def test_json_items_that_are_not_decisions_are_rejected() -> None:
    records = read_json_text('[{"diary_number": "23RS1", "subject": "x"}, 5, {"subject": "y"}]')
    assert records[1:] == [
        Rejected("export.json:2", "not a decision object but int"),
        Rejected("export.json:3", "diary_number: missing"),
    ]


def test_the_same_diary_number_twice_in_json_names_both_items() -> None:
    records = read_json_text(
        '[{"diary_number": "23RS1", "subject": "x"}, {"diary_number": "23RS1", "subject": "y"}]'
    )
    assert records[1] == Rejected(
        "export.json:2",
        "diary_number: 23RS1 is listed twice with different values (item 1 and item 2)",
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "the file is empty"),
        ('[\n{"diary_number": "23RS1",\n "subject": tru}\n]', 3, "Expecting value"),
        ('[{"diary_number": "23RS1"}\n{"diary_number": "23RS2"}]', 2, "expected ',' or ']'"),
        ('[{"diary_number": "23RS1"},\n', 2, "Expecting value"),
        ('{"diary_number": "23RS1"}\n{"diary_number": \n', 3, "Expecting value"),
        ('[{"a": 1}]\n\n{"b": 2}', 3, "text after the end of the array"),
        ("[" * 100_000, 1, "nested too deeply|Expecting value"),
        ('[{"item": ' + "9" * 5000 + "}]", 1, "not valid JSON"),
    ],
)
def test_invalid_json_raises_with_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        read_json_text(text)
    assert raised.value.line == line


class Trickle:
    """A text stream that gives at most a few characters at a time, as a slow pipe might."""

    def __init__(self, text: str, size: int) -> None:
        self._text = io.StringIO(text)
        self._size = size
        self.reads = 0

    def readline(self, size: int | None = -1) -> str:
        self.reads += 1
        return self._text.readline(self._size)


@pytest.mark.parametrize("size", [1, 3, 7, 64])
def test_json_is_decoded_across_pieces(size: int) -> None:
    text = '[{"diary_number": "23RS1", "subject": "åäö", "amount": 1250000}, 12345]'
    stream = Trickle(text, size)
    records = list(read_json(stream, source="x", config=CONFIG))  # type: ignore[arg-type]
    assert isinstance(records[0], Decision) and records[0].amount == 1250000
    assert records[1] == Rejected("x:2", "not a decision object but int")  # not 123 and 45


def test_a_large_json_array_is_read_as_a_stream() -> None:
    many = [Decision(diary_number=f"24RS{n}", kind="beslut", subject="x") for n in range(1, 3001)]
    stream = Trickle(as_list_json(many), 1 << 16)
    records: Iterator[Record] = read_json(stream, source="x", config=CONFIG)  # type: ignore[arg-type]
    next(records)
    assert stream.reads < 5
    assert sum(1 for _ in records) == 2999


# --- fuzz -----------------------------------------------------------------------------------


def importer_stream(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")


def drain(records: Iterator[Record]) -> None:
    try:
        for record in records:
            assert isinstance(record, Decision | Rejected)
    except DelregError:
        pass


csv_like = st.lists(
    st.sampled_from(["Dnr", "Beslut", "diary_number", "subject", "23RS1", "x", '"', ";", ",",
                     "\t", "\n", "\r\n", "2024-02-30", "ja", "\x00", "Ã¶", " "])
    | st.text(max_size=5),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | csv_like.map(str.encode))
def test_no_bytes_make_the_csv_reader_raise_anything_but_a_delreg_error(data: bytes) -> None:
    drain(read_csv(importer_stream(data), source="fuzz.csv", config=CONFIG))


json_like = st.lists(
    st.sampled_from(['{"diary_number": "23RS1"', '"subject": "x"}', "[", "]", "{", "}", ",",
                     ":", '"', "\n", "1e999", "-", "null", "true", '"\\u12', "\x00"])
    | st.text(max_size=5),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | json_like.map(str.encode))
def test_no_bytes_make_the_json_reader_raise_anything_but_a_delreg_error(data: bytes) -> None:
    drain(read_json(importer_stream(data), source="fuzz.json", config=CONFIG))


def test_a_kind_the_configuration_does_not_know_keeps_its_word_on_import(
    delreg: Invoke, tmp_path: Path
) -> None:
    # An environment board's export: its kind column says what the decision is.
    path = tmp_path / "miljo.csv"
    path.write_text(
        "Diarienummer,Ärendetyp,Åtgärd\n"
        "MHN 2024-567,Föreläggande,Åtgärder för enskilt avlopp\n"
        "MHN 2024-568,Tillstånd,Värmepump Granen 1:23\n"
        "MHN 2024-569,Programbeslut,Tillsynsplan 2024\n",
        encoding="utf-8",
    )
    result = delreg("import", str(path), "--meeting", "2024-03-14")
    assert result.exit_code == 0, result.stderr
    listed = {row["diary_number"]: row for row in as_json(delreg("list", "--format", "json"))}
    assert listed["MHN 2024-567"]["kind"] == "beslut"
    assert listed["MHN 2024-567"]["subject"] == "Föreläggande, Åtgärder för enskilt avlopp"
    assert listed["MHN 2024-568"]["subject"] == "Tillstånd, Värmepump Granen 1:23"
    assert listed["MHN 2024-569"]["kind"] == "programbeslut"
    assert listed["MHN 2024-569"]["subject"] == "Tillsynsplan 2024"
