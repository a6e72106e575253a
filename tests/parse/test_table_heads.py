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
from tests.helpers import Invoke, as_json
from tests.helpers.word_documents import filled_table, word
from tests.parse.test_agenda_layouts import CONFIG

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
    """An agenda point with a table of 1-5 rows, its columns in any order, and its rows."""
    order = draw(st.permutations(list(_NAMES)))
    head = [draw(st.sampled_from(_NAMES[column])) for column in order]
    rows = []
    for serial in range(draw(st.integers(1, 5))):
        day = draw(st.dates(date(2020, 1, 1), date(2026, 12, 31)))
        rows.append(
            {
                "number": f"SN 2024/{301 + serial}",
                "text": draw(st.sampled_from(_SUBJECTS)),
                "date": day.isoformat(),
                "delegate": draw(st.sampled_from(_DELEGATES)),
                "extra": draw(st.sampled_from(_EXTRAS)),
            }
        )
    cells = [head, *([row[column] for column in order] for row in rows)]
    if draw(st.booleans()):
        lines = ["\t".join(line) for line in cells]
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
        (row["number"], row["date"], row["delegate"]) for row in rows
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


def _word_table(path: Path) -> None:
    def build(document: Any) -> None:
        document.add_paragraph("§ 88 Anmälan av delegationsbeslut")
        filled_table(document, _ROWS, style="Table Grid")
        document.add_paragraph("§ 89 Övriga frågor")

    path.write_bytes(word(build))


def _web_table(path: Path) -> None:
    head = "".join(f"<th>{html.escape(name)}</th>" for name in _ROWS[0])
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
        for row in _ROWS[1:]
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
