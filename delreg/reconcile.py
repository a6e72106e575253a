"""Reconciling the register with the registry system's export (diariet): is every delegation
decision the registry holds in the register, and the other way round? Pure.

The export is read by the same readers and column names as `delreg import`, with a configuration
derived for the purpose (``reconcile_config``): the document-type columns of ``[reconcile]``
count as kind columns, and its ``document_types`` as the words of a kind of their own, so a row
the registry calls "Delegationsbeslut" is told apart from an incoming letter. A row is a
delegation decision when

- its kind (or document type) names one of delreg's kinds other than the catch-all ``beslut``,
  or one of ``document_types``;
- it has a delegation point (``delegation_point = true``, the default);
- or its subject matches one of ``subject_words``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from delreg.checks.board_reporting import unreported
from delreg.checks.facts import UnreportedDecision
from delreg.checks.findings import Finding
from delreg.checks.settings import CheckSettings
from delreg.config import FALLBACK_KIND, Config
from delreg.model import Decision
from delreg.parse import Record, Rejected

# The kind the derived configuration gives a row whose document type is a delegation decision;
# shown as the catch-all kind, which is what the register would make of it.
DOCUMENT_TYPE_KIND = "reconcile-document-type"


def reconcile_config(config: Config) -> Config:
    """``config`` with the document-type columns read as kinds (see the module's docstring)."""
    raw = copy.deepcopy(config.raw)
    section = config.section("reconcile")
    columns = raw.setdefault("columns", {})
    columns["kind"] = [*columns.get("kind", []), *section.get("document_type_columns", [])]
    # Last, so a kind's own words win: "Tilldelningsbeslut" stays an award.
    raw.setdefault("kinds", {})[DOCUMENT_TYPE_KIND] = {
        "label": "Delegationsbeslut",
        "match": list(section.get("document_types", [])),
    }
    return Config(raw, config.source)


@dataclass(frozen=True)
class Recognition:
    """The ``[reconcile]`` rules that say which rows are delegation decisions."""

    subject_words: tuple[re.Pattern[str], ...] = ()
    delegation_point: bool = True

    @classmethod
    def from_config(cls, config: Config) -> Recognition:
        section = config.section("reconcile")
        return cls(
            subject_words=tuple(
                re.compile(word, re.IGNORECASE) for word in section.get("subject_words", [])
            ),
            delegation_point=bool(section.get("delegation_point", True)),
        )

    def is_delegation_decision(self, row: Decision) -> bool:
        if row.kind != FALLBACK_KIND:
            return True
        if self.delegation_point and row.delegation_point:
            return True
        return any(word.search(row.subject) for word in self.subject_words)


@dataclass
class Reconciliation:
    since: str | None
    until: str | None
    seen: int = 0
    other_rows: int = 0
    registry_decisions: int = 0
    register_decisions: int = 0
    not_in_register: list[Decision] = field(default_factory=list)
    not_in_registry: list[Decision] = field(default_factory=list)
    unreported: list[tuple[Decision, Finding]] = field(default_factory=list)
    unreadable: list[Rejected] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return bool(
            self.not_in_register or self.not_in_registry or self.unreported or self.unreadable
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "rows": {
                "seen": self.seen,
                "delegation_decisions": self.registry_decisions,
                "other": self.other_rows,
                "unreadable": len(self.unreadable),
            },
            "register_decisions": self.register_decisions,
            "not_in_register": [_row_json(row) for row in self.not_in_register],
            "not_in_registry": [_row_json(row) for row in self.not_in_registry],
            "unreported": [
                {**_row_json(row), "message": found.message} for row, found in self.unreported
            ],
            "unreadable": [item.to_json() for item in self.unreadable],
        }


def _row_json(row: Decision) -> dict[str, Any]:
    return {
        "diary_number": row.diary_number,
        "kind": FALLBACK_KIND if row.kind == DOCUMENT_TYPE_KIND else row.kind,
        "subject": row.subject,
        "decided_on": row.decided_on,
        "delegate": row.delegate,
        "source": row.source,
    }


def in_period(day: str | None, since: str | None, until: str | None) -> bool:
    """Whether a decision dated ``day`` falls in the period; an undated one only when no
    period was asked for (it cannot be placed in one)."""
    if day is None:
        return since is None and until is None
    return (since is None or day >= since) and (until is None or day <= until)


def reconcile(
    records: Iterable[Record],
    register: Iterable[Decision],
    known: Mapping[str, Decision],
    settings: CheckSettings,
    recognition: Recognition,
    *,
    since: str | None = None,
    until: str | None = None,
) -> Reconciliation:
    """Compare the export's ``records`` with the ``register``'s decisions of the period.

    ``known`` holds the register's decisions (deleted ones left out) of every diary number
    the export names, whatever their date: a decision in the export's period that the register
    dates otherwise is in both, not missing from one.
    """
    result = Reconciliation(since, until)
    in_registry: dict[str, Decision] = {}
    numbers_seen: set[str] = set()
    for record in records:
        result.seen += 1
        if isinstance(record, Rejected):
            result.unreadable.append(record)
            continue
        if not isinstance(record, Decision):
            result.other_rows += 1
            continue
        numbers_seen.add(record.diary_number)
        if not recognition.is_delegation_decision(record):
            result.other_rows += 1
            continue
        if in_period(record.decided_on, since, until):
            in_registry[record.diary_number] = record
    result.registry_decisions = len(in_registry)
    waiting: list[Decision] = []
    for number, row in in_registry.items():
        held = known.get(number)
        if held is None:
            result.not_in_register.append(row)
        elif held.meeting is None:
            waiting.append(held)
    for decision in register:
        if not in_period(decision.decided_on, since, until):
            continue
        result.register_decisions += 1
        if decision.diary_number not in numbers_seen:
            result.not_in_registry.append(decision)
        elif decision.meeting is None and decision.diary_number not in in_registry:
            # In the export, though not recognised there as a delegation decision.
            waiting.append(decision)
    by_number = {decision.diary_number: decision for decision in waiting}
    for found in unreported(
        (UnreportedDecision(d.diary_number, d.decided_on) for d in by_number.values()), settings
    ):
        if isinstance(found, Finding):
            result.unreported.append((by_number[found.diary_number], found))
    for rows in (result.not_in_register, result.not_in_registry):
        rows.sort(key=lambda row: (row.decided_on or "", row.diary_number))
    result.unreported.sort(key=lambda pair: (pair[0].decided_on or "", pair[0].diary_number))
    return result
