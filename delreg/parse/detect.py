"""Which reader an input needs, from its name and its first bytes.

Content wins over the name where it is unmistakable (a PDF or a workbook renamed ``.csv``);
otherwise the extension decides, and input without one (standard input) is sniffed. The kinds
and what tells each are the readers' own (delreg.parse.readers); what is here is what delreg
cannot read, and says so.
"""

from __future__ import annotations

from pathlib import PurePath

from delreg.errors import InputError
from delreg.parse.readers import READERS
from delreg.parse.text_encoding import UTF16_MARKS, head_text

_OTHER_ZIPS = {
    ".docx": "a Word document",
    ".odt": "an OpenDocument text",
    ".ods": "an OpenDocument spreadsheet",
    ".pptx": "a PowerPoint file",
    ".zip": "a zip archive",
}
_FORMATS_HINT = "delreg reads agenda text, PDF, CSV/TSV, JSON/NDJSON and Excel .xlsx"
_BY_EXTENSION = {
    extension: name for name, reader in READERS.items() for extension in reader.EXTENSIONS
}


def detect_format(name: str, head: bytes) -> str:
    """The name of the reader (in READERS) for a file ``name`` that starts with ``head``.

    Raises InputError for documents delreg cannot read (old .xls, Word, images …).
    """
    extension = PurePath(name).suffix.lower()
    if head.startswith(b"PK\x03\x04") and extension in _OTHER_ZIPS:
        raise InputError(f"is {_OTHER_ZIPS[extension]}", source=name, hint="save it as PDF or text")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "is an old Office file (.xls or .doc)",
            source=name,
            hint="save it as .xlsx, 'CSV UTF-8' or PDF",
        )
    for reader_name, reader in READERS.items():
        if reader.recognises(head, extension):
            return reader_name
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    # UTF-16 text is half NULs, but its byte-order mark says what it is.
    if b"\x00" in head and not head.startswith(UTF16_MARKS):
        raise InputError("is binary data, not a document", source=name, hint=_FORMATS_HINT)
    text = head_text(head).lstrip(" \t\r\n")
    return next(reader_name for reader_name, reader in READERS.items() if reader.sniffs(text))
