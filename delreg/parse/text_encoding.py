"""Which encoding a text document is in, and one message for every reader of text whose bytes
do not follow it.

delreg reads UTF-8, with or without the byte-order mark Excel writes, and UTF-16 where the
document starts with its byte-order mark (Excel's "Unicode text", Notepad's "Unicode"): the
mark declares it. Any other encoding is read where the user names it (`delreg import
--encoding windows-1252`, what Swedish Excel saves as "CSV (semikolonavgränsad)"), and never
guessed: a wrong guess turns "ö" into something else without a word, and a register is a
public record. A byte the encoding cannot read stops the read with its line; where it is not
UTF-8, the hint says what the bytes most likely are (Windows-1252) and how to read them. Pure.
"""

from __future__ import annotations

import codecs

from delreg.errors import InputError

# Bytes that are "Å Ä Ö å ä ö é" in Windows-1252: what Notepad saves as "ANSI" and Excel as
# "CSV (semikolonavgränsad)".
CP1252_LETTERS = frozenset({0xC5, 0xC4, 0xD6, 0xE5, 0xE4, 0xF6, 0xE9})
# The byte-order marks of UTF-16, little-endian (what Windows writes) and big-endian.
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
UTF8_MARK = b"\xef\xbb\xbf"
# Where a user gives `--encoding`.
GIVEN = "--encoding"


def codec_name(name: str) -> str | None:
    """Python's name for the text encoding ``name`` ("windows-1252" → "cp1252"), or None where
    it knows no such encoding or it is no text encoding ("base64" turns bytes into bytes)."""
    try:
        # Bytes to decode: Python answers "" for none without looking the name up.
        b"a".decode(name, errors="replace")
    except LookupError:
        return None
    return codecs.lookup(name).name


def document_encoding(head: bytes, given: str | None, *, source: str) -> str | None:
    """The encoding to read a text document in where something declares one: its byte-order
    mark, else the encoding the user gave (``given``, `--encoding`); None where neither does.

    A mark outweighs what is given, as it is part of the bytes; a mark of another encoding than
    the one given is refused rather than read either way, since one of the two is wrong."""
    marked = None
    if head.startswith(UTF8_MARK):
        marked = "utf-8"
    elif head.startswith(UTF16_MARKS):
        marked = "utf-16"
    if given is not None:
        family = _family(given)
        if marked is not None and family != marked:
            raise InputError(
                f"starts with the byte-order mark of {marked.upper()}, not {given}",
                source=source,
                line=1,
                hint=f"leave out {GIVEN}: the mark says the file is {marked.upper()}",
            )
        if marked is None:
            return "utf-8-sig" if family == "utf-8" else given
    # Python's "utf-16" reads the mark, tells the byte order from it and drops it.
    return None if marked is None else "utf-8-sig" if marked == "utf-8" else "utf-16"


def _family(encoding: str) -> str:
    name = codec_name(encoding) or encoding
    return "utf-8" if name.startswith("utf-8") else "utf-16" if name.startswith("utf-16") else name


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
    error: UnicodeDecodeError,
    *,
    source: str,
    lines_before: int,
    save_as: str,
    encoding: str | None = None,
    declared_by: str = GIVEN,
) -> InputError:
    """The error for bytes a document's encoding cannot read: ``not_utf16`` where it is marked
    UTF-16, ``not_utf8`` where it is read as UTF-8, else ``not_declared``. ``encoding`` is the
    name it was read by, where it is not UTF (the decoder calls Windows-1252 "charmap"), and
    ``declared_by`` who named it."""
    family = _family(error.encoding)
    if family == "utf-16":
        return not_utf16(error, source=source, lines_before=lines_before)
    if family == "utf-8":
        return not_utf8(error, source=source, lines_before=lines_before, save_as=save_as)
    return not_declared(
        error,
        source=source,
        lines_before=lines_before,
        encoding=encoding or error.encoding,
        declared_by=declared_by,
    )


def not_declared(
    error: UnicodeDecodeError, *, source: str, lines_before: int, encoding: str, declared_by: str
) -> InputError:
    """The error for a byte that the encoding ``declared_by`` named (`--encoding`, a web page's
    character set) does not define, with its line: ``lines_before`` as for ``not_utf8``."""
    line = lines_before + 1 + error.object.count(b"\n", 0, error.start)
    byte = error.object[error.start]
    if declared_by == GIVEN:
        hint = (
            f"the file is not in {encoding}: give the encoding it was saved in, "
            f"or leave out {GIVEN}"
        )
    else:
        hint = (
            f"{declared_by} declares a character set its bytes do not follow: "
            f"read it with {GIVEN}, or save it as UTF-8"
        )
    return InputError(f"not {encoding} (byte 0x{byte:02X})", source=source, line=line, hint=hint)


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
    hint = f"name its encoding with {GIVEN} (windows-1252, iso-8859-1 …), or {save_as}"
    if byte in CP1252_LETTERS:
        letter = bytes([byte]).decode("cp1252")
        hint = (
            f"byte 0x{byte:02X} is {letter!r} in Windows-1252, as Windows programs save "
            f"Swedish text ('ANSI'): import it with {GIVEN} windows-1252, or {save_as}"
        )
    return InputError(f"not UTF-8 (byte 0x{byte:02X})", source=source, line=line, hint=hint)
