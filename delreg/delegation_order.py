"""A board's delegationsordning: its points, read from TOML or CSV. Pure apart from reading a file.

Each point says what matter is delegated, which decision kinds fall under it, to whom (delegate
and substitutes), up to what amount (kronor or prisbasbelopp, the latter of the decision's year),
for which period, and whether the delegate may pass it on (vidaredelegering, kommunallagen 7 kap.
6 §). The order itself has a period too: ``[order] valid_from``/``valid_to``. A file that cannot
be used raises InputError naming the file and line.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from delreg.dates import parse_date
from delreg.errors import InputError, InvalidValue

LimitUnit = Literal["kr", "pbb"]
# Where a key of the point being read stands in the file (None: the point's own first line).
LineOf = Callable[[str | None], int | None]
FORMATS = ("auto", "toml", "csv")

# Headers and keys as English field names, or as a Swedish delegationsordning's columns say them.
_ALIASES = {
    "punkt": "point",
    "nr": "point",
    "ärende": "matter",
    "arende": "matter",
    "ärendetyp": "matter",
    "beslutstyper": "kinds",
    "beslutstyp": "kinds",
    "typer": "kinds",
    "kind": "kinds",
    "delegat": "delegate",
    "ersättare": "substitute",
    "ersattare": "substitute",
    "substitutes": "substitute",
    "begränsning": "limit",
    "beloppsgräns": "limit",
    "beloppsgrans": "limit",
    "gäller_från": "valid_from",
    "giltig_från": "valid_from",
    "gäller_till": "valid_to",
    "giltig_till": "valid_to",
    "vidaredelegering": "pass_on",
    "vidaredelegeras": "pass_on",
    "får_vidaredelegeras": "pass_on",
    "far_vidaredelegeras": "pass_on",
}
_FIELDS = (
    "point",
    "matter",
    "kinds",
    "delegate",
    "substitute",
    "limit",
    "valid_from",
    "valid_to",
    "pass_on",
)
_REQUIRED = ("point", "matter", "delegate")
_ORDER_KEYS = ("board", "adopted", "valid_from", "valid_to")
# "100 pbb", "0,5 prisbasbelopp", "5 000 000 kr", "2,5 mnkr": a number and a unit.
_LIMIT = re.compile(r"(\d[\d \u00a0]*(?:[.,]\d+)?)\s*([a-zåäö.:-]+)", re.IGNORECASE)
_UNITS: Mapping[str, tuple[LimitUnit, int]] = {
    "kr": ("kr", 1),
    "kronor": ("kr", 1),
    "sek": ("kr", 1),
    ":-": ("kr", 1),
    "tkr": ("kr", 1_000),
    "mnkr": ("kr", 1_000_000),
    "mkr": ("kr", 1_000_000),
    "pbb": ("pbb", 1),
    "prisbasbelopp": ("pbb", 1),
    "basbelopp": ("pbb", 1),
}
_NO_LIMIT = {"", "-", "–", "ingen", "inget", "obegränsat", "none"}
# How a CSV cell or TOML string says whether a point may be passed on.
_YES = {"ja", "j", "x", "yes", "true", "sant", "1"}
_NO = {"", "nej", "n", "no", "false", "falskt", "0", "-", "–"}
# The definite and indefinite forms of a title name the same person: "direktören" is "direktör",
# "sekreteraren" is "sekreterare", "chefen" is "chef".
_DEFINITE_ENDINGS = ("en", "n", "et", "t")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2011": "-"})


@lru_cache(maxsize=4096)
def _folded_title(text: str) -> str:
    value = text.translate(_DASHES).casefold()
    return " ".join(re.sub(r"[.,:;()]", " ", value).split())


def same_delegate(named: str, listed: str) -> bool:
    """Whether a decision's delegate is the title the delegation order (or a pass) names."""
    first, second = _folded_title(named), _folded_title(listed)
    if first == second:
        return True
    # Word by word: "Verksamhetschefen Ortopedi" is "Verksamhetschef Ortopedi".
    words, others = first.split(), second.split()
    return len(words) == len(others) and all(map(_same_word, words, others))


