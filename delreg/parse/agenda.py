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
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import fields, replace
from itertools import islice, pairwise
from operator import attrgetter
from typing import Any

from delreg.config import Config
from delreg.diary_numbers import is_not_a_number
from delreg.model import Decision, Notice, build_decision
from delreg.parse import Record, Rejected
from delreg.parse.accounting import Account
from delreg.parse.agenda_blocks import Block, Mode, Segmenter
from delreg.parse.agenda_items import (
    ItemReading,
    normalise_item_text,
    read_decision_item,
    read_notice_item,
)
from delreg.parse.agenda_lines import LineKind, classify_lines
from delreg.parse.agenda_numbers import NO_DIARY_NUMBER
from delreg.parse.agenda_parties import as_wording
from delreg.parse.agenda_rules import AgendaRules, agenda_rules
from delreg.parse.forked import shared
from delreg.text import normalise_document

__all__ = ["read_agenda"]

_SENTENCE_BREAK = re.compile(r"[.!?] [A-ZÅÄÖ]")
_PROSE_SENTENCES = 3


LOOKED_FOR = (
    "a heading like 'Anmälningsärenden' or 'Anmälan av delegationsbeslut', "
    "or a run of bulleted items with diary numbers like 'RS 2024/12'"
)


def read_agenda(
    text: str,
    *,
    source: str,
    config: Config,
    meeting_year: int | None = None,
    account: Account | None = None,
    locate: Callable[[int], str] | None = None,
) -> Iterator[Record]:
    """Decisions, notices and rejected items of an agenda text, in document order.

    ``meeting_year`` completes dates written without a year ("den 14 mars"). Every item of the
    list that cannot be registered (its diary number missing, cut off or malformed) comes back
    as a ``Rejected`` naming its first line; none is dropped silently. ``account`` hears what
    became of every line of the sections read as lists, and whether a list was found. A
    record's ``source`` is ``<source>:<line>``, or ``locate(line)`` where given (a PDF's page
    and line: the text's lines are not the document's).
    """
    rules = agenda_rules(config)
    lines = classify_lines(normalise_document(text), rules)
    headed = any(line.kind is LineKind.DECISION_HEADING for line in lines)
    records = _Records(
        source=source, config=config, rules=rules, meeting_year=meeting_year, locate=locate
    )
    segmenter = Segmenter(rules, config, headed=headed)
    blocks = list(segmenter.blocks(lines))
    if not headed:
        blocks = _mark_runs(blocks, rules, config)
    else:
        _mark_first_of_numbered(blocks, rules)
    # Reading an item is most of the work, and each is read on its own: a long list's last
    # items are read by a second process where that is sound (see delreg.parse.forked), while
    # this one reads the first and takes each in turn (what the caller does with its record
    # too: the walk in order is done meanwhile).
    readings = shared(
        len(blocks),
        lambda index: records.reading(blocks[index]),
        lambda index: _sent(records.reading(blocks[index])),
        _taken,
        least=ITEMS_FOR_A_HELPER,
    )
    try:
        for block, reading in zip(blocks, readings, strict=True):
            fate, record = records.of(block, reading)
            records.lines[fate] += block.line_count
            if record is not None:
                yield record
    finally:
        # Ended with the reading, however it ends (an error, a caller that stops reading).
        readings.close()
    # An item or a statement that nothing is reported: the list's heading had its list.
    listed = records.list_found
    records.list_found = (
        listed or headed or any(line.kind is LineKind.NOTICE_HEADING for line in lines)
    )
    if account is not None:
        if headed and not listed and account.empty_heading is None:
            # "7. Anmälan av delegationsbeslut" and then the next point: in a notice of the
            # meeting whose list is an attachment of its own, or a list the reader could not
            # see as one. Zero decisions, said as such, would hide either.
            heading = next(line for line in lines if line.kind is LineKind.DECISION_HEADING)
            where = locate(heading.number) if locate else f"{source}:{heading.number}"
            account.empty_heading = (where, heading.text)
        account.repeated += records.repeated
        account.lines.update(records.lines)
        account.lines["heading"] += segmenter.headings
        account.lines["furniture"] += segmenter.furniture
        account.section_lines += segmenter.section_lines
        account.list_found = bool(account.list_found or records.list_found)
        account.looked_for = LOOKED_FOR


# Below this many blocks, forking a helper costs more than the items it spares.
ITEMS_FOR_A_HELPER = 500


# A block's normalised text and its reading (see ``_Records.reading``).
Read = tuple[str, ItemReading]


# A decision's fields in their order, for a helper to send it as a tuple (see ``_sent``).
_decision_values = attrgetter(*(item.name for item in fields(Decision)))


