"""A decision as the board's sentence: the seed's phrasing from hand-entered fields, the board's
own wording cleaned, the public sentence of a secret decision, and the round trip through the
agenda reader."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delreg.config import Config, load_config
from delreg.model import Decision, Meeting
from delreg.report.build import assemble_meeting_report
from delreg.report.formats import render
from delreg.report.sentences import _clean, board_wording, decision_sentence

DIRECTOR = "Hälso- och sjukvårdsdirektören"


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config()


# Rows of the seed (domain.md) entered by hand: composing them must give the board's sentence.
SEED_ROWS = [
    (
        Decision("23RS1851", "kontrakt", "ultraljudsutrustning", "MT 2023-0053a"),
        "har tecknat upphandlingskontrakt för ultraljudsutrustning MT 2023-0053a, 23RS1851.",
    ),
    (
        Decision("21RS5594", "tilldelningsbeslut", "OCT", "MTH 2021-0115"),
        "har fattat tilldelningsbeslut för OCT MTH 2021-0115, 21RS5594.",
    ),
    (
        Decision("23RS5260", "initiering", "laboratorieinformationssystem", "MT 2023-0089"),
        "har beslutat om initiering av upphandling för laboratorieinformationssystem "
        "MT 2023-0089, 23RS5260.",
    ),
    (
        Decision(
            "23RS13240",
            "pub-avtal",
            "AIDA Data Hub Säker Beräkningstjänst",
            parties=("Region Örebro län", "Linköpings universitet"),
        ),
        "har tecknat personuppgiftsbiträdesavtal mellan Region Örebro län och Linköpings "
        "universitet avseende AIDA Data Hub Säker Beräkningstjänst, 23RS13240.",
    ),
    (
        Decision(
            "24RS278",
            "avtal",
            "försäljning av läkemedel Epclusa",
            parties=("Gilead Sciences Sweden AB", "Region Örebro län"),
        ),
        "har tecknat avtal mellan Gilead Sciences Sweden AB och Region Örebro län om "
        "försäljning av läkemedel Epclusa, 24RS278.",
    ),
    (
        Decision(
            "24RS611",
            "pub-avtal",
            "att tillhandahålla service och support på instrumentet Liason XL",
            parties=("Diasorin AB",),
        ),
        "har tecknat personuppgiftsbiträdesavtal med Diasorin AB avseende att tillhandahålla "
        "service och support på instrumentet Liason XL, 24RS611.",
    ),
    (
        Decision(
            "23RS9593-4", "tillaggsbeslut", "särskild anställningsprövning för sommarvikarier"
        ),
        "har fattat tilläggsbeslut om särskild anställningsprövning för sommarvikarier, "
        "23RS9593-4.",
    ),
    (
        Decision("24RS841", "beslut", "läsbehörighet i patientjournal"),
        "har beslutat om läsbehörighet i patientjournal, 24RS841.",
    ),
]


@pytest.mark.parametrize(("decision", "expected"), SEED_ROWS, ids=lambda v: getattr(v, "kind", ""))
def test_a_hand_entered_decision_reads_as_the_board_writes_it(
    config: Config, decision: Decision, expected: str
) -> None:
    with_delegate = dataclasses.replace(decision, delegate=DIRECTOR)
    assert decision_sentence(with_delegate, config) == f"{DIRECTOR} {expected}"
    # Without a delegate of its own and none configured, the sentence names no one: no
    # invented "Delegaten", the same decision in the passive.
    start = next(active for active in PASSIVE if expected.startswith(active))
    assert decision_sentence(decision, config) == PASSIVE[start] + expected[len(start) :]


# The passive a secretary writes when the delegate is not known.
PASSIVE = {
    "har tecknat upphandlingskontrakt": "Upphandlingskontrakt har tecknats",
    "har fattat tilldelningsbeslut": "Tilldelningsbeslut har fattats",
    "har beslutat om": "Beslut har fattats om",
    "har tecknat personuppgiftsbiträdesavtal": "Personuppgiftsbiträdesavtal har tecknats",
    "har tecknat avtal": "Avtal har tecknats",
    "har fattat tilläggsbeslut": "Tilläggsbeslut har fattats",
}


def test_the_configured_delegate_decides_when_the_decision_names_none(tmp_path: Path) -> None:
    own = tmp_path / "config.toml"
    own.write_text('[register]\ndelegate = "regiondirektören"\n', encoding="utf-8")
    decision = Decision("24RS841", "beslut", "läsbehörighet i patientjournal")
    assert decision_sentence(decision, load_config(own)) == (
        "Regiondirektören har beslutat om läsbehörighet i patientjournal, 24RS841."
    )


def test_an_award_is_made_in_favour_of_its_supplier_not_with_it(config: Config) -> None:
    award = Decision(
        "23RS710",
        "tilldelningsbeslut",
        "ultraljudsutrustning",
        "MT 2023-0043",
        parties=("Acme Medical AB",),
        delegate=DIRECTOR,
    )
    assert decision_sentence(award, config) == (
        f"{DIRECTOR} har fattat tilldelningsbeslut för ultraljudsutrustning MT 2023-0043 "
        "till förmån för Acme Medical AB, 23RS710."
    )
    two = dataclasses.replace(award, parties=("Acme Medical AB", "Ultraljud Norden AB"))
    assert decision_sentence(two, config).endswith(
        "till förmån för Acme Medical AB och Ultraljud Norden AB, 23RS710."
    )
    # A contract is signed with its counterparty.
    contract = dataclasses.replace(award, kind="kontrakt", diary_number="23RS764")
    assert "upphandlingskontrakt med Acme Medical AB för" in decision_sentence(contract, config)


def test_a_bare_verb_takes_its_counterparty_after_the_subject(config: Config) -> None:
    decision = Decision("24RS9", "beslut", "hyra av lokal.", parties=("A AB", "B AB", "C AB"))
    assert decision_sentence(decision, config) == (
        "Beslut har fattats om hyra av lokal mellan A AB, B AB och C AB, 24RS9."
    )


def test_a_procurement_number_in_the_subject_is_not_repeated(config: Config) -> None:
    decision = Decision("23RS710", "tilldelningsbeslut", "ultraljud MT 2023-0043", "MT 2023-0043")
    assert decision_sentence(decision, config).count("MT 2023-0043") == 1


def test_the_boards_wording_wins_and_is_cleaned() -> None:
    wording = (
        "Hälso- och sjukvårdsdirektören har beslutar om initiering av\n"
        "  upphandling av ögonproteser, 24RS564"
    )
    assert board_wording(wording) == (
        "Hälso- och sjukvårdsdirektören har beslutat om initiering av upphandling av "
        "ögonproteser, 24RS564."
    )
    assert board_wording("Beslut om x, 24RS1.") == "Beslut om x, 24RS1."


def test_wording_is_used_only_while_it_is_there(config: Config) -> None:
    decision = Decision("24RS1", "beslut", "x", wording="Regiondirektören har beslutat om x, 24RS1")
    assert decision_sentence(decision, config) == "Regiondirektören har beslutat om x, 24RS1."
    cleared = dataclasses.replace(decision, wording=None, delegate="regiondirektören")
    assert decision_sentence(cleared, config) == "Regiondirektören har beslutat om x, 24RS1."


def test_a_secret_decision_in_public_keeps_only_who_what_kind_and_which_case(
    config: Config,
) -> None:
    decision = Decision(
        "24RS278",
        "tilldelningsbeslut",
        "läkemedel Epclusa",
        "MT 2024-0001",
        parties=("Gilead Sciences Sweden AB",),
        delegate=DIRECTOR,
        secret=True,
        wording="Hälso- och sjukvårdsdirektören har fattat tilldelningsbeslut för Epclusa",
    )
    assert decision_sentence(decision, config, public=True) == (
        f"{DIRECTOR} har fattat tilldelningsbeslut (Uppgift omfattas av sekretess), 24RS278."
    )
    assert "Epclusa" in decision_sentence(decision, config)


def test_configured_subject_words_and_kinds(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[kinds.programbeslut]\nlabel = "Programbeslut"\nphrase = "fattat programbeslut"\n'
        '[report.subject_words]\nprogrambeslut = "för"\n',
        encoding="utf-8",
    )
    custom = load_config(path)
    decision = Decision("KS 2023/145", "programbeslut", "ny skola", delegate="kommundirektören")
    assert decision_sentence(decision, custom) == (
        "Kommundirektören har fattat programbeslut för ny skola, KS 2023/145."
    )


# --- the round trip: a register written as agenda text and read back by the importer ----------

# Words that name no kind, so that the reader's kind comes from the phrase alone.
SUBJECT_WORDS = st.sampled_from(
    ["ultraljudsutrustning", "bårsystem", "ambulans", "mobil", "CT", "konsulttid", "robotar",
     "diskdesinfektor", "ögonproteser", "läsbehörighet", "städtjänster", "tolkning", "lokaler",
     "laboratorieinformationssystem", "sommarvikarier", "Epclusa", "försäljning", "läkemedel"]
)  # fmt: skip
PARTIES = st.sampled_from(
    ["Acme Medical AB", "Region Örebro län", "Gilead Sciences Sweden AB", "Diasorin AB",
     "Linköpings universitet", "Elsa Science AB", "Takeda Pharma AB"]
)  # fmt: skip
DELEGATES = st.sampled_from([None, DIRECTOR, "Regiondirektören", "Upphandlingschefen"])
DIARY_NUMBERS = st.one_of(
    st.builds(lambda y, n: f"{y}RS{n}", st.integers(10, 29), st.integers(1, 99999)),
    st.builds(lambda y, n: f"{y}RS{n}-{n % 7 + 1}", st.integers(10, 29), st.integers(1, 9999)),
    st.builds(lambda y, n: f"RS {y}/{n}", st.integers(2015, 2029), st.integers(1, 9999)),
)
PROCUREMENT_NUMBERS = st.one_of(
    st.none(),
    st.builds(
        lambda prefix, year, serial, tail: f"{prefix} {year}-{serial:04d}{tail}",
        st.sampled_from(["MT", "MTH"]),
        st.integers(2015, 2029),
        st.integers(1, 9999),
        st.sampled_from(["", "a", "d", "-1", "-5"]),
    ),
)


@st.composite
def registers(draw: st.DrawFn, config: Config) -> list[Decision]:
    numbers = draw(st.lists(DIARY_NUMBERS, min_size=1, max_size=8, unique=True))
    decisions = []
    for number in numbers:
        kind = draw(st.sampled_from(sorted(config.kinds)))
        decisions.append(
            Decision(
                diary_number=number,
                kind=kind,
                subject=" ".join(draw(st.lists(SUBJECT_WORDS, min_size=1, max_size=4))),
                procurement_number=draw(PROCUREMENT_NUMBERS),
                parties=tuple(draw(st.lists(PARTIES, max_size=3, unique=True))),
                delegate=draw(DELEGATES),
            )
        )
    return decisions


CONFIG = load_config()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decisions=registers(CONFIG))
def test_a_register_written_as_agenda_text_reads_back_the_same(decisions: list[Decision]) -> None:
    agenda = pytest.importorskip("delreg.parse.agenda")
    report = assemble_meeting_report(
        Meeting("2024-02-15", "Hälso- och sjukvårdsnämnden", 16),
        fixed=[],
        waiting=decisions,
        notices=[],
        config=CONFIG,
    )
    text = render(report, "txt", CONFIG).decode()
    read = list(agenda.read_agenda(text, source="report.txt", config=CONFIG, meeting_year=2024))
    assert all(isinstance(record, Decision) for record in read), read
    written = [
        (item.decision.diary_number, item.decision.kind, item.decision.procurement_number)
        for item in report.items
    ]
    assert [
        (record.diary_number, record.kind, record.procurement_number)
        for record in read
        if isinstance(record, Decision)
    ] == written


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=30))
def test_cleaning_a_text_folds_its_white_space_and_trims_its_ends(text: str) -> None:
    # _clean's shortcut for a printable text without double spaces gives what folding gives.
    assert _clean(text) == " ".join(text.split()).strip(" .,;:")
