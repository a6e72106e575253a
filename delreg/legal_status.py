"""A decision's legal status: how it is appealed, until when, and whether it has legal force.

Pure: a decision, the meeting it was reported at, its appeals, the configuration and a day to
judge by. The date law itself (holidays, roll-forward, appeal period, avtalsspärr) is
delreg.deadlines'; this module only says which of its rules applies to which decision.

Laga kraft (legal force): a decision can no longer be appealed from the day after the last day
to appeal, unless an appeal was lodged. While an appeal is pending the decision is not final;
once the court has decided, it is final from the day after that decision or after the appeal
period, whichever is later (a further appeal is recorded as another appeal), unless the court
set it aside (annulled). A procurement decision (överprövning) has no such period: its status
shows the avtalsspärr, and it is final only once a court has decided an appeal against it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from delreg.config import Config
from delreg.deadlines import appeal_ends_on, contract_allowed_from, final_from, standstill_ends_on
from delreg.errors import InputError
from delreg.json_shapes import status_json
from delreg.model import Appeal, Decision, Meeting
from delreg.text import without_diacritics

# Statuses a StatusBook remembers at most, so memory stays flat over a million decisions.
_SHARED_STATUSES = 50_000
# As delreg.report.render_data encodes a report's items (ensure_ascii=False, compact).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


class Route(StrEnum):
    """How a decision is appealed (configured per kind under [appeal_routes])."""

    laglighetsprovning = "laglighetsprövning"  # kommunallagen 13 kap.
    forvaltningsbesvar = "förvaltningsbesvär"  # förvaltningslagen 44 §
    overprovning = "överprövning"  # LOU 20 kap.
    none = "ingen"


class State(StrEnum):
    """Where a decision stands on the day asked about."""

    unreported = "unreported"  # laglighetsprövning: not yet reported to a meeting
    awaiting_posting = "awaiting-posting"  # reported; the approved minutes are not posted yet
    awaiting_notification = "awaiting-notification"  # no notification day to count from
    appealable = "appealable"  # inside the appeal period
    standstill = "standstill"  # inside the avtalsspärr of an award
    standstill_ended = "standstill-ended"  # the contract may be signed
    open = "open"  # överprövning without a period delreg can count
    appealed = "appealed"  # an appeal is pending: not final
    annulled = "annulled"  # a court set the decision aside
    final = "final"  # laga kraft: it can no longer be appealed
    not_appealable = "not-appealable"


_ROUTES_BY_NAME = {without_diacritics(route.value): route for route in Route} | {
    without_diacritics(route.name): route for route in Route
}


@lru_cache(maxsize=256)
def route_for(kind: str, config: Config) -> Route:
    """The appeal route of a kind, from [appeal_routes] (``default`` for a kind not named)."""
    routes = config.section("appeal_routes")
    name = routes.get(kind, routes.get("default", Route.laglighetsprovning.value))
    route = _ROUTES_BY_NAME.get(without_diacritics(str(name)))
    if route is None:
        raise InputError(
            f"appeal_routes.{kind if kind in routes else 'default'}: unknown route {name!r}",
            source=config.source,
            hint="use one of: " + ", ".join(route.value for route in Route),
        )
    return route


def standstill_days(decision: Decision, config: Config) -> int:
    """LOU 20 kap. 1 §: 10 days when notified electronically, 15 otherwise; a longer spärr
    stated in the notice wins (the days themselves are configured under [checks])."""
    if decision.notified_by in (None, "electronic"):
        legal = config.check_setting("standstill_days_electronic", 10)
    else:
        legal = config.check_setting("standstill_days_other", 15)
    return max(legal, decision.standstill_days or 0)


def opens_standstill(kind: str, config: Config) -> bool:
    spec = config.kinds.get(kind)
    return bool(spec and spec.standstill)


@dataclass(frozen=True, slots=True)
class LegalStatus:
    route: Route
    state: State
    meeting: str | None = None
    minutes_posted_on: str | None = None
    appeal_ends_on: str | None = None
    # The first day the decision can no longer be appealed (laga kraft), when it is known.
    final_on: str | None = None
    standstill_ends_on: str | None = None
    contract_allowed_from: str | None = None
    appeals: tuple[Appeal, ...] = ()

    @property
    def is_final(self) -> bool:
        return self.state in (State.final, State.not_appealable)

    def to_json(self, *, with_state: bool = True) -> dict[str, Any]:
        """The status; ``with_state=False`` leaves out what depends on the day asked (state,
        final), for a document that must read the same whenever it is made (a report)."""
        return status_json(self, with_state=with_state)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def legal_status(
    decision: Decision,
    *,
    meeting: Meeting | None,
    appeals: Iterable[Appeal],
    config: Config,
    today: date,
) -> LegalStatus:
    """The status of ``decision`` on ``today``; ``meeting`` is the one it was reported at."""
    route = route_for(decision.kind, config)
    lodged = tuple(sorted(appeals, key=lambda appeal: (appeal.lodged_on, appeal.number)))
    posted = meeting.posted_on if meeting else None
    period_end: date | None = None
    standstill_end: date | None = None
    allowed_from: date | None = None
    if route is Route.laglighetsprovning and posted:
        period_end = appeal_ends_on(date.fromisoformat(posted))
    elif route is Route.forvaltningsbesvar and decision.notified_on:
        period_end = appeal_ends_on(date.fromisoformat(decision.notified_on))
    elif (
        route is Route.overprovning
        and decision.notified_on
        and opens_standstill(decision.kind, config)
    ):
        notified = date.fromisoformat(decision.notified_on)
        days = standstill_days(decision, config)
        standstill_end = standstill_ends_on(notified, days)
        allowed_from = contract_allowed_from(notified, days)

    final_on: date | None = None
    if route is Route.none:
        state = State.not_appealable
    elif any(appeal.outcome == "annulled" for appeal in lodged):
        state = State.annulled
    elif any(appeal.pending for appeal in lodged):
        state = State.appealed
    else:
        final_on = final_from(period_end) if period_end is not None else None
        decided = [date.fromisoformat(a.decided_on) for a in lodged if a.decided_on]
        # A court's decision settles an appeal, not the period others have to appeal in; an
        # överprövning has no period of its own, so there the court's decision settles it.
        if decided and (final_on is not None or route is Route.overprovning):
            final_on = max(final_on or date.min, final_from(max(decided)))
        state = _state_by_time(
            route,
            decision,
            meeting,
            final_on,
            standstill_end,
            today,
            # An award with a spärr whose notification day is not known yet.
            awaits_notification=route is Route.overprovning
            and opens_standstill(decision.kind, config)
            and not decision.notified_on,
        )
    return LegalStatus(
        route=route,
        state=state,
        meeting=decision.meeting,
        minutes_posted_on=posted,
        appeal_ends_on=_iso(period_end),
        final_on=_iso(final_on),
        standstill_ends_on=_iso(standstill_end),
        contract_allowed_from=_iso(allowed_from),
        appeals=lodged,
    )


def _state_by_time(
    route: Route,
    decision: Decision,
    meeting: Meeting | None,
    final_on: date | None,
    standstill_end: date | None,
    today: date,
    *,
    awaits_notification: bool,
) -> State:
    if final_on is not None and today >= final_on:
        return State.final
    if route is Route.laglighetsprovning:
        if decision.meeting is None:
            return State.unreported
        if meeting is None or meeting.posted_on is None:
            return State.awaiting_posting
        return State.appealable
    if route is Route.forvaltningsbesvar:
        return State.appealable if final_on else State.awaiting_notification
    if standstill_end is not None:
        # After the spärr a supplier may still ask for överprövning until the contract is
        # signed (LOU 20 kap. 13 §): delreg cannot tell when that happened, so it never says
        # final by time alone.
        return State.standstill if today <= standstill_end else State.standstill_ended
    return State.awaiting_notification if awaits_notification else State.open


class StatusBook:
    """The status of many decisions on one day, from the register's meetings and appeals read
    once (a listing asks for each of its decisions)."""

    def __init__(
        self,
        meetings: Iterable[Meeting],
        appeals: dict[str, list[Appeal]],
        config: Config,
        today: date,
    ) -> None:
        self._meetings: dict[str, Meeting] = {}
        # A decision's meeting is its board's meeting on that date (two boards may meet on
        # one day); one of a register that names no board is known by its date alone.
        self._board_meetings: dict[tuple[str, str], Meeting] = {}
        for meeting in meetings:
            self._board_meetings[(meeting.date, meeting.board)] = meeting
            # By date alone, of two boards meeting that day, the one whose minutes are posted
            # is the one whose date the law counts from.
            known = self._meetings.get(meeting.date)
            if known is None or (known.posted_on is None and meeting.posted_on):
                self._meetings[meeting.date] = meeting
        self._appeals = appeals
        self._config = config
        self.today = today
        # Decisions without appeals that share these facts share their status (a meeting's
        # list, a month of one kind): computed once, 20 % of a listing's time otherwise.
        self._shared: dict[tuple[Any, ...], LegalStatus] = {}
        self._shared_json: dict[tuple[Any, ...], dict[str, Any]] = {}
        self._shared_text: dict[tuple[Any, ...], str] = {}

    def _meeting_of(self, decision: Decision) -> Meeting | None:
        if not decision.meeting:
            return None
        return self._board_meetings.get(
            (decision.meeting, decision.board or "")
        ) or self._meetings.get(decision.meeting)

    def _facts(self, decision: Decision) -> tuple[Any, ...] | None:
        # What a decision's status depends on besides its appeals; report_status_text makes
        # a Decision of these alone.
        if decision.diary_number in self._appeals:
            return None
        return (
            decision.kind,
            decision.meeting,
            decision.board,
            decision.notified_on,
            decision.notified_by,
            decision.standstill_days,
        )

    def status(self, decision: Decision) -> LegalStatus:
        facts = self._facts(decision)
        known = self._shared.get(facts) if facts is not None else None
        if known is not None:
            return known
        status = legal_status(
            decision,
            meeting=self._meeting_of(decision),
            appeals=self._appeals.get(decision.diary_number, ()),
            config=self._config,
            today=self.today,
        )
        if facts is not None and len(self._shared) < _SHARED_STATUSES:
            self._shared[facts] = status
        return status

    def status_json(self, decision: Decision) -> dict[str, Any]:
        facts = self._facts(decision)
        if facts is None:
            return self.status(decision).to_json()
        known = self._shared_json.get(facts)
        if known is None:
            known = self.status(decision).to_json()
            if len(self._shared_json) < _SHARED_STATUSES:
                self._shared_json[facts] = known
        # A copy: a caller may change what it is given without changing another's status.
        return {**known, "appeals": []}

    def report_status(self, decision: Decision) -> dict[str, Any]:
        """The status as a report shows it: its dates and appeals, not the day's state."""
        return self.status(decision).to_json(with_state=False)

    def report_status_text(
        self,
        diary_number: str,
        kind: str,
        meeting: str | None,
        board: str | None,
        notified_on: str | None,
        notified_by: str | None,
        standstill_days: int | None,
    ) -> str:
        """report_status's JSON text (``encode``d as a report's items are) for a decision known
        by the facts its status depends on: the JSON report reads them from the register's rows
        and encodes each status a month's decisions share once."""
        facts = (kind, meeting, board, notified_on, notified_by, standstill_days)
        shared = diary_number not in self._appeals
        known = self._shared_text.get(facts) if shared else None
        if known is not None:
            return known
        decision = Decision(
            diary_number,
            kind,
            "",
            meeting=meeting,
            board=board,
            notified_on=notified_on,
            notified_by=notified_by,
            standstill_days=standstill_days,
        )
        text = _ENCODE(self.report_status(decision))
        if shared and len(self._shared_text) < _SHARED_STATUSES:
            self._shared_text[facts] = text
        return text

    def with_status(self, decision: Decision) -> dict[str, Any]:
        """The decision's JSON with its ``status``."""
        return {**decision.to_json(), "status": self.status_json(decision)}
