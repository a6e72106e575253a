"""A municipality's notice board (anslagstavla) and items written field by field without text.

A notice board publishes each delegation decision as a notice of its own: a title
("Delegationsbeslut – Bygglov för …") over its fields, among them the notice's own (when it was
put up and is taken down, the body, the last day to appeal), and notices of minutes between.
The first title was taken for the list's heading and its decision lost without a word; the
notice's fields ran into each subject. And an item of fields with no word of what was decided
was taken for prose and lost, though it named its day.
"""

from __future__ import annotations

import json

from delreg.model import Decision
from delreg.parse import Rejected
from delreg.parse.agenda import read_agenda
from tests.helpers import FIXTURES, Invoke, as_json
from tests.parse.test_agenda_layouts import CONFIG


def test_each_notice_of_a_decision_is_a_decision_and_the_notices_own_fields_no_part_of_it(
    delreg: Invoke,
) -> None:
    page = FIXTURES / "html" / "anslagstavla.html"
    result = delreg("import", str(page), "--meeting", "2024-03-14", "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["inserted"], summary["rejected"], summary["notices"]) == (3, [], 0)
    listed = sorted(as_json(delreg("list", "--format", "json")), key=lambda d: d["source"])
    assert [(d["diary_number"], d["subject"], d["decided_on"], d["delegate"]) for d in listed] == [
        ("BN 2024-000123", "Bygglov för nybyggnad av enbostadshus, Björken 3", "2024-03-04", None),
        ("BN 2024-000131", "Strandskyddsdispens för brygga, Näset 1:4", "2024-03-06", None),
        ("KS 2024/88", "detaljplan för kvarteret Lärkan", "2024-03-08", "Kommundirektör"),
    ]


def test_a_heading_word_before_a_decisions_title_is_the_items_not_a_heading() -> None:
    text = (
        "Delegationsbeslut – Avtal om städning av Kulturhuset\n\n"
        "Diarienummer: KS 2024/21\nBeslutsdatum: 2024-02-12\n\n"
        "Delegationsbeslut – Yttrande över remiss om länstransportplan\n\n"
        "Diarienummer: KS 2024/25\nBeslutsdatum: 2024-02-15\n"
    )
    read = [r for r in read_agenda(text, source="doc", config=CONFIG) if isinstance(r, Decision)]
    assert [(d.diary_number, d.kind, d.decided_on) for d in read] == [
        ("KS 2024/21", "avtal", "2024-02-12"),
        ("KS 2024/25", "yttrande", "2024-02-15"),
    ]
    # A period after the heading word keeps it a heading.
    text = "Delegationsbeslut – februari 2024\n\n1. Avtal om städning av Kulturhuset, KS 2024/21\n"
    read = [r for r in read_agenda(text, source="doc", config=CONFIG) if isinstance(r, Decision)]
    assert [d.diary_number for d in read] == ["KS 2024/21"]


def test_fields_without_a_word_of_what_was_decided_are_rejected_where_they_name_its_day() -> None:
    text = (
        "Delegationsbeslut\n\n"
        "Diarienummer: KS 2024/5\nBeslutsdatum: 2024-03-01\nDatum för anslag: 2024-03-02\n"
    )
    records = list(read_agenda(text, source="doc", config=CONFIG))
    assert records == [Rejected("doc:3", "the item has a diary number but no text")]


def test_the_points_own_number_and_its_officer_are_no_decision() -> None:
    text = (
        "§ 12 Anmälan av delegationsbeslut\nDnr: KS 2024/3\nHandläggare: Eva Berg\n\n"
        "1. Avtal om städning med Vallby Städ AB, KS 2024/10\n\n§ 13 Övriga frågor\n"
    )
    read = [r for r in read_agenda(text, source="doc", config=CONFIG)]
    assert [(type(r).__name__, getattr(r, "diary_number", None)) for r in read] == [
        ("Decision", "KS 2024/10")
    ]
