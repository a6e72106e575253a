"""A document whose bytes are not UTF-8: one message for every reader of text.

delreg reads UTF-8, with or without the byte-order mark Excel writes, and guesses no other
encoding: a wrong guess turns "ö" into something else without a word, and a register is a
public record. A byte that is not UTF-8 stops the read with its line and a hint that says what
the bytes most likely are (Windows-1252, UTF-16) and how to convert them. Pure.
"""

from __future__ import annotations

from delreg.errors import InputError

# Bytes that are "Å Ä Ö å ä ö é" in Windows-1252: what Notepad saves as "ANSI" and Excel as
# "CSV (semikolonavgränsad)".
CP1252_LETTERS = frozenset({0xC5, 0xC4, 0xD6, 0xE5, 0xE4, 0xF6, 0xE9})
_CONVERT = "iconv -f WINDOWS-1252 -t UTF-8 FILE"


def not_utf8(
    error: UnicodeDecodeError, *, source: str, lines_before: int, save_as: str
) -> InputError:
    """The error for the bytes ``error`` could not decode as UTF-8. ``lines_before`` counts the
    whole lines before the bytes the decoder was given, so the bad byte's line is that count
    plus the line breaks before it in them; ``save_as`` says how the program that made such a
    document saves it as UTF-8 ("save as 'CSV UTF-8'")."""
    line = lines_before + 1 + error.object.count(b"\n", 0, error.start)
    byte = error.object[error.start]
    hint = f"delreg reads UTF-8 text: {save_as}, or convert the file ({_CONVERT})"
    if line == 1 and error.object[:2] in (b"\xff\xfe", b"\xfe\xff"):
        hint = f"the file is UTF-16 (Excel's 'Unicode text', Notepad's 'Unicode'): {save_as}"
    elif byte in CP1252_LETTERS:
        letter = bytes([byte]).decode("cp1252")
        hint = (
            f"byte 0x{byte:02X} is {letter!r} in Windows-1252, as Windows programs save "
            f"Swedish text ('ANSI'): {save_as}, or convert the file ({_CONVERT})"
        )
    return InputError(f"not UTF-8 (byte 0x{byte:02X})", source=source, line=line, hint=hint)
