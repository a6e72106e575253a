"""A report's decisions grouped by who took them (`delreg report --group-by delegate`). Pure.

The spellings of one title group together ("Hälso- och sjukvårdsdirektören" and "Hälso- och
sjukvårdsdirektör"), as the delegation check compares them; a group is named by its first
spelling in the list. Groups follow the list's order (the first item of each), and decisions
that name no delegate come last. A meeting's items keep their numbers: they are the protocol's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from delreg.model import diary_number_sort_key
from delreg.report.build import DelegateGroup, MeetingReport, Report, ReportItem

if TYPE_CHECKING:
    from delreg.delegation_book import Pass

# delreg.delegation_order (its spellings of titles) is imported by the grouping itself: every
# report reads items_in_order, and only --group-by compares delegates.

GROUPINGS = ("delegate",)


def by_delegate(
    items: Iterable[ReportItem], passes: Sequence[Pass] = ()
) -> tuple[DelegateGroup, ...]:
    from delreg.delegation_order import same_delegate

    named: list[tuple[str, list[ReportItem]]] = []
    unnamed: list[ReportItem] = []
    for item in items:
        delegate = " ".join((item.decision.delegate or "").split())
        if not delegate:
            unnamed.append(item)
            continue
        for name, members in named:
            if same_delegate(delegate, name):
                members.append(item)
                break
        else:
            named.append((delegate, [item]))
    groups = [
        DelegateGroup(name, tuple(members), _passed_on_by(name, members, passes))
        for name, members in named
    ]
    if unnamed:
        groups.append(DelegateGroup(None, tuple(unnamed)))
    return tuple(groups)


def grouped(report: Report, grouping: str | None, passes: Sequence[Pass] = ()) -> Report:
    """``report`` with its decisions grouped as asked; unchanged for no grouping. ``passes``
    (vidaredelegeringar) name who passed a point on to a delegate."""
    if grouping is None:
        return report
    items = report.items if isinstance(report, MeetingReport) else _by_date(report.items)
    return replace(report, delegate_groups=by_delegate(items, passes))


def _passed_on_by(
    delegate: str, items: Sequence[ReportItem], passes: Sequence[Pass]
) -> tuple[str, ...]:
    """Who passed a point on to ``delegate`` by a pass in force on some of the items' dates."""
    from delreg.delegation_order import same_delegate

    days = {item.decision.decided_on for item in items}
    found = [
        passed.by
        for passed in passes
        if same_delegate(delegate, passed.to) and any(passed.valid_on(day) for day in days)
    ]
    return tuple(dict.fromkeys(found))


def items_in_order(report: Report) -> tuple[ReportItem, ...]:
    """The report's items in the order it shows them: group by group when grouped."""
    if report.delegate_groups:
        return tuple(item for group in report.delegate_groups for item in group.items)
    return report.items


def _by_date(items: Iterable[ReportItem]) -> list[ReportItem]:
    return sorted(
        items,
        key=lambda item: (
            item.decision.decided_on or "",
            diary_number_sort_key(item.decision.diary_number),
        ),
    )