def _same_word(first: str, second: str) -> bool:
    if first == second:
        return True
    longer, shorter = (first, second) if len(first) > len(second) else (second, first)
    return longer.startswith(shorter) and longer[len(shorter) :] in _DEFINITE_ENDINGS


@dataclass(frozen=True)
class Limit:
    """A point's amount limit; a fraction so that "0,5 pbb" stays exactly a half."""

    amount: Fraction
    unit: LimitUnit

    def kronor(self, prisbasbelopp: int | None) -> Fraction | None:
        """The limit in kronor; None for a limit in prisbasbelopp of a year with no amount."""
        if self.unit == "kr":
            return self.amount
        return None if prisbasbelopp is None else self.amount * prisbasbelopp

    def __str__(self) -> str:
        return f"{format_amount(self.amount)} {self.unit}"

    @classmethod
    def parse(cls, text: str) -> Limit | None:
        value = " ".join(text.split())
        if value.casefold() in _NO_LIMIT:
            return None
        found = _LIMIT.fullmatch(value)
        unit = _UNITS.get(found.group(2).casefold().rstrip(".")) if found else None
        if found is None or unit is None:
            raise InvalidValue(
                f"limit {text!r} is not an amount with a unit",
                hint='write it as "100 pbb", "0,5 prisbasbelopp", "5 000 000 kr" or "2 mnkr"',
            )
        number = Fraction(re.sub(r"[ \u00a0]", "", found.group(1)).replace(",", "."))
        amount = number * unit[1]
        if unit[0] == "kr" and amount.denominator != 1:
            raise InvalidValue(f"limit {text!r} is not a whole number of kronor")
        return cls(amount, unit[0])


def format_amount(amount: Fraction | int) -> str:
    """Kronor with a space between thousands, as Swedish documents write them: 5 730 000."""
    value = Fraction(amount)
    if value.denominator == 1:
        return f"{int(value):,}".replace(",", " ")
    return str(float(value)).replace(".", ",")


def in_period(day: str | None, first: str | None, last: str | None) -> bool:
    """Whether ``day`` (ISO) falls from ``first`` through ``last`` (None: open at that end);
    an undated decision falls in every period."""
    if day is None:
        return True
    return (first is None or first <= day) and (last is None or day <= last)


def period_text(first: str | None, last: str | None) -> str:
    return f"{first or '…'} – {last or '…'}"


@dataclass(frozen=True)
class DelegationPoint:
    point: str
    matter: str
    delegate: str
    kinds: tuple[str, ...] = ()
    substitutes: tuple[str, ...] = ()
    limit: Limit | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    # Where the point stands in the file it was loaded from, for messages.
    line: int | None = None
    # How many times the power may be passed on (vidaredelegering): 0 not at all, 1 by the
    # delegate to another employee (what kommunallagen 7 kap. 6 § provides for), more only where
    # the order says so.
    pass_on: int = 0

    def valid_on(self, day: str | None) -> bool:
        """Whether the point applies on ``day`` (ISO); an undated decision matches any period."""
        return in_period(day, self.valid_from, self.valid_to)

    def period(self) -> str:
        return period_text(self.valid_from, self.valid_to)

    def to_json(self) -> dict[str, Any]:
        return {
            "point": self.point,
            "matter": self.matter,
            "kinds": list(self.kinds),
            "delegate": self.delegate,
            "substitutes": list(self.substitutes),
            "limit": str(self.limit) if self.limit else None,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "pass_on": self.pass_on,
        }


