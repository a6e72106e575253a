"""The public register at one moment: everything a publication shows, read once from the store
and masked once, so that every artefact is a pure function of it.

Only what may be public enters here: deleted decisions are left out, secret ones are masked by
delreg.public's one rule, internal fields are dropped, and the history keeps when and what kind
of change was made to which public field, never the values, the OS user or the command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from delreg.config import Config
from delreg.model import Decision, Meeting, Notice, decision_from_mapping, diary_number_sort_key
from delreg.public import published_json, shown_publicly, without_internal
from delreg.report.sentences import decision_sentence

if TYPE_CHECKING:
    from delreg.checks.settings import CheckSettings
    from delreg.report.build import MeetingReport
    from delreg.store import Event, Reporting, Store

# How the public history names each kind of change.
ACTIONS = {
    "insert": "registrerat",
    "update": "ändrat",
    "delete": "borttaget",
    "undelete": "återställt",
    "report": "anmält",
}
# A register with no history yet is dated by this, so the bundle still has one fixed date.
EPOCH = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class PublicDecision:
    """One decision as the public sees it (masked when secret), with its sentence."""

    decision: Decision
    data: dict[str, Any]
    sentence: str
    standstill_ends_on: str | None
    # When the register last changed this decision (its history's latest time), so a file
    # dated by it changes only with the decision.
    changed_at: str = EPOCH

    @property
    def diary_number(self) -> str:
        return self.decision.diary_number


@dataclass(frozen=True)
class PublicMeeting:
    meeting: Meeting
    board: str
    appeal_ends_on: str | None
    # The public version of the meeting's list; None until the list is fixed (reported).
    report: MeetingReport | None
    notices: tuple[Notice, ...]


@dataclass(frozen=True)
class Procurement:
    number: str
    decisions: tuple[PublicDecision, ...]


@dataclass(frozen=True)
class PublicChange:
    """A line of the public history: when, what kind of change, which public fields."""

    diary_number: str
    at: str
    action: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class FeedEntry:
    """The latest public change of one decision: ``new``, ``changed`` or ``withdrawn``.

    ``decision`` is None for a deleted decision: its withdrawal names nothing but its entry id.
    """

    key: str
    status: str
    at: str
    decision: PublicDecision | None


@dataclass(frozen=True)
class PublicRegister:
    decisions: tuple[PublicDecision, ...]
    meetings: tuple[PublicMeeting, ...]
    procurements: tuple[Procurement, ...]
    reportings: tuple[Reporting, ...]
    history: tuple[PublicChange, ...]
    feed: tuple[FeedEntry, ...]
    kinds: dict[str, str]
    last_change: str

    @property
    def boards(self) -> tuple[str, ...]:
        return tuple(sorted({meeting.board for meeting in self.meetings if meeting.board}))


def collect(store: Store, config: Config, board: str | None = None) -> PublicRegister:
    """Read the register through the store's public methods and keep what may be public:
    of ``board`` (a code), or of every board."""
    from delreg.report.build import meeting_report
    from delreg.store import DecisionQuery

    full = sorted(
        store.decisions(DecisionQuery(newest_first=False, board=board)),
        key=lambda decision: diary_number_sort_key(decision.diary_number),
    )
    from delreg.checks.settings import CheckSettings

    settings = CheckSettings.from_config(config, today=date.min)
    decisions = tuple(public_decision(decision, config, settings) for decision in full)
    meetings = []
    for meeting in store.meetings(board):
        report = meeting_report(store, meeting.date, config, board=meeting.board, public=True)
        # The report's CSV and JSON write every field of a decision: the internal ones go.
        items = tuple(
            replace(item, decision=without_internal(item.decision)) for item in report.items
        )
        report = replace(report, items=items)
        meetings.append(
            PublicMeeting(
                meeting=meeting,
                board=report.board,
                appeal_ends_on=report.appeal_ends_on,
                report=report if report.fixed else None,
                notices=report.notices,
            )
        )
    events = list(store.events())
    if board is not None:
        # The board's decisions' history, deleted ones included (their feed says withdrawn).
        ours = {
            d.diary_number
            for d in store.decisions(DecisionQuery(board=board, include_deleted=True))
        }
        events = [event for event in events if event.diary_number in ours]
    history = tuple(
        public_history(events, {decision.diary_number: decision for decision in decisions})
    )
    # Dated by its public history: a change to internal fields alone changes no page.
    changed = {change.diary_number: change.at for change in history}
    decisions = tuple(
        replace(decision, changed_at=changed.get(decision.diary_number, EPOCH))
        for decision in decisions
    )
    visible = {decision.diary_number: decision for decision in decisions}
    return PublicRegister(
        decisions=decisions,
        meetings=tuple(meetings),
        procurements=procurements(decisions),
        reportings=tuple(
            each for each in store.reportings() if board is None or each.board == board
        ),
        history=history,
        feed=feed_entries(events, visible, config),
        kinds={slug: spec.label for slug, spec in config.kinds.items()},
        last_change=max((event.at for event in events), default=EPOCH),
    )


def public_decision(decision: Decision, config: Config, settings: CheckSettings) -> PublicDecision:
    """The decision as published; ``settings`` (the checks' reading of the configuration) give
    the length of the avtalsspärr per award kind."""
    shown = shown_publicly(decision, config)
    return PublicDecision(
        decision=shown,
        data=published_json(decision, config),
        sentence=decision_sentence(shown, config, public=True),
        standstill_ends_on=None if shown.secret else _standstill_end(decision, settings),
    )


def _standstill_end(decision: Decision, settings: CheckSettings) -> str | None:
    """The last day of the avtalsspärr the decision opened (computed from internal fields)."""
    from delreg.checks.procurement import standstill_window
    from delreg.checks.timeline import chain_decision

    if not decision.procurement_number:
        return None
    window = standstill_window(chain_decision(decision), settings)
    return window.ends_on.isoformat() if window else None


def procurements(decisions: Iterable[PublicDecision]) -> tuple[Procurement, ...]:
    """Each procurement's public decisions in the order they were taken (a secret decision has
    no procurement number in public, so it is in no chain)."""
    chains: dict[str, list[PublicDecision]] = {}
    for decision in decisions:
        number = decision.decision.procurement_number
        if number:
            chains.setdefault(number, []).append(decision)
    return tuple(
        Procurement(number, tuple(sorted(chains[number], key=_chain_order)))
        for number in sorted(chains)
    )


def _chain_order(decision: PublicDecision) -> tuple[str, tuple[int, int, str]]:
    return (decision.decision.decided_on or "9999", diary_number_sort_key(decision.diary_number))


def public_history(
    events: Iterable[Event], visible: dict[str, PublicDecision]
) -> Iterable[PublicChange]:
    """The history of the decisions the public sees: field names only, never values."""
    public_keys = set(next(iter(visible.values())).data) if visible else set()
    for event in events:
        if event.diary_number not in visible:
            continue
        fields: tuple[str, ...] = ()
        if event.action == "update":
            fields = tuple(name for name in event.changes() if name in public_keys)
            if not fields:
                continue  # only internal fields changed: nothing the public can see
        yield PublicChange(
            event.diary_number, event.at, ACTIONS.get(event.action, event.action), fields
        )


def feed_entries(
    events: Iterable[Event], visible: dict[str, PublicDecision], config: Config
) -> tuple[FeedEntry, ...]:
    """Each decision's latest public change, newest first.

    The history is replayed as the public would have seen it: a decision appears (new), shows
    other public values (changed), or stops being shown, by being deleted or made secret
    (withdrawn, so that copies remove what they took). Changes to internal fields alone are no
    change to the public.
    """
    shown: dict[str, dict[str, Any] | None] = {}
    latest: dict[str, FeedEntry] = {}
    for event in events:
        if event.action not in ("insert", "update", "delete", "undelete"):
            continue
        number = event.diary_number
        before = shown.get(number)
        after = None if event.action == "delete" else _public_state(event.new, config)
        if after == before:
            continue
        shown[number] = after
        if after is None or (before is not None and not before["secret"] and after["secret"]):
            status = "withdrawn"
        elif before is None:
            status = "new"
        else:
            status = "changed"
        latest[number] = FeedEntry(number, status, event.at, visible.get(number))
    ordered = sorted(latest.values(), key=lambda entry: (entry.at, entry.key), reverse=True)
    # A withdrawal keeps the decision only when it is still shown (masked, made secret).
    return tuple(
        entry
        if entry.decision is not None or entry.status == "withdrawn"
        else FeedEntry(entry.key, "withdrawn", entry.at, None)
        for entry in ordered
    )


def _public_state(values: dict[str, Any] | None, config: Config) -> dict[str, Any] | None:
    if values is None:
        return None
    return published_json(decision_from_mapping(values), config)
