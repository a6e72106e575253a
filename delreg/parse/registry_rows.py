"""One row of a registry export (CSV, Excel, JSON) → one normalised Decision. Pure.

The tabular readers share this: which column holds which field (the ``[columns]`` section of the
configuration), how a cell of any type (text, number, datetime, list) becomes the value
``delreg.fields`` normalises. One diary number listed twice is noticed by parse/duplicates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass
from dataclasses import fields as dataclass_fields
from datetime import date, datetime, time, timedelta
from itertools import compress, islice, repeat
from operator import itemgetter
from typing import Any

from delreg.config import FALLBACK_KIND, Config
from delreg.errors import InputError, InvalidValue
from delreg.fields import UNSURE, normalise_field, quick_column, quick_reader
from delreg.limits import limits
from delreg.model import (
    DATE_FIELDS,
    DECISION_FIELDS,
    NUMBER_FIELDS,
    Decision,
    build_decision,
    classify_kind,
    decision_from_mapping,
    secret_by_reason,
)
from delreg.parse import Rejected
from delreg.secrecy_law import cited_secrecy_law, marked_secret, may_be_marked_secret
from delreg.spreadsheet import unprotect
from delreg.text import clean_text, refuse_wrongly_decoded

# The fields delreg.fields normalises. `source` is apart: it says where a decision was read.
READ_FIELDS: tuple[str, ...] = tuple(name for name in DECISION_FIELDS if name != "source")
# Columns that hold more than one field: a contract period gives valid_from and valid_to.
PERIOD_FIELD = "contract_period"
COLUMN_FIELDS: tuple[str, ...] = (*READ_FIELDS, PERIOD_FIELD)
REQUIRED_FIELDS = ("diary_number", "subject")
# The [columns] lists of columns that are no field of their own: those whose cells complete the
# subject (a building board's "Åtgärd" and "Fastighet"), and those that name who decided only
# where no delegate's column does ("Handläggare").
_DETAILS = "subject_details"
_OFFICER = "delegate_otherwise"
# And those that hold the subject where no subject column does ("Handlingsrubrik").
_TITLE = "subject_otherwise"

# A timestamp where a date is meant ("2024-01-19T00:00:00", "2024-01-19 14:30", "5/3/2024
# 00:00"): the day counts.
_TIMESTAMP = re.compile(
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
)
# An Excel date's serial number where the cell lost its date format on the way to CSV
# ("45352" is 2024-03-01): five digits, maybe a time of day as a fraction.
_SERIAL = re.compile(r"(\d{5})(?:\.\d+)?")
# The serials of the days a decision can have (1990-01-01 to 2099-12-31), counted as Excel counts
# them from 1899-12-30 (its day 60, a 29 February 1900 that never was, lies long before).
_SERIALS = range(32874, 73051)
_EXCEL_EPOCH = date(1899, 12, 30)


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
        # Each detail's place in the subject: its place in the list ("Åtgärd" before "Fastighet").
        self._details = {
            header_key(name): rank
            for rank, name in reversed(list(enumerate(_names(section, _DETAILS, config))))
        }
        self._officers = {header_key(name) for name in _names(section, _OFFICER, config)}
        self._titles = {
            header_key(name): rank
            for rank, name in reversed(list(enumerate(_names(section, _TITLE, config))))
        }
        unknown = sorted(
            set(section) - {*COLUMN_FIELDS, "source", "ignore", _DETAILS, _OFFICER, _TITLE}
        )
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
        details: list[int] = []
        officer: tuple[int, str] | None = None
        titles: list[int] = []
        for position, name in enumerate(header):
            field = self.field_for(name)
            if field is None:
                key = header_key(name)
                if key in self._ignored:
                    continue
                if key in self._details:
                    details.append(position)
                elif key in self._officers and officer is None:
                    officer = (position, str(name).strip())
                elif key in self._titles:
                    titles.append(position)
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
        if officer is not None and "delegate" not in written and details:
            # In a building or environment board's export (its property, its measure) the
            # official who handled the case decided it under delegation, where no column says
            # it better ("Beslutsfattare"). Elsewhere (a region's registry) the case's officer is
            # no decision-maker: the column is left out, as it always was.
            positions.append((officer[0], "delegate"))
            written["delegate"] = officer[1]
        if titles and "subject" not in written:
            title = min(titles, key=lambda position: self._titles[header_key(header[position])])
            positions.append((title, "subject"))
            written["subject"] = str(header[title]).strip()
        details.sort(key=lambda position: self._details[header_key(header[position])])
        if details and "subject" not in written:
            # "Åtgärd" | "Fastighet" without "Beslut": the first detail is the subject.
            first = details.pop(0)
            positions.append((first, "subject"))
            written["subject"] = str(header[first]).strip()
        if "subject" not in written:
            raise InvalidValue(
                "no subject column",
                hint="name it subject or Beslut/Rubrik/Ärendemening/Handlingsrubrik, or add its "
                "name under [columns] subject",
            )
        positions.sort()
        if not details:
            return Columns(tuple(positions), len(header), written)
        subject = next(position for position, field in positions if field == "subject")
        return Columns(tuple(positions), len(header), written, (subject, *details))


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
    # The subject's column, then the columns that complete it ("Åtgärd", then "Fastighet");
    # empty where the export has none.
    subject_parts: tuple[int, ...] = ()

    def values(self, cells: Sequence[object]) -> dict[str, object]:
        if self.subject_parts:
            cells = self.with_whole_subject([cells])[0]
        return {
            field: cells[position] for position, field in self.positions if position < len(cells)
        }

    def with_whole_subject(self, rows: Sequence[Sequence[object]]) -> list[Sequence[object]]:
        """The rows with the subject's cell completed by the cells of its details: "Bygglov"
        | "Nybyggnad av enbostadshus" | "GRANEN 1:23" → "Bygglov, Nybyggnad av enbostadshus,
        GRANEN 1:23" (a building board's decision is its kind, what it allows and where)."""
        subject, *details = self.subject_parts
        whole: list[Sequence[object]] = []
        for cells in rows:
            if subject >= len(cells):
                whole.append(cells)
                continue
            parts = [cells[subject], *(cells[at] for at in details if at < len(cells))]
            filled = [part for part in parts if part is not None and str(part).strip()]
            if len(filled) > 1:
                changed = list(cells)
                changed[subject] = ", ".join(str(part).strip() for part in filled)
                cells = changed
            elif filled and filled[0] is not parts[0]:
                changed = list(cells)
                changed[subject] = filled[0]
                cells = changed
            whole.append(cells)
        return whole

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
    give them. Fields that are absent keep the Decision's defaults; an unknown kind is `beslut`,
    its word kept before the subject (``with_kind_word``). The decision's ``source`` is where
    the row was read (``source``), unless the row names one itself: a register's own export
    keeps where each decision first came from, so that ``delreg list --format csv | delreg
    import -`` gives back what was listed.
    """
    labels = labels or {}
    values = _with_kind_word(values, config)
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


def unknown_kind_word(cell: object, config: Config) -> str | None:
    """The word of a kind cell the configuration knows no kind for ("Föreläggande"), or None
    (a kind it knows, "Beslut" itself, an empty cell, a cell that is no text)."""
    try:
        text = cell_value(cell, "kind")
    except InvalidValue:
        return None
    if not isinstance(text, str) or not text:
        return None
    if classify_kind(text, config) != FALLBACK_KIND:
        return None
    fallback = config.kinds.get(FALLBACK_KIND)
    generic = {FALLBACK_KIND, "delegationsbeslut", *([fallback.label] if fallback else [])}
    return None if text.casefold() in {word.casefold() for word in generic} else text


def with_kind_word(subject: object, word: str) -> object:
    """The subject with the word of a kind the configuration does not know before it
    ("Föreläggande, Åtgärder för enskilt avlopp"), as the agenda's reader keeps an unknown
    kind's wording: the decision's kind is `beslut`, and the word would be lost otherwise. A
    subject that says the word already, or is empty (rejected as such), is left as it is."""
    if not isinstance(subject, str) or not subject.strip():
        return subject
    if word.casefold() in subject.casefold():
        return subject
    return f"{word}, {subject}"


def _with_kind_word(values: Mapping[str, object], config: Config) -> Mapping[str, object]:
    if "kind" not in values or "subject" not in values:
        return values
    word = unknown_kind_word(values["kind"], config)
    if word is None:
        return values
    return {**values, "subject": with_kind_word(values["subject"], word)}


def spread_period(normalised: dict[str, Any]) -> dict[str, Any]:
    """A contract period's two ends as valid_from and valid_to; a column of its own wins."""
    period = normalised.pop(PERIOD_FIELD, None)
    if period is not None:
        normalised.setdefault("valid_from", period[0])
        normalised.setdefault("valid_to", period[1])
    return normalised


