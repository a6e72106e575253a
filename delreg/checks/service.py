"""The checks over an open register, as the commands ask for them: a run of the rules, one
procurement's chain, acknowledging a finding. The command line only opens the register and
shows what these return; the rules themselves stay pure in their own modules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from delreg.checks.findings import Finding, Severity
from delreg.checks.runner import procurement_findings, require_rules, run_checks
from delreg.checks.settings import CheckSettings
from delreg.checks.timeline import TimelineEvent, chain_decision, procurement_timeline
from delreg.errors import NotFound
from delreg.facts import Acknowledgement
from delreg.model import normalise_diary_number

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.store import Store


def open_errors(findings: Iterable[Finding]) -> int:
    """The error findings nobody has acknowledged: each one makes a check exit 1."""
    return sum(f.severity is Severity.error and f.acknowledged is None for f in findings)


@dataclass(frozen=True)
class CheckRun:
    findings: list[Finding]
    # The delegation rule was asked for by name but has no order to check against.
    no_delegation_order: bool


def check_register(
    store: Store,
    settings: CheckSettings,
    rules: Iterable[str],
    *,
    named: bool,
    board: str | None = None,
) -> CheckRun:
    """The findings of ``rules`` (checked names; see ``require_rules``) over the register, or
    about the decisions of ``board`` (a board's code) alone.

    ``named`` says the user chose the rules, so a missing delegation order is worth a note.
    """
    chosen = tuple(rules)
    missing_order = (
        named
        and "delegation" in chosen
        and not store.delegation_book(settings.default_board).orders
    )
    findings = placed(store, run_checks(store, settings, chosen))
    if board is not None:
        # The rules read the whole register (a procurement's chain may cross boards); the
        # findings kept are those about this board's decisions.
        findings = [f for f in findings if f.diary_number is None or f.board == board]
    return CheckRun(findings, missing_order)


def placed(store: Store, findings: list[Finding]) -> list[Finding]:
    """``findings``, each with the board of the decision it is about: a region's auditor reads
    one list of every board's findings and must see whose each one is."""
    boards = {
        number: decision.board
        for number, decision in store.held(
            f.diary_number for f in findings if f.diary_number
        ).items()
    }
    return [replace(f, board=boards.get(f.diary_number)) for f in findings]


def finding_reference(config: Config, rule: str, diary_number: str) -> tuple[str, str]:
    """A user's RULE DNR of an acknowledgement, checked and normalised."""
    return require_rules([rule])[0], normalise_diary_number(diary_number, config)


def acknowledge(store: Store, rule: str, diary_number: str, reason: str) -> Acknowledgement:
    return store.acknowledge(rule, diary_number, reason)


def withdraw(store: Store, rule: str, diary_number: str) -> Acknowledgement:
    return store.withdraw(rule, diary_number)


@dataclass(frozen=True)
class ProcurementChain:
    """One procurement's decisions as a timeline, with the findings against the chain."""

    procurement_number: str
    timeline: list[TimelineEvent]
    findings: list[Finding]

    def to_json(self) -> dict[str, Any]:
        return {
            "procurement_number": self.procurement_number,
            "timeline": [event.to_json() for event in self.timeline],
            "findings": [f.to_json() for f in self.findings],
        }


def procurement_chain(store: Store, number: str, settings: CheckSettings) -> ProcurementChain:
    """The chain of procurement ``number`` (normalised); NotFound when it has no decisions."""
    from delreg.store import DecisionQuery

    decisions = list(store.decisions(DecisionQuery(procurement_number=number, newest_first=False)))
    acknowledgements = store.acknowledgements()
    if not decisions:
        raise NotFound(
            f"no decisions in procurement {number}",
            hint="`delreg list --search …` finds decisions by their words",
        )
    chain = [chain_decision(d) for d in decisions if d.kind in settings.chain_kinds]
    return ProcurementChain(
        number,
        procurement_timeline(decisions, settings),
        placed(store, procurement_findings(chain, settings, acknowledgements)),
    )
