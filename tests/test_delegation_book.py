"""Delegation orders over time and vidaredelegering, as pure rules: which order a decision is
held to, where a loaded order goes among the board's, which passes may be made, and the
`delegation` rule over chains of passes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.checks.delegation import check_delegation
from delreg.checks.facts import DelegationFact
from delreg.checks.findings import Finding
from delreg.config import load_config
from delreg.delegation_book import DelegationBook, Pass
from delreg.delegation_order import DelegationOrder, Limit, load_delegation_order
from delreg.errors import DelregError, InputError, InvalidValue, NotFound
from tests.helpers import FIXTURES

DELEGATION = FIXTURES / "delegation"
KINDS = tuple(load_config().kinds)
PRISBASBELOPP = {2023: 52_500, 2024: 57_300}
DIRECTOR = "Hälso- och sjukvårdsdirektören"
HEAD = "Verksamhetschef Ortopedi"
UNIT = "Enhetschef Ortopedi Örebro"


def order(name: str, number: int) -> DelegationOrder:
    loaded = load_delegation_order(DELEGATION / name, known_kinds=KINDS)
    return replace(loaded, board="HSN", id=number)


def book_of(*orders: DelegationOrder, passes: tuple[Pass, ...] = ()) -> DelegationBook:
    """A book as the register keeps it: each order placed by plan_load in turn."""
    book = DelegationBook()
    for new in orders:
        plan = book.plan_load(new)
        gone = {change.order.id for change in plan.changes if change.ends_on is None}
        ends = {change.order.id: change.ends_on for change in plan.ended}
        kept = tuple(
            replace(old, valid_to=ends.get(old.id, old.valid_to))
            for old in book.orders
            if old.id not in gone
        )
        book = DelegationBook(orders=(*kept, plan.order))
    return DelegationBook(orders=book.orders, passes=passes)


def two_orders(passes: tuple[Pass, ...] = ()) -> DelegationBook:
    """HSN's order of 2024 and the revision from 2024-07-01."""
    return book_of(order("hsn-2024.toml", 1), order("hsn-2024-07.toml", 2), passes=passes)


def admitted(book: DelegationBook, request: Pass, number: int) -> DelegationBook:
    made = replace(book.admit(request), id=number)
    return DelegationBook(orders=book.orders, passes=(*book.passes, made))


def fact(
    number: str,
    kind: str,
    decided_on: str | None,
    delegate: str | None = DIRECTOR,
    amount: int | None = None,
    point: str | None = None,
    board: str = "HSN",
) -> DelegationFact:
    return DelegationFact(number, kind, decided_on, delegate, point, amount, board)


def messages(book: DelegationBook, *facts: DelegationFact) -> dict[str, str]:
    found = check_delegation(facts, book, PRISBASBELOPP)
    return {f.diary_number: f.message for f in found if isinstance(f, Finding)}


# --- the order in force ---------------------------------------------------------------------


def test_the_file_gives_the_orders_period_and_what_may_be_passed_on() -> None:
    loaded = load_delegation_order(DELEGATION / "hsn-2024.toml", known_kinds=KINDS)
    assert (loaded.name, loaded.valid_from, loaded.valid_to) == ("HSN", "2024-01-01", None)
    assert {p.point: p.pass_on for p in loaded.points} == {"2.2": 2, "3.1": 0, "4.1": 1}


def test_a_new_order_ends_the_previous_the_day_before_it_begins() -> None:
    book = two_orders()
    first, second = book.board_orders("HSN")
    assert (first.valid_from, first.valid_to) == ("2024-01-01", "2024-06-30")
    assert (second.valid_from, second.valid_to) == ("2024-07-01", None)
    assert book.order_on("HSN", "2024-06-30") == first
    assert book.order_on("HSN", "2024-07-01") == second
    assert book.order_on("HSN", "2023-12-31") is None
    assert book.order_on("HSN", None) == second  # an undated decision: the newest
    assert book.order_on("RS", "2024-03-01") is None


def test_an_order_loaded_after_a_later_one_ends_before_it() -> None:
    # Back-filling history: the 2024-07 revision first, then the order it replaced.
    book = book_of(order("hsn-2024-07.toml", 2), order("hsn-2024.toml", 1))
    periods = [(o.id, o.valid_from, o.valid_to) for o in book.board_orders("HSN")]
    assert periods == [(1, "2024-01-01", "2024-06-30"), (2, "2024-07-01", None)]


def test_the_same_start_replaces_and_an_earlier_end_is_kept() -> None:
    first = replace(order("hsn-2024.toml", 1), valid_to="2024-03-31")
    corrected = replace(order("hsn-2024.toml", 3), adopted="2024-01-20")
    book = book_of(first, order("hsn-2024-07.toml", 2))
    # Its own file ended it on 2024-03-31: the revision of July does not move that.
    assert book.board_orders("HSN")[0].valid_to == "2024-03-31"
    assert book.order_on("HSN", "2024-05-01") is None
    plan = book.plan_load(corrected)
    assert [change.order.id for change in plan.changes] == [1]
    assert plan.replaced and not plan.ended
    assert plan.order.valid_to == "2024-06-30"  # the next one still begins 2024-07-01


