"""A table written as text under a head that names its columns: its rows read by the names.

Found by their looks, a row's day, who decided and its party are the cells at its end; a board
that puts "Lagrum", "Anmärkning" or "Kommentar" after who decided had that column run into the
subject and who decided lost. Read by the head's names (delreg.parse.table_columns), each cell
is what its column says, in any order of the columns, a tab or a gap of spaces apart.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.model import Decision
from delreg.parse.agenda import read_agenda
from tests.helpers import Invoke, as_json, built_in_config
from tests.helpers.word_documents import filled_table, word

CONFIG = built_in_config()


# Each column's names as boards write them, and what its cells hold.
_NAMES = {
    "number": ("Dnr", "Diarienummer", "Ärendenummer"),
    "text": ("Ärende", "Beslut", "Ärendemening", "Beskrivning"),
    "date": ("Datum", "Beslutsdatum"),
    "delegate": ("Beslutsfattare", "Delegat", "Beslutande"),
    "extra": ("Lagrum", "Anmärkning", "Kommentar"),
}
_SUBJECTS = (
    "Bostadsanpassningsbidrag för ramp vid entré",
    "Parkeringstillstånd för rörelsehindrad",
    "Ansökan om riksfärdtjänst",
    "Förordnande av tillförordnad enhetschef",
    "Skolskjuts av särskilda skäl",
)
_DELEGATES = ("Socialchef", "Enhetschef IFO", "Biståndshandläggare", "Teknisk chef", "Rektor")
_EXTRAS = ("4 kap. 1 § SoL", "Bifall", "Avslag", "", "Ingen erinran", "9 § LSS")


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, list[dict[str, str]]]:
    """An agenda point with a table of 1-5 rows, its columns in any order, and its rows: its
    cells a tab apart, aligned under the head, or between pipes as a Word document's and a web
    page's table reach the reader (delreg.text), where the day and who decided may be empty."""
    order = draw(st.permutations(list(_NAMES)))
    head = [draw(st.sampled_from(_NAMES[column])) for column in order]
    style = draw(st.sampled_from(("tabs", "aligned", "pipes")))
    # An empty cell of a pipe table vanishes between the gaps of its neighbours.
    empty = ("",) if style == "pipes" else ()
    rows = []
    for serial in range(draw(st.integers(1, 5))):
        day = draw(st.dates(date(2020, 1, 1), date(2026, 12, 31)))
        delegate = draw(st.sampled_from(_DELEGATES + empty))
        # Not yet read so: with who decided left empty, a subject that ends in a title
        # ("… tillförordnad enhetschef") after another text column is taken for who decided.
        subjects = _SUBJECTS if delegate else tuple(s for s in _SUBJECTS if "chef" not in s)
        rows.append(
            {
                "number": f"SN 2024/{301 + serial}",
                "text": draw(st.sampled_from(subjects)),
                "date": draw(st.sampled_from((day.isoformat(), *empty))),
                "delegate": delegate,
                "extra": draw(st.sampled_from(_EXTRAS)),
            }
        )
    cells = [head, *([row[column] for column in order] for row in rows)]
    if style == "tabs":
        lines = ["\t".join(line) for line in cells]
    elif style == "pipes":
        lines = ["| " + " | ".join(line) + " |" for line in cells]
        lines.insert(1, "|" + "---|" * len(order))
    else:
        widths = [max(len(line[at]) for line in cells) + 3 for at in range(len(order))]
        lines = [
            "".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
            for line in cells
        ]
    text = "\n".join(
        ["Socialnämnden", "", "§ 88 Anmälan av delegationsbeslut", "", *lines, "", "§ 89 Övrigt"]
    )
    return text + "\n", rows


@settings(max_examples=60, deadline=None)
@given(tables())
def test_each_cell_is_what_its_column_is_named_in_any_order(
    table: tuple[str, list[dict[str, str]]],
) -> None:
    text, rows = table
    read = [r for r in read_agenda(text, source="doc", config=CONFIG) if isinstance(r, Decision)]
    assert [(d.diary_number, d.decided_on, d.delegate) for d in read] == [
        (row["number"], row["date"] or None, row["delegate"] or None) for row in rows
    ], text
    for decision, row in zip(read, rows, strict=True):
        # What the column after who decided says stays with what was decided.
        assert row["extra"] in decision.subject, text


