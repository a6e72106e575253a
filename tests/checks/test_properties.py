"""The rules as pure functions: the avtalsspärr against the law for any date, and the merging,
ordering and --since of findings."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.calendar import is_non_working_day
from delreg.checks import CheckSettings, Finding
from delreg.checks.facts import ChainDecision
from delreg.checks.findings import MissingDate
from delreg.checks.procurement import check_procurement, standstill_window
from delreg.checks.runner import finish

SETTINGS = CheckSettings(today=date(2031, 1, 1))


def award(notified: date, notified_by: str | None, stated: int | None = None) -> ChainDecision:
    day = notified.isoformat()
    return ChainDecision(
        "20RS1", "tilldelningsbeslut", "MT 2020-0001", day, day, notified_by, stated
    )


def contract(signed: date) -> ChainDecision:
    return ChainDecision("20RS2", "kontrakt", "MT 2020-0001", signed.isoformat(), None, None, None)


def standstill_rules(*chain: ChainDecision) -> list[str]:
    return [
        found.rule
        for found in check_procurement(chain, SETTINGS)
        if isinstance(found, Finding) and found.rule == "standstill"
    ]


@settings(max_examples=400, deadline=None)
@given(
    notified=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    notified_by=st.sampled_from([None, "electronic", "post"]),
)
def test_the_allowed_contract_day_is_never_one_the_law_forbids(
    notified: date, notified_by: str | None
) -> None:
    days = 15 if notified_by == "post" else 10
    the_award = award(notified, notified_by)
    window = standstill_window(the_award, SETTINGS)
    assert window is not None
    allowed = window.contract_allowed_from
    last_day = allowed - timedelta(days=1)
    # LOU 20 kap. 1 §: no contract until `days` days after the notification (day 0) …
    assert last_day >= notified + timedelta(days=days)
    # … and lag 1930:173: the spärr ends on the first day after that which may end a period,
    assert not is_non_working_day(last_day)
    # every day skipped on the way being one that may not.
    skipped = (last_day - (notified + timedelta(days=days))).days
    assert all(
        is_non_working_day(notified + timedelta(days=days + offset)) for offset in range(skipped)
    )
    # The rule allows exactly that day and flags the day before it.
    assert standstill_rules(the_award, contract(allowed)) == []
    assert standstill_rules(the_award, contract(last_day)) == ["standstill"]


@settings(max_examples=200, deadline=None)
@given(
    notified=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    offset=st.integers(min_value=-5, max_value=30),
    stated=st.one_of(st.none(), st.integers(min_value=1, max_value=30)),
)
def test_a_contract_is_flagged_exactly_when_signed_before_the_allowed_day(
    notified: date, offset: int, stated: int | None
) -> None:
    the_award = award(notified, None, stated)
    signed = notified + timedelta(days=offset)
    window = standstill_window(the_award, SETTINGS)
    assert window is not None
    assert window.days == max(10, stated or 0)
    flagged = standstill_rules(the_award, contract(signed)) == ["standstill"]
    assert flagged == (signed < window.contract_allowed_from)


def test_missing_dates_of_one_decision_become_one_finding() -> None:
    found = [
        MissingDate("23RS764", "decided_on", "chain-order"),
        MissingDate("23RS764", "decided_on", "standstill"),
        MissingDate("23RS710", "notified_on", "standstill", "2023-11-02"),
        MissingDate("23RS764", "decided_on", "standstill"),
    ]
    findings = finish(found, ["missing-date"], SETTINGS, {})
    assert [(f.diary_number, f.message) for f in findings] == [
        ("23RS710", "23RS710 has no notification date (notified_on), needed by standstill"),
        ("23RS764", "23RS764 has no decision date (decided_on), needed by standstill, chain-order"),
    ]


def test_since_keeps_undated_findings() -> None:
    since = CheckSettings(today=date(2024, 6, 1), since="2024-01-01")
    found: list[Finding | MissingDate] = [
        MissingDate("23RS1", "decided_on", "unreported"),
        contract_finding("23RS2", "2023-12-31"),
        contract_finding("24RS3", "2024-01-01"),
    ]
    kept = finish(found, ["standstill", "missing-date"], since, {})
    assert [f.diary_number for f in kept] == ["24RS3", "23RS1"]


def contract_finding(number: str, decided_on: str) -> Finding:
    from delreg.checks.findings import finding

    return finding("standstill", number, "m", "h", decided_on=decided_on)