def _sent(read: Read | None) -> tuple[Any, ...] | None:
    """A block's text and reading as plain values, for a helper to send."""
    if read is None:
        return None
    text, reading = read
    decision = reading.decision
    values = None if decision is None else _decision_values(decision)
    return (text, values, *reading[1:])


def _taken(sent: tuple[Any, ...]) -> Read:
    """What ``_sent`` sent, as it was."""
    text, values, *rest = sent
    return text, ItemReading(None if values is None else build_decision(values), *rest)


# A run of this many bulleted items with diary numbers is a list, heading or not.
_RUN = 2


def _mark_runs(blocks: list[Block], rules: AgendaRules, config: Config) -> list[Block]:
    """In a document with no heading, mark the bulleted items with diary numbers in a run of
    bullets that holds at least two of them: such a run is a list ("• Programbeslut – …,
    RS2023/3710"), its other bullets text around it. Numbered agenda points with their own
    diary numbers make no run: they are the agenda's, not a list of decisions."""
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.marked and block.style == "bullet":
            run.append(block)
            continue
        numbered = [member for member in run if member.has_number(rules, config)]
        if len(numbered) >= _RUN:
            for member in numbered:
                member.in_run = True
        run = []
    _mark_rows(blocks, rules)
    return blocks


def _mark_rows(blocks: list[Block], rules: AgendaRules) -> None:
    """Mark the rows of a list that a registry printed, one decision a line starting with its
    diary number ("MBN 2024-000245   2024-04-05   Startbesked, …"), where two such rows or more
    follow each other: a run of them is a list, whatever words each row uses."""
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and not block.marked and _starts_with_number(block, rules):
            run.append(block)
            continue
        if len(run) >= _RUN:
            for member in run:
                member.in_run = True
        run = []


def _mark_first_of_numbered(blocks: list[Block], rules: AgendaRules) -> None:
    """Under a heading, a block that opens with a diary number alone on its line is taken for
    the agenda point's own number and its title, unless it reads as a decision; where the
    next block has the same shape ("SBN 2024/37" above "Rivningslov för …", each number as
    written, labelled or not), it is the first of the list's items, whatever words it uses."""
    for block, after in pairwise(blocks):
        if (
            block.opens_section_with_number
            and block.mode is Mode.DECISIONS
            and after.mode is Mode.DECISIONS
            and not after.opens_section_with_number
            and not block.marked
            and not after.marked
            and len(block.lines) >= 2
            and len(after.lines) >= 2
            and _number_alone(block.lines[0], rules)
            == _number_alone(after.lines[0], rules)
            is not None
        ):
            block.in_run = True


def _number_alone(line: str, rules: AgendaRules) -> bool | None:
    """Whether a line that holds a diary number alone labels it ("Dnr SN 2024/3"); None for a
    line that holds more."""
    found = rules.diary_number_alone.fullmatch(line)
    return None if found is None else found.group("label") is not None


def _starts_with_number(block: Block, rules: AgendaRules) -> bool:
    first = block.lines[0] if block.lines else ""
    found = rules.diary_number.match(first)
    return found is not None and not is_not_a_number(found.group("number"))


