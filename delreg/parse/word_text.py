"""A Word document's (.docx) text laid out in lines as the agenda reader reads them
(delreg.parse.document_lines says how, and how a line is located).

The body is read in document order, paragraphs and tables as they come. What Word shows is
read, as Word shows it: inserted text of tracked changes and not the deleted; text in content
controls (not the prompt one shows while empty), hyperlinks and fields' results, not their
codes; a numbered paragraph's number as Word computes it from ``numbering.xml`` (whether the
paragraph or its style asks for it), a bullet as "•"; a table's cell merged down over rows
in each row it spans. A text box's text is read where it is anchored, after its paragraph's,
once (Word writes it twice: as a drawing, and again as VML for older programs). Headers, footers,
footnotes, comments and pictures are not part of the body and are left out, as hidden text is.
A part the document imports where it stands (``w:altChunk``: a web page, another Word
document) is read there (delreg.parse.word_chunks).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import Element

from delreg.errors import InputError
from delreg.parse.document_lines import BULLET, DocumentLines, cell_text, formatted, item_marker
from delreg.parse.office_package import Package

# Word's namespace, and the one of documents saved as "Strict Open XML".
_WORD = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    }
)
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Markup compatibility: ``mc:AlternateContent`` holds one thing written twice, a ``mc:Choice``
# for programs that know the newer markup and a ``mc:Fallback`` for those that do not.
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ALTERNATE, _CHOICE = f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice"
DAMAGED_HINT = "open it in Word and save it again as .docx, or save it as PDF"

# Elements whose content is read as if it stood in their place: tracked insertions and moves
# to, content controls, hyperlinks, smart tags, simple fields (their result), custom XML.
_TRANSPARENT = frozenset(
    {"ins", "moveTo", "hyperlink", "smartTag", "customXml", "sdtContent", "fldSimple", "dir",
     "bdo"}
)  # fmt: skip
_OFF = frozenset({"0", "false", "off"})


def word_lines(stream: IO[bytes], source: str, most: int) -> DocumentLines:
    """The body of the Word document in ``stream`` in lines; its parts read within ``most``
    bytes together."""
    return _word_lines(stream, source, most, nested=0)[0]


def _word_lines(
    stream: IO[bytes], source: str, most: int, *, nested: int
) -> tuple[DocumentLines, int]:
    """The body in lines, and how many of the ``most`` bytes its parts took."""
    with Package(stream, source=source, most=most, damaged_hint=DAMAGED_HINT) as package:
        main = _main_part(package)
        document = package.xml(main)
        if document is None:
            raise InputError(
                f"is a zip package without a Word document in it (no {main})",
                source=source,
                hint="is it a Word document? " + DAMAGED_HINT,
            )
        related, by_id = _related(package, main)
        styles = _Styles(package.xml(related.get("styles", "word/styles.xml")))
        numbering = _Numbering(package.xml(related.get("numbering", "word/numbering.xml")))
        body = next((child for child in document if _tag(child) == "body"), None)
        lines = DocumentLines()
        if body is not None:
            # Read while the package is open: a part it imports (w:altChunk) is read in place.
            chunks = _Chunks(package, by_id, nested)
            _Body(lines, styles, numbering, chunks).blocks(body)
        return lines, package.most - package.left


class _Chunks:
    """The parts the document imports where they stand (``w:altChunk``), read as they come
    (delreg.parse.word_chunks)."""

    def __init__(self, package: Package, parts: dict[str, str], nested: int) -> None:
        self.package = package
        self.parts = parts
        self.nested = nested

    def lines(self, chunk: Element, unread: list[str]) -> list[str]:
        """The imported part's lines; none where it is not read, which ``unread`` is told."""
        from delreg.parse.word_chunks import MOST_NESTED, chunk_kind, chunk_lines

        name = self.parts.get(_value(chunk, "id") or "")
        data = None if name is None else self.package.part(name)
        if name is None or data is None:
            unread.append("a part it imports (altChunk) is missing from the package: not read")
            return []
        kind = chunk_kind(name, data)

        def word(document: bytes) -> list[str]:
            laid_out, used = _word_lines(
                io.BytesIO(document),
                f"{self.package.source} ({name})",
                self.package.left,
                nested=self.nested + 1,
            )
            self.package.left -= used
            unread.extend(laid_out.unread)
            return laid_out.lines

        read = chunk_lines(kind, data, word=word if self.nested < MOST_NESTED else None)
        if read is None:
            unread.append(
                f"the part {name} it imports where it stands (altChunk, {kind}) is not read: "
                "open the document in Word and save it, which makes it the document's own text"
            )
            return []
        return read


