"""Cells that stay text when a CSV or TSV export is opened in a spreadsheet. Pure.

Excel, LibreOffice and Google Sheets read a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula: a subject such as
``=HYPERLINK("http://…","Klicka här")`` would become a live link, or worse, in the registrar's
spreadsheet. The spreadsheets' own way to say "this is text" is a leading apostrophe, which they
show as nothing; ``protect`` adds it on export and ``unprotect`` takes exactly that one away
again on import, so ``delreg list --format csv | delreg import -`` gives back what was listed.

A value that itself starts with apostrophes before such a character gets one more, so the
pair is exact for every string: ``unprotect(protect(text)) == text``.
"""

from __future__ import annotations

import re

# What a spreadsheet takes as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = "=+-@\t\r"
_MARK = "'"
_FIRST_CHARACTERS = frozenset(FORMULA_STARTS + _MARK)
_NEEDS_MARK = re.compile(f"'*[{re.escape(FORMULA_STARTS)}]")
_MARKED = re.compile(f"'+[{re.escape(FORMULA_STARTS)}]")


def protect(text: str) -> str:
    """The cell for ``text`` in a CSV or TSV export: never read as a formula."""
    # Every cell of a million-row export passes here; look at the first character first.
    if not text or text[0] not in _FIRST_CHARACTERS:
        return text
    return _MARK + text if _NEEDS_MARK.match(text) else text


def unprotect(text: str) -> str:
    """The value of an exported cell: ``protect`` undone, everything else left as it is."""
    # Every cell of an import passes here; almost none starts with the mark.
    if not text.startswith(_MARK):
        return text
    return text[1:] if _MARKED.match(text) else text