@dataclass(frozen=True)
class DelegationOrder:
    points: tuple[DelegationPoint, ...]
    source: str = ""
    # The board's short code (HSN); empty for the configured default board.
    board: str = ""
    adopted: str | None = None
    # The period the order is in force: from the file's [order], and ended the day before a
    # later order of the same board begins. None: open at that end.
    valid_from: str | None = None
    valid_to: str | None = None
    # What the file's [order] calls the board ("Hälso- och sjukvårdsnämnden").
    name: str = ""
    # The register's number for a stored order; None for one only read from a file.
    id: int | None = None
    loaded_at: str | None = None

    def in_force_on(self, day: str | None) -> bool:
        """Whether the order applies on ``day``; an undated decision is held to any order."""
        return in_period(day, self.valid_from, self.valid_to)

    def period(self) -> str:
        return period_text(self.valid_from, self.valid_to)

    def header_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "board": self.board,
            "name": self.name,
            "source": self.source,
            "adopted": self.adopted,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "loaded_at": self.loaded_at,
            "points": len(self.points),
        }

    def named(self, point: str) -> list[DelegationPoint]:
        wanted = point.strip().casefold()
        return [p for p in self.points if p.point.casefold() == wanted]

    def for_kind(self, kind: str) -> list[DelegationPoint]:
        return [p for p in self.points if kind in p.kinds]


