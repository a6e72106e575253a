"""A soft hyphen that broke a word at a line's end, told from an ordinary hyphen there.

PDFium marks both the same ("\\x02", the line joined to the next), and LibreOffice draws a
soft hyphen (U+00AD, or its own hyphenation) with the ordinary hyphen's glyph and code, mapped
to "-" for text: neither the character's code in the content stream, FPDFText_GetUnicode, nor
the glyph tells them apart. What does is how it is drawn: LibreOffice draws the hyphen it adds
at a line's end as a text object of its own, after the line's text; an ordinary hyphen stands
in the same text object as the letters before it ("…om ny e-" | "postadress"). So a marked
hyphen alone in its text object, after a text object of more than one character, is a soft
one and the word is joined ("trafikförsörjnings" | "programmet").

Word and report tools (fpdf2) draw a line's text, hyphen and all, as one object: their
hyphens stay (see pdf.py's ``_pdfium_marks``). A page drawn a character at a time (some
printer drivers) shows every hyphen alone; the object before, a single letter, tells it.
"""

from __future__ import annotations

import ctypes
import re
from typing import Any

_MARK = "\x02"
# The word's letters either side of the mark: the key by which the mark is found again in the
# page's text, however its parts were put together (tables, columns).
_AROUND = re.compile(r"[^\W\d_]+\x02[^\W\d_]+")


def soft_hyphens(text_page: Any, text: str) -> list[str]:
    """The words of the page's ``text`` (its whole text as PDFium gives it, one character a
    character of the page) broken at a soft hyphen, each as given ("trafikförsörjnings\\x02
    programmet")."""
    import pypdfium2.raw as pdfium_c

    found = []
    for match in _AROUND.finditer(text):
        index = text.index(_MARK, match.start())
        # The text is the page's characters in order; where it is not, nothing is said.
        if pdfium_c.FPDFText_GetUnicode(text_page.raw, index) != ord(_MARK):
            continue
        hyphen = pdfium_c.FPDFText_GetTextObject(text_page.raw, index)
        before = pdfium_c.FPDFText_GetTextObject(text_page.raw, index - 1)
        if not hyphen or not before or _address(hyphen) == _address(before):
            continue
        if _length(pdfium_c, hyphen, text_page) == 1 and _length(pdfium_c, before, text_page) > 1:
            found.append(match.group())
    return found


def joined(text: str, words: list[str]) -> str:
    """``text`` with each of the ``words`` broken at a soft hyphen whole again."""
    for word in words:
        text = text.replace(word, word.replace(_MARK, ""))
    return text


def _address(pointer: Any) -> int | None:
    return ctypes.cast(pointer, ctypes.c_void_p).value


def _length(pdfium_c: Any, text_object: Any, text_page: Any) -> int:
    """A text object's count of characters (its text's UTF-16 bytes, the ending NUL's two
    among them)."""
    return int(pdfium_c.FPDFTextObj_GetText(text_object, text_page.raw, None, 0)) // 2 - 1
