"""What falls due: the deadlines a board's secretary must meet or watch, from a day onward.

Pure: the register's meetings, appeals and candidate decisions in, dated items out. The date
law is delreg.deadlines' and which rule applies to a decision is delreg.legal_status's; this
module gathers their dates into one agenda.

The items, each with a date, and why it is there:

- ``minutes-adjust`` / ``minutes-post``: a meeting's minutes must be approved within 14 days
  (kommunallagen 5 kap. 69 §) and the approval posted within two days after (8 kap. 12 §);
  shown until the register records them done, marked overdue once the day has passed (for
  60 days: an old meeting imported without its dates is not a task).
- ``report-unreported``: decisions not yet reported must go on the list of the next meeting in
  the register (6 kap. 40 §); dated by that meeting, or today when none is planned.
- ``appeal-ends``: the last day to appeal the decisions reported at a meeting
  (laglighetsprövning, one item per meeting) or one decision (förvaltningsbesvär).
- ``standstill-ends``: the last day of an award's avtalsspärr; the contract may be signed the
  day after.
- ``contract-notice``, ``contract-ends``, ``contract-extension-ends``: a contract's last day to
  give notice or use its option, its end, and the end of its option.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from delreg.deadlines import minutes_adjust_deadline, posting_deadline
from delreg.json_shapes import due_item_json
from delreg.legal_status import Route, StatusBook
from delreg.model import Decision, Meeting

KINDS: tuple[str, ...] = (
    "minutes-adjust",
    "minutes-post",
    "report-unreported",
    "appeal-ends",
    "standstill-ends",
    "contract-notice",
    "contract-ends",
    "contract-extension-ends",
)
# The decision dates `due` reads: the store hands over the decisions with one in the window.
DATED_FIELDS: tuple[str, ...] = ("notified_on", "notice_by", "valid_to", "extension_until")
# How far before the window a notification can lie and still have its period end inside it:
# three weeks of appeal or a stated spärr, plus the longest run of days rolled over (Easter).
LOOKBACK = timedelta(days=60)


@dataclass(frozen=True, slots=True)
class DueItem:
    on: str
    kind: str
    title: str
    # The stable key of what the item is about, for a calendar's UID: a meeting or a decision.
    key: str
    diary_numbers: tuple[str, ...] = ()
    meeting: str | None = None
    overdue: bool = False
    detail: str = ""

    @property
    def uid(self) -> str:
        return f"{self.kind}-{self.key}@delreg"

    def to_json(self) -> dict[str, Any]:
        return due_item_json(self)


@dataclass(frozen=True)
class Window:
    """The days asked about: from ``today`` through ``today + within``."""

    today: date
    within: int

    @property
    def last(self) -> date:
        return self.today + timedelta(days=self.within)

    def holds(self, day: date) -> bool:
        return self.today <= day <= self.last


def meeting_items(meetings: Iterable[Meeting], window: Window) -> Iterator[DueItem]:
    """Minutes to approve and post, for meetings held up to the window's last day."""
    for meeting in meetings:
        held = date.fromisoformat(meeting.date)
        if held > window.last:
            continue
        name = f"{meeting.board} {meeting.date}".strip()
        if meeting.adjusted_on is None:
            deadline = minutes_adjust_deadline(held)
            kind, title = "minutes-adjust", f"Approve (justera) the minutes of {name}"
            detail = "kommunallagen 5 kap. 69 §: within 14 days of the meeting"
        elif meeting.posted_on is None:
            deadline = posting_deadline(date.fromisoformat(meeting.adjusted_on))
            kind, title = "minutes-post", f"Post the approved minutes of {name}"
            detail = (
                f"approved {meeting.adjusted_on}; kommunallagen 8 kap. 12 §: on the notice "
                "board by the second day after approval"
            )
        else:
            continue
        if window.today - LOOKBACK <= deadline <= window.last:
            yield DueItem(
                deadline.isoformat(),
                kind,
                title,
                f"{meeting.date}-{meeting.board}".rstrip("-"),
                meeting=meeting.date,
                overdue=deadline < window.today,
                detail=detail,
            )


