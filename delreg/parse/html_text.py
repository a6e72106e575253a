"""A web page's text laid out in lines as the agenda reader reads them.

Boards publish their agendas and minutes as web pages, and a saved or downloaded page is HTML:
tags, entities and one long line where the browser shows a list. Each block of the page (a
heading, a paragraph, a list item, a table row) becomes a line of its own here; a list item
starts with a bullet or its number ("• ", "3. "), nested lists indented; a table row's cells
stand a column gap apart, as a PDF's do; a heading and a paragraph have a blank line around
them. Scripts, styles, the page's head and the site's menus, side panels and foot are left
out, and so is what a browser does not show: an element marked ``hidden``, styled
``display:none`` or of a class the usual style sheets hide (``sr-only``, ``d-none``), and a
cookie banner. Text marked ``aria-hidden="true"`` is read: it is hidden
from screen readers, not from the eyes of the user who compares the import with the page.
A site that builds its foot of plain ``div``s ("Dela sidan", "Senast uppdaterad 2024-03-07",
"Sidansvarig: …") ends its content there: such a line after the page's lists ends the page.

Each line is laid out as the same list is written in text: a table with a header row is a table
of data, so a cell's paragraphs and line breaks stay in its row and a cell spanning rows stands
in each (a table without one may be an older site's layout, its cells holding the page); an
item's paragraphs go on from its marker; a point's number in an element of its own begins its
title; a definition list's term and description are one labelled line ("Dnr: KS 2024/12");
two line breaks leave a blank line; a ``pre`` keeps its spaces. Each line remembers the line of
the page it came from, so that a rejected item names the line a user finds in the page.

Python's own ``html.parser`` reads the page: it is forgiving of the HTML real sites serve (no
closing tags, stray ends), reads in one pass, and adds no dependency.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose text is no part of the page's content: besides what a browser does not show,
# the site's menus, side panels and foot ("Kontakt: registrator@…" after the notices would be a
# notice; a menu's "Anmälningsärenden" would open the list).
_HIDDEN = frozenset(
    {"head", "script", "style", "noscript", "template", "svg", "iframe", "object", "nav",
     "aside", "footer"}
)  # fmt: skip
# Elements that start a line of their own; those in _SPACED have a blank line around them too.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
    }
)  # fmt: skip
# Elements that have no content and no end tag: a ``hidden`` one hides nothing after it.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
# Elements whose end tag a page may leave out: the next of its kind, or the end of what holds
# it, ends it (``<li hidden>Utkast<li>Avtal …``).
_OPEN_ENDED = frozenset({"li", "p", "dt", "dd", "tr", "td", "th", "option"})
_HOLDERS = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "select", "div"})
# A style that keeps an element from being shown.
_NOT_SHOWN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Classes that the usual style sheets (Bootstrap, WordPress, Sitevision, …) hide from the eye:
# a screen reader's "Länk till annan webbplats" after a link is not what the page shows.
_HIDING_CLASSES = frozenset(
    {"hidden", "hide", "d-none", "invisible", "is-hidden", "sr-only", "visually-hidden",
     "visuallyhidden", "sv-visually-hidden", "screen-reader-text", "u-visually-hidden",
     "element-invisible", "show-for-sr"}
)  # fmt: skip
# A cookie banner's id or class: its text ("Vi använder kakor …") is the site's, not the page's.
_COOKIE = re.compile(r"cookie|consent", re.IGNORECASE)
# The first words of a line of the site's own foot that some sites build of plain blocks.
_SITE_FOOT = re.compile(
    r"(?:Dela sidan|Dela på|Senast (?:uppdaterad|ändrad|granskad)|Sidan (?:uppdaterades|"
    r"publicerades|granskades)|Sidansvarig|Sidredaktör|Publicerad(?: den)?\b|Skriv ut sidan|"
    r"Hittade du det du sökte|Var sidan till hjälp)",
    re.IGNORECASE,
)
# An agenda point's number and nothing else: "8", "8.", "§ 45".
_POINT_NUMBER = re.compile(r"(?:§\s*)?\d{1,3}[.:]?")
# A definition list is one decision's card of fields: a blank line sets it apart from the next.
_SPACED = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "table", "ul", "ol", "pre", "dl"})
_CELLS = frozenset({"td", "th"})
# The parts of a table that end a row, or a cell: inside a cell no other element does.
_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "caption"})
# What stands between two cells of a row: the column gap the agenda reader knows from PDFs.
COLUMN_GAP = "   "
_BULLET = "•"
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
# Characters of no width that editors leave in text ("KS 2024/&#8203;15"): not shown, and no
# part of a diary number.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


# Characters that cells spanning rows may write again in any page, however short.
_CARRIED_AT_LEAST = 100_000


def page_lines(markup: str) -> tuple[str, list[int]]:
    """The page's text, a block a line, and for each of its lines (the first at index 0) the
    line of ``markup`` it came from."""
    page = _Page(carried=max(_CARRIED_AT_LEAST, len(markup)))
    page.feed(markup)
    page.close()
    page.end_line()
    if page.point is not None:  # a number that no title followed: its own line
        page.lines.append(page.point[0])
        page.origins.append(page.point[1])
    return "\n".join(page.lines), page.origins


class _Page(HTMLParser):
    def __init__(self, *, carried: int) -> None:
        super().__init__(convert_charrefs=True)
        # How many characters cells spanning rows may still write again: a page of a few
        # kilobytes whose cells span a thousand rows each would write megabytes.
        self.carried = carried
        self.lines: list[str] = []
        self.origins: list[int] = []
        self.hidden = 0
        self.preformatted = 0
        # The line being made: its pieces and the page line it started on.
        self.pieces: list[str] = []
        self.origin = 1
        # Open lists, innermost last: the next number of an ordered one, None for bullets.
        self.lists: list[int | None] = []
        # The table row being made: the cell open (where its text starts in ``pieces``, its
        # rows and columns), the cells placed, the next column, and the cells of rows above
        # that reach down into it (``rowspan``) by column: rows still to reach, text, columns.
        self.cell: tuple[int, int, int] | None = None
        self.cells_in_row = 0
        self.column = 0
        self.spanned_alone = False
        self.in_row = False
        self.reaching: dict[int, tuple[int, str, int]] = {}
        self.reaching_below: dict[int, tuple[int, str, int]] = {}
        # Open tables, innermost last: whether each has a header row (<th>, <thead>).
        self.tables: list[bool] = []
        # An element that a browser does not show, and how deep its kind nests inside it.
        self.unseen: str | None = None
        self.unseen_depth = 0
        # Whether a list item or a table row was read, and whether the site's foot was met.
        self.listed = False
        self.ended = False
        # An agenda point's number standing alone ("<span class='number'>8</span><h3>…"): the
        # next line's, as "8. Anmälan av delegationsbeslut" is one line in text.
        self.point: tuple[str, int] | None = None
        # Whether the line holds a list item's marker and nothing else yet.
        self.marked = False
        # Line breaks since the last text: a second makes a blank line.
        self.breaks = 0
        # Whether a definition list's term was read and its description not yet begun.
        self.term = False

    # --- the page's structure --------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.unseen is not None:
            self._unseen_start(tag)
            return
        if tag not in _VOID and not self.hidden and _not_shown(attrs):
            self.unseen, self.unseen_depth = tag, 1
            return
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if self.hidden:
            return
        if self._in_data_cell() and tag not in _TABLE_PARTS:
            # A cell's paragraphs, line breaks and lists stay in its row: a space apart.
            self._space_in_cell()
            return
        if tag == "br":
            self._break()
        elif tag in _CELLS:
            if tag == "th" and self.tables:
                self.tables[-1] = True
            self._start_cell(attrs)
        elif tag == "dd" and self.term and self.pieces:
            # A term and its description are one labelled line ("Dnr: KS 2024/12"), as a
            # card of fields is written in text.
            self.term = False
            label = "".join(self.pieces).rstrip()
            self.pieces = [label, " " if label.endswith(":") else ": "]
        elif tag in _BLOCKS:
            self.term = tag == "dt"
            if tag == "tr":
                self._end_row()
            self.end_line(blank=self._spaced(tag))
            if tag == "tr":
                self.listed = self.in_row = True
                self.origin = self.getpos()[0]
            elif tag == "table":
                self.tables.append(False)
                self.reaching, self.reaching_below = {}, {}
            elif tag == "thead" and self.tables:
                self.tables[-1] = True
            elif tag == "pre":
                self.preformatted += 1
            elif tag in ("ul", "ol"):
                self.lists.append(_first_number(attrs) if tag == "ol" else None)
            elif tag == "li":
                self.listed = True
                self._mark_item()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.unseen is not None or _not_shown(attrs):
            return
        if tag == "br" and not self.hidden:
            if self._in_data_cell():
                self._space_in_cell()
            else:
                self._break()
        elif tag not in _HIDDEN:
            self.handle_starttag(tag, attrs)
            if tag in _BLOCKS:
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.unseen is not None:
            self._unseen_end(tag)
            return
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if self.hidden:
            return
        if tag in _CELLS:
            self._end_cell()
            return
        if self._in_data_cell() and tag not in _TABLE_PARTS:
            self._space_in_cell()
            return
        if tag in _TABLE_PARTS:
            self._end_row()
        if tag == "table" and self.tables:
            self.tables.pop()
            self.reaching, self.reaching_below = {}, {}
        if tag == "dt" and self.term:
            return  # its description goes on on its line
        if tag in _BLOCKS:
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
            self.end_line(blank=self._spaced(tag))
            if tag == "pre":
                self.preformatted = max(0, self.preformatted - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden or self.unseen is not None or self.ended or not data:
            return
        if self.preformatted:
            # Its lines as they stand: a registry's columns keep their spaces, a blank line
            # between its entries stays.
            first, *rest = data.replace("\t", "    ").split("\n")
            self._add(first, marker=True)
            for line in rest:
                self.end_line(blank=not "".join(self.pieces).strip() and bool(self.lines))
                self._add(line, marker=True)
            return
        if _INVISIBLE.search(data):
            data = _INVISIBLE.sub("", data)
        text = _WHITESPACE.sub(" ", data)
        if self.in_row and self.cell is None and not text.strip():
            return  # the page's indentation between a row's cells
        if text.strip() or self.pieces:
            self._add(text)

    def _unseen_start(self, tag: str) -> None:
        if tag != self.unseen:
            return
        if tag in _OPEN_ENDED and self.unseen_depth == 1:
            # Its next sibling ends it (no end tag between): that one is shown.
            self.unseen = None
            self.handle_starttag(tag, [])
            return
        self.unseen_depth += 1

    def _unseen_end(self, tag: str) -> None:
        if tag == self.unseen:
            self.unseen_depth -= 1
            if self.unseen_depth == 0:
                self.unseen = None
        elif self.unseen in _OPEN_ENDED and tag in _HOLDERS:
            # The list or table that holds an item left open ends it too.
            self.unseen = None
            self.handle_endtag(tag)

    # --- table rows -------------------------------------------------------------------------

    def _start_cell(self, attrs: list[tuple[str, str | None]]) -> None:
        self._end_cell()
        self.in_row = True  # a cell without its <tr> (as a forgiving browser reads it)
        self._reach_down(until=self.column)
        self._gap()
        self.cells_in_row += 1
        self.cell = (len(self.pieces), _span(attrs, "rowspan"), _span(attrs, "colspan"))

    def _end_cell(self) -> None:
        if self.cell is None:
            return
        start, rows, columns = self.cell
        self.cell = None
        if self.pieces[start:] and self.pieces[-1].endswith(" "):
            self.pieces[-1] = self.pieces[-1].rstrip(" ")
        text = "".join(self.pieces[start:]).strip()
        if rows > 1 and self.carried > 0:
            self.reaching_below[self.column] = (rows - 1, text, columns)
        # A row of one cell across the table ("Personalärenden enligt bilaga") is a title
        # between its rows, not the end of the row above.
        self.spanned_alone = self.cells_in_row == 1 and columns > 1
        self.column += columns

    def _end_row(self) -> None:
        """Close the table row being made: a cell left open, and the cells of rows above that
        reach into its last columns."""
        if not self.in_row:
            return
        self.in_row = False
        self._end_cell()
        self._reach_down(until=None)
        alone = self.spanned_alone and self.cells_in_row == 1
        if alone and self.lines and self.lines[-1]:
            self.lines.append("")
            self.origins.append(self.origin)
        self.end_line(blank=alone)
        self.cells_in_row = self.column = 0
        self.spanned_alone = False
        self.reaching, self.reaching_below = self.reaching_below, {}

    def _reach_down(self, *, until: int | None) -> None:
        # A cell of a row above that spans this one stands in it again, as a browser shows it
        # beside the row's own cells: "BUN 2024/52" over two rows is each row's number.
        while self.reaching:
            column = min(self.reaching)
            if column < self.column:
                del self.reaching[column]  # overlapped by a cell of this row's own
                continue
            if column != self.column or (until is not None and column > until):
                if until is None:
                    self.column = column
                    continue
                return
            rows, text, columns = self.reaching.pop(column)
            self.carried -= len(text) + len(COLUMN_GAP)
            if self.carried < 0:
                # Written in the row above, which is where it stands on the page: no more
                # cells are written again.
                self.reaching.clear()
                return
            if rows > 1:
                self.reaching_below[column] = (rows - 1, text, columns)
            self._gap()
            self.cells_in_row += 1
            if text:
                self._add(text, marker=True)
            self.column += columns

    def _in_data_cell(self) -> bool:
        # A table with a header row (<th>) is a table of data, whose cells are each a field; a
        # table without one may be the layout of an older site, whose cells hold the page.
        return self.cell is not None and bool(self.tables) and self.tables[-1]

    def _gap(self) -> None:
        if self.cells_in_row:
            self.pieces.append(COLUMN_GAP)

    def _space_in_cell(self) -> None:
        if (
            self.cell is not None
            and len(self.pieces) > self.cell[0]
            and self.pieces[-1][-1:] != " "
        ):
            self.pieces.append(" ")

    # --- lines -----------------------------------------------------------------------------

    def _break(self) -> None:
        # A line break ends the line; a second one right after leaves a blank line, as a
        # browser shows it: some sites set their items apart so ("…<br><br>KS 2024/15 …").
        if "".join(self.pieces).strip():
            self.breaks = 1
            self.end_line()
            return
        self.pieces = []
        self.breaks += 1
        if self.breaks == 2 and self.lines and self.lines[-1]:
            self.lines.append("")
            self.origins.append(self.getpos()[0])

    def _spaced(self, tag: str) -> bool:
        # A list inside a list item goes on with its items, and so do an item's paragraphs
        # (<li><p>KS 2024/12</p><p>Bygglov …</p></li>, as editors write them): no blank line
        # around them, which would part the item.
        return tag in _SPACED and not self.lists

    def _mark_item(self) -> None:
        depth = max(0, len(self.lists) - 1)
        number = self.lists[-1] if self.lists else None
        if number is None:
            marker = f"{_BULLET} "
        else:
            marker = f"{number}. "
            self.lists[-1] = number + 1
        self._add("  " * depth + marker, marker=True)
        self.marked = True

    def _add(self, text: str, *, marker: bool = False) -> None:
        self.breaks = 0
        self.marked = False
        if not self.pieces:
            if not marker:
                text = text.lstrip(" ")
                if not text:
                    return
            self.origin = self.getpos()[0]
        self.pieces.append(text)

    def end_line(self, *, blank: bool = False) -> None:
        """Close the line being made (a line with nothing in it is none); ``blank`` puts a blank
        line after the last, once."""
        if self.marked:
            # An item's marker and nothing yet: its text, in the item's first block, goes on
            # on the marker's line.
            return
        text = "".join(self.pieces).rstrip(" ")
        if text.strip() and _SITE_FOOT.match(text.lstrip()):
            # The site's foot before the page's lists ("Publicerad 2024-03-01") is left out;
            # after them it ends the page.
            self.ended = self.listed
            text = ""
        if self.point is not None and text.strip():
            # The point's number in an element of its own before its title.
            number, origin = self.point
            self.point = None
            if number[-1:].isdigit() and "§" not in number:
                number += "."
            text = f"{number} {text.lstrip()}"
            self.origin = origin
        elif _POINT_NUMBER.fullmatch(text.strip()) and not (self.lists or self.preformatted):
            self.point = (text.strip(), self.origin)
            self.pieces = []
            return
        if text.strip():
            self.lines.append(text)
            self.origins.append(self.origin)
        self.pieces = []
        if self.cell is not None:  # a cell of a layout table goes on on the next line
            self.cell = (0, self.cell[1], self.cell[2])
        if blank and self.lines and self.lines[-1]:
            self.lines.append("")
            self.origins.append(self.getpos()[0])


def _not_shown(attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element's attributes keep a browser from showing it (``hidden``, a style of
    ``display: none``, a class the usual style sheets hide: ``sr-only``, ``d-none``), or make
    it a cookie banner."""
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "style" and value is not None and _NOT_SHOWN.search(value):
            return True
        if name in ("id", "class") and value is not None and _COOKIE.search(value):
            return True
        if (
            name == "class"
            and value is not None
            and not _HIDING_CLASSES.isdisjoint(value.lower().split())
        ):
            return True
    return False


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    """How many rows or columns a cell spans (``rowspan="2"``), 1 where it says nothing sane."""
    for key, value in attrs:
        if key == name and value is not None and value.strip().isdigit():
            return max(1, min(int(value.strip()), 1000))
    return 1


def _first_number(attrs: list[tuple[str, str | None]]) -> int:
    """Where an ordered list starts counting (``<ol start="5">``)."""
    for name, value in attrs:
        if name == "start" and value is not None and value.strip().isdigit():
            return int(value.strip())
    return 1


def declared_encoding(head: bytes) -> str | None:
    """The character set a page declares in its first bytes (``<meta charset="…">``)."""
    found = _CHARSET.search(head.decode("ascii", errors="ignore"))
    return found.group(1).lower() if found is not None else None


_CHARSET = re.compile(r"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
