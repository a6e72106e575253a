"""The facts the checks read from the register, as the store hands them over: plain tuples,
cheap to build by the million, and the acknowledgements of findings someone accepted.

Values of the domain, not of the checks: the store (which builds them from its rows) and the
checks (which judge them) both stand on them, so neither needs the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from delreg.json_shapes import acknowledgement_json


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


class PublicText(NamedTuple):
    """What a decision not marked secret shows the public of itself: its subject and parties
    (the parties as stored, one cell)."""

    diary_number: str
    decided_on: str | None
    subject: str
    parties: str | None


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


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """A finding someone has accepted, with their reason; it no longer fails `delreg check`."""

    rule: str
    diary_number: str
    reason: str
    at: str
    user: str

    def to_json(self) -> dict[str, str]:
        return acknowledgement_json(self)
