"""One row of a registry export → one normalised Decision (delreg.parse.registry_rows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import Config, load_config, merge
from delreg.errors import DelregError, InputError, InvalidValue
from delreg.fields import MAX_AMOUNT
from delreg.model import Decision
from delreg.parse import Rejected
from delreg.parse.registry_rows import (
    READ_FIELDS,
    ColumnNames,
    cell_value,
    decision_from_values,
    header_key,
    record_from_values,
)

CONFIG = load_config()


def with_columns(**columns: Any) -> Config:
    return Config(merge(CONFIG.raw, {"columns": columns}))


def decide(**values: object) -> Decision:
    return decision_from_values(values, config=CONFIG, source="export.csv:2")


def problem(**values: object) -> str:
    record = record_from_values(values, config=CONFIG, source="export.csv:7")
    assert isinstance(record, Rejected), record
    assert record.source == "export.csv:7"
    return record.reason


# --- columns --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("diary_number", "diary_number"),
        ("Diarienummer", "diary_number"),
        ("DNR:", "diary_number"),
        ("Diarienr", "diary_number"),
        ("ärendenummer", "diary_number"),
        ("Beslutsdatum*", "decided_on"),
        ("Datum", "decided_on"),
        ("Ärendemening", "subject"),
        ("Motparter", "parties"),
        ("Leverantör", "parties"),
        ("Beslutstyp", "kind"),
        ("Upphandlingsnummer", "procurement_number"),
        ("Beslutsfattare", "delegate"),
        ("Belopp (kr)", "amount"),
        ("secret reason", "secret_reason"),
        ("Handläggare", None),
        ("Belopp (tkr)", None),  # thousands of kronor must not be read as kronor
    ],
)
def test_headers_map_to_fields_case_insensitively(header: str, field: str | None) -> None:
    assert ColumnNames(CONFIG).field_for(header) == field


def test_header_key_folds_case_spacing_and_marks() -> None:
    assert header_key(" Diarie_Nummer: ") == header_key("diarie-nummer") == "diarie nummer"


def test_columns_of_a_header_keep_positions_and_names() -> None:
    columns = ColumnNames(CONFIG).columns(["Nr", "Dnr", "Rubrik", "Beslutsdatum", "source"])
    assert columns is not None
    assert columns.positions == (
        (1, "diary_number"),
        (2, "subject"),
        (3, "decided_on"),
        (4, "source"),
    )
    assert columns.values(["1", "23RS1", "x"]) == {"diary_number": "23RS1", "subject": "x"}
    assert columns.labels()["decided_on"] == "decided_on (Beslutsdatum)"
    assert columns.labels()["diary_number"] == "diary_number (Dnr)"


def test_a_header_without_a_diary_number_is_not_a_header() -> None:
    assert ColumnNames(CONFIG).columns(["Delegationsbeslut 2024", "", ""]) is None


def test_a_header_without_a_subject_is_an_error() -> None:
    with pytest.raises(InvalidValue, match="no subject column"):
        ColumnNames(CONFIG).columns(["Dnr", "Datum"])


def test_two_columns_for_one_field_is_an_error_unless_one_is_ignored() -> None:
    header = ["Dnr", "Rubrik", "Beskrivning"]
    with pytest.raises(InvalidValue, match="'Rubrik' and 'Beskrivning' both hold subject"):
        ColumnNames(CONFIG).columns(header)
    columns = ColumnNames(with_columns(ignore=["beskrivning"])).columns(header)
    assert columns is not None and columns.positions == ((0, "diary_number"), (1, "subject"))


def test_an_organisation_adds_its_own_column_names() -> None:
    names = ColumnNames(with_columns(diary_number=["Akt"], subject=["Ärende text"]))
    assert names.field_for("AKT") == "diary_number"
    assert names.field_for("ärende_text") == "subject"
    assert names.field_for("Diarienummer") == "diary_number"  # the defaults stay


@pytest.mark.parametrize(
    ("columns", "message"),
    [({"diarienummer": ["X"]}, "has no field diarienummer"), ({"subject": "Rubrik"}, "list")],
)
def test_a_wrong_columns_section_is_an_input_error(columns: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        ColumnNames(with_columns(**columns))


# --- values ---------------------------------------------------------------------------------


def test_a_row_is_normalised() -> None:
    decision = decide(
        diary_number="Dnr: 23rs9593 – 4",
        kind="Upphandlingskontrakt",
        procurement_number="mt2023–0053A",
        subject="  ultraljuds-\n utrustning ",
        parties="GE Healthcare AB;  Region Örebro län ;",
        delegate="Hälso- och sjukvårdsdirektören",
        decided_on="8 december 2023",
        notified_on="2023-12-11",
        secret="Ja",
        amount="1 250 000 kr",
        item="3",
        meeting="2024-02-15",
    )
    assert decision == Decision(
        diary_number="23RS9593-4",
        kind="kontrakt",
        procurement_number="MT 2023-0053a",
        subject="ultraljuds- utrustning",
        parties=("GE Healthcare AB", "Region Örebro län"),
        delegate="Hälso- och sjukvårdsdirektören",
        decided_on="2023-12-08",
        notified_on="2023-12-11",
        secret=True,
        amount=1250000,
        item=3,
        meeting="2024-02-15",
        source="export.csv:2",
    )


def test_a_row_keeps_its_own_source_else_where_it_was_read() -> None:
    assert decide(diary_number="23RS1", subject="x", source=" agenda.txt:12 ").source == (
        "agenda.txt:12"
    )
    assert decide(diary_number="23RS1", subject="x", source="").source == "export.csv:2"
    assert decide(diary_number="23RS1", subject="x").source == "export.csv:2"
    assert problem(diary_number="23RS1", subject="x", source=["a"]).startswith("source: ")


def test_an_unknown_kind_falls_back_to_beslut_and_a_missing_one_too() -> None:
    assert decide(diary_number="23RS1", subject="x", kind="Markanvisning").kind == "beslut"
    # A kind the configuration names is found by its label.
    assert decide(diary_number="23RS1", subject="x", kind="Programbeslut").kind == "programbeslut"
    assert decide(diary_number="23RS1", subject="x").kind == "beslut"


@pytest.mark.parametrize(
    ("kind", "subject", "read"),
    [
        (
            "Föreläggande",
            "Åtgärder för enskilt avlopp",
            "Föreläggande, Åtgärder för enskilt avlopp",
        ),
        ("Markanvisning", "Kvarteret Lärkan", "Markanvisning, Kvarteret Lärkan"),
        # The subject says it already: nothing to keep.
        ("Föreläggande", "Föreläggande om åtgärder", "Föreläggande om åtgärder"),
        # A kind the configuration knows, and the fallback's own words, are no subject's.
        ("Programbeslut", "Kvarteret Lärkan", "Kvarteret Lärkan"),
        ("Beslut", "Kvarteret Lärkan", "Kvarteret Lärkan"),
        ("Övriga beslut", "Kvarteret Lärkan", "Kvarteret Lärkan"),
        ("Delegationsbeslut", "Kvarteret Lärkan", "Kvarteret Lärkan"),
        ("", "Kvarteret Lärkan", "Kvarteret Lärkan"),
    ],
)
def test_an_unknown_kind_keeps_its_word_in_the_subject(kind: str, subject: str, read: str) -> None:
    decision = decide(diary_number="MHN 2024-567", kind=kind, subject=subject)
    assert decision.subject == read
    assert decision.kind == ("programbeslut" if kind == "Programbeslut" else "beslut")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        *[("true", True), ("1", True), ("JA", True), ("yes", True), ("Sant", True), ("x", True)],
        *[("false", False), ("0", False), ("nej", False), ("No", False), ("", False)],
    ],
)
def test_secret_words(text: str, secret: bool) -> None:
    assert decide(diary_number="23RS1", subject="x", secret=text).secret is secret


@pytest.mark.parametrize(
    "text",
    [
        *["1 250 000", "1250000", "1 250 000 kr", "1\u00a0250\u00a0000", "1\u202f250\u202f000 kr"],
        *["1 250 000,00", "1250000.00", "1 250 000 SEK", "1 250 000:-"],
    ],
)
def test_amounts_in_whole_kronor(text: str) -> None:
    assert decide(diary_number="23RS1", subject="x", amount=text).amount == 1250000


@pytest.mark.parametrize("text", ["1 250 000,50", "12.5", "-100", "1,5 mnkr", "ett tusen"])
def test_amounts_with_ore_or_other_units_are_rejected(text: str) -> None:
    reason = problem(diary_number="23RS1", subject="x", amount=text)
    assert reason.startswith(f"amount: {text!r} is not an amount in whole kronor")


def test_every_wrong_field_of_a_row_is_named_in_the_file_s_words() -> None:
    record = record_from_values(
        {"diary_number": "XX", "subject": "x", "decided_on": "2024-02-30", "secret": "kanske"},
        config=CONFIG,
        source="export.csv:7",
        labels={"decided_on": "decided_on (Beslutsdatum)"},
    )
    assert record == Rejected(
        "export.csv:7",
        "diary_number: 'XX' is not a diary number; "
        "decided_on (Beslutsdatum): '2024-02-30' is not a real date; "
        "secret: 'kanske' is not yes or no",
    )


def test_a_missing_diary_number_or_subject_is_named() -> None:
    assert problem(subject="x") == "diary_number: missing"
    assert problem(diary_number="  ", subject="x") == "diary_number: missing"
    assert problem(diary_number="23RS1", subject="") == "subject: missing"


def test_a_date_without_a_year_is_rejected() -> None:
    assert "has no year" in problem(diary_number="23RS1", subject="x", decided_on="den 14 mars")


@pytest.mark.parametrize(
    "cell",
    ["2024-01-19T00:00:00", "2024-01-19 14:30", datetime(2024, 1, 19, 9, 5), date(2024, 1, 19)],
)
def test_timestamps_and_excel_dates_give_the_day(cell: object) -> None:
    assert decide(diary_number="23RS1", subject="x", decided_on=cell).decided_on == "2024-01-19"


def test_cells_of_other_types() -> None:
    decision = decide(
        diary_number="23RS1",
        subject="x",
        amount=1250000.0,
        standstill_days=10,
        secret=True,
        parties=["A AB", " B  AB ", "C; D"],
    )
    assert decision.amount == 1250000
    assert decision.standstill_days == 10
    assert decision.secret is True
    assert decision.parties == ("A AB", "B AB", "C; D")  # a list keeps a ';' inside a name
    assert "is not an amount" in problem(diary_number="23RS1", subject="x", amount=12.5)
    assert "is not an amount" in problem(diary_number="23RS1", subject="x", amount=True)
    assert "not a single value" in problem(diary_number="23RS1", subject={"a": 1})
    assert "not a party name" in problem(diary_number="23RS1", subject="x", parties=[{"a": 1}])
    assert "at least 1" in problem(diary_number="23RS1", subject="x", item=0)


@pytest.mark.parametrize("text", ["²", "\uff11\uff12", "\u0663"])  # superscript, fullwidth, Arabic
def test_numbers_are_written_with_the_digits_0_to_9(text: str) -> None:
    for field in ("amount", "item", "standstill_days"):
        reason = problem(diary_number="23RS1", subject="x", **{field: text})
        assert reason == f"{field}: {text!r} is not written with the digits 0-9"


def test_control_characters_are_cleaned_out_of_text() -> None:
    assert decide(diary_number="23RS1", subject="a\x00b\x1bc\x85d").subject == "a b c d"


@pytest.mark.parametrize("text", ["Region Ã–rebro lÃ¤n", "Region \ufffdrebro l\ufffdn"])
def test_wrongly_decoded_text_is_rejected_not_stored(text: str) -> None:
    assert problem(diary_number="23RS1", subject=text).startswith("subject: 'Region ")


def test_cell_value_leaves_text_for_the_field_rules() -> None:
    assert cell_value(None, "subject") is None
    assert cell_value(3, "item") == "3"
    assert cell_value(False, "secret") is False
    assert cell_value(False, "subject") == "false"


# --- properties -----------------------------------------------------------------------------

cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(READ_FIELDS), cells))
def test_any_row_gives_a_decision_or_a_rejection_never_a_crash(values: dict[str, object]) -> None:
    try:
        record = record_from_values(values, config=CONFIG, source="fuzz.csv:2")
    except DelregError:  # pragma: no cover - record_from_values must not raise at all
        pytest.fail("record_from_values raised")
    assert isinstance(record, Decision | Rejected)


words = st.text(
    alphabet=st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F)
    | st.sampled_from(" -,.()&åäöÅÄÖ"),
    min_size=1,
    max_size=40,
).map(lambda text: " ".join(text.split()))
# "Ã" before some letters is what wrongly decoded UTF-8 looks like, and is rejected.
names = words.filter(lambda text: text != "" and "Ã" not in text)
iso_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)).map(str)


@st.composite
def decisions(draw: st.DrawFn) -> Decision:
    year = draw(st.integers(10, 99))
    return Decision(
        diary_number=draw(
            st.sampled_from([f"{year}RS{{}}", f"RS 20{year}/{{}}", f"KS-20{year}-{{}}"])
        ).format(draw(st.integers(1, 99999))),
        kind=draw(st.sampled_from(sorted(CONFIG.kinds))),
        subject=draw(names),
        procurement_number=draw(st.none() | st.just(f"MT 20{year}-00{year}")),
        parties=tuple(draw(st.lists(names, max_size=3))),
        delegate=draw(st.none() | names),
        decided_on=draw(st.none() | iso_dates),
        notified_on=draw(st.none() | iso_dates),
        secret=draw(st.booleans()),
        amount=draw(st.none() | st.integers(0, 10**12)),
        meeting=draw(st.none() | iso_dates),
        item=draw(st.none() | st.integers(1, 500)),
        source="export.csv:2",
    )


def as_csv_cells(decision: Decision) -> dict[str, object]:
    """A decision as `delreg list --format csv` writes its cells."""
    data = decision.to_json()
    cells: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, bool):
            cells[key] = "true" if value else "false"
        elif isinstance(value, list):
            cells[key] = "; ".join(value)
        else:
            cells[key] = "" if value is None else str(value)
    return cells


@settings(max_examples=200, deadline=None)
@given(decisions())
def test_a_decision_written_as_csv_cells_reads_back_equal(decision: Decision) -> None:
    values = as_csv_cells(decision)
    assert decision_from_values(values, config=CONFIG, source="export.csv:2") == decision


@settings(max_examples=200, deadline=None)
@given(decisions())
def test_a_decision_as_json_reads_back_equal(decision: Decision) -> None:
    values: dict[str, object] = decision.to_json()
    assert decision_from_values(values, config=CONFIG, source="export.csv:2") == decision


@settings(max_examples=200, deadline=None)
@given(st.integers(0, MAX_AMOUNT), st.sampled_from([" ", "\u00a0", "\u202f", ""]))
def test_amounts_read_however_the_thousands_are_spaced(amount: int, space: str) -> None:
    grouped = f"{amount:,}".replace(",", space)
    for text in (grouped, f"{grouped} kr", f"{grouped},00", f"{grouped}.00 SEK"):
        assert decide(diary_number="23RS1", subject="x", amount=text).amount == amount
