"""What became of everything an import read: the promise that no item is lost silently.

Every item a reader sees ends up as a decision, a rejected item (with its file and line) or a
notice; an agenda's reader also says what became of each line of the sections it took for a
list (part of an item, a heading, page furniture, prose about the list, or an item printed a
second time), and whether it found a list at all. The importer keeps one account per input.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# What a line of a list's section can become, in the order an import reports them.
LINE_FATES = ("decision", "rejected", "notice", "repeated", "heading", "furniture", "prose")


@dataclass(slots=True)
class Account:
    """One input's items and lines, counted as they are read."""

    source: str
    decisions: int = 0
    rejected: int = 0
    notices: int = 0
    # Items printed a second time (the agenda view and the minutes view of one page): read once.
    repeated: int = 0
    # The lines of the sections read as lists, by what became of them (see LINE_FATES).
    lines: Counter[str] = field(default_factory=Counter)
    # All lines of those sections, counted as they were walked: the fates must add up to it.
    section_lines: int = 0
    # Whether the reader found a list (a heading, an empty report, a run of items); None for
    # readers of exports, whose rows are the list.
    list_found: bool | None = None
    # What a reader looked for, for the warning when it found nothing.
    looked_for: str = ""
    # Where the list's heading stood and what it said, where nothing stood under it (no item,
    # no statement that nothing is reported): its list is elsewhere, or was not seen as one.
    empty_heading: tuple[str, str] | None = None
    # An export's rows that title the rows below them ("Delegat: Kommundirektör"), whose value
    # those rows take: no decision of their own (delreg.parse.row_groups).
    group_rows: int = 0
    # An export's totals that hold no decision ("Summa", "Antal: 12") and headings that name no
    # column ("Personalärenden"): left out, and counted here (delreg.parse.row_groups).
    total_rows: int = 0
    heading_rows: int = 0
    # What of the document the reader did not read, each in a sentence (a part a Word
    # document imports in a kind that is not read): told, not left out unsaid.
    unread: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        """The items read: each one a decision, a rejected item or a notice."""
        return self.decisions + self.rejected + self.notices

    @property
    def found_nothing(self) -> bool:
        return self.seen == 0 and not self.list_found

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source,
            "seen": self.seen,
            "decisions": self.decisions,
            "rejected": self.rejected,
            "notices": self.notices,
            "repeated": self.repeated,
        }
        if self.list_found is not None:
            data["list_found"] = self.list_found
            lines = {fate: self.lines.get(fate, 0) for fate in LINE_FATES}
            data["lines"] = {**lines, "total": self.section_lines}
        if self.empty_heading is not None:
            where, heading = self.empty_heading
            data["empty_heading"] = {"source": where, "heading": heading}
        if self.group_rows:
            data["group_rows"] = self.group_rows
        if self.total_rows:
            data["total_rows"] = self.total_rows
        if self.heading_rows:
            data["heading_rows"] = self.heading_rows
        if self.unread:
            data["unread"] = list(self.unread)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Account:
        """The account ``to_json`` wrote (an import the register remembers tells it again)."""
        lines = dict(data.get("lines", {}))
        total = int(lines.pop("total", 0))
        return cls(
            source=str(data["source"]),
            decisions=int(data["decisions"]),
            rejected=int(data["rejected"]),
            notices=int(data["notices"]),
            repeated=int(data["repeated"]),
            lines=Counter({fate: int(count) for fate, count in lines.items() if count}),
            section_lines=total,
            list_found=data.get("list_found"),
            empty_heading=(
                (str(data["empty_heading"]["source"]), str(data["empty_heading"]["heading"]))
                if "empty_heading" in data
                else None
            ),
            group_rows=int(data.get("group_rows", 0)),
            total_rows=int(data.get("total_rows", 0)),
            heading_rows=int(data.get("heading_rows", 0)),
            unread=[str(text) for text in data.get("unread", [])],
        )
