"""The agenda-text reader.

The seed (a real agenda page of Region Örebro län) must give domain.md's table field by field;
the invented agendas under fixtures/agendas/ hold the layouts other organisations use, each with
the parse written out by hand; properties check generated lists and arbitrary text.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from delreg.config import Config, merge
from delreg.errors import DelregError, InputError
from delreg.model import Decision, Notice, normalise_diary_number, normalise_procurement_number
from delreg.parse import Record, Rejected, agenda_fast, agenda_items
from delreg.parse.agenda import read_agenda
from delreg.parse.agenda_rules import agenda_rules
from delreg.report.sentences import PREPOSITIONS, decision_sentence
from tests.helpers import FIXTURES as TEST_FIXTURES
from tests.helpers import SEED, Invoke, built_in_config
from tests.helpers.documents import EDGE_WORDS
from tests.helpers.people import personal_numbers

CONFIG = built_in_config()

AGENDAS = TEST_FIXTURES / "agendas"


def read(text: str, *, config: Config = CONFIG, meeting_year: int | None = 2024) -> list[Record]:
    return list(read_agenda(text, source="doc", config=config, meeting_year=meeting_year))


def decisions(records: list[Record]) -> list[Decision]:
    return [record for record in records if isinstance(record, Decision)]


def line_of(record: Decision | Notice | Rejected) -> int:
    assert record.source is not None
    name, _, line = record.source.rpartition(":")
    assert name
    return int(line)


# --- the seed -----------------------------------------------------------------------------

HSD = "Hälso- och sjukvårdsdirektören"
GILEAD = ("Gilead Sciences Sweden AB", "Region Örebro län")
ALL_REGIONS = "regionerna i Sverige inklusive Region Örebro län"

# domain.md's table: (#, dnr, kind, upphandlingsnummer, subject, parties, first line in the seed)
SEED_TABLE: list[tuple[int, str, str, str | None, str, tuple[str, ...], int]] = [
    (1, "23RS1851", "kontrakt", "MT 2023-0053a", "ultraljudsutrustning", (), 61),
    (2, "23RS710", "tilldelningsbeslut", "MT 2023-0043", "ultraljudsutrustning", (), 63),
    (3, "23RS764", "kontrakt", "MT 2023-0043", "ultraljudsutrustning", (), 65),
    (4, "21RS5594", "tilldelningsbeslut", "MTH 2021-0115", "OCT", (), 67),
    (5, "23RS2747", "tilldelningsbeslut", "MT 2023-0063", "ultraljudsutrustning", (), 70),
    (6, "23RS2748", "kontrakt", "MT 2023-0063", "ultraljudsutrustning", (), 72),
    (7, "23RS9746", "tilldelningsbeslut", "MT 2023-0034-1", "bårsystem ambulans", (), 74),
    (8, "23RS12841", "kontrakt", "MT 2023-0034-1", "bårsystem ambulans", (), 76),
    (9, "23RS8710", "tilldelningsbeslut", "MT 2020-0001-5", "mobil CT", (), 78),
    (10, "23RS8711", "kontrakt", "MT 2020-0001-5", "mobil CT", (), 81),
    (11, "23RS12419", "kontrakt", "MTH 2021-0115", "OCT", (), 83),
    (12, "23RS5260", "initiering", "MT 2023-0089", "laboratorieinformationssystem", (), 86),
    (
        13,
        "23RS13240",
        "pub-avtal",
        None,
        "AIDA Data Hub Säker Beräkningstjänst",
        ("Region Örebro län", "Linköpings universitet"),
        88,
    ),
    (14, "24RS278", "avtal", None, "försäljning av läkemedel Epclusa", GILEAD, 90),
    (15, "24RS279", "avtal", None, "försäljning av läkemedel Harvoni", GILEAD, 93),
    (16, "24RS281", "avtal", None, "försäljning av läkemedel Sovaldi", GILEAD, 95),
    (17, "24RS282", "avtal", None, "försäljning av läkemedel Vosevi", GILEAD, 97),
    (
        18,
        "24RS286",
        "avtal",
        None,
        "försäljning av läkemedel Zepatier",
        ("MSD (Sweden) AB", "Region Örebro län"),
        99,
    ),
    (
        19,
        "22RS317",
        "avtal",
        None,
        "försäljning av läkemedel Praluent",
        ("Sanofi AB", ALL_REGIONS),
        101,
    ),
    (
        20,
        "22RS315",
        "avtal",
        None,
        "försäljning av läkemedel Repatha",
        ("Amgen AB", ALL_REGIONS),
        103,
    ),
    (
        21,
        "22RS319",
        "avtal",
        None,
        "försäljning av läkemedel Orladeyo",
        ("BioCryst Ireland Limited", ALL_REGIONS),
        105,
    ),
    (
        22,
        "22RS320",
        "avtal",
        None,
        "försäljning av läkemedel Takhzyro",
        ("Takeda Pharma AB", ALL_REGIONS),
        107,
    ),
    (23, "24RS564", "initiering", None, "ögonproteser", (), 109),
    (
        24,
        "24RS611",
        "pub-avtal",
        None,
        "service och support på instrumentet Liason XL",
        ("Diasorin AB",),
        111,
    ),
    (
        25,
        "24RS650",
        "pub-avtal",
        None,
        "egenmonitoreringssystem för patienter, projekt distansmonitorering av reuma-toid artrit",
        ("Region Örebro län", "Elsa Science AB"),
        113,
    ),
    (
        26,
        "24RS740",
        "initiering",
        None,
        "konsulttid och robotar för migrering och test av data inom ramen för Cosmicinförandet",
        (),
        115,
    ),
    (
        27,
        "23RS9593-4",
        "tillaggsbeslut",
        None,
        "särskild anställningsprövning för sommarvikarier",
        (),
        117,
    ),
    (
        28,
        "24RS841",
        "beslut",
        None,
        "läsbehörighet i patientjournal för kommunalt anställd legitimerad sjuksköterska",
        (),
        119,
    ),
    (29, "23RS12415", "initiering", "MT 2020-0207d", "diskdesinfektor (Kabinettdisk)", (), 121),
]


@pytest.fixture(scope="module")
def seed_records() -> list[Record]:
    return list(read_agenda(SEED.read_text(encoding="utf-8"), source="seed", config=CONFIG))


def test_seed_gives_the_29_decisions_once_each_and_nothing_rejected(
    seed_records: list[Record],
) -> None:
    found = decisions(seed_records)
    assert [decision.diary_number for decision in found] == [row[1] for row in SEED_TABLE]
    assert not [record for record in seed_records if isinstance(record, Rejected)]


@pytest.mark.parametrize("row", SEED_TABLE, ids=[f"item{row[0]}" for row in SEED_TABLE])
def test_seed_item_matches_the_domain_table(
    seed_records: list[Record], row: tuple[int, str, str, str | None, str, tuple[str, ...], int]
) -> None:
    number, diary_number, kind, procurement, subject, parties, line = row
    decision = decisions(seed_records)[number - 1]
    assert decision.diary_number == diary_number
    assert decision.kind == kind
    assert decision.procurement_number == procurement
    assert decision.subject == subject
    assert decision.parties == parties
    assert decision.delegate == HSD
    assert decision.source == f"seed:{line}"
    assert decision.wording is not None
    assert decision.wording.startswith(f"{HSD} har ")
    assert decision.wording.endswith(f", {diary_number}.")


def test_seed_notices_are_the_three_beredning_minutes(seed_records: list[Record]) -> None:
    notices = [record for record in seed_records if isinstance(record, Notice)]
    assert [(notice.date, notice.position, line_of(notice)) for notice in notices] == [
        ("2023-12-08", 1, 125),
        ("2023-12-15", 2, 127),
        ("2024-01-19", 3, 129),
    ]
    assert notices[0].text == "Protokoll beredning för psykiatri 2023-12-08."


def test_seed_notices_follow_the_decisions(seed_records: list[Record]) -> None:
    kinds = [type(record).__name__ for record in seed_records]
    assert kinds == ["Decision"] * 29 + ["Notice"] * 3


@pytest.mark.parametrize(
    ("number", "wording"),
    [
        (
            1,
            f"{HSD} har tecknat upphandlingskontrakt för ultraljudsutrustning MT 2023-0053a, "
            "23RS1851.",
        ),
        # The number wraps onto the next line; the sentence is one line again.
        (4, f"{HSD} har fattat tilldelningsbeslut för OCT MTH 2021-0115, 21RS5594."),
        # "5.Hälso-": no space after the item number.
        (
            5,
            f"{HSD} har fattat tilldelningsbeslut för ultraljudsutrustning MT 2023-0063, 23RS2747.",
        ),
        (
            14,
            f"{HSD} har tecknat avtal mellan Gilead Sciences Sweden AB och Region Örebro län om "
            "försäljning av läkemedel Epclusa, 24RS278.",
        ),
        # "har beslutar" is corrected.
        (23, f"{HSD} har beslutat om initiering av upphandling av ögonproteser, 24RS564."),
        # No full stop in the source: one is added.
        (
            28,
            f"{HSD} har beslutat om läsbehörighet i patientjournal för kommunalt anställd "
            "legitimerad sjuksköterska, 24RS841.",
        ),
    ],
)
def test_seed_wording_is_the_boards_sentence(
    seed_records: list[Record], number: int, wording: str
) -> None:
    assert decisions(seed_records)[number - 1].wording == wording


def test_seed_read_twice_at_different_sources_gives_the_same_parse(
    seed_records: list[Record],
) -> None:
    again = list(read_agenda(SEED.read_text(encoding="utf-8"), source="x", config=CONFIG))
    strip = [(type(record), getattr(record, "diary_number", None)) for record in again]
    assert strip == [
        (type(record), getattr(record, "diary_number", None)) for record in seed_records
    ]


# --- invented agendas of other organisations -------------------------------------------


@dataclass(frozen=True)
class D:
    """An expected decision; fields left at ... are not checked."""

    line: int
    diary_number: str
    kind: str
    subject: str
    procurement_number: str | None = None
    parties: tuple[str, ...] = ()
    delegate: Any = ...
    decided_on: Any = ...


@dataclass(frozen=True)
class N:
    line: int
    date: str | None
    position: int


@dataclass(frozen=True)
class R:
    line: int
    reason_contains: str


Expected = D | N | R

REGIONAL_DIRECTOR = "Regional utvecklingsdirektör"
FIXTURES: dict[str, list[Expected]] = {
    # Bullets at five different indentations, one without a space after it; "Dnr:" and "– Dnr";
    # the numbered agenda around it ("3. ANMÄLAN AV DELEGATIONSBESLUT 2024", "4. Information …").
    "bullets_uneven.txt": [
        D(13, "HSN 2023/1042", "tilldelningsbeslut", "dialysutrustning", "MT 2023-0112",
          delegate=HSD),
        D(15, "HSN 2023/1043", "kontrakt", "dialysutrustning", "MT 2023-0112"),
        D(17, "HSN 2024/77", "pub-avtal", "digitala hjälpmedelsbeställningar",
          parties=("Mediq Sverige AB",)),
        D(19, "HSN 2024/131", "beslut",
          "tillfällig stängning av vårdavdelning 12 under sommaren 2024"),
        D(21, "HSN 2024/140", "tillaggsbeslut", "förlängd öppettid för jourmottagningen i Åsby"),
    ],
    # "§ 58 Redovisning av delegeringsbeslut" with its own Dnr, sub-headings, items a) … d); a
    # delegate in a "Beslutsfattare:" line and a diary number alone on the line below.
    "lettered.txt": [
        D(18, "KS 2024/88", "anstallning", "ekonomichef", delegate="Kommundirektören"),
        D(19, "KS 2024/102", "yttrande",
          "till Länsstyrelsen i Dalarnas län angående strandskyddsdispens för "
          "fastigheten Storvik 4:12", delegate="Ordföranden"),
        D(21, "KS 2024/97", "tilldelningsbeslut", "ramavtal för snöröjning", "UH 2024/3",
          delegate="Upphandlingschef"),
        D(24, "KS 2024/110", "avtal", "lokaler för vuxenutbildningen",
          parties=("Fastighets AB Storviksbo, Kv. Kvarnen 3",), delegate="Kommundirektören"),
    ],
    # "1 . RS 2022/1275 – Regiondirektörens beslut på delegation – …": the number first, en dashes.
    "dnr_first.txt": [
        D(5, "RS 2022/1275", "yttrande",
          "remiss från Socialdepartementet om framtidens läkemedelsförsörjning",
          delegate="Regiondirektören"),
        D(7, "RS 2023/1990", "avtal",
          "samverkan mellan Region Nordanå och Nordanå universitet om klinisk forskning"),
        D(9, "RS 2024/64", "tilldelningsbeslut", "leasing av tjänstebilar", "UPH 2023-77"),
        D(11, "RS 2024/102", "beslut", "Attest av fakturor över fem miljoner kronor under januari",
          delegate="Ekonomidirektören"),
    ],
    # "A. Dnr FSN 2024/211" alone on its line, the text below; lettered notices.
    "dnr_own_line.txt": [
        D(8, "FSN 2024/211", "beslut",
          "tillfälligt utökad bemanning på korttidsboendet Lärkan under sommaren 2024",
          delegate="Förvaltningschefen"),
        D(12, "FSN 2024/230", "avtal", "köp av dagverksamhetsplatser",
          parties=("Stiftelsen Gröna Gården",)),
        D(16, "FSN 2024/241", "beslut", "ändrade öppettider för Västerdals hjälpmedelscentral"),
        N(22, "2024-04-22", 1),
        N(23, "2024-04-30", 2),
    ],
    # "(Dnr RS 2022/1275)", "(Dnr: …)", "(diarienummer …)", "RD:s beslut", odd number shapes.
    "parenthesised.txt": [
        D(6, "RS 2022/1275", "beslut",
          "tillförordnad regional utvecklingsdirektör under semesterperioden",
          delegate="Regiondirektören"),
        D(7, "RS 2018-06226", "yttrande",
          "Trafikverkets förslag till nationell plan för transportinfrastrukturen"),
        D(9, "RS 2021-0267", "bidrag", "destinationsutveckling 2024",
          parties=("Nordanå Turism ekonomisk förening",), delegate=REGIONAL_DIRECTOR),
        D(11, "LS 0806-0619", "beslut", "deltagande i Almedalsveckan", delegate="Ordföranden"),
    ],
    # "… – Regional utvecklingsdirektör, RS2022/2478": the delegate last; "-" without spaces.
    "delegate_last.txt": [
        D(6, "RS 2022/2478", "avtal", "praktikplatser för vårdbiträden",
          parties=("Sydnärkes utbildningsförbund",), delegate=REGIONAL_DIRECTOR),
        D(7, "RS 2022/713-1", "yttrande", "samrådshandling för ny översiktsplan i Vallby kommun",
          delegate="Samhällsplaneringschef"),
        D(8, "RS 2023/77", "tilldelningsbeslut",
          "konsulttjänster inom kollektivtrafik, Nordanå Trafik AB (NTAB)",
          delegate="Trafikdirektör"),
        D(9, "RS 2023/145", "beslut", "ändrad taxa för färdtjänst", delegate="Trafikdirektör"),
    ],
    # No heading at all; a closing note that names a diary number is no decision.
    "no_heading.txt": [
        D(5, "SN 2024/14", "beslut",
          "tillfälligt utökade öppettider för försörjningsstödsenheten under påskveckan",
          delegate="Socialchefen"),
        D(6, "SN 2024/15", "avtal", "köp av platser i stödboende",
          parties=("Stiftelsen Gårdsbo",)),
        D(7, "SN 2024/19", "beslut", "upphandling av familjehemsutredningar",
          delegate="Individ- och familjeomsorgschefen"),
        D(8, "SN 2024/22", "tilldelningsbeslut", "tolktjänster", "UPP 2023-0044"),
    ],
    # "Inga delegationsbeslut har anmälts …" and "Inga meddelanden.": nothing at all.
    "empty_report.txt": [],
    # A delegationsordning and diary numbers mentioned in other agenda points: nothing.
    "mention_only.txt": [],
    # A web page: navigation, "Läs mer…", a cookie banner, an item cut off in its number and
    # one cut off before it.
    "cut_off.txt": [
        D(10, "RUN 2024/211", "beslut",
          "projektmedel till Föreningen Norrbackas hembygdsgillen för projektet Kulturarv i skolan",
          delegate=REGIONAL_DIRECTOR),
        # Who receives the grant is its party ("stöd till A").
        D(13, "RUN 2024/215", "beslut", "företagsstöd för investering i ny såglinje",
          parties=("Nordanå Träindustri AB",)),
        R(16, "cut off"),
        R(19, "no diary number"),
    ],
    # Dates written out: "beslutad den 12 februari 2024", "den 5 mars" (the meeting's year),
    # "8 december 2023"; a notice without a date.
    "worded_dates.txt": [
        D(6, "ÖFN 2024/31", "beslut", "arvode till god man", decided_on="2024-02-12",
          delegate="Överförmyndarhandläggare"),
        D(7, "ÖFN 2024/44", "beslut", "samtycke till försäljning av fastighet",
          decided_on="2024-02-27"),
        D(8, "ÖFN 2024/52", "beslut", "entledigande av förvaltare", decided_on="2024-03-05"),
        N(12, "2024-03-14", 1),
        N(13, "2023-12-08", 2),
        N(14, None, 3),
    ],
    # PDF text: "Sida 2 av 5", form feeds and a repeated page header inside items.
    "pdf_pages.txt": [
        D(6, "RS 2024/412", "avtal",
          "leverans av dosdispenserade läkemedel till särskilda boenden",
          parties=("Region Österfjäll", "Apoteksgruppen i Sverige AB (publ)"),
          delegate="Regiondirektören"),
        D(13, "RS 2024/415", "tilldelningsbeslut", "tolkförmedling", "MT 2024-0031"),
        D(15, "RS 2024/498", "kontrakt", "tolkförmedling", "MT 2024-0031"),
        D(20, "RS 2024/502", "initiering", "städtjänster för vårdcentralerna i norra länsdelen"),
    ],
    # A table: columns separated by runs of spaces or tabs, the date first, the delegate last.
    "table_rows.txt": [
        D(6, "MBN 2024/118", "beslut", "föreläggande om sotning, Tallgatan 4",
          decided_on="2024-04-02", delegate="Miljöinspektör"),
        D(7, "MBN 2024/131", "beslut", "Startbesked för tillbyggnad av enbostadshus",
          decided_on="2024-04-05", delegate="Bygglovshandläggare"),
        D(8, "MBN 2024/97", "beslut", "Avskrivning av ärende om klagomål på buller",
          decided_on="2024-04-11", delegate="Miljöchef"),
    ],
    # Every shape of diary number; party names with a dash, a comma and parentheses, one
    # hyphenated across two lines.
    "mixed_shapes.txt": [
        D(5, "KSN-2017-3447", "avtal", "flytt av ledningar vid Stationsgatan",
          parties=("Vallby Energi AB - elnät",)),
        D(7, "KS 2023/145", "avtal", "arrende av ridhus",
          parties=("Vallby kommun", "Föreningen Norrbacka-Vallby Ridklubb (VRK)")),
        D(9, "RS/333/2023", "beslut", "nedskrivning av kundfordringar", delegate="Ekonomichefen"),
        D(10, "2.2.2/171-2013", "beslut", "gallring av handlingar i det centrala diariet"),
        D(12, "23RS9593-4", "tillaggsbeslut", "lönetillägg för sommarvikarier"),
        D(13, "HSN 2021/395-5", "pub-avtal", "lönesystemet",
          parties=("Visma Enterprise AB, Sverige",)),
    ],
    # The same diary number again: once with the same text (dropped), once with other text.
    "duplicate_conflict.txt": [
        D(3, "RS 2024/7", "beslut", "ändrad öppettid för Vallby vårdcentral"),
        D(4, "RS 2024/9", "avtal", "gemensam nämnd", parties=("Vallby kommun",)),
        R(6, "appears twice with different text (first at doc:3)"),
    ],
}  # fmt: skip


def test_every_fixture_has_an_expectation() -> None:
    assert {path.name for path in AGENDAS.glob("*.txt")} == set(FIXTURES)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_invented_agenda(name: str) -> None:
    records = read((AGENDAS / name).read_text(encoding="utf-8"))
    expected = FIXTURES[name]
    assert [_shape(record) for record in records] == [_shape_of(item) for item in expected]
    for record, item in zip(records, expected, strict=True):
        _check(record, item)


def _shape(record: Record) -> tuple[str, int]:
    return type(record).__name__, line_of(record)


def _shape_of(item: Expected) -> tuple[str, int]:
    names = {D: "Decision", N: "Notice", R: "Rejected"}
    return names[type(item)], item.line


def _check(record: Record, item: Expected) -> None:
    if isinstance(item, R):
        assert isinstance(record, Rejected)
        assert item.reason_contains in record.reason
    elif isinstance(item, N):
        assert isinstance(record, Notice)
        assert (record.date, record.position) == (item.date, item.position)
    else:
        assert isinstance(record, Decision)
        got = (record.diary_number, record.kind, record.subject, record.procurement_number)
        assert got == (item.diary_number, item.kind, item.subject, item.procurement_number)
        assert record.parties == item.parties
        if item.delegate is not ...:
            assert record.delegate == item.delegate
        if item.decided_on is not ...:
            assert record.decided_on == item.decided_on
        # The board's sentence is kept; a table row of more than two columns has none.
        assert record.wording is None or record.wording.endswith(".")


def test_a_cut_off_item_is_rejected_with_its_own_line_number() -> None:
    text = (AGENDAS / "cut_off.txt").read_text(encoding="utf-8")
    rejected = [record for record in read(text) if isinstance(record, Rejected)]
    lines = text.split("\n")
    assert [lines[line_of(record) - 1].strip()[:3] for record in rejected] == ["3. ", "4. "]


def test_a_page_break_inside_an_item_leaves_no_trace_in_its_wording() -> None:
    records = read((AGENDAS / "pdf_pages.txt").read_text(encoding="utf-8"))
    wording = decisions(records)[0].wording
    assert wording == (
        "Regiondirektören har tecknat avtal mellan Region Österfjäll och Apoteksgruppen i "
        "Sverige AB (publ) om leverans av dosdispenserade läkemedel till särskilda boenden, "
        "RS 2024/412."
    )


def test_a_date_without_a_year_needs_the_meeting_year() -> None:
    text = (AGENDAS / "worded_dates.txt").read_text(encoding="utf-8")
    records = read(text, meeting_year=None)
    assert decisions(records)[2].decided_on is None
    notices = [record for record in records if isinstance(record, Notice)]
    assert [notice.date for notice in notices] == [None, "2023-12-08", None]


# --- small documents: one rule each -------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Anmälningsärenden",
        "ANMÄLNINGSÄRENDEN:",
        "8 Anmälningsärenden",
        "8. Anmälan av delegationsbeslut",
        "§ 12 Anmälan av delegationsbeslut",
        "§12 Redovisning av delegeringsbeslut 2024",
        "Redovisning av delegationsbeslut januari–februari 2024",
        "Anmälningar för kännedom",
        "Anmälan av beslut enligt delegation",
        "Delegationsbeslut",
        "Delegationsbeslut fattade under perioden 1–31 januari 2024:",
        " • Anmälningsärenden:",
        "Anmälan om delegationsbeslut",
        "Anmälan av fattade delegationsbeslut",
        "Inkomna delegationsbeslut",
        "Rapport delegationsbeslut",
        "Delgivning av delegationsbeslut",
        "Återrapportering av delegationsbeslut",
        "Redovisning av delegerade beslut",
        "Anmälan av tjänstemannabeslut",
        "Delegationsärenden att anmäla",
        "Delegationsbeslut att anmäla till miljö- och byggnämnden 2024-05-22",
        "Bilaga 1 – Delegationsbeslut februari 2024",
    ],
)
def test_headings_open_the_list(heading: str) -> None:
    text = (
        "Övriga frågor\n"
        "1. Regiondirektören har beslutat om X, RS 2024/900.\n\n"
        f"{heading}\n\n"
        "1. Regiondirektören har beslutat om Y, RS 2024/1.\n\n"
        "§ 13 Information\n"
        "1. Regiondirektören har beslutat om Z, RS 2024/901.\n"
    )
    assert [decision.diary_number for decision in decisions(read(text))] == ["RS 2024/1"]


@pytest.mark.parametrize(
    "line",
    [
        "Anmälan av delegationsbeslut sker varje månad.",
        "Delegationsbeslut om anställning av enhetschef",
        "Förvaltningen har gått igenom anmälan av delegationsbeslut",
        "Delegationsbeslut har fattats enligt bilaga.",
        "Delegationsbeslut att anmäla finns i bilaga 3.",
    ],
)
def test_sentences_that_mention_a_heading_are_not_headings(line: str) -> None:
    text = f"Övriga frågor\n{line}\n1. Regiondirektören har beslutat om X, RS 2024/900.\n§ 4 Y\n"
    # Without a heading the document is read strictly as a list: the numbered item still counts.
    records = read(text)
    assert [decision.diary_number for decision in decisions(records)] == ["RS 2024/900"]


@pytest.mark.parametrize(
    "item",
    [
        "1. Regiondirektören har beslutat om X, RS 2024/1",
        "1 . Regiondirektören har beslutat om X, RS 2024/1",
        "1.Regiondirektören har beslutat om X, RS 2024/1",
        "1) Regiondirektören har beslutat om X, RS 2024/1",
        "a) Regiondirektören har beslutat om X, RS 2024/1",
        "A. Regiondirektören har beslutat om X, RS 2024/1",
        "• Regiondirektören har beslutat om X, RS 2024/1",
        "      •   Regiondirektören har beslutat om X, RS 2024/1",
        "- Regiondirektören har beslutat om X, RS 2024/1",
        "– Regiondirektören har beslutat om X, RS 2024/1",
        "Regiondirektören har beslutat om X – RS 2024/1",
        "Regiondirektören har beslutat om X - RS 2024/1",
        "Regiondirektören har beslutat om X-RS 2024/1",
        "Regiondirektören har beslutat om X RS 2024/1",
        "Regiondirektören har beslutat om X    RS 2024/1",
        "Regiondirektören har beslutat om X (Dnr RS 2024/1)",
        "Regiondirektören har beslutat om X. Dnr: RS 2024/1",
        "Regiondirektören har beslutat om X\n   RS 2024/1",
        "RS 2024/1\nRegiondirektören har beslutat om X",
        "Dnr RS 2024/1 Regiondirektören har beslutat om X",
        "RS 2024/1 – Regiondirektörens beslut på delegation – X",
        "RD:s beslut om X (Dnr RS 2024/1)",
    ],
)
def test_item_layouts(item: str) -> None:
    text = f"Anmälningsärenden\n\n{item}\n\n2. Regiondirektören har beslutat om Y, RS 2024/2.\n"
    found = decisions(read(text))
    assert [(decision.diary_number, decision.subject) for decision in found] == [
        ("RS 2024/1", "X"),
        ("RS 2024/2", "Y"),
    ]
    assert found[0].delegate == "Regiondirektören"
    assert found[0].source == "doc:3"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("23RS1851", "23RS1851"),
        ("23RS9593-4", "23RS9593-4"),
        ("RS 2022/1275", "RS 2022/1275"),
        ("RS2022/1000", "RS 2022/1000"),
        ("RS 2022/713-1", "RS 2022/713-1"),
        ("HSN 2021/395-5", "HSN 2021/395-5"),
        ("KS 2023/145", "KS 2023/145"),
        ("KSN-2017-3447", "KSN-2017-3447"),
        ("RS 2018\u201306226", "RS 2018-06226"),
        ("RS 2021-0267", "RS 2021-0267"),
        ("LS 0806-0619", "LS 0806-0619"),
        ("RS/333/2023", "RS/333/2023"),
        ("Dnr 2.2.2/171-2013", "2.2.2/171-2013"),
        ("Dnr: 24RS841", "24RS841"),
    ],
)
def test_every_shape_of_diary_number(written: str, canonical: str) -> None:
    text = f"Anmälningsärenden\n1. Regiondirektören har beslutat om X, {written}\n"
    assert [decision.diary_number for decision in decisions(read(text))] == [canonical]


def test_a_procurement_number_is_never_taken_for_the_diary_number() -> None:
    text = (
        "Anmälningsärenden\n1. Regiondirektören har fattat tilldelningsbeslut för X MT 2023-0043\n"
    )
    records = read(text)
    assert not decisions(records)
    assert [type(record) for record in records] == [Rejected]


def test_a_malformed_labelled_number_is_rejected() -> None:
    records = read("Anmälningsärenden\n\n1. Regiondirektören har beslutat om X, Dnr: RS-?\n")
    assert len(records) == 1
    assert isinstance(records[0], Rejected)
    assert records[0].source == "doc:3"
    assert "malformed" in records[0].reason


def test_an_item_with_only_a_number_is_rejected() -> None:
    records = read(
        "Anmälningsärenden\n1. RS 2024/3\n2. Regiondirektören har beslutat om Y, RS 2024/4"
    )
    assert [type(record) for record in records] == [Rejected, Decision]
    assert records[0].source == "doc:2"


def test_the_same_item_printed_twice_is_read_once() -> None:
    block = "Anmälningsärenden\n1. Regiondirektören har beslutat om X, RS 2024/1.\n\n§ 9 Y\n"
    records = read(block + block)
    assert [record.source for record in records if isinstance(record, Decision)] == ["doc:2"]


def test_an_item_rejected_in_a_list_printed_twice_is_rejected_once() -> None:
    block = "Anmälningsärenden\n1. Regiondirektören har beslutat om X, RS 2024/\n\n§ 9 Y\n"
    records = read(block + block)
    assert [(type(record), record.source) for record in records] == [(Rejected, "doc:2")]


def test_roman_numerals_mark_items() -> None:
    text = (
        "Anmälningsärenden\n"
        "I. Regiondirektören har beslutat om X, RS 2024/1.\n"
        "II. Regiondirektören har beslutat om Y,\n"
        "    RS 2024/2.\n"
        "III. Regiondirektören har beslutat om Z, RS 2024/3.\n"
    )
    assert [(d.diary_number, d.source) for d in decisions(read(text))] == [
        ("RS 2024/1", "doc:2"),
        ("RS 2024/2", "doc:3"),
        ("RS 2024/3", "doc:5"),
    ]


def test_windows_and_old_mac_line_ends_count_lines_the_same() -> None:
    lines = ["Anmälningsärenden", "", "1. Regiondirektören har beslutat om X, RS 2024/1."]
    for newline in ("\n", "\r\n", "\r"):
        assert [d.source for d in decisions(read(newline.join(lines)))] == ["doc:3"]


def test_a_form_feed_does_not_shift_line_numbers() -> None:
    text = "Anmälningsärenden\n\fSida 1 av 2\n1. Regiondirektören har beslutat om X, RS 2024/1."
    assert [d.source for d in decisions(read(text))] == ["doc:3"]


def test_notices_end_the_list_and_keep_their_own_numbering() -> None:
    text = (
        "Anmälningsärenden\n"
        "1. Regiondirektören har beslutat om X, RS 2024/1.\n"
        "Meddelandeärenden\n"
        "1. Protokoll från samverkansnämnden 8 december 2023.\n"
        "2. Cirkulär från SKR\n"
        "   om arbetsgivarfrågor.\n"
    )
    records = read(text)
    assert [type(record) for record in records] == [Decision, Notice, Notice]
    first, second = records[1], records[2]
    assert isinstance(first, Notice) and isinstance(second, Notice)
    assert (first.date, first.position, first.source) == ("2023-12-08", 1, "doc:4")
    assert (second.text, second.position) == ("Cirkulär från SKR om arbetsgivarfrågor.", 2)


def test_typos_are_corrected_in_the_wording_only_where_configured() -> None:
    text = "Anmälningsärenden\n1. Regiondirektören Har beslutar om X, RS 2024/1\n"
    assert decisions(read(text))[0].wording == "Regiondirektören Har beslutat om X, RS 2024/1."


def test_an_organisation_extends_the_configuration() -> None:
    text = (
        "Beslut fattade av förvaltningen\n"
        "1. Förvaltningschefen har beslutat om X, BN 2024/1.\n"
        "2. Skolchefen har beslutat om Y, BN 2024/2.\n"
        "Punkt som ska bort\n"
        "3. Förvaltningschefen har beslutat om Z, BN 2024/3.\n"
    )
    # Built in: no heading, so the whole list is read.
    assert len(decisions(read(text))) == 3
    own = Config(
        merge(
            CONFIG.raw,
            {
                "agenda": {
                    "headings": ["beslut fattade av förvaltningen"],
                    "noise": ["punkt som ska bort"],
                    "end_headings": [],
                    "corrections": {"skolchefen": "Skoldirektören"},
                }
            },
        )
    )
    found = decisions(read(text, config=own))
    assert [decision.delegate for decision in found] == [
        "Förvaltningschefen",
        "Skoldirektören",
        "Förvaltningschefen",
    ]


def test_a_bad_pattern_in_the_configuration_is_an_input_error() -> None:
    own = Config(merge(CONFIG.raw, {"agenda": {"noise": ["(unclosed"]}}), source="my.toml")
    with pytest.raises(InputError, match=r"agenda\.noise"):
        read("Anmälningsärenden", config=own)


def test_a_wrongly_typed_setting_is_an_input_error() -> None:
    own = Config(merge(CONFIG.raw, {"agenda": {"headings": "Anmälningsärenden"}}))
    with pytest.raises(InputError, match=r"agenda\.headings"):
        read("Anmälningsärenden", config=own)


def test_huge_lines_and_lists_are_read_without_trouble() -> None:
    # Texts that make a backtracking pattern take quadratic time; here they must just finish.
    long_word = "RS" * 100_000
    digits = "2022/" * 50_000
    sentence = "Regiondirektören har beslutat om " + "a " * 100_000 + ", RS 2024/1"
    text = f"Anmälningsärenden\n1. {long_word}\n2. {digits}\n3. {sentence}\n"
    records = read(text)
    assert [type(record) for record in records] == [Rejected, Rejected, Decision]
    items = "\n".join(
        f"{n}. Regiondirektören har beslutat om X, RS 2024/{n}." for n in range(1, 5001)
    )
    assert len(decisions(read(f"Anmälningsärenden\n{items}\n"))) == 5000


# --- properties ---------------------------------------------------------------------------

DIARY_NUMBERS = st.one_of(
    st.builds(lambda y, s, n: f"{y}{s}{n}", st.integers(10, 29), st.sampled_from(["RS", "HSN"]),
              st.integers(1, 99999)),
    st.builds(lambda p, y, n: f"{p} {y}/{n}", st.sampled_from(["RS", "KS", "HSN", "SN", "BUN"]),
              st.integers(2000, 2030), st.integers(1, 9999)),
    st.builds(lambda p, y, n, s: f"{p} {y}/{n}-{s}", st.sampled_from(["RS", "HSN"]),
              st.integers(2000, 2030), st.integers(1, 9999), st.integers(1, 9)),
    st.builds(lambda y, n: f"KSN-{y}-{n}", st.integers(2000, 2030), st.integers(1, 9999)),
    st.builds(lambda y, n: f"RS {y}\u2013{n:05d}", st.integers(2000, 2030), st.integers(1, 9999)),
    st.builds(lambda n, y: f"RS/{n}/{y}", st.integers(1, 999), st.integers(2000, 2030)),
)  # fmt: skip
PROCUREMENT_NUMBERS = st.builds(
    lambda p, y, n, tail: f"{p} {y}-{n:04d}{tail}",
    st.sampled_from(["MT", "MTH"]),
    st.integers(2015, 2030),
    st.integers(1, 9999),
    st.sampled_from(["", "a", "d", "-1", "-5"]),
)
SUBJECT_WORDS = [
    "ultraljudsutrustning", "bårsystem", "ambulans", "mobil", "CT", "dialysutrustning",
    "tolkförmedling", "städtjänster", "vårdcentralerna", "journalsystem", "läkemedel",
    "tjänstebilar", "lokaler", "sommarvikarier", "robotar", "datamigrering", "Kabinettdisk",
]  # fmt: skip
SUBJECTS = st.lists(st.sampled_from(SUBJECT_WORDS), min_size=1, max_size=5).map(" ".join)
# Kinds with their sentence, built from the configuration's own phrasing.
KIND_SENTENCES: dict[str, Callable[[str], str]] = {
    "tilldelningsbeslut": lambda subject: f"har fattat tilldelningsbeslut för {subject}",
    "kontrakt": lambda subject: f"har tecknat upphandlingskontrakt för {subject}",
    "pub-avtal": lambda subject: (
        f"har tecknat personuppgiftsbiträdesavtal med Acme AB avseende {subject}"
    ),
    "avtal": lambda subject: f"har tecknat avtal mellan Region X och Acme AB om {subject}",
    "initiering": lambda subject: f"har beslutat om initiering av upphandling av {subject}",
    "tillaggsbeslut": lambda subject: f"har fattat tilläggsbeslut om {subject}",
    "beslut": lambda subject: f"har beslutat om {subject}",
}  # fmt: skip
# The same kinds as a list names them when the delegate comes last ("Avtal med … – Titel, Dnr").
KIND_LABELS: dict[str, Callable[[str], str]] = {
    "tilldelningsbeslut": lambda subject: f"Tilldelningsbeslut för {subject}",
    "kontrakt": lambda subject: f"Upphandlingskontrakt för {subject}",
    "pub-avtal": lambda subject: f"Personuppgiftsbiträdesavtal med Acme AB avseende {subject}",
    "avtal": lambda subject: f"Avtal med Acme AB om {subject}",
    "initiering": lambda subject: f"Initiering av upphandling av {subject}",
    "tillaggsbeslut": lambda subject: f"Tilläggsbeslut om {subject}",
    "beslut": lambda subject: f"Beslut om {subject}",
}
WITH_PROCUREMENT = {"tilldelningsbeslut", "kontrakt", "initiering"}
# A sentence after an item's diary number, and the dates (valid_from, valid_to) it gives.
DETAILS = [
    ("Avtalet gäller från 2024-02-09.", ("2024-02-09", None)),
    ("Förordnandet gäller till och med 2024-06-30.", (None, "2024-06-30")),
    ("Avtalet gäller 2024-03-01--2025-02-28.", ("2024-03-01", "2025-02-28")),
    ("Avtalet gäller från 1 mars 2024 till 28 februari 2025", ("2024-03-01", "2025-02-28")),
    ("Beslutet har skickats till sökanden.", (None, None)),
    ("Avtalet löper i tre år med option på ett år.", (None, None)),
]


@dataclass(frozen=True)
class Planned:
    diary_number: str
    kind: str
    subject: str
    procurement_number: str | None


PLANNED = st.builds(
    Planned,
    DIARY_NUMBERS,
    st.sampled_from(sorted(KIND_SENTENCES)),
    SUBJECTS,
    st.one_of(st.none(), PROCUREMENT_NUMBERS),
).map(
    lambda planned: (
        planned
        if planned.kind in WITH_PROCUREMENT
        else Planned(planned.diary_number, planned.kind, planned.subject, None)
    )
)


def _render(planned: Planned, index: int, style: str, rng: random.Random) -> str:
    procurement = f" {planned.procurement_number}" if planned.procurement_number else ""
    sentence = f"Regiondirektören {KIND_SENTENCES[planned.kind](planned.subject + procurement)}"
    dnr = planned.diary_number
    indent = " " * rng.randint(0, 6)
    if style == "numbered":
        text = f"{indent}{index}. {sentence}, {dnr}."
    elif style == "bullets":
        text = f"{indent}• {sentence} – Dnr: {dnr}"
    elif style == "lettered":
        text = f"{indent}{'abcdefghijklmnopqrstuvwxyz'[index % 26]}) {sentence} (Dnr {dnr})"
    elif style == "number first":
        text = f"{dnr} – {sentence}."
    elif style == "delegate last":
        label = KIND_LABELS[planned.kind](planned.subject + procurement)
        text = f"{indent}– {label} – Regional utvecklingsdirektör, {dnr}"
    else:  # the number alone on the line before
        text = f"Dnr {dnr}\n{indent}{sentence}."
    if rng.random() < 0.3:
        # Wrap the item at a space, as a narrow column or a PDF would.
        first_line, _, rest = text.rpartition(" ")
        text = f"{first_line}\n{indent}   {rest}"
    return text


HEADINGS = st.sampled_from(
    [
        "Anmälningsärenden:",
        "8 Anmälan av delegationsbeslut",
        "§ 12 Redovisning av delegeringsbeslut",
        "ANMÄLAN AV BESLUT ENLIGT DELEGATION 2024",
        None,
    ]
)
STYLES = st.sampled_from(
    ["numbered", "bullets", "lettered", "number first", "number line", "delegate last"]
)


def _expected(planned: Planned) -> tuple[str, str, str | None]:
    procurement = planned.procurement_number
    return (
        normalise_diary_number(planned.diary_number, CONFIG),
        planned.kind,
        normalise_procurement_number(procurement, CONFIG) if procurement else None,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    planned=st.lists(
        PLANNED, min_size=1, max_size=12, unique_by=lambda planned: _expected(planned)[0]
    ),
    heading=HEADINGS,
    style=STYLES,
    blank_lines=st.booleans(),
    rng=st.randoms(use_true_random=False),
)
def test_a_rendered_list_parses_back(
    planned: list[Planned], heading: str | None, style: str, blank_lines: bool, rng: random.Random
) -> None:
    assume(not (style == "number line" and not blank_lines))
    separator = "\n\n" if blank_lines else "\n"
    items = separator.join(_render(item, n, style, rng) for n, item in enumerate(planned, 1))
    text = f"Kallelse\n\n{heading}\n\n{items}\n\n§ 14 Övriga frågor\n" if heading else items
    records = read(text)
    assert [
        (decision.diary_number, decision.kind, decision.procurement_number)
        for decision in decisions(records)
    ] == [_expected(item) for item in planned]
    assert [decision.subject for decision in decisions(records)] == [
        item.subject for item in planned
    ]
    assert not [record for record in records if isinstance(record, Rejected)]


def _check_invariants(text: str, records: list[Record]) -> None:
    line_count = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    seen = set()
    for record in records:
        assert isinstance(record, Decision | Notice | Rejected)
        assert 1 <= line_of(record) <= line_count
        if isinstance(record, Decision):
            assert record.diary_number not in seen
            seen.add(record.diary_number)
            assert record.diary_number == normalise_diary_number(record.diary_number, CONFIG)
            # The board's sentence, or none (a table's row of columns: one is composed).
            assert record.wording is None or record.wording.endswith((".", "!", "?"))


AGENDA_ALPHABET = st.sampled_from(
    [*"abcdeåäöABCRSÅÄÖ 0123456789.,:;()/-–•§\n\t\f\r", "Dnr ", "RS ", " har ", "MT "]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(AGENDA_ALPHABET, max_size=400).map("".join))
def test_arbitrary_text_raises_nothing_but_delreg_errors(text: str) -> None:
    try:
        records = read(text)
    except DelregError:
        return
    _check_invariants(text, records)


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 8)):
        where = rng.randrange(len(lines))
        action = rng.choice(["cut", "drop", "double", "swap", "insert", "join"])
        if action == "cut":
            lines[where] = lines[where][: rng.randint(0, len(lines[where]))]
        elif action == "drop" and len(lines) > 1:
            del lines[where]
        elif action == "double":
            lines.insert(where, lines[where])
        elif action == "swap":
            other = rng.randrange(len(lines))
            lines[where], lines[other] = lines[other], lines[where]
        elif action == "insert":
            position = rng.randint(0, len(lines[where]))
            noise = rng.choice(["Dnr: ", "RS 20", " – ", "•", "\f", "(", "§ 3", "den 14 mars"])
            lines[where] = lines[where][:position] + noise + lines[where][position:]
        elif where + 1 < len(lines):
            lines[where : where + 2] = [lines[where] + " " + lines[where + 1]]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@settings(max_examples=80, deadline=None)
@given(
    kind=st.sampled_from(sorted(KIND_SENTENCES)),
    subject=SUBJECTS,
    number=DIARY_NUMBERS,
    detail=st.sampled_from(DETAILS),
    named=st.booleans(),
)
def test_a_sentence_after_the_diary_number_is_a_detail_and_no_part_of_the_subject(
    kind: str, subject: str, number: str, detail: tuple[str, tuple[str | None, ...]], named: bool
) -> None:
    said, dates = detail
    item = (
        f"Kommundirektören {KIND_SENTENCES[kind](subject)}" if named else KIND_LABELS[kind](subject)
    )
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}, {number}. {said}\n"))
    assert decision.diary_number == normalise_diary_number(number, CONFIG)
    assert subject in decision.subject
    assert said.split()[0] not in decision.subject
    assert (decision.valid_from, decision.valid_to) == dates


@pytest.mark.parametrize("marker", ["1.", "2)", "12."])
def test_a_number_without_its_text_then_an_item_of_another_style_is_rejected_not_a_crash(
    marker: str,
) -> None:
    # Found by the mutated agendas: the item above, with no line of text, raised IndexError.
    text = (
        f"Anmälningsärenden\n\n{marker}\n\n• Avtal om städ med Vallby Städ AB, KS 2024/5\n\n"
        "§ 9 Övriga frågor\n"
    )
    records = read(text)
    assert [type(record).__name__ for record in records] == ["Rejected", "Decision"]
    assert line_of(records[0]) == 3


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rng=st.randoms(use_true_random=False), name=st.sampled_from([*sorted(FIXTURES), "seed"]))
def test_mutated_agendas_raise_nothing_but_delreg_errors(
    rng: random.Random, name: str, seed_text: str
) -> None:
    original = seed_text if name == "seed" else (AGENDAS / name).read_text(encoding="utf-8")
    text = _mutate(original, rng)
    try:
        records = read(text)
    except DelregError:
        return
    _check_invariants(text, records)


# --- the report's sentences read back -----------------------------------------------------
#
# A decision added by hand has no sentence of the board's; the report composes one from its
# fields (delreg/report/sentences.py), and an agenda holding that sentence must read back as the
# same decision. Some sentences can be read more than one way; the generator leaves those out:
#
# - A subject names no kind ("avtal", "upphandlingskontrakt" …): the earliest kind phrase in the
#   sentence decides its kind. It does not start with a word that ties a kind to its subject
#   ("för", "om", "av" …), which the reader takes off, and does not end with "upphandling",
#   which would label the procurement number after it ("upphandling MT 2023-0043").
# - A party's name does not hold the word that ends a party clause ("om", "avseende" …, and
#   the kind's own word: "med Stiftelsen för X för Y" has two readings), nor digits.
# - Of several parties ("mellan A, B och C"), only the last may hold a comma or an "och".
# - Where the parties come last ("beslutat om X med A"), "med" is read as naming a party only
#   before a capital ("med förbehåll" is part of the subject), so a lone party there starts with
#   one; no name there holds a spaced dash, which could equally set off a delegate named last
#   ("… – Ekonomichef, RS 2024/1"); and the subject says neither "med" nor "mellan".

SUBJECT_HEADS = [
    "ultraljudsutrustning", "bårsystem för ambulans", "mobil CT", "läsbehörighet", "konsulttid",
    "tolktjänster", "städtjänster", "hyra av lokal", "ögonproteser", "snöröjning",
    "diskdesinfektor (Kabinettdisk)", "försäljning av läkemedel Epclusa", "laboratorieanalyser",
    "särskild anställningsprövning", "journalsystem", "egenmonitoreringssystem",
    "arvode till god man",
]  # fmt: skip
SUBJECT_TAILS = [
    "i patientjournal", "för migrering av data", "till vårdcentralerna i norra länsdelen",
    "inom ramen för Cosmicinförandet", "under sommaren 2024", "på instrumentet Liason XL",
    "och robotar", "för sommarvikarier",
]  # fmt: skip
# Names as registers hold them: with commas, dashes, parentheses, an "och", a lower-case start.
PARTY_NAMES = [
    "Acme Medical AB", "Region Örebro län", "Gilead Sciences Sweden AB", "MSD (Sweden) AB",
    "Apoteksgruppen i Sverige AB (publ)", "Linköpings universitet", "BioCryst Ireland Limited",
    "Föreningen Norrbacka-Vallby Ridklubb (VRK)", "Nordic Care & Co KB", "Takeda Pharma AB",
    "Visma Enterprise AB, Sverige", "Fastighets AB Storviksbo, Kv. Kvarnen", "Diasorin AB",
    "Vallby Energi AB - elnät", "Sveriges Kommuner och Regioner", "Elsa Science AB",
    "regionerna i Sverige inklusive Region Örebro län", "Nordanå Trafik AB – kollektivtrafik",
]  # fmt: skip
# As a user types them: the report gives the first letter a capital.
WRITTEN_DELEGATES = [
    None, HSD, "regiondirektören", "Upphandlingschefen", REGIONAL_DIRECTOR, "HR-direktören",
    "Förvaltningschefen", "Kommunstyrelsens ordförande",
]  # fmt: skip
CANONICAL_DIARY_NUMBERS = st.one_of(
    st.builds(lambda y, n: f"{y}RS{n}", st.integers(10, 29), st.integers(1, 99999)),
    st.builds(lambda y, n, s: f"{y}RS{n}-{s}", st.integers(10, 29), st.integers(1, 9999),
              st.integers(1, 9)),
    st.builds(lambda p, y, n: f"{p} {y}/{n}", st.sampled_from(["RS", "HSN", "KS"]),
              st.integers(2000, 2030), st.integers(1, 9999)),
    st.builds(lambda y, n: f"KSN-{y}-{n}", st.integers(2000, 2030), st.integers(1, 9999)),
    st.builds(lambda y, n: f"RS {y}-{n:05d}", st.integers(2000, 2030), st.integers(1, 9999)),
    st.builds(lambda n, y: f"RS/{n}/{y}", st.integers(1, 999), st.integers(2000, 2030)),
)  # fmt: skip
CANONICAL_PROCUREMENT_NUMBERS = st.one_of(
    st.none(),
    st.builds(
        lambda p, y, n, tail: f"{p} {y}-{n:04d}{tail}",
        st.sampled_from(["MT", "MTH"]),
        st.integers(2015, 2030),
        st.integers(1, 9999),
        st.sampled_from(["", "a", "d", "-1", "-5"]),
    ),
)


def _unambiguous_parties(names: list[str], last: bool) -> bool:
    """Whether the report's party clause for ``names`` has one reading (see above)."""
    if any(", " in name or " och " in name for name in names[:-1]):
        return False
    if last:
        spaced_dash = any(dash in name for name in names for dash in (" - ", " – "))
        return not spaced_dash and (len(names) > 1 or names[0][:1].isupper())
    return True