def test_an_order_without_a_start_replaces_the_newest() -> None:
    # A CSV file cannot say when its order begins: it is a corrected copy of the newest.
    csv = replace(load_delegation_order(DELEGATION / "order.csv", known_kinds=KINDS), board="HSN")
    plan = two_orders().plan_load(csv)
    assert [old.id for old in plan.replaced] == [2]
    assert plan.order.valid_from == "2024-07-01"


def test_the_orders_own_period_must_make_sense() -> None:
    text = (DELEGATION / "hsn-2024.toml").read_text(encoding="utf-8")
    broken = text.replace(
        "valid_from = 2024-01-01", "valid_from = 2024-01-01\nvalid_to = 2023-01-01"
    )
    from delreg.delegation_order import read_delegation_order

    with pytest.raises(InputError, match=r"\[order\] valid_to 2023-01-01 is before valid_from"):
        read_delegation_order(broken, source="order.toml", fmt="toml", known_kinds=KINDS)
    with pytest.raises(InputError, match="pass_on 'kanske' is neither yes/no"):
        read_delegation_order(
            text.replace('vidaredelegering = "nej"', 'vidaredelegering = "kanske"'),
            source="order.toml",
            fmt="toml",
            known_kinds=KINDS,
        )


DAYS = st.integers(min_value=0, max_value=2000).map(
    lambda offset: (date(2020, 1, 1) + timedelta(days=offset)).isoformat()
)


@settings(max_examples=60, deadline=None)
@given(starts=st.lists(DAYS, min_size=1, max_size=6), probe=DAYS)
def test_at_most_one_order_is_in_force_and_it_is_the_latest_begun(
    starts: list[str], probe: str
) -> None:
    template = order("hsn-2024.toml", 0)
    book = book_of(
        *(replace(template, id=n, valid_from=start) for n, start in enumerate(starts, start=1))
    )
    in_force = [o for o in book.board_orders("HSN") if o.in_force_on(probe)]
    begun = [start for start in starts if start <= probe]
    assert len(in_force) == (1 if begun else 0)
    if begun:
        assert in_force[0].valid_from == max(begun)
        # The order loaded last with that start is the one that counts.
        assert in_force[0].id == max(n for n, s in enumerate(starts, start=1) if s == max(begun))


# --- a decision against the order in force on its date --------------------------------------


def test_decisions_are_held_to_the_order_in_force_on_their_date() -> None:
    book = two_orders()
    # 150 pbb: over 2.2's limit of 100 pbb until June, within the 200 pbb from July.
    amount = 150 * 57_300
    found = messages(
        book,
        fact("24RS1", "tilldelningsbeslut", "2024-05-14", amount=amount),
        fact("24RS2", "tilldelningsbeslut", "2024-08-20", amount=amount),
        # 3.1 moved from the director to the chief pharmacist on 2024-07-01.
        fact("24RS3", "avtal", "2024-03-04", delegate="Läkemedelschefen"),
        fact("24RS4", "avtal", "2024-09-02", delegate="Läkemedelschefen"),
        fact("24RS5", "avtal", "2024-06-28"),
        fact("24RS6", "avtal", "2024-07-01"),
        # Before the first order: no order of HSN was in force.
        fact("23RS7", "beslut", "2023-11-30"),
    )
    assert set(found) == {"24RS1", "24RS3", "24RS6", "23RS7"}
    assert found["24RS1"].endswith("exceeds the limit of point 2.2, 100 pbb = 5 730 000 kr in 2024")
    assert "'Läkemedelschefen', who is neither the delegate" in found["24RS3"]
    assert "('Läkemedelschef') nor a substitute (none) of point 3.1" in found["24RS6"]
    assert found["23RS7"] == (
        "beslut 23RS7: no delegation order of board HSN was in force on 2023-11-30 "
        "(2024-01-01 – 2024-06-30, 2024-07-01 – …)"
    )


def test_a_board_without_orders_is_not_checked() -> None:
    assert messages(two_orders(), fact("24RS1", "avtal", "2024-03-04", board="RS")) == {}


# --- vidaredelegering -----------------------------------------------------------------------


def passed(point: str, to: str, valid_from: str, **values: object) -> Pass:
    return Pass(board="HSN", point=point, by=str(values.pop("by", "")), to=to,
                valid_from=valid_from, **values)  # type: ignore[arg-type]  # fmt: skip


def test_a_point_the_order_does_not_let_pass_on_is_refused_clearly() -> None:
    with pytest.raises(InvalidValue) as refused:
        two_orders().admit(passed("3.1", HEAD, "2024-02-01"))
    assert str(refused.value).startswith(
        "point 3.1 (Avtal om läkemedel) may not be passed on: the delegation order of HSN in "
        "force on 2024-02-01 does not allow vidaredelegering of it"
    )
    assert refused.value.hint and "pass_on = true" in refused.value.hint
    # 4.1 may be passed on under the order of 2024, not under the revision from July.
    assert two_orders().admit(passed("4.1", HEAD, "2024-02-01")).by == (
        "Hälso- och sjukvårdsdirektör"
    )
    with pytest.raises(InvalidValue, match=r"point 4\.1 .* may not be passed on"):
        two_orders().admit(passed("4.1", HEAD, "2024-08-01"))