def _settle_secrecy(normalised: dict[str, Any]) -> None:
    """``secret`` by the reason beside it; an empty cell left ``secret`` out (no word said).

    A subject that cites the secrecy law ("…, 26 kap. 1 § OSL") or says it is secret
    ("(sekretess)") is secret whatever its row says, a citation its reason where no column
    gives one: a "Nej" beside it is more likely a column's default than a decision to publish
    what the subject marks secret.
    """
    subject = normalised.get("subject")
    if marked_secret(subject):
        normalised["secret"] = True
        cited = cited_secrecy_law(subject)
        if cited is not None:
            normalised.setdefault("secret_reason", cited)
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
_REMEMBERED_FIELDS = (frozenset(COLUMN_FIELDS) | {"source"}) - {"diary_number"}
# Remembered cells per field before the memory starts over: a column of unique text (free-form
# subjects) then costs a bounded dict, not one entry per row.
_REMEMBERED_CELLS = 4096
# A column whose memory fills within this many rows repeats too little to be worth it (fewer
# than one row in five is a cell seen before): it is no longer remembered.
_SELDOM_REPEATED = _REMEMBERED_CELLS * 5 // 4
# Where each field goes in a Decision's arguments; a contract period is spread afterwards.
_ARGUMENT = {name: index for index, name in enumerate(DECISION_FIELDS)}
_ARGUMENT[PERIOD_FIELD] = len(DECISION_FIELDS)
_SOURCE, _SECRET, _REASON, _SUBJECT = (
    _ARGUMENT[name] for name in ("source", "secret", "secret_reason", "subject")
)
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

    Rows are read a batch at a time, a column at a time. Each column has its ``_Cells``: the
    values of the cells it has read. An export of a million rows repeats the same few kinds,
    dates, delegates and parties over and over, so most cells are found there (a column's cells
    looked up in one ``map``, in C), and each distinct cell is read once (the rules are pure
    functions of the cell and the configuration). A cell that needs no repair (most: see
    ``plain_text``) is read by ``delreg.fields.quick_reader``, which leaves what it is not sure
    of to ``field_value``; a column of cells that are all plain and all unlike each other
    (diary numbers, subjects) is checked whole (``quick_column``). The Decisions are then
    built from the columns. A row with any problem is read again by ``record_from_values``,
    so a Rejected names every problem in the same words.
    """

    def __init__(self, columns: Columns, config: Config) -> None:
        self._columns = columns
        self._config = config
        self._labels = columns.labels()
        self.rows = 0
        self._plan = [
            (
                position,
                _ARGUMENT[field],
                (_SourceCells if field == "source" else _Cells)(field, self),
            )
            for position, field in columns.positions
        ]
        given = {field for _, field in columns.positions}
        self._has_reason = "secret_reason" in given
        self._has_period = PERIOD_FIELD in given
        self._needed = max(position for position, _ in columns.positions) + 1
        where = {field: position for position, field in columns.positions}
        # The kind's and the subject's columns, where an unknown kind's word joins the subject.
        self._kind_words = (where["kind"], where["subject"]) if "kind" in where else None
        # Each kind cell seen: the word it keeps in the subject, or None (a kind known).
        self._words: dict[object, str | None] = {}

    def record(self, cells: Sequence[object], source: str) -> Decision | Rejected:
        """The row's Decision (its ``source`` as decision_from_values sets it), or a Rejected."""
        return self.records([cells], [source])[0]

    def records(
        self, rows: Sequence[Sequence[object]], sources: Sequence[str]
    ) -> list[Decision | Rejected]:
        """``record`` of each row with its source, in order."""
        if not rows:
            return []
        needed = self._needed
        if min(map(len, rows)) >= needed:
            return self._whole(rows, sources)
        # A short row lacks a column: the slow path knows which message that makes.
        return [
            self._whole([cells], [source])[0]
            if len(cells) >= needed
            else self._reread(cells, source)
            for cells, source in zip(rows, sources, strict=True)
        ]

    def _whole(
        self, rows: Sequence[Sequence[object]], sources: Sequence[str]
    ) -> list[Decision | Rejected]:
        """The records of rows that have every column."""
        self.rows += len(rows)
        if self._columns.subject_parts:
            rows = self._columns.with_whole_subject(rows)
        if self._kind_words is not None:
            rows = self._with_kind_words(rows)
        # Rows may be longer than the header (empty cells after it); the columns read are not.
        cells_of = list(zip(*rows, strict=False))
        # Each argument of the Decisions: a column's values, or its blank for every row.
        arguments: list[Iterable[Any]] = [repeat(blank) for blank in _BLANK]
        failed: set[int] = set()
        for position, argument, cells in self._plan:
            values = cells.column(cells_of[position])
            if cells.failed:
                cells.failed = False
                failed.update(index for index, value in enumerate(values) if value is _FAILED)
            arguments[argument] = values
        # decision_from_values's rules: a row's own source, else where it was read; secret by
        # its reason; a contract period's ends where no column of their own gave them.
        own = arguments[_SOURCE]
        arguments[_SOURCE] = (
            sources
            if isinstance(own, repeat)
            else [value or source for value, source in zip(own, sources, strict=True)]
        )
        if self._has_reason:
            # Most rows give no reason: those are secret as they say. The rest, by their reason.
            secrets = arguments[_SECRET]
            if type(secrets) is not list:
                secrets = [_BLANK[_SECRET]] * len(rows)
            settled = list(map(bool, secrets))
            reasons = list(arguments[_REASON])
            for index in compress(range(len(rows)), reasons):
                value = _settled(secrets[index], reasons[index], index)
                if type(value) is int:
                    failed.add(index)
                else:
                    settled[index] = value
            arguments[_SECRET] = settled
        else:
            arguments[_SECRET] = map(bool, arguments[_SECRET])
        subjects = arguments[_SUBJECT]
        if type(subjects) is list and may_be_marked_secret(
            [subject if type(subject) is str else "" for subject in subjects]
        ):
            _secret_by_mark(subjects, arguments)
        if self._has_period:
            period = list(arguments.pop())
            arguments[_VALID_FROM] = map(_spread, arguments[_VALID_FROM], period, repeat(0))
            arguments[_VALID_TO] = map(_spread, arguments[_VALID_TO], period, repeat(1))
        else:
            arguments.pop()
        built = zip(*arguments, strict=False)  # the blanks repeat
        if not failed:
            return list(map(build_decision, built))
        return [
            self._reread(rows[index], sources[index]) if index in failed else build_decision(values)
            for index, values in enumerate(built)
        ]

    def _with_kind_words(self, rows: Sequence[Sequence[object]]) -> Sequence[Sequence[object]]:
        """The rows, each whose kind the configuration does not know with its word in the
        subject (decision_from_values's rule): a column repeats a few kinds, each looked at
        once."""
        assert self._kind_words is not None
        kind, subject = self._kind_words
        words = self._words
        try:
            seen = set(map(itemgetter(kind), rows))
        except TypeError:  # a cell that is no key (a list, from JSON): the reference reads it
            return rows
        new = seen - words.keys()
        if len(words) + len(new) > _REMEMBERED_CELLS:
            # A column of many kinds (free text): the memory holds one batch's.
            words.clear()
            new = seen
        for cell in new:
            words[cell] = unknown_kind_word(cell, self._config)
        if not any(words[cell] for cell in seen):
            return rows
        changed: list[Sequence[object]] | None = None
        for index, cells in enumerate(rows):
            word = words.get(cells[kind])
            if word is None:
                continue
            if changed is None:
                changed = list(rows)
            row = list(cells)
            row[subject] = with_kind_word(row[subject], word)
            changed[index] = row
        return rows if changed is None else changed

    def _reread(self, cells: Sequence[object], source: str) -> Decision | Rejected:
        return record_from_values(
            self._columns.values(cells), config=self._config, source=source, labels=self._labels
        )


