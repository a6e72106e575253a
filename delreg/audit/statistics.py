"""Statistics of a year's decisions per delegate, kind and month: how many, how long from the
decision to its report to the board, and how many were reported late. Pure.

A decision is late when it was reported more than ``limit`` days after it was decided
([checks] unreported_days, the `unreported` check's limit), or is still unreported and more
than ``limit`` days old on the day the pack is made (``as_of``). The days to report count only
reported decisions; the median of an even number of them is the mean of the middle two.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from delreg.model import Decision


def days_to_report(decision: Decision) -> int | None:
    if decision.meeting is None or decision.decided_on is None:
        return None
    return (date.fromisoformat(decision.meeting) - date.fromisoformat(decision.decided_on)).days


def is_late(decision: Decision, limit: int, as_of: date) -> bool:
    days = days_to_report(decision)
    if days is not None:
        return days > limit
    if decision.meeting is None and decision.decided_on is not None:
        return (as_of - date.fromisoformat(decision.decided_on)).days > limit
    return False


@dataclass(frozen=True)
class GroupStatistics:
    """One row of a table: a delegate, a kind or a month."""

    group: str
    decisions: int
    reported: int
    median_days: float | None
    max_days: int | None
    late: int

    @property
    def late_share(self) -> float:
        return self.late / self.decisions if self.decisions else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "decisions": self.decisions,
            "reported": self.reported,
            "median_days": self.median_days,
            "max_days": self.max_days,
            "late": self.late,
            "late_share": round(self.late_share, 4),
        }


def group_statistics(
    group: str, decisions: list[Decision], limit: int, as_of: date
) -> GroupStatistics:
    days = [d for d in (days_to_report(decision) for decision in decisions) if d is not None]
    return GroupStatistics(
        group=group,
        decisions=len(decisions),
        reported=sum(decision.meeting is not None for decision in decisions),
        median_days=float(statistics.median(days)) if days else None,
        max_days=max(days) if days else None,
        late=sum(is_late(decision, limit, as_of) for decision in decisions),
    )


def grouped(
    decisions: Iterable[Decision],
    key: Callable[[Decision], str],
    limit: int,
    as_of: date,
) -> list[GroupStatistics]:
    """Statistics per value of ``key``, in the order of the values."""
    groups: dict[str, list[Decision]] = {}
    for decision in decisions:
        groups.setdefault(key(decision), []).append(decision)
    return [group_statistics(name, groups[name], limit, as_of) for name in sorted(groups)]


NO_DELEGATE = "(ingen delegat angiven)"


def by_delegate(decision: Decision) -> str:
    return decision.delegate or NO_DELEGATE


def by_kind(decision: Decision) -> str:
    return decision.kind


def by_month(decision: Decision) -> str:
    return (decision.decided_on or "")[:7]
