"""Contracts over time: contract-notice, contract-expired-in-use. Pure.

An option to extend a contract (förlängning) must be used in writing, and notice given, by a
stated day (``notice_by``); extending too late is in effect a new purchase without procurement
(otillåten direktupphandling). So `contract-notice` warns the configured number of days
(``[checks] contract_notice_days``, 90 by default) before that day.

"In use" after it ended: the register cannot see invoices, only decisions. A contract is taken
to be in use when a decision under its procurement number (a kontrakt, tilläggsbeslut, PUB-avtal
or any other kind that builds on the procurement) is dated after the contract's last day, which
is its ``extension_until`` when it has one, else its ``valid_to``. An initiering or a
tilldelningsbeslut under the same number starts a new round of the procurement and is not a use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from delreg.checks.facts import CheckSource, ContractNotice, ContractUse
from delreg.checks.findings import Finding, argument, finding
from delreg.checks.settings import CheckSettings


def contract_notice(rows: Iterable[ContractNotice], settings: CheckSettings) -> Iterator[Finding]:
    for row in rows:
        left = (date.fromisoformat(row.notice_by) - settings.today).days
        if not 0 <= left <= settings.contract_notice_days:
            continue
        ends = f"; the contract runs to {row.valid_to}" if row.valid_to else ""
        option = f", with an option to {row.extension_until}" if row.extension_until else ""
        yield finding(
            "contract-notice",
            row.diary_number,
            f"{row.diary_number} ({row.subject}): the last day to give notice or use the "
            f"option is {row.notice_by}, in {left} days{ends}{option}",
            "decide whether to extend, give notice or procure anew, in writing before that day; "
            f"once done, `delreg edit {argument(row.diary_number)} --clear notice_by` or "
            "acknowledge it",
            decided_on=row.decided_on,
        )


def expired_in_use(rows: Iterable[ContractUse], settings: CheckSettings) -> Iterator[Finding]:
    new_round = settings.initiation_kinds | settings.award_kinds
    for row in rows:
        if row.used_kind in new_round or row.used_on <= row.ended_on:
            continue
        yield finding(
            "contract-expired-in-use",
            row.diary_number,
            f"{row.diary_number} ({row.procurement_number}) ended {row.ended_on}, but "
            f"{row.used_by} ({row.used_kind}) under the same procurement is dated {row.used_on}",
            "an expired contract cannot be used or extended: check its dates "
            f"(`delreg edit {argument(row.diary_number)} --extension-until DATE`) or whether "
            f"{row.used_by} needs a procurement of its own",
            decided_on=row.decided_on,
            procurement_number=row.procurement_number,
        )


def find(source: CheckSource, settings: CheckSettings) -> Iterator[Finding]:
    """The family's findings over the register (delreg.checks.families)."""
    last = settings.today + timedelta(days=settings.contract_notice_days)
    yield from contract_notice(
        source.contract_notices(settings.today.isoformat(), last.isoformat()), settings
    )
    yield from expired_in_use(source.contract_uses_after_end(settings.since), settings)