def _settled(secret: Any, reason: Any, index: int) -> Any:
    """``secret`` by its reason (secret_by_reason), or the row's index where they disagree."""
    if not reason:
        return bool(secret)
    try:
        return bool(secret_by_reason(secret, reason))
    except InvalidValue:
        return index


def _secret_by_mark(subjects: list[Any], arguments: list[Iterable[Any]]) -> None:
    """_settle_secrecy's rule for the rows whose subject is marked secret: secret, a citation
    of the secrecy law their reason where they give none."""
    # A column not in the export repeats its blank: as many as there are rows.
    secrets = list(islice(arguments[_SECRET], len(subjects)))
    reasons = list(islice(arguments[_REASON], len(subjects)))
    for index, subject in enumerate(subjects):
        if type(subject) is str and marked_secret(subject):
            secrets[index] = True
            reasons[index] = reasons[index] or cited_secrecy_law(subject)
    arguments[_SECRET] = secrets
    arguments[_REASON] = reasons


def _spread(day: Any, period: Any, end: int) -> Any:
    """A contract period's ``end`` where the column of its own gave no ``day``."""
    # A date column's value is a date, or None where the cell was empty.
    if day is None and period is not None and period is not _FAILED:
        return period[end]
    return day


# What a cell that breaks a rule reads as: its row is read again by the reference.
_FAILED: Any = object()


