"""The procurement chain: standstill, contract-without-award, award-without-contract, chain-order.

LOU 20 kap. 1 § forbids signing the contract during the avtalsspärr that the notification of the
tilldelningsbeslut opens. Within one upphandlingsnummer the chain runs initiering ≤
tilldelningsbeslut ≤ end of spärr < kontrakt (domain.md, rules 3–5). Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import groupby
from operator import attrgetter

from delreg.checks.facts import ChainDecision, CheckSource
from delreg.checks.findings import Finding, MissingDate, argument, finding
from delreg.checks.settings import CheckSettings
from delreg.deadlines import describe_day, standstill_ends_on

Found = Finding | MissingDate


@dataclass(frozen=True)
class StandstillWindow:
    """The avtalsspärr one award opened, with how it was computed (for messages and timelines)."""

    award: ChainDecision
    notified_on: date
    days: int
    # True when the notification date is unknown and the decision date stands in for it: the
    # award cannot have been notified before it was decided, so the window is the earliest
    # possible one, and a contract inside it is inside the real one too.
    counted_from_decision: bool
    # True when a longer spärr stated in the notice replaced the legal minimum.
    stated: bool
    ends_on: date

    @property
    def contract_allowed_from(self) -> date:
        return self.ends_on + timedelta(days=1)

    def describe(self) -> str:
        """How the last day came about: '…, 10-day spärr until 2019-04-29: day 10, …, rolled …'."""
        how = "by post" if self.award.notified_by == "post" else "electronically"
        if self.counted_from_decision:
            start = (
                f"notification date unknown, counted from the decision day {self.notified_on} "
                "(the earliest it can have been notified)"
            )
        else:
            start = f"notified {self.notified_on} {how}"
        stated = " stated in the notice" if self.stated else ""
        text = f"{start}, {self.days}-day spärr{stated} until {self.ends_on}"
        unrolled = self.notified_on + timedelta(days=self.days)
        if unrolled == self.ends_on:
            return text
        skipped = [unrolled + timedelta(days=n) for n in range((self.ends_on - unrolled).days)]
        names = [describe_day(day) or day.isoformat() for day in skipped]
        text += f": day {self.days}, {unrolled}, is {names[0]}"
        if len(names) > 1:
            text += ", rolled forward past " + ", ".join(names[1:])
        else:
            text += ", rolled forward"
        return text


def standstill_window(award: ChainDecision, settings: CheckSettings) -> StandstillWindow | None:
    """The spärr of an award, or None when it opens none or has no date to count from."""
    if award.kind not in settings.standstill_kinds:
        return None
    start = award.notified_on or award.decided_on
    if start is None:
        return None
    days = settings.standstill_days(award.notified_by, award.standstill_days)
    notified, ends_on = _standstill_ends_on(start, days)
    return StandstillWindow(
        award=award,
        notified_on=notified,
        days=days,
        counted_from_decision=award.notified_on is None,
        stated=days > settings.standstill_days(award.notified_by, None),
        ends_on=ends_on,
    )


@lru_cache(maxsize=16_384)
def _standstill_ends_on(notified_on: str, days: int) -> tuple[date, date]:
    # A register holds a few thousand notification days at most; a million awards share them.
    notified = date.fromisoformat(notified_on)
    return notified, standstill_ends_on(notified, days)


def check_procurements(
    decisions: Iterable[ChainDecision], settings: CheckSettings
) -> Iterator[Found]:
    """Every procurement's chain; ``decisions`` must come grouped by procurement number."""
    for _, members in groupby(decisions, key=attrgetter("procurement_number")):
        yield from check_procurement(list(members), settings)


def check_procurement(members: Sequence[ChainDecision], settings: CheckSettings) -> Iterator[Found]:
    """One procurement's chain: the decisions that share its upphandlingsnummer."""
    # Sorted so that findings and the choice among equal candidates never depend on row order.
    ordered = sorted(members, key=lambda m: (m.decided_on or "9999", m.diary_number))
    initiations = [m for m in ordered if m.kind in settings.initiation_kinds]
    awards = [m for m in ordered if m.kind in settings.award_kinds]
    contracts = [m for m in ordered if m.kind in settings.contract_kinds]
    if not awards:
        yield from _contracts_without_award(contracts)
    if not contracts:
        yield from _awards_without_contract(awards, settings)
    if awards and contracts:
        for contract in contracts:
            yield from _standstill(contract, awards, settings)
    yield from _chain_order(initiations, awards)
    yield from _chain_order(awards, contracts)


def _missing(decision: ChainDecision, field: str, rule: str) -> MissingDate:
    return MissingDate(
        decision.diary_number, field, rule, decision.decided_on, decision.procurement_number
    )


def _contracts_without_award(contracts: Sequence[ChainDecision]) -> Iterator[Found]:
    for contract in contracts:
        number = contract.procurement_number
        yield finding(
            "contract-without-award",
            contract.diary_number,
            f"{contract.kind} {contract.diary_number} in {number} has no tilldelningsbeslut "
            "in the register",
            f"register the award (`delreg add --kind tilldelningsbeslut --procurement-number "
            f"{number!r} …`); if the procurement has none (direktupphandling, förnyad "
            f"konkurrensutsättning) acknowledge it: `delreg check --ack contract-without-award "
            f"{argument(contract.diary_number)} --reason …`",
            decided_on=contract.decided_on,
            procurement_number=number,
        )


