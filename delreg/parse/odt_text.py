"""An OpenDocument text's (.odt, LibreOffice's own format) text laid out in lines as the agenda
reader reads them (delreg.parse.document_lines says how, and how a line is located).

The body (``office:text`` in ``content.xml``) is read in document order: paragraphs, headings
(with the number the heading numbering gives them, "8 Anmälan av delegationsbeslut"), lists
(each item with the number its list style shows, or "•") and tables (a cell merged down over
rows in each row it spans). A frame's text box (``draw:frame``/``draw:text-box``), or a shape's
text, is read where it is anchored, after its paragraph's text. Tracked changes keep their
deleted text apart from the body, so only what the document shows is read; notes, comments,
pictures and the table of contents are left out, and headers and footers stand in
``styles.xml``, which is read only for list and heading styles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO
from xml.etree.ElementTree import Element

from delreg.errors import InputError
from delreg.parse.document_lines import BULLET, DocumentLines, cell_text, formatted, item_marker
from delreg.parse.office_package import Package

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_FRAME = f"{{{_DRAW}}}frame"
DAMAGED_HINT = "open it in LibreOffice and save it again as .odt, or save it as PDF"
_MIMETYPES = (
    b"application/vnd.oasis.opendocument.text",
    b"application/vnd.oasis.opendocument.text-template",
)
# OpenDocument's number formats by Word's names (delreg.parse.document_lines.formatted).
_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
            "I": "upperRoman"}  # fmt: skip
# Inline elements whose text is no part of the paragraph's: a footnote or endnote, a comment,
# a frame (a picture, a text box), the marks of a tracked change, a list's cached number.
_LEFT_OUT = frozenset(
    {f"{{{_TEXT}}}note", f"{{{_OFFICE}}}annotation", f"{{{_TEXT}}}change",
     f"{{{_TEXT}}}change-start", f"{{{_TEXT}}}change-end", f"{{{_TEXT}}}number",
     f"{{{_TEXT}}}tracked-changes", f"{{{_TEXT}}}bookmark-ref"}
)  # fmt: skip


def odt_lines(stream: IO[bytes], source: str, most: int) -> DocumentLines:
    """The body of the OpenDocument text in ``stream`` in lines; its parts read within
    ``most`` bytes together."""
    with Package(stream, source=source, most=most, damaged_hint=DAMAGED_HINT) as package:
        mimetype = (package.part("mimetype") or b"").strip()
        manifest = package.part("META-INF/manifest.xml") or b""
        if b"encryption-data" in manifest:
            raise InputError(
                "is protected by a password (its content is encrypted)",
                source=source,
                hint="open it in LibreOffice, save it without the password, or save it as PDF",
            )
        if mimetype and mimetype not in _MIMETYPES:
            raise InputError(
                f"is not an OpenDocument text (it is {mimetype.decode('ascii', 'replace')})",
                source=source,
                hint="save it as PDF or text",
            )
        content = package.xml("content.xml")
        if content is None:
            raise InputError(
                "is a zip package without an OpenDocument text in it (no content.xml)",
                source=source,
                hint="is it an .odt? " + DAMAGED_HINT,
            )
        styles = package.xml("styles.xml")
    list_styles = _list_styles(content, styles)
    lines = DocumentLines()
    text = content.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    if text is not None:
        _Body(lines, list_styles).blocks(text)
    return lines


@dataclass(frozen=True, slots=True)
class _Level:
    numbered: bool
    style: str = "decimal"
    prefix: str = ""
    suffix: str = "."
    start: int = 1
    levels_shown: int = 1


# The headings' own numbering (Tools ▸ Heading Numbering: "8 Anmälan av delegationsbeslut"),
# kept among the list styles by a name no list style has.
OUTLINE = "\x00outline"
_NUMBERED_LEVELS = {
    f"{{{_TEXT}}}list-level-style-number": "1",
    f"{{{_TEXT}}}outline-level-style": "",  # a heading's level shows no number unless it says
}


def _list_styles(*roots: Element | None) -> dict[str, dict[int, _Level]]:
    """Every list style (by name) of the document: its levels, numbered or bulleted; and the
    headings' numbering (``text:outline-style``) as OUTLINE's."""
    found: dict[str, dict[int, _Level]] = {}
    for root in roots:
        for style in root.iter() if root is not None else ():
            if style.tag == f"{{{_TEXT}}}outline-style":
                name = OUTLINE
            elif style.tag == f"{{{_TEXT}}}list-style":
                name = style.get(f"{{{_STYLE}}}name", "")
            else:
                continue
            levels: dict[int, _Level] = {}
            for level in style:
                number = _int(level.get(f"{{{_TEXT}}}level"), 1)
                if level.tag in _NUMBERED_LEVELS:
                    shape = level.get(f"{{{_STYLE}}}num-format", _NUMBERED_LEVELS[level.tag])
                    levels[number] = _Level(
                        numbered=bool(shape),
                        style=_FORMATS.get(shape, "decimal"),
                        prefix=level.get(f"{{{_STYLE}}}num-prefix", ""),
                        suffix=level.get(f"{{{_STYLE}}}num-suffix", ""),
                        start=_int(level.get(f"{{{_TEXT}}}start-value"), 1),
                        levels_shown=_int(level.get(f"{{{_TEXT}}}display-levels"), 1),
                    )
                else:
                    levels[number] = _Level(numbered=False)
            found.setdefault(name, levels)
    return found


def _int(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.strip().isdigit() else default


class _Body:
    def __init__(self, lines: DocumentLines, list_styles: dict[str, dict[int, _Level]]) -> None:
        self.lines = lines
        self.list_styles = list_styles
        # The counters of each list style's levels, kept where a list goes on numbering.
        self.counters: dict[str, dict[int, int]] = {}
        # How deep in frames' text boxes the paragraphs being read stand.
        self.anchored = 0

    def blocks(self, container: Element) -> None:
        for child in container:
            tag = child.tag
            if tag == f"{{{_TEXT}}}p":
                self.lines.paragraph(inline_text(child), anchored=self.anchored > 0)
                self.text_boxes(child)
            elif tag == f"{{{_TEXT}}}h":
                self.lines.paragraph(
                    inline_text(child),
                    heading=True,
                    marker=_cached(child, heading=True) or self.outline_number(child),
                    anchored=self.anchored > 0,
                )
                self.text_boxes(child)
            elif tag == f"{{{_TEXT}}}list":
                self.items(child, style=None, depth=1)
            elif tag == f"{{{_TABLE}}}table":
                self.lines.table(self.rows(child), anchored=self.anchored > 0)
            elif tag == f"{{{_TEXT}}}section":
                self.blocks(child)
            elif tag == _FRAME:  # a frame anchored to the page
                self.text_boxes([child])

    def outline_number(self, heading: Element) -> str:
        """The number the headings' numbering gives a heading outside lists ("8"), empty
        where it numbers none."""
        levels = self.list_styles.get(OUTLINE)
        if not levels or heading.get(f"{{{_TEXT}}}is-list-header") == "true":
            return ""
        depth = _int(heading.get(f"{{{_TEXT}}}outline-level"), 1)
        counters = self.counters.setdefault(OUTLINE, {})
        if heading.get(f"{{{_TEXT}}}restart-numbering") != "true":
            heading = Element("h")  # a start value counts only where numbering restarts
        shown = self.number(heading, levels, counters, depth)
        return "" if shown == BULLET else shown

    def text_boxes(self, anchored: Iterable[Element]) -> None:
        """The text boxes of the frames anchored in a paragraph (its children), read where
        they stand: located by the paragraph, as Word's are."""
        for box in _text_boxes(anchored):
            self.anchored += 1
            self.blocks(box)
            self.anchored -= 1

    def items(self, listed: Element, *, style: str | None, depth: int) -> None:
        style = listed.get(f"{{{_TEXT}}}style-name") or style or ""
        levels = self.list_styles.get(style, {})
        counters = self.counters.setdefault(style, {})
        continues = listed.get(f"{{{_TEXT}}}continue-numbering") == "true" or listed.get(
            f"{{{_TEXT}}}continue-list"
        )
        if depth == 1 and not continues:
            counters.clear()
        for item in listed:
            header = item.tag == f"{{{_TEXT}}}list-header"
            if item.tag != f"{{{_TEXT}}}list-item" and not header:
                continue
            marker = "" if header else self.number(item, levels, counters, depth)
            for child in item:
                if child.tag == f"{{{_TEXT}}}list":
                    self.items(child, style=style, depth=depth + 1)
                elif child.tag in (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"):
                    heading = child.tag == f"{{{_TEXT}}}h"
                    # A heading's number as the list shows it ("8"), which the agenda reader
                    # reads as an agenda's number (a bullet before a heading is none); an
                    # item's as an item marker.
                    shown = ("" if marker == BULLET else marker) if heading else item_marker(marker)
                    self.lines.paragraph(
                        inline_text(child),
                        marker=_cached(child, heading=heading) or shown,
                        depth=depth - 1,
                        heading=heading,
                        anchored=self.anchored > 0,
                    )
                    marker = ""  # an item's later paragraphs go on with it
                    self.text_boxes(child)
                elif child.tag == f"{{{_TABLE}}}table":
                    self.lines.table(self.rows(child), anchored=self.anchored > 0)

    def number(
        self, item: Element, levels: dict[int, _Level], counters: dict[int, int], depth: int
    ) -> str:
        level = levels.get(depth, _Level(numbered=False))
        if not level.numbered:
            return BULLET
        restart = item.get(f"{{{_TEXT}}}start-value")
        counters[depth] = (
            _int(restart, 1) if restart is not None else counters.get(depth, level.start - 1) + 1
        )
        for deeper in [other for other in counters if other > depth]:
            del counters[deeper]
        shown = [
            formatted(
                counters.get(at, levels.get(at, level).start),
                levels.get(at, level).style,
            )
            for at in range(depth - level.levels_shown + 1, depth + 1)
        ]
        return (level.prefix + ".".join(shown) + level.suffix).strip()

    def rows(self, table: Element) -> list[list[str]]:
        rows: list[list[str]] = []
        # Each column's text in the row above and how many columns its cell spans, for a
        # cell merged down from it (its covered cells below).
        above: dict[int, tuple[str, int]] = {}
        for row in _table_rows(table):
            cells: list[str] = []
            shown: dict[int, tuple[str, int]] = {}
            column = spanned = 0
            for cell in row:
                if cell.tag == f"{{{_TABLE}}}covered-table-cell":
                    if spanned > 0:
                        spanned -= 1  # the rest of a cell merged across: no cell of its own
                    else:
                        # The lower part of a cell merged down: the text of the part above.
                        text, columns = above.get(column, ("", 1))
                        cells.append(self.lines.merged_down(text))
                        shown[column] = (text, columns)
                        spanned = columns - 1
                    column += 1
                elif cell.tag == f"{{{_TABLE}}}table-cell":
                    columns = max(1, _int(cell.get(f"{{{_TABLE}}}number-columns-spanned"), 1))
                    text = cell_text(self.cell_pieces(cell))
                    cells.append(text)
                    shown[column] = (text, columns)
                    spanned = columns - 1
                    # Empty cells written once for several columns (LibreOffice's way).
                    column += _int(cell.get(f"{{{_TABLE}}}number-columns-repeated"), 1)
            above = shown
            rows.append(cells)
        return rows

    def cell_pieces(self, container: Element) -> list[str]:
        pieces: list[str] = []
        for child in container:
            if child.tag in (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"):
                pieces.append(inline_text(child))
                for box in _text_boxes(list(child)):
                    pieces.extend(self.cell_pieces(box))
            elif child.tag == f"{{{_TABLE}}}table":
                pieces.extend(" ".join(row) for row in self.rows(child))
            elif child.tag in (f"{{{_TEXT}}}list", f"{{{_TEXT}}}list-item", f"{{{_TEXT}}}section"):
                pieces.extend(self.cell_pieces(child))
        return pieces


def _text_boxes(elements: Iterable[Element]) -> list[Element]:
    """The drawings among ``elements`` (and inside them) that hold text, in order: a frame's
    text box, and a shape with text of its own (LibreOffice writes a Word text box as a
    ``draw:custom-shape`` holding its paragraphs). A box inside a box is the outer box's to
    read; a note's or a comment's no one's."""
    found: list[Element] = []
    for element in elements:
        if element.tag.startswith(_DRAW_PREFIX) and any(
            child.tag in _BLOCK_TAGS for child in element
        ):
            found.append(element)
        elif element.tag not in (f"{{{_TEXT}}}note", f"{{{_OFFICE}}}annotation"):
            found.extend(_text_boxes(element))
    return found


_DRAW_PREFIX = f"{{{_DRAW}}}"
_BLOCK_TAGS = frozenset(
    {f"{{{_TEXT}}}p", f"{{{_TEXT}}}h", f"{{{_TEXT}}}list", f"{{{_TABLE}}}table",
     f"{{{_TEXT}}}section"}
)  # fmt: skip


def _table_rows(table: Element) -> list[Element]:
    rows: list[Element] = []
    for child in table:
        if child.tag == f"{{{_TABLE}}}table-row":
            rows.append(child)
        elif child.tag in (
            f"{{{_TABLE}}}table-header-rows",
            f"{{{_TABLE}}}table-rows",
            f"{{{_TABLE}}}table-row-group",
        ):
            rows.extend(_table_rows(child))
    return rows


def _cached(paragraph: Element, *, heading: bool = False) -> str:
    """The number a writer stored with a numbered heading or item (``text:number``): a
    heading's as it is ("§ 8"), an item's as an item's marker."""
    number = paragraph.find(f"{{{_TEXT}}}number")
    if number is None:
        return ""
    shown = inline_text(number).strip()
    return shown if heading else item_marker(shown)


def inline_text(element: Element) -> str:
    """The text of a paragraph as it shows, line breaks as "\\n" and tabs as "\\t"."""
    pieces: list[str] = []
    _inline(element, pieces)
    return "".join(pieces)


# OpenDocument's text collapses white space as HTML's does (ODF 1.3, 6.1.2): a run of spaces,
# tabs and line ends is one space; a space more, a tab and a line break are elements.
_WHITE = re.compile(r"[ \t\r\n]+")


def _inline(element: Element, pieces: list[str]) -> None:
    pieces.append(_WHITE.sub(" ", element.text or ""))
    for child in element:
        tag = child.tag
        if tag == f"{{{_TEXT}}}s":
            pieces.append(" " * min(_int(child.get(f"{{{_TEXT}}}c"), 1), 1000))
        elif tag == f"{{{_TEXT}}}tab":
            pieces.append("\t")
        elif tag == f"{{{_TEXT}}}line-break":
            pieces.append("\n")
        elif tag.startswith(f"{{{_TEXT}}}") and tag not in _LEFT_OUT:
            _inline(child, pieces)  # a span, a link, a field's shown value …
        pieces.append(_WHITE.sub(" ", child.tail or ""))
