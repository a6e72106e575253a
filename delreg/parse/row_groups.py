"""The rows of a registry export that speak of the rows below them rather than being decisions,
as a report printed from a diary system and tidied in Excel has them: a group's title that names
one field's value ("Delegat: Kommundirektör"), which each row below it takes where its own cell
is empty, until the next title of that field or a total; a total at the foot ("Summa",
"Antal: 12", "Totalt 34 beslut"), left out and counted where it holds no decision (no diary
number, no date; one that has either is rejected on its row, as it may be a decision's); and a
heading that names no column ("Personalärenden" alone in the first cell), left out and counted.
A heading gives its rows nothing: no field of a decision holds the group a registrar sorted it
under (its subject is its own, and prefixing it would make the same decision read differently
from an export sorted another way).

Only a row that could not be read as a decision is looked at (a decision's row is never taken
for one of these), so an export without them costs nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from delreg.errors import InvalidValue
from delreg.parse import Rejected
from delreg.parse.registry_rows import PERIOD_FIELD, ColumnNames, Columns, RowReader, field_value

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.model import Decision
    from delreg.parse.accounting import Account

# "Delegat: Kommundirektör": a column's name, a colon, its value.
_TITLE = re.compile(r"([^:]{2,40}?)\s*:\s*(\S.*)", re.DOTALL)
# The fields a group's title may give its rows: not what makes each row the decision it is.
_NOT_GIVEN = frozenset({"diary_number", "subject", "source", PERIOD_FIELD})
# The first word of a total's row ("Summa", "Totalt:", "Antal: 12", "Delsumma").
_TOTALS = frozenset({"summa", "delsumma", "totalsumma", "total", "totalt", "antal", "summering"})
# The longest heading taken for one: a longer lone text is more likely a decision's subject.
_HEADING_CHARS = 80


class RowGroups:
    """The group titles in force as an export's rows are read, in order, and what they make of
    each row."""

    def __init__(self, columns: Columns, names: ColumnNames, config: Config) -> None:
        self._columns = columns
        self._names = names
        self._config = config
        # Each field a title gives, its value and the title's own word for the column.
        self._given: dict[str, tuple[str, str]] = {}
        self._reader: tuple[Columns, RowReader, tuple[int, ...]] | None = None
        # The rows left out since the account was last told (tell): each no decision.
        self.titles = self.totals = self.headings = 0

    @property
    def left_out(self) -> int:
        """The rows left out since ``tell``: titles, totals and headings."""
        return self.titles + self.totals + self.headings

    def tell(self, account: Account | None) -> None:
        """Count the rows left out since the last call in ``account``, and start again."""
        if account is not None:
            account.group_rows += self.titles
            account.total_rows += self.totals
            account.heading_rows += self.headings
        self.titles = self.totals = self.headings = 0

    def settle(
        self,
        rows: Sequence[Sequence[object]],
        wheres: Sequence[str],
        records: list[Decision | Rejected],
    ) -> list[Decision | Rejected | None]:
        """``records`` (read from ``rows``) with each row under a title read again with the
        title's value; each title, heading and total that holds no decision None (no record of
        its own: counted, see ``tell``), a total that holds one rejected as a total."""
        settled: list[Decision | Rejected | None] = list(records)
        kinds = list(map(type, records))
        index, count = 0, len(records)
        while index < count:
            if not self._given:
                # Without a title in force only a rejected row can be one, or a total: the next
                # is found in C (most batches have none).
                try:
                    index = kinds.index(Rejected, index)
                except ValueError:
                    break
            cells = rows[index]
            if kinds[index] is Rejected and self._about_rows(cells, wheres[index], settled, index):
                index += 1
                continue
            if self._given:
                settled[index] = self._with_given(cells, wheres[index])
            index += 1
        return settled

    def _about_rows(
        self,
        cells: Sequence[object],
        where: str,
        settled: list[Decision | Rejected | None],
        index: int,
    ) -> bool:
        """Whether the row is a group's title, a heading or a total (then None in ``settled``,
        or a total rejected as one where it holds a diary number or a date), the titles in force
        changed by it."""
        title = self._title(cells)
        if title is not None:
            field, label, value = title
            self._given[field] = (label, value)
            self._reader = None
            self.titles += 1
            settled[index] = None
            return True
        total = self._total(cells)
        if total is None:
            if not self._heading(cells):
                return False
            # A heading sorts the rows below it by something no column holds: the titles in
            # force still are (a delegate's group may hold a heading of its own).
            self.headings += 1
            settled[index] = None
            return True
        self._given.clear()
        self._reader = None
        if self._holds_a_decision(cells):
            settled[index] = Rejected(
                where,
                f"a total row ({total!r}) with a diary number or a date: a decision's? Correct "
                "its row, or delete it from the export",
            )
        else:
            self.totals += 1
            settled[index] = None
        return True

    def _title(self, cells: Sequence[object]) -> tuple[str, str, str] | None:
        filled = [cell for cell in cells if _filled(cell)]
        if len(filled) != 1 or not isinstance(filled[0], str):
            return None
        found = _TITLE.fullmatch(filled[0].strip())
        if found is None:
            return None
        label, value = found.groups()
        field = self._names.field_for(label)
        if field is None or field in _NOT_GIVEN:
            return None
        return field, label.strip(), " ".join(value.split())

    def _total(self, cells: Sequence[object]) -> str | None:
        filled = [str(cell).strip() for cell in cells if _filled(cell)]
        if not filled:
            return None
        first = filled[0].split(None, 1)[0].rstrip(":").casefold()
        return " ".join(" ".join(filled).split())[:60] if first in _TOTALS else None

    def _heading(self, cells: Sequence[object]) -> bool:
        """Whether the row is a heading: a text alone in its first cell, with a letter, no
        diary number or date, where the first column is not the subject's (there a lone text is
        a decision without its number: rejected on its row)."""
        if not cells or not isinstance(cells[0], str) or any(map(_filled, cells[1:])):
            return False
        text = cells[0].strip()
        if not text or len(text) > _HEADING_CHARS or not any(map(str.isalpha, text)):
            return False
        if 0 in self._columns.subject_parts or (0, "subject") in self._columns.positions:
            return False
        return not self._holds_a_decision(cells)

    def _holds_a_decision(self, cells: Sequence[object]) -> bool:
        """Whether a cell of the row reads as a diary number or a date, or does after its first
        word ("Totalt KS 2024/401")."""
        candidates: list[object] = []
        for cell in cells:
            if _filled(cell):
                candidates.append(cell)
                if isinstance(cell, str) and len(words := cell.split(None, 1)) == 2:
                    candidates.append(words[1].lstrip(":"))
        for cell in candidates:
            for field in ("diary_number", "decided_on"):
                try:
                    field_value(field, cell, self._config)
                except InvalidValue:
                    continue
                return True
        return False

    def _with_given(self, cells: Sequence[object], where: str) -> Decision | Rejected:
        """The row read with the titles' values where its own cells are empty: a field the
        export has no column for stands in a column added past its last."""
        if self._reader is None:
            columns = self._columns
            where_is = {field: position for position, field in columns.positions}
            added = [field for field in self._given if field not in where_is]
            positions = (
                *columns.positions,
                *((columns.width + offset, field) for offset, field in enumerate(added)),
            )
            written = {**columns.written, **{field: self._given[field][0] for field in added}}
            extended = Columns(
                tuple(positions), columns.width + len(added), written, columns.subject_parts
            )
            at = tuple(
                where_is[field] if field in where_is else columns.width + added.index(field)
                for field in self._given
            )
            self._reader = (extended, RowReader(extended, self._config), at)
        extended, reader, at = self._reader
        width = self._columns.width
        row = [*cells[:width], *([None] * (width - len(cells)))]
        row.extend([None] * (extended.width - width))
        for position, (_label, value) in zip(at, self._given.values(), strict=True):
            if not _filled(row[position]):
                row[position] = value
        return reader.record(row, where)


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""
