"""Diary and procurement numbers: every shape of domain.md, and the normalising rules."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.errors import InvalidValue
from delreg.model import (
    DECISION_FIELDS,
    Decision,
    classify_kind,
    diary_number_order,
    diary_number_sort_key,
    diary_number_year,
    normalise_diary_number,
    normalise_procurement_number,
)

CONFIG = load_config()

# (as written in documents, canonical form, registration year)
DIARY_NUMBERS = [
    ("23RS1851", "23RS1851", 2023),
    ("23RS9593-4", "23RS9593-4", 2023),
    ("RS 2022/1275", "RS 2022/1275", 2022),
    ("RS2022/1000", "RS 2022/1000", 2022),
    ("RS 2022/713-1", "RS 2022/713-1", 2022),
    ("HSN 2021/395-5", "HSN 2021/395-5", 2021),
    ("KS 2023/145", "KS 2023/145", 2023),
    ("KSN-2017-3447", "KSN-2017-3447", 2017),
    ("RS 2018\u201306226", "RS 2018-06226", 2018),
    ("RS 2021-0267", "RS 2021-0267", 2021),
    ("LS 0806-0619", "LS 0806-0619", None),
    ("RS/333/2023", "RS/333/2023", 2023),
    ("Dnr 2.2.2/171-2013", "2.2.2/171-2013", 2013),
    ("Dnr: 24RS841", "24RS841", 2024),
    ("SON2018.0097", "SON 2018.0097", 2018),
    ("ks.2024.101", "KS.2024.101", 2024),
    ("Dnr 2024.123", "2024.123", 2024),
    ("2024.123 KS", "2024.123 KS", 2024),
    ("2024/123-1.2.3", "2024/123-1.2.3", 2024),
]


@pytest.mark.parametrize(("written", "canonical", "year"), DIARY_NUMBERS)
def test_every_shape_in_the_domain_normalises(written: str, canonical: str, year: int) -> None:
    assert normalise_diary_number(written, CONFIG) == canonical
    assert diary_number_year(canonical) == year


@pytest.mark.parametrize("written", ["23rs710", " 23RS710 ", "Dnr 23RS710", "dnr: 23rs710."])
def test_spellings_of_one_diary_number_are_the_same_decision(written: str) -> None:
    assert normalise_diary_number(written, CONFIG) == "23RS710"


@pytest.mark.parametrize(
    "bad", ["", "23", "RS", "hej hopp", "23RS", "2023/12/12/12", "MT 2023-0043x1"]
)
def test_malformed_diary_numbers_are_refused_with_an_explanation(bad: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        normalise_diary_number(bad, CONFIG)
    assert "is not a diary number" in caught.value.message
    assert caught.value.hint and "23RS1851" in caught.value.hint


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("MT 2023-0043", "MT 2023-0043"),
        ("MTH 2021-0115", "MTH 2021-0115"),
        ("MT 2023-0034-1", "MT 2023-0034-1"),
        ("MT 2020-0207d", "MT 2020-0207d"),
        ("mt2020\u20130207D", "MT 2020-0207d"),
        ("MT 2023-0053a", "MT 2023-0053a"),
        (" mt  2023 - 0043 ", "MT 2023-0043"),
    ],
)
def test_procurement_numbers_normalise(written: str, canonical: str) -> None:
    assert normalise_procurement_number(written, CONFIG) == canonical


def test_an_organisation_can_add_its_own_diary_number_shape(tmp_path: object) -> None:
    from pathlib import Path

    from delreg.config import load_config as load

    assert isinstance(tmp_path, Path)
    own = tmp_path / "org.toml"
    own.write_text("[numbers]\ndiary_number_patterns = ['SN \\d{2}:\\d{3}']\n", encoding="utf-8")
    config = load(own)
    assert normalise_diary_number("sn 24:017", config) == "SN 24:017"
    # The built-in shapes are still there: lists in an organisation's file extend the defaults.
    assert normalise_diary_number("23RS1851", config) == "23RS1851"
    with pytest.raises(InvalidValue):
        normalise_diary_number("sn 24:017", CONFIG)


def test_sort_key_orders_by_year_then_serial() -> None:
    numbers = ["24RS278", "23RS12841", "23RS710", "22RS317", "RS 2022/1275"]
    assert sorted(numbers, key=diary_number_sort_key) == [
        "22RS317",
        "RS 2022/1275",
        "23RS710",
        "23RS12841",
        "24RS278",
    ]


def test_sort_key_ties_fall_to_the_number_itself() -> None:
    # The same year and serial in three shapes, and numbers whose shape tells no year.
    numbers = ["KS-2023-145", "KS 2023/145", "23KS145", "145-2023", "hyra", "A1", "2023-145"]
    assert sorted(numbers, key=diary_number_sort_key) == [
        "2023-145",
        "A1",
        "hyra",
        "145-2023",
        "23KS145",
        "KS 2023/145",
        "KS-2023-145",
    ]
    assert diary_number_order("2023-145") == (0, 0)
    assert diary_number_order("RS 1850/12") == (0, 12)
    assert diary_number_year("RS 1850/12") is None


def test_a_colon_after_the_year_tells_the_year() -> None:
    assert diary_number_order("KS 2024:123") == (2024, 123)


# What the year and serial of a diary number are, shape by shape, in the order the shapes are
# tried: the rule model's one search over all three must follow.
_COMPACT = re.compile(r"^(\d{2})[A-ZÅÄÖ]+(\d+)")
_PREFIXED = re.compile(r"^[A-ZÅÄÖ]+[ .-](\d{4})[/.:-](\d+)")
_YEAR_FIRST = re.compile(r"^((?:19|20)\d{2})(?:[/.]|-(?=\d{5})|/[A-ZÅÄÖ]+ ?)(\d+)")
_YEAR_LAST = re.compile(r"(\d+)[/-](\d{4})$")


def _year_and_serial_shape_by_shape(number: str) -> tuple[int | None, int]:
    if found := _COMPACT.match(number):
        return 2000 + int(found[1]), int(found[2])
    if found := _PREFIXED.match(number):
        year = int(found[1])
        return (year if 1900 <= year <= 2100 else None), int(found[2])
    if found := _YEAR_FIRST.match(number):
        return int(found[1]), int(found[2])
    if found := _YEAR_LAST.search(number):
        return int(found[2]), int(found[1])
    return None, 0


_NUMBER_PARTS = st.sampled_from(
    ["RS", "KS", "ÅÄÖ", "Son:", "rs", " ", "-", "/", ".", ":", "–", "2023", "1899", "2101", "23",
     "0", "145", "9593", "12841", "00456", "٢٠٢٣", "x", "\n"]
)  # fmt: skip


@settings(max_examples=300)
@given(
    st.lists(_NUMBER_PARTS, max_size=7).map("".join)
    | st.text(st.sampled_from("0123456789RSÅ /-\n٣"), max_size=14)
)
@example("145-2023\n")
@example("RS 2023/145\n")
@example("KS-\u0662\u0660\u0662\u0663-145")
@example("23RS\u0661\u0664\u0665")  # Arabic-Indic digits
@example("RS/333/2023-2024")
@example("2024.123 KS")
@example("2024/123-1.2.3")
@example("2024/KS 0107")
@example("2023-00456")
@example("2023/2024")
def test_the_order_of_diary_numbers_follows_each_shape(number: str) -> None:
    year, serial = _year_and_serial_shape_by_shape(number)
    assert diary_number_year(number) == year
    assert diary_number_order(number) == (year or 0, serial)
    assert diary_number_sort_key(number) == (year or 0, serial, number)


def test_kinds_are_classified_from_slug_label_or_wording() -> None:
    assert classify_kind("kontrakt", CONFIG) == "kontrakt"
    assert classify_kind("Tilldelningsbeslut", CONFIG) == "tilldelningsbeslut"
    assert classify_kind("tecknat personuppgiftsbiträdesavtal med X", CONFIG) == "pub-avtal"
    assert classify_kind("Programbeslut", CONFIG) == "programbeslut"
    assert classify_kind("Markanvisning", CONFIG) == "beslut"
    assert classify_kind("", CONFIG) == "beslut"


compact = st.builds(
    lambda year, letters, serial: f"{year:02d}{letters}{serial}",
    st.integers(0, 99),
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=4),
    st.integers(1, 999_999),
)
prefixed = st.builds(
    lambda letters, year, serial: f"{letters} {year}/{serial}",
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ", min_size=1, max_size=6),
    st.integers(1990, 2099),
    st.integers(1, 99_999),
)


@given(st.one_of(compact, prefixed))
def test_normalising_is_idempotent(number: str) -> None:
    once = normalise_diary_number(number, CONFIG)
    assert normalise_diary_number(once, CONFIG) == once


@given(
    st.one_of(compact, prefixed),
    st.sampled_from(["", "Dnr ", "Dnr: ", "dnr "]),
    st.sampled_from(["", " ", "  ", "\t"]),
    st.booleans(),
)
def test_prefix_space_and_case_never_change_the_number(
    number: str, prefix: str, padding: str, lower: bool
) -> None:
    written = padding + prefix + (number.lower() if lower else number) + padding
    assert normalise_diary_number(written, CONFIG) == normalise_diary_number(number, CONFIG)


@given(st.text(max_size=40))
def test_any_text_either_normalises_or_raises_our_error(text: str) -> None:
    try:
        result = normalise_diary_number(text, CONFIG)
    except InvalidValue:
        return
    assert (result == result.strip() and result == result.upper()) or "/" in result


_TEXT = st.none() | st.text(max_size=8)


@given(
    st.builds(
        Decision,
        diary_number=st.text(max_size=8),
        kind=st.text(max_size=8),
        subject=st.text(max_size=8),
        procurement_number=_TEXT,
        parties=st.lists(st.text(max_size=8), max_size=3).map(tuple),
        delegate=_TEXT,
        decided_on=_TEXT,
        notified_on=_TEXT,
        notified_by=_TEXT,
        standstill_days=st.none() | st.integers(),
        secret=st.booleans(),
        secret_reason=_TEXT,
        delegation_point=_TEXT,
        amount=st.none() | st.integers(),
        wording=_TEXT,
        meeting=_TEXT,
        item=st.none() | st.integers(),
        source=_TEXT,
        deleted=st.booleans(),
    )
)
def test_json_shape_is_every_field_in_order_and_nothing_else(decision: Decision) -> None:
    # to_json is written out field by field for speed; a field added to Decision and not to
    # to_json would silently vanish from every JSON output and the history.
    data = decision.to_json()
    assert tuple(data) == DECISION_FIELDS
    expected = dataclasses.asdict(decision)
    expected.pop("deleted")
    expected["parties"] = list(decision.parties)
    assert data == expected
