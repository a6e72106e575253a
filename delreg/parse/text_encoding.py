"""Which encoding a text document is in, and one message for every reader of text whose bytes
do not follow it.

delreg reads UTF-8, with or without the byte-order mark Excel writes, and UTF-16 where the
document starts with its byte-order mark (Excel's "Unicode text", Notepad's "Unicode"): the
mark declares it. It guesses no other encoding: a wrong guess turns "ö" into something else
without a word, and a register is a public record. A byte that is not UTF-8 stops the read with
its line and a hint that says what the bytes most likely are (Windows-1252) and how to convert
them. Pure.
"""

from __future__ import annotations

from delreg.errors import InputError

# Bytes that are "Å Ä Ö å ä ö é" in Windows-1252: what Notepad saves as "ANSI" and Excel as
# "CSV (semikolonavgränsad)".
CP1252_LETTERS = frozenset({0xC5, 0xC4, 0xD6, 0xE5, 0xE4, 0xF6, 0xE9})
_CONVERT = "iconv -f WINDOWS-1252 -t UTF-8 FILE"
# The byte-order marks of UTF-16, little-endian (what Windows writes) and big-endian.
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def marked_encoding(head: bytes) -> str:
    """The encoding a text document's first bytes declare: UTF-16 after its byte-order mark
    (Python's "utf-16" reads the mark, tells the byte order from it and drops it), else UTF-8
    (with the mark Excel writes dropped where it stands)."""
    return "utf-16" if head.startswith(UTF16_MARKS) else "utf-8-sig"


def head_text(head: bytes) -> str:
    """The first bytes of a document as text, as far as they decode, for telling its kind."""
    encoding = marked_encoding(head)
    # A head cut mid-character ends in a piece the decoder leaves out.
    return head.decode(encoding, errors="ignore").lstrip("\ufeff")


def undecodable(
    error: UnicodeDecodeError, *, source: str, lines_before: int, save_as: str
) -> InputError:
    """The error for bytes a document's encoding cannot read: ``not_utf16`` where it is marked
    UTF-16, else ``not_utf8``."""
    if error.encoding.startswith("utf-16"):
        return not_utf16(error, source=source, lines_before=lines_before)
    return not_utf8(error, source=source, lines_before=lines_before, save_as=save_as)


def not_utf16(error: UnicodeDecodeError, *, source: str, lines_before: int) -> InputError:
    """The error for bytes of a document marked UTF-16 that are no UTF-16 (half a character at
    its end, half a surrogate pair), with the line they stand on: ``lines_before`` as for
    ``not_utf8``."""
    # The decoder names the byte order its mark declared ("utf-16-le"), by which a line break
    # is two bytes.
    before = error.object[: error.start].decode(error.encoding, errors="replace")
    line = lines_before + 1 + before.count("\n")
    return InputError(
        "not UTF-16, though it starts as UTF-16 (a broken character)",
        source=source,
        line=line,
        hint="save it again from the program that made it, or as UTF-8",
    )


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
    if byte in CP1252_LETTERS:
        letter = bytes([byte]).decode("cp1252")
        hint = (
            f"byte 0x{byte:02X} is {letter!r} in Windows-1252, as Windows programs save "
            f"Swedish text ('ANSI'): {save_as}, or convert the file ({_CONVERT})"
        )
    return InputError(f"not UTF-8 (byte 0x{byte:02X})", source=source, line=line, hint=hint)