class _Cells(dict[object, Any]):
    """The values of one column's cells read so far; a cell not seen yet is read on lookup:
    ``field_value``'s value (the field's blank for DEFAULT, _FAILED where it raises), by the
    quick reader where the cell is plain text."""

    def __init__(self, field: str, reader: RowReader) -> None:
        super().__init__()
        self._field = field
        self._reader = reader
        self._config = reader._config
        self._quick = quick_reader(field, reader._config)
        self._quick_column = quick_column(field, reader._config)
        self._blank = _BLANK[_ARGUMENT[field]]
        self._required = field in REQUIRED_FIELDS
        self._cell_chars = limits(reader._config).cell_chars
        self._remember = field in _REMEMBERED_FIELDS
        self._started = 0
        # Whether a cell read since this was last cleared broke a rule.
        self.failed = False

    def column(self, cells: Sequence[object]) -> list[Any]:
        """The values of a column's cells."""
        if (
            not self._remember
            and self._quick_column is not None
            and _all_plain(cells, self._cell_chars)
        ):
            found = self._quick_column(cells)  # type: ignore[arg-type]
            for index in [index for index, value in enumerate(found) if value is UNSURE]:
                found[index] = self.__missing__(cells[index])
            return found
        try:
            return list(map(self.__getitem__, cells))
        except TypeError:  # a cell that is no key (a list, from JSON): read, not remembered
            return list(map(self.__missing__, cells))

    def __missing__(self, cell: object) -> Any:
        text = plain_text(cell) if type(cell) is str else None
        try:
            if text is None or len(text) > self._cell_chars:
                value = self._slow(cell)
            elif text:
                value = self._quick(text)
                if value is UNSURE:
                    value = self._slow(cell)
            else:
                value = self._slow(cell) if self._required else self._blank
        except InvalidValue:
            # Not remembered: a lookup must come here, and say so, every time.
            self.failed = True
            return _FAILED
        if self._remember and type(cell) is str:
            if len(self) >= _REMEMBERED_CELLS:
                self._start_over()
            if self._remember:
                self[cell] = value
        return value

    def _slow(self, cell: object) -> Any:
        value = field_value(self._field, cell, self._config)
        return self._blank if value is DEFAULT else value

    def _start_over(self) -> None:
        self.clear()
        rows = self._reader.rows
        self._remember = rows - self._started > _SELDOM_REPEATED
        self._started = rows