@pytest.mark.parametrize(
    ("request_", "error", "message"),
    [
        (passed("9.9", HEAD, "2024-02-01"), NotFound, "point 9.9 is not in the delegation order"),
        (passed("2.2", HEAD, "2023-02-01"), NotFound, "HSN has no delegation order in force"),
        (passed("2.2", HEAD, "2024-02-01", valid_to="2024-01-01"), InvalidValue, "would end"),
        (passed("2.2", DIRECTOR, "2024-02-01"), InvalidValue, "is the delegate of point 2.2"),
        (passed("2.2", UNIT, "2024-02-01", by=HEAD), InvalidValue, "nor holds it by a pass"),
    ],
)
def test_passes_that_cannot_be_made(request_: Pass, error: type[DelregError], message: str) -> None:
    with pytest.raises(error, match=message):
        two_orders().admit(request_)


def test_a_chain_of_two_passes_within_the_original_limits() -> None:
    book = admitted(two_orders(), passed("2.2", HEAD, "2024-02-01", valid_to="2024-10-31"), 1)
    book = admitted(
        book,
        passed(
            "2.2", UNIT, "2024-03-01", by="Verksamhetschefen Ortopedi", limit=Limit.parse("20 pbb")
        ),
        2,
    )
    second = book.pass_by_id(2)
    assert (second.rests_on, second.by) == (1, "Verksamhetschefen Ortopedi")
    # A third step is more than point 2.2 allows (two).
    with pytest.raises(InvalidValue, match=r"may be passed on 2 steps, .* through 2 steps"):
        book.admit(passed("2.2", "Sektionschef Höft", "2024-04-01", by=UNIT))
    found = messages(
        book,
        # The unit head within the 20 pbb the pass allows, in both orders' time.
        fact("24RS1", "tilldelningsbeslut", "2024-04-02", delegate=UNIT, amount=1_000_000),
        fact("24RS2", "tilldelningsbeslut", "2024-09-02", delegate="Enhetschefen Ortopedi Örebro"),
        # Over the pass's 20 pbb, though within the point's 100 pbb.
        fact("24RS3", "tilldelningsbeslut", "2024-04-02", delegate=UNIT, amount=2_000_000),
        # Before the unit head's pass began; after the head of department's ended.
        fact("24RS4", "tilldelningsbeslut", "2024-02-15", delegate=UNIT),
        fact("24RS5", "tilldelningsbeslut", "2024-11-04", delegate=UNIT),
        # The head of department within the point's limit: the first link alone.
        fact("24RS6", "tilldelningsbeslut", "2024-05-06", delegate=HEAD, amount=4_000_000),
        # Undated: any period of the passes counts.
        fact("24RS7", "tilldelningsbeslut", None, delegate=UNIT),
    )
    assert set(found) == {"24RS3", "24RS4", "24RS5"}
    assert found["24RS3"].endswith(
        "its amount 2 000 000 kr exceeds the limit of pass #2, 20 pbb = 1 146 000 kr in 2024"
    )
    assert found["24RS4"] == (
        "tilldelningsbeslut 24RS4: it was decided by 'Enhetschef Ortopedi Örebro', but "
        "'Enhetschef Ortopedi Örebro' holds point 2.2 by pass #2; pass #2 to "
        "'Enhetschef Ortopedi Örebro' (2024-03-01 – …) was not in force on 2024-02-15"
    )
    assert "pass #1, which pass #2 rests on, to 'Verksamhetschef Ortopedi' " in found["24RS5"]
    assert "(2024-02-01 – 2024-10-31) was not in force on 2024-11-04" in found["24RS5"]


def test_a_pass_counts_only_while_the_order_in_force_allows_it() -> None:
    book = admitted(two_orders(), passed("4.1", HEAD, "2024-02-01"), 1)
    found = messages(
        book,
        fact("24RS1", "beslut", "2024-06-28", delegate=HEAD, point="4.1"),
        fact("24RS2", "beslut", "2024-07-01", delegate=HEAD, point="4.1"),
    )
    assert list(found) == ["24RS2"]
    assert found["24RS2"].endswith(
        "'Verksamhetschef Ortopedi' holds point 4.1 through one step (pass #1), but the order "
        "in force on 2024-07-01 says it may not be passed on"
    )


def test_a_withdrawn_pass_never_counted() -> None:
    book = admitted(two_orders(), passed("4.1", HEAD, "2024-02-01"), 1)
    withdrawn = replace(book.pass_by_id(1), withdrawn_at="2024-02-02T08:00:00Z")
    book = DelegationBook(orders=book.orders, passes=(withdrawn,))
    found = messages(book, fact("24RS1", "beslut", "2024-03-01", delegate=HEAD))
    assert "who is neither the delegate" in found["24RS1"]
    assert found["24RS1"].endswith("of point 4.1, nor holds it by a pass")
    assert HEAD not in book.titles()
