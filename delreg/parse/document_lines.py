"""A word processor's document laid out in lines as the agenda reader reads them, each line
remembering where in the document it stands.

The layout is the one Word's own "Save as plain text" makes, which is what a secretary would
otherwise give delreg: a paragraph is a line, an empty paragraph a blank line, a line break in
a paragraph a new line and a tab a tab. Besides, a list paragraph starts with the marker the
word processor shows ("1. ", "a) ", "• "), so the agenda reader keeps its items apart; a
heading has a blank line before it; and a table is one line a row in the pipe form
(``| KS 2024/145 | Avtal med … |``) that delreg.text reads as a table's columns, with a blank
line around it.

Where a line stands is told by paragraph: ``paragraph=N`` for the Nth paragraph of the body
outside tables, ``table=T:row=R`` for a row of the Tth table. A word processor shows no line
numbers that stay put (they move with the page's width and font), but paragraphs and tables
are the document's own parts, counted the same in Word, LibreOffice and python-docx
(``document.paragraphs[N - 1]``, ``document.tables[T - 1].rows[R - 1]``). A text box or frame
is counted in none of them: its lines are located by the paragraph it is anchored in.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\n\r\f\v]+")
# How many characters a document's cells merged down over rows may write again, in all.
_MOST_MERGED = 2_000_000


class MergedDown(str):
    """A table cell's text that is the cell's above it: one cell merged down over rows."""

    __slots__ = ()


class DocumentLines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origins: list[str] = []
        self.paragraphs = 0
        self.tables = 0
        # What of the document was not read, each said in a sentence (the import tells it).
        self.unread: list[str] = []
        # How many characters cells merged down may yet write again (see merged_down).
        self.merged_left = _MOST_MERGED

    def paragraph(
        self,
        text: str,
        *,
        marker: str = "",
        depth: int = 0,
        heading: bool = False,
        anchored: bool = False,
    ) -> None:
        """A paragraph of the body outside tables: ``text`` may hold line breaks and tabs.
        One ``anchored`` in the last paragraph (a text box's, a frame's) is located by it."""
        self.paragraphs += 0 if anchored else 1
        where = f"paragraph={max(1, self.paragraphs)}"
        if heading:
            self.blank(where)
        if not text.strip():
            if not marker:
                # An empty paragraph is the blank line it shows as.
                self.lines.append("")
                self.origins.append(where)
            return
        first, *rest = text.split("\n")
        if _SUB_NUMBER.fullmatch(marker) and not _CAPITAL.match(first.lstrip()):
            # The agenda reader takes "5.1" for a sub-item only before a capital (else it is
            # a wrapped line's "3.4 i delegationsordningen"): a list's item is one, so a bullet.
            marker = BULLET
        lead = "  " * depth + (f"{marker} " if marker else "")
        self._add(lead + first.strip(" "), where)
        for line in rest:
            self._add(line.strip(" "), where)

    def unshown(self, *, anchored: bool = False) -> None:
        """A paragraph of the body that the word processor does not show (deleted with its
        changes tracked): counted, as python-docx counts it, but no line."""
        self.paragraphs += 0 if anchored else 1

    def table(self, rows: list[list[str]], *, anchored: bool = False) -> None:
        """A table, each row its cells' text (a cell's paragraphs and breaks made spaces).

        A cell merged down over several rows stands in each row it spans (the reader gives it
        as ``merged_down``), as a browser shows a web page's and the web page's reader reads
        it: a delegate or a diary number written once beside several decisions is each one's.

        A row whose first cell is empty, and empty too where the row above is filled, goes on
        with the row above, cell by cell, as a PDF's table is read: a subject too long for its
        row written on in the next ("| TN 2024/31 | Avtal om hyra av | 2024-02-02 |" then
        "| | hjullastare | |"); a cell merged down into it is the one above, not written again.
        A row filled but for its first cell is left as it is, for the agenda reader to judge
        (an item without its diary number is one to tell of); and a first cell merged down
        from above is no empty cell: it is a column that groups rows ("Personal" beside
        several decisions).
        """
        self.tables += 0 if anchored else 1

        def where(row: int) -> str:
            if anchored:  # a table in a text box: no table of the body's
                return f"paragraph={max(1, self.paragraphs)}"
            return f"table={self.tables}:row={row}"

        self.blank(where(1))
        joined: list[tuple[int, list[str]]] = []
        for number, cells in enumerate(rows, start=1):
            # A pipe in a cell would split it in two: a slash says as much.
            shown = [_SPACES.sub(" ", cell).strip().replace("|", "/") for cell in cells]
            if not any(shown):
                continue
            first_empty = bool(cells) and cells[0] == "" and not isinstance(cells[0], MergedDown)
            if joined and first_empty and _goes_on(joined[-1][1], shown):
                above = joined[-1][1]
                above.extend([""] * (len(shown) - len(above)))
                for column, text in enumerate(shown):
                    if not isinstance(cells[column], MergedDown):
                        above[column] = f"{above[column]} {text}".strip()
                continue
            joined.append((number, shown))
        for number, shown in joined:
            self._add("| " + " | ".join(shown) + " |", where(number))
        self.blank(where(max(1, len(rows))))

    def merged_down(self, text: str) -> MergedDown:
        """The text of a cell merged down from the row above, for the row it spans: while
        the document's cells written again stay within _MOST_MERGED characters (a small
        document whose cells each span thousands of rows would write gigabytes); after
        that, it stands in its first row alone."""
        self.merged_left -= len(text)
        return MergedDown(text if self.merged_left >= 0 else "")

    def inserted(self, lines: list[str]) -> None:
        """Lines already laid out (a part the document imports where it stands), located by
        the paragraph before them, as a text box's are."""
        where = f"paragraph={max(1, self.paragraphs)}"
        self.blank(where)
        for line in lines:
            self._add(line.rstrip(), where)
        self.blank(where)

    def blank(self, where: str) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")
            self.origins.append(where)

    def _add(self, line: str, where: str) -> None:
        self.lines.append(line)
        self.origins.append(where)

    def text(self) -> str:
        return "\n".join(self.lines)


