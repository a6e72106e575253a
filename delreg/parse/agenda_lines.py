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
    lines = [_classify(number, raw, rules) for number, raw in enumerate(text.split("\n"), start=1)]
    if rules.repeated_line_noise:
        _drop_page_headers(lines, rules.repeated_line_noise)
    return lines


def _classify(number: int, raw: str, rules: AgendaRules) -> Line:
    stripped = raw.strip()
    if not stripped:
        return Line(number, LineKind.BLANK, "", page_break="\f" in raw)
    indent = len(raw) - len(raw.lstrip())
    line = Line(
        number,
        LineKind.TEXT,
        stripped,
        indent,
        bulleted=stripped[0] in _BULLETS,
        page_break="\f" in raw,
    )
    if len(stripped) <= rules.heading_max_length:
        kind = _short_line_kind(stripped, rules)
        if kind is not None:
            line.kind = kind
            line.item_number = _leading_number(stripped)
            return line
    marker = rules.item_marker.match(stripped)
    if marker is not None:
        line.kind = LineKind.ITEM
        line.style = _style(marker)
        line.marker = marker.group().strip()
        line.text = stripped[marker.end() :]
        line.item_number = _leading_number(line.marker)
        return line
    if len(stripped) <= _DIARY_LINE_MAX and rules.diary_number_alone.fullmatch(stripped):
        line.kind = LineKind.DIARY_NUMBER
    return line


_HEADING_KINDS = (
    ("decision", LineKind.DECISION_HEADING),
    ("notice", LineKind.NOTICE_HEADING),
    ("end", LineKind.END),
    ("sub", LineKind.SUBHEADING),
)


def _short_line_kind(stripped: str, rules: AgendaRules) -> LineKind | None:
    if rules.noise.fullmatch(stripped):
        return LineKind.NOISE
    if stripped.endswith(".") and not stripped.endswith("..."):
        # A heading does not end with a full stop, and most item lines do: skip the patterns.
        return None
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


def _leading_number(text: str) -> int | None:
    found = _LEADING_NUMBER.match(text)
    return int(found.group(1)) if found is not None else None


def _style(marker: re.Match[str]) -> str:
    for style, found in marker.groupdict().items():
        if found is not None:
            return style
    return "item"


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
