"""Reading a delegationsordning from TOML or CSV, and refusing a malformed one with its line."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.delegation_order import (
    DelegationOrder,
    Limit,
    load_delegation_order,
    read_delegation_order,
    same_delegate,
)
from delreg.errors import InputError, InvalidValue
from tests.helpers import DATA, FIXTURES, Invoke, as_json

ORDERS = FIXTURES / "delegation"
KINDS = tuple(load_config().kinds)


def load(name: str) -> DelegationOrder:
    return load_delegation_order(ORDERS / name, known_kinds=KINDS)


def read(text: str, fmt: str = "toml") -> DelegationOrder:
    return read_delegation_order(text, source="order", fmt=fmt, known_kinds=KINDS)


def test_toml_and_csv_give_the_same_order() -> None:
    from_toml, from_csv = load("order.toml"), load("order.csv")
    assert [p.to_json() for p in from_toml.points] == [p.to_json() for p in from_csv.points]
    award, drugs = from_toml.points
    assert award.point == "2.2" and award.kinds == ("tilldelningsbeslut",)
    assert award.substitutes == ("Biträdande hälso- och sjukvårdsdirektör",)
    assert award.limit == Limit(Fraction(100), "pbb")
    assert award.valid_from == "2022-01-01" and award.valid_to is None  # from [order]
    assert drugs.substitutes == ("Läkemedelschef", "Chef, enheten för läkemedelsupphandling")
    assert drugs.limit == Limit(Fraction(500_000), "kr")
    assert drugs.valid_to == "2024-06-30"
    assert from_toml.name == "Hälso- och sjukvårdsnämnden" and from_toml.board == ""
    assert (award.line, drugs.line) == (6, 14)
    assert [p.line for p in from_csv.points] == [3, 4]


def test_the_example_in_data_loads() -> None:
    order = load_delegation_order(DATA / "delegationsordning.toml", known_kinds=KINDS)
    assert len(order.points) >= 8
    assert {kind for point in order.points for kind in point.kinds} >= {
        "initiering", "tilldelningsbeslut", "kontrakt", "avtal", "pub-avtal", "beslut",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("100 pbb", Fraction(100), "pbb"),
        ("0,5 prisbasbelopp", Fraction(1, 2), "pbb"),
        ("5 000 000 kr", Fraction(5_000_000), "kr"),
        ("2,5 mnkr", Fraction(2_500_000), "kr"),
        ("750 tkr", Fraction(750_000), "kr"),
    ],
)
def test_limits(text: str, amount: Fraction, unit: str) -> None:
    assert Limit.parse(text) == Limit(amount, unit)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["100", "100 euro", "0,5 kr", "pbb"])
def test_limits_that_are_not(text: str) -> None:
    with pytest.raises(InvalidValue):
        Limit.parse(text)


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("broken-syntax.toml", 6, "not valid TOML"),
        ("limit-without-unit.toml", 12, "point 2.2: limit 100 has no unit"),
        ("short-of-a-delegate.csv", 4, "point 3.1: delegate is missing"),
    ],
)
def test_malformed_files_name_the_line(name: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as raised:
        load(name)
    assert raised.value.line == line
    assert str(raised.value).startswith(f"{ORDERS / name}:{line}: ")
    assert message in str(raised.value)


POINT = """
[[point]]
point = "2.2"
matter = "Tilldelningsbeslut"
kinds = ["tilldelningsbeslut"]
delegate = "Hälso- och sjukvårdsdirektör"
"""


@pytest.mark.parametrize(
    ("extra", "line", "message"),
    [
        ('substitue = "Chefsjurist"\n', 7, "unknown key 'substitue'"),
        ('limit = "100 euro"\n', 7, "limit '100 euro' is not an amount with a unit"),
        ('valid_from = "2024-02-30"\n', 7, "not a real date"),
        ("valid_from = 2024-06-01\nvalid_to = 2024-01-01\n", 8, "is before valid_from"),
    ],
)
def test_a_bad_value_names_its_line(extra: str, line: int, message: str) -> None:
    # POINT's lines: 1 blank, 2 [[point]], 3 point, 4 matter, 5 kinds, 6 delegate; extra from 7.
    with pytest.raises(InputError) as raised:
        read(POINT + extra)
    assert message in str(raised.value)
    assert raised.value.line == line


def test_an_unknown_kind_names_its_line() -> None:
    with pytest.raises(InputError) as raised:
        read(POINT.replace('"tilldelningsbeslut"', '"tilldelning"'))
    assert "point 2.2: unknown kind 'tilldelning'" in str(raised.value)
    assert raised.value.line == 5
    assert raised.value.hint and "kontrakt" in raised.value.hint


def test_the_same_point_twice_for_overlapping_periods() -> None:
    text = POINT + POINT.replace('delegate = "', 'valid_from = 2024-01-01\ndelegate = "')
    with pytest.raises(InputError) as raised:
        read(text)
    assert "point 2.2 is given twice for overlapping periods" in str(raised.value)
    assert raised.value.line == 8
    successive = POINT.replace(
        'delegate = "', 'valid_to = 2023-12-31\ndelegate = "'
    ) + POINT.replace('delegate = "', 'valid_from = 2024-01-01\ndelegate = "')
    assert len(read(successive).points) == 2


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ("", "toml", "has no points"),
        ("[order]\nboard = 'HSN'\n", "toml", "has no points"),
        ("[order]\nnamn = 'HSN'\n", "toml", "unknown key 'namn' in [order]"),
        ("[[points]]\npoint = '1'\n", "toml", "unknown table or key 'points'"),
        ("punkt;ärende;delegat;färg\n1;x;y;röd\n", "csv", "unknown column 'färg'"),
        ("punkt;delegat\n1;y\n", "csv", "no column 'matter'"),
        ("point,matter,delegate\n1,x,y,z\n", "csv", "4 cells but 3 columns"),
    ],
)
def test_other_malformed_orders(text: str, fmt: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        read(text, fmt)


def test_load_through_the_command_line(delreg: Invoke) -> None:
    loaded = delreg("delegation", "load", str(ORDERS / "order.toml"))
    assert loaded.exit_code == 0, loaded.stderr
    assert "loaded 2 points" in loaded.stderr
    shown = as_json(delreg("delegation", "show", "--format", "json"))
    assert [p["point"] for p in shown] == ["2.2", "3.1"]
    assert shown[0]["limit"] == "100 pbb" and shown[1]["limit"] == "500 000 kr"
    again = delreg("delegation", "load", str(ORDERS / "order.csv"))
    assert "replacing 2" in again.stderr
    assert as_json(delreg("delegation", "show", "--format", "json")) == shown


def test_a_malformed_file_is_refused_and_nothing_changes(delreg: Invoke) -> None:
    delreg("delegation", "load", str(ORDERS / "order.toml"))
    result = delreg("delegation", "load", str(ORDERS / "limit-without-unit.toml"))
    assert result.exit_code == 2
    first, *rest = result.stderr.splitlines()
    assert first == (
        f"delreg: error: {ORDERS / 'limit-without-unit.toml'}:12: point 2.2: limit 100 has no unit"
    )
    assert rest and rest[0].startswith("hint: ")
    assert len(as_json(delreg("delegation", "show", "--format", "json"))) == 2


@pytest.mark.usefixtures("empty_register")
def test_dry_run_and_missing_file(delreg: Invoke) -> None:
    dry = delreg("delegation", "load", str(ORDERS / "order.csv"), "--dry-run")
    assert dry.exit_code == 0 and "nothing stored" in dry.stderr
    empty = delreg("delegation", "show")
    assert empty.exit_code == 0 and "no delegation order is loaded" in empty.stderr
    missing = delreg("delegation", "load", "nowhere.toml")
    assert missing.exit_code == 2 and "nowhere.toml: no such file" in missing.stderr


TITLE_WORDS = st.sampled_from(
    ["Hälso-", "och", "sjukvårdsdirektör", "verksamhetschef", "enhetschef", "Ortopedi",
     "biträdande", "upphandlingschef", "nämndsekreterare", "läkemedelschef"]
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(words=st.lists(TITLE_WORDS, min_size=1, max_size=4), definite=st.lists(st.booleans()))
def test_a_title_matches_itself_in_any_form_and_case(
    words: list[str], definite: list[bool]
) -> None:
    title = " ".join(words)
    # The definite form of each word as Swedish writes it: "direktör" → "direktören".
    other = " ".join(
        word + ("en" if word.endswith(("r", "f")) else "") if flag else word
        for word, flag in zip(words, [*definite, *[False] * len(words)], strict=False)
    )
    assert same_delegate(title, title)
    assert same_delegate(title.upper(), other) and same_delegate(other, title.upper())
    assert not same_delegate(title, title + " stab")