@st.composite
def hand_added_decisions(draw: st.DrawFn, diary_number: str) -> Decision:
    kind = draw(st.sampled_from(sorted(CONFIG.kinds)))
    tails = draw(st.lists(st.sampled_from(SUBJECT_TAILS), max_size=2, unique=True))
    subject = " ".join([draw(st.sampled_from(SUBJECT_HEADS)), *tails])
    # The report puts the parties of a bare verb ("beslutat om") after the subject ...
    phrase = CONFIG.kinds[kind].phrase.split()
    last = len(phrase) == 1 or (len(phrase) == 2 and phrase[-1] in PREPOSITIONS)
    # ... and so does an award's ("till förmån för A", [report.party_words]).
    last = last or kind in CONFIG.section("report").get("party_words", {})
    names = draw(st.lists(st.sampled_from(PARTY_NAMES), max_size=3, unique=True))
    assume(not names or _unambiguous_parties(names, last))
    # "till förmån för A och B" names two suppliers, so a single name with "och" in it reads as
    # two there (the price of naming an award's several suppliers in one clause).
    listed = kind in CONFIG.section("report").get("party_words", {})
    assume(not (listed and any(" och " in name for name in names)))
    return Decision(
        diary_number=diary_number,
        kind=kind,
        subject=subject,
        procurement_number=draw(CANONICAL_PROCUREMENT_NUMBERS),
        parties=tuple(names),
        delegate=draw(st.sampled_from(WRITTEN_DELEGATES)),
    )


