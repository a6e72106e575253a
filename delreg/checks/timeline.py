"""One procurement's chain on a timeline: initiering, award, spärr, contract, PUB-avtal. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from delreg.checks.facts import ChainDecision
from delreg.checks.procurement import standstill_window
from delreg.checks.settings import CheckSettings
from delreg.model import Decision


@dataclass(frozen=True)
class TimelineEvent:
    day: str | None
    event: str
    diary_number: str
    kind: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day,
            "event": self.event,
            "diary_number": self.diary_number,
            "kind": self.kind,
            "detail": self.detail,
        }


def chain_decision(decision: Decision) -> ChainDecision:
    assert decision.procurement_number is not None
    return ChainDecision(
        decision.diary_number,
        decision.kind,
        decision.procurement_number,
        decision.decided_on,
        decision.notified_on,
        decision.notified_by,
        decision.standstill_days,
    )


def procurement_timeline(
    decisions: Iterable[Decision], settings: CheckSettings
) -> list[TimelineEvent]:
    """The procurement's events in date order; undated decisions last, as they came."""
    events: list[TimelineEvent] = []
    for decision in decisions:
        events.append(
            TimelineEvent(
                decision.decided_on,
                _event_name(decision, settings),
                decision.diary_number,
                decision.kind,
                decision.subject,
            )
        )
        if decision.kind in settings.award_kinds:
            events.extend(_award_events(decision, settings))
    # Stable: on one day the decision comes before the notification and the spärr it opens.
    return sorted(events, key=lambda event: event.day or "9999-99-99")


def _event_name(decision: Decision, settings: CheckSettings) -> str:
    if decision.kind in settings.initiation_kinds:
        return "initiering decided"
    if decision.kind in settings.award_kinds:
        return "award decided"
    if decision.kind in settings.contract_kinds:
        return "contract signed"
    if decision.kind in settings.processor_agreement_kinds:
        return "PUB-avtal signed"
    return f"{decision.kind} decided"


def _award_events(decision: Decision, settings: CheckSettings) -> list[TimelineEvent]:
    number, kind = decision.diary_number, decision.kind
    if decision.kind not in settings.standstill_kinds:
        return [TimelineEvent(decision.decided_on, "no avtalsspärr", number, kind,
                              f"kind {kind!r} opens no avtalsspärr")]  # fmt: skip
    window = standstill_window(chain_decision(decision), settings)
    if window is None:
        return [TimelineEvent(None, "avtalsspärr unknown", number, kind,
                              "no notification or decision date")]  # fmt: skip
    events = []
    if not window.counted_from_decision:
        how = "by post" if decision.notified_by == "post" else "electronically"
        events.append(TimelineEvent(window.notified_on.isoformat(), "award notified", number, kind,
                                    f"{how}; day 0 of the avtalsspärr"))  # fmt: skip
    events.append(
        TimelineEvent(window.ends_on.isoformat(), "avtalsspärr ends", number, kind,
                      window.describe())
    )  # fmt: skip
    events.append(
        TimelineEvent(window.contract_allowed_from.isoformat(), "contract allowed from", number,
                      kind, "the first day the contract may be signed")
    )  # fmt: skip
    return events
