"""Which reader an input needs, from its name and its first bytes.

Content wins over the name where it is unmistakable (a PDF or a workbook renamed ``.csv``);
otherwise the extension decides, and input without one (standard input) is sniffed.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import PurePath
from typing import IO

from delreg.errors import InputError

_BY_EXTENSION = {
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".json": "json",
    ".ndjson": "json",
    ".jsonl": "json",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".rst": "text",
    ".html": "text",
    ".htm": "text",
    # Configuration files hold no list: read as text, they say so (no list found, exit 1).
    ".toml": "text",
    ".ini": "text",
    ".cfg": "text",
    ".yaml": "text",
    ".yml": "text",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
_OTHER_ZIPS = {
    ".docx": "a Word document",
    ".odt": "an OpenDocument text",
    ".ods": "an OpenDocument spreadsheet",
    ".pptx": "a PowerPoint file",
    ".zip": "a zip archive",
}
_FORMATS_HINT = "delreg reads agenda text, PDF, CSV/TSV, JSON/NDJSON and Excel .xlsx"
# "[register]" alone on the first line opens a TOML table, not a JSON array.
_TOML_TABLE = re.compile(r"\[\[?[\w.\- \"]+\]\]?[ \t]*\r?\n")
# A header names its columns in a few words; an agenda's lines are sentences.
_HEADER_CELL_CHARS = 40


def detect_format(name: str, head: bytes) -> str:
    """One of text, pdf, csv, json, xlsx for a file ``name`` that starts with ``head``.

    Raises InputError for documents delreg cannot read (old .xls, Word, images …).
    """
    extension = PurePath(name).suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if extension in _OTHER_ZIPS:
            raise InputError(
                f"is {_OTHER_ZIPS[extension]}", source=name, hint="save it as PDF or text"
            )
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "is an old Office file (.xls or .doc)",
            source=name,
            hint="save it as .xlsx, 'CSV UTF-8' or PDF",
        )
    if extension in _BY_EXTENSION:
        if extension == ".txt" and head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "csv"  # Excel's "Unicode text": tab-separated (the CSV reader explains UTF-16)
        return _BY_EXTENSION[extension]
    if b"\x00" in head:
        raise InputError("is binary data, not a document", source=name, hint=_FORMATS_HINT)
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if text.startswith(("[", "{")) and not _TOML_TABLE.match(text):
        return "json"
    return "csv" if _looks_like_table(text) else "text"


def _looks_like_table(text: str) -> bool:
    """A header of three or more short cells, and a next line with as many delimiters."""
    lines = [line for line in text.splitlines() if line.strip()][:2]
    if not lines:
        return False
    for delimiter in (";", "\t", ","):
        cells = lines[0].split(delimiter)
        if len(cells) < 3 or any(len(cell.strip()) > _HEADER_CELL_CHARS for cell in cells):
            continue
        if len(lines) == 1 or lines[1].count(delimiter) >= len(cells) - 1:
            return True
    return False


def seekable(stream: IO[bytes], *, source: str = "<input>", most: int | None = None) -> IO[bytes]:
    """A regular file itself, else a copy that can seek (pypdf and zip files seek) of at most
    ``most`` bytes: standard input is a pipe, and ``/dev/zero`` says it can seek but never ends.

    The copy stays in memory up to 32 MB, then goes to a temporary file.
    """
    if stream.seekable() and _regular(stream):
        return stream
    copy = tempfile.SpooledTemporaryFile(max_size=32 << 20)  # noqa: SIM115 - the caller closes it
    copied = 0
    while piece := stream.read(1 << 20):
        copied += len(piece)
        if most is not None and copied > most:
            copy.close()
            raise InputError(
                f"is larger than {most:,} bytes".replace(",", " "),
                source=source,
                hint="if it is a real document, raise [limits] document_bytes in the configuration",
            )
        copy.write(piece)
    copy.seek(0)
    return copy


def _regular(stream: IO[bytes]) -> bool:
    if isinstance(stream, tempfile.SpooledTemporaryFile):
        return True  # a copy made here (asking for its descriptor would move it to disk)
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):  # an in-memory stream (io.BytesIO) has no descriptor
        return True