@st.composite
def hand_added_registers(draw: st.DrawFn) -> list[Decision]:
    numbers = draw(st.lists(CANONICAL_DIARY_NUMBERS, min_size=1, max_size=4, unique=True))
    return [draw(hand_added_decisions(number)) for number in numbers]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decisions=hand_added_registers(), blank_lines=st.booleans())
def test_the_reports_sentences_read_back_as_the_same_decisions(
    decisions: list[Decision], blank_lines: bool
) -> None:
    sentences = [decision_sentence(decision, CONFIG) for decision in decisions]
    separator = "\n\n" if blank_lines else "\n"
    items = separator.join(f"{n}. {sentence}" for n, sentence in enumerate(sentences, start=1))
    records = read(f"Anmälningsärenden\n\n{items}\n\n§ 14 Övriga frågor\n")
    assert all(isinstance(record, Decision) for record in records), records
    read_back = decisions_of(records)
    assert len(read_back) == len(decisions)
    for decision, sentence, got in zip(decisions, sentences, read_back, strict=True):
        # With no delegate known, the sentence names none (it is passive) and none is read.
        written = decision.delegate or CONFIG.default_delegate
        assert got.delegate == ((written[:1].upper() + written[1:]) or None)
        assert (got.diary_number, got.kind, got.procurement_number) == (
            decision.diary_number,
            decision.kind,
            decision.procurement_number,
        )
        assert got.parties == decision.parties
        assert got.subject == decision.subject
        assert got.wording == sentence


