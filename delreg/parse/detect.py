"""Which reader an input needs, from its name and its first bytes.

Content wins over the name where it is unmistakable (a PDF or a workbook renamed ``.csv``);
otherwise the extension decides, and input without one (standard input) is sniffed. The kinds
and what tells each are the readers' own (delreg.parse.readers); what is here is what delreg
cannot read, and says so.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from delreg.errors import InputError
from delreg.parse.office_package import OLE_START, ZIP_START, package_kind
from delreg.parse.readers import READERS
from delreg.parse.text_encoding import UTF16_MARKS, head_text

_OTHER_ZIPS = {
    ".odp": "an OpenDocument presentation",
    ".pptx": "a PowerPoint file",
    ".zip": "a zip archive",
}
# The same, told by the package's own kind (delreg.parse.office_package) whatever its name.
_OTHER_PACKAGES = {
    "odp": "an OpenDocument presentation",
    "odg": "an OpenDocument drawing",
    "odm": "an OpenDocument master document",
    "pptx": "a PowerPoint file",
}
_FORMATS_HINT = (
    "delreg reads agenda text, PDF, Word .docx, OpenDocument .odt, CSV/TSV, JSON/NDJSON, "
    "Excel .xlsx and OpenDocument .ods"
)
# Names under which an OLE file is an Office document encrypted with a password (Office keeps
# the encrypted package in one), not an old .doc or .xls.
_PROTECTED = {
    ".docx": "a Word document",
    ".docm": "a Word document",
    ".xlsx": "an Excel workbook",
    ".xlsm": "an Excel workbook",
}
# Rich text's start, after a byte-order mark or white space a program may put before it.
_RTF = re.compile(rb"(?:\xef\xbb\xbf)?\s*\{\\rtf", re.IGNORECASE)
_BY_EXTENSION = {
    extension: name for name, reader in READERS.items() for extension in reader.EXTENSIONS
}


def detect_format(name: str, head: bytes) -> str:
    """The name of the reader (in READERS) for a file ``name`` that starts with ``head``.

    Raises InputError for documents delreg cannot read (old .xls, Word, images …).
    """
    extension = PurePath(name).suffix.lower()
    if _RTF.match(head):
        # Word's and WordPad's rich text (often saved as .doc): it starts with a brace, and
        # would be taken for JSON and refused as that.
        raise InputError(
            "is an RTF document (rich text)",
            source=name,
            hint="open it in Word or LibreOffice and save it as .docx or PDF",
        )
    if head.startswith(ZIP_START):
        kind = package_kind(head)
        if kind in _OTHER_PACKAGES:
            raise InputError(
                f"is {_OTHER_PACKAGES[kind]}", source=name, hint="save it as PDF or text"
            )
        if kind is None and extension in _OTHER_ZIPS:
            raise InputError(
                f"is {_OTHER_ZIPS[extension]}", source=name, hint="save it as PDF or text"
            )
    if head.startswith(OLE_START):
        if extension in _PROTECTED:
            raise protected_office_file(name, extension)
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


def protected_office_file(source: str, extension: str) -> InputError:
    """An OLE file named as a document of Office's zip formats: the package encrypted."""
    kind = _PROTECTED.get(extension, "an Office document")
    return InputError(
        f"is {kind} probably protected by a password (it is stored encrypted)",
        source=source,
        hint="open it, remove the password (File > Info > Protect) and save it again, "
        "or save it as PDF",
    )
