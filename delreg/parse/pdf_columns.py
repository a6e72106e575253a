"""A page of two columns written line by line across the page: read column by column.

Word, LibreOffice and fpdf2's own columns write a column's lines before the next column's,
and PDFium gives them in that order. Some tools (report generators, a layout placed by hand)
write each baseline across the page: the left column's line, then the right one's on the same
baseline. PDFium then gives both as one line ("1. Val av justerare • Avtal om snöröjning, KS
2024/12"), and the right-hand list's items become text of the left-hand one's.

Such a page shows a wide vertical gap that runs down every line of its columns. Finding one
from the text's boxes costs a call a box, so the page is first probed with a few narrow
vertical strips (``_PROBES``): on a page of text running across, each strip holds text on
most lines, and the page costs those few calls. Only where PDFium's text runs from the left
column's line straight to the right one's is the page read anew (``_written_across``).
"""

from __future__ import annotations

from typing import Any

# Where a gap between columns is looked for, in the page's widths, and the probing strip's
# width in points. Each probe costs a pass over the page's characters (some 20 µs; the page's
# text some 800): three, about the middle where columns split a page, find a gap of some 30
# points (two lines' heights of 10-point text, a column gap in Word is 1.25 cm) anywhere from
# 0.46 to 0.55 of the page's width, a wider one further out.
_PROBES = (0.5, 0.46, 0.54)
_STRIP = 6.0
# A strip crossed by at most this many lines of the page's may still fall in a gap between
# columns: the running head, the foot ("Sida 2 (4)"), a heading above both columns; a line
# crossing it gives a few characters and its end ("\r\n").
_CROSSINGS = 4
_CROSSING_CHARS = 5
# The gap between columns is at least this many line heights wide (a space between words,
# even justified, is far less; a column gap in Word is 1.25 cm, some three lines).
_GAP_LINES = 2.0
# At least this many lines hold text on both sides of the gap.
_LINES_ACROSS = 2
# A line further than this many line heights from the columns' lines is none of theirs (the
# page's foot).
_APART_LINES = 2.5
# Characters from the left column's line's last to the right one's first, where written
# across: the next, or a space or two between.
_STEPS_ACROSS = 3
# A box of text: left, bottom, right, top.
Box = tuple[float, float, float, float]


def in_columns(text_page: Any, width: float, height: float, text: str) -> str | None:
    """The page's text (``text``, as PDFium gives it) read column by column where its lines
    run across a wide vertical gap: what stands above the columns, the left column, the right
    one, what stands below; None where the page has no such gap."""
    if text.count("\n") < _LINES_ACROSS:
        return None
    import pypdfium2.raw as pdfium_c

    for share in _PROBES:
        left = width * share
        # Only the strip's count of characters, lines' ends included: the text itself would
        # cost as much again, on every page.
        count = pdfium_c.FPDFText_GetBoundedText(
            text_page.raw, left, height, left + _STRIP, 0, None, 0
        )
        if count > _CROSSINGS * _CROSSING_CHARS:
            continue
        found = _columns(text_page, left + _STRIP / 2)
        if found is not None:
            top, bottom, middle = found
            parts = (
                text_page.get_text_bounded(top=height, bottom=top),
                text_page.get_text_bounded(right=middle, top=top, bottom=bottom),
                text_page.get_text_bounded(left=middle, top=top, bottom=bottom),
                text_page.get_text_bounded(top=bottom, bottom=0),
            )
            return "\n".join(str(part) for part in parts if part)
    return None


def _columns(text_page: Any, x: float) -> tuple[float, float, float] | None:
    """The columns' top and bottom and where between them the left one ends, where the page's
    lines that hold text on both sides of ``x`` are a block of lines none of which crosses it,
    with a wide gap down it; None where they are not."""
    lines: list[list[Box]] = []
    for index in range(text_page.count_rects()):
        left, bottom, right, top = text_page.get_rect(index)
        middle = (top + bottom) / 2
        for line in lines:
            if line[0][1] <= middle <= line[0][3]:
                line.append((left, bottom, right, top))
                break
        else:
            lines.append([(left, bottom, right, top)])
    lines.sort(key=lambda line: -line[0][3])
    across = [
        number
        for number, line in enumerate(lines)
        if any(box[2] <= x for box in line) and any(box[0] >= x for box in line)
    ]
    if len(across) < _LINES_ACROSS or not all(
        _written_across(text_page, lines[number], x) for number in across
    ):
        return None
    first, last = across[0], across[-1]
    # A column longer than the other goes on below (or starts above) the lines across: its
    # lines are the columns' too, up to a line that crosses the gap or stands apart (the foot).
    while first and _joins(lines[first - 1], lines[first], x):
        first -= 1
    while last + 1 < len(lines) and _joins(lines[last + 1], lines[last], x):
        last += 1
    block = lines[first : last + 1]
    if any(box[0] < x < box[2] for line in block for box in line):
        return None
    left_end = max(box[2] for line in block for box in line if box[2] <= x)
    right_start = min(box[0] for line in block for box in line if box[0] >= x)
    line_height = max(box[3] - box[1] for box in block[0])
    if right_start - left_end < _GAP_LINES * line_height:
        return None
    top = max(box[3] for box in block[0])
    bottom = min(box[1] for box in block[-1])
    # Halfway to the lines above and below, so that no letter of theirs is cut.
    above = lines[first - 1] if first else None
    below = lines[last + 1] if last + 1 < len(lines) else None
    if above is not None:
        top = (top + min(box[1] for box in above)) / 2
    if below is not None:
        bottom = (bottom + max(box[3] for box in below)) / 2
    return (
        top + 0.5 if above is None else top,
        bottom - 0.5 if below is None else bottom,
        (left_end + right_start) / 2,
    )


def _joins(line: list[Box], beside: list[Box], x: float) -> bool:
    """Whether ``line``, next to ``beside`` (a line of the columns), is of the columns too: it
    does not cross ``x`` and stands no further from it than a few lines."""
    if any(box[0] < x < box[2] for box in line):
        return False
    height = max(box[3] - box[1] for box in beside)
    apart = max(
        min(box[1] for box in line) - max(box[3] for box in beside),
        min(box[1] for box in beside) - max(box[3] for box in line),
    )
    return apart <= _APART_LINES * height


def _written_across(text_page: Any, line: list[Box], x: float) -> bool:
    """Whether PDFium's text goes from the line's text left of ``x`` straight on to its text
    right of it: written across the page. Word's and LibreOffice's columns are written column
    by column, and PDFium's text already reads them so (a heading below both, short enough to
    stand in the left column, stays below)."""
    before = max((box for box in line if box[2] <= x), key=lambda box: box[2])
    after = min((box for box in line if box[0] >= x), key=lambda box: box[0])
    tolerance = (before[3] - before[1]) / 2
    last = text_page.get_index(before[2] - 1, (before[1] + before[3]) / 2, 1, tolerance)
    first = text_page.get_index(after[0] + 1, (after[1] + after[3]) / 2, 1, tolerance)
    # A space (PDFium's own, or the text's) may stand between.
    return last is not None and first is not None and 0 < first - last <= _STEPS_ACROSS
