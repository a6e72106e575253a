"""Running the rules a user asked for over a source of facts, and joining the acknowledgements."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from datetime import timedelta

from delreg.checks.contracts import contract_notice, expired_in_use
from delreg.checks.delegation import check_delegation
from delreg.checks.facts import ChainDecision, CheckSource
from delreg.checks.findings import (
    RULES,
    Acknowledgement,
    Finding,
    MissingDate,
    missing_date_findings,
    sorted_findings,
)
from delreg.checks.numbers import diary_number_after_decision
from delreg.checks.procurement import check_procurement, check_procurements
from delreg.checks.reporting import decided_after_meeting, reported_twice, unreported
from delreg.checks.settings import CheckSettings
from delreg.errors import InvalidValue

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
        families = {rule.family for rule in RULES.values()} - {"any"}
    found: list[Found] = []
    for family in sorted(families):
        found.extend(_family(family, source, settings))
    return finish(found, rules, settings, source.acknowledgements())


def _family(family: str, source: CheckSource, settings: CheckSettings) -> Iterator[Found]:
    since = settings.since
    if family == "procurement":
        # Whole chains are read: an award before --since still governs a contract after it.
        yield from check_procurements(source.chain_decisions(settings.chain_kinds), settings)
    elif family == "reporting":
        yield from reported_twice(source.repeated_reportings(since))
        yield from decided_after_meeting(source.reported_before_decided(since))
        cutoff = settings.today - timedelta(days=settings.unreported_days)
        yield from unreported(source.unreported_decisions(cutoff.isoformat(), since), settings)
    elif family == "contracts":
        last = settings.today + timedelta(days=settings.contract_notice_days)
        yield from contract_notice(
            source.contract_notices(settings.today.isoformat(), last.isoformat()), settings
        )
        yield from expired_in_use(source.contract_uses_after_end(since), settings)
    elif family == "numbers":
        yield from diary_number_after_decision(source.diary_numbers_to_check(since))
    elif family == "delegation":
        book = source.delegation_book(settings.default_board)
        if book.orders:
            yield from check_delegation(
                source.delegation_facts(since), book, settings.prisbasbelopp
            )


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
