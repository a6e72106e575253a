"""One row of a registry export (CSV, Excel, JSON) → one normalised Decision. Pure.

The tabular readers share this: which column holds which field (the ``[columns]`` section of the
configuration), how a cell of any type (text, number, datetime, list) becomes the value
``delreg.fields`` normalises. One diary number listed twice is noticed by parse/duplicates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, dataclass
from dataclasses import fields as dataclass_fields
from datetime import date, datetime, time
from operator import itemgetter
from typing import Any

from delreg.config import FALLBACK_KIND, Config
from delreg.errors import InputError, InvalidValue
from delreg.fields import UNSURE, normalise_field, quick_reader
from delreg.limits import limits
from delreg.model import (
    DATE_FIELDS,
    DECISION_FIELDS,
    NUMBER_FIELDS,
    Decision,
    decision_from_mapping,
    secret_by_reason,
)
from delreg.parse import Rejected
from delreg.spreadsheet import unprotect
from delreg.text import clean_text, refuse_wrongly_decoded

# The fields delreg.fields normalises. `source` is apart: it says where a decision was read.
READ_FIELDS: tuple[str, ...] = tuple(name for name in DECISION_FIELDS if name != "source")
# Columns that hold more than one field: a contract period gives valid_from and valid_to.
PERIOD_FIELD = "contract_period"
COLUMN_FIELDS: tuple[str, ...] = (*READ_FIELDS, PERIOD_FIELD)
REQUIRED_FIELDS = ("diary_number", "subject")

# A timestamp where a date is meant ("2024-01-19T00:00:00", "2024-01-19 14:30"): the day counts.
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")


_HEADER_SPACING = re.compile(r"[\s_\-]+")


def header_key(name: object) -> str:
    """How a header is compared: ``"Diarie_nummer:"`` and ``"diarie nummer"`` are alike."""
    text = "" if name is None else str(name)
    return _HEADER_SPACING.sub(" ", text.casefold()).strip(" .:*\ufeff")


class ColumnNames:
    """The configured names of each field's column, as one lookup from header to field."""

    def __init__(self, config: Config) -> None:
        section = config.section("columns")
        self._ignored = {header_key(name) for name in _names(section, "ignore", config)}
        self._fields: dict[str, str] = {}
        unknown = sorted(set(section) - {*COLUMN_FIELDS, "source", "ignore"})
        if unknown:
            raise InputError(
                f"[columns] has no field {', '.join(unknown)}",
                source=config.source,
                hint="the fields are: " + ", ".join(COLUMN_FIELDS),
            )
        for field in COLUMN_FIELDS:
            for name in (field, *_names(section, field, config)):
                self._fields.setdefault(header_key(name), field)
        # A `source` column is recognised so that it is not mistaken for another field.
        for name in ("source", *_names(section, "source", config)):
            self._fields.setdefault(header_key(name), "source")

    def field_for(self, name: object) -> str | None:
        key = header_key(name)
        if key in self._ignored:
            return None
        return self._fields.get(key)

    def columns(self, header: Sequence[object]) -> Columns | None:
        """The columns of a header row, or None when it has no diary-number column.

        Raises InvalidValue when two columns name one field or the subject is missing.
        """
        positions: list[tuple[int, str]] = []
        written: dict[str, str] = {}
        for position, name in enumerate(header):
            field = self.field_for(name)
            if field is None:
                continue
            if field in written:
                raise InvalidValue(
                    f"columns {written[field]!r} and {str(name).strip()!r} both hold {field}",
                    hint="remove or rename one, or list one under [columns] ignore",
                )
            written[field] = str(name).strip()
            positions.append((position, field))
        if "diary_number" not in written:
            return None
        if "subject" not in written:
            raise InvalidValue(
                "no subject column",
                hint="name it subject or Beslut/Rubrik/Ärendemening, or add its name under "
                "[columns] subject",
            )
        return Columns(tuple(positions), len(header), written)


def _names(section: Mapping[str, Any], key: str, config: Config) -> list[str]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise InputError(
            f"columns.{key} must be a list of column names",
            source=config.source,
            hint=f'write it as {key} = ["Name", "Other name"]',
        )
    return value


