"""One row of a registry export (CSV, Excel, JSON) → one normalised Decision. Pure.

The tabular readers share this: which column holds which field (the ``[columns]`` section of the
configuration), how a cell of any type (text, number, datetime, list) becomes the value
``delreg.fields`` normalises. One diary number listed twice is noticed by parse/duplicates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from delreg.config import FALLBACK_KIND, Config
from delreg.errors import InputError, InvalidValue
from delreg.fields import DATE_FIELDS, normalise_field
from delreg.model import DECISION_FIELDS, Decision, decision_from_mapping, secret_by_reason
from delreg.parse import Rejected
from delreg.spreadsheet import unprotect
from delreg.text import clean_text

# The fields delreg.fields normalises. `source` is apart: it says where a decision was read.
READ_FIELDS: tuple[str, ...] = tuple(name for name in DECISION_FIELDS if name != "source")
# Columns that hold more than one field: a contract period gives valid_from and valid_to.
PERIOD_FIELD = "contract_period"
COLUMN_FIELDS: tuple[str, ...] = (*READ_FIELDS, PERIOD_FIELD)
REQUIRED_FIELDS = ("diary_number", "subject")
_NUMBER_FIELDS = ("amount", "standstill_days", "item")

# A timestamp where a date is meant ("2024-01-19T00:00:00", "2024-01-19 14:30"): the day counts.
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
# UTF-8 read as Windows-1252 or Latin-1 turns "ö" into "Ã¶": "Ã" and then what a continuation
# byte (0x80-0xBF) decodes to in either of those.
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))
_MOJIBAKE = re.compile(
    "Ã["
    + re.escape(_CONTINUATION_BYTES.decode("cp1252", errors="ignore"))
    + re.escape(_CONTINUATION_BYTES.decode("latin-1"))
    + "]"
)


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
# What a remembered column answers for a cell it has not seen yet.
_UNSEEN = object()


class RowReader:
    """Decisions from the rows of one export, as ``record_from_values`` reads them, faster.

    An export of a million rows repeats the same few kinds, dates, delegates and parties over
    and over; each distinct text cell of a column is normalised once and remembered (the rules
    are pure functions of the cell and the configuration). A row with any problem is read again
    by ``record_from_values``, so a Rejected names every problem in the same words.
    """

    def __init__(self, columns: Columns, config: Config) -> None:
        self._columns = columns
        self._config = config
        self._labels = columns.labels()
        self._source_position = next(
            (position for position, field in columns.positions if field == "source"), None
        )
        # (position, field, its remembered cells or None) for every column but the source.
        self._plan: tuple[tuple[int, str, dict[str, Any] | None], ...] = tuple(
            (position, field, {} if field in _REMEMBERED_FIELDS else None)
            for position, field in columns.positions
            if field != "source"
        )
        self._needed = max(position for position, _ in columns.positions) + 1

    def record(self, cells: Sequence[object], source: str) -> Decision | Rejected:
        """The row's Decision (its ``source`` as decision_from_values sets it), or a Rejected."""
        if len(cells) < self._needed:
            # A short row lacks a column: the slow path knows which message that makes.
            return self._reread(cells, source)
        normalised: dict[str, Any] = {"kind": FALLBACK_KIND}
        config = self._config
        try:
            for position, field, remembered in self._plan:
                cell = cells[position]
                if remembered is None or type(cell) is not str:
                    value = field_value(field, cell, config)
                else:
                    value = remembered.get(cell, _UNSEEN)
                    if value is _UNSEEN:
                        value = field_value(field, cell, config)
                        if len(remembered) >= _REMEMBERED_CELLS:
                            remembered.clear()
                        remembered[cell] = value
                if value is not DEFAULT:
                    normalised[field] = value
            own = None
            if self._source_position is not None:
                own = cell_value(cells[self._source_position], "source")
            _settle_secrecy(normalised)
        except InvalidValue:
            return self._reread(cells, source)
        normalised["source"] = own or source
        return decision_from_mapping(spread_period(normalised))

    def _reread(self, cells: Sequence[object], source: str) -> Decision | Rejected:
        return record_from_values(
            self._columns.values(cells), config=self._config, source=source, labels=self._labels
        )


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
        _refuse_wrongly_decoded(text)
        text = clean_text(text)
        # delreg.fields tests numbers with str.isdigit(), which says yes to "²" that int() refuses.
        if field in _NUMBER_FIELDS and any(
            char.isdigit() and char not in "0123456789" for char in text
        ):
            raise InvalidValue(f"{' '.join(text.split())!r} is not written with the digits 0-9")
    cleaned = " ".join(text.split())
    if field in DATE_FIELDS and (found := _TIMESTAMP.fullmatch(cleaned)):
        return found.group(1)
    return cleaned


def _refuse_wrongly_decoded(text: str) -> None:
    if "\ufffd" in text:
        raise InvalidValue(
            f"{text.strip()[:60]!r} holds '\ufffd', the mark of text that could not be decoded",
            hint="export the file again as UTF-8",
        )
    if _MOJIBAKE.search(text):
        raise InvalidValue(
            f"{text.strip()[:60]!r} looks wrongly decoded ('Ã¶' where 'ö' was meant)",
            hint="the file was converted to UTF-8 twice; export it again as UTF-8",
        )