def _tag(element: Element) -> str:
    """Word's own elements by their local name ("p", "tbl"); any other namespace's whole."""
    namespace, _, local = element.tag[1:].partition("}")
    return local if namespace in _WORD else element.tag


def _value(element: Element | None, name: str = "val") -> str | None:
    if element is None:
        return None
    for key, value in element.attrib.items():
        if key.rpartition("}")[2] == name:
            return value
    return None


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((child for child in element if _tag(child) == name), None)


def _content(control: Element) -> Element:
    """What a content control (``w:sdt``) holds."""
    content = _child(control, "sdtContent")
    return content if content is not None else Element("none")


def _placeholder(control: Element) -> bool:
    """Whether a content control shows its placeholder ("Klicka eller tryck här för att ange
    text.", ``w:showingPlcHdr``): a prompt of the template's, not the document's text."""
    return _on(_child(_child(control, "sdtPr"), "showingPlcHdr"))


def _on(element: Element | None) -> bool:
    """A toggle property (``<w:vanish/>``, ``<w:vanish w:val="0"/>``) that is set."""
    return element is not None and (_value(element) or "1") not in _OFF


def _main_part(package: Package) -> str:
    """The document part the package's relationships name ("word/document.xml" as Word
    writes it)."""
    relations = package.xml("_rels/.rels")
    for relation in relations if relations is not None else ():
        if (_value(relation, "Type") or "").endswith("/officeDocument"):
            return (_value(relation, "Target") or "").lstrip("/") or "word/document.xml"
    return "word/document.xml"


