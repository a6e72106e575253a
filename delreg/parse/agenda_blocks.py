"""Walking an agenda's lines in order and cutting the list into the blocks of its items.

A block is the lines of one item: from its marker ("1.", "•", "a)") or its first line to the next
item, heading or end of the list. Without markers an item ends where its diary number ends a
line, where a line starts like a decision ("Regiondirektören har …", "RS 2024/3 …") or at a
blank line after a complete item. Only the current block is kept, so the walk is linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import Enum
from itertools import pairwise
from typing import NamedTuple

from delreg.config import Config
from delreg.parse.agenda_lines import Line, LineKind
from delreg.parse.agenda_numbers import diary_numbers
from delreg.parse.agenda_rules import AgendaRules
from delreg.parse.table_columns import CELL_GAP, column_roles, row_text

# The kinds as plain names: looking a member up on its Enum class costs more than a global.
_ITEM = LineKind.ITEM
_TEXT = LineKind.TEXT
_BLANK = LineKind.BLANK
_NOISE = LineKind.NOISE
_DIARY_NUMBER = LineKind.DIARY_NUMBER
_END = LineKind.END
# "9 Övriga frågor": an agenda point's number without a full stop, then its title.
_AGENDA_NUMBER = re.compile(r"(\d{1,3}) +(?=[A-ZÅÄÖ])")
# An item's end is looked at for a diary number this far back ("…, RS 2022/1275.").
_TAIL = 45
_TAIL_PUNCTUATION = " .,;:)"
_COLUMN_GAP = re.compile(r"(?: {3,}|\t)[ \t]*")
_HEAD_GAP = re.compile(r"(?: {2,}|\t)[ \t]*")
# How far a wrapped cell's text may stand from where its column starts in the row above.
_CELL_SLACK = 2
# The columns by whose head's names a table's rows are read (``TableHead``): where a head names
# none of these, a row's day and who decided are found by their looks, as in a table without a
# head.
# A column's name in a head the configuration does not know is a few words.
_HEAD_NAME_MOST = 40
_DIGITS = re.compile(r"\d")
_READ_BY_NAME = frozenset({"date", "other date", "delegate", "point", "party", "officer"})


class TableHead(NamedTuple):
    """The head of a table written as text ("Datum   Ärende   Dnr   Beslutsfattare   Lagrum"):
    where each column's name starts on the page, and what the column holds by its name
    (delreg.parse.table_columns). A row is read by it: found by their looks, the day, who
    decided and the party of a row are the cells at its end, and a column after them
    ("Lagrum", "Kommentar") ran into the subject and took who decided with it."""

    starts: tuple[int, ...]
    roles: tuple[str, ...]
    # The names stand a tab apart: so do the rows' cells, an empty cell between two tabs.
    tabs: bool
    # The names stand exactly a column gap apart, as a table written with pipes gives them
    # (a Word document's, a web page's: delreg.text): a row's empty cell is one gap more.
    piped: bool = False

    def row(
        self, text: str, starts: tuple[int, ...] | None, *, indent: int, marked: bool
    ) -> str | None:
        """A row's text (its cells starting at ``starts`` on the page, where known; its first
        ``indent`` characters in) as the agenda reader reads it field by field; None where its
        cells do not fit the head's columns one to one (the row is then read as it stands)."""
        roles = self.roles
        if marked and roles[0] == "serial":
            roles = roles[1:]  # the row's number is its marker, no cell
        if self.tabs and "\t" in text:
            split = self._tab_cells(text, 0 if marked else indent)
            while len(split) > len(roles) and not split[-1]:
                split.pop()
            cells: list[str] | None = split + [""] * (len(roles) - len(split))
        else:
            split = _COLUMN_GAP.split(text.strip())
            placed = None
            if self.piped and len(split) != len(roles):
                # An empty cell between filled ones ran two gaps into one: counted, each cell
                # is its column's ("Beslutsfattare" left empty before "Lagrum"). Before its
                # place: a row's cells stand where a pipe table's head's names do by chance.
                before = 0 if marked else indent - self.starts[0]
                placed = _by_gaps(text.strip(), before, len(roles))
            if placed is None and starts is not None and len(starts) == len(split) and not marked:
                # Cells as many as the columns, not aligned under them, are each its column's.
                placed = _by_place(split, starts, self.starts)
            cells = placed or split
        if cells is None or len(cells) != len(roles):
            return None
        return row_text(cells, roles)

    def cells(self, text: str, indent: int) -> list[str] | None:
        """The cells of a line (``text``, ``indent`` characters in) in the head's columns,
        where they fit them (a wrapped cell's text below a row holds one, not the first)."""
        if self.tabs and "\t" in text:
            cells: list[str] | None = self._tab_cells(text, indent)
        else:
            cells = None
            if self.piped:
                cells = _by_gaps(text, indent - self.starts[0], len(self.roles))
            if cells is None:
                found = _cells(text, indent)
                cells = _by_place(
                    [cell for _, cell in found], tuple(at for at, _ in found), self.starts
                )
        if cells is None or len(cells) > len(self.roles):
            return None
        return cells

    def _tab_cells(self, text: str, indent: int) -> list[str]:
        """A tab table's line in cells; each tab before its text (further in than the head's)
        an empty cell."""
        empty = max(0, indent - self.starts[0])
        return [""] * empty + [cell.strip() for cell in text.split("\t")]


def _by_place(
    cells: list[str], starts: tuple[int, ...], columns: tuple[int, ...]
) -> list[str] | None:
    """A row's cells in the columns they stand under, an empty one where a cell is missing;
    None where a cell does not start where a column's name does (a table whose rows are not
    aligned under its head: the cells' places tell nothing)."""
    placed = [""] * len(columns)
    taken = -1
    for cell, start in zip(cells, starts, strict=True):
        column = next(
            (index for index, at in enumerate(columns) if abs(at - start) <= _CELL_SLACK), None
        )
        if column is None or column <= taken:
            return None
        placed[column], taken = cell, column
    return placed


