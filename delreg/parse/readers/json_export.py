"""Decisions as JSON: an array of objects, or one object a line (NDJSON), with the field names
of `delreg list --format json`."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from delreg.parse.readers.base import ReadRequest, text_stream

if TYPE_CHECKING:
    from delreg.parse import Record

DESCRIPTION = "JSON"
EXTENSIONS = (".json", ".ndjson", ".jsonl")
AGENDA = False
# "[register]" alone on the first line opens a TOML table, not a JSON array.
_TOML_TABLE = re.compile(r"\[\[?[\w.\- \"]+\]\]?[ \t]*\r?\n")


def recognises(head: bytes, extension: str) -> bool:
    return False


def sniffs(text: str) -> bool:
    return text.startswith(("[", "{")) and not _TOML_TABLE.match(text)


def read(stream: io.BufferedReader, request: ReadRequest) -> Iterator[Record]:
    from delreg.parse.jsondoc import read_json

    yield from read_json(text_stream(stream, request), source=request.source, config=request.config)