class _Records:
    """Turns blocks into records: one per diary number, notices counted in order."""

    def __init__(
        self,
        *,
        source: str,
        config: Config,
        rules: AgendaRules,
        meeting_year: int | None,
        locate: Callable[[int], str] | None = None,
    ) -> None:
        self.source = source
        self.locate = locate
        self.config = config
        self.rules = rules
        self.meeting_year = meeting_year
        self.decisions: dict[str, Decision] = {}
        self.decision_texts: dict[str, str] = {}
        self.notices: set[str] = set()
        # Items already rejected, by their text: the same list printed twice is reported once.
        self.rejected: set[str] = set()
        # What became of the blocks' lines, and of the items printed twice.
        self.lines: Counter[str] = Counter()
        self.repeated = 0
        # An item or an empty report was found (read_agenda adds the headings): the document
        # holds a list.
        self.list_found = False

    def reading(self, block: Block) -> Read | None:
        """The text and reading of a block of the decision list, which depend on nothing read
        before it; None for a notice, or where reading it raised (``of`` reads it again in its
        turn, so that what it raises comes in the order of the document)."""
        if block.mode is Mode.NOTICES:
            return None
        try:
            text, lowered = normalise_item_text(block.text(rules=self.rules), self.rules)
            return text, self._read(block, text, lowered)
        except Exception:
            return None

    def _where(self, block: Block) -> str:
        return f"{self.source}:{block.start}" if self.locate is None else self.locate(block.start)

    def _read(self, block: Block, text: str, lowered: str) -> ItemReading:
        reading = read_decision_item(
            text,
            source=self._where(block),
            rules=self.rules,
            config=self.config,
            meeting_year=self.meeting_year,
            lowered=lowered,
        )
        decision = reading.decision
        if decision is not None and decision.delegate is None and block.group_delegate:
            # "Upphandlingschef" above its items: who decided an item that names no one.
            decision = replace(decision, delegate=block.group_delegate)
            reading = reading._replace(decision=decision, delegate_named=True)
        if decision is not None and decision.delegation_point is None and block.group_point:
            # "Delegationsbeslut enligt delegationsordningen punkt 3.2:" above its items.
            reading = reading._replace(
                decision=replace(decision, delegation_point=block.group_point)
            )
        return reading

    def of(self, block: Block, read: Read | None = None) -> tuple[str, Record | None]:
        """What became of ``block`` (one of accounting.LINE_FATES), and its record if any;
        ``read`` is its ``reading`` where already read."""
        where = self._where(block)
        if read is not None:
            text, reading = read
        else:
            text, lowered = normalise_item_text(block.text(rules=self.rules), self.rules)
            if block.mode is Mode.NOTICES:
                delegated = self._delegated(block, text, lowered)
                if delegated is None:
                    return self._notice(block, text, where)
                reading = delegated
            else:
                reading = self._read(block, text, lowered)
        if reading.empty_report:
            self.list_found = True
            return "prose", None
        record: Record | None
        if reading.decision is not None:
            decision = reading.decision
            if (block.labels is not None and not block.marked) or (
                (decision.decided_on or decision.delegate)
                and block.has_columns()
                and block.columns() > 2
            ):
                # Fields (a card, a table row with its date and who decided): no sentence of
                # the board's to give back ("2024-04-02 Beslut om … Miljöinspektör MBN
                # 2024/118."); the report composes one of the fields.
                decision = replace(decision, wording=None)
            elif block.has_columns():
                # A run of spaces separates the fields for reading, never in the board's
                # sentence: the wording is the text with single spaces.
                plain, _ = normalise_item_text(block.text(columns=False), self.rules)
                decision = replace(decision, wording=as_wording(plain))
            fate, record = self._decision(block, reading, decision, text)
            if fate != "rejected":
                return fate, record
        elif (
            reading.problem is not None
            and not block.strict
            and reading.problem.startswith(NO_DIARY_NUMBER)
            and self.rules.counted_decisions.search(text) is not None
        ):
            # "Beslut enligt SoL 4 kap. 1 §, januari 2024: 134 beslut": what the board was told,
            # which names no decision to register.
            return self._notice(block, text, where)
        elif reading.problem is not None and _is_reported_item(block, reading, text, self.rules):
            record = Rejected(source=where, reason=reading.problem)
        else:
            return "prose", None
        # Rows 1 and 2 of a table alike and both without a number are two items; the same row
        # under the same marker is the list printed again.
        key = text if block.marker is None else f"{block.marker} {text}"
        if key in self.rejected:
            self.repeated += 1
            return "repeated", None
        self.rejected.add(key)
        self.list_found = True
        return "rejected", record

    def _decision(
        self, block: Block, reading: ItemReading, decision: Decision, text: str
    ) -> tuple[str, Record | None]:
        where = decision.source or ""
        if block.labels is not None and not block.marked and block.all_fields(self.rules):
            # Fields and no text of the item's own: a decision whose text is missing where a
            # field names its day or who decided ("Diarienummer: KS 2024/5" / "Beslutsdatum:
            # …"; taken for prose, it was lost without a word), else the agenda point's own
            # number and its officer ("Dnr: KS 2024/3" / "Handläggare: Eva Berg").
            if self._dated_card(block):
                return "rejected", Rejected(where, _NO_TEXT)
            return "prose", None
        if not reading.has_text:
            # A diary number alone: the agenda point's own number, or an item cut off after it.
            if block.marked:
                return "rejected", Rejected(where, _NO_TEXT)
            return "prose", None
        if _is_running_text(block, reading, decision) and not self._dated_card(block):
            return "prose", None
        self.list_found = True
        first = self.decisions.get(decision.diary_number)
        if first is None:
            self.decisions[decision.diary_number] = decision
            self.decision_texts[decision.diary_number] = text
            return "decision", decision
        # A row of fields keeps no wording to compare: its text tells a second decision of the
        # same case (a web page's diary number spanning two rows) from the row printed again.
        same = (
            first.wording == decision.wording
            if first.wording is not None or decision.wording is not None
            else self.decision_texts.get(decision.diary_number) == text
        )
        if same:
            # The same list printed twice on the page (agenda view and minutes view).
            self.repeated += 1
            return "repeated", None
        return "rejected", Rejected(
            where,
            f"diary number {decision.diary_number} appears twice with different text "
            f"(first at {first.source})",
        )

    def _delegated(self, block: Block, text: str, lowered: str) -> ItemReading | None:
        """The reading of an item among the notices that says it is a delegation decision and
        has its diary number ("Delegationsbeslut: Avtal om …, TN 2024/41" under "Meddelanden
        och delegationsbeslut"): a decision to register, not a notice; None for any other."""
        if _DELEGATED_FIRST.match(text) is None:
            return None
        reading = self._read(block, text, lowered)
        return reading if reading.decision is not None else None

    def _dated_card(self, block: Block) -> bool:
        """Whether ``block`` is an item written field by field that names the day of its
        decision or who decided ("Diarienummer: BN 2024-000123" / "Beslutsdatum: 2024-03-04"):
        a decision, though it opens the section with its number as the point's own number
        does ("Dnr: KS 2024/3" / "Handläggare: …" under the point's heading names neither)."""
        if block.labels is None or block.marked:
            return False
        rules = self.rules
        return any(
            rules.decision_date.match(line) is not None or rules.delegate_label.match(line)
            for line in block.lines
        )

    def _notice(self, block: Block, text: str, where: str) -> tuple[str, Notice | None]:
        if not text or self.rules.empty_report.search(text):
            return "prose", None
        if not block.marked and self.rules.prose.search(text) is not None:
            # "Nämnden lägger meddelandena till handlingarna." closes the list; it is no notice.
            return "prose", None
        if text in self.notices:
            self.repeated += 1
            return "repeated", None
        self.notices.add(text)
        return "notice", read_notice_item(
            text,
            source=where,
            position=len(self.notices),
            rules=self.rules,
            meeting_year=self.meeting_year,
        )