@dataclass(frozen=True, slots=True)
class Columns:
    """Which decision field each column of one export holds, by position."""

    positions: tuple[tuple[int, str], ...]
    width: int
    # The header as the file writes it, per field, for messages in the file's own words.
    written: Mapping[str, str]

    def values(self, cells: Sequence[object]) -> dict[str, object]:
        return {
            field: cells[position] for position, field in self.positions if position < len(cells)
        }

    def labels(self) -> dict[str, str]:
        return labels_for(self.written)

    def overflow(self, cells: Sequence[object]) -> int:
        """How many cells past the header's last column hold something."""
        return sum(1 for cell in cells[self.width :] if cell is not None and str(cell).strip())


def labels_for(written: Mapping[str, str]) -> dict[str, str]:
    """``decided_on (Beslutsdatum)`` where the file calls a field by another name."""
    return {
        field: field if header_key(name) == header_key(field) else f"{field} ({name})"
        for field, name in written.items()
    }


def record_from_values(
    values: Mapping[str, object],
    *,
    config: Config,
    source: str,
    labels: Mapping[str, str] | None = None,
) -> Decision | Rejected:
    """A Decision, or a Rejected that names every field that is wrong."""
    try:
        return decision_from_values(values, config=config, source=source, labels=labels)
    except InvalidValue as error:
        return Rejected(source=source, reason=error.message)


def decision_from_values(
    values: Mapping[str, object],
    *,
    config: Config,
    source: str,
    labels: Mapping[str, str] | None = None,
) -> Decision:
    """A Decision from ``{field: cell}``; raises InvalidValue listing each field that is wrong.

    Cells may be text, numbers, booleans, dates or (for parties) lists, as CSV, Excel and JSON
    give them. Fields that are absent keep the Decision's defaults; an unknown kind is `beslut`.
    The decision's ``source`` is where the row was read (``source``), unless the row names one
    itself: a register's own export keeps where each decision first came from, so that
    ``delreg list --format csv | delreg import -`` gives back what was listed.
    """
    labels = labels or {}
    normalised: dict[str, Any] = {"kind": FALLBACK_KIND}
    problems: list[str] = []
    for field in COLUMN_FIELDS:
        if field not in values:
            continue
        try:
            value = field_value(field, values[field], config)
            if value is not DEFAULT:
                normalised[field] = value
        except InvalidValue as error:
            message = error.message.removeprefix(f"{field}: ")
            problems.append(f"{labels.get(field, field)}: {message}")
    for field in REQUIRED_FIELDS:
        if field not in values:
            problems.append(f"{labels.get(field, field)}: missing")
    try:
        normalised["source"] = cell_value(values.get("source"), "source") or source
    except InvalidValue as error:
        problems.append(f"{labels.get('source', 'source')}: {error.message}")
    try:
        _settle_secrecy(normalised)
    except InvalidValue as error:
        problems.append(error.message)
    if problems:
        raise InvalidValue("; ".join(problems))
    return decision_from_mapping(spread_period(normalised))


def spread_period(normalised: dict[str, Any]) -> dict[str, Any]:
    """A contract period's two ends as valid_from and valid_to; a column of its own wins."""
    period = normalised.pop(PERIOD_FIELD, None)
    if period is not None:
        normalised.setdefault("valid_from", period[0])
        normalised.setdefault("valid_to", period[1])
    return normalised


def _settle_secrecy(normalised: dict[str, Any]) -> None:
    """``secret`` by the reason beside it; an empty cell left ``secret`` out (no word said)."""
    secret = secret_by_reason(normalised.get("secret"), normalised.get("secret_reason"))
    if secret is not None:
        normalised["secret"] = secret


class _Default:
    """The mark of a cell left empty: the field keeps the Decision's default."""

    def __repr__(self) -> str:
        return "DEFAULT"


DEFAULT: Any = _Default()


def field_value(field: str, cell: object, config: Config) -> Any:
    """The normalised value of one cell of ``field``, or DEFAULT for an empty cell.

    Raises InvalidValue for a value that does not fit, and ("missing") for an empty cell of a
    required field.
    """
    value = cell_value(cell, field)
    if value is None or value == "":
        # An empty cell means the field's default (no date, not secret, kind beslut).
        if field in REQUIRED_FIELDS:
            raise InvalidValue("missing")
        return DEFAULT
    return normalise_field(field, value, config, strict_kind=False)