def decisions_of(records: list[Record]) -> list[Decision]:
    return [record for record in records if isinstance(record, Decision)]


@pytest.mark.parametrize(
    ("sentence", "delegate", "parties", "subject"),
    [
        # The report's default delegate is a delegate, not a "Delegat:" label.
        (
            "Delegaten har tecknat upphandlingskontrakt för ultraljud MT 2023-0043, 23RS764.",
            "Delegaten",
            (),
            "ultraljud",
        ),
        # "för" ties the kind to its subject: the party clause ends there.
        (
            "Delegaten har tecknat upphandlingskontrakt med Acme AB för ultraljud MT 2023-0043, "
            "23RS764.",
            "Delegaten",
            ("Acme AB",),
            "ultraljud",
        ),
        # The parties of a bare verb come last; "mellan A, B och C" names three.
        (
            "Delegaten har beslutat om hyra av lokal mellan A AB, B AB och C AB, 24RS1.",
            "Delegaten",
            ("A AB", "B AB", "C AB"),
            "hyra av lokal",
        ),
        (
            "Regiondirektören har beslutat om samverkan med Region Skåne, 24RS1.",
            "Regiondirektören",
            ("Region Skåne",),
            "samverkan",
        ),
        # … but "med" before a word that names no one is part of the subject.
        (
            "Regiondirektören har beslutat om utlämnande av allmän handling med förbehåll, 24RS1.",
            "Regiondirektören",
            (),
            "utlämnande av allmän handling med förbehåll",
        ),
        # Nor right after the kind's phrase: an amount is no one.
        (
            "Regiondirektören har fattat beslut om bidrag med 500-2000 kr per deltagare, 24RS1.",
            "Regiondirektören",
            (),
            "med 500-2000 kr per deltagare",  # what follows the kind's phrase
        ),
        (
            "Regiondirektören har fattat tilldelningsbeslut mellan Acme AB och Region Skåne för "
            "mobil CT MTH 2021-0115, 24RS1.",
            "Regiondirektören",
            ("Acme AB", "Region Skåne"),
            "mobil CT",
        ),
    ],
)
def test_sentences_in_the_reports_shapes(
    sentence: str, delegate: str, parties: tuple[str, ...], subject: str
) -> None:
    (decision,) = decisions_of(read(f"Anmälningsärenden\n1. {sentence}\n"))
    assert (decision.delegate, decision.parties, decision.subject) == (delegate, parties, subject)


