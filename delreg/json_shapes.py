"""The JSON shapes of the command-line contract (design.md), each in one function. Pure.

Scripts read these keys: a key may be added, never renamed or taken away, and the order is kept
(people diff the output). Each value type's ``to_json`` hands itself to the function here, so
this module is where a shape is read and changed:

- a decision (``list``, ``show``, a report's items): the field list's keys in order
  (delreg.model.FIELDS), parties as a list; its appeals and legal status (``status``);
- a meeting (``meetings list``, a meeting's report) and its notices; a board (``boards list``);
- an import's summary (``import --json``), with what it rejected and, on a dry run, each change;
- a finding (``check --format json``) and its acknowledgement;
- an entry of a decision's history (``history``), and an item falling due (``due``).

Types from the layers above the model (the store's summary, a check's finding) are described by
the attributes the shape reads (a Protocol), so this module imports nothing above the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

# Nothing of the model at run time: delreg.model's types hand themselves to this module.
if TYPE_CHECKING:
    from delreg.boards import Board
    from delreg.model import Appeal, Decision, Meeting, Notice


def decision_json(decision: Decision) -> dict[str, Any]:
    """A decision: every field of the field list (delreg.model.FIELDS) by its name, in order;
    tests/test_fields.py holds the two equal."""
    # Written out: dataclasses.asdict deep-copies every value and a dict of a zip is three times
    # slower, and an import of a million rows writes each decision's JSON into the history.
    return {
        "diary_number": decision.diary_number,
        "kind": decision.kind,
        "subject": decision.subject,
        "procurement_number": decision.procurement_number,
        "parties": list(decision.parties),
        "delegate": decision.delegate,
        "decided_on": decision.decided_on,
        "notified_on": decision.notified_on,
        "notified_by": decision.notified_by,
        "standstill_days": decision.standstill_days,
        "secret": decision.secret,
        "secret_reason": decision.secret_reason,
        "delegation_point": decision.delegation_point,
        "amount": decision.amount,
        "wording": decision.wording,
        "meeting": decision.meeting,
        "item": decision.item,
        "source": decision.source,
        "valid_from": decision.valid_from,
        "valid_to": decision.valid_to,
        "extension_until": decision.extension_until,
        "notice_by": decision.notice_by,
        "board": decision.board,
    }


def appeal_json(appeal: Appeal) -> dict[str, Any]:
    return {
        "number": appeal.number,
        "lodged_on": appeal.lodged_on,
        "court": appeal.court,
        "reference": appeal.reference,
        "decided_on": appeal.decided_on,
        "outcome": appeal.outcome,
    }


class Status(Protocol):
    """A decision's legal status (delreg.legal_status.LegalStatus)."""

    @property
    def route(self) -> str: ...
    @property
    def state(self) -> str: ...
    @property
    def is_final(self) -> bool: ...
    @property
    def meeting(self) -> str | None: ...
    @property
    def minutes_posted_on(self) -> str | None: ...
    @property
    def appeal_ends_on(self) -> str | None: ...
    @property
    def final_on(self) -> str | None: ...
    @property
    def standstill_ends_on(self) -> str | None: ...
    @property
    def contract_allowed_from(self) -> str | None: ...
    @property
    def appeals(self) -> Sequence[Appeal]: ...


def status_json(status: Status, *, with_state: bool = True) -> dict[str, Any]:
    """A decision's legal status; ``with_state=False`` leaves out what depends on the day asked
    (state, final), for a document that must read the same whenever it is made (a report)."""
    on_the_day = {"state": str(status.state), "final": status.is_final} if with_state else {}
    return {
        "route": str(status.route),
        **on_the_day,
        "meeting": status.meeting,
        "minutes_posted_on": status.minutes_posted_on,
        "appeal_ends_on": status.appeal_ends_on,
        "final_on": status.final_on,
        "standstill_ends_on": status.standstill_ends_on,
        "contract_allowed_from": status.contract_allowed_from,
        "appeals": [appeal_json(appeal) for appeal in status.appeals],
    }


def meeting_json(meeting: Meeting) -> dict[str, Any]:
    """A meeting, with the last day to appeal the decisions reported at it."""
    # The calendar of holidays is loaded by the commands that show a meeting, not at start-up.
    from delreg.deadlines import meeting_appeal_ends_on

    return {
        "date": meeting.date,
        "board": meeting.board,
        "paragraph": meeting.paragraph,
        "adjusted_on": meeting.adjusted_on,
        "posted_on": meeting.posted_on,
        "appeal_ends_on": meeting_appeal_ends_on(meeting),
    }


