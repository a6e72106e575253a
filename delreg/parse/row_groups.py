"""The rows of a registry export that speak of the rows below them rather than being decisions,
as a report printed from a diary system and tidied in Excel has them: a group's title that names
one field's value ("Delegat: Kommundirektör"), which each row below it takes where its own cell
is empty, until the next title of that field or a total; and a total at the foot ("Summa",
"Antal: 12"), rejected on its row as what it is.

Only a row that could not be read as a decision is looked at (a decision's row is never taken
for one of these), so an export without them costs nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from delreg.parse import Rejected
from delreg.parse.registry_rows import PERIOD_FIELD, ColumnNames, Columns, RowReader

if TYPE_CHECKING:
    from delreg.config import Config
    from delreg.model import Decision

# "Delegat: Kommundirektör": a column's name, a colon, its value.
_TITLE = re.compile(r"([^:]{2,40}?)\s*:\s*(\S.*)", re.DOTALL)
# The fields a group's title may give its rows: not what makes each row the decision it is.
_NOT_GIVEN = frozenset({"diary_number", "subject", "source", PERIOD_FIELD})
# The first word of a total's row ("Summa", "Totalt:", "Antal: 12", "Delsumma").
_TOTALS = frozenset({"summa", "delsumma", "totalsumma", "total", "totalt", "antal", "summering"})


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
        # The titles read: each a row that is no decision, told in the import's account.
        self.titles = 0

    def settle(
        self,
        rows: Sequence[Sequence[object]],
        wheres: Sequence[str],
        records: list[Decision | Rejected],
    ) -> list[Decision | Rejected | None]:
        """``records`` (read from ``rows``) with each row under a title read again with the
        title's value, each title None (no record of its own), each total rejected as one."""
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
        """Whether the row is a group's title (then None in ``settled``) or a total (rejected as
        one), the titles in force changed by it."""
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
            return False
        self._given.clear()
        self._reader = None
        settled[index] = Rejected(
            where,
            f"a total row ({total!r}), not a decision: delete it from the export, "
            "or import with --skip-invalid",
        )
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