# --- the shortcut for the board's sentence ------------------------------------------------
#
# Most items are read by recognising the board's sentence in one match (agenda_fast); the rest
# of the reader must find the same in them. Sentences near the edge of that shape (a label, a
# second number, the verb twice, a long delegate …) check that the shortcut declines or agrees.


@st.composite
def near_board_sentences(draw: st.DrawFn) -> str:
    decision = draw(hand_added_decisions(draw(CANONICAL_DIARY_NUMBERS)))
    words = decision_sentence(decision, CONFIG).split(" ")
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(words)))
        words.insert(where, draw(st.sampled_from(EDGE_WORDS)))
    if draw(st.booleans()):
        words[-1] = draw(st.sampled_from([words[-1].lower(), words[-1].rstrip("."), "(x)"]))
    return " ".join(words)


def _read_both_ways(text: str) -> tuple[Any, Any]:
    rules = agenda_rules(CONFIG)
    text, lowered = agenda_items.normalise_item_text(text, rules)
    shortcut = agenda_items.read_decision_item(
        text, source="s", rules=rules, config=CONFIG, meeting_year=2024, lowered=lowered
    )
    plain = len(lowered) == len(text) and rules.rare_gate.first(lowered) < 0
    general = agenda_items._Item(text, lowered, plain, rules, CONFIG, 2024).read("s")
    return shortcut, general


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=near_board_sentences())
def test_the_shortcut_reads_the_boards_sentence_as_the_general_reader_does(text: str) -> None:
    shortcut, general = _read_both_ways(text)
    assert shortcut == general


def test_the_shortcut_is_taken_for_the_boards_sentence() -> None:
    rules = agenda_rules(CONFIG)
    for decision in decisions(read(SEED.read_text(encoding="utf-8"))):
        wording = decision.wording or ""
        # None of the rare words opens (a label whose gate word is "beslutat" or "fattat"
        # would send every sentence of the board past the shortcut).
        assert rules.rare_gate.first(wording.lower()) < 0, wording
        assert agenda_fast.board_sentence(wording, wording.lower(), rules) is not None
        shortcut, general = _read_both_ways(wording)
        assert shortcut == general


# --- a large agenda -------------------------------------------------------------------------


def generated_agenda(items: int, seed: int = 1) -> tuple[str, list[str]]:
    """An agenda of ``items`` decisions in the seed's shapes (numbered, some wrapped, some
    without a space after the number or a full stop at the end, blank lines between), and
    their diary numbers in order. For profiling: ``generated_agenda(40_000)`` is about 5 MB."""
    rng = random.Random(seed)
    subjects = [*SUBJECT_HEADS, "OCT", "mobil CT", "bårsystem ambulans"]
    lines = ["Kallelse", "", " • Anmälningsärenden:", ""]
    numbers = []
    for n in range(1, items + 1):
        number = f"{rng.randint(20, 24)}RS{n}"
        numbers.append(number)
        procurement = f"MT {rng.randint(2019, 2024)}-{rng.randint(1, 9999):04d}"
        subject = rng.choice(subjects)
        first, second = rng.sample(PARTY_NAMES[:4], 2)
        sentence = [
            f"tecknat upphandlingskontrakt för {subject} {procurement}, {number}.",
            f"fattat tilldelningsbeslut för {subject}\n  {procurement}, {number}.",
            f"beslutat om initiering av upphandling för {subject} {procurement}, {number}.",
            f"tecknat avtal mellan {first} och {second} om {subject},\n  {number}.",
            f"tecknat personuppgiftsbiträdesavtal med {first} avseende {subject}, {number}.",
            f"fattat tilläggsbeslut om {subject}, {number}.",
            f"beslutat om {subject}, {number}",
            f"beslutar om initiering av upphandling av {subject}, {number}.",
        ][n % 8]
        space = "" if n % 13 == 5 else " "
        lines += [f"  {n}.{space}{HSD} har {sentence}", ""]
    lines += ["  Meddelandeärenden:", "", "  1. Protokoll beredning för psykiatri 2023-12-08.", ""]
    return "\n".join(lines), numbers


def test_a_generated_agenda_reads_as_generated() -> None:
    text, numbers = generated_agenda(400)
    records = read(text)
    assert [decision.diary_number for decision in decisions(records)] == numbers
    assert [type(record) for record in records].count(Notice) == 1


# --- what a registry prints besides the board's sentence ------------------------------------------


@pytest.mark.parametrize(
    ("item", "numbers"),
    [
        (
            "1. Regiondirektören har fattat tilldelningsbeslut för ultraljud MT\n   2015-0001, "
            "RS 2024/12.",
            ("RS 2024/12", "MT 2015-0001"),
        ),
        # The second half alone reads as two years, which no line of its own may be.
        (
            "RS/25/2000 – Regiondirektören har beslutat om initiering av upphandling av mobil MT\n"
            "   2026-1900.",
            ("RS/25/2000", "MT 2026-1900"),
        ),
    ],
)
def test_a_procurement_number_wrapped_after_its_prefix_stays_one(
    item: str, numbers: tuple[str, str]
) -> None:
    [decision] = decisions(read(f"Anmälningsärenden\n\n{item}\n"))
    assert (decision.diary_number, decision.procurement_number) == numbers


def test_a_title_that_starts_like_a_procurement_label_names_no_procurement() -> None:
    item = "Tilldelningsbeslut, skolskjuts, KS 2024/345, fattat av upphandlingschef 2024-03-12."
    text = f"Anmälningsärenden\n\n1. {item}\n"
    [decision] = decisions(read(text))
    assert decision.procurement_number is None
    assert (decision.delegate, decision.decided_on) == ("upphandlingschef", "2024-03-12")


@pytest.mark.parametrize(
    ("item", "delegate", "decided_on", "subject"),
    [
        # Who by name, then when, with no comma between: both are read.
        (
            "Avtal om hyra av hjullastare, KS 2024/4, beslut av driftchef Karin Ahl 2024-02-06",
            "driftchef Karin Ahl",
            "2024-02-06",
            "hyra av hjullastare",
        ),
        # Who and when as two parts: the day was read, who decided left in the subject.
        (
            "Avtal om hyra av hjullastare, KS 2024/5, beslut av driftchef Karin Ahl, 2024-02-07",
            "driftchef Karin Ahl",
            "2024-02-07",
            "hyra av hjullastare",
        ),
        # A labelled delegate, then the day after a plain space: the day was left in the subject.
        (
            "Avtal om hyra av lastbil, KS 2024/7, Beslutsfattare: Driftchef Karin Ahl 2024-02-09",
            "Driftchef Karin Ahl",
            "2024-02-09",
            "hyra av lastbil",
        ),
        # The same part without a day after the number: who decided was left in the subject.
        (
            "Avtal om hyra av hjullastare, KS 2024/4, beslut av driftchef Karin Ahl",
            "driftchef Karin Ahl",
            None,
            "hyra av hjullastare",
        ),
        # The same part after a full stop, not a comma: the day was left in the subject.
        (
            "Avtal om hyra av lastbil, KS 2024/7. Beslutsfattare: Driftchef Karin Ahl 2024-02-09",
            "Driftchef Karin Ahl",
            "2024-02-09",
            "hyra av lastbil",
        ),
        (
            "Avtal om hyra av lastbil, KS 2024/7. Beslut av driftchef Karin Ahl 2024-02-09.",
            "driftchef Karin Ahl",
            "2024-02-09",
            "hyra av lastbil",
        ),
        # A sentence that names no one who decided is no day of the decision: a detail after
        # the number (from when it holds), no part of the subject.
        (
            "Avtal om hyra av lastbil, KS 2024/7. Avtalet gäller från 2024-02-09",
            None,
            None,
            "hyra av lastbil",
        ),
        (
            "Avtal om hyra av hjullastare, beslut av driftchef Karin Ahl, KS 2024/4",
            "driftchef Karin Ahl",
            None,
            "hyra av hjullastare",
        ),
        # Within the sentence, "beslut av" is what the item is about, not who decided.
        (
            "Yttrande över överklagande av beslut av länsstyrelsen, KS 2024/8",
            None,
            None,
            "överklagande av beslut av länsstyrelsen",
        ),
        (
            "Yttrande över överklagande, beslut av länsstyrelsen 2024-01-02 gäller, KS 2024/9",
            None,
            None,
            "överklagande, beslut av länsstyrelsen 2024-01-02 gäller",
        ),
        # The day written as some registries print a row's ("2024.03.02", "20240306").
        ("Yttrande till IVO, SN 2024/82, beslutat 2024.03.02", None, "2024-03-02", "till IVO"),
        (
            "Avtal om städ, SN 2024/84, fattat av enhetschef 20240306",
            "enhetschef",
            "2024-03-06",
            "städ",
        ),
        # The same day between the word that says it was decided and who decided: both were
        # left in the subject.
        (
            "Avtal om städ, SN 2024/83, beslutat 5 mars -24 av socialchef",
            "socialchef",
            "2024-03-05",
            "städ",
        ),
        # A labelled delegate between sentences after the number: no doubled full stop left in
        # the subject, and the sentence after it is a detail.
        (
            "Beslut om skolplacering, KS 2024/309. Beslutsfattare: rektor. Beslutet gäller "
            "läsåret.",
            "rektor",
            None,
            "skolplacering",
        ),
        # The number first and a sentence naming another number after the day: the day and
        # who decided were not read and stayed in the subject.
        (
            "TN 2024/31 Tilldelningsbeslut avseende vinterväghållning, Upphandlingschef Sara "
            "Öhman, 2024-01-19. Avtal TN 2024-145.",
            "Upphandlingschef Sara Öhman",
            "2024-01-19",
            "vinterväghållning",
        ),
    ],
)
def test_a_part_beslut_av_names_who_decided_and_the_day_after_them(
    item: str, delegate: str | None, decided_on: str | None, subject: str
) -> None:
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}\n"))
    assert (decision.delegate, decision.decided_on, decision.subject) == (
        delegate,
        decided_on,
        subject,
    )


@settings(max_examples=40, deadline=None)
@given(
    title=st.sampled_from(["driftchef", "Ekonomichef", "enhetschef", "Upphandlingschef"]),
    name=st.sampled_from(["Karin Ahl", "Nils Berg", "Åsa Öberg", ""]),
    day=st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    serial=st.integers(1, 9999),
    stop=st.sampled_from([",", "."]),
    label=st.sampled_from(["beslut av", "Beslut av", "Beslutsfattare:", "Delegat:"]),
)
def test_beslut_av_anyone_then_a_day_is_who_and_when(
    title: str, name: str, day: date, serial: int, stop: str, label: str
) -> None:
    # After a comma or a full stop: "…, KS 2024/7. Beslutsfattare: Driftchef Karin Ahl DATE".
    who = f"{title} {name}".strip()
    item = f"Avtal om hyra av lokal, KS 2024/{serial}{stop} {label} {who} {day.isoformat()}"
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}\n"))
    assert (decision.delegate, decision.decided_on) == (who, day.isoformat())
    assert decision.subject == "hyra av lokal"


SWEDISH_MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip
WRITTEN_DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)).flatmap(
    lambda day: st.sampled_from(
        [day.isoformat(), f"{day.day} {SWEDISH_MONTHS[day.month - 1]} {day.year}"]
    ).map(lambda written: (written, day.isoformat()))
)


@settings(max_examples=60, deadline=None)
@given(
    written=WRITTEN_DATES,
    separator=st.sampled_from([", ", " – ", " - "]),
    number_first=st.booleans(),
)
def test_a_date_standing_last_is_the_day_of_the_decision(
    written: tuple[str, str], separator: str, number_first: bool
) -> None:
    text, day = written
    item = f"Beslut om parkeringstillstånd för rörelsehindrad{separator}{text}"
    line = f"- TN 2024.0034 {item}" if number_first else f"- {item}, Dnr TN 2024.0034"
    [decision] = decisions(read(f"Anmälningsärenden\n\n{line}\n"))
    assert decision.decided_on == day
    assert decision.subject == "parkeringstillstånd för rörelsehindrad"


