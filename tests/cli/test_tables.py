"""A table on an 80-column terminal: numbers and dates whole, the prose wraps."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from delreg.cli.output import DECISION_TABLE, terminal_table

HEADERS = [header for _, header in DECISION_TABLE]
LONG_SUBJECT = (
    "bårsystem ambulans med tillhörande utrustning för sjukvårdens prehospitala verksamhet "
    "i hela regionen, inklusive service och utbildning av personal"
)


def rendered(headers: list[str], rows: list[list[str]], width: int = 80) -> list[str]:
    console = Console(file=io.StringIO(), width=width, no_color=True, highlight=False)
    console.print(terminal_table("Beslut", headers, rows, width))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return [line.rstrip() for line in output.splitlines()]


def row(dnr: str, procurement: str, subject: str = LONG_SUBJECT) -> list[str]:
    return [
        dnr,
        "2023-11-06",
        "tilldelningsbeslut",
        procurement,
        subject,
        "Ambulansteknik i Mälardalen AB; Nordiska Bårar Aktiebolag",
        "2024-02-15",
        "12",
    ]


def test_numbers_and_dates_stay_whole_at_80_columns() -> None:
    rows = [row("23RS12841", "MT 2023-0034-1"), row("KS 2023/145", "MTH 2021-0115", "sängar")]
    lines = rendered(HEADERS, rows)
    assert all(len(line) <= 80 for line in lines)
    text = "\n".join(lines)
    for whole in ("23RS12841", "KS 2023/145", "MT 2023-0034-1", "MTH 2021-0115", "2023-11-06"):
        assert whole in text, f"{whole} is broken across lines:\n{text}"
    # The subject wrapped onto several lines instead, every word of it still there.
    subject_lines = [line for line in lines if "prehospitala" in line or "bårsystem" in line]
    assert subject_lines and len(lines) > 6
    for word in LONG_SUBJECT.replace(",", "").split():
        assert word in text


def test_a_wide_terminal_shows_every_column() -> None:
    lines = rendered(HEADERS, [row("23RS12841", "MT 2023-0034-1")], width=160)
    assert "meeting" in lines[1] and "item" in lines[1]


def test_a_narrow_terminal_leaves_out_meeting_and_item_first() -> None:
    lines = rendered(HEADERS, [row("23RS12841", "MT 2023-0034-1")], width=80)
    header = next(line for line in lines if line.startswith("dnr"))
    assert "meeting" not in header and "item" not in header
    assert "subject" in header and "parties" in header and "procurement" in header


@settings(max_examples=30, deadline=None)
@given(
    number=st.from_regex(r"2[0-9]RS[1-9][0-9]{1,5}", fullmatch=True),
    procurement=st.from_regex(r"MTH? 20[0-9]{2}-[0-9]{4}(-[0-9])?", fullmatch=True),
    subject=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö", min_size=1, max_size=14),
        min_size=1,
        max_size=30,
    ).map(" ".join),
)
def test_any_subject_wraps_around_whole_numbers(
    number: str, procurement: str, subject: str
) -> None:
    text = "\n".join(rendered(HEADERS, [row(number, procurement, subject)]))
    assert number in text and procurement in text and "2023-11-06" in text


def test_the_findings_table_keeps_the_rule_and_the_number_whole() -> None:
    message = (
        "kontrakt 23RS2748 signed 2023-12-08, inside the avtalsspärr of tilldelningsbeslut "
        "23RS2747 (notified 2023-12-01 electronically, 10-day spärr until 2023-12-11)"
    )
    lines = rendered(
        ["rule", "dnr", "message", "hint"],
        [["contract-without-award", "23RS12841", message, "check the dates " * 6]],
    )
    text = "\n".join(lines)
    assert "contract-without-award" in text and "23RS12841" in text
    assert all(len(line) <= 80 for line in lines)
