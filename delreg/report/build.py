"""Collecting what goes into a report: the numbered list for a meeting, or a period's decisions.

The ``assemble_*`` functions are pure (decisions in, report out); ``meeting_report`` and
``period_report`` fetch their input from the register first.

Which decisions a meeting's report lists:

* A meeting whose list is *fixed* (decisions were reported there, by ``--mark-reported`` or an
  import with ``--meeting``) lists exactly those, by their item numbers. The list closed when it
  was fixed; a decision found later goes to the next meeting, as kommunallagen expects.
* Otherwise it lists every decision not reported anywhere that was decided on or before the
  meeting, or has no decision date (an agenda imported without ``--meeting`` has none),
  numbered 1, 2, … in order of the diary number's year and serial.

A public report (OSL 5 kap. 2 §) masks secret decisions here, by delreg.public's one rule,
before any renderer sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from delreg.config import Config
from delreg.meetings import appeal_ends_on
from delreg.model import Decision, Meeting, Notice, diary_number_sort_key
from delreg.public import public_view
from delreg.report.sentences import decision_sentence

if TYPE_CHECKING:
    from delreg.store import Store


@dataclass(frozen=True)
class ReportItem:
    """One decision in a report, as shown: masked when the report is public."""

    number: int | None
    decision: Decision
    sentence: str


@dataclass(frozen=True)
class MeetingReport:
    meeting: Meeting
    board: str
    appeal_ends_on: str | None
    items: tuple[ReportItem, ...]
    notices: tuple[Notice, ...]
    public: bool
    # Whether the meeting's list was fixed before this report was made.
    fixed: bool
    # Unreported decisions that would qualify but stay off a fixed list.
    left_for_next_meeting: int = 0
    # The list by who took the decisions (`--group-by delegate`); empty: one list.
    delegate_groups: tuple[DelegateGroup, ...] = ()

    @property
    def unreported(self) -> list[str]:
        """Diary numbers on the list that are not yet reported (what --mark-reported assigns)."""
        return [item.decision.diary_number for item in self.items if item.decision.meeting is None]


@dataclass(frozen=True)
class KindGroup:
    kind: str
    label: str
    items: tuple[ReportItem, ...]


@dataclass(frozen=True)
class DelegateGroup:
    """The decisions one delegate took (None: those that name no delegate)."""

    delegate: str | None
    items: tuple[ReportItem, ...]
    # Who passed a point on to this delegate (vidaredelegering) in force when these decisions
    # were taken: the decisions are reported to them too (kommunallagen 7 kap. 7 §).
    passed_on_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeriodReport:
    since: str | None
    until: str | None
    board: str
    groups: tuple[KindGroup, ...]
    public: bool
    # Grouped by who took the decisions instead of by kind (`--group-by delegate`).
    delegate_groups: tuple[DelegateGroup, ...] = ()

    @property
    def items(self) -> tuple[ReportItem, ...]:
        return tuple(item for group in self.groups for item in group.items)

    @property
    def reported(self) -> int:
        return sum(1 for item in self.items if item.decision.meeting is not None)


Report = MeetingReport | PeriodReport


def report_item(
    number: int | None, decision: Decision, config: Config, *, public: bool
) -> ReportItem:
    shown = public_view(decision, config) if public and decision.secret else decision
    return ReportItem(number, shown, decision_sentence(shown, config, public=public))


def in_register_order(decisions: list[Decision]) -> list[Decision]:
    """By the diary number's year and serial, the way the registrar files them."""
    return sorted(decisions, key=lambda decision: diary_number_sort_key(decision.diary_number))


def assemble_meeting_report(
    meeting: Meeting,
    *,
    fixed: list[Decision],
    waiting: list[Decision],
    notices: list[Notice],
    config: Config,
    public: bool = False,
    board_name: str | None = None,
) -> MeetingReport:
    """The meeting's list from its fixed decisions (with items) and those awaiting a report."""
    if fixed:
        numbered = [(decision.item, decision) for decision in fixed]
    else:
        numbered = list(enumerate(in_register_order(waiting), start=1))
    return MeetingReport(
        meeting=meeting,
        board=board_name or meeting.board or config.board,
        appeal_ends_on=appeal_ends_on(meeting),
        items=tuple(
            report_item(number, decision, config, public=public) for number, decision in numbered
        ),
        notices=tuple(notices),
        public=public,
        fixed=bool(fixed),
        left_for_next_meeting=len(waiting) if fixed else 0,
    )


def meeting_report(
    store: Store, date: str, config: Config, *, board: str = "", public: bool = False
) -> MeetingReport:
    """The report for the meeting on ``date``; NotFound when the register has no such meeting."""

    meeting = store.meeting(date, board)
    known = store.boards().get(meeting.board)
    return assemble_meeting_report(
        meeting,
        fixed=store.reported_at(meeting),
        waiting=store.awaiting_report(meeting.date, meeting.board),
        notices=store.notices(meeting),
        config=config,
        public=public,
        board_name=known.name if known is not None else None,
    )


def assemble_period_report(
    decisions: list[Decision],
    *,
    since: str | None,
    until: str | None,
    config: Config,
    public: bool = False,
    board_name: str | None = None,
) -> PeriodReport:
    """Decisions grouped by kind, in the configuration's order of kinds, each group by date."""
    order = {slug: position for position, slug in enumerate(config.kinds)}
    by_kind: dict[str, list[Decision]] = {}
    for decision in decisions:
        by_kind.setdefault(decision.kind, []).append(decision)
    groups = []
    for kind in sorted(by_kind, key=lambda kind: (order.get(kind, len(order)), kind)):
        members = sorted(
            by_kind[kind],
            key=lambda d: (d.decided_on or "", diary_number_sort_key(d.diary_number)),
        )
        spec = config.kinds.get(kind)
        groups.append(
            KindGroup(
                kind=kind,
                label=spec.label if spec else kind[:1].upper() + kind[1:],
                items=tuple(report_item(d.item, d, config, public=public) for d in members),
            )
        )
    return PeriodReport(
        since=since,
        until=until,
        board=board_name or config.board,
        groups=tuple(groups),
        public=public,
    )


def period_report(
    store: Store,
    since: str | None,
    until: str | None,
    config: Config,
    *,
    public: bool = False,
    board: str | None = None,
) -> PeriodReport:
    """Every decision of ``board`` (a code; None: every board) decided in the period, reported
    or not (undated ones cannot be placed)."""
    from delreg.store import DecisionQuery

    query = DecisionQuery(since=since, until=until, newest_first=False, board=board)
    boards = store.boards()
    # A one-board register's period report is headed by [register] board, as it always was.
    known = boards.get(board) if board is not None and len(boards) > 1 else None
    return assemble_period_report(
        list(store.decisions(query)),
        since=since,
        until=until,
        config=config,
        public=public,
        board_name=known.name if known is not None else None,
    )