@settings(max_examples=60, deadline=None)
@given(written=WRITTEN_DATES, phrase=st.sampled_from(["gäller från ", "till och med ", "1 maj–"]))
def test_a_date_inside_a_phrase_stays_in_the_subject(written: tuple[str, str], phrase: str) -> None:
    text, _ = written
    line = f"- Avtal om hyra av lokal, {phrase}{text}, Dnr KS 2024/12"
    [decision] = decisions(read(f"Anmälningsärenden\n\n{line}\n"))
    assert decision.decided_on is None
    assert text in decision.subject


@pytest.mark.parametrize(
    ("item", "subject", "decided_on"),
    [
        # The board's sentence with a date before its number: the shortcut leaves it to the
        # complete reader, which takes the date.
        ("Regiondirektören har fattat beslut om tolktjänster, 2024-04-03, 24RS1003.",
         "tolktjänster", "2024-04-03"),
        ("Avtal med Vallby Konsult AB om tjänster inom VA, KS 2024/399, beslutat 2024-03-15.",
         "tjänster inom VA", "2024-03-15"),
        ("Regiondirektören har fattat beslut om tolktjänster, 24RS1003, 3 april 2024.",
         "tolktjänster", "2024-04-03"),
    ],
)  # fmt: skip
def test_a_date_last_in_the_boards_sentence_is_the_day_of_the_decision(
    item: str, subject: str, decided_on: str
) -> None:
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}\n"))
    assert (decision.subject, decision.decided_on) == (subject, decided_on)


@pytest.mark.parametrize(
    ("item", "delegate", "subject"),
    [
        ("Kommundirektören – Anställning av ekonomichef, KS 2024/88", "Kommundirektören",
         "ekonomichef"),
        ("Upphandlingschef: Tilldelningsbeslut avseende vinterväghållning, TN 2024/77",
         "Upphandlingschef", "vinterväghållning"),
        # A field's label is no title ("Ärende:" names the subject).
        ("Ärende: Avskrivning av fordringar, TN 2024/78", None, "Avskrivning av fordringar"),
    ],
)  # fmt: skip
def test_a_title_first_and_a_dash_or_colon_name_who_decided(
    item: str, delegate: str | None, subject: str
) -> None:
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}\n"))
    assert (decision.delegate, decision.subject) == (delegate, subject)


def test_a_table_rows_date_and_who_decided_are_read_from_their_columns() -> None:
    text = (
        "Anmälan av delegationsbeslut\n\n"
        "KS 2024/12   Yttrande över remiss om vindkraft   2024-05-02   Kommundirektör\n"
        "KS 2024/13   Avtal med Vallby Konsult AB om utredning   3 maj 2024   Ekonomichef\n"
    )
    assert [(d.subject, d.parties, d.delegate, d.decided_on) for d in decisions(read(text))] == [
        ("remiss om vindkraft", (), "Kommundirektör", "2024-05-02"),
        ("utredning", ("Vallby Konsult AB",), "Ekonomichef", "2024-05-03"),
    ]


def test_a_row_of_columns_or_fields_has_no_sentence_of_its_own_and_one_is_composed() -> None:
    """A table's row of date, text, delegate and number, or an item written field by field, is
    no sentence of the board's: the report composes one of its fields rather than give back
    "2024-04-02 Beslut om … Miljöinspektör MBN 2024/118."."""
    rows = decisions(read((AGENDAS / "table_rows.txt").read_text(encoding="utf-8")))
    assert [row.wording for row in rows] == [None, None, None]
    assert decision_sentence(rows[0], CONFIG) == (
        "Miljöinspektör har beslutat om föreläggande om sotning, Tallgatan 4, MBN 2024/118."
    )
    card = "Anmälan av delegationsbeslut\n\nÄrende: Yttrande över detaljplan\nDnr: KS 2024/3\n"
    [decision] = decisions(read(card))
    assert decision.wording is None
    # A sentence with a field below it keeps its sentence.
    marked = (
        "Anmälan av delegationsbeslut\n\n1. Beslut om bidrag, KS 2024/4\n   Delegat: Ekonomichef\n"
    )
    [decision] = decisions(read(marked))
    assert decision.wording == "Beslut om bidrag, KS 2024/4 – Delegat: Ekonomichef."


@pytest.mark.parametrize(
    ("item", "amount"),
    [
        ("Beslut om bidrag till Föreningen Solrosen, 25 000 kr, KS 2024/410", 25_000),
        ("Beslut om bidrag till Föreningen Solrosen med 25000 kronor, KS 2024/410", 25_000),
        ("Regiondirektören har beslutat om ram på 1,5 mnkr för IT-stöd, 24RS1003.", 1_500_000),
        ("Avtal med Acme AB om städ till ett värde av 350 tkr, KS 2024/412", 350_000),
        ("Beslut om bidrag, 12 500,50 SEK, KS 2024/413", 12_500),
        # No amount: a range's end, a year, a number without a unit.
        ("Beslut om bidrag med 500-2000 kr per deltagare, KS 2024/411", None),
        ("Regiondirektören har tecknat avtal med Acme AB om städ 2024, 24RS1004.", None),
    ],
)
def test_the_amount_an_item_names_is_read_in_kronor(item: str, amount: int | None) -> None:
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}\n"))
    assert decision.amount == amount


@settings(max_examples=50, deadline=None)
@given(kronor=st.integers(0, 10**12), spaced=st.booleans())
def test_any_amount_in_kronor_reads_back(kronor: int, spaced: bool) -> None:
    written = f"{kronor:,}".replace(",", " ") if spaced else str(kronor)
    item = f"Beslut om bidrag till Föreningen Solrosen, {written} kr, KS 2024/410"
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}\n"))
    assert decision.amount == kronor


# --- secrecy ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ("Beslut om parkeringstillstånd för rörelsehindrad (sekretess), TN 2024.0034",
         "sekretessmarkerad i nämndens lista"),
        ("Sekretessbelagt beslut om bistånd, SN 2024/79", "sekretessmarkerad i nämndens lista"),
        ("Beslut om stöd enligt LSS, sekretess enligt 26 kap. 1 § OSL, SN 2024/80",
         "26 kap. 1 § OSL"),
        ("Beslut om bistånd för 811218-9876, SN 2024/81", "namnger en person med personnummer"),
        # The law alone marks it, in any of the ways lists cite it; the citation is no part of
        # the subject.
        ("Beslut om bistånd i form av hemtjänst, 2024-02-09, SN 2024/53 (26 kap. 1 § OSL)",
         "26 kap. 1 § OSL"),
        ("Beslut om bistånd i form av hemtjänst, SN 2024/54, 26 kap. 1 § OSL", "26 kap. 1 § OSL"),
        ("Beslut om bistånd i form av hemtjänst, SN 2024/55 (OSL 26:1)", "OSL 26:1"),
        ("Beslut om bistånd i form av hemtjänst, SN 2024/56 (26:1 OSL)", "26:1 OSL"),
    ],
)  # fmt: skip
def test_an_item_the_board_marks_secret_or_that_names_a_person_is_secret(
    item: str, reason: str
) -> None:
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}\n"))
    assert (decision.secret, decision.secret_reason) == (True, reason)
    assert "(sekretess)" not in decision.subject
    assert "OSL" not in decision.subject and "26" not in decision.subject


@pytest.mark.parametrize(
    "item",
    [
        "Avtal med Acme AB (org.nr 556677-8899) om städ, KS 2024/78",
        "Beslut om avgift enligt taxa 2024-2025, KS 2024/81",
        "Ring 019-602 10 00 om avtalet med Acme AB, KS 2024/82",
        "Beslut om bistånd, ärende 811218-9875, SN 2024/83",  # the check digit is wrong
        "Avtal med Oslo Energi AB om el, KS 2024/84",  # "osl" begins a word, not the law
    ],
)
def test_an_item_without_a_mark_or_a_personal_number_is_not_secret(item: str) -> None:
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}\n"))
    assert (decision.secret, decision.secret_reason) == (False, None)


@settings(max_examples=60, deadline=None)
@given(number=personal_numbers(), board_sentence=st.booleans())
def test_any_personal_number_makes_the_decision_secret(number: str, board_sentence: bool) -> None:
    item = (
        f"Regiondirektören har beslutat om bistånd för {number}, 24RS1003."
        if board_sentence
        else f"Beslut om bistånd för {number}, SN 2024/81"
    )
    [decision] = decisions(read(f"Anmälningsärenden\n\n1. {item}\n"))
    assert decision.secret
    assert decision.secret_reason == "namnger en person med personnummer"


