"""What a check reports: the rules, their severities, a finding and its acknowledgement. Pure."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NamedTuple

from delreg.facts import Acknowledgement
from delreg.json_shapes import finding_json
from delreg.model import diary_number_sort_key


def argument(value: str) -> str:
    """``value`` as a hint's command line writes it, ready to paste into a shell: "RS 2024/17"
    in quotes, so that `delreg edit 'RS 2024/17' …` edits that decision."""
    return shlex.quote(value)


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    # The module that computes it; running one rule runs its family and keeps only its findings.
    family: str
    summary: str


_RULES = (
    Rule("standstill", Severity.error, "procurement",
         "kontrakt signed inside the avtalsspärr of its tilldelningsbeslut (LOU 20 kap. 1 §)"),
    Rule("contract-without-award", Severity.error, "procurement",
         "kontrakt with a procurement number but no tilldelningsbeslut in it"),
    Rule("award-without-contract", Severity.warning, "procurement",
         "tilldelningsbeslut with no kontrakt after the configured number of days"),
    Rule("chain-order", Severity.error, "procurement",
         "initiering after the award, or award after the contract, in one procurement"),
    Rule("reported-twice", Severity.error, "reporting",
         "decision reported at more than one meeting"),
    Rule("decided-after-meeting", Severity.error, "reporting",
         "decision reported at a meeting held before it was decided"),
    Rule("unreported", Severity.warning, "reporting",
         "decided more than the configured number of days ago and not reported"),
    Rule("missing-date", Severity.warning, "any",
         "a date another rule needs is missing"),
    Rule("delegation", Severity.error, "delegation",
         "delegate, amount or kind not allowed by the delegation order"),
    Rule("diary-number", Severity.warning, "numbers",
         "diary number of a later year than the decision"),
    Rule("personal-number", Severity.warning, "numbers",
         "a decision not marked secret names a person by personal identity number"),
    Rule("contract-notice", Severity.warning, "contracts",
         "a contract's last day to give notice or use its option is near"),
    Rule("contract-expired-in-use", Severity.warning, "contracts",
         "a decision under a contract's procurement number after the contract ended"),
)  # fmt: skip

RULES: Mapping[str, Rule] = MappingProxyType({rule.name: rule for rule in _RULES})
_RULE_ORDER = {name: position for position, name in enumerate(RULES)}
_SEVERITY_ORDER = {Severity.error: 0, Severity.warning: 1}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    diary_number: str
    message: str
    hint: str
    # The decision's date, for --since and for the reader; None when the register has none.
    decided_on: str | None = None
    procurement_number: str | None = None
    acknowledged: Acknowledgement | None = None
    # The board whose decision it is (a code; None: the register's unnamed board, or a finding
    # not yet placed). The rules read decisions without their boards; the service places them.
    board: str | None = None

    def to_json(self) -> dict[str, Any]:
        return finding_json(self)

    def sort_key(self) -> tuple[int, int, tuple[int, int, str], str]:
        """Errors first, then the rules in their documented order, then by diary number."""
        return (
            _SEVERITY_ORDER[self.severity],
            _RULE_ORDER.get(self.rule, len(_RULE_ORDER)),
            diary_number_sort_key(self.diary_number),
            self.message,
        )


def finding(
    rule: str,
    diary_number: str,
    message: str,
    hint: str,
    *,
    decided_on: str | None = None,
    procurement_number: str | None = None,
    severity: Severity | None = None,
) -> Finding:
    """A finding with its rule's usual severity unless told otherwise."""
    return Finding(
        rule=rule,
        severity=severity or RULES[rule].severity,
        diary_number=diary_number,
        message=message,
        hint=hint,
        decided_on=decided_on,
        procurement_number=procurement_number,
    )


class MissingDate(NamedTuple):
    """A date a rule needed and did not find; gathered into one `missing-date` per decision."""

    diary_number: str
    field: str  # "decided_on" or "notified_on"
    needed_by: str  # the rule that could not be checked
    decided_on: str | None = None
    procurement_number: str | None = None


_FIELD_WORDS = {"decided_on": "decision date", "notified_on": "notification date"}
_FIELD_OPTIONS = {"decided_on": "--decided-on", "notified_on": "--notified-on"}


def missing_date_findings(missing: Iterable[MissingDate]) -> list[Finding]:
    """One warning per decision naming every missing date and the rules it blocks."""
    by_number: dict[str, dict[str, set[str]]] = {}
    context: dict[str, MissingDate] = {}
    for item in missing:
        by_number.setdefault(item.diary_number, {}).setdefault(item.field, set()).add(
            item.needed_by
        )
        context.setdefault(item.diary_number, item)
    findings = []
    for number, fields in by_number.items():
        parts = [
            f"no {_FIELD_WORDS.get(name, name)} ({name}), needed by "
            + ", ".join(sorted(rules, key=lambda rule: _RULE_ORDER.get(rule, 99)))
            for name, rules in sorted(fields.items())
        ]
        options = " ".join(f"{_FIELD_OPTIONS.get(name, name)} DATE" for name in sorted(fields))
        findings.append(
            finding(
                "missing-date",
                number,
                f"{number} has " + "; ".join(parts),
                f"set it with `delreg edit {argument(number)} {options}`",
                decided_on=context[number].decided_on,
                procurement_number=context[number].procurement_number,
            )
        )
    return findings


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