def _goes_on(above: list[str], row: list[str]) -> bool:
    """Whether ``row`` is empty in a column (besides the first) where ``above`` is filled, and
    is the row above written on: it fills no column the row above left empty, and holds no
    diary number where the row above holds one (a row of its own whose first cell, its date,
    is empty: "| | SN 2024/313 | Avtal om tolktjänster | Tolkförmedlingen Norr AB | …" under a
    row without a party; taken for the row above written on, two decisions became one)."""
    empty_where_filled = False
    for column in range(1, len(row)):
        filled = above[column] if column < len(above) else ""
        if row[column] and not filled:
            return False
        if filled and not row[column]:
            empty_where_filled = True
        elif filled and _NUMBER_CELL.fullmatch(filled) and _NUMBER_CELL.fullmatch(row[column]):
            return False
    return empty_where_filled


# A cell that holds a diary number alone, in the shapes registries give ("SN 2024/313",
# "BN 2024-000123", "KSN-2017-3447", "23RS1851"): the word processor's table is read before
# the configuration's shapes are known, and two such cells one above the other are two rows.
_NUMBER_CELL = re.compile(
    r"(?:[A-ZÅÄÖ][\w.]{0,9}[ .-]?)?\d{2,4}[/:.-]\d{1,6}(?:-\d{1,4})?(?: [A-ZÅÄÖ]{1,6})?"
    r"|\d{2}[A-ZÅÄÖ]{2,5}\d{1,6}"
)


def cell_text(pieces: list[str]) -> str:
    """A table cell's text from its paragraphs' texts: a row is one line, so the cell's lines
    are joined by spaces."""
    return " ".join(piece for piece in (_SPACES.sub(" ", p).strip() for p in pieces) if piece)


# A marker the agenda reader takes for an item's start ([agenda.item_markers]): "12." "12)"
# "a)" "iv." and a sub-item's "5.1". A list's number in any other shape ("1.2.3", "Beslut 3:")
# is written as a bullet, which keeps the items apart as well.
_ITEM_MARKER = re.compile(r"\(?(?:\d{1,6}|[A-Za-z]|[ivxIVX]{2,5})\s?[.)]|\d{1,2}\.\d{1,2}[.)]?")
BULLET = "•"
_SUB_NUMBER = re.compile(r"\d{1,2}\.\d{1,2}[.)]?")
_CAPITAL = re.compile(r"[A-ZÅÄÖ]")


def item_marker(shown: str) -> str:
    """What a list paragraph starts with, given the number the word processor shows."""
    shown = shown.strip()
    if not shown:
        return ""
    return shown if _ITEM_MARKER.fullmatch(shown) else BULLET


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def formatted(number: int, style: str) -> str:
    """``number`` as a list shows it: style "decimal", "decimalZero" ("01"), "lowerLetter",
    "upperLetter", "lowerRoman" or "upperRoman" (Word's names; OpenDocument's "1", "a", "A",
    "i", "I" are mapped to them by its reader); any other style as a decimal."""
    if style == "decimalZero":
        return f"{number:02d}"
    if style in ("lowerLetter", "upperLetter") and number > 0:
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters if style == "lowerLetter" else letters.upper()
    if style in ("lowerRoman", "upperRoman") and 0 < number < 4000:
        roman = ""
        for value, numeral in _ROMAN:
            count, number = divmod(number, value)
            roman += numeral * count
        return roman if style == "lowerRoman" else roman.upper()
    return str(number)
