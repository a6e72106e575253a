"""The text a register keeps: the one rule for characters, at the door. Pure.

Every text value that enters a register (an option of `add` or `edit`, a cell of an export, an
item read from an agenda) passes here, so that whatever reads the register later (a Word or
HTML report, an XML parser, a terminal) can show it:

- control characters (C0, DEL, C1) become spaces: a bell, an escape sequence or a NUL hides in
  exported cells and pasted text, and is no data. Tab and line breaks are white space anyway;
- a code point that is no character is refused, naming it: a lone surrogate (half of a pair,
  what a broken UTF-16 conversion leaves) and the non-characters Unicode reserves for a program's
  own use (U+FFFE, U+FFFF, U+FDD0..U+FDEF and the last two of every plane). XML cannot carry
  them, and a Word report that held one could not be written. What the text should have said
  cannot be guessed, so it is not cleaned away in silence.
"""

from __future__ import annotations

import re

from delreg.errors import InvalidValue

CONTROLS = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)], " ")
_NON_CHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)
)
_NOT_TEXT = re.compile(f"[{_NON_CHARACTERS}]")
# The longest value echoed in a message; a 10 000-character diary number is shown cut.
SHOWN_CHARS = 60


def clean_text(text: str) -> str:
    """``text`` with control characters as spaces; InvalidValue if it holds a non-character."""
    # Nearly every value is printable, Swedish letters and all, with nothing to do: control
    # characters, surrogates and non-characters are none of them printable. (A subject with
    # "ö" took 20 µs a cell here before: str.translate with a table, and the search below.)
    if text.isprintable():
        return text
    refuse_non_characters(text)
    return text.translate(CONTROLS)


def refuse_non_characters(text: str) -> None:
    if found := _NOT_TEXT.search(text):
        code_point = ord(found.group())
        what = "half of a surrogate pair" if 0xD800 <= code_point <= 0xDFFF else "a non-character"
        raise InvalidValue(
            f"holds U+{code_point:04X} at character {found.start() + 1}, {what}, not text",
            hint="the file was damaged or converted wrongly: export it again as UTF-8, or "
            "delete that character",
        )


def shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """``repr(text)`` for a message, cut to ``limit`` characters with its length told."""
    if len(text) <= limit:
        return repr(text)
    length = f"{len(text):,}".replace(",", " ")
    return f"{text[:limit]!r}… ({length} characters)"
