"""A party named by its label ("Motpart: Vallby Städ AB", "Leverantör: …") or in a table's
column so headed is the decision's party, and neither the label nor the name is left in its
subject: in an item written field by field, in a sentence, and in a PDF's table."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from delreg.model import Decision
from delreg.parse.agenda import read_agenda
from delreg.parse.pdf import read_pdf
from tests.helpers import Invoke, built_in_config
from tests.helpers.office_pdfs import FIXTURES, PARTY_ROWS

CONFIG = built_in_config()


def decisions(text: str) -> list[Decision]:
    records = read_agenda(text, source="lista.txt", config=CONFIG, meeting_year=2024)
    return [record for record in records if isinstance(record, Decision)]


CARDS = """Anmälan av delegationsbeslut

Ärende: Avtal om städtjänster
Dnr: KS 2024/11
Motpart: Vallby Städ AB
Beslutsdatum: 2024-02-01
Delegat: Kommundirektör

Ärende: Tilldelningsbeslut skolskjuts
Dnr: KS 2024/12
Leverantör: Östra Buss AB
Beslutsdatum: 2024-02-03
Delegat: Upphandlingschef
"""


def test_a_labelled_field_names_the_party_and_leaves_the_subject() -> None:
    read = decisions(CARDS)
    assert [(d.diary_number, d.subject, d.parties, d.decided_on) for d in read] == [
        ("KS 2024/11", "städtjänster", ("Vallby Städ AB",), "2024-02-01"),
        ("KS 2024/12", "skolskjuts", ("Östra Buss AB",), "2024-02-03"),
    ]


@pytest.mark.parametrize(
    ("item", "parties", "subject"),
    [
        (
            "1. Avtal om hyra av lokal, KS 2024/13, motpart: Fastighets AB Norrgården.",
            ("Fastighets AB Norrgården",),
            "hyra av lokal",
        ),
        (
            "1. Avtal om hyra av lokal (motpart: Fastighets AB Norrgården), KS 2024/13.",
            ("Fastighets AB Norrgården",),
            "hyra av lokal",
        ),
        # Named twice, by the sentence and by the label: once.
        (
            "1. Avtal med Fastighets AB Norrgården om hyra av lokal, KS 2024/13. "
            "Avtalspart: Fastighets AB Norrgården.",
            ("Fastighets AB Norrgården",),
            "hyra av lokal",
        ),
        # A company's form abbreviated ("ek. för.") is no end of the sentence.
        (
            "1. Avtal om snöröjning. Motpart: Östra Vägföreningen ek. för., KS 2024/7",
            ("Östra Vägföreningen ek. för",),
            "snöröjning",
        ),
        # "Leverantörer" is a label only with its colon: here it is the subject's word.
        (
            "1. Beslut om nya rutiner för leverantörer av hemtjänst, KS 2024/13.",
            (),
            "nya rutiner för leverantörer av hemtjänst",
        ),
    ],
)
def test_a_label_in_a_sentence_names_the_party(
    item: str, parties: tuple[str, ...], subject: str
) -> None:
    (read,) = decisions(f"Anmälan av delegationsbeslut\n\n{item}\n")
    assert (read.parties, read.subject) == (parties, subject)


@pytest.mark.parametrize("name", ["party-ruled", "party-plain"])
def test_a_tables_party_column_names_each_rows_party(name: str) -> None:
    data = (FIXTURES / f"{name}.pdf").read_bytes()
    read = [
        record
        for record in read_pdf(io.BytesIO(data), source=f"{name}.pdf", config=CONFIG)
        if isinstance(record, Decision)
    ]
    assert [(d.diary_number, d.parties, d.delegate, d.decided_on) for d in read] == [
        (diary, (party,), delegate, day) for diary, _, party, delegate, day in PARTY_ROWS
    ]
    assert all(
        party not in (d.subject or "")
        for d, (_, _, party, _, _) in zip(read, PARTY_ROWS, strict=True)
    )


def test_the_party_is_stored_and_listed(delreg: Invoke, tmp_path: Path) -> None:
    agenda = tmp_path / "lista.txt"
    agenda.write_text(CARDS, encoding="utf-8")
    database = str(tmp_path / "register.db")
    done = delreg("--db", database, "import", str(agenda), "--meeting", "2024-03-14")
    assert done.exit_code == 0, done.stderr
    listed = json.loads(delreg("--db", database, "list", "--format", "json").stdout)
    assert sorted((row["diary_number"], row["parties"]) for row in listed) == [
        ("KS 2024/11", ["Vallby Städ AB"]),
        ("KS 2024/12", ["Östra Buss AB"]),
    ]
