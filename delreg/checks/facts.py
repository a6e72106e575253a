"""The protocol of the source the checks read their facts from (the fact values themselves,
plain tuples the store builds by the million, live in delreg.facts).

The store narrows each query in SQL to candidate rows (a superset of what a rule flags) so a large
register never crosses into Python whole; the rule itself is decided again in Python, on these
facts, so it can be tested without a database.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Protocol

from delreg.facts import (
    Acknowledgement,
    ChainDecision,
    ContractNotice,
    ContractUse,
    DatedDiaryNumber,
    DelegationFact,
    MeetingReporting,
    PublicText,
    RepeatedReporting,
    UnreportedDecision,
)

if TYPE_CHECKING:
    from delreg.delegation_book import DelegationBook

__all__ = [
    "Acknowledgement",
    "ChainDecision",
    "CheckSource",
    "ContractNotice",
    "ContractUse",
    "DatedDiaryNumber",
    "DelegationFact",
    "MeetingReporting",
    "PublicText",
    "RepeatedReporting",
    "UnreportedDecision",
]


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

    def public_texts_with_numbers(self, since: str | None) -> Iterable[PublicText]:
        """Decisions not marked secret whose subject or parties hold six digits, a dash or
        plus and four digits, or ten digits in a row: those that may name a person by personal
        identity number."""
        ...

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
