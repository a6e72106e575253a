"""The domain's types and the normalising of its numbers. Pure: no I/O, no database.

``FIELDS`` is the one list of a decision's fields that the schema, the store's rows, the JSON,
the CSV, the tables and the public view derive from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, make_dataclass
from typing import Any, Literal

from delreg.config import FALLBACK_KIND, Config
from delreg.diary_numbers import is_canonical
from delreg.errors import InvalidValue
from delreg.json_shapes import appeal_json, decision_json
from delreg.text import LazyPattern, fold_dashes, shown

_DNR_PREFIX = LazyPattern(r"^(?:dnr|diarienummer|diarienr)\b\.?\s*:?\s*", re.IGNORECASE)
_EDGE_PUNCTUATION = " \t\r\n.,;:()[]"
_SPACE_AROUND_SEPARATOR = LazyPattern(r"\s*([/\-:.])\s*")
# Where there is white space to take away at all: a substitution calls back into Python for
# each separator, and most numbers have a separator or two and no space beside them.
_SPACE_BESIDE_SEPARATOR = LazyPattern(r"\s[/\-:.]|[/\-:.]\s")
_LETTERS_THEN_YEAR = LazyPattern(r"^([A-ZÅÄÖ]+)(\d{4}[/.-])")
_TRAILING_LETTER = LazyPattern(r"(\d)([A-ZÅÄÖ])(?=$|-)")


def _fold(text: str) -> str:
    value = fold_dashes(text).replace("\u00a0", " ")
    value = " ".join(value.split()).strip(_EDGE_PUNCTUATION)
    if _SPACE_BESIDE_SEPARATOR.search(value) is None:
        return value
    return _SPACE_AROUND_SEPARATOR.sub(r"\1", value)


def normalise_diary_number(text: str, config: Config) -> str:
    """The canonical form of a diary number: ``Dnr rs 2022 / 1275`` → ``RS 2022/1275``.

    Raises InvalidValue when the result fits neither the built-in grammar (see diary_numbers)
    nor one of the organisation's own shapes.
    """
    # Most numbers arrive already canonical (exports, the register's own CSV): the shapes are
    # written for the canonical form, so a match means there is nothing to normalise.
    if is_canonical(text) or any(shape.fullmatch(text) for shape in config.diary_number_patterns):
        return text
    value = _fold(_DNR_PREFIX.sub("", text.strip())).upper()
    value = _LETTERS_THEN_YEAR.sub(r"\1 \2", value)
    if not (
        is_canonical(value) or any(shape.fullmatch(value) for shape in config.diary_number_patterns)
    ):
        raise InvalidValue(
            f"{shown(text.strip())} is not a diary number",
            hint="expected a shape like 23RS1851, RS 2022/1275 or KS 2023/145 "
            "(add your own under [numbers] in the configuration)",
        )
    return value


def normalise_procurement_number(text: str, config: Config) -> str:
    """The canonical form of a procurement number: ``mt2020–0207D`` → ``MT 2020-0207d``."""
    if any(shape.fullmatch(text) for shape in config.procurement_number_patterns):
        return text
    value = _fold(text).upper()
    value = _LETTERS_THEN_YEAR.sub(r"\1 \2", value)
    value = _TRAILING_LETTER.sub(lambda found: found.group(1) + found.group(2).lower(), value)
    if not any(shape.fullmatch(value) for shape in config.procurement_number_patterns):
        raise InvalidValue(
            f"{shown(text.strip())} is not a procurement number",
            hint="expected a shape like MT 2023-0043 or MTH 2021-0115 "
            "(add your own under [numbers] in the configuration)",
        )
    return value


# The shapes that tell a diary number's year and serial, tried in this order: the year, series
# and serial (23RS1851); a series, the year and the serial (RS 2022/1275, KSN-2017-3447,
# TN 2024.0034, KS 2024:123); the year and the serial with no series before them (2021/6,
# 2024.123, 2024.123 KS, 2024/123-1.2.3, 2024/KS 0107, 2024-000102: a hyphen only before the
# five digits or more such registries write, so that 2017-4468 stays the serial's year last);
# the serial and the year last (4468-2017, MR 406/2012). One search tries them all at the
# start, then the last one further on: as matching each in turn would, in a third of the calls.
_YEAR_AND_SERIAL = LazyPattern(
    r"^(\d{2})[A-ZÅÄÖ]+(\d+)|^[A-ZÅÄÖ]+[ .-](\d{4})[/.:-](\d+)"
    r"|^((?:19|20)\d{2})(?:[/.]|-(?=\d{5})|/[A-ZÅÄÖ]+ ?)(\d+)|(\d+)[/-](\d{4})$"
)


def diary_number_year(diary_number: str) -> int | None:
    """The year a normalised diary number was registered in, where its shape tells."""
    return _year_and_serial(diary_number)[0]


def _year_and_serial(diary_number: str) -> tuple[int | None, int]:
    found = _YEAR_AND_SERIAL.search(diary_number)
    if found is None:
        return None, 0
    shape = found.lastindex
    if shape == 2:
        return 2000 + int(found[1]), int(found[2])
    if shape == 4:
        year = int(found[3])
        return (year if 1900 <= year <= 2100 else None), int(found[4])
    if shape == 6:
        return int(found[5]), int(found[6])
    return int(found[8]), int(found[7])


def diary_number_order(diary_number: str) -> tuple[int, int]:
    """The registration year (0 where the shape does not tell) and the serial number that
    diary numbers are ordered by, before the number itself."""
    year, serial = _year_and_serial(diary_number)
    return year or 0, serial


def diary_number_sort_key(diary_number: str) -> tuple[int, int, str]:
    """Order by registration year, then serial number, the way a registrar reads them."""
    year, serial = _year_and_serial(diary_number)
    return (year or 0, serial, diary_number)


def classify_kind(text: str | None, config: Config) -> str:
    """The kind slug for a free-text kind (a slug, a label or the board's wording)."""
    if not text or not text.strip():
        return FALLBACK_KIND
    wanted = " ".join(text.split()).casefold()
    for slug, spec in config.kinds.items():
        if wanted in (slug.casefold(), spec.label.casefold()):
            return slug
    for slug, spec in config.kinds.items():
        if any(re.search(pattern, text, re.IGNORECASE) for pattern in spec.match):
            return slug
    return FALLBACK_KIND


def require_kind(slug: str, config: Config) -> str:
    """A kind given by the user on the command line must be one the configuration knows."""
    kind = slug.strip()
    if kind not in config.kinds:
        known = ", ".join(config.kinds)
        raise InvalidValue(
            f"unknown kind {shown(slug)}",
            hint=f"use one of: {known} (or add a [kinds.{kind}] table to the configuration)",
        )
    return kind


@dataclass(frozen=True, slots=True)
class Decision:
    """A delegation decision as the register keeps it. Dates are ISO ``YYYY-MM-DD`` text."""

    diary_number: str
    kind: str
    subject: str
    procurement_number: str | None = None
    parties: tuple[str, ...] = ()
    delegate: str | None = None
    decided_on: str | None = None
    notified_on: str | None = None
    # "electronic" (10-day avtalsspärr) or "post" (15 days); None means electronic.
    notified_by: str | None = None
    # A longer spärr stated in the award notice, in days; wins over the legal minimum.
    standstill_days: int | None = None
    secret: bool = False
    secret_reason: str | None = None
    delegation_point: str | None = None
    amount: int | None = None
    # The board's own sentence for this decision, when it came from an agenda text.
    wording: str | None = None
    meeting: str | None = None
    item: int | None = None
    source: str | None = None
    # A contract's period (avtalsperiod), the last day an option may extend it to, and the last
    # day to give notice or use the option in writing; kept for every kind that is an agreement.
    valid_from: str | None = None
    valid_to: str | None = None
    extension_until: str | None = None
    notice_by: str | None = None
    # The code of the board the decision belongs to (delreg.boards); None in a register that
    # names no board.
    board: str | None = None
    deleted: bool = field(default=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON shape of a decision (delreg.json_shapes)."""
        return decision_json(self)


# A class of Decision's slots, in its order, whose generated __init__ stores each value plainly:
# a frozen dataclass stores them through object.__setattr__, a call a field, 2-4 µs a decision,
# and an import of a million rows builds every decision twice (read, then replayed from its
# spool). One built so becomes a Decision by taking its class, which CPython allows between
# classes of one layout (the same slots): it is then a Decision in every way, frozen too.
_Unfrozen: Any = make_dataclass(
    "_Unfrozen",
    [
        (spec.name, spec.type, field(default=spec.default, default_factory=spec.default_factory))
        for spec in fields(Decision)
    ],
    slots=True,
    eq=False,
    repr=False,
)
if _Unfrozen.__slots__ != Decision.__slots__:  # pragma: no cover - a change to Decision's form
    raise TypeError("Decision's slots and its builder's differ")


def build_decision(values: Iterable[Any]) -> Decision:
    """``Decision(*values)``, the same decision, several times faster (for the bulk paths: a
    large import, its spool)."""
    built = _Unfrozen(*values)
    built.__class__ = Decision
    decision: Decision = built
    return decision


# What a field of a decision holds: free text, an ISO date, a whole number, true/false, or the
# list of parties.
ValueType = Literal["text", "date", "number", "flag", "list"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a decision, as every part of delreg that lists the fields sees it.

    ``name`` is at once the Decision's attribute, the JSON key, the CSV header and (when
    ``stored``) the decisions table's column.
    """

    name: str
    value_type: ValueType = "text"
    # A column of the decisions table; `meeting` and `item` come from where it was reported.
    stored: bool = True
    # Set by a user (`add`, `edit`) or an import; the register sets the rest itself.
    editable: bool = True
    # NOT NULL in the table: a decision always has one (parties, the empty list).
    required: bool = False
    # `edit --clear` may erase it: not a required one (parties become none), nor the board (a
    # decision moves to another board, never to none).
    clearable: bool = True
    # Left in the public view of a secret decision (OSL 5 kap. 2 §); the rest is hidden there,
    # and the subject is replaced by the configured text (delreg.public).
    shown_when_secret: bool = False
    # Kept for the register's own work and never published, for any decision (delreg.public).
    internal: bool = False
    # A key the JSON contract of design.md names (more keys may be added; these may not go).
    contract: bool = False
    # (position, header) in the table `delreg list` shows a person; None: not in that table.
    table: tuple[int, str] | None = None


# THE list of a decision's fields, in the Decision's order, which is the order of the JSON keys
# and of the CSV columns. The schema (tests/test_fields.py holds them equal; migrations stay
# append-only), the store's rows, the JSON, the CSV, the table, the public view and the
# history all derive from it. A new field is a line here, one in Decision, one in
# json_shapes.decision_json and a migration; tests/test_fields.py tells which one is missing.
FIELDS: tuple[Field, ...] = (
    Field("diary_number", editable=False, required=True, shown_when_secret=True,
          contract=True, table=(1, "dnr")),
    Field("kind", required=True, clearable=False, shown_when_secret=True, contract=True,
          table=(3, "kind")),
    Field("subject", required=True, clearable=False, contract=True, table=(5, "subject")),
    Field("procurement_number", contract=True, table=(4, "procurement")),
    Field("parties", "list", required=True, contract=True, table=(6, "parties")),
    Field("delegate", shown_when_secret=True, contract=True),
    Field("decided_on", "date", shown_when_secret=True, contract=True, table=(2, "decided")),
    Field("notified_on", "date", shown_when_secret=True, contract=True),
    # "electronic" or "post": which avtalsspärr applies; the spärr's end is published instead.
    Field("notified_by", internal=True),
    Field("standstill_days", "number", internal=True),
    Field("secret", "flag", required=True, clearable=False, shown_when_secret=True,
          contract=True),
    # Free text a secretary types (it may name what it protects): the public sees only that
    # secrecy applies.
    Field("secret_reason", shown_when_secret=True, internal=True),
    Field("delegation_point", shown_when_secret=True),
    Field("amount", "number"),
    # The agenda text as it was read; the public gets the sentence made from it.
    Field("wording", internal=True),
    Field("meeting", "date", stored=False, editable=False, shown_when_secret=True,
          contract=True, table=(7, "meeting")),
    Field("item", "number", stored=False, editable=False, shown_when_secret=True,
          contract=True, table=(8, "item")),
    # The file and line it was imported from: a path on the secretary's computer.
    Field("source", editable=False, internal=True, contract=True),
    Field("valid_from", "date"),
    Field("valid_to", "date"),
    Field("extension_until", "date"),
    Field("notice_by", "date"),
    # The code of the board the decision belongs to (delreg.boards): set where it is first
    # registered, moved by `edit --board` (an import never moves it); public, as its list is.
    Field("board", clearable=False, shown_when_secret=True, contract=True),
)  # fmt: skip


def field_names(wanted: Callable[[Field], bool] = lambda spec: True) -> tuple[str, ...]:
    """The names of the fields ``wanted`` says yes to, in the list's order."""
    return tuple(spec.name for spec in FIELDS if wanted(spec))


DECISION_FIELDS: tuple[str, ...] = field_names()
# The fields a user or an import may set; `meeting`, `item` and `source` are set by the register.
EDITABLE_FIELDS: tuple[str, ...] = field_names(lambda spec: spec.editable)
CLEARABLE_FIELDS: tuple[str, ...] = field_names(lambda spec: spec.editable and spec.clearable)
DATE_FIELDS: tuple[str, ...] = field_names(lambda spec: spec.value_type == "date")
NUMBER_FIELDS: tuple[str, ...] = field_names(lambda spec: spec.value_type == "number")
TEXT_FIELDS: tuple[str, ...] = field_names(lambda spec: spec.value_type == "text")


def decision_from_mapping(data: Mapping[str, Any]) -> Decision:
    """Build a Decision from already-normalised values, ignoring keys it does not know."""
    values = {name: data[name] for name in DECISION_FIELDS if name in data}
    parties = values.get("parties")
    if parties is None:
        values["parties"] = ()
    elif not isinstance(parties, tuple):
        values["parties"] = tuple(parties)
    values["secret"] = bool(values.get("secret", False))
    return Decision(**values)


def secret_by_reason(secret: bool | None, reason: str | None) -> bool | None:
    """Whether a decision is secret, by the one rule every path in applies (OSL 5 kap. 2 §).

    ``secret`` is what was said (None: nothing). A reason for secrecy makes a decision secret:
    a registry export often has a reason column and no flag, and a reason printed beside a
    published subject tells what was meant to be hidden. ``secret = false`` beside a reason is
    a contradiction no reader can settle, so it raises InvalidValue.
    """
    if not reason:
        return secret
    if secret is False:
        raise InvalidValue(
            f"secret: false, but secret_reason is {reason!r}",
            hint="a decision with a reason for secrecy is secret: set secret to true, "
            "or remove the reason (edit: --clear secret_reason)",
        )
    return True


# In one cell, parties are joined with "; " (a party name may contain commas). A ";" inside a
# name is written "\\;" and a backslash "\\\\", so `Vård; Omsorg AB` stays one party and the cell
# still reads as a list in a spreadsheet. A backslash before anything else is itself.
PARTY_SEPARATOR = "; "
_PARTY_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;"})
_PARTY_PIECE = LazyPattern(r"\\[\\;]|;|[^\\;]+|\\")


def join_parties(parties: Iterable[str]) -> str:
    """The parties in one cell, as ``split_parties`` reads them back exactly."""
    return PARTY_SEPARATOR.join(party.translate(_PARTY_ESCAPES) for party in parties)


def split_parties(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """Parties as a tuple, white space folded: from a list, or a cell ``join_parties`` wrote."""
    if text is None:
        return ()
    items = _split_cell(text) if isinstance(text, str) else list(text)
    return tuple(" ".join(str(item).split()) for item in items if str(item).strip())


def _split_cell(text: str) -> list[str]:
    if "\\" not in text:
        return text.split(";")
    items: list[str] = []
    current: list[str] = []
    for piece in _PARTY_PIECE.findall(text):
        if piece == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(piece[1] if len(piece) == 2 and piece[0] == "\\" else piece)
    items.append("".join(current))
    return items


@dataclass(frozen=True, slots=True)
class Meeting:
    """A board meeting (sammanträde) at which decisions are reported."""

    date: str
    board: str = ""
    paragraph: int | None = None
    adjusted_on: str | None = None
    posted_on: str | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """An item for information only (meddelandeärende), e.g. a beredning's minutes."""

    text: str
    date: str | None = None
    meeting: str | None = None
    position: int | None = None
    source: str | None = None


# What a court made of an appeal. "upheld": the appeal failed and the decision stands;
# "dismissed": not tried (too late, no standing); "withdrawn": the appellant took it back;
# "annulled": the court set the decision aside (upphävt).
APPEAL_OUTCOMES: tuple[str, ...] = ("upheld", "dismissed", "withdrawn", "annulled")


@dataclass(frozen=True, slots=True)
class Appeal:
    """An appeal lodged against a decision, and the court's outcome once there is one."""

    diary_number: str
    lodged_on: str
    number: int = 1  # the decision's first, second … appeal
    court: str | None = None
    reference: str | None = None  # the court's case number (målnummer)
    decided_on: str | None = None
    outcome: str | None = None

    @property
    def pending(self) -> bool:
        return self.outcome is None

    def to_json(self) -> dict[str, Any]:
        return appeal_json(self)
