"""The `delegation` rule against a loaded delegation order, through the command line."""

from __future__ import annotations

import pytest

from delreg.checks.delegation import same_delegate
from tests.helpers import FIXTURES, Invoke, add, findings

ORDER = FIXTURES / "delegation" / "order.toml"
DIRECTOR = "Hälso- och sjukvårdsdirektören"


@pytest.fixture
def ordered(delreg: Invoke) -> Invoke:
    """A register with tests/fixtures/delegation/order.toml loaded (2.2 awards ≤ 100 pbb,
    3.1 drug agreements ≤ 500 000 kr until 2024-06-30)."""
    result = delreg("delegation", "load", str(ORDER))
    assert result.exit_code == 0, result.stderr
    return delreg


def delegation_messages(delreg: Invoke) -> dict[str, str]:
    return {f["diary_number"]: f["message"] for f in findings(delreg, "--rule", "delegation")}


@pytest.mark.parametrize(
    ("decided_on", "amount", "fires"),
    [
        # 100 prisbasbelopp: 5 250 000 kr in 2023 (52 500), 5 730 000 kr in 2024 (57 300).
        ("2023-06-01", "5 250 000", False),
        ("2023-06-01", "5 250 001", True),
        ("2023-06-01", "5 500 000", True),
        ("2024-06-03", "5 500 000", False),
        ("2024-06-03", "5 730 000", False),
        ("2024-06-03", "5 730 001", True),
    ],
)
def test_amount_over_a_limit_in_prisbasbelopp_of_the_decisions_year(
    ordered: Invoke, decided_on: str, amount: str, fires: bool
) -> None:
    add(ordered, "tilldelningsbeslut", "24RS1", decided_on=decided_on, amount=amount,
        delegate=DIRECTOR)  # fmt: skip
    messages = delegation_messages(ordered)
    if not fires:
        assert messages == {}
        return
    year = decided_on[:4]
    limit = {"2023": "5 250 000", "2024": "5 730 000"}[year]
    assert messages["24RS1"] == (
        f"tilldelningsbeslut 24RS1: its amount {amount} kr exceeds the limit of point 2.2, "
        f"100 pbb = {limit} kr in {year}"
    )


def test_a_delegate_who_is_neither_delegate_nor_substitute(ordered: Invoke) -> None:
    add(ordered, "tilldelningsbeslut", "24RS1", decided_on="2024-02-01",
        delegate="Ekonomidirektören")  # fmt: skip
    add(ordered, "tilldelningsbeslut", "24RS2", decided_on="2024-02-01",
        delegate="Biträdande hälso- och sjukvårdsdirektören")  # fmt: skip
    add(ordered, "tilldelningsbeslut", "24RS3", decided_on="2024-02-01")  # names no delegate
    result = ordered("check", "--rule", "delegation", "--format", "json")
    assert result.exit_code == 1
    messages = delegation_messages(ordered)
    assert list(messages) == ["24RS1"]
    assert "decided by 'Ekonomidirektören', who is neither the delegate " in messages["24RS1"]
    assert "'Biträdande hälso- och sjukvårdsdirektör') of point 2.2" in messages["24RS1"]


def test_a_kind_that_belongs_to_no_point(ordered: Invoke) -> None:
    add(ordered, "initiering", "24RS1", decided_on="2024-02-01")
    add(ordered, "avtal", "24RS2", decided_on="2024-02-01", amount="400 000")
    # After 2024-06-30 point 3.1 no longer applies.
    add(ordered, "avtal", "24RS3", decided_on="2024-07-01")
    messages = delegation_messages(ordered)
    assert messages == {
        "24RS1": "initiering 24RS1: its kind 'initiering' falls under no point of the "
        "delegation order valid on 2024-02-01",
        "24RS3": "avtal 24RS3: its kind 'avtal' falls under no point of the delegation order "
        "valid on 2024-07-01",
    }


def test_a_named_point_must_exist_and_cover_the_kind(ordered: Invoke) -> None:
    add(ordered, "tilldelningsbeslut", "24RS1", decided_on="2024-02-01", delegation_point="9.9")
    add(ordered, "tilldelningsbeslut", "24RS2", decided_on="2024-02-01", delegation_point="3.1")
    add(ordered, "tilldelningsbeslut", "24RS3", decided_on="2024-02-01", delegation_point="2.2")
    messages = delegation_messages(ordered)
    assert messages == {
        "24RS1": "tilldelningsbeslut 24RS1: it names point 9.9, which the delegation order lacks",
        "24RS2": "tilldelningsbeslut 24RS2: its kind 'tilldelningsbeslut' is not among those of "
        "point 3.1 (avtal)",
    }


def test_a_year_without_prisbasbelopp_is_a_warning(ordered: Invoke) -> None:
    add(ordered, "tilldelningsbeslut", "30RS1", decided_on="2030-02-01", amount="1000")
    result = ordered("check", "--rule", "delegation", "--format", "json")
    assert result.exit_code == 0
    (finding,) = findings(ordered, "--rule", "delegation")
    assert finding["severity"] == "warning"
    assert "no prisbasbelopp for 2030 in the configuration" in finding["message"]
    assert "[prisbasbelopp]" in finding["hint"]


def test_without_an_order_the_rule_is_silent(delreg: Invoke) -> None:
    add(delreg, "initiering", "24RS1", decided_on="2024-02-01")
    result = delreg("check", "--rule", "delegation")
    assert result.exit_code == 0
    assert "no delegation order is loaded" in result.stderr


@pytest.mark.parametrize(
    ("named", "listed", "same"),
    [
        ("Hälso- och sjukvårdsdirektören", "Hälso- och sjukvårdsdirektör", True),
        ("hälso– och  sjukvårdsdirektör", "Hälso- och sjukvårdsdirektör", True),
        ("Upphandlingschefen", "Upphandlingschef", True),
        ("Nämndsekreteraren", "Nämndsekreterare", True),
        ("Ekonomidirektören", "Hälso- och sjukvårdsdirektör", False),
        ("Biträdande hälso- och sjukvårdsdirektör", "Hälso- och sjukvårdsdirektör", False),
        ("Hälso- och sjukvårdsdirektörens stab", "Hälso- och sjukvårdsdirektör", False),
        ("Verksamhetschefen Ortopedi", "Verksamhetschef ortopedi", True),
        ("Verksamhetschef Ortopedi", "Verksamhetschef Kirurgi", False),
    ],
)
def test_titles_match_in_definite_and_indefinite_form(named: str, listed: str, same: bool) -> None:
    assert same_delegate(named, listed) is same