_NO_TEXT = "the item has a diary number but no text"


def _is_running_text(block: Block, reading: ItemReading, decision: Decision) -> bool:
    """Text that names a diary number without being an item of the list.

    "Dnr KS 2023/145" under the agenda point's heading followed by "Kommunstyrelsen beslutar …",
    a note after a numbered list, or a paragraph of an agenda with no list heading at all.
    """
    if block.strict and _is_prose(decision.wording or ""):
        return True
    if block.in_run:
        return False
    unsure = block.strict or block.opens_section_with_number or block.after_marked_items
    return unsure and not reading.decision_like


def _is_prose(text: str, sentences: int = _PROSE_SENTENCES) -> bool:
    """``sentences`` sentences or more (three by default): a paragraph, not an item of a list."""
    breaks = islice(_SENTENCE_BREAK.finditer(text), sentences - 1)
    return sum(1 for _ in breaks) >= sentences - 1


# The word that says an item is a delegation decision, first in it.
_DELEGATED_FIRST = re.compile(r"(?:delegations|delegerings|ordförande)beslut\b", re.I)


# A title naming whose decisions follow: "Kommundirektörens beslut", "Kommunstyrelsens
# ordförandes delegationsbeslut".
_WHOSE_DECISIONS = re.compile(r"[A-ZÅÄÖ][\w-]*s(?: [\w-]+s)? (?:delegations|delegerings)?beslut")


def _is_reported_item(block: Block, reading: ItemReading, text: str, rules: AgendaRules) -> bool:
    """Whether an item without a usable diary number is one the board was meant to note."""
    if reading.empty_report or block.lead_in:
        # A line that leads into its items, naming who decided them or their point.
        return False
    if block.strict:
        # No heading says where the list is: only a numbered item naming its delegate counts.
        return block.marked and reading.delegate_named
    if block.marked or block.is_head_row():
        # A marked item, or a row of a table under its named head ("Upphandling      Avtal
        # med …   2024-02-02", the number's cell empty): an item whose number is missing.
        return True
    if len(block.lines) == 1 and _WHOSE_DECISIONS.fullmatch(block.lines[0]) is not None:
        # "Kommundirektörens beslut" above the rows of what that delegate decided (a heading
        # between two tables): the title of a group, not an item cut off before its number.
        return False
    # Unmarked text under the heading: a paragraph about the list ("Under perioden har …",
    # a reservation, "Nämnden beslutar att …") is prose, not an item cut off before its number.
    about_the_list = (
        text.endswith(":") or _is_prose(text, 2) or rules.prose.search(text) is not None
    )
    return reading.decision_like and not about_the_list
