"""A word processor's document as a zip package (Word's .docx, OpenDocument's .odt): what kind
of package an input is from its first bytes, and its XML parts read within bounds and safely.

A package is untrusted input twice over. Its zip may unpack to far more than it weighs (a "zip
bomb"): a part is read only as far as ``[limits] document_bytes`` allows all the parts read
together, going by the sizes the zip declares, which Python's zipfile holds every part to (it
stops at the declared size and then fails the part's checksum). Its XML may declare entities
(the "billion laughs", or an external entity that names a file on the reader's disk): no
Office program writes a document type declaration into a package, so a part with one is refused
before any entity is defined, and external entities are never fetched. The XML is read by the
standard library's expat, building an ElementTree: no other dependency.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from delreg.errors import InputError

# Detection reads this module at start-up (the readers' ``recognises``): zipfile, zlib and the
# XML parser are imported where a package is read.
if TYPE_CHECKING:
    import zipfile
    from xml.etree.ElementTree import Element

ZIP_START = b"PK\x03\x04"
# An OLE compound file: an old .doc or .xls, or an Office document encrypted with a password
# (Word stores a protected .docx as an OLE file holding the encrypted package).
OLE_START = b"\xd0\xcf\x11\xe0"

# What names a package's kind: an OpenDocument's ``mimetype`` entry, or the main part's content
# type in an Office Open XML package's ``[Content_Types].xml``, or the folder its parts are in.
_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text-master": "odm",
    b"application/vnd.oasis.opendocument.text-template": "odt",
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
    b"application/vnd.oasis.opendocument.graphics": "odg",
}
_CONTENT_TYPES = {
    b"wordprocessingml.document.main+xml": "docx",
    b"ms-word.document.macroEnabled.main+xml": "docx",
    b"wordprocessingml.template.main+xml": "docx",
    b"spreadsheetml.sheet.main+xml": "xlsx",
    b"ms-excel.sheet.macroEnabled.main+xml": "xlsx",
    b"presentationml.presentation.main+xml": "pptx",
    b"ms-powerpoint.presentation.macroEnabled.main+xml": "pptx",
}
_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
_LOCAL_HEADER = struct.Struct("<4s2xHH8xII2H")
_STORED, _DEFLATED = 0, 8  # zip's compression methods


def package_kind(head: bytes) -> str | None:
    """The kind of Office or OpenDocument package a zip is ("docx", "odt", "xlsx", "pptx",
    "ods" …) from its first bytes, or None where they do not tell.

    The entries at the start of the zip are walked: an OpenDocument's first entry is its
    ``mimetype``, stored as it is; Word and python-docx write ``[Content_Types].xml`` first
    (compressed, but small: its start unpacks from the first bytes), LibreOffice a part in
    ``word/`` after a few small ones, each told its size only after its data (where its
    compressed data ends is found by unpacking it).
    """
    offset = 0
    while head.startswith(ZIP_START, offset) and offset + _LOCAL_HEADER.size <= len(head):
        _, flags, method, compressed, _size, name_length, extra_length = _LOCAL_HEADER.unpack_from(
            head, offset
        )
        name_at = offset + _LOCAL_HEADER.size
        name = head[name_at : name_at + name_length].decode("cp437")
        data_at = name_at + name_length + extra_length
        told_after = bool(flags & 0x08)
        data = head[data_at:] if told_after else head[data_at : data_at + compressed]
        if name == "mimetype" and method == _STORED:
            for mimetype, kind in _MIMETYPES.items():
                if data.startswith(mimetype):
                    return kind
        unpacked, length = _inflated(data) if method == _DEFLATED else (data, len(data))
        if name == "[Content_Types].xml":
            for content_type, kind in _CONTENT_TYPES.items():
                if content_type in unpacked:
                    return kind
        for folder, kind in _FOLDERS.items():
            if name.startswith(folder):
                return kind
        if not told_after:
            offset = data_at + compressed
        elif method == _DEFLATED and length >= 0:
            offset = data_at + length
            # The data descriptor: its signature (optional), the checksum and the two sizes.
            offset += 16 if head.startswith(b"PK\x07\x08", offset) else 12
        else:
            return None  # where the next entry starts cannot be told
    return None


def _inflated(data: bytes) -> tuple[bytes, int]:
    """The start of a compressed entry unpacked, and the length of its compressed data (-1
    where it goes on past ``data``)."""
    import zlib

    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        unpacked = inflater.decompress(data, 1 << 16)
    except zlib.error:
        return b"", -1
    if not inflater.eof:
        return unpacked, -1
    return unpacked, len(data) - len(inflater.unused_data)


class Package:
    """An open zip package whose parts are read within ``most`` bytes in all."""

    def __init__(self, stream: IO[bytes], *, source: str, most: int, damaged_hint: str) -> None:
        import zipfile

        self.source = source
        self.left = most
        self.most = most
        self.damaged_hint = damaged_hint
        try:
            self.archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise InputError(
                "is not a readable zip package (it is damaged or cut short)",
                source=source,
                hint=damaged_hint,
            ) from None

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()

    def has(self, name: str) -> bool:
        return self._info(name) is not None

    def _info(self, name: str) -> zipfile.ZipInfo | None:
        try:
            return self.archive.getinfo(name)
        except KeyError:
            return None

    def part(self, name: str) -> bytes | None:
        """The bytes of the part ``name``, None where there is none."""
        # One piece, one byte larger than what is left: a part past the bound is told so.
        pieces = self.pieces(name, self.left + 1)
        return None if pieces is None else b"".join(pieces)

    def pieces(self, name: str, size: int = 1 << 16) -> Iterator[bytes] | None:
        """The part ``name`` in pieces of at most ``size`` bytes, within the same bound as
        ``part`` (a spreadsheet's content is read as it unpacks, not held whole); None where
        there is none."""
        info = self._info(name)
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise InputError(
                f"is protected by a password (its part {name} is encrypted)",
                source=self.source,
                hint="remove the password and save it again, or save it as PDF",
            )
        if info.file_size > self.left:
            raise self._too_large()
        return self._pieces(info, name, size)

    def _pieces(self, info: zipfile.ZipInfo, name: str, size: int) -> Iterator[bytes]:
        import zipfile
        import zlib

        try:
            with self.archive.open(info) as part:
                while piece := part.read(size):
                    if len(piece) > self.left:
                        raise self._too_large()
                    self.left -= len(piece)
                    yield piece
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError) as error:
            raise InputError(
                f"has a damaged part {name} ({error})", source=self.source, hint=self.damaged_hint
            ) from None

    def _too_large(self) -> InputError:
        return InputError(
            f"unpacks to more than {self.most:,} bytes".replace(",", " "),
            source=self.source,
            hint="is it a real document? if it is, raise [limits] document_bytes in the "
            "configuration",
        )

    def xml(self, name: str) -> Element | None:
        """The part ``name`` read as XML (see parse_xml), None where there is none."""
        data = self.part(name)
        return None if data is None else parse_xml(data, source=f"{self.source} ({name})")


class _Forbidden(Exception):
    pass


def parse_xml(data: bytes, *, source: str) -> Element:
    """The XML ``data`` as an ElementTree element, tags as ``{namespace}name``.

    A document type declaration is refused where it starts, so no entity (internal or external)
    is ever defined, let alone expanded or fetched.
    """
    from xml.etree.ElementTree import TreeBuilder
    from xml.parsers import expat

    builder = TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def forbid(*args: object) -> None:
        raise _Forbidden

    def start(tag: str, attributes: dict[str, str]) -> None:
        builder.start(_clark(tag), {_clark(key): value for key, value in attributes.items()})

    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid  # type: ignore[assignment]
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_clark(tag))
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except _Forbidden:
        raise InputError(
            "declares XML entities (a document type declaration), which no word processor "
            "writes: it is not read",
            source=source,
            hint="open it in the word processor and save it again, or save it as PDF",
        ) from None
    except expat.ExpatError as error:
        raise InputError(
            f"is not well-formed XML ({expat.ErrorString(error.code)}, line {error.lineno})",
            source=source,
            hint="open it in the word processor and save it again, or save it as PDF",
        ) from None
    return builder.close()


def _clark(name: str) -> str:
    # expat gives "namespace}local"; ElementTree writes "{namespace}local".
    return "{" + name if "}" in name else name
