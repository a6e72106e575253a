"""The agenda reader's shortcuts give what the complete reader gives, agenda by agenda.

Three shortcuts stand between an agenda and its records: the board's sentence recognised in one
match (agenda_fast), the subject of each distinct cut-out text worked out once
(agenda_parties.subject_words) and the item markers read once (agenda_lines). Here whole agendas
are read with them and without them (every item through the general reader, no subject
remembered), and the records must be equal: a shortcut that took an item the general reader
reads otherwise would show as a difference.
"""

from __future__ import annotations

import random
import re
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.model import Decision
from delreg.parse import Record, agenda_items, agenda_parties
from delreg.parse.agenda import read_agenda
from delreg.parse.agenda_fast import board_sentence
from delreg.parse.agenda_parties import remembered_subject, subject_from
from delreg.parse.agenda_rules import agenda_rules
from tests.helpers import SEED, built_in_config
from tests.helpers.documents import EDGE_WORDS, agenda_text, board_items, many_items

CONFIG = built_in_config()

EXAMPLE = SEED


def read_with_shortcuts(text: str) -> list[Record]:
    return list(read_agenda(text, source="doc", config=CONFIG, meeting_year=2024))


def read_without_shortcuts(text: str) -> list[Record]:
    # Every subject worked out afresh, every item through the general reader.
    with (
        mock.patch.object(agenda_parties, "remembered_subject", agenda_parties.subject_from),
        mock.patch.object(agenda_items, "board_sentence", return_value=None),
    ):
        return list(read_agenda(text, source="doc", config=CONFIG, meeting_year=2024))


def generated(seed: int, count: int, *, edges: bool) -> str:
    """An agenda of a board's items under their heading; with ``edges``, some items
    carry a word near the edge of the board's sentence (a label, a second number, a dash …)."""
    rng = random.Random(seed)
    lines = ["Hoppa över navigering", "", "Anmälningsärenden", ""]
    for number, item in enumerate(board_items(count, seed), start=1):
        if edges and rng.random() < 0.3:
            words = item.split(" ")
            words.insert(rng.randrange(len(words) + 1), rng.choice(EDGE_WORDS))
            item = " ".join(words)
        lines.append(f"{number}. {item}")
    lines += ["", "Bilagor", "Läs mer…", ""]
    return "\n".join(lines)


def _agendas() -> list[Any]:
    agendas = [
        pytest.param(SEED.read_text(encoding="utf-8"), id="seed"),
        pytest.param(EXAMPLE.read_text(encoding="utf-8"), id="example"),
    ]
    for seed in (1, 2, 3):
        agendas.append(pytest.param(generated(seed, 400, edges=False), id=f"generated-{seed}"))
        agendas.append(pytest.param(generated(seed, 400, edges=True), id=f"near-the-edge-{seed}"))
    # The PDF benchmark's list: procurement numbers inside the sentence, "(ärende N)" after.
    agendas.append(pytest.param(agenda_text(many_items(300)), id="many-items"))
    return agendas


@pytest.mark.parametrize("text", _agendas())
def test_the_shortcuts_read_an_agenda_as_the_complete_reader_does(text: str) -> None:
    fast = read_with_shortcuts(text)
    assert fast == read_without_shortcuts(text)
    assert any(isinstance(record, Decision) for record in fast)


def test_the_shortcut_is_taken_for_most_generated_items() -> None:
    """Otherwise the comparison above would compare the general reader with itself."""
    taken = 0
    rules = agenda_rules(CONFIG)
    records = read_with_shortcuts(generated(4, 200, edges=False))
    decisions = [record for record in records if isinstance(record, Decision)]
    for decision in decisions:
        wording = decision.wording or ""
        taken += board_sentence(wording, wording.lower(), rules) is not None
    assert taken >= 0.9 * len(decisions)


