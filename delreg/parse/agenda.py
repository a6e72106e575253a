"""The agenda-text reader: the delegation decisions reported in an agenda or in minutes.

A board's agenda (or a scraped web page of it) holds, under a heading like "Anmälningsärenden",
a list of the decisions its officials took on delegation, often followed by "Meddelandeärenden"
(items for information only). This reader finds that list among the other agenda points and the
page furniture, splits it into items and reads each one (see agenda_items).

Reading goes in two passes over the lines: the first classifies each line on its own (see
agenda_lines), the second walks them in order and cuts the list into blocks, one per item (see
agenda_blocks). Each block is read (see agenda_items) and judged here: a decision, a rejected
item, or text around the list. Both passes are linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from delreg.config import Config
from delreg.model import Decision, Notice
from delreg.parse import Record, Rejected
from delreg.parse.agenda_blocks import Block, Mode, Segmenter
from delreg.parse.agenda_items import (
    ItemReading,
    normalise_item_text,
    read_decision_item,
    read_notice_item,
)
from delreg.parse.agenda_lines import LineKind, classify_lines
from delreg.parse.agenda_rules import AgendaRules, agenda_rules
from delreg.parse.text import normalise_text

__all__ = ["read_agenda"]

_SENTENCE_BREAK = re.compile(r"[.!?] [A-ZÅÄÖ]")
_PROSE_SENTENCES = 3


def read_agenda(
    text: str, *, source: str, config: Config, meeting_year: int | None = None
) -> Iterator[Record]:
    """Decisions, notices and rejected items of an agenda text, in document order.

    ``meeting_year`` completes dates written without a year ("den 14 mars"). Every item of the
    list that cannot be registered (its diary number missing, cut off or malformed) comes back
    as a ``Rejected`` naming its first line; none is dropped silently.
    """
    rules = agenda_rules(config)
    lines = classify_lines(normalise_text(text), rules)
    headed = any(line.kind is LineKind.DECISION_HEADING for line in lines)
    records = _Records(source=source, config=config, rules=rules, meeting_year=meeting_year)
    for block in Segmenter(rules, config, headed=headed).blocks(lines):
        record = records.of(block)
        if record is not None:
            yield record


class _Records:
    """Turns blocks into records: one per diary number, notices counted in order."""

    def __init__(
        self, *, source: str, config: Config, rules: AgendaRules, meeting_year: int | None
    ) -> None:
        self.source = source
        self.config = config
        self.rules = rules
        self.meeting_year = meeting_year
        self.decisions: dict[str, Decision] = {}
        self.notices: set[str] = set()
        # Items already rejected, by their text: the same list printed twice is reported once.
        self.rejected: set[str] = set()

    def of(self, block: Block) -> Record | None:
        where = f"{self.source}:{block.start}"
        text, lowered = normalise_item_text(block.text(), self.rules)
        if block.mode is Mode.NOTICES:
            return self._notice(text, where)
        reading = read_decision_item(
            text,
            source=where,
            rules=self.rules,
            config=self.config,
            meeting_year=self.meeting_year,
            lowered=lowered,
        )
        if reading.decision is not None:
            record = self._decision(block, reading, reading.decision)
        elif reading.problem is not None and _is_reported_item(block, reading):
            record = Rejected(source=where, reason=reading.problem)
        else:
            return None
        if isinstance(record, Rejected):
            if text in self.rejected:
                return None
            self.rejected.add(text)
        return record

    def _decision(self, block: Block, reading: ItemReading, decision: Decision) -> Record | None:
        where = decision.source or ""
        if not reading.has_text:
            # A diary number alone: the agenda point's own number, or an item cut off after it.
            return (
                Rejected(where, "the item has a diary number but no text") if block.marked else None
            )
        if _is_running_text(block, reading, decision):
            return None
        first = self.decisions.get(decision.diary_number)
        if first is None:
            self.decisions[decision.diary_number] = decision
            return decision
        if first.wording == decision.wording:
            # The same list printed twice on the page (agenda view and minutes view).
            return None
        return Rejected(
            where,
            f"diary number {decision.diary_number} appears twice with different text "
            f"(first at {first.source})",
        )

    def _notice(self, text: str, where: str) -> Notice | None:
        if not text or text in self.notices or self.rules.empty_report.search(text):
            return None
        self.notices.add(text)
        return read_notice_item(
            text,
            source=where,
            position=len(self.notices),
            rules=self.rules,
            meeting_year=self.meeting_year,
        )


def _is_running_text(block: Block, reading: ItemReading, decision: Decision) -> bool:
    """Text that names a diary number without being an item of the list.

    "Dnr KS 2023/145" under the agenda point's heading followed by "Kommunstyrelsen beslutar …",
    a note after a numbered list, or a paragraph of an agenda with no list heading at all.
    """
    if block.strict and _is_prose(decision.wording or ""):
        return True
    unsure = block.strict or block.opens_section_with_number or block.after_marked_items
    return unsure and not reading.decision_like


def _is_prose(text: str) -> bool:
    """Three sentences or more: a paragraph, not an item of a list."""
    breaks = islice(_SENTENCE_BREAK.finditer(text), _PROSE_SENTENCES - 1)
    return sum(1 for _ in breaks) >= _PROSE_SENTENCES - 1


def _is_reported_item(block: Block, reading: ItemReading) -> bool:
    """Whether an item without a usable diary number is one the board was meant to note."""
    if reading.empty_report:
        return False
    if block.strict:
        # No heading says where the list is: only a numbered item naming its delegate counts.
        return block.marked and reading.delegate_named
    return block.marked or reading.decision_like