def _related(package: Package, main: str) -> tuple[dict[str, str], dict[str, str]]:
    """The parts the document part relates to, by the last word of their type ("styles",
    "numbering"), and by the relationship's id (as ``w:altChunk`` names its part)."""
    folder, _, name = main.rpartition("/")
    relations = package.xml(f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels")
    found: dict[str, str] = {}
    by_id: dict[str, str] = {}
    for relation in relations if relations is not None else ():
        kind = (_value(relation, "Type") or "").rpartition("/")[2]
        target = _value(relation, "Target") or ""
        if kind and target and _value(relation, "TargetMode") != "External":
            part = (
                target.lstrip("/") if target.startswith("/") or not folder else f"{folder}/{target}"
            )
            found[kind] = part
            by_id[_value(relation, "Id") or ""] = part
    return found, by_id


@dataclass(slots=True)
class _Style:
    identifier: str
    name: str
    based_on: str | None
    numbering: tuple[str | None, int | None]
    outline: int | None


class _Styles:
    """The paragraph styles: each one's name, and its numbering and outline level as it
    inherits them."""

    def __init__(self, root: Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        for element in root if root is not None else ():
            if _tag(element) != "style" or _value(element, "type") not in (None, "paragraph"):
                continue
            identifier = _value(element, "styleId") or ""
            properties = _child(element, "pPr")
            numbered = _child(properties, "numPr")
            level = _value(_child(numbered, "ilvl"))
            outline = _value(_child(properties, "outlineLvl"))
            self.styles[identifier] = _Style(
                identifier=identifier,
                name=f"{identifier} {_value(_child(element, 'name')) or ''}".lower(),
                based_on=_value(_child(element, "basedOn")),
                numbering=(
                    _value(_child(numbered, "numId")),
                    int(level) if level and level.isdigit() else None,
                ),
                outline=int(outline) if outline and outline.isdigit() else None,
            )
            if (_value(element, "default") or "0") not in _OFF and self.default is None:
                self.default = identifier

    def chain(self, identifier: str | None) -> list[_Style]:
        """The style and those it is based on, nearest first (a loop is cut)."""
        found: list[_Style] = []
        while identifier is not None and identifier in self.styles and len(found) < 20:
            style = self.styles[identifier]
            if style in found:
                break
            found.append(style)
            identifier = style.based_on
        return found


@dataclass(slots=True)
class _Level:
    start: int = 1
    style: str = "decimal"
    text: str = "%1."
    # After which level (1-based) this one starts again; None: after any level above it,
    # 0: never (Word's ``w:lvlRestart``).
    restart: int | None = None
    legal: bool = False  # ``w:isLgl``: every level's number shown as a decimal
    paragraph_style: str | None = None  # the style that takes this level (``w:pStyle``)


@dataclass(slots=True)
class _Abstract:
    levels: dict[int, _Level]
    # A list style's definition names it (``w:styleLink``); a list that only uses the list
    # style names it too (``w:numStyleLink``) and has no levels of its own.
    defines: str | None = None
    uses: str | None = None


@dataclass(slots=True)
class _List:
    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)
    restarts: dict[int, int] = field(default_factory=dict)


class _Numbering:
    """numbering.xml: each list (``w:num``) and the levels of its abstract numbering, and the
    counters Word keeps as it numbers the paragraphs in order."""

    def __init__(self, root: Element | None) -> None:
        self.abstracts: dict[str, _Abstract] = {}
        self.lists: dict[str, _List] = {}
        for element in root if root is not None else ():
            if _tag(element) == "abstractNum":
                self.abstracts[_value(element, "abstractNumId") or ""] = _Abstract(
                    _levels(element),
                    defines=_value(_child(element, "styleLink")),
                    uses=_value(_child(element, "numStyleLink")),
                )
            elif _tag(element) == "num":
                listed = _List(_value(_child(element, "abstractNumId")) or "")
                for override in element:
                    if _tag(override) != "lvlOverride":
                        continue
                    level = _int(_value(override, "ilvl"), 0)
                    start = _value(_child(override, "startOverride"))
                    if start is not None:
                        listed.restarts[level] = _int(start, 1)
                    replaced = _child(override, "lvl")
                    if replaced is not None:
                        listed.levels[level] = _level(replaced)
                self.lists[_value(element, "numId") or ""] = listed
        # By abstract numbering: lists that share one go on counting (Word's way), unless a
        # list restarts a level the first time it is used.
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()

    def _abstract(self, identifier: str) -> str:
        """The abstract numbering that holds the levels: a list that uses a list style
        (``w:numStyleLink``) numbers by the style's definition (``w:styleLink``)."""
        abstract = self.abstracts.get(identifier)
        if abstract is None or abstract.uses is None:
            return identifier
        for other, defining in self.abstracts.items():
            if defining.defines == abstract.uses and defining.uses is None:
                return other
        return identifier

    def _levels(self, listed: _List) -> tuple[str, dict[int, _Level]]:
        abstract = self._abstract(listed.abstract)
        found = self.abstracts.get(abstract)
        return abstract, {**(found.levels if found else {}), **listed.levels}

    def level_of_style(self, list_id: str, style: str) -> int | None:
        """The level of list ``list_id`` that a paragraph style takes (Word's numbered
        headings: "Heading 2" the second level), None where no level names it."""
        listed = self.lists.get(list_id)
        if listed is None:
            return None
        _, levels = self._levels(listed)
        return next((at for at, level in levels.items() if level.paragraph_style == style), None)

    def shown(self, list_id: str, level: int) -> str | None:
        """The number (or bullet) Word shows for the next paragraph of list ``list_id`` at
        ``level``; None where the list numbers nothing."""
        listed = self.lists.get(list_id)
        if listed is None:
            return None
        abstract, levels = self._levels(listed)
        this = levels.get(level)
        if this is None:
            return None
        counters = self.counters.setdefault(abstract, {})
        if list_id not in self.used:
            self.used.add(list_id)
            for restarted, start in listed.restarts.items():
                counters[restarted] = start - 1
        counters[level] = counters.get(level, this.start - 1) + 1
        for deeper in [other for other in counters if other > level]:
            restart = levels.get(deeper, _Level()).restart
            # Word starts a level again after any level above it is used, unless it says
            # after which (``w:lvlRestart``): 0 never, N after level N or one above it.
            if restart is None or level < restart:
                del counters[deeper]
        if this.style == "bullet":
            return BULLET
        if this.style == "none":
            return ""

        def number(found: re.Match[str]) -> str:
            at = int(found.group(1)) - 1
            shown_level = levels.get(at, _Level())
            value = counters.get(at, shown_level.start)
            return formatted(value, "decimal" if this.legal else shown_level.style)

        return _PLACEHOLDER.sub(number, this.text)


_PLACEHOLDER = re.compile(r"%([1-9])")


def _levels(abstract: Element) -> dict[int, _Level]:
    return {
        _int(_value(level, "ilvl"), 0): _level(level) for level in abstract if _tag(level) == "lvl"
    }


def _level(element: Element) -> _Level:
    restart = _value(_child(element, "lvlRestart"))
    return _Level(
        start=_int(_value(_child(element, "start")), 1),
        style=_value(_child(element, "numFmt")) or "decimal",
        text=_value(_child(element, "lvlText")) or "",
        restart=None if restart is None else _int(restart, 0),
        legal=_on(_child(element, "isLgl")),
        paragraph_style=_value(_child(element, "pStyle")),
    )


def _int(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.strip().lstrip("-").isdigit() else default


# Styles that make a paragraph a list item where no numbering is found for them (Word's
# built-in names and the Swedish Word's): a counted number, or a bullet.
_NUMBERED_STYLES = re.compile(r"\b(?:list ?number|numrerad ?lista)")
_BULLETED_STYLES = re.compile(r"\b(?:list ?bullet|punktlista|list ?paragraph|liststycke)")
# A table of contents that is only a field (older Word) is known by its paragraphs' styles.
_CONTENTS_STYLES = re.compile(r"\b(?:toc ?\d|innehåll ?\d|innehallsforteckning ?\d)")
_HEADING_STYLES = re.compile(r"\b(?:heading ?\d|rubrik ?\d|title)\b|^rubrik\b")


class _Body:
    def __init__(
        self, lines: DocumentLines, styles: _Styles, numbering: _Numbering, chunks: _Chunks
    ) -> None:
        self.lines = lines
        self.styles = styles
        self.numbering = numbering
        self.chunks = chunks
        # The count of a style's list where the style alone makes the numbers ("List Number"
        # with no numbering of its own): it ends where another paragraph comes between.
        self.style_counts: dict[str, int] = {}
        # How deep in text boxes the paragraphs being read stand (a box may hold a box).
        self.anchored = 0
        # How deep in content controls that show their placeholder: their text is not read.
        self.placeholder = 0

    def blocks(self, container: Element) -> None:
        # Paragraphs whose marks are deleted with changes tracked, their text kept: one with
        # the paragraph after them once the changes are accepted, as Word shows them ("Avtal
        # om leasing av" / "tjänstebilar, KS 2024/81 …" one item, not an item and a fragment).
        joined: list[Element] = []
        for child in container:
            tag = _tag(child)
            if tag == "p":
                if _mark_deleted(child) and not text_boxes(child):
                    joined.append(child)
                else:
                    self.paragraph(child, joined)
                    joined = []
                continue
            if joined and (tag in _BLOCKS or tag in _TRANSPARENT):
                for paragraph in joined:
                    self.paragraph(paragraph)  # no paragraph to join (a table next): as Word
                joined = []
            if tag == "tbl":
                self.lines.table(self.rows(child), anchored=self.anchored > 0)
            elif tag == "sdt":
                if not _is_table_of_contents(child):
                    # A placeholder's paragraphs are counted as Word counts them, unread.
                    self.placeholder += _placeholder(child)
                    self.blocks(_content(child))
                    self.placeholder -= _placeholder(child)
            elif tag in _TRANSPARENT:
                self.blocks(child)
            elif tag == "altChunk":
                self.lines.inserted(self.chunks.lines(child, self.lines.unread))
        for paragraph in joined:
            self.paragraph(paragraph)

    def paragraph(self, paragraph: Element, joined: list[Element] | None = None) -> None:
        """A paragraph of the body, the text of the paragraphs ``joined`` to it first (their
        marks deleted): it keeps its own mark, and with it its style and number, as Word does
        once the changes are accepted."""
        properties = _child(paragraph, "pPr")
        chain = self.styles.chain(_value(_child(properties, "pStyle")) or self.styles.default)
        names = " ".join(style.name for style in chain)
        text = self.text(paragraph, names)
        if joined:
            # Each counted as python-docx counts it, its text this paragraph's first.
            text = "".join(self._unshown_text(before) for before in joined) + text
        mark = _child(_child(properties, "rPr"), "del")
        if mark is None:
            mark = _child(_child(properties, "rPr"), "moveFrom")
        if mark is not None and not text.strip() and not text_boxes(paragraph):
            # A paragraph struck out whole, its mark too (or moved away): gone once the
            # changes are accepted, so it takes no number of its list and shows no blank line.
            self.lines.unshown(anchored=self.anchored > 0)
            return
        marker, depth = self.marker(properties, chain, names)
        outline = _value(_child(properties, "outlineLvl"))
        heading = (
            (outline is not None and _int(outline, 9) < 9)
            or any(style.outline is not None and style.outline < 9 for style in chain)
            or _HEADING_STYLES.search(names) is not None
        )
        # A heading's number as Word shows it ("§ 8", "8."), which the agenda reader reads as
        # an agenda's number (a bullet before a heading is none); an item's as an item marker.
        heading_number = "" if marker == BULLET else marker.strip()
        marker = heading_number if heading else item_marker(marker)
        self.lines.paragraph(
            text, marker=marker, depth=depth, heading=heading, anchored=self.anchored > 0
        )
        for box in text_boxes(paragraph):
            # A text box's paragraphs stand where it is anchored: located by the anchor's
            # paragraph, as python-docx and Word count the body's paragraphs without them.
            self.anchored += 1
            self.blocks(box)
            self.anchored -= 1

    def _unshown_text(self, paragraph: Element) -> str:
        self.lines.unshown(anchored=self.anchored > 0)
        return self.text(paragraph)

    def text(self, paragraph: Element, names: str | None = None) -> str:
        """What a paragraph shows of its text (``names``: its styles', where known)."""
        if self.placeholder:
            return ""
        if names is None:
            properties = _child(paragraph, "pPr")
            chain = self.styles.chain(_value(_child(properties, "pStyle")) or self.styles.default)
            names = " ".join(style.name for style in chain)
        if _CONTENTS_STYLES.search(names):
            return ""  # counted, not read (see _is_table_of_contents)
        return run_text(paragraph)

    def marker(
        self, properties: Element | None, chain: list[_Style], names: str
    ) -> tuple[str, int]:
        """What Word shows before the paragraph (a number as its list writes it, a bullet,
        or nothing) and the paragraph's list level."""
        numbered = _child(properties, "numPr")
        list_id = _value(_child(numbered, "numId"))
        level_text = _value(_child(numbered, "ilvl"))
        for style in chain:
            style_id, style_level = style.numbering
            list_id = list_id if list_id is not None else style_id
            if level_text is None and style_level is not None:
                level_text = str(style_level)
        if level_text is None and list_id is not None and chain:
            # A numbered heading's style names its list, and the list's level names the style.
            by_style = self.numbering.level_of_style(list_id, chain[0].identifier)
            level_text = None if by_style is None else str(by_style)
        level = _int(level_text, 0)
        if list_id is not None:
            self.style_counts.clear()
            if list_id == "0":  # numbering taken off the paragraph
                return "", 0
            shown = self.numbering.shown(list_id, level)
            if shown is not None:
                return shown, level
        if _NUMBERED_STYLES.search(names):
            key = chain[0].name if chain else names
            count = self.style_counts.get(key, 0) + 1
            self.style_counts = {key: count}
            return f"{count}.", 0
        self.style_counts.clear()
        if _BULLETED_STYLES.search(names):
            return BULLET, 0
        return "", 0

    def rows(self, table: Element) -> list[list[str]]:
        rows: list[list[str]] = []
        # Each grid column's text in the row above, for a cell merged down from it (a cell
        # spanning columns, w:gridSpan, stands at its first).
        above: dict[int, str] = {}
        for row, row_placeholder in _flattened(table, "tr"):
            if _on(_child(_child(row, "trPr"), "del")):
                continue  # a row deleted with changes tracked
            cells: list[str] = []
            shown: dict[int, str] = {}
            column = _int(_value(_child(_child(row, "trPr"), "gridBefore")), 0)
            for cell, placeholder in _flattened(row, "tc", row_placeholder):
                properties = _child(cell, "tcPr")
                merged = _child(properties, "vMerge")
                if merged is not None and _value(merged) in (None, "continue"):
                    # The lower part of a cell merged down: the text of the part above.
                    text: str = self.lines.merged_down(above.get(column, ""))
                else:
                    text = "" if placeholder else cell_text(self.cell_pieces(cell))
                cells.append(text)
                shown[column] = text
                column += max(1, _int(_value(_child(properties, "gridSpan")), 1))
            above = shown
            rows.append(cells)
        return rows

    def cell_pieces(self, cell: Element) -> list[str]:
        pieces: list[str] = []
        for child in cell:
            tag = _tag(child)
            if tag == "p":
                pieces.append(run_text(child))
                for box in text_boxes(child):
                    pieces.extend(self.cell_pieces(box))
            elif tag == "tbl":
                pieces.extend(" ".join(row) for row in self.rows(child))
            elif tag == "sdt" and not _placeholder(child):
                pieces.extend(self.cell_pieces(_content(child)))
            elif tag in _TRANSPARENT:
                pieces.extend(self.cell_pieces(child))
            elif tag == "altChunk":
                pieces.extend(self.chunks.lines(child, self.lines.unread))
        return pieces


# What stands between paragraphs as content of its own (a bookmark's start does not).
_BLOCKS = frozenset({"tbl", "sdt", "altChunk"})


def _mark_deleted(paragraph: Element) -> bool:
    """Whether the paragraph's mark is deleted with changes tracked (not moved away: a moved
    paragraph's text goes with it)."""
    return _child(_child(_child(paragraph, "pPr"), "rPr"), "del") is not None


def _flattened(parent: Element, name: str, placeholder: bool = False) -> list[tuple[Element, bool]]:
    """The ``name`` children of ``parent``, those inside content controls and custom XML too,
    each with whether a content control around it shows its placeholder."""
    found: list[tuple[Element, bool]] = []
    for child in parent:
        tag = _tag(child)
        if tag == name:
            found.append((child, placeholder))
        elif tag == "sdt":
            found.extend(_flattened(_content(child), name, placeholder or _placeholder(child)))
        elif tag in ("customXml", "ins", "moveTo"):
            found.extend(_flattened(child, name, placeholder))
    return found


def _is_table_of_contents(control: Element) -> bool:
    # A table of contents repeats the headings (with page numbers): read, it would give the
    # agenda's headings twice.
    gallery = _child(_child(_child(control, "sdtPr"), "docPartObj"), "docPartGallery")
    return (_value(gallery) or "").lower() == "table of contents"


def text_boxes(paragraph: Element) -> list[Element]:
    """The text boxes (``w:txbxContent``) anchored in a paragraph, in order, each once: of a
    ``mc:AlternateContent`` only the first choice is read where it holds the box, else the
    fallback (the same box as VML); a box inside a box is the outer box's to read."""
    found: list[Element] = []

    def walk(element: Element) -> None:
        for child in element:
            tag = _tag(child)
            if tag == "txbxContent":
                found.append(child)
            elif child.tag == _ALTERNATE:
                choices = [option for option in child if option.tag == _CHOICE]
                fallback = [option for option in child if option.tag != _CHOICE]
                before = len(found)
                for option in choices[:1]:
                    walk(option)
                if len(found) == before:
                    for option in fallback[:1]:
                        walk(option)
            elif tag not in ("p", "tbl"):
                walk(child)

    walk(paragraph)
    return found


def run_text(paragraph: Element) -> str:
    """The text of a paragraph as Word shows it, line breaks as "\\n" and tabs as "\\t"."""
    pieces: list[str] = []
    _inline(paragraph, pieces, [])
    return "".join(pieces)


def _inline(element: Element, pieces: list[str], fields: list[bool]) -> None:
    """``fields`` holds, for each complex field open, whether its code is being read (the
    code is no text; its result, after the separator, is)."""
    for child in element:
        tag = _tag(child)
        if tag == "r":
            _run(child, pieces, fields, hidden=_on(_child(_child(child, "rPr"), "vanish")))
        elif tag in _TRANSPARENT:
            _inline(child, pieces, fields)
        elif tag == "sdt" and not _placeholder(child):
            _inline(_content(child), pieces, fields)
        elif child.tag == _ALTERNATE:
            # Runs written twice (a newer kind of content control, and its fallback): the
            # first choice, as Word reads it.
            choice = next((option for option in child if option.tag == _CHOICE), None)
            _inline(choice if choice is not None else child[-1:][0], pieces, fields)


def _run(run: Element, pieces: list[str], fields: list[bool], *, hidden: bool = False) -> None:
    for child in run:
        tag = _tag(child)
        if tag == "fldChar":
            # Kept in a hidden run too: the field's text after it is shown or not by it.
            kind = _value(child, "fldCharType")
            if kind == "begin":
                fields.append(True)
            elif kind == "separate" and fields:
                fields[-1] = False
            elif kind == "end" and fields:
                fields.pop()
        elif hidden or any(fields):
            continue  # hidden text; a field's code, and all of a field inside a code
        elif tag == "t":
            pieces.append(child.text or "")
        elif tag in ("tab", "ptab"):
            pieces.append("\t")
        elif tag in ("br", "cr"):
            pieces.append("\n")
        elif tag == "noBreakHyphen":
            pieces.append("-")
        elif tag == "sym":
            pieces.append(_symbol(_value(child, "char") or "", _value(child, "font") or ""))


# A symbol font's glyphs have no character of their own: Word writes them in the private use
# area (U+F000 + the glyph's code). Those used in lists and numbers are written as the
# characters they look like; the Symbol font's digits and punctuation are ASCII's.
_SYMBOL_GLYPHS = {
    "symbol": {0xB7: "•", 0xAE: "→", 0xBE: "—"},
    "wingdings": {0x9F: "•", 0xA7: "▪", 0x6C: "●", 0xE0: "→", 0xD8: "➢", 0xFC: "✓"},
}


def _symbol(code: str, font: str) -> str:
    """The character a ``w:sym`` shows: its own where it has one, else what its glyph looks
    like, else a space, which keeps the words on either side apart."""
    try:
        value = int(code, 16)
    except ValueError:
        return " "
    if not 0xF000 <= value <= 0xF0FF:
        return chr(value) if 0x20 <= value <= 0x10FFFF and not 0xD800 <= value < 0xE000 else " "
    glyph, font = value - 0xF000, font.lower()
    if font == "symbol" and 0x20 <= glyph <= 0x3F and glyph not in (0x22, 0x24, 0x27):
        return chr(glyph)  # digits and punctuation (not ∀ ∃ ∋, at ", $, ')
    return _SYMBOL_GLYPHS.get(font, {}).get(glyph, " ")