def unreported_item(
    unreported: Iterable[Decision], meetings: Iterable[Meeting], window: Window
) -> Iterator[DueItem]:
    """One item for the decisions the next meeting's list must carry."""
    numbers = tuple(decision.diary_number for decision in unreported)
    if not numbers:
        return
    upcoming = sorted(m.date for m in meetings if date.fromisoformat(m.date) >= window.today)
    if upcoming and date.fromisoformat(upcoming[0]) > window.last:
        return
    on = upcoming[0] if upcoming else window.today.isoformat()
    where = f"the meeting of {on}" if upcoming else "the next meeting (none is registered)"
    yield DueItem(
        on,
        "report-unreported",
        f"Report {len(numbers)} decision{'s' if len(numbers) != 1 else ''} at {where}",
        f"{on}" if upcoming else "next-meeting",
        diary_numbers=numbers,
        meeting=upcoming[0] if upcoming else None,
        detail="kommunallagen 6 kap. 40 §: delegation decisions are reported to the board",
    )


def decision_items(
    decisions: Iterable[Decision], book: StatusBook, window: Window
) -> Iterator[DueItem]:
    """Appeal periods, avtalsspärrar and contract dates of single decisions in the window."""
    by_meeting: dict[str, tuple[str, list[str]]] = {}
    for decision in decisions:
        status = book.status(decision)
        number = decision.diary_number
        if status.appeal_ends_on and window.holds(date.fromisoformat(status.appeal_ends_on)):
            if status.route is Route.laglighetsprovning and decision.meeting:
                by_meeting.setdefault(decision.meeting, (status.appeal_ends_on, []))[1].append(
                    number
                )
            elif status.route is Route.forvaltningsbesvar:
                yield DueItem(
                    status.appeal_ends_on,
                    "appeal-ends",
                    f"Last day to appeal {number} (förvaltningsbesvär)",
                    number,
                    diary_numbers=(number,),
                    detail=f"notified {decision.notified_on}; förvaltningslagen 44 §",
                )
        if status.standstill_ends_on and window.holds(
            date.fromisoformat(status.standstill_ends_on)
        ):
            yield DueItem(
                status.standstill_ends_on,
                "standstill-ends",
                f"Avtalsspärr of {number} ends; the contract may be signed from "
                f"{status.contract_allowed_from}",
                number,
                diary_numbers=(number,),
                detail=f"{decision.procurement_number or ''} notified {decision.notified_on}; "
                "LOU 20 kap. 1 §".strip(),
            )
        yield from _contract_items(decision, window)
    for meeting, (last_day, numbers) in sorted(by_meeting.items()):
        count = len(numbers)
        yield DueItem(
            last_day,
            "appeal-ends",
            f"Last day to appeal the {count} decision{'s' if count != 1 else ''} reported "
            f"{meeting} (laglighetsprövning)",
            meeting,
            diary_numbers=tuple(numbers),
            meeting=meeting,
            detail="kommunallagen 13 kap. 5 §: three weeks from the posting of the minutes",
        )


_CONTRACT_DATES = (
    ("notice_by", "contract-notice", "Last day to give notice or use the option of"),
    ("valid_to", "contract-ends", "Contract period ends:"),
    ("extension_until", "contract-extension-ends", "Contract's last possible extension ends:"),
)


def _contract_items(decision: Decision, window: Window) -> Iterator[DueItem]:
    for field, kind, words in _CONTRACT_DATES:
        value = getattr(decision, field)
        if value and window.holds(date.fromisoformat(value)):
            yield DueItem(
                value,
                kind,
                f"{words} {decision.diary_number} ({decision.subject})",
                decision.diary_number,
                diary_numbers=(decision.diary_number,),
            )


def due_items(
    *,
    meetings: list[Meeting],
    unreported: Iterable[Decision],
    dated: Iterable[Decision],
    reported: Iterable[Decision],
    book: StatusBook,
    window: Window,
) -> list[DueItem]:
    """Everything due in ``window``, by date, then kind in the order of KINDS.

    ``dated`` are decisions with a date of DATED_FIELDS near the window; ``reported`` those
    reported at meetings whose appeal period can end in it.
    """
    items = [
        *meeting_items(meetings, window),
        *unreported_item(unreported, meetings, window),
        *decision_items(_unique([*dated, *reported]), book, window),
    ]
    order = {kind: position for position, kind in enumerate(KINDS)}
    return sorted(items, key=lambda item: (item.on, order[item.kind], item.key))


def _unique(decisions: Iterable[Decision]) -> list[Decision]:
    return list({decision.diary_number: decision for decision in decisions}.values())
