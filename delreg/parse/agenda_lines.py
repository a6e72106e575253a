"""Telling the lines of an agenda apart: headings, page noise, item starts and running text.

Each line is looked at on its own (plus one pass that finds repeated page headers), so the cost
is a handful of anchored regular-expression matches per line whatever the document's size.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from delreg.diary_numbers import is_not_a_number
from delreg.parse.agenda_rules import AgendaRules


class LineKind(Enum):
    BLANK = "blank"
    NOISE = "noise"
    DECISION_HEADING = "decision heading"
    NOTICE_HEADING = "notice heading"
    # The start of another agenda point: it ends the list.
    END = "end"
    # A sub-heading inside the agenda point ("Förslag till beslut"): it ends the item before it.
    SUBHEADING = "subheading"
    ITEM = "item"
    DIARY_NUMBER = "diary number"
    TEXT = "text"


@dataclass(slots=True)
class Line:
    number: int
    kind: LineKind
    # The line without its indentation and, for an item, without its marker.
    text: str
    indent: int = 0
    style: str | None = None
    # The item marker as written ("5.", "•", "a)"), kept for a marker that turns out to be text.
    marker: str = ""
    # The number of a numbered item ("5." → 5), or the agenda number of a heading ("3. Anmälan").
    item_number: int | None = None
    bulleted: bool = False
    page_break: bool = False


_BULLETS = frozenset("•·▪◦○●■➢►*–—-")
# "§ 12", "§12 Protokollsjustering": a protocol paragraph starts here.
_PARAGRAPH = re.compile(r"(?:[•·▪◦○●■*]\s*)?§\s*\d")
# "• 6", "•   9": the bullet-and-number of an agenda point on a web page.
_NUMBERED_POINT = re.compile(r"[•·▪◦○●■*]\s*\d{1,3}\.?")
# "9 Övriga frågor": an agenda number without a full stop, then a title.
_AGENDA_NUMBER = re.compile(r"\d{1,3}\s+(?=[A-ZÅÄÖ])")
_AGENDA_TITLE_MAX = 100
_SUB_NUMBER = re.compile(r"\d+\.\d")
_LEADING_NUMBER = re.compile(r"[(•·▪◦○●■*\s]*(\d{1,6})(?!\d)")
_DIARY_LINE_MAX = 60
# A meeting system's page lists each decision as a link to its document, named by the decision
# and followed by the file's ending, its size, or both ("Tilldelning städ, KS 2024/45.pdf
# (245 kB)", "…, KS 2024/45 (pdf, 245 kB)", "… KS 2024/45 PDF (120 kB)"): the document's name
# is the item's line; its ending and size are no part of it, and left on, they would stand
# after the diary number that ends the item.
_SIZE = r"\d+(?:[,.]\d+)?\s*(?:[kmg]i?b|byte)"
_ATTACHMENT = re.compile(
    r"(?:\.(?:pdf|docx?|xlsx?|odt|ods|rtf|pptx?)"
    rf"(?:\s*[(\[]\s*(?:pdf|word|excel)?[-\w]*,?\s*{_SIZE}\s*[)\]])?"
    rf"|\s*[(\[]\s*(?:pdf|word|docx?|excel|xlsx?)[-\w]*,?\s*{_SIZE}\s*[)\]]"
    rf"|\s+pdf\s*[(\[]\s*{_SIZE}\s*[)\]])$"
)
# How far from a line's end a document's ending and size may start.
_ATTACHMENT_TAIL = 32
_REPEATED_MAX = 80
_PAGE_NEIGHBOURHOOD = 3


def classify_lines(text: str, rules: AgendaRules) -> list[Line]:
    """Every line of ``text`` (1-based numbers, as an editor counts ``\\n``) with its kind."""
    raws = text.split("\n")
    # Lines that start with a number: a PDF's numbers in the margin, perhaps.
    numbered: list[int] = []
    lines = _classified(raws, rules, numbered)
    if len(numbered) >= _MARGIN_RUN:
        cut = _without_margin_numbers(raws, lines, numbered)
        if cut is not raws:
            lines = _classified(cut, rules, None)
    return lines


def _classified(raws: list[str], rules: AgendaRules, numbered: list[int] | None) -> list[Line]:
    """The lines of ``raws`` with their kinds; where ``numbered`` is given, the indexes of the
    lines that start with a number and a gap (an item's, a heading's, or a number alone)."""
    # One loop with the patterns bound to local names: it runs for every line of documents that
    # can be megabytes long, where each attribute look-up and call shows.
    lines: list[Line] = []
    append = lines.append
    longest_heading = rules.heading_max_length
    marker_at = rules.item_marker.match
    noise = rules.noise.fullmatch
    # The same few markers ("1. ", "2. " …) come back list after list: each is read once.
    markers: dict[str, tuple[str, int | None]] = {}
    walked: Iterable[tuple[int, str]] = enumerate(raws, start=1)
    if any(len(raw) > longest_heading for raw in raws):
        walked = _unflattened(raws, rules)
        numbered = None  # the lines are no longer the document's
    for number, raw in walked:
        stripped = raw.strip()
        # Where a line ends as a file's name (".pdf", ".docx") or its size ("kB)") does.
        if (stripped[-1:] in (")", "]") and stripped[-2:-1] in ("b", "B", "e")) or "." in (
            stripped[-4:-3],
            stripped[-5:-4],
        ):
            stripped = _without_attachment(stripped)
        if not stripped:
            append(Line(number, _BLANK, "", 0, None, "", None, False, "\f" in raw))
            continue
        # The first character that is not white space stands where the indentation ends.
        line = Line(
            number,
            _TEXT,
            stripped,
            raw.find(stripped[0]),
            None,
            "",
            None,
            stripped[0] in _BULLETS,
            "\f" in raw,
        )
        append(line)
        if len(stripped) <= longest_heading:
            if noise(stripped):
                line.kind = _NOISE
                line.item_number = _leading_number(stripped)
                if numbered is not None and stripped.isdigit():
                    numbered.append(len(lines) - 1)
                continue
            # A heading does not end with a full stop, and most item lines do: skip the patterns.
            if not stripped.endswith(".") or stripped.endswith("...") or stripped[0] == "§":
                kind = _heading_kind(stripped, rules)
                if kind is not None:
                    line.kind = kind
                    line.item_number = _leading_number(stripped)
                    if numbered is not None and stripped[0].isdigit():
                        numbered.append(len(lines) - 1)
                    continue
        marker = marker_at(stripped)
        if marker is not None:
            line.kind = _ITEM
            # Only one style's group takes part in a match, and it encloses any group of the
            # style's own pattern, so it is the last to close: the match's last group.
            line.style = marker.lastgroup or "item"
            line.text = stripped[marker.end() :]
            written = marker.group()
            line.marker, line.item_number = markers.get(written) or _marker_of(written, markers)
            if numbered is not None and line.marker.isdigit():
                numbered.append(len(lines) - 1)
        elif len(stripped) <= _DIARY_LINE_MAX and _is_diary_number(stripped, rules):
            line.kind = _DIARY_NUMBER
    if rules.repeated_line_noise:
        _drop_page_headers(lines, rules)
    return lines


def _without_attachment(stripped: str) -> str:
    """The line without the ending and size of the document it names (_ATTACHMENT)."""
    start = max(0, len(stripped) - _ATTACHMENT_TAIL)
    found = _ATTACHMENT.search(stripped[start:].lower())
    if found is None:
        return stripped
    return stripped[: start + found.start()].rstrip(" ,")


# The kinds as plain names: looking a member up on its Enum class costs more than a global.
_BLANK = LineKind.BLANK
_NOISE = LineKind.NOISE
_TEXT = LineKind.TEXT
_ITEM = LineKind.ITEM
_DIARY_NUMBER = LineKind.DIARY_NUMBER


_HEADING_KINDS = (
    ("decision", LineKind.DECISION_HEADING),
    ("notice", LineKind.NOTICE_HEADING),
    ("end", LineKind.END),
    ("sub", LineKind.SUBHEADING),
)


def _heading_kind(stripped: str, rules: AgendaRules) -> LineKind | None:
    """A heading's kind, or END for another agenda point's title; None for any other line."""
    heading = rules.heading.fullmatch(stripped)
    if heading is not None:
        for group, kind in _HEADING_KINDS:
            if heading.group(group) is not None:
                if kind is LineKind.DECISION_HEADING and rules.diary_number.search(stripped):
                    break  # "Delegationsbeslut …, RS 2024/3" is an item, not a heading
                if kind is LineKind.SUBHEADING and stripped[0].islower():
                    # "beslut av driftchef Karin Ahl, 2024-02-01": an item's line wrapped, its
                    # delegate and date; a sub-heading ("Beslut", "Bakgrund") starts upper-case.
                    break
                return kind
    if (
        _PARAGRAPH.match(stripped)
        or _NUMBERED_POINT.fullmatch(stripped)
        or _is_agenda_title(stripped, rules)
    ):
        return LineKind.END
    return None


def _is_agenda_title(stripped: str, rules: AgendaRules) -> bool:
    # "9 Övriga frågor" but not "12 Regiondirektören har beslutat …, RS 2024/3" nor a sentence.
    number = _AGENDA_NUMBER.match(stripped)
    if number is None or len(stripped) > _AGENDA_TITLE_MAX:
        return False
    return not (
        rules.diary_number.search(stripped) or rules.starts_decision(stripped, number.end())
    )


# "12  handling av skolskjutstjänster": a line's number in the margin, a gap after it.
# "13" alone: the number of a line left empty.
_MARGIN_NUMBER = re.compile(r"\s*(\d{1,4})(?:(?: {2,}|\t)(?=\S)|\s*$)")
# So many lines numbered one after the other at least make a margin's numbers.
_MARGIN_RUN = 3


def _without_margin_numbers(raws: list[str], lines: list[Line], numbered: list[int]) -> list[str]:
    """``raws`` without the numbers a PDF prints in the margin of every line ("1  Förvaltnings-
    chefen har …" / "2  handling av …, BUN 2024/201."), or ``raws`` itself where it has none.

    Such numbers go up by one from line to line (blank lines between), and one line at least
    goes on from the line before (it starts with a small letter, as no item and no row of a
    table does) or is empty but for its number. A table's rows numbered 1, 2, 3 keep their
    numbers. ``numbered`` are the indexes of ``lines`` that start with a number.
    """
    cuts: list[tuple[int, int]] = []
    run: list[tuple[int, int, int]] = []
    previous = -1
    for at in numbered:
        index = lines[at].number - 1
        found = _MARGIN_NUMBER.match(raws[index])
        if found is None:
            continue
        number = int(found.group(1))
        joined = bool(run) and number == run[-1][2] + 1
        if joined and any(line.kind is not _BLANK for line in lines[previous + 1 : at]):
            joined = False
        if not joined:
            _cut_margin(raws, run, cuts)
            run = []
        run.append((index, found.end(), number))
        previous = at
    _cut_margin(raws, run, cuts)
    if not cuts:
        return raws
    cut = list(raws)
    for index, end in cuts:
        # Spaces where the number stood: the text keeps its indentation.
        cut[index] = " " * end + raws[index][end:]
    return cut


def _cut_margin(
    raws: list[str], run: list[tuple[int, int, int]], cuts: list[tuple[int, int]]
) -> None:
    # A line that goes on from the one before, or a line left empty but for its number: no
    # table's rows have either.
    if len(run) >= _MARGIN_RUN and any(
        raws[index][end : end + 1].islower() or end >= len(raws[index].rstrip())
        for index, end, _ in run
    ):
        cuts.extend((index, end) for index, end, _ in run)


def _marker_of(written: str, markers: dict[str, tuple[str, int | None]]) -> tuple[str, int | None]:
    """An item marker as written ("12. "): without its spaces, and its number (12)."""
    marker = written.strip()
    # A sub-item's "5.1" numbers no agenda point: "6" after it is the next point, not "5.1"'s.
    number = None if _SUB_NUMBER.match(marker) else _leading_number(marker)
    markers[written] = known = (marker, number)
    return known


def _is_diary_number(stripped: str, rules: AgendaRules) -> bool:
    """Whether a line holds a diary number and nothing else ("Dnr: RS 2022/1275"); not two
    years ("2015-1900" wrapped from "MT 2015-1900")."""
    found = rules.diary_number_alone.fullmatch(stripped)
    return found is not None and not is_not_a_number(
        found.group("number"), labelled=found.group("label") is not None
    )


def _unflattened(raws: list[str], rules: AgendaRules) -> Iterator[tuple[int, str]]:
    """The lines, with a long line that holds a list's heading cut into the lines it flattens.

    A transcript can put a whole agenda point on one line: "… § 52 Dnr KS 2024/114 Redovisning
    av delegationsbeslut Till nämnden redovisas följande beslut. 1. … 2. … Nämnden beslutar att
    …". It is cut before each heading and after it, before each "§ N", before each item
    number that goes on from the one before (1., 2., 3. …), and before the sentence that closes
    the list; each piece keeps the line's number.
    """
    for number, raw in enumerate(raws, start=1):
        if len(raw) <= rules.heading_max_length:
            yield number, raw
            continue
        for piece in _pieces(raw, rules):
            yield number, piece


_PARAGRAPH_START = re.compile(r"(?<!\S)§\s*\d")
_CAPITAL = re.compile(r" (?=[A-ZÅÄÖ])")
_INLINE_ITEM = re.compile(r"(?<!\S)(\d{1,3})\.\s+(?=[A-ZÅÄÖ])")


def _pieces(line: str, rules: AgendaRules) -> list[str]:
    lowered = line.lower()
    # Where a piece starts, and whether a blank line goes before it.
    cuts: list[tuple[int, bool]] = []
    position = 0
    heading = rules.inline_heading_gate.match(rules.inline_heading, line, lowered)
    if heading is None:
        return [line]
    while heading is not None:
        cuts.append((heading.start(), True))
        cuts.append((heading.end(), False))
        following = rules.inline_heading_gate.match(
            rules.inline_heading, line, lowered, heading.end()
        )
        end = following.start() if following is not None else len(line)
        position = _cut_items(line, heading.end(), end, rules, cuts)
        heading = following
    cuts.extend((found.start(), True) for found in _PARAGRAPH_START.finditer(line, 0, position))
    cuts.extend((found.start(), True) for found in _PARAGRAPH_START.finditer(line, position))
    pieces: list[str] = []
    start = 0
    for cut, blank in sorted(set(cuts)):
        if cut > start:
            pieces.append(line[start:cut].strip())
            if blank:
                pieces.append("")
        start = max(start, cut)
    pieces.append(line[start:].strip())
    return [piece for index, piece in enumerate(pieces) if piece or (index and pieces[index - 1])]


def _cut_items(
    line: str, start: int, end: int, rules: AgendaRules, cuts: list[tuple[int, bool]]
) -> int:
    """Cut ``line[start:end]`` before its numbered items (1., 2. …, in order) and before the
    sentence after the last one that closes the list; where the list's cuts end."""
    expected = 1
    last = start
    for found in _INLINE_ITEM.finditer(line, start, end):
        if int(found.group(1)) == expected:
            cuts.append((found.start(), False))
            expected += 1
            last = found.end()
    if expected == 1:
        return last
    closing = rules.prose.search(line, last, end)
    if closing is not None:
        # The sentence starts at the last capital before the phrase: "Nämnden lägger … till
        # handlingarna", "Socialnämnden beslutar att …".
        capitals = [found.start() + 1 for found in _CAPITAL.finditer(line, last, closing.start())]
        cuts.append((capitals[-1] if capitals else closing.start(), True))
        return closing.start()
    return end


def _leading_number(text: str) -> int | None:
    found = _LEADING_NUMBER.match(text)
    return int(found.group(1)) if found is not None else None


def _drop_page_headers(lines: list[Line], rules: AgendaRules) -> None:
    """A short line repeated near page breaks is a PDF page header or footer: noise. Not an
    item's field ("Beslutsdatum: 2024-02-01" in two items, near "Sida 2 av 3"): dropped, it
    took the decision's date or delegate with it."""
    threshold = rules.repeated_line_noise
    counts = Counter(
        line.text
        for line in lines
        if line.kind is LineKind.TEXT and len(line.text) <= _REPEATED_MAX and line.text[0].isupper()
    )
    field = rules.field_label.match
    repeated = {
        text for text, count in counts.items() if count >= threshold and field(text) is None
    }
    if not repeated:
        return
    # A running head stands by a page's edge each time: the document's first page's top and
    # its last page's foot are edges too. A line that stands there only once is an item's
    # ("Avtal om hyra av hjullastare" wrapped in two items, one of them after "Sida 2 av 3").
    last = len(lines) - 1 - _PAGE_NEIGHBOURHOOD
    # Each line by the edge it stands at: the document's start (-1), its end (its length) or
    # the page break nearest it. A running head stands at as many edges as it is repeated; an
    # item's line above a page break and the next item's same line below it share one edge.
    near: dict[int, int] = {}
    for index, line in enumerate(lines):
        if line.kind is not LineKind.TEXT or line.text not in repeated:
            continue
        edge = -1 if index < _PAGE_NEIGHBOURHOOD else len(lines) if index > last else None
        near_break = _page_break_near(lines, index)
        if near_break is not None:
            edge = near_break
        if edge is not None:
            near[index] = edge
    edges = Counter(text for text, _ in {(lines[index].text, edge) for index, edge in near.items()})
    # One edge at least is a page break: a short document's first and last lines stand by its
    # start and end alone ("10RS2 – … om" / "CT." in two items of four lines), a page's head
    # and foot by a break as well.
    paged = {lines[index].text for index, edge in near.items() if 0 <= edge < len(lines)}
    for index in near:
        text = lines[index].text
        if edges[text] >= threshold and text in paged:
            lines[index].kind = LineKind.NOISE


def _page_break_near(lines: list[Line], index: int) -> int | None:
    """The page break (or page furniture) nearest ``lines[index]``, by its index; None where
    none stands near."""
    low = max(0, index - _PAGE_NEIGHBOURHOOD)
    high = min(len(lines), index + _PAGE_NEIGHBOURHOOD + 1)
    found = [
        position
        for position, line in enumerate(lines[low:high], start=low)
        if line.page_break or (line.kind is LineKind.NOISE and position != index)
    ]
    return min(found, key=lambda position: abs(position - index)) if found else None
