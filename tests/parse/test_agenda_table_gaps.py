"""A table of decisions with a row whose diary number's cell is empty (or whose number's cell
is): that row is rejected for its missing number, and no other row is lost or changed by it.

Before, such a row was read as the next agenda point's title ("2      Avtal med …" under
"8 Anmälan av delegationsbeslut"), which ended the list and dropped the rows below without a
word; or, in a table without a number column, it was taken for more of the row above, whose
date it then replaced.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import Invoke
from tests.helpers import read_list as read

HEADING = "8 Anmälan av delegationsbeslut\n\n"
NEXT_POINT = "\n9 Övriga frågor\n"


def test_a_numbered_rows_empty_diary_number_is_rejected_and_the_rows_below_are_read() -> None:
    decisions, rejected = read(
        HEADING + "| Nr | Dnr | Ärende | Delegat | Datum |\n"
        "| 1 | TN 2024/31 | Avtal med Lärkbo Maskin AB om hyra av hjullastare | Driftchef "
        "Karin Ahl | 2024-02-02 |\n"
        "| 2 |  | Avtal med Norrby Bygg AB om takarbeten | Driftchef Karin Ahl | 2024-02-05 |\n"
        "| 3 | TN 2024/44 | Anställning av enhetschef vid gatuenheten | Förvaltningschef Nils "
        "Berg | 2024-01-24 |\n" + NEXT_POINT
    )
    assert [(d.diary_number, d.decided_on) for d in decisions] == [
        ("TN 2024/31", "2024-02-02"),
        ("TN 2024/44", "2024-01-24"),
    ]
    assert [r.source for r in rejected] == ["lista.txt:5"]
    assert "no diary number" in rejected[0].reason


def test_the_next_agenda_point_still_ends_a_numbered_list() -> None:
    # "9 Övriga frågor" after a list numbered to 3 (under point 8) is the agenda's next point.
    decisions, rejected = read(
        HEADING + "1. Avtal med Lärkbo Maskin AB om hyra av hjullastare, TN 2024/31\n"
        "2. Avtal med Norrby Bygg AB om takarbeten, TN 2024/40\n" + NEXT_POINT
    )
    assert [d.diary_number for d in decisions] == ["TN 2024/31", "TN 2024/40"]
    assert rejected == []


def test_a_row_without_its_diary_number_is_not_taken_for_more_of_the_row_above() -> None:
    decisions, rejected = read(
        HEADING + "Dnr   Ärende   Delegat   Datum\n"
        "TN 2024/31   Avtal med Lärkbo Maskin AB om hyra av hjullastare   Driftchef Karin Ahl"
        "   2024-02-02\n"
        "   Avtal med Norrby Bygg AB om takarbeten   Driftchef Karin Ahl   2024-02-05\n"
        "TN 2024/44   Anställning av enhetschef vid gatuenheten   Förvaltningschef Nils Berg"
        "   2024-01-24\n"
    )
    assert [(d.diary_number, d.decided_on, d.subject) for d in decisions] == [
        ("TN 2024/31", "2024-02-02", "hyra av hjullastare"),
        ("TN 2024/44", "2024-01-24", "enhetschef vid gatuenheten"),
    ]
    assert [r.source for r in rejected] == ["lista.txt:5"]


def test_a_row_without_its_own_number_in_a_numbered_table_is_its_own_decision() -> None:
    decisions, rejected = read(
        HEADING + "| Nr | Dnr | Ärende | Datum |\n"
        "| 1 | TN 2024/31 | Avtal med Lärkbo Maskin AB om hyra av hjullastare | 2024-02-02 |\n"
        "|  | TN 2024/40 | Avtal med Norrby Bygg AB om takarbeten | 2024-02-05 |\n"
        "| 3 | TN 2024/44 | Anställning av enhetschef vid gatuenheten | 2024-01-24 |\n"
    )
    assert [(d.diary_number, d.decided_on) for d in decisions] == [
        ("TN 2024/31", "2024-02-02"),
        ("TN 2024/40", "2024-02-05"),
        ("TN 2024/44", "2024-01-24"),
    ]
    assert rejected == []


def test_a_cell_wrapped_onto_the_next_line_is_still_its_rows() -> None:
    # A PDF's row whose subject and delegate wrap: the second line holds no date of its own.
    decisions, rejected = read(
        HEADING + "Dnr   Ärende   Delegat   Datum\n"
        "TN 2024/31   Avtal med Lärkbo Maskin AB om hyra av   Driftchef   2024-02-02\n"
        "             hjullastare under vintern   Karin Ahl\n"
        "TN 2024/44   Anställning av enhetschef   Förvaltningschef   2024-01-24\n"
    )
    assert [d.diary_number for d in decisions] == ["TN 2024/31", "TN 2024/44"]
    assert "vintern" in (decisions[0].subject or "")
    assert rejected == []


def test_a_head_naming_a_column_of_the_boards_own_is_no_part_of_the_first_decision() -> None:
    # "Område" and "Anmärkning" are columns delreg does not read; the head is still a head.
    decisions, rejected = read(
        HEADING + "| Område | Dnr | Ärende | Delegat | Datum | Anmärkning |\n"
        "| Personal | TN 2024/44 | Anställning av enhetschef vid gatuenheten | Förvaltningschef "
        "Nils Berg | 2024-01-24 | |\n"
        "| Avtal | TN 2024/52 | Avtal med Lärkbo Maskin AB om hyra av hjullastare | Driftchef "
        "Karin Ahl | 2024-02-02 | |\n" + NEXT_POINT
    )
    assert [(d.diary_number, d.decided_on) for d in decisions] == [
        ("TN 2024/44", "2024-01-24"),
        ("TN 2024/52", "2024-02-02"),
    ]
    assert not any("Dnr" in (d.subject or "") for d in decisions), decisions[0].subject
    assert rejected == []


@dataclass(frozen=True)
class Row:
    diary_number: str | None
    subject: str
    day: int


SUBJECTS = [
    "Avtal med Lärkbo Maskin AB om hyra av hjullastare",
    "Anställning av enhetschef vid gatuenheten",
    "Tilldelningsbeslut avseende vinterväghållning",
    "Yttrande över detaljplan för Norra kajen",
    "Beslut om bidrag till Föreningen Solrosen",
]


@st.composite
def tables(draw: st.DrawFn) -> list[Row]:
    serials = draw(st.lists(st.integers(1, 999), min_size=2, max_size=7, unique=True))
    return [
        Row(
            None if draw(st.integers(0, 3)) == 0 else f"TN 2024/{serial}",
            # Each row its own text: the same row printed twice is one item (reported once).
            f"{draw(st.sampled_from(SUBJECTS))} ({serial})",
            draw(st.integers(1, 28)),
        )
        for serial in serials
    ]


# A column that groups the rows, its word written in each row (or a cell merged down over
# them, which a web page's and a Word document's reader write in each row it spans).
GROUPS = ["Personal", "Avtal", "Upphandling", "Miljö och hälsa"]


def render(rows: list[Row], *, numbered: bool, piped: bool, grouped: bool = False) -> str:
    head = ["Nr"] * numbered + ["Område"] * grouped + ["Dnr", "Ärende", "Delegat", "Datum"]
    lines = [head]
    for index, row in enumerate(rows, start=1):
        group = [GROUPS[row.day % len(GROUPS)]] * grouped
        cells = [str(index)] * numbered + group + [row.diary_number or "", row.subject]
        lines.append([*cells, "Driftchef Karin Ahl", f"2024-02-{row.day:02}"])
    if piped:
        body = "\n".join("| " + " | ".join(cells) + " |" for cells in lines)
    else:
        body = "\n".join("   ".join(cells) for cells in lines)
    return HEADING + body + "\n" + NEXT_POINT


@settings(max_examples=80, deadline=None)
@given(rows=tables(), numbered=st.booleans(), piped=st.booleans(), grouped=st.booleans())
def test_every_row_is_a_decision_or_rejected_with_its_own_date(
    rows: list[Row], numbered: bool, piped: bool, grouped: bool
) -> None:
    decisions, rejected = read(render(rows, numbered=numbered, piped=piped, grouped=grouped))
    assert [(d.diary_number, d.decided_on) for d in decisions] == [
        (row.diary_number, f"2024-02-{row.day:02}") for row in rows if row.diary_number is not None
    ]
    if grouped:
        # A row without its number that starts with its group's word reads as no decision:
        # it is told as text about the list, not rejected (accounted for, not lost).
        return
    # Each row without its number is rejected on its own line (the head is line 3).
    assert [r.source for r in rejected] == [
        f"lista.txt:{line}" for line, row in enumerate(rows, start=4) if row.diary_number is None
    ]


def test_the_import_refuses_the_list_and_names_the_row(delreg: Invoke, tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    agenda = tmp_path / "lista.txt"
    agenda.write_text(
        HEADING + "| Nr | Dnr | Ärende | Datum |\n"
        "| 1 | TN 2024/31 | Avtal med Lärkbo Maskin AB om hyra av hjullastare | 2024-02-02 |\n"
        "| 2 |  | Avtal med Norrby Bygg AB om takarbeten | 2024-02-05 |\n"
        "| 3 | TN 2024/44 | Anställning av enhetschef vid gatuenheten | 2024-01-24 |\n",
        encoding="utf-8",
    )
    result = delreg("import", str(agenda), "--meeting", "2024-03-14")
    assert result.exit_code == 1
    assert "lista.txt:5: no diary number" in result.stderr
    assert "read 3 items" in result.stderr and "2 decisions, 1 rejected" in result.stderr