def _awards_without_contract(
    awards: Sequence[ChainDecision], settings: CheckSettings
) -> Iterator[Found]:
    limit = settings.award_without_contract_days
    for award in awards:
        # Counted from the decision; the notification is the stand-in when that is all there is.
        start = award.decided_on or award.notified_on
        if start is None:
            yield _missing(award, "decided_on", "award-without-contract")
            continue
        age = (settings.today - date.fromisoformat(start)).days
        if age > limit:
            yield finding(
                "award-without-contract",
                award.diary_number,
                f"{award.kind} {award.diary_number} in {award.procurement_number} was "
                f"{'decided' if award.decided_on else 'notified'} {start}, {age} days ago, and "
                "no contract is in the register "
                f"(expected within {limit} days)",
                "register the contract, or acknowledge the finding if the procurement was "
                f"cancelled (avbruten): `delreg check --ack award-without-contract "
                f"{award.diary_number} --reason …`",
                decided_on=award.decided_on,
                procurement_number=award.procurement_number,
            )


def _standstill(
    contract: ChainDecision, awards: Sequence[ChainDecision], settings: CheckSettings
) -> Iterator[Found]:
    opening_awards = [award for award in awards if award.kind in settings.standstill_kinds]
    if not opening_awards:
        return  # awards of kinds that open no avtalsspärr (configuration says standstill = false)
    if contract.decided_on is None:
        yield _missing(contract, "decided_on", "standstill")
        # The awards' notification dates will be needed too once the contract is dated.
        for award in opening_awards:
            if award.notified_on is None:
                yield _missing(award, "notified_on", "standstill")
        return
    signed = date.fromisoformat(contract.decided_on)
    windows = []
    for award in opening_awards:
        window = standstill_window(award, settings)
        if window is None:
            yield _missing(award, "notified_on", "standstill")
        else:
            windows.append(window)
    if not windows:
        return
    # A procurement may hold several awards (lots, a renewed award after överprövning): the
    # contract answers to the latest one notified by the day it was signed, or, when it was
    # signed before any notification, to the first one.
    earlier = [window for window in windows if window.notified_on <= signed]
    if earlier:
        window = max(earlier, key=lambda w: (w.notified_on, w.award.diary_number))
    else:
        window = min(windows, key=lambda w: (w.notified_on, w.award.diary_number))
    if signed >= window.contract_allowed_from:
        if window.counted_from_decision:
            # Outside the earliest possible spärr; whether it is outside the real one depends on
            # the notification date nobody registered.
            yield _missing(window.award, "notified_on", "standstill")
        return
    yield _standstill_finding(contract, signed, window)


def _standstill_finding(contract: ChainDecision, signed: date, window: StandstillWindow) -> Finding:
    award = window.award
    if signed < window.notified_on:
        event = "decided" if window.counted_from_decision else "notified"
        where = f"before {award.kind} {award.diary_number} was {event}"
    else:
        where = f"inside the avtalsspärr of {award.kind} {award.diary_number}"
    return finding(
        "standstill",
        contract.diary_number,
        f"{contract.kind} {contract.diary_number} signed {signed}, {where} "
        f"({window.describe()}); earliest contract day {window.contract_allowed_from}",
        "a contract signed during the avtalsspärr can be declared invalid (ogiltighet, LOU 20 "
        f"kap.); check the dates (`delreg procurement {contract.procurement_number!r}`), correct "
        f"them with `delreg edit`, or acknowledge: `delreg check --ack standstill "
        f"{argument(contract.diary_number)} --reason …`",
        decided_on=contract.decided_on,
        procurement_number=contract.procurement_number,
    )


def _chain_order(
    earlier_step: Sequence[ChainDecision], later_step: Sequence[ChainDecision]
) -> Iterator[Found]:
    """Each decision of the earlier step must not be dated after the first of the later step."""
    if not earlier_step or not later_step:
        return
    dated_later = [m for m in later_step if m.decided_on is not None]
    for member in [*earlier_step, *later_step]:
        if member.decided_on is None:
            yield _missing(member, "decided_on", "chain-order")
    if not dated_later:
        return
    first_later = min(dated_later, key=lambda m: (m.decided_on or "", m.diary_number))
    assert first_later.decided_on is not None
    for member in earlier_step:
        if member.decided_on is None or member.decided_on <= first_later.decided_on:
            continue
        yield finding(
            "chain-order",
            member.diary_number,
            f"{member.kind} {member.diary_number} was decided {member.decided_on}, after "
            f"{first_later.kind} {first_later.diary_number} (decided {first_later.decided_on}) "
            f"in {member.procurement_number}; the chain runs initiering, tilldelningsbeslut, "
            "kontrakt",
            f"check the decision dates (`delreg procurement {member.procurement_number!r}`) and "
            f"correct them with `delreg edit {argument(member.diary_number)} --decided-on DATE`",
            decided_on=member.decided_on,
            procurement_number=member.procurement_number,
        )


def find(source: CheckSource, settings: CheckSettings) -> Iterator[Found]:
    """The family's findings over the register (delreg.checks.families)."""
    # Whole chains are read: an award before --since still governs a contract after it.
    yield from check_procurements(source.chain_decisions(settings.chain_kinds), settings)
