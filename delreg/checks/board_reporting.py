"""Reporting to the board: reported-twice, decided-after-meeting, unreported.

Kommunallagen 6 kap. 40 §: a delegation decision is reported to the board, once, at a meeting
held on or after the day it was decided; one that is not reported must be posted on its own
(8 kap. 10 §), so a decision left unreported for long is worth a warning. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from delreg.checks.facts import (
    CheckSource,
    MeetingReporting,
    RepeatedReporting,
    UnreportedDecision,
)
from delreg.checks.findings import Finding, MissingDate, argument, finding
from delreg.checks.settings import CheckSettings


def reported_twice(rows: Iterable[RepeatedReporting]) -> Iterator[Finding]:
    for row in rows:
        if len(row.reportings) < 2:
            continue
        where = " and ".join(f"{meeting} (item {item})" for meeting, item in sorted(row.reportings))
        first = min(meeting for meeting, _ in row.reportings)
        yield finding(
            "reported-twice",
            row.diary_number,
            f"{row.diary_number} is reported at {len(row.reportings)} meetings: {where}",
            f"a decision is reported once: take it off the lists after {first}, or acknowledge "
            f"it: `delreg check --ack reported-twice {argument(row.diary_number)} --reason …`",
            decided_on=row.decided_on,
        )


def decided_after_meeting(rows: Iterable[MeetingReporting]) -> Iterator[Finding]:
    for row in rows:
        # A decision taken on the day of the meeting may still be reported there.
        if row.decided_on is None or row.decided_on <= row.meeting:
            continue
        yield finding(
            "decided-after-meeting",
            row.diary_number,
            f"{row.diary_number} was decided {row.decided_on} but is reported as item "
            f"{row.item} of the meeting of {row.meeting}, held before it was decided",
            f"check the decision date (`delreg edit {argument(row.diary_number)} --decided-on "
            "DATE`) and the meeting it was reported to",
            decided_on=row.decided_on,
        )


def unreported(
    rows: Iterable[UnreportedDecision], settings: CheckSettings
) -> Iterator[Finding | MissingDate]:
    limit = settings.unreported_days
    for row in rows:
        if row.decided_on is None:
            yield MissingDate(row.diary_number, "decided_on", "unreported")
            continue
        age = (settings.today - date.fromisoformat(row.decided_on)).days
        if age <= limit:
            continue
        yield finding(
            "unreported",
            row.diary_number,
            f"{row.diary_number} was decided {row.decided_on}, {age} days ago, and is not "
            f"reported to the board (expected within {limit} days)",
            "put it on the next meeting's list (`delreg report --meeting DATE --mark-reported`); "
            "a decision that is not reported must be posted on its own (kommunallagen 8 kap. "
            "10 §)",
            decided_on=row.decided_on,
        )


def find(source: CheckSource, settings: CheckSettings) -> Iterator[Finding | MissingDate]:
    """The family's findings over the register (delreg.checks.families)."""
    since = settings.since
    yield from reported_twice(source.repeated_reportings(since))
    yield from decided_after_meeting(source.reported_before_decided(since))
    cutoff = settings.today - timedelta(days=settings.unreported_days)
    yield from unreported(source.unreported_decisions(cutoff.isoformat(), since), settings)