# Fields whose cells repeat down an export (kinds, dates, delegates, parties …) and are worth
# remembering; a diary number is unique by nature, so its cells are not.
_REMEMBERED_FIELDS = frozenset(READ_FIELDS) - {"diary_number"}
# Remembered cells per field before the memory starts over: a column of unique text (free-form
# subjects) then costs a bounded dict, not one entry per row.
_REMEMBERED_CELLS = 4096
# A column whose memory fills within this many rows repeats too little to be worth it (fewer
# than one row in five is a cell seen before): it is no longer remembered.
_SELDOM_REPEATED = _REMEMBERED_CELLS * 5 // 4
# Where each field goes in a Decision's arguments; a contract period is spread afterwards.
_ARGUMENT = {name: index for index, name in enumerate(DECISION_FIELDS)}
_ARGUMENT[PERIOD_FIELD] = len(DECISION_FIELDS)
_SOURCE, _SECRET, _REASON = (_ARGUMENT[name] for name in ("source", "secret", "secret_reason"))
_VALID_FROM, _VALID_TO = _ARGUMENT["valid_from"], _ARGUMENT["valid_to"]
# A Decision's defaults in its order, then no contract period: what a field left empty holds.
# `secret` None is "nothing said", which secret_by_reason tells from "not secret".
_BLANK: list[Any] = [
    None if spec.default is MISSING else spec.default
    for spec in dataclass_fields(Decision)
    if spec.name in _ARGUMENT
] + [None]
_BLANK[_ARGUMENT["kind"]] = FALLBACK_KIND
_BLANK[_SECRET] = None


class RowReader:
    """Decisions from the rows of one export, as ``record_from_values`` reads them, faster.

    Each column has its ``_Cells``: the values of the cells it has read. An export of a
    million rows repeats the same few kinds, dates, delegates and parties over and over, so
    most cells of a row are found there (by C, the row's cells looked up in one ``map``), and
    each distinct cell is read once (the rules are pure functions of the cell and the
    configuration). A cell that needs no repair (most: see ``plain_text``) is read by
    ``delreg.fields.quick_reader``, which leaves what it is not sure of to ``field_value``.
    A row with any problem is read again by ``record_from_values``, so a Rejected names every
    problem in the same words.
    """

    def __init__(self, columns: Columns, config: Config) -> None:
        self._columns = columns
        self._config = config
        self._labels = columns.labels()
        self._source_position = next(
            (position for position, field in columns.positions if field == "source"), None
        )
        read = [(position, field) for position, field in columns.positions if field != "source"]
        self.rows = 0
        self.cell_chars = limits(config).cell_chars
        self._cells = [_Cells(field, self) for _, field in read]
        # At least the diary number and the subject: itemgetter gives a tuple.
        self._row_cells = itemgetter(*(position for position, _ in read))
        # The Decision's arguments from the row's values followed by the blanks of the fields
        # the export has no column for.
        given = {field for _, field in read}
        absent = [name for name in (*DECISION_FIELDS, PERIOD_FIELD) if name not in given]
        self._absent = [_BLANK[_ARGUMENT[name]] for name in absent]
        where = {field: index for index, (_, field) in enumerate(read)}
        where.update({name: len(read) + index for index, name in enumerate(absent)})
        self._arguments = itemgetter(*(where[name] for name in (*DECISION_FIELDS, PERIOD_FIELD)))
        self._needed = max(position for position, _ in columns.positions) + 1

    def record(self, cells: Sequence[object], source: str) -> Decision | Rejected:
        """The row's Decision (its ``source`` as decision_from_values sets it), or a Rejected."""
        if len(cells) < self._needed:
            # A short row lacks a column: the slow path knows which message that makes.
            return self._reread(cells, source)
        self.rows += 1
        try:
            values = list(map(_Cells.__getitem__, self._cells, self._row_cells(cells)))
            own = None
            if self._source_position is not None:
                own = cell_value(cells[self._source_position], "source")
            values += self._absent
            arguments = list(self._arguments(values))
            # decision_from_values's rules, on the Decision's arguments: secret by its reason,
            # a contract period's ends where no column of their own gave them.
            arguments[_SECRET] = bool(secret_by_reason(arguments[_SECRET], arguments[_REASON]))
            period = arguments.pop()
            if period is not None:
                # A date column's value is a date, or None where the cell was empty.
                if arguments[_VALID_FROM] is None:
                    arguments[_VALID_FROM] = period[0]
                if arguments[_VALID_TO] is None:
                    arguments[_VALID_TO] = period[1]
        except (InvalidValue, TypeError):
            # TypeError: a cell that is no key (a list, from JSON); the slow path reads it.
            return self._reread(cells, source)
        arguments[_SOURCE] = own or source
        return Decision(*arguments)

    def read(self, cell: object, field: str, quick: Callable[[str], Any]) -> Any:
        """``field_value(field, cell)``, by the quick reader where the cell is plain text, and
        the field's blank for DEFAULT."""
        if type(cell) is str:
            text = plain_text(cell)
            if text is not None and len(text) <= self.cell_chars:
                if text:
                    value = quick(text)
                    if value is not UNSURE:
                        return value
                elif field not in REQUIRED_FIELDS:
                    return _BLANK[_ARGUMENT[field]]
        value = field_value(field, cell, self._config)
        return _BLANK[_ARGUMENT[field]] if value is DEFAULT else value

    def _reread(self, cells: Sequence[object], source: str) -> Decision | Rejected:
        return record_from_values(
            self._columns.values(cells), config=self._config, source=source, labels=self._labels
        )