def _by_gaps(text: str, before: int, columns: int) -> list[str] | None:
    """A row of a table written with pipes (delreg.text), its cells a column gap apart: an
    empty cell is one gap more ("SN 2024/301      Socialchef": an empty cell between), and each
    gap before the row's text (``before`` characters) one more before it; the columns after
    its last cell are empty. None where a gap or ``before`` is no whole number of gaps, or the
    row has more cells than ``columns``: no such row."""
    gap = len(CELL_GAP)
    if before % gap or before < 0:
        return None
    cells = [""] * (before // gap)
    start = 0
    for found in _COLUMN_GAP.finditer(text):
        width = found.end() - found.start()
        if width % gap or "\t" in found.group():
            return None
        cells.append(text[start : found.start()])
        cells.extend([""] * (width // gap - 1))
        start = found.end()
    cells.append(text[start:])
    if len(cells) > columns:
        return None
    return cells + [""] * (columns - len(cells))


def _table_head(head: Line) -> TableHead | None:
    """The head ``head`` as a ``TableHead``, where it names a column a row is read by."""
    text = head.text
    gaps = list(_HEAD_GAP.finditer(text))
    starts = [0, *(gap.end() for gap in gaps)]
    ends = [*(gap.start() for gap in gaps), len(text)]
    names = [" ".join(text[start:end].split()) for start, end in zip(starts, ends, strict=True)]
    if any(_SECRECY_HEAD.fullmatch(name) for name in names):
        return None  # its cell is read where it stands (``_secrecy_cell_read``)
    roles = column_roles(names)
    if "officer" in roles and "delegate" not in roles:
        # "Ärendenummer   Ärendemening   Beslutsdatum   Handläggare" over a board's list: the
        # official named is who decided, as the reader took the row's last cell before.
        roles = tuple("delegate" if role == "officer" else role for role in roles)
    if _READ_BY_NAME.isdisjoint(roles) or "number" not in roles:
        return None
    # Names exactly a gap apart (delreg.text writes a pipe table's so; a text table's head
    # stands over its columns, mostly wider apart).
    piped = bool(gaps) and all(gap.group() == CELL_GAP for gap in gaps)
    return TableHead(tuple(head.indent + at for at in starts), roles, "\t" in text, piped)


class Mode(Enum):
    OUTSIDE = "outside"
    DECISIONS = "decisions"
    NOTICES = "notices"


@dataclass(slots=True)
class Block:
    """The lines of one item, as the list is walked."""

    start: int
    mode: Mode
    marked: bool
    # A list without a heading: only what reads like a decision is taken.
    strict: bool
    lines: list[str]
    # Lines with more than a diary number ("1." alone and "Dnr RS 2022/1275" alone have none).
    body_lines: int
    # The block opened with a line holding only a diary number, first thing under its heading.
    opens_section_with_number: bool = False
    # Unmarked text after marked items: the list is over, or this is a note about it.
    after_marked_items: bool = False
    # The marker's style ("numbered", "bullet" …) of a marked item, and the marker ("3.").
    style: str | None = None
    marker: str | None = None
    # One of a run of bulleted items that carry diary numbers, in a document with no heading.
    in_run: bool = False
    # The lines of the document the block took, for the import's account of every line.
    line_count: int = 1
    # The labels of the lines written field by field ("dnr", "beslutsdatum"), and which of
    # ``lines`` start a field: None until a line of the block starts with a label.
    labels: set[str] | None = None
    fields: set[int] | None = None
    # "KS 2024/45 Tillförordnad ekonomichef" above the sentence that says what was decided:
    # read as the sentence, then the number and its title.
    titled: bool = False
    # The fields above a group of rows ("Beslutsfattare: Kommundirektör" above rows that each
    # start with a diary number), which each row of the group takes as its own.
    group: tuple[str, ...] | None = None
    # The title of a delegate above a group of items ("Upphandlingschef" above the items it
    # decided), for an item that names no one.
    group_delegate: str | None = None
    # The point of the delegationsordning a line above a group of items names ("Delegations-
    # beslut enligt delegationsordningen punkt 3.2:"), for an item that names none.
    group_point: str | None = None
    # The block is a line that leads into a group of items and names their delegate or point
    # ("• Delegationsbeslut enligt delegationsordningen punkt 3.2:"), not an item.
    lead_in: bool = False
    # A line of the block holds a semicolon.
    semicolons: bool = False
    # Where the cells of a row without rules start on the page ("SN 2024/11    Yttrande till
    # …    2024-01-15"), for its cells' text wrapped onto the lines below (``wrap_into``).
    cell_starts: tuple[int, ...] | None = None
    # The head of the table whose row the block is, where its names tell how to read the row.
    head: TableHead | None = None
    # How far in the block's first line starts (a tab table's row: its empty cells before).
    indent: int = 0
    _numbers_seen: int = 0
    _has_number: bool = False

    def add(self, text: str, *, body: bool) -> None:
        self.line_count += 1
        if text:
            self.lines.append(text)
            self.body_lines += body

    def wrap_into(self, line: Line) -> bool:
        """Whether ``line`` is the text of this row's cells wrapped below it: each of its cells
        stands where one of the row's (not the first, whose column holds the diary number)
        starts. Its text then ends that cell's, so that the cells after it keep their own
        ("… för vård och" / "omsorg om tillsyn …" before the row's date, not after)."""
        starts = self.cell_starts
        if starts is None or "\t" in line.text or not self.lines:
            return False
        into: list[tuple[int, str]] = []
        for at, cell in _cells(line.text, line.indent):
            column = next(
                (n for n, start in enumerate(starts) if abs(start - at) <= _CELL_SLACK), None
            )
            if not column:
                return False  # none, or the first column's: a row, or text of its own
            into.append((column, cell))
        cells = _COLUMN_GAP.split(self.lines[0].strip())
        if len(cells) != len(starts):
            return False
        for column, cell in into:
            broken, piece = _joined(cells[column], cell)
            cells[column] = (cells[column][:-1] if broken else cells[column]) + piece
        self.lines[0] = "   ".join(cells)
        self.line_count += 1
        return True

    def add_field(self, label: str, text: str) -> None:
        """A line that starts with ``label`` ("Beslutsdatum: 2024-03-04")."""
        if self.labels is None or self.fields is None:
            self.labels, self.fields = set(), set()
        self.labels.add(label)
        self.fields.add(len(self.lines))
        self.add(text, body=True)

    def take_group(self, group: tuple[str, ...], rules: AgendaRules) -> None:
        """The fields above this row's group, as lines of its own (not lines the document gave
        it again: ``line_count`` is unchanged)."""
        self.group = group
        if self.labels is None or self.fields is None:
            self.labels, self.fields = set(), set()
        for text in group:
            found = rules.field_label.match(text)
            if found is not None:
                self.labels.add(" ".join(found.group("label").lower().split()))
            self.fields.add(len(self.lines))
            self.lines.append(text)

    def group_above(self, rules: AgendaRules) -> tuple[str, ...] | None:
        """The fields a next row takes: this row's group, or, when this block is fields and
        then one row that starts with a diary number, those fields."""
        if self.group is not None:
            return self.group
        fields = self.fields
        if self.labels is None or not fields or self.marked:
            return None
        count = len(fields)
        if max(fields) != count - 1 or count >= len(self.lines):
            return None  # a field below the row: an item written field by field
        if rules.diary_number.match(self.lines[count]) is None:
            return None
        return tuple(self.lines[:count])

    def has_number(self, rules: AgendaRules, config: Config) -> bool:
        # Searched lazily and once per line: most lists never ask.
        while not self._has_number and self._numbers_seen < len(self.lines):
            self._has_number = bool(diary_numbers(self.lines[self._numbers_seen], rules, config))
            self._numbers_seen += 1
        return self._has_number

    def ends_with_number(self, rules: AgendaRules, config: Config) -> bool:
        if not self.lines:
            return False
        line = self.lines[-1]
        if _number_ends(line, rules, config):
            return True
        # "…, BYGG.2024.123, 2024-02-05", "…, BUN 2024/301, rektor, 2024-05-03", "…,
        # BN 2024-000123, 2024-03-04, Bygglovshandläggare": the day and who decided after the
        # number, each a field of its own, end the item too.
        if not (line[-1:].isdigit() or line[-1:].isalpha()):
            return False
        cut = _without_last_fields(line, rules)
        return cut is not line and _number_ends(cut, rules, config)

    def has_columns(self) -> bool:
        return any("   " in line or "\t" in line for line in self.lines)

    def columns(self) -> int:
        """The most columns a line of the block has (1 for running text)."""
        return max((len(_COLUMN_GAP.split(line.strip())) for line in self.lines), default=1)

    def text(self, *, columns: bool = True, rules: AgendaRules | None = None) -> str:
        """The item's lines as one; a gap of columns as a dash when ``columns`` (for reading the
        fields), as a space when not (for the board's own sentence). An item written field by
        field is put in the order of a sentence when ``rules`` are given (``card_text``)."""
        if self.labels is not None and rules is not None:
            return self.card_text(rules)
        lines = self.lines
        if columns and self.head is not None and len(lines) == 1:
            read = self.head.row(lines[0], self.cell_starts, indent=self.indent, marked=self.marked)
            if read is not None:
                return _columns(read)
        if columns:
            lines = [_columns(_semicolon_cells(line, rules)) for line in lines]
        if self.titled and len(lines) > 1:
            return f"{' '.join(lines[1:]).rstrip(' .')} – {lines[0]}"
        if len(lines) <= 1:
            return lines[0] if lines else ""
        pieces = [lines[0]]
        fields = self.fields or ()
        for at, (before, line) in enumerate(pairwise(lines), start=1):
            if at in fields:
                # A field of its own ("… boenden" / "Dnr: SN 2024/0231"): a dash keeps each
                # field's value from running into the next label.
                pieces.append(" – " + line)
                continue
            broken, piece = _joined(before, line)
            if broken:
                pieces[-1] = pieces[-1][:-1]
            pieces.append(piece)
        return "".join(pieces)

    def is_head_row(self) -> bool:
        """Whether the block is a row of the table under its named head: its first line's cells
        fit the head's columns, two or more of them filled, the first among them."""
        if self.head is None or not self.lines:
            return False
        cells = self.head.cells(self.lines[0], self.indent)
        return cells is not None and bool(cells[0]) and sum(1 for cell in cells if cell) > 1

    def all_fields(self, rules: AgendaRules) -> bool:
        """Whether every line of the block is a labelled field other than the subject's, its
        value alone: an item written field by field without a word of what was decided (not
        "Beslutsdatum: 240315. Kommunstyrelsens ordförande har …", the sentence after it)."""
        fields = self.fields or ()
        return all(
            at in fields
            and rules.subject_label.match(line) is None
            and _SENTENCE_AFTER.search(line) is None
            for at, line in enumerate(self.lines)
        )

    def card_text(self, rules: AgendaRules) -> str:
        """An item written field by field as a sentence reads it: what it is about first (its
        unlabelled text, or the field labelled as its subject), then the labelled fields, each
        after a dash, the diary number last ("Tilldelningsbeslut … – Beslutsdatum: 2024-03-04 –
        Beslutsfattare: Upphandlingschef – Dnr: SN 2024/0231"). Two fields may share a line, a
        column gap apart."""
        about: list[str] = []
        labelled: list[str] = []
        numbers: list[str] = []
        for line in self.lines:
            fresh = True
            for cell in _COLUMN_GAP.split(line):
                if not cell:
                    continue
                found = rules.field_label.match(cell)
                if found is not None and rules.unread_label.match(cell):
                    continue  # "Datum för anslag: …": the notice's, not the decision's
                if found is not None and not rules.subject_label.match(cell):
                    # The diary number last, where a sentence has it.
                    number = rules.diary_label_gate.first(found.group("label").lower()) >= 0
                    (numbers if number else labelled).append(cell)
                elif about and fresh and not rules.subject_label.match(cell):
                    # Text wrapped over lines: one part.
                    about[-1] = f"{about[-1]} {cell}"
                else:
                    about.append(cell)
                fresh = False
        return " – ".join([*about, *labelled, *numbers])


# A field's value followed by a sentence of its own.
_SENTENCE_AFTER = re.compile(r"[.!?]\s+[A-ZÅÄÖ]")
# The style of the markers "5.1", "5.2" (agenda.item_markers).
_SUB_NUMBERED = "subnumbered"
# What ``Segmenter.last_sub_number`` holds once a list's "15.3" was a point, not a marker.
_POINTS_FIRST = (-1, -1)


class Segmenter:
    """Walks the classified lines and hands out each item's block once it is complete."""

    def __init__(self, rules: AgendaRules, config: Config, *, headed: bool) -> None:
        self.rules = rules
        self.config = config
        # Without any heading the whole document is read as a list, strictly.
        self.base = Mode.OUTSIDE if headed else Mode.DECISIONS
        self.mode = self.base
        self.heading: Line | None = None
        self.style: str | None = None
        self.last_item_number: int | None = None
        # The last sub-number taken for an item's marker ("5.2"), as (point, sub-item).
        self.last_sub_number: tuple[int, int] | None = None
        self.block: Block | None = None
        self.blocks_in_section = 0
        # The title of the delegate whose group of items is being walked (see ``_close``).
        self.group_delegate: str | None = None
        # The point of the delegationsordning of the group of items being walked.
        self.group_point: str | None = None
        self.blank_before = False
        # A page's furniture or break since the last line read (an item may go on after it).
        self.page_before = False
        # The account of the lines of the sections walked (see accounting.Account).
        self.section_lines = 0
        self.headings = 0
        self.furniture = 0
        # The bulleted headings whose bullets as far out are the list's items (see
        # ``_bullets_are_items``).
        self.bullets_are_items: frozenset[int] = frozenset()
        # The bullets after such a list that are the next agenda point (see
        # ``_points_after_lists``), by line number.
        self.points_after_lists: frozenset[int] = frozenset()
        # Where the rows of a table under a head with a "Sekretess" column hold its cell (see
        # ``_secrecy_column``), until the section ends.
        self.secrecy_column: tuple[int, int | None] | None = None
        # A table's head ("Nr   Diarienummer   Ärende") was seen in the section: its rows'
        # numbers are the table's own (see ``_is_next_row``).
        self.table_head = False
        # That head, where its names tell how to read its rows (``TableHead``).
        self.head: TableHead | None = None

    def blocks(self, lines: list[Line]) -> Iterator[Block]:
        self.bullets_are_items = _bullets_are_items(lines, self.rules, self.config)
        if self.bullets_are_items:
            self.points_after_lists = _points_after_lists(
                lines, self.bullets_are_items, self.rules, self.config
            )
        take = self._take
        rules, config = self.rules, self.config
        for line in lines:
            done = take(line)
            if ";" in line.text and self.block is not None:
                # Perhaps a sentence that lists decisions between semicolons (see ``_parts``).
                self.block.semicolons = True
            if done is not None:
                if done.semicolons:
                    yield from _parts(done, rules, config)
                else:
                    yield done
        done = self._close()
        if done is not None:
            yield from _parts(done, rules, config)

    def _take(self, line: Line) -> Block | None:
        # The kinds by how often they come; what is not one of these five is a heading.
        kind = line.kind
        in_section = self.mode is not Mode.OUTSIDE
        self.section_lines += in_section
        if self.secrecy_column is not None and kind is not _BLANK:
            line.text = _secrecy_cell_read(line, self.secrecy_column)
        wrapped = self._wrapped_number(line) if in_section and kind is not _BLANK else None
        if wrapped is not None:
            # "… ultraljud MT" / "2015-0001": a procurement number wrapped after its prefix,
            # whatever its second half looks like alone (a diary number, two years, a page's
            # number).
            wrapped.add(line.text, body=True)
            self.blank_before = self.page_before = False
            return None
        if kind is _ITEM:
            done = None if self.mode is Mode.OUTSIDE else self._item(line)
        elif kind is _BLANK:
            self.blank_before = True
            self.page_before |= line.page_break
            self.furniture += in_section
            return None
        elif kind is _TEXT:
            mode = self.mode
            if mode is Mode.OUTSIDE:
                done = None
            elif mode is Mode.DECISIONS and self._is_table_head(line):
                done = self._head(line)
            elif mode is Mode.DECISIONS and self._is_next_case(line):
                line.kind = _END
                done = self._heading(line)
                self.headings += 1
            else:
                taken, done = self._field(line) if mode is Mode.DECISIONS else (False, None)
                if not taken:
                    done = self._text(line)
        elif kind is _NOISE:
            self.page_before = True
            self.furniture += in_section
            return None
        elif kind is _DIARY_NUMBER:
            mode = self.mode
            if mode is Mode.OUTSIDE:
                done = None
            elif mode is Mode.DECISIONS:
                taken, done = self._field(line)
                if not taken:
                    done = self._number_line(line)
            else:
                done = self._text(line)
        elif kind is _END and self.mode is Mode.DECISIONS and self._is_next_row(line):
            done = self._item(line, row=True)
        elif (
            kind is LineKind.SUBHEADING
            and self.mode is Mode.DECISIONS
            and self._is_table_head(line)
        ):
            # "Beslut   Dnr   Datum   Beslutsfattare": a head whose first name reads as a
            # minutes' sub-heading ("Beslut") is the table's head all the same.
            done = self._head(line)
        elif kind is _END and self._heads_the_lists_documents(line):
            # Taken for the next point, it ended the list before its first item, and every
            # decision below went unread and unaccounted for.
            line.kind = LineKind.SUBHEADING
            done = self._heading(line)
            self.headings += 1
        else:
            done = self._heading(line)
            if not in_section and self.mode is not Mode.OUTSIDE:
                self.section_lines += 1  # the heading that opens a section is part of it
            self.headings += in_section or self.mode is not Mode.OUTSIDE
        self.blank_before = self.page_before = False
        return done

    def _head(self, line: Line) -> Block | None:
        """A table's head ("Nr   Dnr   Datum   Ärende"): it ends the item above, as a
        sub-heading does, and the rows below are read by it."""
        done = self._close()
        self.headings += 1
        self.secrecy_column = _secrecy_column(line)
        self.table_head = True
        self.head = _table_head(line)
        return done

    # --- sections ------------------------------------------------------------------------

    def _heading(self, line: Line) -> Block | None:
        done = self._close()
        if line.kind is LineKind.SUBHEADING:
            # "Beslut fattade av upphandlingschefen" starts a group of hers; another sub-heading
            # a group of no one's.
            self.group_delegate = _heading_delegate(line.text, self.rules.delegate_endings)
            self.group_point = None
            return done
        if line.kind is LineKind.DECISION_HEADING:
            point = self.heading
            self._open(Mode.DECISIONS, line)
            self.group_delegate = _heading_delegate(line.text, self.rules.delegate_endings)
            if (
                line.item_number is None
                and point is not None
                and point.item_number is not None
                and point.kind is LineKind.DECISION_HEADING
            ):
                # "Delegationsbeslut SN" over the table under "8. Redovisning av
                # delegeringsbeslut" (a web page's caption or summary) titles the point's list:
                # "9. …" is still the next point, which ends it.
                self.heading = point
        elif line.kind is LineKind.NOTICE_HEADING:
            self._open(Mode.NOTICES, line)
        else:
            self._open(self.base, None)
        return done

    def _open(self, mode: Mode, heading: Line | None) -> None:
        self.mode = mode
        self.secrecy_column = None
        self.table_head = False
        self.head = None
        self.heading = heading
        self.style = None
        self.last_item_number = None
        self.last_sub_number = None
        self.blocks_in_section = 0
        self.group_delegate = None
        self.group_point = None

    def _is_next_agenda_point(self, line: Line) -> bool:
        heading = self.heading
        if heading is None:
            return False
        # On a web page whose agenda points are bullets ("• Anmälningsärenden:"), a bullet as far
        # out as the heading starts the next point, not an item of the list, unless the list's
        # items are such bullets (a PDF's text does not show how far in a bullet stands).
        if (
            heading.bulleted
            and line.style == "bullet"
            and line.indent <= heading.indent
            and (
                heading.number not in self.bullets_are_items
                or line.number in self.points_after_lists
            )
        ):
            return True
        # Under "3. Anmälan av delegationsbeslut", "4. …" is the next point, unless it is the
        # next item of a list that has itself come to 3.
        return (
            heading.item_number is not None
            and line.item_number == heading.item_number + 1
            and not (line.style == self.style and self.last_item_number == heading.item_number)
            # A table's row numbered "9" under the point "8.", written as the rows are.
            and not (self.table_head and _unlike_point(heading, line.marker))
        )

    def _is_sub_number(self, marker: str) -> bool:
        """Whether a marker "5.2" numbers a sub-item of the agenda point: its first number is
        the point's ("5. Anmälan av delegationsbeslut"), or the sub-numbers run 1, 2, 3 from
        the list's start. Else it is a point of the delegationsordning written first."""
        point, _, sub = marker.rstrip(".)").partition(".")
        if not (point.isdigit() and sub.isdigit()):
            return True
        numbers = (int(point), int(sub))
        last = self.last_sub_number
        heading = self.heading
        agenda_number = None if heading is None else heading.item_number
        runs = numbers[1] == 1 if last is None else numbers == (last[0], last[1] + 1)
        if numbers[0] == agenda_number or runs:
            self.last_sub_number = numbers
            return True
        # The list's numbers are points: a later "2.1" starts no run of sub-items.
        self.last_sub_number = _POINTS_FIRST
        return False

    def _heads_the_lists_documents(self, line: Line) -> bool:
        """Whether an end heading is "Bilagor" right under the list's heading, before any of
        its items: on a meeting system's page it heads the links to the decisions' documents
        (``document_headings``). After the items it ends the list: the point's own attachments
        follow."""
        return (
            self.mode is not Mode.OUTSIDE
            and self.heading is not None
            and not self.blocks_in_section
            and self.rules.document_heading.fullmatch(line.text) is not None
        )

    def _is_next_case(self, line: Line) -> bool:
        """Whether a line is the agenda's next point, a case with its own diary number ("9
        Yttrande över översiktsplan, Dnr KS 2024/900" under "8 Anmälan av …"): a title with a
        diary number is not read as a point's title out of context. Taken for more of the
        item above, it gave that item its diary number."""
        heading = self.heading
        if heading is None or heading.item_number is None:
            return False
        found = _AGENDA_NUMBER.match(line.text)
        return (
            found is not None
            and int(found.group(1)) == heading.item_number + 1
            and _AGENDA_NUMBER.match(heading.text) is not None
            and self.last_item_number != heading.item_number
        )

    def _is_next_row(self, line: Line) -> bool:
        """Whether a line that reads as the next agenda point's title ("2   Avtal med …") is
        the next row of the list's numbered table, its diary number's cell empty: it goes on
        with the list's numbers, not the agenda's, or it is cells apart. Made an item, it is
        rejected for its missing number rather than ending the list and losing the rows below.
        ``line`` becomes that item where so."""
        number, last = line.item_number, self.last_item_number
        if number is None:
            return False
        marker = self.rules.item_marker.match(line.text)
        if marker is None:
            return False
        style, text = marker.lastgroup or "item", line.text[marker.end() :]
        heading = self.heading
        agenda_number = None if heading is None else heading.item_number
        agenda_next = agenda_number is not None and number == agenda_number + 1
        # Under a table's head, "9" where the point is "8.": the table's number, written as its
        # rows' are, not as the agenda's.
        point_like = agenda_next and not (
            self.table_head and _unlike_point(heading, marker.group())
        )
        # The number's cell and the next stand apart too where the diary number's cell between
        # them is empty and the row holds nothing but its subject ("1         Avtal med …").
        gap = marker.group()[len(marker.group().rstrip()) :]
        cells = "   " in text or "\t" in text or len(gap) >= 3 or "\t" in gap
        if last is None:
            # The table's first row: only where its cells stand apart, numbered 1 unless under
            # the table's head (its first row left out of the printed list).
            if (number != 1 and not self.table_head) or not cells or point_like:
                return False
        else:
            # Under a table's head, a row whose cells stand apart is the table's next, though
            # its number skips ("1", "3": a row left out of the printed list): taken for the
            # next agenda point, it ended the list and the rows after it went unaccounted for.
            skipped = self.table_head and cells and number > last and not point_like
            if (number != last + 1 and not skipped) or style != self.style:
                return False
            if agenda_next and not cells:
                return False
        line.kind, line.style, line.text = _ITEM, style, text
        line.marker = marker.group().strip()
        return True

    # --- items ---------------------------------------------------------------------------

    def _item(self, line: Line, *, row: bool = False) -> Block | None:
        block = self.block
        if (
            line.text[:1] in _AFTER_PARENTHESIS
            and block is not None
            and _closes_parenthesis(block, line.marker)
        ):
            # "… (ärende" / "7)" or "7), SN 2024/90": the end of a parenthesis wrapped onto a
            # line of its own, no item marked "7)". Taken for one, it was rejected as an item
            # without text and the item above lost its words (and its number).
            block.add(f"{line.marker}{line.text}", body=True)
            return None
        # A table's row told from the next point already (``_is_next_row``) is none.
        if not row and self._is_next_agenda_point(line):
            done = self._close()
            self._open(self.base, None)
            self.headings += 1
            return done
        if line.style == _SUB_NUMBERED and not self._is_sub_number(line.marker):
            if _is_group_title(line.text):
                # "3.2 Anställning" above the items decided under that point of the
                # delegationsordning: the title of their group, which gives them its point.
                # Taken for an item, it ran into the items below and they became one.
                return self._point_title(line)
            # "15.3 Kommundirektören har …", "4.2 …" under a heading of no number or another:
            # no sub-item's marker but the point of the delegationsordning, which the item
            # reads; the item stays one of its list.
            line.text = f"{line.marker} {line.text}"
        block = self.block
        if block is not None and not block.marked:
            # After text ("… fattat följande beslut:") a marker starts a list of its own style.
            self.style = None
        if block is not None and self.style is not None and line.style != self.style:
            # A marker of another style inside an item is a sub-bullet or a dash of its text,
            # unless the item is complete and a blank line stands between.
            complete = self.blank_before and block.has_number(self.rules, self.config)
            if not complete:
                if not self._other_style_item(block, line):
                    block.add(f"{line.marker} {line.text}", body=True)
                    return None
                # The list goes on in the new style: its next markers are items, not sub-items.
                self.style = None
        done = self._close()
        self.style = self.style or line.style
        self.last_item_number = line.item_number
        # "A. Dnr FSN 2024/211" with the text on the lines below is not yet an item with text.
        number_only = self.rules.diary_number_alone.fullmatch(
            line.text
        ) is not None or self._number_and_day(line.text)
        self.block = self._new(line, marked=True, number_line=number_only)
        self.block.style = line.style
        self.block.marker = line.marker
        return done

    def _number_and_day(self, text: str) -> bool:
        """Whether a marked line holds its diary number and the day alone ("2. KS 2024/92,
        2024-02-07"), the item's text on the lines below: a line below that starts as a
        decision ("Yttrande över …") is that text, not the next item."""
        if len(text) > _NUMBER_AND_DAY_LONGEST or not text[-1:].isdigit():
            return False  # most items: a sentence, ending with its number and a full stop
        found = self.rules.diary_number_alone.match(text)
        if found is None or found.end() == len(text):
            return False
        rest = text[found.end() :].strip(_DAY_SEPARATORS)
        return self.rules.date.fullmatch(rest) is not None

    def _point_title(self, line: Line) -> Block | None:
        done = self._close()
        self.group_point = line.marker.rstrip(".)") if line.marker else None
        line.text = f"{line.marker} {line.text}"
        self.block = self._new(line, marked=False)
        self.block.lead_in = True
        return done

    def _other_style_item(self, block: Block, line: Line) -> bool:
        """Whether a marker of another style after a blank line starts an item of its own
        though the item above lacks its diary number ("• Regiondirektören har tecknat avtal" /
        blank / "1. Avtal med …, KS 2024/30"): the item above leads into nothing (no colon)
        and the marked line holds a diary number of its own. Taken for a sub-item, it gave the
        item above its number, and that item was registered in its place without a word."""
        return (
            self.blank_before
            # A marker alone on its line ("1.", its text lost) leads into nothing either.
            and not (block.lines and block.lines[-1].endswith(":"))
            and bool(diary_numbers(line.text, self.rules, self.config))
        )

    def _number_line(self, line: Line) -> Block | None:
        block = self.block
        if block is None or block.has_number(self.rules, self.config):
            done = self._close()
            self.block = self._new(line, marked=False, number_line=True)
            self._row_of_group(done)
            return done
        block.add(line.text, body=False)
        return None

    def _is_table_head(self, line: Line) -> bool:
        text = line.text
        if "  " not in text and "\t" not in text:
            return False
        # A head's short names may stand two spaces apart ("Nr  Dnr").
        cells = _HEAD_GAP.split(text.strip())
        if len(cells) < 2:
            return False
        if all(self.rules.column_name.fullmatch(cell) for cell in cells):
            return True
        # Or names of the board's own ("Dnr   Beslut   Delegat   Datum   Anmärkning"): short,
        # without digits, one the diary number's and one a row is read by (``TableHead``).
        if len(cells) < 3 or any(len(cell) > _HEAD_NAME_MOST for cell in cells):
            return False
        if _DIGITS.search(text) is not None:
            return False
        roles = column_roles([" ".join(cell.split()) for cell in cells])
        return "number" in roles and not _READ_BY_NAME.isdisjoint(roles)

    def _field(self, line: Line) -> tuple[bool, Block | None]:
        """``line`` as a field of an item written one field a line ("Ärende: …" / "Dnr: …" /
        "Beslutsdatum: …" / "Delegat: …"): whether it was one, and the block it ended.

        A field belongs to the item above it until its label comes back (the next item's first
        field) or a blank line follows a complete item; then it starts an item."""
        text = line.text
        colon = text.find(":", 0, 40)
        if colon < 0:
            return False, None
        found = self.rules.field_label.match(text)
        if found is None or found.end() != colon + 1:
            return False, None
        label = " ".join(found.group("label").lower().split())
        block = self.block
        if (
            block is None
            or (block.labels is not None and label in block.labels)
            or (self.blank_before and self._after_blank_starts_item(block, found))
        ):
            done = self._close()
            number_only = self.rules.diary_number_alone.fullmatch(text) is not None
            block = self.block = self._new(line, marked=False, number_line=number_only)
            block.labels, block.fields = {label}, {0}
            return True, done
        block.add_field(label, text)
        return True, None

    def _after_blank_starts_item(self, block: Block, found: re.Match[str]) -> bool:
        """Whether a field after a blank line starts an item rather than continuing the one
        above: it does after a complete item, and after unmarked text (a note about the list,
        or the item before), but for a diary number the text above still lacks ("Beslut om
        …" / blank / "Dnr: KS 2024/12")."""
        rules, config = self.rules, self.config
        if block.has_number(rules, config):
            return True
        if block.marked:
            return False
        return rules.diary_label_gate.first(found.group("label").lower()) < 0

    def _wrapped_number(self, line: Line) -> Block | None:
        """The block whose last line ends with a procurement number's prefix, when ``line``
        starts with the number's year."""
        block = self.block
        if (
            not line.text[:4].isdigit()
            or block is None
            or not block.lines
            or block.lines[-1].rpartition(" ")[2] not in self.rules.procurement_prefixes
        ):
            return None
        return block

    def _text(self, line: Line) -> Block | None:
        block = self.block
        if block is None or self._starts_item(block, line):
            done = self._close()
            self.block = self._new(line, marked=False)
            self._row_of_group(done)
            return done
        if not block.wrap_into(line):
            block.add(line.text, body=True)
        return None

    def _row_of_group(self, before: Block | None) -> None:
        """The new block, when it is a row that starts with a diary number under the fields
        that stood above the row before it, takes those fields ("Beslutsfattare: Ekonomichef"
        above three rows: each row's delegate). A field line, a heading or a marked item ends
        the group: none of them comes here."""
        block = self.block
        if before is None or block is None or self.mode is not Mode.DECISIONS:
            return
        group = before.group_above(self.rules)
        if group is not None and self.rules.diary_number.match(block.lines[0]) is not None:
            block.take_group(group, self.rules)

    def _starts_item(self, block: Block, line: Line) -> bool:
        if self.mode is Mode.NOTICES:
            return not line.text[0].islower() and (self.blank_before or not block.marked)
        if block.lead_in:
            # The title of a group ("3.2 Anställning") is a line of its own.
            return True
        rules, config = self.rules, self.config
        head = block.head
        if head is not None and not block.marked and block.has_number(rules, config):
            # A row under a head that names its columns, its diary number in that column: the
            # next row, wherever the column stands ("Ärende   Dnr   Datum …": a row that ends
            # with its text, not its number, ran into the next).
            cells = head.cells(line.text, line.indent)
            if cells is not None:
                number = cells[head.roles.index("number")]
                if number and rules.diary_number.fullmatch(number) is not None:
                    return True
                if not number and cells[0] and sum(1 for cell in cells if cell) > 1:
                    # A row with its number's cell empty ("Upphandling      Avtal med …   2024-
                    # 02-02" under "Ärendetyp   Dnr   Ärende …"): a row of its own, rejected for
                    # the number it lacks; a wrapped cell's text is one cell, not the first.
                    return True
        if block.labels is not None and not block.marked:
            # An item written field by field goes on to its last field, its text among them;
            # a line with a diary number of its own, once the item has one, is the next item
            # ("Beslutsfattare: Kommundirektör" above rows of numbers).
            return self.blank_before or self._second_number(block, line)
        if not block.body_lines:
            # "1." or "Dnr RS 2022/1275" on a line of its own: the text follows; but the agenda
            # point's own number, a blank line and the title of a group ("Bygglovshandläggare")
            # are two things, as are the number, a blank line and a paragraph with a number of
            # its own.
            # So are the number and a count of decisions, or the title of a month's counted
            # decisions ("Individärenden, mars 2024"): taken for the point's text, the count
            # became a decision of the point's own number, or the point's paragraph, lost.
            return (
                self.blank_before
                and block.opens_section_with_number
                and (
                    _is_group_title(_MONTH_AFTER.sub("", line.text))
                    or self.rules.diary_number.search(line.text) is not None
                    or rules.counted_decisions.search(line.text) is not None
                )
            )
        if line.text[:1].isupper() and rules.counted_decisions.search(block.lines[-1]):
            # "Beslut enligt LSS 9 §, januari 2024: 41 beslut": a count ends its item.
            return True
        if block.marked:
            if block.has_columns() and self._is_row_of_its_own(block, line):
                # A row of a numbered table without its number ("      TN 2024/40   Avtal …"
                # or its diary number missing too): the next decision, not more of this one.
                return True
            if (
                not self.blank_before
                and line.text[0].isupper()
                and block.ends_with_number(rules, config)
                and rules.starts_decision(line.text)
            ):
                # "• Bidrag – Föreningen Gläntan, SN 2024/120" complete, then a line that starts
                # like a decision: an item whose marker was lost, not more of this one.
                return True
            if (
                not self.blank_before
                and rules.diary_number.match(line.text) is not None
                and block.has_number(rules, config)
                and _starts_with_number(line.text, rules, config)
            ):
                # "• KS 2024/1 Avtal om städ …" with its number, then "KS 2024/2 Avtal om …":
                # the next row of a table whose rows lost their markers, not more of this one
                # (all the rows after would be one item's text).
                return True
            if self.blank_before and rules.prose.search(line.text) is not None:
                # "Nämnden beslutar att lägga redovisningen till handlingarna.": the list is over.
                return True
            if self.blank_before and not self.page_before and block.has_columns():
                # A table's row, then a blank line: the row is over, its diary number's cell
                # empty or not ("3      Avtal om …   Socialchef" / "Totalt 3 beslut"); the line
                # below, taken for more of it, made the row a count of decisions, unrejected.
                return True
            # A marked item goes on until the next marker, across page breaks, unless it is
            # complete (it has its diary number) and a blank line follows, or it leads into a
            # list ("Följande beslut anmäls:"). The diary number is looked for only when that
            # decides.
            colon = block.lines[-1].endswith(":")
            if self.blank_before is colon:
                return colon
            return self.blank_before if block.has_number(rules, config) else colon
        if block.has_number(rules, config):
            if not self.blank_before and rules.diary_number.match(block.lines[0]) is not None:
                # "KS 2024/45 Tillförordnad ekonomichef" / "Kommundirektören har beslutat att
                # …": a number and a title, then the item's text, until a blank line or the
                # next number: one that is a diary number, not a procurement number or a span
                # of years the text wraps onto a line ("… grundskolan, UH 2023-0044." /
                # "Norrskolan 2024–2026. …").
                if rules.diary_number.search(line.text) is not None and diary_numbers(
                    line.text, rules, config
                ):
                    return True
                if self._is_row_of_its_own(block, line):
                    # The next row, its diary number's cell empty: rejected for it, rather
                    # than its text and date taken for this row's.
                    return True
                if len(block.lines) == 1 and rules.starts_decision(line.text):
                    block.titled = True
                return False
            if self._is_row_of_its_own(block, line):
                # "Personal   TN 2024/45   Anställning …   2024-01-26" under a row of the same
                # group: a row of its own, its date in a cell of its own (a group's cell
                # written in each row it spans), not more of the row above, whose diary
                # number it took in its subject, or whose date it took without one.
                return True
            if (
                not self.blank_before
                and block.lines[-1].endswith(",")
                and rules.diary_number.search(line.text) is None
            ):
                # "Anställning av …, KS 2024/1," / "beslut av driftchef …, 2024-02-01": the
                # comma after the number says the item goes on, to its delegate and date.
                return False
            if line.text[:1].isupper() and _is_whole_row(line.text, rules, config):
                # "Slutbesked, garage, Åby 3:20, 2024-000262" under a row whose end was not
                # read as one ("… (2024-03-05)"): a row of its own, not more of that one
                # (every row below ran into one decision).
                return True
            return (
                self.blank_before
                or block.ends_with_number(rules, config)
                or rules.starts_decision(line.text)
                # A table's next row: "RS 2023/4411   Regiondirektören har …".
                or rules.diary_number.match(line.text) is not None
            )
        if block.lines[-1].endswith(":"):
            # "Följande beslut anmäls:" leads into the list; it is not an item.
            return True
        if len(block.lines) == 1 and self._leads_in(block.lines[0]):
            # "Räddningschefen har fattat följande beslut" without its colon leads into its
            # items as well: taken for the first item's start, it named its delegate in that
            # item's subject and none in the items after.
            return True
        if self._is_row_of_its_own(block, line):
            # Two rows of a table in turn, neither with its diary number: two items.
            return True
        if line.text[:1].islower():
            # "Kommundirektören har lämnat" / "yttrande över remiss …, KS 2024/3": the item
            # wraps before its number; no item starts with a small letter.
            return False
        if (
            not self.blank_before
            and _without_last_fields(block.lines[-1], rules) is not block.lines[-1]
            and _is_whole_row(line.text, rules, config)
        ):
            # "Registrering …, 2024-580 MHN, 2024-04-04, Livsmedelsinspektör" (a number not
            # read) ends with its day, and the line below is a whole row: two rows, the first
            # rejected for its number, rather than one decision that takes the second's.
            return True
        if not self.blank_before and (
            block.lines[-1].endswith(",") or self._label_wrapped(block.lines[-1], line.text)
        ):
            # "Avtal om hyra av hjullastare," / "KS 2024/1, beslut av driftchef …": the comma
            # says the item goes on, though its next line starts as a table's row does; so
            # does a diary number's label ("…, Dnr" / "SBN 2024.1, …").
            return False
        if (
            len(block.lines) == 1
            and line.text[:1].isupper()
            and (_is_group_title(block.lines[0]) or _MONTH_TITLE.fullmatch(block.lines[0]))
        ):
            # "Personal" / "Anställning av förskolechef …, BUN 2024/310": the title of a group
            # of items, not the start of the first; so is a month's ("Januari 2024").
            return True
        if self.blank_before and rules.prose.search(line.text) is not None:
            # "Nämnden beslutar att lägga redovisningen till handlingarna." under an item
            # without its diary number: the list is over. Taken for more of the item, it made
            # the item a paragraph about the list, lost without a word.
            return True
        # After a blank line, a paragraph that starts with a capital is the next item even
        # under an item that starts like a decision ("Yttrande över …" without its diary
        # number, then "Avtal om …, KS 2024/4"): taken for more of it, the item above was lost
        # in the next one's decision. Across a page's break or furniture the item goes on.
        return self.rules.starts_decision(line.text) or (
            self.blank_before
            and (
                (line.text[:1].isupper() and not self.page_before)
                or not self.rules.starts_decision(block.lines[0])
            )
        )

    def _label_wrapped(self, last: str, text: str) -> bool:
        """Whether ``last`` ends with a diary number's label whose number starts ``text``."""
        tail = last[last.rfind(" ") + 1 :]
        if not tail[:1].isalpha():
            return False
        found = self.rules.diary_number_labelled.match(f"{tail} {text}")
        return found is not None and found.end("label") > len(tail)

    def _is_row_of_its_own(self, block: Block, line: Line) -> bool:
        """Whether ``line`` is a table's row of its own under the row ``block`` starts: cells
        apart, one a date, under a row that has its date (a cell wrapped onto the next line
        holds no date of its own), or a row that starts with a diary number under a row
        that has its own."""
        text = line.text
        if "   " not in text and "\t" not in text:
            return False
        rules = self.rules
        if rules.diary_number.match(text) is not None:
            return block.has_number(rules, self.config)
        starts = block.cell_starts
        if (
            starts is not None
            and len(starts) >= _ROW_CELLS
            and line.indent == starts[0]
            and len(_COLUMN_GAP.split(text)) >= len(starts) - 1
        ):
            # "Upphandling      Avtal med …   Driftchef Karin Ahl" under a row of four cells:
            # a row of its own from the first column, one cell empty at most (its diary
            # number's), not the row's text wrapped (that starts in a later column). Taken
            # for more of the row, it was lost in its subject.
            return True
        date = rules.date.fullmatch
        # The row's date may stand on a line its text wrapped onto ("KS 2024/41   Beslut om
        # tillfällig" / "bilparkering vid Storgatan   2024-02-13"): a second date is a row's.
        return any(date(cell) for cell in _COLUMN_GAP.split(text)) and any(
            date(cell) for row in block.lines for cell in _COLUMN_GAP.split(row)
        )

    def _second_number(self, block: Block, line: Line) -> bool:
        return (
            block.has_number(self.rules, self.config)
            and self.rules.diary_number.search(line.text) is not None
        )

    def _new(self, line: Line, *, marked: bool, number_line: bool = False) -> Block:
        text = line.text
        block = Block(
            line.number,
            self.mode,
            marked,
            self.base is Mode.DECISIONS,
            [text] if text else [],
            int(bool(text) and not number_line),
            number_line and not marked and not self.blocks_in_section,
            not marked and self.style is not None,
        )
        self.blocks_in_section += 1
        block.group_delegate = self.group_delegate
        block.group_point = self.group_point
        if not marked and "   " in text and "\t" not in text:
            block.cell_starts = tuple(at for at, _ in _cells(text, line.indent))
        if self.head is not None and self.mode is Mode.DECISIONS:
            block.head, block.indent = self.head, line.indent
        return block

    def _close(self) -> Block | None:
        block, self.block = self.block, None
        if block is not None and not block.marked and len(block.lines) == 1:
            text = block.lines[0]
            # "Kommundirektör Anna Berg": a title and the official's name head the group too.
            named = text[:1].isupper() and _is_title(text, self.rules)
            if len(text) <= _GROUP_TITLE_MAX and (named or _is_group_title(text)):
                # "Regiondirektör" / "Upphandlingschef" above the items each decided: who
                # decided those below that name no one; "Personal" starts a group of no one's.
                endings = self.rules.delegate_endings
                titled = named or text.lower().rsplit(" ", 1)[-1].endswith(endings)
                self.group_delegate = text if titled else _heading_delegate(text, endings)
                self.group_point = None
                word = self.rules.delegate_words.get(text.lower())
                if word is not None:
                    # "Ordförandebeslut" above the chair's decisions: whose they are, as the
                    # word names it first in an item; no item cut off before its number.
                    self.group_delegate = word
                    block.lead_in = True
        if (
            block is not None
            and len(block.lines) == 1
            and (block.lines[0].endswith(":") or self._leads_in(block.lines[0]))
        ):
            # "Räddningschef har fattat följande beslut:", "Delegationsbeslut enligt
            # delegationsordningen punkt 3.2:", bulleted or not: a line that leads into a
            # group of items names who decided them, or the point they were taken under.
            self._lead_in(block)
        return block

    def _leads_in(self, text: str) -> bool:
        """Whether ``text``, without a colon at its end, leads into the items below it, naming
        who decided them ("Räddningschefen har fattat följande beslut", "Beslut fattade av
        upphandlingschefen"). Most lines end with a number or a day, or say no decision: they
        are told without the pattern."""
        return (
            text[-1:].isalpha()
            and "eslut" in text
            and len(text) <= _LEAD_IN_LONGEST
            and (
                _heading_delegate(text, self.rules.delegate_endings) is not None
                or self._chair_title(text) is not None
            )
        )

    def _chair_title(self, text: str) -> str | None:
        """Whom a title of the chair's decisions names ("Ordförandebeslut enligt 6 kap. 39 §
        kommunallagen", "Brådskande beslut:"), by its word ([agenda.delegate_words]); None for
        any other line."""
        lowered = text.lower()
        for word, delegate in self.rules.delegate_words.items():
            if lowered.startswith(word) and _URGENT_LAW.fullmatch(lowered, len(word)):
                return delegate
        return None

    def _lead_in(self, block: Block) -> None:
        text = block.lines[0]
        who = _heading_delegate(text, self.rules.delegate_endings) or self._chair_title(text)
        point = _delegation_point(text, self.rules)
        if who is not None or point is not None:
            self.group_delegate, self.group_point = who, point
            block.lead_in = True


# The words a line that wraps mid-phrase ends with ("Avtal med" / "Acme AB om …"): a line that
# ends so is no title of its own.
_PHRASE_WORDS = frozenset(
    {"av", "om", "med", "till", "för", "i", "på", "vid", "och", "samt", "eller", "enligt",
     "avseende", "gällande", "angående", "rörande", "mellan", "inom", "från", "hos", "under"}
)  # fmt: skip


# A heading that names whose decisions follow: "Kommundirektörens beslut", "Ekonomichefens
# delegationsbeslut", "Beslut fattade av upphandlingschefen"; group `who`.
_WHOSE_DECISIONS = re.compile(
    r"(?P<who>\w[\w -]{0,50}?)s (?:delegations|delegerings)?beslut:?"
    r"|.{0,60}?\b(?:fattade|fattat|fattats|tagna|tagits|beslutade) av (?P<by>\w[\w -]{0,50}?):?"
    # "Räddningschef har fattat följande beslut på delegation:".
    r"|(?P<first>\w[\w -]{0,50}?) har (?:fattat|tagit) (?:följande|nedanstående) "
    r"(?:delegations|delegerings)?beslut\b.{0,60}?:?",
    re.I,
)


# A table head's column that says whether a row is secret ("Sekretess", "Sekretessmarkerad").
_SECRECY_HEAD = re.compile(r"sekretess(?:markerad|markering)?", re.I)
# What such a column's cell says: secret, or not.
_SECRET_CELL = frozenset({"ja", "j", "x", "sekretess", "sekretessmarkerad", "1"})
_PUBLIC_CELL = frozenset({"nej", "n", "-", "–", "0", ""})


def _secrecy_column(head: Line) -> tuple[int, int | None] | None:
    """Where a table head's "Sekretess" column stands in the lines as written: from its name's
    first character to the next name's, or the line's end; None for a head without one."""
    cells = list(_HEAD_GAP.finditer(head.text))
    starts = [0, *(gap.end() for gap in cells)]
    for index, start in enumerate(starts):
        end = cells[index].start() if index < len(cells) else len(head.text)
        if _SECRECY_HEAD.fullmatch(head.text, start, end):
            after = starts[index + 1] + head.indent if index + 1 < len(starts) else None
            return start + head.indent, after
    return None


def _unlike_point(heading: Line | None, marker: str) -> bool:
    """Whether a row's number is written otherwise than the agenda point's ("9" under "8.",
    "9." under "8 Anmälan …")."""
    if heading is None or heading.item_number is None:
        return False
    point = heading.text.lstrip()
    written = str(heading.item_number)
    if not point.startswith(written):
        return False
    dotted = point[len(written) : len(written) + 1] == "."
    return dotted != marker.rstrip().endswith(".")


def _secrecy_cell_read(line: Line, column: tuple[int, int | None]) -> str:
    """A table row under a head with a "Sekretess" column, its cell there read: "Ja" becomes
    the mark "(sekretess)" the reader registers an item secret by (a social board's list of
    decisions about people), "Nej" or nothing is left out; any other text stays, as written."""
    text = line.text
    start = column[0] - line.indent
    end = len(text) if column[1] is None else column[1] - line.indent
    if start < 2 or start > len(text) or not text[start - 2 : start].isspace():
        return text
    cell = text[start:end].strip().lower()
    if cell in _SECRET_CELL:
        # The mark after the row's first cell (its diary number, as a rule): at the row's end
        # it would stand where the reader looks for the day and who decided.
        rest = f"{text[:start].rstrip()}{text[end:]}"
        first = _COLUMN_GAP.search(rest)
        at = len(rest) if first is None else first.start()
        return f"{rest[:at]} (sekretess){rest[at:]}"
    if cell in _PUBLIC_CELL and cell:
        return f"{text[:start].rstrip()}{text[end:]}"
    return text


def _delegation_point(text: str, rules: AgendaRules) -> str | None:
    """The point of the delegationsordning a line names ("… enligt delegationsordningen punkt
    3.2:"), as an item's is read; None for a line that names none."""
    gate = rules.delegation_point_gate
    lowered = text.lower()
    if gate.first(lowered) < 0:
        return None
    for pattern in rules.delegation_points:
        found = gate.match(pattern, text, lowered)
        if found is not None and "point" in pattern.groupindex:
            return found.group("point")
    return None


def _heading_delegate(text: str, endings: tuple[str, ...]) -> str | None:
    """Who decided the items under a heading that names whose decisions follow, in the genitive
    ("Kommundirektörens beslut" → "Kommundirektören") or after "fattade av"; None for any
    other heading."""
    found = _WHOSE_DECISIONS.fullmatch(text)
    if found is None:
        return None
    who = found.group("who") or found.group("by") or found.group("first")
    if who.lower().endswith(endings):
        return who
    # "Brandinspektör Olle Sjö har fattat följande beslut": the title, then a name of two or
    # three capitalised words.
    words = who.split()
    titled = next((at for at, word in enumerate(words) if word.lower().endswith(endings)), -1)
    named = words[titled + 1 :]
    if titled >= 0 and 2 <= len(named) <= 3 and all(word[:1].isupper() for word in named):
        return who
    return None


# What stands between a diary number and the day after it on a line of their own, and the
# longest such line ("Dnr BN 2024-000123, den 12 september 2024").
_DAY_SEPARATORS = " ,;–—-"
_NUMBER_AND_DAY_LONGEST = 60

# What may follow the word for the chair's decisions in the title of a group of them: the
# law that lets the chair decide what cannot wait.
_URGENT_LAW = re.compile(
    r"(?:\s+(?:enligt|med stöd av|jämlikt)\s+(?:kommunallagen\s+)?6\s*kap\.?\s*39\s*§"
    r"(?:\s*(?:kommunallagen|kl))?(?:\s*\(2017:725\))?)?\s*:?"
)

# The longest line that leads into its items without a colon ("Räddningschefen har fattat
# följande beslut på delegation").
_LEAD_IN_LONGEST = 120

# The longest title of a group ("Hälso- och sjukvårdsdirektör"); most lines are longer.
_GROUP_TITLE_MAX = 60


# The month a group's title names after it ("Individärenden, mars 2024").
# The title of a month's group of items ("Januari 2024", "Februari").
_MONTH_TITLE = re.compile(
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november"
    r"|december)(?: \d{4})?:?",
    re.I,
)
_MONTH_AFTER = re.compile(
    r"(?:,| –| -)? (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
    r"|november|december) \d{4}$",
    re.I,
)


# The fewest cells of a row for a line as wide, from its first column, to be a row of its own.
_ROW_CELLS = 4


# What follows a parenthesis closed on the next line: nothing, or the item's punctuation.
_AFTER_PARENTHESIS = ("", ",", ".", ";", ":")


def _closes_parenthesis(block: Block, marker: str) -> bool:
    """Whether ``marker`` alone on its line ("7)") closes a parenthesis that the last line of
    ``block`` opened and left open ("… (ärende")."""
    if not marker.endswith(")") or not block.lines:
        return False
    last = block.lines[-1]
    return last.count("(") > last.count(")")


def _is_group_title(text: str) -> bool:
    """ "Personal", "Skolskjuts", "Övriga beslut": a line of a few words, capitalised, without
    digits or punctuation at its end, and not ending on a word that carries on to the next."""
    words = text.split()
    return (
        0 < len(words) <= 3
        and text[:1].isupper()
        and text[-1].isalpha()
        and not any(character.isdigit() for character in text)
        and words[-1].lower() not in _PHRASE_WORDS
    )


def _starts_with_number(text: str, rules: AgendaRules, config: Config) -> bool:
    found = diary_numbers(text, rules, config)
    return bool(found) and found[0].start == 0


def _bullets_are_items(lines: list[Line], rules: AgendaRules, config: Config) -> frozenset[int]:
    """The numbers of the bulleted list headings ("• Anmälan av delegationsbeslut") under which
    the bullets as far out as the heading's are the list's items, not the next agenda points:
    where the first such bullet, with the lines it goes on over, holds a diary number written
    as an item ends with it, not labelled as a point's own is ("Budget 2025" / "Dnr KS
    2024/300"); after a first bullet that leads into them ("• Beslut fattade i januari:"), or
    a sub-heading ("• Följande beslut anmäls"), the next. The notices' heading after such a
    list, bulleted alike, is one too.

    A Word kallelse whose points are bullets and whose decisions are bullets one level in reads,
    from its PDF, as bullets all alike: without this, every decision would end the list.
    """
    found: set[int] = set()
    for position, heading in enumerate(lines):
        if not heading.bulleted:
            continue
        if heading.kind is LineKind.NOTICE_HEADING and found:
            found.add(heading.number)
            continue
        if heading.kind is not LineKind.DECISION_HEADING:
            continue
        after = position + 1
        for _ in range(2):
            while after < len(lines) and lines[after].kind in (_BLANK, LineKind.SUBHEADING):
                after += 1
            bullet = lines[after] if after < len(lines) else None
            if bullet is None or bullet.kind is not _ITEM or bullet.style != "bullet":
                break
            texts = [bullet.text]
            after += 1
            while after < len(lines) and lines[after].kind in (_TEXT, _DIARY_NUMBER):
                texts.append(lines[after].text)
                after += 1
            text = " ".join(texts)
            if any(not number.labelled for number in diary_numbers(text, rules, config)):
                found.add(heading.number)
                break
            if not text.rstrip().endswith(":"):
                break
    return frozenset(found)


def _points_after_lists(
    lines: list[Line], headings: frozenset[int], rules: AgendaRules, config: Config
) -> frozenset[int]:
    """The bullets, after a list whose items are bullets as far out as its heading's (see
    ``_bullets_are_items``), that are the next agenda point ("• Budget 2025"), by line number:
    the last bullet of the list, after one with a diary number, followed by a bulleted heading
    ("• Övriga frågor") or by nothing, without a diary number of its own, and reading as a
    title (see ``_reads_as_title``). A bullet that reads as a decision whose number is missing
    stays an item, rejected for it: no decision is dropped without a word."""
    found: set[int] = set()
    for position, heading in enumerate(lines):
        if heading.number not in headings or heading.kind is not LineKind.DECISION_HEADING:
            continue
        # The list's bullets, each with the lines it goes on over.
        bullets: list[tuple[Line, list[str]]] = []
        after = position + 1
        while after < len(lines):
            line = lines[after]
            kind = line.kind
            if kind is _ITEM and line.style == "bullet" and line.indent <= heading.indent:
                bullets.append((line, [line.text]))
            elif kind in (_TEXT, _DIARY_NUMBER) and bullets:
                bullets[-1][1].append(line.text)
            elif kind not in (_BLANK, _NOISE):
                break
            after += 1
        ends = after == len(lines) or (lines[after].bulleted and lines[after].kind is not _ITEM)
        if len(bullets) < 2 or not ends:
            continue
        (_, before), (last, texts) = bullets[-2:]
        text = " ".join(texts)
        if (
            diary_numbers(" ".join(before), rules, config)
            and not diary_numbers(text, rules, config)
            and _reads_as_title(text, rules)
        ):
            found.add(last.number)
    return frozenset(found)


# An agenda point's title is a few words ("Budget 2025", "Information från kommundirektören").
_TITLE_WORDS = 6


def _reads_as_title(text: str, rules: AgendaRules) -> bool:
    """Whether a bullet's text reads as an agenda point's title, not as a decision: a few words,
    the first capitalised, no sentence's end, no kind of decision ("Avtal med …"), no date, no
    delegate's verb ("… har beslutat")."""
    words = text.split()
    return (
        0 < len(words) <= _TITLE_WORDS
        and words[0][:1].isupper()
        and not text.rstrip().endswith((".", ",", ";", ":"))
        and rules.kind.search(text) is None
        and rules.date.search(text) is None
        and rules.delegate_verb_finder.search(text) is None
    )


# Where the decisions of a sentence that lists them part from each other.
_SEMICOLON = re.compile(r";\s+")


def _parts(block: Block, rules: AgendaRules, config: Config) -> list[Block]:
    """``block``, or the decisions of a sentence that lists them between semicolons, each
    ending with its number ("Följande beslut redovisas: förordnande av … (KS 2024/301); yttrande
    över … (KS 2024/305); avtal med … (KS 2024/309).") as a block of its own: one item that
    held them all would keep the last number and lose the others in its subject."""
    if block.labels is not None or not any(";" in line for line in block.lines):
        return [block]
    block.semicolons = False
    pieces = _SEMICOLON.split(block.text(columns=False))
    if len(pieces) < 2 or not all(_number_ends(piece, rules, config) for piece in pieces):
        return [block]
    colon = pieces[0].find(": ")
    if colon >= 0 and rules.prose.search(pieces[0], 0, colon) is not None:
        # "Följande beslut redovisas:": what leads into the list is no part of its first item.
        pieces[0] = pieces[0][colon + 2 :]
    # The first part takes the block's lines for the account of every line.
    return [
        replace(
            block,
            lines=[piece],
            body_lines=1,
            line_count=block.line_count if index == 0 else 0,
            titled=False,
            semicolons=False,
            _numbers_seen=0,
            _has_number=False,
        )
        for index, piece in enumerate(pieces)
    ]


def _number_ends(line: str, rules: AgendaRules, config: Config) -> bool:
    tail = line[-_TAIL:]
    found = diary_numbers(tail, rules, config)
    return bool(found) and found[-1].end >= len(tail.rstrip(_TAIL_PUNCTUATION))


# What separates the fields at the end of a row: a comma, a spaced dash, a column's gap.
_FIELD_BREAK = re.compile(r",\s+|\s[–—-]\s|\t\s*|\s{3,}")
# How far back the day and who decided are looked for at a row's end.
_LAST_FIELDS = 90


# The words before the day in an item's last part ("beslut 2024-02-02", "beslutat 2024-02-02").
_DAY_WORDS = frozenset({"beslut", "beslutat", "beslutad", "beslutsdatum", "fattat", "daterat"})
_DAY_WORD_LONGEST = max(map(len, _DAY_WORDS)) + 1


def _is_whole_row(line: str, rules: AgendaRules, config: Config) -> bool:
    """Whether ``line`` is a row of its own: text, then its diary number last, or the number
    and the day (and who decided) last ("Startbesked, Tallen 4, BN 2024-000130, 2024-03-05,
    Bygglovsingenjör")."""
    if ", " not in line:
        return False
    if _number_ends(line, rules, config):
        return True
    cut = _without_last_fields(line, rules)
    return cut is not line and _number_ends(cut, rules, config)


def _without_last_fields(line: str, rules: AgendaRules) -> str:
    """``line`` without the day it ends with, and a title just before it ("…, BUN 2024/301,
    rektor, 2024-05-03" → "…, BUN 2024/301"), or the day and who decided after it ("…, BN
    2024-000123, 2024-03-04, Bygglovshandläggare"); ``line`` where it ends with no day of its
    own."""
    start = max(0, len(line) - _LAST_FIELDS)
    breaks = list(_FIELD_BREAK.finditer(line, start))
    if not breaks:
        return line
    if _day_at(line, breaks[-1].end(), len(line), rules):
        end = breaks[-1].start()
        if len(breaks) > 1 and _is_title(line[breaks[-2].end() : end], rules):
            end = breaks[-2].start()
        return line[:end]
    # Who decided after the day, as case systems print a row; the title alone, the day before.
    if (
        len(breaks) < 2
        or not _is_title(line[breaks[-1].end() :], rules)
        or not _day_at(line, breaks[-2].end(), breaks[-1].start(), rules)
    ):
        return line
    return line[: breaks[-2].start()]


def _day_at(line: str, start: int, end: int, rules: AgendaRules) -> bool:
    """Whether ``line[start:end]`` is a day, or a day after the word that says it is the
    decision's ("…, RN 2024-0045, beslut 2024-02-02")."""
    word = line[start : min(end, start + _DAY_WORD_LONGEST)].partition(" ")[0]
    if word.lower() in _DAY_WORDS:
        start += len(word) + 1
    return rules.date.fullmatch(line, start, end) is not None


def _is_title(text: str, rules: AgendaRules) -> bool:
    """Whether a row's field is a delegate's title of a few words ("rektor", "Bygglovs-
    handläggare", "Biträdande miljöchef"), or a title and the official's name
    ("Bygglovshandläggare Anna Lind")."""
    written = text.split()
    if not 0 < len(written) <= 5 or not all(w.replace("-", "").isalpha() for w in written):
        return False
    words = [word.lower() for word in written]
    if words[-1].endswith(rules.delegate_endings):
        return len(words) <= 4
    # The title, then a name of two or three capitalised words.
    endings = rules.delegate_endings
    titled = next((at for at, word in enumerate(words) if word.endswith(endings)), -1)
    return (
        titled >= 0
        and 2 <= len(words) - titled - 1 <= 3
        and all(word[:1].isupper() for word in written[titled + 1 :])
    )


# Words after a hyphen at a line's end that make it the hyphen of a shared part ("hälso- /
# och sjukvård"), not a word broken over the lines.
_SHARED_PART = frozenset({"och", "eller", "samt", "respektive", "resp.", "som", "till"})


def _joined(before: str, line: str) -> tuple[bool, str]:
    """``line`` as it goes on from ``before``: after a space, or with none where a word was
    broken at the line's end; and whether the hyphen ``before`` ends with is the break's."""
    if not before.endswith("-") or not before[-2:-1].isalpha():
        return False, " " + line
    if line[:1].isupper():
        # "Föreningen Norrbacka-" / "Vallby Ridklubb": a name hyphenated at the line's end.
        return False, line
    if not line[:1].isalpha() or line.split(" ", 1)[0] in _SHARED_PART:
        return False, " " + line
    # "upp-" / "handling": a word that text copied from a PDF broke over the lines, whole
    # again; "IT-" / "konsulter" and "e-" / "tjänster" keep the hyphen they are written with.
    fragment = before.rpartition(" ")[2][:-1]
    return len(fragment) > 1 and fragment.isalpha() and fragment[1:].islower(), line


def _cells(text: str, indent: int) -> list[tuple[int, str]]:
    """The cells of a line of a table without rules, each with where it starts on the page."""
    cells = []
    start = 0
    for gap in _COLUMN_GAP.finditer(text):
        cells.append((indent + start, text[start : gap.start()]))
        start = gap.end()
    cells.append((indent + start, text[start:]))
    return cells


def _semicolon_cells(line: str, rules: AgendaRules | None) -> str:
    """ "ÖFN 2024/112; Arvode till god man; 2024-02-05; Handläggare": a row exported with its
    cells between semicolons, its diary number first, as cells a gap apart."""
    if rules is None or line.count("; ") < 2:
        return line
    first = line.partition("; ")[0].strip()
    if rules.diary_number.fullmatch(first) is None:
        return line
    return line.replace("; ", "   ")


def _columns(line: str) -> str:
    # A gap of several spaces or a tab separates the columns of a table: keep it as a dash.
    if "   " in line or "\t" in line:
        return _COLUMN_GAP.sub(" – ", line)
    return line