def test_a_secret_item_shows_nothing_of_itself_in_a_public_report(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    agenda = tmp_path / "kallelse.txt"
    agenda.write_text(
        "Anmälningsärenden\n\n"
        "1. Beslut om bistånd för 811218-9876 i Vallby, SN 2024/81\n"
        "2. Beslut om färdtjänst (sekretess), SN 2024/82\n"
        "3. Avtal med Acme AB om städ, SN 2024/83\n",
        encoding="utf-8",
    )
    assert delreg("import", str(agenda), "--meeting", "2024-02-15").exit_code == 0
    public = delreg("report", "--meeting", "2024-02-15", "--public").stdout
    assert "811218" not in public and "Vallby" not in public and "färdtjänst" not in public
    assert "Acme AB" in public


def test_a_title_naming_whose_decisions_follow_is_no_item_cut_off() -> None:
    """Two tables, one per delegate, each under "Kommundirektörens beslut" (as a PDF's tables
    read): the titles are no items without a number; an unmarked line that is an item cut off
    ("Bidrag - Fjällgården") still is one."""
    records = read(
        "Anmälan av delegationsbeslut\n"
        "Kommundirektörens beslut\n"
        "• KS 2024/12   Yttrande över remiss från Länsstyrelsen   2024-01-08\n"
        "• KS 2024/88   Yttrande till Polismyndigheten   2024-02-20\n\n"
        "Kommunstyrelsens ordförandes delegationsbeslut\n"
        "• KS 2024/40   Förordnande av tillförordnad kommundirektör   2024-01-29\n\n"
        "Bidrag - Fjällgården\n"
    )
    assert [d.diary_number for d in decisions(records)] == [
        "KS 2024/12",
        "KS 2024/88",
        "KS 2024/40",
    ]
    rejected = [r for r in records if isinstance(r, Rejected)]
    assert [r.reason for r in rejected] == ["no diary number in 'Bidrag - Fjällgården'"]


def test_a_paragraph_starting_with_its_number_goes_on_over_numbers_that_are_no_diary_numbers() -> (
    None
):
    """Paragraphs each starting with the diary number, wrapped (newspaper columns): a line
    holding a procurement number or a span of years goes on with the paragraph; the last
    sentence "Beslutat DATE av X." says when and who."""
    records = read(
        "Anmälan av delegationsbeslut\n"
        "KS 2024/31 Avtal med Vallby Energi AB om\n"
        "leverans av fjärrvärme till kommunhuset och\n"
        "Norrskolan 2024–2026. Beslutat 2024-01-15 av\n"
        "ekonomichef.\n"
        "KS 2023/588 Tilldelningsbeslut i upphandling av\n"
        "skolskjuts för grundskolan, UH 2023-0044.\n"
        "Beslutat 2024-01-22 av upphandlingschef.\n"
    )
    assert [
        (d.diary_number, d.subject, d.procurement_number, d.decided_on, d.delegate)
        for d in decisions(records)
    ] == [
        ("KS 2024/31", "leverans av fjärrvärme till kommunhuset och Norrskolan 2024–2026", None,
         "2024-01-15", "ekonomichef"),
        ("KS 2023/588", "i upphandling av skolskjuts för grundskolan", "UH 2023-0044",
         "2024-01-22", "upphandlingschef"),
    ]  # fmt: skip
    assert [r for r in records if not isinstance(r, Decision)] == []


def test_bullets_under_a_bulleted_heading_are_its_items_where_the_first_has_a_number() -> None:
    """A kallelse's points and its decisions as bullets all alike (a PDF's text shows no
    indentation): the bullets after "• Anmälan av delegationsbeslut" are its items, the notices'
    likewise, up to the next point; where the first bullet has no diary number of an item's, it
    is the next point ("• Budget 2025" / "Dnr KS 2024/300"), as on a web page whose points are
    bullets."""
    records = read(
        "Kallelse\n"
        "• Val av justerare\n"
        "• Anmälan av delegationsbeslut\n"
        "• Kommundirektören har beslutat om yttrande över remiss från\n"
        "Länsstyrelsen, KS 2024/12\n"
        "• Ekonomichefen har tecknat avtal med Vallby Energi AB, KS 2024/13\n"
        "• Meddelanden\n"
        "• Protokoll från Vallby Vatten AB:s styrelse\n"
        "• Övriga frågor\n"
    )
    assert [d.diary_number for d in decisions(records)] == ["KS 2024/12", "KS 2024/13"]
    assert [r.text for r in records if isinstance(r, Notice)] == [
        "Protokoll från Vallby Vatten AB:s styrelse"
    ]
    points = read(
        "Kallelse\n• Anmälan av delegationsbeslut\n• Budget 2025\nDnr KS 2024/300\n\n"
        "Anmälan av delegationsbeslut\n1. Avtal med Acme AB, KS 2024/14\n"
    )
    assert [d.diary_number for d in decisions(points)] == ["KS 2024/14"]
    for lead_in in ("• Följande beslut anmäls:", "• Beslut fattade i januari:"):
        led = read(
            f"Kallelse\n• Anmälan av delegationsbeslut\n{lead_in}\n"
            "• Kommundirektören har beslutat om yttrande, KS 2024/12\n• Övriga frågor\n"
        )
        assert [d.diary_number for d in decisions(led)] == ["KS 2024/12"], lead_in


BULLETED_LIST = (
    "Kallelse\n"
    "• Val av justerare\n"
    "• Anmälan av delegationsbeslut\n"
    "• Kommundirektören har 2024-01-08 beslutat om yttrande över remiss, KS 2024/12\n"
    "• Ekonomichefen har 2024-01-15 beslutat om avtal med Vallby Energi AB, KS 2024/31\n"
)


@pytest.mark.parametrize(
    "after",
    [
        "• Budget 2025\n• Övriga frågor\n",
        "• Budget 2025\n",
        "• Information från kommundirektören\n• Meddelanden\n",
        "• Investeringsplan 2025–2028\n\n• Övriga frågor\n",
    ],
)
def test_a_bulleted_agenda_point_after_a_list_of_bullets_ends_it(after: str) -> None:
    """Decisions bulleted as the agenda's points are (a Word kallelse's PDF), then a point of
    the agenda that is no known heading ("• Budget 2025"), then a known heading or nothing: the
    point ends the list, rather than being rejected for its missing diary number (which made
    the import need --skip-invalid)."""
    records = read(BULLETED_LIST + after)
    assert [d.diary_number for d in decisions(records)] == ["KS 2024/12", "KS 2024/31"]
    assert [r for r in records if isinstance(r, Rejected)] == []


@pytest.mark.parametrize(
    "after",
    [
        # A decision whose number is missing: its kind, who decided, a date, a sentence.
        "• Avtal med Vallby Städ AB om fönsterputs\n• Övriga frågor\n",
        "• Ekonomichefens beslut om inköp av möbler\n• Övriga frågor\n",
        "• Kanslichefen har 2024-02-01 beslutat att avslå en begäran\n",
        "• Inköp av möbler till Norrskolan enligt ramavtalet\n",
        # The point with a text below it, or more bullets after it: not the list's end.
        "• Budget 2025\nInformation om arbetet med budgeten.\n• Övriga frågor\n",
        "• Budget 2025\n• Skolskjuts\n• Övriga frågor\n",
    ],
)
def test_a_bullet_after_a_list_of_bullets_that_may_be_a_decision_is_rejected(after: str) -> None:
    """A bullet after the list's last item that reads as a decision without its number (or
    that cannot be told from one) stays an item and is rejected for the missing number: no
    decision is dropped without a word."""
    records = read(BULLETED_LIST + after)
    assert [d.diary_number for d in decisions(records)] == ["KS 2024/12", "KS 2024/31"]
    rejected = [r for r in records if isinstance(r, Rejected)]
    assert len(rejected) >= 1
    assert "no diary number" in rejected[0].reason


def test_rows_that_lost_their_markers_after_a_complete_item_are_items_of_their_own() -> None:
    """A bulleted row with its diary number, then rows that start with theirs and carry no
    bullet (a table the PDF reader did not see as one): each is a decision, not all of them
    the first one's text."""
    records = read(
        "Anmälan av delegationsbeslut\n"
        "• KS 2024/1   Avtal om städ   Beslutsdatum: 2024-01-01   Beslutsfattare: Ekonomichef\n"
        "KS 2024/2 Avtal om\n"
        "fönsterputs 2024-01-02\n"
        "KS 2024/3 Bidrag till\n"
        "Vallby IF 2024-01-03\n"
        "• Avtal med Vallby AB om städ, MT 2023-0043,\n"
        "KS 2024/11\n"
    )
    assert [(d.diary_number, d.decided_on) for d in decisions(records)] == [
        ("KS 2024/1", "2024-01-01"),
        ("KS 2024/2", "2024-01-02"),
        ("KS 2024/3", "2024-01-03"),
        ("KS 2024/11", None),
    ]


@pytest.mark.parametrize("note", ["(pdf, 120 kB)", "(PDF 1,2 MB)", "(docx, 48 kB)", "[pdf 90 KB]"])
def test_a_links_note_of_its_files_kind_and_size_is_no_part_of_the_decision(
    delreg: Invoke, database: Path, tmp_path: Path, note: str
) -> None:
    # Text copied from a board's site keeps what the site writes after each link to a PDF.
    agenda = tmp_path / "kallelse.txt"
    agenda.write_text(
        "Anmälan av delegationsbeslut\n\n"
        f"• Beslut om bidrag till Vallby Hembygdsförening, KS 2024/21 {note}\n"
        f"• Protokoll från arbetsutskottet {note}\n",
        encoding="utf-8",
    )
    result = delreg("import", str(agenda), "--skip-invalid")
    assert "no diary number in 'Protokoll från arbetsutskottet'\n" in result.stderr
    [decision] = json.loads(delreg("list", "--format", "json").stdout)
    assert (decision["subject"], decision["parties"]) == (
        "Beslut om bidrag",
        ["Vallby Hembygdsförening"],
    )


def test_a_second_row_of_the_same_case_is_no_repeat_of_the_first(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    # Rows of fields keep no wording to compare: the second decision of a case was counted as
    # the first printed again, and lost. The same row printed twice is still a repeat.
    header = "Diarienummer   Ärende   Beslutsdatum   Beslutsfattare\n"
    first = "BUN 2024/52   Avtal med Lärkans Städ AB om lokalvård   2024-02-07   Förvaltningschef\n"
    second = "BUN 2024/52   Tilläggsavtal med Lärkans Städ AB   2024-02-19   Förvaltningschef\n"
    agenda = tmp_path / "kallelse.txt"
    agenda.write_text(f"Anmälan av delegationsbeslut\n\n{header}{first}{second}", encoding="utf-8")
    result = delreg("import", str(agenda), "--dry-run", "--json")
    assert json.loads(result.stdout)["rejected"] == [
        {
            "source": f"{agenda}:5",
            "reason": "diary number BUN 2024/52 appears twice with different text "
            f"(first at {agenda}:4)",
        }
    ]
    agenda.write_text(
        f"Anmälan av delegationsbeslut\n\n{header}{first}\n\n{header}{first}", encoding="utf-8"
    )
    result = delreg("import", str(agenda), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["items"]["repeated"] == 1


def test_a_file_names_type_is_no_part_of_the_number_or_subject(
    delreg: Invoke, tmp_path: Path
) -> None:
    # A site's list of a point's documents, each link's text its file's name.
    items = [
        "Avtal med Ekgårdens Bygg AB om markarbeten, KS 2024/12",
        "Yttrande till Länsstyrelsen om strandskydd, KS 2024/15",
        "Beslut om bidrag till Vallby Hembygdsförening KS 2024/21",
    ]
    endings = [".pdf", ".docx (PDF, 88 kB)", ".PDF"]
    read = []
    for named in (False, True):
        agenda = tmp_path / f"kallelse{named}.txt"
        agenda.write_text(
            "Anmälan av delegationsbeslut\n\n"
            + "".join(
                f"• {item}{ending if named else ''}\n"
                for item, ending in zip(items, endings, strict=True)
            ),
            encoding="utf-8",
        )
        result = delreg("import", str(agenda), "--dry-run", "--json")
        assert result.exit_code == 0, result.stderr
        read.append([change["diary_number"] for change in json.loads(result.stdout)["changes"]])
    assert read[1] == read[0] == ["KS 2024/12", "KS 2024/15", "KS 2024/21"]
    records = read_agenda_text(
        "Anmälan av delegationsbeslut\n\n"
        + "".join(f"• {item}{ending}\n" for item, ending in zip(items, endings, strict=True))
    )
    assert [(d.subject, d.parties) for d in records] == [
        (d.subject, d.parties)
        for d in read_agenda_text(
            "Anmälan av delegationsbeslut\n\n" + "".join(f"• {item}\n" for item in items)
        )
    ]


def read_agenda_text(text: str) -> list[Decision]:
    return decisions(read(text))


def test_a_title_over_the_points_list_keeps_the_next_point_its_end(
    delreg: Invoke, tmp_path: Path
) -> None:
    # A meeting system's page: the point's table has a caption (or its accordion a summary)
    # that reads as a heading of decisions. It took the point's place, so "9. …" no longer
    # ended the list and the next case's "Dnr SN 2024/88" became a decision.
    agenda = tmp_path / "kallelse.txt"
    agenda.write_text(
        "8. Redovisning av delegeringsbeslut\n\n"
        "Delegationsbeslut SN\n"
        "Nr   Diarienummer   Ärende   Beslutsfattare\n"
        "1   SN 2024/31   Avtal med Omsorgshuset AB om korttidsplatser   Socialchef\n"
        "2   SN 2024/32   Tilldelningsbeslut Upphandling av matdistribution   Upphandlingschef\n\n"
        "9. Information om ny lagstiftning\n\n"
        "Dnr SN 2024/88\n",
        encoding="utf-8",
    )
    result = delreg("import", str(agenda), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert [change["diary_number"] for change in summary["changes"]] == ["SN 2024/31", "SN 2024/32"]
    assert summary["items"]["seen"] == 2


@pytest.mark.parametrize(
    ("text", "numbers", "rejected", "notices"),
    [
        # A numbered table's row without its diary number, its number skipping one (a row left
        # out of the print), then a count of the decisions below a blank line: the row ended
        # the list as the next agenda point, or took the count and became a notice.
        (
            "8. Redovisning av delegeringsbeslut\n\n"
            "Nr   Diarienummer   Ärende   Beslutsfattare\n"
            "1   SN 2024/31   Avtal om städ   Socialchef\n"
            "3      Avtal om hyra av lokal   Socialchef\n\n"
            "Totalt 3 beslut\n",
            ["SN 2024/31"],
            [5],
            ["Totalt 3 beslut"],
        ),
        (
            "8. Redovisning av delegeringsbeslut\n\n"
            "Nr   Diarienummer   Ärende   Beslutsfattare\n"
            "1   SN 2024/31   Avtal om städ   Socialchef\n"
            "2      Avtal om hyra av lokal   Socialchef\n\n"
            "Totalt 2 beslut\n",
            ["SN 2024/31"],
            [5],
            ["Totalt 2 beslut"],
        ),
        # A bullet without its number, a blank line, then numbered items with theirs: the
        # bullet took the first number as a sub-item's and was registered in its place.
        (
            "8. Anmälan av delegationsbeslut\n\n"
            "• Regiondirektören har tecknat avtal\n\n"
            "1. Avtal med Vallby Städ AB om fönsterputs, KS 2024/30\n"
            "2. Yttrande över remiss från Länsstyrelsen, KS 2024/31\n",
            ["KS 2024/30", "KS 2024/31"],
            [3],
            [],
        ),
        # A row of a table without rules whose date stands on the line its text wrapped onto,
        # then a row with its own date and an empty first column: two rows, not one.
        (
            "8. Anmälan av delegationsbeslut\n\n"
            "KS 2024/41     Delegationsbeslut om tillfällig\n"
            "               bilparkering vid Storgatan   2024-02-13\n"
            "               Avtal om städning av Kulturhuset   2024-02-15\n",
            ["KS 2024/41"],
            [5],
            [],
        ),
        # A bullet without its number right under the heading, then one with its number.
        (
            "Anmälan av delegationsbeslut\n"
            "• Yttrande över remiss från Länsstyrelsen\n"
            "• KS 2024/701 Avtal om städ\n",
            ["KS 2024/701"],
            [2],
            [],
        ),
        # A table grouped by its first column, a row's number cell empty and its date last:
        # who decided hid behind the date, and the row was counted as text about the list.
        (
            "8 Anmälan av delegationsbeslut\n\n"
            "Ärendetyp   Dnr   Ärende   Delegat   Datum\n"
            "Avtal   TN 2024/1   Avtal med Lärkbo Maskin AB om hyra av hjullastare   "
            "Driftchef Karin Ahl   2024-02-01\n"
            "Upphandling      Avtal med Lärkbo Maskin AB om hyra av grävmaskin   "
            "Driftchef Karin Ahl   2024-02-02\n",
            ["TN 2024/1"],
            [5],
            [],
        ),
        # The same table without its date column: the row ran into the row above, lost in its
        # subject without a word.
        (
            "8 Anmälan av delegationsbeslut\n\n"
            "Ärendetyp   Dnr   Ärende   Delegat\n"
            "Avtal   TN 2024/1   Avtal med Lärkbo Maskin AB om hyra av hjullastare   "
            "Driftchef Karin Ahl\n"
            "Upphandling      Avtal med Lärkbo Maskin AB om hyra av grävmaskin   "
            "Driftchef Karin Ahl\n",
            ["TN 2024/1"],
            [5],
            [],
        ),
    ],
)
def test_an_item_without_its_number_is_rejected_on_its_own_line(
    text: str, numbers: list[str], rejected: list[int], notices: list[str]
) -> None:
    records = read(text)
    assert [d.diary_number for d in decisions(records)] == numbers
    assert [line_of(r) for r in records if isinstance(r, Rejected)] == rejected
    assert [r.text for r in records if isinstance(r, Notice)] == notices
    if "2024/41" in text:
        [decision] = decisions(records)
        assert decision.decided_on == "2024-02-13"
        assert "Kulturhuset" not in (decision.subject or "")


@pytest.mark.parametrize(
    ("lead_in", "bullet", "delegate", "point"),
    [
        ("Räddningschef har fattat följande beslut på delegation:", "", "Räddningschef", None),
        ("Räddningschef har fattat följande beslut …:", "• ", "Räddningschef", None),
        ("Följande beslut har fattats av räddningschefen:", "• ", "räddningschefen", None),
        ("Följande beslut har fattats av räddningschefen:", "", "räddningschefen", None),
        ("Delegationsbeslut enligt delegationsordningen punkt 3.2:", "", None, "3.2"),
        ("• Delegationsbeslut enligt delegationsordningen punkt 3.2:", "• ", None, "3.2"),
        ("Delegationsbeslut enligt delegationsordningen punkt 3.2:", "1. ", None, "3.2"),
    ],
)
def test_a_line_leading_into_items_gives_them_its_delegate_or_point(
    lead_in: str, bullet: str, delegate: str | None, point: str | None
) -> None:
    """A line above a group of items that names who decided them, or the point of the
    delegationsordning they were taken under, is the group's, as a "Delegat: X" field above
    rows is: each item that names none takes it, and the line is no item rejected."""
    second = "2. " if bullet == "1. " else bullet
    records = read(
        "8. Anmälan av delegationsbeslut\n\n"
        f"{lead_in}\n\n"
        f"{bullet}Tillstånd för hantering av brandfarlig vara, Vallby Bensin AB, RN 2024/12\n"
        f"{second}Tillsyn enligt lagen om skydd mot olyckor, Norrskolan, RN 2024/13\n"
    )
    assert [r for r in records if isinstance(r, Rejected)] == []
    assert [(d.diary_number, d.delegate, d.delegation_point) for d in decisions(records)] == [
        ("RN 2024/12", delegate, point),
        ("RN 2024/13", delegate, point),
    ]


@pytest.mark.parametrize(
    ("item", "subject", "parties"),
    [
        (
            "Förlängning av avtal om skyddat boende med Stiftelsen Kvinnohuset Vallby, SN 2024/44",
            "Förlängning av avtal om skyddat boende",
            ("Stiftelsen Kvinnohuset Vallby",),
        ),
        (
            "Avtal om läromedel med Lärborgen Förlag AB, BUN 2024/121",
            "läromedel",
            ("Lärborgen Förlag AB",),
        ),
        # No party's name after "med": the subject's phrase.
        (
            "Avtal om fönsterputs med kort varsel vid Norrskolan, KS 2024/46",
            "fönsterputs med kort varsel vid Norrskolan",
            (),
        ),
        (
            "Avtal om samordning med Socialtjänstens mottagning, SN 2024/47",
            "samordning med Socialtjänstens mottagning",
            (),
        ),
        (
            "Avtal om hyra av lokal för fritidsgård, KS 2024/11. Avtalet gäller från 2024-02-09",
            "hyra av lokal för fritidsgård",
            (),
        ),
    ],
)
def test_an_agreements_party_last_and_its_subject(
    item: str, subject: str, parties: tuple[str, ...]
) -> None:
    """A party named last after the agreement's subject ("avtal om X med Stiftelsen …") is its
    party, where a party's name matches all of it; the comma before a number cut from the
    middle of an item leaves no ",." in the subject."""
    [decision] = decisions(read(f"Anmälan av delegationsbeslut\n\n{item}\n"))
    assert (decision.subject, decision.parties) == (subject, parties)


@pytest.mark.parametrize(
    ("item", "subject", "decided_on"),
    [
        (
            "Startbesked, Tallen 4, BN 2024-000130 (2024-03-05)",
            "Startbesked, Tallen 4",
            "2024-03-05",
        ),
        (
            "Slutbesked, Åby 3:20, BN 2024-000131, (5 mars 2024).",
            "Slutbesked, Åby 3:20",
            "2024-03-05",
        ),
        # Not right after the number: the subject's.
        (
            "Bygglov för förråd (2024-03-01), BN 2024-000132",
            "Bygglov för förråd (2024-03-01)",
            None,
        ),
    ],
)
def test_the_day_in_parentheses_after_the_number_is_the_days(
    item: str, subject: str, decided_on: str | None
) -> None:
    [decision] = decisions(read(f"Anmälan av delegationsbeslut\n\n{item}\n"))
    assert (decision.subject, decision.decided_on) == (subject, decided_on)


@pytest.mark.parametrize(
    ("item", "subject", "reason"),
    [
        (
            "Sekretessbelagt beslut om bistånd enligt 4 kap. 1 § SoL, SN 2024/57",
            "bistånd enligt 4 kap. 1 § SoL",
            "sekretessmarkerad i nämndens lista",
        ),
        (
            "Beslut om insats enligt 9 § LSS, sekretess enligt 26 kap. 1 § OSL, SN 2024/58",
            "insats enligt 9 § LSS",
            "26 kap. 1 § OSL",
        ),
        (
            "Beslut om bistånd (sekretess enligt 26 kap. 1 §), SN 2024/59",
            "bistånd",
            "26 kap. 1 §",
        ),
        (
            "Beslut om ekonomiskt bistånd enligt 4 kap. 1 § SoL (sekretess), SN 2024/60",
            "ekonomiskt bistånd enligt 4 kap. 1 § SoL",
            "sekretessmarkerad i nämndens lista",
        ),
    ],
)
def test_a_secret_items_reason_cites_the_secrecy_law_only(
    item: str, subject: str, reason: str
) -> None:
    """The law a secret item cites is its reason only where it is the secrecy law (OSL, or a
    chapter and section right after "sekretess enligt"): "4 kap. 1 § SoL" is what the decision
    was taken under. A mark standing first ("Sekretessbelagt") is no part of the subject."""
    [decision] = decisions(read(f"Anmälan av delegationsbeslut\n\n{item}\n"))
    assert (decision.secret, decision.subject, decision.secret_reason) == (True, subject, reason)


@pytest.mark.parametrize(
    "item",
    [
        "Kommundirektören har 240108 fattat beslut om yttrande, KS 2024/15",
        "Kommundirektören har fattat beslut om yttrande, KS 2024/15",
        "Kommundirektören har 240108 beslutat om yttrande, KS 2024/15",
    ],
)
def test_fattat_beslut_om_reads_as_beslutat_om(item: str) -> None:
    [decision] = decisions(read(f"Anmälan av delegationsbeslut\n\n{item}\n"))
    assert (decision.kind, decision.subject, decision.delegate) == (
        "yttrande",
        "beslutat om yttrande",
        "Kommundirektören",
    )


def test_a_short_documents_first_and_last_lines_alike_are_no_running_head() -> None:
    """Two items wrapped alike in a document of four lines and no page break: their second
    lines stand by the document's start and end, never by a page's break. Taken for a page's
    head and foot, both were dropped and each subject lost ("tecknat avtal om")."""
    records = read(
        "10RS2 – Regiondirektören har tecknat avtal mellan Region X och Acme AB om\n   CT.\n"
        "10RS1 – Regiondirektören har tecknat avtal mellan Region X och Acme AB om\n   CT.\n"
    )
    assert [(d.diary_number, d.subject) for d in decisions(records)] == [
        ("10RS2", "CT"),
        ("10RS1", "CT"),
    ]


TABLE_SUBJECTS = [
    "Avtal om städ",
    "Avtal om hyra av lokal",
    "Yttrande till Länsstyrelsen",
    "Anställning av enhetschef",
    "Bidrag till Vallby IF",
]


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(1, 3), st.sampled_from(TABLE_SUBJECTS), st.booleans()),
        min_size=1,
        max_size=8,
    ),
    footer=st.booleans(),
)
def test_every_row_of_a_numbered_table_is_a_decision_or_rejected_on_its_line(
    rows: list[tuple[int, str, bool]], footer: bool
) -> None:
    """A numbered table's rows, their numbers rising but not always by one, some with their
    diary number's cell empty, and perhaps a count below them: each row with its number is a
    decision, each without is rejected on its own line, and none joins another; a row
    numbered as the agenda's next point ("9" under "8.") is a row still, written as the rows
    are, and the point "9. Övriga frågor" ends the list."""
    lines = [
        "8. Redovisning av delegeringsbeslut",
        "",
        "Nr   Diarienummer   Ärende   Beslutsfattare",
    ]
    expected: list[str] = []
    missing: list[int] = []
    number = 0
    for serial, (step, subject, numbered) in enumerate(rows, start=1):
        number += step
        if numbered:
            expected.append(f"SN 2024/{serial}")
            lines.append(f"{number}   SN 2024/{serial}   {subject}   Socialchef")
        else:
            missing.append(len(lines) + 1)
            lines.append(f"{number}      {subject}   Socialchef")
    if footer:
        lines += ["", f"Totalt {len(rows)} beslut"]
    records = read("\n".join(lines) + "\n\n9. Övriga frågor\n")
    assert [d.diary_number for d in decisions(records)] == expected
    assert [line_of(r) for r in records if isinstance(r, Rejected)] == missing
    assert [r.text for r in records if isinstance(r, Notice)] == (
        [f"Totalt {len(rows)} beslut"] if footer else []
    )


def test_a_tables_row_numbered_as_the_next_point_is_a_row_written_as_the_rows_are() -> None:
    # "9" under "8.", its diary number's cell empty: taken for the next point, it ended the
    # list, and the row below it ("10   SN 2024/33 …") was lost without a word.
    records = read(
        "8. Redovisning av delegeringsbeslut\n\n"
        "Nr   Diarienummer   Ärende   Beslutsfattare\n"
        "1   SN 2024/31   Avtal om städ   Socialchef\n"
        "9      Avtal om hyra av lokal   Socialchef\n"
        "10   SN 2024/33   Avtal om fönsterputs   Socialchef\n\n"
        "9. Övriga frågor\n\nDnr SN 2024/88\n"
    )
    assert [d.diary_number for d in decisions(records)] == ["SN 2024/31", "SN 2024/33"]
    assert [line_of(r) for r in records if isinstance(r, Rejected)] == [5]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "1. Beslut om bostadsanpassning, SN 2024/90 (ärende\n7)\n",
            "bostadsanpassning, (ärende 7)",
        ),
        (
            "1. Beslut om bostadsanpassning enligt riktlinjer (ärende\n7), SN 2024/90\n",
            "bostadsanpassning enligt riktlinjer (ärende 7)",
        ),
    ],
)
def test_a_parenthesis_closed_on_a_line_of_its_own_is_no_item_marked_so(
    text: str, subject: str
) -> None:
    # "7)" alone (or before the item's number) where "(ärende" ended the line above: taken for
    # an item marked "7)", it was rejected as an item without text and the item lost "7)".
    records = read("§ 7 Anmälan av delegationsbeslut\n" + text + "2. Avtal om städ, SN 2024/91\n")
    assert not [r for r in records if isinstance(r, Rejected)]
    first, second = decisions(records)
    assert (first.diary_number, first.subject) == ("SN 2024/90", subject)
    assert second.diary_number == "SN 2024/91"