def load_delegation_order(
    path: Path, *, known_kinds: Collection[str], fmt: str = "auto"
) -> DelegationOrder:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(
            "no such file", source=source, hint="data/delegationsordning.toml is an example"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the delegation order ({error})", source=source) from None
    chosen = fmt
    if chosen == "auto":
        chosen = _format_of(path, text)
    return read_delegation_order(text, source=source, fmt=chosen, known_kinds=known_kinds)


def _format_of(path: Path, text: str) -> str:
    suffix = path.suffix.casefold()
    if suffix == ".toml":
        return "toml"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return "toml" if first.startswith(("[", "#")) else "csv"


def read_delegation_order(
    text: str, *, source: str, fmt: str, known_kinds: Collection[str]
) -> DelegationOrder:
    if fmt == "toml":
        order = _read_toml(text, source, known_kinds)
    elif fmt == "csv":
        order = _read_csv(text, source, known_kinds)
    else:
        raise InvalidValue(f"unknown format {fmt!r}", hint="use toml or csv")
    if not order.points:
        raise InputError(
            "the delegation order has no points",
            source=source,
            hint="see data/delegationsordning.toml for an example",
        )
    _refuse_overlaps(order.points, source)
    return order


# --- TOML --------------------------------------------------------------------------------------


def _read_toml(text: str, source: str, known_kinds: Collection[str]) -> DelegationOrder:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        raise InputError(
            f"not valid TOML ({error})",
            source=source,
            line=int(found.group(1)) if found else None,
            hint="see data/delegationsordning.toml for the layout",
        ) from None
    unknown = set(raw) - {"order", "point"}
    if unknown:
        name = sorted(unknown)[0]
        raise InputError(
            f"unknown table or key {name!r}",
            source=source,
            line=_line_of_key(text.splitlines(), 0, name),
            hint="the file has an [order] table and [[point]] tables",
        )
    header = raw.get("order", {})
    points = raw.get("point", [])
    if not isinstance(header, dict) or not isinstance(points, list):
        raise InputError("[order] must be a table and [[point]] an array of tables", source=source)
    lines = text.splitlines()
    for key in header:
        if key not in _ORDER_KEYS:
            raise InputError(
                f"unknown key {key!r} in [order]",
                source=source,
                line=_line_of_key(lines, 0, key),
                hint="[order] takes " + ", ".join(_ORDER_KEYS),
            )
    starts = [
        number
        for number, line in enumerate(lines, start=1)
        if re.match(r"\s*\[\[\s*\"?point\"?\s*\]\]", line)
    ]

    def header_date(key: str) -> str | None:
        return _optional_date(header.get(key), key, source, lambda _: _line_of_key(lines, 0, key))

    valid_from, valid_to = header_date("valid_from"), header_date("valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise InputError(
            f"[order] valid_to {valid_to} is before valid_from {valid_from}",
            source=source,
            line=_line_of_key(lines, 0, "valid_to"),
        )
    defaults = {key: header[key] for key in ("valid_from", "valid_to") if key in header}
    parsed = []
    for index, values in enumerate(points):
        start = starts[index] if index < len(starts) else None

        def line_of(key: str | None, start: int | None = start) -> int | None:
            return _line_of_key(lines, start, key) if key and start else start

        parsed.append(_point({**defaults, **values}, source, line_of, known_kinds))
    adopted = header.get("adopted")
    return DelegationOrder(
        points=tuple(parsed),
        source=source,
        name=str(header.get("board", "")),
        adopted=_date_value(adopted, "adopted", source, None) if adopted is not None else None,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _line_of_key(lines: list[str], start: int, key: str) -> int | None:
    """The line of ``key = …`` in the table that starts at line ``start`` (1-based)."""
    pattern = re.compile(rf"\s*\"?{re.escape(key)}\"?\s*=|\s*\[+\s*\"?{re.escape(key)}\"?\s*\]")
    for number in range(max(start, 1), len(lines) + 1):
        line = lines[number - 1]
        if number > start and start and re.match(r"\s*\[", line):
            break
        if pattern.match(line):
            return number
    return start or None


# --- CSV ---------------------------------------------------------------------------------------


def _read_csv(text: str, source: str, known_kinds: Collection[str]) -> DelegationOrder:
    rows = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not rows:
        return DelegationOrder(points=(), source=source)
    header_line, header_text = rows[0]
    # Swedish spreadsheets export with semicolons; others with commas or tabs.
    delimiter = max(";,\t", key=header_text.count)
    body = "\n".join(line for _, line in rows)
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    header = [_field_name(cell) for cell in next(reader)]
    unknown = [name for name in header if name and name not in _FIELDS]
    if unknown:
        raise InputError(
            f"unknown column {unknown[0]!r}",
            source=source,
            line=header_line,
            hint="columns: " + ", ".join(_FIELDS),
        )
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        raise InputError(
            f"no column {missing[0]!r}",
            source=source,
            line=header_line,
            hint="columns: " + ", ".join(_FIELDS),
        )
    points = []
    for cells in reader:
        # csv.reader counts lines of the joined body; map back to the file's own numbering.
        line = rows[min(reader.line_num, len(rows)) - 1][0]
        if len(cells) > len(header):
            raise InputError(
                f"{len(cells)} cells but {len(header)} columns",
                source=source,
                line=line,
                hint=f"a cell that contains {delimiter!r} must be quoted",
            )
        values = {name: cell for name, cell in zip(header, cells, strict=False) if cell.strip()}

        def line_of(key: str | None, line: int = line) -> int | None:
            return line

        points.append(_point(values, source, line_of, known_kinds))
    return DelegationOrder(points=tuple(points), source=source)


def _field_name(text: str) -> str:
    name = "_".join(text.strip().casefold().split())
    return _ALIASES.get(name, name)


# --- one point, whatever the format ------------------------------------------------------------


def _point(
    values: Mapping[str, Any],
    source: str,
    line_of: LineOf,
    known_kinds: Collection[str],
) -> DelegationPoint:
    fields = {_field_name(key): value for key, value in values.items()}
    for key in fields:
        if key not in _FIELDS:
            raise InputError(
                f"unknown key {key!r}",
                source=source,
                line=line_of(key),
                hint="keys: " + ", ".join(_FIELDS),
            )
    point = _text(fields.get("point"), "point", source, line_of)
    for key in _REQUIRED:
        if not _text(fields.get(key), key, source, line_of):
            where = f"point {point}: " if point else ""
            raise InputError(f"{where}{key} is missing", source=source, line=line_of(None))

    def fail(key: str, message: str, hint: str | None = None) -> InputError:
        return InputError(f"point {point}: {message}", source=source, line=line_of(key), hint=hint)

    kinds = tuple(kind.casefold() for kind in _items(fields.get("kinds"), r"[,;|\s]+"))
    unknown = [kind for kind in kinds if kind not in known_kinds]
    if unknown:
        raise fail(
            "kinds",
            f"unknown kind {unknown[0]!r}",
            "known kinds: " + ", ".join(sorted(known_kinds)) + " (add others to the configuration)",
        )
    limit_value = fields.get("limit")
    if isinstance(limit_value, int | float) and not isinstance(limit_value, bool):
        raise fail("limit", f"limit {limit_value} has no unit", 'write "100 pbb" or "500000 kr"')
    try:
        limit = Limit.parse(str(limit_value)) if limit_value is not None else None
    except InvalidValue as error:
        raise fail("limit", error.message, error.hint) from None
    valid_from = _optional_date(fields.get("valid_from"), "valid_from", source, line_of)
    valid_to = _optional_date(fields.get("valid_to"), "valid_to", source, line_of)
    if valid_from and valid_to and valid_to < valid_from:
        raise fail("valid_to", f"valid_to {valid_to} is before valid_from {valid_from}")
    pass_on = _pass_on(fields.get("pass_on"))
    if pass_on is None:
        raise fail(
            "pass_on",
            f"pass_on {fields.get('pass_on')!r} is neither yes/no nor a number of steps",
            "write pass_on = true (the delegate may pass it on), false, or 2 (two steps)",
        )
    return DelegationPoint(
        point=point,
        matter=_text(fields.get("matter"), "matter", source, line_of),
        delegate=_text(fields.get("delegate"), "delegate", source, line_of),
        kinds=kinds,
        # Titles may contain commas ("Chef, upphandlingsenheten"); list them with ; or |.
        substitutes=_items(fields.get("substitute"), r"\s*[;|]\s*"),
        limit=limit,
        valid_from=valid_from,
        valid_to=valid_to,
        line=line_of(None),
        pass_on=pass_on,
    )


def _pass_on(value: Any) -> int | None:
    """How many steps a point may be passed on; None for a value that says neither."""
    if value is None or value is False:
        return 0
    if value is True:
        return 1
    if isinstance(value, int):
        return value if 0 <= value <= 9 else None
    text = " ".join(str(value).split()).casefold()
    if text in _YES:
        return 1
    if text in _NO:
        return 0
    return int(text) if text.isdigit() and int(text) <= 9 else None


def _text(value: Any, key: str, source: str, line_of: LineOf) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise InputError(f"{key} must be text", source=source, line=line_of(key))
    return " ".join(str(value).split())


def _items(value: Any, separator: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items: Iterable[Any] = value if isinstance(value, list) else re.split(separator, str(value))
    return tuple(" ".join(str(item).split()) for item in items if str(item).strip())


def _optional_date(value: Any, key: str, source: str, line_of: LineOf) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _date_value(value, key, source, line_of(key))


def _date_value(value: Any, key: str, source: str, line: int | None) -> str:
    # TOML gives unquoted dates as date objects; CSV and quoted TOML give text.
    if isinstance(value, date):
        return value.isoformat()
    try:
        return parse_date(str(value))
    except InvalidValue as error:
        raise InputError(f"{key}: {error.message}", source=source, line=line) from None


def _refuse_overlaps(points: Iterable[DelegationPoint], source: str) -> None:
    seen: dict[str, list[DelegationPoint]] = {}
    for point in points:
        for other in seen.get(point.point.casefold(), []):
            if _overlap(point, other):
                raise InputError(
                    f"point {point.point} is given twice for overlapping periods "
                    f"({other.period()} and {point.period()})",
                    source=source,
                    line=point.line,
                    hint=f"the other is at line {other.line}; set valid_from/valid_to so one "
                    "ends before the other begins",
                )
        seen.setdefault(point.point.casefold(), []).append(point)


def _overlap(first: DelegationPoint, second: DelegationPoint) -> bool:
    starts_before_second_ends = (
        first.valid_from is None or second.valid_to is None or first.valid_from <= second.valid_to
    )
    ends_after_second_starts = (
        first.valid_to is None or second.valid_from is None or first.valid_to >= second.valid_from
    )
    return starts_before_second_ends and ends_after_second_starts
