"""Running the rules a user asked for over a source of facts, and joining the acknowledgements."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from delreg.checks.facts import ChainDecision, CheckSource
from delreg.checks.families import FAMILIES
from delreg.checks.findings import (
    RULES,
    Finding,
    MissingDate,
    missing_date_findings,
    sorted_findings,
)
from delreg.checks.procurement import check_procurement
from delreg.checks.settings import CheckSettings
from delreg.errors import InvalidValue
from delreg.facts import Acknowledgement

Found = Finding | MissingDate


def require_rules(names: Iterable[str]) -> tuple[str, ...]:
    """The rules a user named, checked; all of them when none was named."""
    chosen = tuple(dict.fromkeys(name.strip() for name in names))
    unknown = [name for name in chosen if name not in RULES]
    if unknown:
        raise InvalidValue(f"unknown rule {unknown[0]!r}", hint="rules: " + ", ".join(RULES))
    return chosen or tuple(RULES)


def run_checks(
    source: CheckSource, settings: CheckSettings, rules: Collection[str] = tuple(RULES)
) -> list[Finding]:
    """The findings of ``rules``, acknowledged ones marked, in their documented order."""
    # `missing-date` alone needs every family that can find a date missing.
    families = {RULES[name].family for name in rules}
    if "any" in families:
        families = set(FAMILIES)
    found: list[Found] = []
    # Always in one order: a decision's missing-date finding takes its context from the first
    # family that missed a date.
    for family in sorted(families):
        found.extend(FAMILIES[family].find(source, settings))
    return finish(found, rules, settings, source.acknowledgements())


def procurement_findings(
    decisions: Iterable[ChainDecision],
    settings: CheckSettings,
    acknowledgements: dict[tuple[str, str], Acknowledgement],
) -> list[Finding]:
    """The findings against one procurement's chain (for `delreg procurement`)."""
    rules = [name for name, rule in RULES.items() if rule.family in ("procurement", "any")]
    found = list(check_procurement(list(decisions), settings))
    return finish(found, rules, replace(settings, since=None), acknowledgements)


def finish(
    found: Iterable[Found],
    rules: Collection[str],
    settings: CheckSettings,
    acknowledgements: dict[tuple[str, str], Acknowledgement],
) -> list[Finding]:
    findings: list[Finding] = []
    missing: list[MissingDate] = []
    for item in found:
        if isinstance(item, MissingDate):
            missing.append(item)
        else:
            findings.append(item)
    findings.extend(missing_date_findings(missing))
    since = settings.since
    kept = [
        _acknowledged(item, acknowledgements)
        for item in findings
        if item.rule in rules
        # An undated decision stays in view: nobody can say it is older than --since.
        and (since is None or item.decided_on is None or item.decided_on >= since)
    ]
    return sorted_findings(kept)


def _acknowledged(
    item: Finding, acknowledgements: dict[tuple[str, str], Acknowledgement]
) -> Finding:
    acknowledgement = acknowledgements.get((item.rule, item.diary_number))
    return item if acknowledgement is None else replace(item, acknowledged=acknowledgement)
