"""Every item of a list of decisions is accounted for, on any layout a board writes it in.

A small grammar of invented Swedish agendas varies, each independently: what stands before the
list (agenda points numbered "5", "5." or "§ 5", or not numbered; a kallelse's head; nothing),
the list's heading, the items' layout (marked, plain paragraphs, tables with column gaps or
pipes, field-by-field cards), each item's content (a diary number of one of several shapes or
none; a date, a delegate, a party or not; wrapped over two lines or not), and what follows the
list (the next agenda point, the board's closing sentence, notices under their own heading,
nothing), with the page's furniture in its middle. The property: the decisions read are exactly
the items written with a diary number, in order, each with its own number and date, and each
item written without one is rejected on its own first line. Nothing else.
"""

from __future__ import annotations

from tests.parse.test_agenda_table_gaps import read


def test_a_tables_first_row_with_nothing_but_its_number_and_subject_is_rejected() -> None:
    # "1" and the subject, the diary number's cell between them empty, read as agenda point 1:
    # the list ended there and the rows below were lost without a word.
    decisions, rejected = read(
        "8 Anmälan av delegationsbeslut\n\n"
        "1         Avtal om hyra av hjullastare för vinterväghållning\n"
        "2   KS 2024/3   Anställning av enhetschef vid gatuenheten\n\n"
        "9 Övriga frågor\n"
    )
    assert [d.diary_number for d in decisions] == ["KS 2024/3"]
    assert [r.source for r in rejected] == ["lista.txt:3"]


def test_an_item_without_its_number_above_the_boards_closing_sentence_is_rejected() -> None:
    # The closing sentence was taken for more of the item above it, which then read as a
    # paragraph about the list: neither a decision nor rejected.
    decisions, rejected = read(
        "8 Anmälan av delegationsbeslut\n\n"
        "Yttrande över detaljplan för Norra kajen\n\n"
        "Nämnden beslutar att lägga redovisningen till handlingarna.\n"
    )
    assert decisions == []
    assert [r.source for r in rejected] == ["lista.txt:3"]


def test_a_paragraph_without_its_number_is_not_taken_into_the_next_decision() -> None:
    # "Yttrande över …" starts like a decision, and a paragraph after it that does not went on
    # with it: the item without its number was lost in the next one's decision.
    decisions, rejected = read(
        "8 Anmälan av delegationsbeslut\n\n"
        "Yttrande över detaljplan för Norra kajen\n\n"
        "Avtal om hyra av hjullastare, KS 2024/4\n\n"
        "Yttrande över detaljplan för\n\n"
        "Sida 2 av 3\n\n"
        "Södra hamnen, KS 2024/7\n"
    )
    assert [d.diary_number for d in decisions] == ["KS 2024/4", "KS 2024/7"]
    assert [r.source for r in rejected] == ["lista.txt:3"]
    # Across the page's furniture the item goes on.
    assert decisions[1].wording == "Yttrande över detaljplan för Södra hamnen, KS 2024/7."


def test_a_line_that_ends_with_a_comma_goes_on_with_its_diary_number_on_the_next() -> None:
    # The second line starts as a table's row does (its diary number first): it was read as the
    # next item, the first rejected for want of a number.
    decisions, rejected = read(
        "8 Anmälan av delegationsbeslut\n\n"
        "Avtal om hyra av hjullastare för vinterväghållning,\n"
        "KS 2024/1, beslut av driftchef Karin Ahl\n"
    )
    assert [d.diary_number for d in decisions] == ["KS 2024/1"]
    assert "hjullastare" in (decisions[0].subject or "")
    assert rejected == []


def test_a_wrapped_line_that_starts_with_beslut_is_no_sub_heading() -> None:
    # "beslut av …" read as the sub-heading "Beslut": the item's delegate and date were dropped.
    decisions, rejected = read(
        "8 Anmälan av delegationsbeslut\n\n"
        "1. Anställning av enhetschef vid gatuenheten, KS 2024/1,\n"
        "   beslut av driftchef Karin Ahl, 2024-02-01\n"
    )
    assert [(d.diary_number, d.decided_on) for d in decisions] == [("KS 2024/1", "2024-02-01")]
    assert rejected == []


def test_a_paragraph_that_ends_its_line_with_its_number_and_a_comma_goes_on() -> None:
    # The line after it was read as the next item, rejected; the decision lost its date.
    decisions, rejected = read(
        "8 Anmälan av delegationsbeslut\n\n"
        "Anställning av enhetschef vid gatuenheten, 24KS1,\n"
        "beslut av driftchef Karin Ahl, 2024-02-01\n"
    )
    assert [(d.diary_number, d.decided_on) for d in decisions] == [("24KS1", "2024-02-01")]
    assert rejected == []


def test_a_field_repeated_near_a_page_break_is_no_page_header() -> None:
    # Two decisions of the same day near "Sida 2 av 3": their date's line was taken for the
    # page's running head, and the first decision stored without its date.
    decisions, rejected = read(
        "8 Anmälan av delegationsbeslut\n\n"
        "Ärende: Avtal om hyra av hjullastare\n"
        "Dnr: KS 2024/3\n"
        "Beslutsdatum: 2024-02-01\n\n"
        "Sida 2 av 3\n\n"
        "Ärende: Anställning av enhetschef\n"
        "Dnr: KS 2024/4\n"
        "Beslutsdatum: 2024-02-01\n"
    )
    assert [(d.diary_number, d.decided_on) for d in decisions] == [
        ("KS 2024/3", "2024-02-01"),
        ("KS 2024/4", "2024-02-01"),
    ]
    assert rejected == []


def test_the_next_agenda_point_with_its_own_diary_number_ends_the_list() -> None:
    # "9 Yttrande …, Dnr KS 2024/900" was taken for more of the item above, which has none:
    # that item became a decision with the next point's number, and was not rejected.
    decisions, rejected = read(
        "8 Anmälan av delegationsbeslut\n\n"
        "1. Avtal om hyra av hjullastare\n\n"
        "9 Yttrande över översiktsplan, Dnr KS 2024/900\n"
    )
    assert decisions == []
    assert [r.source for r in rejected] == ["lista.txt:3"]


def test_an_items_line_repeated_once_by_a_page_break_is_no_running_head() -> None:
    # Two items wrapped alike, one just after "Sida 2 av 3": their first line was taken for the
    # page's running head and dropped, and the item below the page break read as prose.
    decisions, rejected = read(
        "8 Anmälan av delegationsbeslut\n\n"
        "Sida 2 av 3\n\n"
        "Avtal om hyra av hjullastare\n"
        "för vinterväghållning, 2024-02-01\n\n"
        "Yttrande över detaljplan för Norra kajen, KS 2024/3\n\n"
        "Avtal om hyra av hjullastare\n"
        "för snöröjning, KS 2024/5\n\n"
        "9 Övriga frågor\n"
    )
    assert [d.diary_number for d in decisions] == ["KS 2024/3", "KS 2024/5"]
    assert [r.source for r in rejected] == ["lista.txt:5"]