class _Cells(dict[object, Any]):
    """The values of one column's cells read so far; a cell not seen yet is read on lookup."""

    def __init__(self, field: str, reader: RowReader) -> None:
        super().__init__()
        self._field = field
        self._quick = quick_reader(field, reader._config)
        self._reader = reader
        self._remember = field in _REMEMBERED_FIELDS
        self._started = 0

    def __missing__(self, cell: object) -> Any:
        value = self._reader.read(cell, self._field, self._quick)
        if self._remember and type(cell) is str:
            if len(self) >= _REMEMBERED_CELLS:
                self._start_over()
            if self._remember:
                self[cell] = value
        return value

    def _start_over(self) -> None:
        self.clear()
        rows = self._reader.rows
        self._remember = rows - self._started > _SELDOM_REPEATED
        self._started = rows


def plain_text(cell: str) -> str | None:
    """What ``cell_value`` makes of a text cell when none of its rules has work to do (None
    where one may): no spreadsheet mark, no control character, nothing decoded wrongly; its
    white space folded.

    Printable is the test: Swedish letters are printable, every control character, line break,
    non-breaking space, surrogate and non-character is not. Printable text has no white space
    but the plain space, so folding it is needed only where two meet or one is at an edge.
    """
    if not cell.isprintable() or cell.startswith("'"):
        return None
    if not cell.isascii() and ("Ã" in cell or "\ufffd" in cell):
        return None
    if "  " in cell or cell.startswith(" ") or cell.endswith(" "):
        return " ".join(cell.split())
    return cell


def cell_value(value: object, field: str) -> object:
    """What ``delreg.fields`` expects of a cell: text (or a list of parties, or a boolean).

    Numbers become text so that the same rules (whole kronor, no negative item) apply whatever
    the cell type; an Excel date becomes an ISO date.
    """
    if value is None:
        return None
    if isinstance(value, str):
        # A CSV export marks a cell that starts like a formula with an apostrophe; drop it.
        return _clean_text(unprotect(value), field)
    if isinstance(value, bool):
        return value if field == "secret" else str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list | tuple) and field == "parties":
        return [_party(item) for item in value]
    kind = "a list" if isinstance(value, list | tuple) else type(value).__name__
    raise InvalidValue(f"is {kind}, not a single value")


def _party(item: object) -> str:
    if isinstance(item, str):
        return _clean_text(item, "parties")
    if isinstance(item, int | float) and not isinstance(item, bool):
        return str(item)
    raise InvalidValue(f"{item!r} is not a party name")


def _clean_text(text: str, field: str) -> str:
    # Most cells are plain ASCII: nothing decoded wrongly and no control character in them.
    if not (text.isascii() and text.isprintable()):
        refuse_wrongly_decoded(text)
        text = clean_text(text)
        # delreg.fields tests numbers with str.isdigit(), which says yes to "²" that int() refuses.
        if field in NUMBER_FIELDS and any(
            char.isdigit() and char not in "0123456789" for char in text
        ):
            raise InvalidValue(f"{' '.join(text.split())!r} is not written with the digits 0-9")
    cleaned = " ".join(text.split())
    if field in DATE_FIELDS and (found := _TIMESTAMP.fullmatch(cleaned)):
        return found.group(1)
    return cleaned
