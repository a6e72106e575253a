"""JSON registry exports → decisions: an array of decision objects, or NDJSON.

The shapes ``delreg list --format json`` and ``--format ndjson`` write. Both are read
incrementally (``JSONDecoder.raw_decode`` over pieces of the stream), so a large array never
sits in memory whole; only one decision object must fit, up to MAX_VALUE_CHARS.
An array item's ``source`` is ``"<file>:<index + 1>"``; an NDJSON object's is its line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from delreg.config import Config
from delreg.errors import InputError
from delreg.limits import limits
from delreg.model import Decision
from delreg.parse import Record, Rejected
from delreg.parse.duplicates import SeenDiaryNumbers
from delreg.parse.rows import ColumnNames, labels_for, record_from_values
from delreg.parse.tabular import TextLines

# One decision object is a few kilobytes; anything near this is not a decision (the reader takes
# its own bound from [limits] line_chars).
MAX_VALUE_CHARS = 1 << 20
_SPACE = re.compile(r"[ \t\r\n]*")
_HINT = "delreg reads a JSON array of decision objects, or one object per line (NDJSON)"


class _Scanner:
    """A window over the text that tracks the line of its position."""

    def __init__(self, stream: TextIO, source: str, most: int = MAX_VALUE_CHARS) -> None:
        self._pieces = TextLines(stream, source=source, max_chars=None)
        self._most = most
        self._source = source
        self._decoder = json.JSONDecoder()
        self._text = ""
        self._position = 0
        self._line = 1
        self._ended = False

    @property
    def line(self) -> int:
        return self._line

    def _more(self) -> bool:
        """Read another piece; False at the end of the stream."""
        if self._ended:
            return False
        piece = next(self._pieces, "")
        if not piece:
            self._ended = True
            return False
        # Forget what has been read, so the window stays the size of one value.
        self._text = self._text[self._position :] + piece
        self._position = 0
        return True

    def _advance(self, to: int) -> None:
        self._line += self._text.count("\n", self._position, to)
        self._position = to

    def peek(self) -> str | None:
        """The next character that is not white space, or None at the end."""
        while True:
            found = _SPACE.match(self._text, self._position)
            self._advance(found.end() if found else self._position)
            if self._position < len(self._text):
                return self._text[self._position]
            if not self._more():
                return None

    def take(self) -> None:
        self._advance(self._position + 1)

    def value(self) -> object:
        """The JSON value at the position (after `peek`), read over as many pieces as it takes."""
        while True:
            try:
                value, end = self._decoder.raw_decode(self._text, self._position)
            except json.JSONDecodeError as error:
                if self._may_go_on(error) and self._more_for(len(self._text) - self._position):
                    continue
                if len(self._text) - self._position >= self._most:
                    raise InputError(
                        f"a value is longer than {self._most:,} characters".replace(",", " "),
                        source=self._source,
                        line=self._line,
                        hint="one decision object is a few thousand characters; if the file is "
                        "right, raise [limits] line_chars in the configuration",
                    ) from None
                line = self._line + self._text.count("\n", self._position, error.pos)
                raise self.error(f"not valid JSON ({error.msg})", line) from None
            except ValueError as error:  # e.g. an integer of more than 4300 digits
                raise self.error(f"not valid JSON ({error})", self._line) from None
            except RecursionError:
                raise self.error("not valid JSON (nested too deeply)", self._line) from None
            # A number at the end of the window may go on in the next piece.
            if end == len(self._text) and self._more():
                continue
            self._advance(end)
            return value

    def _may_go_on(self, error: json.JSONDecodeError) -> bool:
        """Whether the value may just be cut off at the end of the window, not wrong."""
        if len(self._text) - self._position >= self._most:
            return False
        # A string's opening quote is reported, not where the window ends; anything else fails
        # at the end of the window only if it was cut off (the margin covers a "\\uXXXX").
        return error.msg.startswith("Unterminated string") or error.pos >= len(self._text) - 8

    def _more_for(self, pending: int) -> bool:
        """Read until the window holds twice what failed to decode (or the stream ends)."""
        grew = False
        while len(self._text) - self._position < 2 * pending + 1 and self._more():
            grew = True
        return grew

    def error(self, message: str, line: int) -> InputError:
        return InputError(message, source=self._source, line=line, hint=_HINT)


def read_json(stream: TextIO, *, source: str, config: Config) -> Iterator[Record]:
    """Decisions from a JSON array or NDJSON; invalid JSON raises InputError with its line."""
    bounds = limits(config)
    scanner = _Scanner(stream, source, bounds.line_chars)
    shapes = _Shapes(ColumnNames(config))
    first = scanner.peek()
    if first is None:
        raise scanner.error("the file is empty", 1)
    if first == "[":
        positioned = _array_items(scanner)
        seen = SeenDiaryNumbers("item")
    else:
        positioned = _objects_in_sequence(scanner)
        seen = SeenDiaryNumbers("line")
    for read, (position, item) in enumerate(positioned, start=1):
        if read > bounds.rows:
            raise bounds.too_many_rows(source, position)
        if isinstance(item, dict) and len(item) > bounds.columns:
            raise bounds.too_many_columns(len(item), source, position)
        where = f"{source}:{position}"
        yield seen.check(shapes.record(item, config, where), position, where)


def _array_items(scanner: _Scanner) -> Iterator[tuple[int, object]]:
    scanner.take()
    if scanner.peek() == "]":
        scanner.take()
        _expect_end(scanner)
        return
    index = 0
    while True:
        scanner.peek()
        index += 1
        yield index, scanner.value()
        following = scanner.peek()
        if following == "]":
            scanner.take()
            _expect_end(scanner)
            return
        if following != ",":
            found = "the end of the file" if following is None else repr(following)
            raise scanner.error(
                f"expected ',' or ']' after item {index}, found {found}", scanner.line
            )
        scanner.take()


def _objects_in_sequence(scanner: _Scanner) -> Iterator[tuple[int, object]]:
    while scanner.peek() is not None:
        line = scanner.line
        yield line, scanner.value()


def _expect_end(scanner: _Scanner) -> None:
    if scanner.peek() is not None:
        raise scanner.error("text after the end of the array", scanner.line)


@dataclass(frozen=True, slots=True)
class _Shape:
    """Which field each key of an object holds, worked out once for every object keyed alike."""

    fields: tuple[tuple[str, str], ...]
    labels: dict[str, str]
    problem: str | None = None

    @classmethod
    def of(cls, keys: tuple[str, ...], names: ColumnNames) -> _Shape:
        written: dict[str, str] = {}
        for key in keys:
            field = names.field_for(key)
            if field is None:
                continue
            if field in written:
                return cls((), {}, f"keys {written[field]!r} and {key!r} both hold {field}")
            written[field] = key
        fields = tuple((key, field) for field, key in written.items())
        return cls(fields, labels_for(written))


class _Shapes:
    """The shapes of the objects read so far: an export's objects nearly all share one."""

    LIMIT = 256

    def __init__(self, names: ColumnNames) -> None:
        self._names = names
        self._known: dict[tuple[str, ...], _Shape] = {}

    def record(self, item: object, config: Config, where: str) -> Decision | Rejected:
        if not isinstance(item, dict):
            return Rejected(where, f"not a decision object but {type(item).__name__}")
        keys = tuple(item)
        shape = self._known.get(keys)
        if shape is None:
            if len(self._known) >= self.LIMIT:
                self._known.clear()
            shape = self._known[keys] = _Shape.of(keys, self._names)
        if shape.problem:
            return Rejected(where, shape.problem)
        values = {field: item[key] for key, field in shape.fields}
        return record_from_values(values, config=config, source=where, labels=shape.labels)