class _SourceCells(_Cells):
    """A row's own source, as cell_value gives it (no field's rules); an empty one is none."""

    def _slow(self, cell: object) -> Any:
        return cell_value(cell, "source")


def _all_plain(cells: Sequence[object], longest: int) -> bool:
    """Whether every cell is text that ``plain_text`` gives back as it is, not empty and no
    longer than ``longest``: the tests of plain_text, on the cells joined.

    A separator a cell holds itself only makes the answer no where it could be yes.
    """
    try:
        joined = "|".join(cells)  # type: ignore[arg-type]
    except TypeError:  # a cell that is not text
        return False
    lengths = list(map(len, cells))  # type: ignore[arg-type]
    return (
        min(lengths) > 0
        and max(lengths) <= longest
        and joined.isprintable()
        and (joined.isascii() or ("Ã" not in joined and "\ufffd" not in joined))
        and "  " not in joined
        and not joined.startswith((" ", "'"))
        and not joined.endswith(" ")
        and (
            # Where a cell starts or ends: each joined cell's edges, found in one scan of
            # short cells; long ones (subjects) are asked one by one, in C, which costs less
            # than three scans of all their text.
            ("| " not in joined and " |" not in joined and "|'" not in joined)
            if len(joined) < _SCANNED_CHARS * len(lengths)
            else not (
                any(map(str.startswith, cells, repeat(_NOT_PLAIN_START)))  # type: ignore[arg-type]
                or any(map(str.endswith, cells, repeat(" ")))  # type: ignore[arg-type]
            )
        )
    )


# Cells shorter than this on average are checked by scans of their joined text (see _all_plain).
_SCANNED_CHARS = 24
# What a plain cell does not start with: a space (folded away) or a spreadsheet's mark (').
_NOT_PLAIN_START = (" ", "'")


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
        return _day_of(str(value)) if field in DATE_FIELDS else str(value)
    if isinstance(value, float):
        text = str(int(value)) if math.isfinite(value) and value == int(value) else repr(value)
        return _day_of(text) if field in DATE_FIELDS else text
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
    return _day_of(cleaned) if field in DATE_FIELDS else cleaned


def _day_of(text: str) -> str:
    """A date cell's day where it says more or less than its day: a timestamp's day, an Excel
    serial number's ("45352" → "2024-03-01"); else the text as it is."""
    if found := _TIMESTAMP.fullmatch(text):
        return found.group(1)
    if (found := _SERIAL.fullmatch(text)) and int(found.group(1)) in _SERIALS:
        return (_EXCEL_EPOCH + timedelta(days=int(found.group(1)))).isoformat()
    return text