def test_a_rows_point_of_the_delegation_order_is_its_column() -> None:
    text = (
        "Anmälan av delegationsbeslut\n\n"
        "Nr   Diarienummer    Ärende                          Beslutande      Delegationspunkt\n"
        "1.   BUN 2024/101    Skolskjuts av särskilda skäl    Rektor          4.2\n"
        "2.   BUN 2024/104    Mottagande i grundsärskola      Rektor          3.7\n"
    )
    read = [r for r in read_agenda(text, source="doc", config=CONFIG) if isinstance(r, Decision)]
    assert [(d.diary_number, d.subject, d.delegate, d.delegation_point) for d in read] == [
        ("BUN 2024/101", "Skolskjuts av särskilda skäl", "Rektor", "4.2"),
        ("BUN 2024/104", "Mottagande i grundsärskola", "Rektor", "3.7"),
    ]


# A social board's table as a Word document and a web page give it: "Lagrum" after who decided.
_ROWS = [
    ["Datum", "Ärende", "Dnr", "Beslutsfattare", "Lagrum"],
    ["2024-02-03", "Beslut om bistånd i form av hemtjänst", "SN 2024/301", "Biståndshandläggare",
     "4 kap. 1 § SoL"],
    ["2024-02-05", "Avtal om köp av platser på HVB-hem med Vårdbolaget Ek AB", "SN 2024/302",
     "Socialchef", ""],
]  # fmt: skip


def _word_table(path: Path, rows: list[list[str]] = _ROWS) -> None:
    def build(document: Any) -> None:
        document.add_paragraph("§ 88 Anmälan av delegationsbeslut")
        filled_table(document, rows, style="Table Grid")
        document.add_paragraph("§ 89 Övriga frågor")

    path.write_bytes(word(build))


def _web_table(path: Path, table: list[list[str]] = _ROWS) -> None:
    head = "".join(f"<th>{html.escape(name)}</th>" for name in table[0])
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in table[1:]
    )
    path.write_text(
        "<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>Kallelse</title>"
        "</head><body><h2>§ 88 Anmälan av delegationsbeslut</h2>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        "<h2>§ 89 Övriga frågor</h2></body></html>",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("name", "write"), [("lista.docx", _word_table), ("lista.html", _web_table)]
)
def test_a_word_documents_and_a_web_pages_table_are_read_by_their_heads_names(
    delreg: Invoke, tmp_path: Path, name: str, write: Any
) -> None:
    path = tmp_path / name
    write(path)
    result = delreg("import", str(path), "--meeting", "2024-03-14")
    assert result.exit_code == 0, result.stderr
    listed = sorted(as_json(delreg("list", "--format", "json")), key=lambda d: d["diary_number"])
    assert [(d["diary_number"], d["subject"], d["delegate"], d["decided_on"]) for d in listed] == [
        ("SN 2024/301", "bistånd i form av hemtjänst – 4 kap. 1 § SoL", "Biståndshandläggare",
         "2024-02-03"),
        ("SN 2024/302", "köp av platser på HVB-hem", "Socialchef", "2024-02-05"),
    ]  # fmt: skip


# Cells left empty between filled ones: who decided before a remark, the party before who
# decided. The empty cell vanished between its neighbours' gaps, and the row, read by its
# looks, took the remark for who decided, or lost who decided into the subject.
_EMPTY_CELLS = [
    ["Datum", "Dnr", "Ärende", "Motpart", "Beslutsfattare", "Anmärkning"],
    ["2024-02-03", "SN 2024/311", "Beslut om bistånd i form av ledsagning", "", "",
     "Ingen erinran"],
    ["2024-02-05", "SN 2024/312", "Avtal om köp av platser på HVB-hem", "", "Socialchef",
     "4 kap. 1 § SoL"],
    ["2024-02-07", "SN 2024/313", "Avtal om tolktjänster", "Tolkförmedlingen Norr AB",
     "Enhetschef IFO", ""],
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "write"), [("tomma.docx", _word_table), ("tomma.html", _web_table)]
)
def test_a_tables_empty_cells_leave_each_other_cell_in_its_named_column(
    delreg: Invoke, tmp_path: Path, name: str, write: Any
) -> None:
    path = tmp_path / name
    write(path, _EMPTY_CELLS)
    result = delreg("import", str(path), "--meeting", "2024-03-14")
    assert result.exit_code == 0, result.stderr
    listed = sorted(as_json(delreg("list", "--format", "json")), key=lambda d: d["diary_number"])
    assert [
        (d["diary_number"], d["subject"], d["parties"], d["delegate"], d["decided_on"])
        for d in listed
    ] == [
        ("SN 2024/311", "bistånd i form av ledsagning – Ingen erinran", [], None, "2024-02-03"),
        ("SN 2024/312", "köp av platser på HVB-hem – 4 kap. 1 § SoL", [], "Socialchef",
         "2024-02-05"),
        ("SN 2024/313", "tolktjänster", ["Tolkförmedlingen Norr AB"], "Enhetschef IFO",
         "2024-02-07"),
    ]  # fmt: skip