def board_json(board: Board) -> dict[str, str | None]:
    """A board of the register (``boards list``): its short code, name and delegate."""
    return {"code": board.code, "name": board.name, "delegate": board.delegate}


def notice_json(notice: Notice) -> dict[str, Any]:
    """An item for information only, as a meeting's report lists it."""
    return {"position": notice.position, "text": notice.text, "date": notice.date}


class RejectedItem(Protocol):
    """An item a reader could not register (delreg.parse.Rejected)."""

    @property
    def source(self) -> str: ...
    @property
    def reason(self) -> str: ...


def rejected_json(item: RejectedItem) -> dict[str, str]:
    return {"source": item.source, "reason": item.reason}


class ImportChange(Protocol):
    """What an import does to one decision (delreg.store's Change)."""

    @property
    def diary_number(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def fields(self) -> Mapping[str, tuple[Any, Any]]: ...


def change_json(change: ImportChange) -> dict[str, Any]:
    return {
        "diary_number": change.diary_number,
        "action": change.action,
        "fields": {name: {"old": old, "new": new} for name, (old, new) in change.fields.items()},
    }


class Summary(Protocol):
    """What an import did (delreg.store's ImportSummary)."""

    @property
    def inserted(self) -> int: ...
    @property
    def updated(self) -> int: ...
    @property
    def unchanged(self) -> int: ...
    @property
    def rejected(self) -> Sequence[RejectedItem]: ...
    @property
    def notices(self) -> int: ...
    @property
    def changes(self) -> Sequence[ImportChange] | None: ...


def import_summary_json(summary: Summary) -> dict[str, Any]:
    """``import --json``: the counts, what was rejected and, when recorded, each change."""
    data: dict[str, Any] = {
        "inserted": summary.inserted,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "rejected": [rejected_json(item) for item in summary.rejected],
        "notices": summary.notices,
    }
    if summary.changes is not None:
        data["changes"] = [change_json(change) for change in summary.changes]
    return data


class HistoryEntry(Protocol):
    """One change in a decision's history (delreg.store's Event)."""

    @property
    def at(self) -> str: ...
    @property
    def user(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def diary_number(self) -> str: ...
    @property
    def old(self) -> Mapping[str, Any] | None: ...
    @property
    def new(self) -> Mapping[str, Any] | None: ...
    @property
    def command(self) -> str: ...


def event_json(event: HistoryEntry) -> dict[str, Any]:
    return {
        "at": event.at,
        "user": event.user,
        "action": event.action,
        "diary_number": event.diary_number,
        "old": event.old,
        "new": event.new,
        "command": event.command,
    }


class Acknowledged(Protocol):
    """A finding someone accepted (delreg.checks' Acknowledgement)."""

    @property
    def reason(self) -> str: ...
    @property
    def at(self) -> str: ...
    @property
    def user(self) -> str: ...


def acknowledgement_json(accepted: Acknowledged) -> dict[str, str]:
    return {"reason": accepted.reason, "at": accepted.at, "user": accepted.user}


class CheckFinding(Protocol):
    """What a check found about one decision (delreg.checks' Finding)."""

    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def diary_number(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def hint(self) -> str: ...
    @property
    def decided_on(self) -> str | None: ...
    @property
    def procurement_number(self) -> str | None: ...
    @property
    def acknowledged(self) -> Acknowledged | None: ...
    @property
    def board(self) -> str | None: ...


def finding_json(found: CheckFinding) -> dict[str, Any]:
    """``check --format json``: rule, severity (error/warning), diary number and message first."""
    acknowledged = found.acknowledged
    return {
        "rule": found.rule,
        "severity": str(found.severity),
        "diary_number": found.diary_number,
        "message": found.message,
        "hint": found.hint,
        "decided_on": found.decided_on,
        "procurement_number": found.procurement_number,
        "acknowledged": acknowledgement_json(acknowledged) if acknowledged else None,
        # Last, so that the CSV's columns before it keep their places.
        "board": found.board,
    }


class Due(Protocol):
    """Something falling due (delreg.due's DueItem)."""

    @property
    def on(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def diary_numbers(self) -> Sequence[str]: ...
    @property
    def meeting(self) -> str | None: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def detail(self) -> str: ...
    @property
    def uid(self) -> str: ...


def due_item_json(item: Due) -> dict[str, Any]:
    return {
        "date": item.on,
        "kind": item.kind,
        "title": item.title,
        "diary_numbers": list(item.diary_numbers),
        "meeting": item.meeting,
        "overdue": item.overdue,
        "detail": item.detail,
        "uid": item.uid,
    }
