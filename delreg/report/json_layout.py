"""The report's JSON as laid out for people and diffs: the document's keys one per line, a
list's entries one per line, each entry compact. Pure.

The general report (delreg.report.render_data) and the period report made from the register's
rows (delreg.report.period_json) lay out their documents here, so that their bytes are one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

# Without an indent json uses its C encoder; with one, the pure-Python encoder, which took a
# tenth of a second for a month of 8 500 decisions. So the document is laid out here: its keys
# one per line, a list's entries one per line, each entry compact (diff-friendly and readable).
_COMPACT = json.JSONEncoder(ensure_ascii=False)
json_text = _COMPACT.encode


def utf8_pieces(document: dict[str, Any], encoded: str) -> list[bytes]:
    """The document as render_json lays it out, in UTF-8 pieces to be joined or written one
    after the other, where ``document[encoded]`` holds its entries as UTF-8 JSON already, each
    in pieces (the items delreg.report.period_json writes). As bytes, a month's megabytes are
    never one text: one name with a "ć" would make all of it two bytes a character, to be
    encoded again on the way out. And in pieces: the entries' own between their separators,
    not copied into an entry, or into a list's text, first."""
    pieces: list[bytes] = []
    for piece in laid_out(document, encoded):
        if isinstance(piece, list):
            pieces.extend(piece)
        else:
            pieces.append(piece.encode())
    return pieces


def laid_out(document: dict[str, Any], encoded: str | None = None) -> Iterator[str | list[bytes]]:
    """The document's pieces: text, and ``document[encoded]``'s entries (UTF-8 JSON already,
    each a sequence of pieces) as one list of bytes with their separators between them."""
    last = len(document) - 1
    yield "{\n"
    for index, (key, value) in enumerate(document.items()):
        comma = "," if index < last else ""
        name = _COMPACT.encode(key)
        if isinstance(value, list) and value and key == encoded:
            yield f"  {name}: [\n    "
            entries: list[bytes] = []
            for entry in value:
                entries.extend(entry)
                entries.append(_SEPARATOR)
            entries.pop()
            yield entries
            yield f"\n  ]{comma}\n"
        elif isinstance(value, list) and value:
            entries_text = ",\n    ".join(map(_COMPACT.encode, value))
            yield f"  {name}: [\n    {entries_text}\n  ]{comma}\n"
        else:
            yield f"  {name}: {_COMPACT.encode(value)}{comma}\n"
    yield "}\n"


_SEPARATOR = b",\n    "
