"""The facts the checks read, as the store hands them over: plain tuples, cheap to build by the
million, and the protocol of the source that provides them.

The store narrows each query in SQL to candidate rows (a superset of what a rule flags) so a large
register never crosses into Python whole; the rule itself is decided again in Python, on these
facts, so it can be tested without a database.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from delreg.checks.findings import Acknowledgement
    from delreg.delegation_book import DelegationBook


class ChainDecision(NamedTuple):
    """A decision in a procurement's chain (initiering, award, contract …)."""

    diary_number: str
    kind: str
    procurement_number: str
    decided_on: str | None
    notified_on: str | None
    notified_by: str | None
    standstill_days: int | None


class RepeatedReporting(NamedTuple):
    """A decision reported more than once: (meeting date, item) for each reporting."""

    diary_number: str
    decided_on: str | None
    reportings: tuple[tuple[str, int], ...]


class MeetingReporting(NamedTuple):
    """A decision reported at one meeting."""

    diary_number: str
    decided_on: str | None
    meeting: str
    item: int


class UnreportedDecision(NamedTuple):
    diary_number: str
    decided_on: str | None


class DatedDiaryNumber(NamedTuple):
    diary_number: str
    decided_on: str


class DelegationFact(NamedTuple):
    """What the delegation rule needs of a decision."""

    diary_number: str
    kind: str
    decided_on: str | None
    delegate: str | None
    delegation_point: str | None
    amount: int | None
    # The decision's board's code; empty in a register that names no board.
    board: str


class ContractNotice(NamedTuple):
    """A contract whose last day to give notice (or use its option) is near."""

    diary_number: str
    subject: str
    decided_on: str | None
    notice_by: str
    valid_to: str | None
    extension_until: str | None


class ContractUse(NamedTuple):
    """A decision in a contract's procurement dated after the contract ended."""

    diary_number: str  # the contract's
    procurement_number: str
    decided_on: str | None  # the contract's
    ended_on: str  # extension_until, else valid_to
    used_by: str  # the later decision's diary number
    used_kind: str
    used_on: str


class CheckSource(Protocol):
    """Where the facts come from: the register (delreg.store.compliance) or a test's lists.

    ``since`` (ISO date) lets the source leave out decisions dated before it; undated decisions
    are always included, since nobody can say they are old.
    """

    def chain_decisions(
        self, kinds: Collection[str], procurement_number: str | None = None
    ) -> Iterable[ChainDecision]:
        """Decisions of ``kinds`` that have a procurement number, grouped by that number."""
        ...

    def repeated_reportings(self, since: str | None) -> Iterable[RepeatedReporting]: ...

    def reported_before_decided(self, since: str | None) -> Iterable[MeetingReporting]: ...

    def unreported_decisions(
        self, decided_before: str, since: str | None
    ) -> Iterable[UnreportedDecision]:
        """Unreported decisions dated before ``decided_before`` or not dated at all."""
        ...

    def diary_numbers_to_check(self, since: str | None) -> Iterable[DatedDiaryNumber]: ...

    def delegation_facts(self, since: str | None) -> Iterable[DelegationFact]: ...

    def delegation_book(self, default_board: str = "") -> DelegationBook:
        """Every board's delegation orders over time and the passes made under them; those
        stored under no board read as ``default_board``'s ([register] board)."""
        ...

    def contract_notices(self, first: str, last: str) -> Iterable[ContractNotice]:
        """Contracts whose notice_by falls from ``first`` through ``last``."""
        ...

    def contract_uses_after_end(self, since: str | None) -> Iterable[ContractUse]:
        """Decisions with a contract's procurement number decided after the contract ended."""
        ...

    def acknowledgements(self) -> dict[tuple[str, str], Acknowledgement]: ...
