"""Telling the lines of an agenda apart: headings, page noise, item starts and running text.

Each line is looked at on its own (plus one pass that finds repeated page headers), so the cost
is a handful of anchored regular-expression matches per line whatever the document's size.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum

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
_LEADING_NUMBER = re.compile(r"[(•·▪◦○●■*\s]*(\d{1,6})(?!\d)")
_DIARY_LINE_MAX = 60
_REPEATED_MAX = 80
_PAGE_NEIGHBOURHOOD = 3


def classify_lines(text: str, rules: AgendaRules) -> list[Line]:
    """Every line of ``text`` (1-based numbers, as an editor counts ``\\n``) with its kind."""
    # One loop with the patterns bound to local names: it runs for every line of documents that
    # can be megabytes long, where each attribute look-up and call shows.
    lines: list[Line] = []
    append = lines.append
    longest_heading = rules.heading_max_length
    marker_at = rules.item_marker.match
    noise = rules.noise.fullmatch
    # The same few markers ("1. ", "2. " …) come back list after list: each is read once.
    markers: dict[str, tuple[str, int | None]] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
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
                continue
            # A heading does not end with a full stop, and most item lines do: skip the patterns.
            if not stripped.endswith(".") or stripped.endswith("..."):
                kind = _heading_kind(stripped, rules)
                if kind is not None:
                    line.kind = kind
                    line.item_number = _leading_number(stripped)
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
        elif len(stripped) <= _DIARY_LINE_MAX and rules.diary_number_alone.fullmatch(stripped):
            line.kind = _DIARY_NUMBER
    if rules.repeated_line_noise:
        _drop_page_headers(lines, rules.repeated_line_noise)
    return lines


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


def _marker_of(written: str, markers: dict[str, tuple[str, int | None]]) -> tuple[str, int | None]:
    """An item marker as written ("12. "): without its spaces, and its number (12)."""
    marker = written.strip()
    markers[written] = known = (marker, _leading_number(marker))
    return known


def _leading_number(text: str) -> int | None:
    found = _LEADING_NUMBER.match(text)
    return int(found.group(1)) if found is not None else None


def _drop_page_headers(lines: list[Line], threshold: int) -> None:
    """A short line repeated near page breaks is a PDF page header or footer: noise."""
    counts = Counter(
        line.text
        for line in lines
        if line.kind is LineKind.TEXT and len(line.text) <= _REPEATED_MAX and line.text[0].isupper()
    )
    repeated = {text for text, count in counts.items() if count >= threshold}
    if not repeated:
        return
    for index, line in enumerate(lines):
        if line.kind is LineKind.TEXT and line.text in repeated and _near_page_break(lines, index):
            line.kind = LineKind.NOISE


def _near_page_break(lines: list[Line], index: int) -> bool:
    low = max(0, index - _PAGE_NEIGHBOURHOOD)
    high = min(len(lines), index + _PAGE_NEIGHBOURHOOD + 1)
    return any(
        line.page_break or (line.kind is LineKind.NOISE and position != index)
        for position, line in enumerate(lines[low:high], start=low)
    )
