"""The agenda-text reader: the delegation decisions reported in an agenda or in minutes.

A board's agenda (or a scraped web page of it) holds, under a heading like "Anmälningsärenden",
a list of the decisions its officials took on delegation, often followed by "Meddelandeärenden"
(items for information only). This reader finds that list among the other agenda points and the
page furniture, splits it into items and reads each one (see agenda_items).

Reading goes in two passes over the lines: the first classifies each line on its own (see
agenda_lines), the second walks them in order, keeping only the current item. Both are linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice, pairwise

from delreg.config import Config
from delreg.model import Decision, Notice
from delreg.parse import Record, Rejected
from delreg.parse.agenda_items import (
    ItemReading,
    diary_numbers,
    normalise_item_text,
    read_decision_item,
    read_notice_item,
)
from delreg.parse.agenda_lines import Line, LineKind, classify_lines
from delreg.parse.agenda_rules import AgendaRules, agenda_rules

__all__ = ["read_agenda"]

_HEADINGS = frozenset(
    (LineKind.DECISION_HEADING, LineKind.NOTICE_HEADING, LineKind.END, LineKind.SUBHEADING)
)
# An item's end is looked at for a diary number this far back ("…, RS 2022/1275.").
_TAIL = 45
_TAIL_PUNCTUATION = " .,;:)"
_COLUMN_GAP = re.compile(r"(?: {3,}|\t)[ \t]*")
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
    lines = classify_lines(text.replace("\r\n", "\n").replace("\r", "\n"), rules)
    headed = any(line.kind is LineKind.DECISION_HEADING for line in lines)
    records = _Records(source=source, config=config, rules=rules, meeting_year=meeting_year)
    for block in _Segmenter(rules, config, headed=headed).blocks(lines):
        record = records.of(block)
        if record is not None:
            yield record


class _Mode(Enum):
    OUTSIDE = "outside"
    DECISIONS = "decisions"
    NOTICES = "notices"


@dataclass(slots=True)
class _Block:
    """The lines of one item, as the list is walked."""

    start: int
    mode: _Mode
    marked: bool
    # A list without a heading: only what reads like a decision is taken.
    strict: bool
    lines: list[str] = field(default_factory=list)
    # Lines with more than a diary number ("1." alone and "Dnr RS 2022/1275" alone have none).
    body_lines: int = 0
    # The block opened with a line holding only a diary number, first thing under its heading.
    opens_section_with_number: bool = False
    # Unmarked text after marked items: the list is over, or this is a note about it.
    after_marked_items: bool = False
    _numbers_seen: int = 0
    _has_number: bool = False

    def add(self, text: str, *, body: bool) -> None:
        if text:
            self.lines.append(text)
            self.body_lines += body

    def has_number(self, rules: AgendaRules, config: Config) -> bool:
        # Searched lazily and once per line: most lists never ask.
        while not self._has_number and self._numbers_seen < len(self.lines):
            self._has_number = bool(diary_numbers(self.lines[self._numbers_seen], rules, config))
            self._numbers_seen += 1
        return self._has_number

    def ends_with_number(self, rules: AgendaRules, config: Config) -> bool:
        if not self.lines:
            return False
        tail = self.lines[-1][-_TAIL:]
        found = diary_numbers(tail, rules, config)
        return bool(found) and found[-1].end >= len(tail.rstrip(_TAIL_PUNCTUATION))

    def text(self) -> str:
        lines = [_columns(line) for line in self.lines]
        if len(lines) <= 1:
            return lines[0] if lines else ""
        pieces = [lines[0]]
        for before, line in pairwise(lines):
            # "Föreningen Norrbacka-" / "Vallby Ridklubb": a name hyphenated at the line's end.
            joined = before.endswith("-") and before[-2:-1].isalpha() and line[:1].isupper()
            pieces.append(line if joined else " " + line)
        return "".join(pieces)


class _Segmenter:
    """Walks the classified lines and hands out each item's block once it is complete."""

    def __init__(self, rules: AgendaRules, config: Config, *, headed: bool) -> None:
        self.rules = rules
        self.config = config
        # Without any heading the whole document is read as a list, strictly.
        self.base = _Mode.OUTSIDE if headed else _Mode.DECISIONS
        self.mode = self.base
        self.heading: Line | None = None
        self.style: str | None = None
        self.last_item_number: int | None = None
        self.block: _Block | None = None
        self.blocks_in_section = 0
        self.blank_before = False

    def blocks(self, lines: list[Line]) -> Iterator[_Block]:
        for line in lines:
            done = self._take(line)
            if done is not None:
                yield done
        done = self._close()
        if done is not None:
            yield done

    def _take(self, line: Line) -> _Block | None:
        kind = line.kind
        if kind is LineKind.NOISE:
            return None
        if kind is LineKind.BLANK:
            self.blank_before = True
            return None
        if kind in _HEADINGS:
            done = self._heading(line)
        elif self.mode is _Mode.OUTSIDE:
            done = None
        elif kind is LineKind.ITEM:
            done = self._item(line)
        elif kind is LineKind.DIARY_NUMBER and self.mode is _Mode.DECISIONS:
            done = self._number_line(line)
        else:
            done = self._text(line)
        self.blank_before = False
        return done

    # --- sections ------------------------------------------------------------------------

    def _heading(self, line: Line) -> _Block | None:
        done = self._close()
        if line.kind is LineKind.SUBHEADING:
            return done
        if line.kind is LineKind.DECISION_HEADING:
            self._open(_Mode.DECISIONS, line)
        elif line.kind is LineKind.NOTICE_HEADING:
            self._open(_Mode.NOTICES, line)
        else:
            self._open(self.base, None)
        return done

    def _open(self, mode: _Mode, heading: Line | None) -> None:
        self.mode = mode
        self.heading = heading
        self.style = None
        self.last_item_number = None
        self.blocks_in_section = 0

    def _is_next_agenda_point(self, line: Line) -> bool:
        heading = self.heading
        if heading is None:
            return False
        # On a web page whose agenda points are bullets ("• Anmälningsärenden:"), a bullet as far
        # out as the heading starts the next point, not an item of the list.
        if heading.bulleted and line.style == "bullet" and line.indent <= heading.indent:
            return True
        # Under "3. Anmälan av delegationsbeslut", "4. …" is the next point, unless it is the
        # next item of a list that has itself come to 3.
        return (
            heading.item_number is not None
            and line.item_number == heading.item_number + 1
            and not (line.style == self.style and self.last_item_number == heading.item_number)
        )

    # --- items ---------------------------------------------------------------------------

    def _item(self, line: Line) -> _Block | None:
        if self._is_next_agenda_point(line):
            done = self._close()
            self._open(self.base, None)
            return done
        block = self.block
        if block is not None and self.style is not None and line.style != self.style:
            # A marker of another style inside an item is a sub-bullet or a dash of its text,
            # unless the item is complete and a blank line stands between.
            complete = self.blank_before and block.has_number(self.rules, self.config)
            if not complete:
                block.add(f"{line.marker} {line.text}", body=True)
                return None
        done = self._close()
        self.style = self.style or line.style
        self.last_item_number = line.item_number
        # "A. Dnr FSN 2024/211" with the text on the lines below is not yet an item with text.
        number_only = self.rules.diary_number_alone.fullmatch(line.text) is not None
        self.block = self._new(line, marked=True, number_line=number_only)
        return done

    def _number_line(self, line: Line) -> _Block | None:
        block = self.block
        if block is None or block.has_number(self.rules, self.config):
            done = self._close()
            self.block = self._new(line, marked=False, number_line=True)
            return done
        block.add(line.text, body=False)
        return None

    def _text(self, line: Line) -> _Block | None:
        block = self.block
        if block is None or self._starts_item(block, line):
            done = self._close()
            self.block = self._new(line, marked=False)
            return done
        block.add(line.text, body=True)
        return None

    def _starts_item(self, block: _Block, line: Line) -> bool:
        if self.mode is _Mode.NOTICES:
            return not line.text[0].islower() and (self.blank_before or not block.marked)
        if not block.body_lines:
            # "1." or "Dnr RS 2022/1275" on a line of its own: the text follows.
            return False
        rules, config = self.rules, self.config
        if block.has_number(rules, config):
            return (
                self.blank_before
                or (not block.marked and block.ends_with_number(rules, config))
                or (not block.marked and self.rules.starts_decision(line.text))
            )
        if block.lines[-1].endswith(":"):
            # "Följande beslut anmäls:" leads into the list; it is not an item.
            return True
        if block.marked:
            # A marked item goes on until the next marker, across page breaks.
            return False
        return self.rules.starts_decision(line.text) or (
            self.blank_before and not self.rules.starts_decision(block.lines[0])
        )

    def _new(self, line: Line, *, marked: bool, number_line: bool = False) -> _Block:
        block = _Block(
            start=line.number,
            mode=self.mode,
            marked=marked,
            strict=self.base is _Mode.DECISIONS,
            opens_section_with_number=number_line and not marked and not self.blocks_in_section,
            after_marked_items=not marked and self.style is not None,
        )
        block.add(line.text, body=not number_line)
        self.blocks_in_section += 1
        return block

    def _close(self) -> _Block | None:
        block, self.block = self.block, None
        return block


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

    def of(self, block: _Block) -> Record | None:
        where = f"{self.source}:{block.start}"
        text = normalise_item_text(block.text(), self.rules)
        if block.mode is _Mode.NOTICES:
            return self._notice(text, where)
        reading = read_decision_item(
            text, source=where, rules=self.rules, config=self.config, meeting_year=self.meeting_year
        )
        if reading.decision is not None:
            return self._decision(block, reading, reading.decision)
        if reading.problem is not None and _is_reported_item(block, reading):
            return Rejected(source=where, reason=reading.problem)
        return None

    def _decision(self, block: _Block, reading: ItemReading, decision: Decision) -> Record | None:
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


def _is_running_text(block: _Block, reading: ItemReading, decision: Decision) -> bool:
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


def _columns(line: str) -> str:
    # A gap of several spaces or a tab separates the columns of a table: keep it as a dash.
    if "   " in line or "\t" in line:
        return _COLUMN_GAP.sub(" – ", line)
    return line


def _is_reported_item(block: _Block, reading: ItemReading) -> bool:
    """Whether an item without a usable diary number is one the board was meant to note."""
    if reading.empty_report:
        return False
    if block.strict:
        # No heading says where the list is: only a numbered item naming its delegate counts.
        return block.marked and reading.delegate_named
    return block.marked or reading.decision_like