@pytest.mark.parametrize(
    ("item", "subject"),
    [
        ("Yttrande till förvaltningsrätten i mål om LVU", "till förvaltningsrätten i mål om LVU"),
        (
            "Yttrande till mark- och miljödomstolen i mål om strandskydd",
            "till mark- och miljödomstolen i mål om strandskydd",
        ),
        ("Yttrande till Länsstyrelsen om strandskydd", "till Länsstyrelsen om strandskydd"),
        # Before no one's name "till" only joins the kind to its subject.
        ("Bidrag till föreningens sommarläger", "föreningens sommarläger"),
    ],
)
def test_till_before_a_court_or_authority_in_lower_case_stays_in_the_subject(
    item: str, subject: str
) -> None:
    # Kept only before a capital, "till" was dropped before "förvaltningsrätten", and the
    # subject read as if the court were what the opinion is about.
    [decision] = decisions(read(f"§ 7 Anmälan av delegationsbeslut\n1. {item}, SN 2024/85\n"))
    assert decision.subject == subject


@pytest.mark.parametrize(
    ("item", "subject", "decided_on", "delegate"),
    [
        (
            "Avtal om fönsterputs. Motpart: Vallby Fönsterputs AB. Avtalet avser tre år, "
            "KS 2024/14",
            "fönsterputs",
            None,
            None,
        ),
        (
            "Avtal om städ. Avtalet avser tre år, 2024-03-01, Kulturchef, KS 2024/15",
            "städ",
            "2024-03-01",
            "Kulturchef",
        ),
        # An abbreviation's full stop ends no sentence.
        (
            "Beslut om bistånd enl. socialtjänstlagen. Beslutet avser hemtjänst, SN 2024/17",
            "bistånd enl. socialtjänstlagen",
            None,
            None,
        ),
    ],
)
def test_a_sentence_about_the_decision_before_its_number_is_no_part_of_the_subject(
    item: str, subject: str, decided_on: str | None, delegate: str | None
) -> None:
    # Only a sentence saying from when the decision holds ("Avtalet gäller från …") was taken
    # out; "Avtalet avser tre år" stayed in the subject.
    [decision] = decisions(read(f"§ 7 Anmälan av delegationsbeslut\n1. {item}\n"))
    assert (decision.subject, decision.decided_on, decision.delegate) == (
        subject,
        decided_on,
        delegate,
    )


@pytest.mark.parametrize(
    "item",
    [
        "KFN 2024/52   2024-02-09\n"
        "Avtal om hyra av Folkets hus med Vallby Folkets Husförening, Kulturchef\n",
        "1. Avtal om hyra av Folkets hus med Vallby Folkets Husförening, Kulturchef, KFN 2024/52\n",
        "1. KFN 2024/52 Avtal om hyra av Folkets hus med Vallby Folkets Husförening, Kulturchef\n",
    ],
)
def test_a_party_named_before_who_decided_is_read(item: str) -> None:
    # The party's clause was read to the end of the item, who decided included, and named no
    # party: the party stayed in the subject.
    [decision] = decisions(read(f"§ 7 Anmälan av delegationsbeslut\n{item}"))
    assert (decision.subject, decision.parties, decision.delegate) == (
        "hyra av Folkets hus",
        ("Vallby Folkets Husförening",),
        "Kulturchef",
    )