def test_the_shortcut_takes_procurement_numbers_inside_the_sentence() -> None:
    rules = agenda_rules(CONFIG)
    records = read_with_shortcuts(agenda_text(many_items(16)))
    decisions = [record for record in records if isinstance(record, Decision)]
    inside = [d for d in decisions if d.procurement_number and "ärende" in (d.wording or "")]
    assert len(inside) == 8  # "… MT 2023-0043 (ärende 1), 24RS1000": not just before the number
    for decision in inside:
        wording = decision.wording or ""
        assert board_sentence(wording, wording.lower(), rules) is not None
        number = decision.procurement_number or ""
        assert number in wording and number not in decision.subject


# What may stand where a procurement number is put into a board's sentence: canonical numbers,
# ones written otherwise, one inside a word, a labelled one, a second one.
_PROCUREMENT = st.sampled_from(
    [
        "MT 2023-0043", "MT 2023-0043a", "MT 2021-0007-1", "MT2023-0043", "mt 2023-0043",
        "XMT 2023-0043", "(MT 2023-0043)", "upphandling MT 2023-0043", "MT 2023-0043,",
        "UH 2024/3", "MT 2023-0043 och MT 2024-0001", "2023-0043",
    ]
)  # fmt: skip


@given(
    st.integers(0, 10_000),
    st.lists(st.tuples(_PROCUREMENT, st.integers(0, 40)), min_size=1, max_size=3),
)
@settings(max_examples=80, deadline=None)
def test_procurement_numbers_anywhere_read_as_the_complete_reader_reads_them(
    seed: int, insertions: list[tuple[str, int]]
) -> None:
    items = []
    for item in board_items(3, seed):
        words = item.split(" ")
        for number, place in insertions:
            words.insert(place % (len(words) + 1), number)
        items.append(" ".join(words))
    text = "\n".join(["Anmälningsärenden", *(f"{n}. {item}" for n, item in enumerate(items, 1))])
    assert read_with_shortcuts(text) == read_without_shortcuts(text)


@pytest.mark.parametrize(
    "item",
    [
        "Regiondirektören har beslutat om snöröjning, UH 2024/3",
        "Regiondirektören har beslutat om snöröjning, MT 2023-0043.",
        "Regiondirektören har beslutat om snöröjning MT 2023-0001, MTH 2024/33",
        "Regiondirektören har MT 2023-0043 beslutat om snöröjning, 24RS1",
    ],
)
def test_an_item_ending_in_a_procurement_number_reads_as_the_complete_reader_reads_it(
    item: str,
) -> None:
    text = f"Anmälningsärenden\n1. {item}\n2. Regiondirektören har beslutat om x, 24RS2"
    assert read_with_shortcuts(text) == read_without_shortcuts(text)


def test_a_remembered_subject_is_the_one_worked_out_afresh() -> None:
    cuts: list[str] = []

    def recording(cut: str, connector: re.Pattern[str]) -> str:
        cuts.append(cut)
        return remembered_subject(cut, connector)

    with mock.patch.object(agenda_parties, "remembered_subject", recording):
        read_with_shortcuts(generated(5, 200, edges=False))
    connector = agenda_rules(CONFIG).subject_connector
    assert len(set(cuts)) < len(cuts)  # subjects come back: the memory is used
    assert [remembered_subject(cut, connector) for cut in cuts] == [
        subject_from(cut, connector) for cut in cuts
    ]


def test_the_memory_of_subjects_keeps_configurations_apart() -> None:
    cut = "avseende städning av lokaler"
    plain = re.compile(r"[\s,:;–-]*(?:(?:om|för)\b\s*){0,2}", re.I)
    own = re.compile(r"[\s,:;–-]*(?:(?:om|för|avseende)\b\s*){0,2}", re.I)
    assert remembered_subject(cut, plain) == "avseende städning av lokaler"
    assert remembered_subject(cut, own) == "städning av lokaler"
    assert remembered_subject(cut, plain) == "avseende städning av lokaler"


def test_control_characters_are_still_blanked_when_the_text_has_some() -> None:
    text = generated(6, 20, edges=False)
    noisy = text.replace(" har ", " \x1b[0mhar ", 1)
    records = read_with_shortcuts(noisy)
    assert records == read_without_shortcuts(noisy)
    wordings = [r.wording for r in records if isinstance(r, Decision)]
    assert all("\x1b" not in (wording or "") for wording in wordings)
