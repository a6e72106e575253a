"""Personal identity numbers in a decision's text: found where a document writes one, held to
its date and check digit, and not taken from an organisation number, a phone number or a
range of years."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.person_naming import names_a_person
from delreg.personal_numbers import personal_number
from tests.helpers.people import personal_numbers, unseparated_personal_numbers

AROUND = st.sampled_from(["Beslut om bistånd för {}", "{} – ansökan om färdtjänst", "({})",
                          "Anställning av Anna Ek, {}, som undersköterska"])  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(number=personal_numbers(), around=AROUND)
def test_any_personal_number_is_found_where_a_document_writes_it(number: str, around: str) -> None:
    assert personal_number(around.format(number)) == number
    assert names_a_person(["Acme AB", None, around.format(number)])


@settings(max_examples=200, deadline=None)
@given(number=unseparated_personal_numbers(), around=AROUND)
def test_a_personal_number_without_its_dash_is_found_too(number: str, around: str) -> None:
    # "198503121231" / "8503121231", as a social board's case system prints it.
    assert personal_number(around.format(number)) == number
    assert names_a_person([around.format(number)])


@settings(max_examples=200, deadline=None)
@given(number=unseparated_personal_numbers(), wrong=st.integers(1, 9))
def test_a_wrong_check_digit_is_no_personal_number_without_its_dash(
    number: str, wrong: int
) -> None:
    check = (int(number[-1]) + wrong) % 10
    assert personal_number(f"Beslut om bistånd, {number[:-1]}{check}") is None


@settings(max_examples=200, deadline=None)
@given(number=personal_numbers(), wrong=st.integers(1, 9))
def test_a_wrong_check_digit_is_no_personal_number(number: str, wrong: int) -> None:
    check = (int(number[-1]) + wrong) % 10
    assert personal_number(f"Beslut om bistånd för {number[:-1]}{check}") is None


@pytest.mark.parametrize(
    "text",
    [
        "Avtal med Acme AB (org.nr 556677-8899) om städ",  # no month in an organisation number
        "Ring 019-602 10 00 om avtalet",
        "Beslut om avgift enligt taxa 2024-2025",
        "Upphandling MT 2023-0043, dnr 2024-000102",
        "Beslut om bistånd, ärende 811218-98761",  # a digit too many
        "Beslut om bistånd, ärende 811218-9875",  # the check digit is wrong
        "Beslut om bistånd, ärende 811232-9876",  # no 32nd day
        # Without a dash: an organisation number (no month 60), a ByggR number (no month 24),
        # a mobile number after a telephone's word, a run of eleven digits, a diary number's
        # serial joined by a dash, twelve digits of no century.
        "Avtal med Acme AB, org.nr 5566778899",
        "Bygglov, Granen 1:23, dnr 2024000123",
        "Kontakt: handläggare Eva Ek, tel. 0701234569",
        "Kontakt: Eva Ek, mobil 0701234569",
        "Faktura 81121898766 betald",
        "Dnr SN-2024-8112189876",
        "Order 318112189876 levererad",
        "",
    ],
)
def test_what_only_looks_like_one_is_not(text: str) -> None:
    assert personal_number(text) is None
    assert not names_a_person([text, None])
