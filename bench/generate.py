"""Realistic registers for the benchmark: a national archive of delegation decisions.

``write_export(path, rows)`` writes a CSV in the shape ``delreg list --format csv`` writes (the
decision's JSON keys as the header, parties joined with ``; ``), the way a register's export or a
merged archive reaches ``delreg import``. With ``distinct_subjects=True`` every decision has a
subject of its own, as in a real register (the clinic or office it concerns, a named person or
period, the registry's case reference), instead of a few hundred subjects repeated: the same
decisions otherwise, cell for cell. ``write_agenda(path, size)`` writes an agenda text of
about ``size`` bytes in the board's phrasing, for the agenda parser.

The data follows domain.md: diary numbers in every shape listed there (a few written the way
people type them: ``Dnr:`` prefixes, lower case, en dashes, which the import normalises),
procurement chains (initiering → tilldelningsbeslut → kontrakt) under one upphandlingsnummer,
Swedish subjects and party names (some with commas and parentheses), all kinds, decision dates
over ten years (2015-2024), some secret (OSL 19:3, 31:16, 25:1). Decisions made before November
2024 were reported at the following month's meeting, numbered in order; the rest wait.

Everything comes from one seeded random generator: the same arguments give the same file.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from delreg.model import DECISION_FIELDS

# The export's columns: delreg's decision fields, in their order (the header `delreg list
# --format csv` writes).
COLUMNS = DECISION_FIELDS

FIRST_DAY = date(2015, 1, 1)
DAYS = (date(2024, 12, 31) - FIRST_DAY).days + 1
# Decisions after this day are not reported yet in the export.
REPORTED_UNTIL = date(2024, 10, 31)

# (prefix, shape) per organisation; the shapes are domain.md's. "{yy}" two-digit year,
# "{year}", "{serial}", and an optional "-{part}" suffix added at random.
ORGANISATIONS = (
    ("RS", "{yy}RS{serial}"),
    ("RS", "RS {year}/{serial}"),
    ("HSN", "HSN {year}/{serial}"),
    ("KS", "KS {year}/{serial}"),
    ("KSN", "KSN-{year}-{serial}"),
    ("RS", "RS {year}-{serial:05d}"),
    ("LS", "LS {year}-{serial:04d}"),
    ("RS", "RS/{serial}/{year}"),
    ("SN", "SN {year}/{serial}"),
    ("BUN", "BUN {year}/{serial}"),
    ("MBN", "MBN {year}/{serial}"),
    ("TN", "TN {year}/{serial}"),
)

DELEGATES = (
    "Hälso- och sjukvårdsdirektören",
    "Regiondirektören",
    "Regional utvecklingsdirektör",
    "Kommundirektören",
    "Upphandlingschefen",
    "Ekonomidirektören",
    "Förvaltningschefen",
    "HR-direktören",
)

# Subject words: most are ordinary purchases and matters; a few start with "ultraljud", so a
# search for it finds about 0.3 % of the register (how often a region buys ultrasound).
EQUIPMENT = (
    "bårsystem ambulans", "mobil CT", "OCT", "laboratorieinformationssystem",
    "diskdesinfektor", "ögonproteser", "dialysutrustning", "infusionspumpar",
    "röntgenutrustning", "magnetkamera", "patientmonitorering", "sängar och madrasser",
    "operationsbord", "endoskop", "sterilgodsvagnar", "hörapparater", "rullstolar",
    "kontorsmöbler", "städtjänster", "tolktjänster", "företagshälsovård", "livsmedel",
    "drivmedel", "arbetskläder", "skyddsutrustning", "läkemedelsautomater", "journalsystem",
    "telefoni", "nätverksutrustning", "datorer och skärmar", "kopieringsmaskiner",
    "fastighetsservice", "snöröjning", "avfallshantering", "flygambulans", "taxiresor",
    "konsulttid för migrering av data", "robotar för test av data", "laboratorieanalyser",
    "sjukresor", "hjälpmedel för hemsjukvård", "glukosmätare", "stomiartiklar",
    "inkontinensartiklar", "förbandsmaterial", "handskar", "katetrar", "defibrillatorer",
    "ambulansfordon", "kameraövervakning", "passersystem", "solceller", "laddstolpar",
)  # fmt: skip
ULTRASOUND = ("ultraljudsutrustning", "ultraljudsapparater", "ultraljudsgel")
DRUGS = (
    "Epclusa", "Harvoni", "Sovaldi", "Vosevi", "Zepatier", "Praluent", "Repatha", "Orladeyo",
    "Takhzyro", "Keytruda", "Opdivo", "Humira", "Stelara", "Ozempic", "Eliquis", "Xarelto",
)  # fmt: skip
MATTERS = (
    "läsbehörighet i patientjournal för forskningsprojekt",
    "särskild anställningsprövning för sommarvikarier",
    "yttrande över remiss om kollektivtrafik",
    "bidrag till föreningar inom folkhälsa",
    "utökad öppettid på vårdcentral under sommaren",
    "avskrivning av fordringar",
    "tillfällig lokalförhyrning",
    "ersättning för extra kostnader vid pandemin",
    "vidaredelegering inom förvaltningen",
    "anställning av verksamhetschef",
    "utlämnande av allmän handling med förbehåll",
    "programbeslut för byggnadsinvestering",
    "företagsutvecklingsbidrag",
    "avtal om kollektivavtal för läkare",
)
COMPANY_WORDS = (
    "Medi", "Nordic", "Scandi", "Bio", "Labo", "Care", "Tekno", "Opti", "Vita", "Sana",
    "Kirurg", "Dental", "Orto", "Cardio", "Neuro", "Pharma", "Data", "Logi", "Fastighets",
)  # fmt: skip
COMPANY_TAILS = (
    "teknik AB", "instrument AB", "service AB", "system AB", "Sverige AB", "Norden AB",
    "Group AB", "(Sweden) AB", "Scandinavia AB", "& Co KB", "Handelsbolag", "Ireland Limited",
)  # fmt: skip
PUBLIC_PARTIES = (
    "Region Örebro län", "Region Stockholm", "Västra Götalandsregionen", "Region Skåne",
    "Linköpings universitet", "Karolinska Institutet", "Örebro kommun", "Umeå universitet",
    "regionerna i Sverige inklusive Region Örebro län", "Sveriges Kommuner och Regioner",
)  # fmt: skip
SECRET_REASONS = ("OSL 19:3", "OSL 31:16", "OSL 25:1", "OSL 39:3")

# What makes a real register's subjects differ from one another: whom a decision concerns and
# where, a person or a period, the registry's own reference.
UNITS = (
    "Anestesi- och intensivvårdskliniken", "Akutkliniken", "Barn- och ungdomskliniken",
    "Hjärtkliniken", "Infektionskliniken", "Kirurgiska kliniken", "Kvinnokliniken",
    "Lungkliniken", "Medicinska kliniken", "Neurologiska kliniken", "Onkologiska kliniken",
    "Ortopediska kliniken", "Psykiatriska kliniken", "Rättspsykiatrin", "Röntgenkliniken",
    "Laboratoriemedicin", "Habiliteringen", "Tandvårdens klinik för specialisttandvård",
    "Hälsoval", "Regionservice", "Kollektivtrafikförvaltningen", "Kulturförvaltningen",
    "Ambulanssjukvården", "Sjukhusapoteket", "Medicinsk teknik", "Ögonkliniken",
    "Öron-, näs- och halskliniken", "Hudkliniken", "Geriatriska kliniken", "Rehabiliteringen",
)  # fmt: skip
SITES = (
    "Universitetssjukhuset Örebro", "Karlskoga lasarett", "Lindesbergs lasarett",
    "vårdcentralen Tybble", "vårdcentralen Brickebacken", "vårdcentralen Vivalla",
    "vårdcentralen Hallsberg", "vårdcentralen Kumla", "vårdcentralen Askersund",
    "vårdcentralen Nora", "vårdcentralen Laxå", "vårdcentralen Degerfors",
    "Eyrafältet", "Campus USÖ", "regionhuset", "depån i Hallsberg", "Hagaby",
    "vårdcentralen Lillån", "vårdcentralen Varberga", "vårdcentralen Mikaelsgården",
)  # fmt: skip
FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Ingrid", "Elin",
    "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Jan", "Fredrik",
    "Aisha", "Mohammed", "Ali", "Fatima", "Noor", "Milan", "Jelena", "Tomasz", "Ewa", "Aino",
)  # fmt: skip
SURNAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Lindberg", "Lindqvist", "Lundgren", "Berglund", "Sandberg", "Forsberg",
    "Hassan", "Ahmed", "Kovačević", "Nowak", "Virtanen", "Åberg", "Öberg", "Ekström", "Holm",
)  # fmt: skip
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
)  # fmt: skip


@dataclass
class _Counters:
    """Serial numbers per organisation and year, and items per meeting, as a registry keeps."""

    serials: dict[tuple[int, int], int]
    procurements: dict[int, int]
    items: dict[date, int]


def _meeting_for(decided: date) -> date:
    """The board meets on the third Thursday of the month after the decision."""
    year, month = (
        (decided.year + 1, 1) if decided.month == 12 else (decided.year, decided.month + 1)
    )
    first = date(year, month, 1)
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return thursday + timedelta(days=14)


def _diary_number(rng: random.Random, org: int, decided: date, counters: _Counters) -> str:
    key = (org, decided.year)
    serial = counters.serials.get(key, 0) + 1 + rng.randrange(3)
    counters.serials[key] = serial
    shape = ORGANISATIONS[org][1]
    number = shape.format(yy=decided.year % 100, year=decided.year, serial=serial)
    if rng.random() < 0.04 and "/" in number and not number.startswith("RS/"):
        number += f"-{rng.randrange(1, 9)}"
    return number


def _as_typed(rng: random.Random, number: str) -> str:
    """About one cell in ten written the way people type numbers; the import normalises them."""
    roll = rng.random()
    if roll < 0.03:
        return "Dnr: " + number
    if roll < 0.06:
        return number.lower()
    if roll < 0.08:
        return number.replace("-", "\u2013")
    if roll < 0.10:
        return number.replace("/", " / ")
    return number


def _company(rng: random.Random) -> str:
    return (
        rng.choice(COMPANY_WORDS)
        + rng.choice(COMPANY_WORDS).lower()
        + " "
        + rng.choice(COMPANY_TAILS)
    )


def _procurement_number(rng: random.Random, decided: date, counters: _Counters) -> str:
    serial = counters.procurements.get(decided.year, 0) + 1
    counters.procurements[decided.year] = serial
    prefix = "MTH" if rng.random() < 0.2 else "MT"
    number = f"{prefix} {decided.year}-{serial:04d}"
    roll = rng.random()
    if roll < 0.08:
        number += rng.choice("abcd")
    elif roll < 0.14:
        number += f"-{rng.randrange(1, 6)}"
    return number


def decisions(
    rows: int, seed: int = 2024, *, distinct_subjects: bool = False
) -> Iterator[dict[str, str]]:
    """``rows`` decisions as CSV cells, dates spread evenly over the ten years, in date order
    within each procurement chain. With ``distinct_subjects`` each has a subject of its own;
    the rest is cell for cell the same (the subjects draw on a random generator of their own)."""
    rng = random.Random(seed)
    subjects = random.Random(seed + 1) if distinct_subjects else None
    counters = _Counters({}, {}, {})
    made = 0
    while made < rows:
        decided = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        org = rng.randrange(len(ORGANISATIONS))
        roll = rng.random()
        if roll < 0.40:
            chain = _procurement_chain(rng, decided, counters)
        elif roll < 0.55:
            chain = [_agreement(rng, decided)]
        elif roll < 0.65:
            chain = [_data_processing(rng, decided)]
        elif roll < 0.70:
            chain = [_supplement(rng, decided)]
        else:
            chain = [_other(rng, decided)]
        for cells in chain[: rows - made]:
            day = date.fromisoformat(cells["decided_on"])
            cells["diary_number"] = _as_typed(rng, _diary_number(rng, org, day, counters))
            _finish(rng, cells, day, counters)
            made += 1
            if subjects is not None:
                cells["subject"] = _own_subject(subjects, cells, day, made)
            yield cells


def _subject(rng: random.Random) -> str:
    if rng.random() < 0.006:
        return rng.choice(ULTRASOUND)
    return rng.choice(EQUIPMENT)


def _own_subject(rng: random.Random, cells: dict[str, str], day: date, serial: int) -> str:
    """The decision's subject made its own, in the ways a registrar words one: where it
    applies, whom or which period it concerns, and the case reference (unique, so no two
    subjects are the same)."""
    subject = f"{cells['subject']} till {rng.choice(UNITS)}, {rng.choice(SITES)}"
    roll = rng.random()
    if roll < 0.3:
        subject += f", avser {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    elif roll < 0.6:
        first = rng.randrange(12)
        subject += (
            f", perioden {MONTHS[first]} {day.year} till "
            f"{MONTHS[(first + rng.randrange(1, 12)) % 12]} {day.year + 1}"
        )
    return f"{subject} (ärende {day.year}-{serial:07d})"


def _procurement_chain(
    rng: random.Random, decided: date, counters: _Counters
) -> list[dict[str, str]]:
    number = _procurement_number(rng, decided, counters)
    subject = _subject(rng)
    supplier = _company(rng)
    amount = str(rng.randrange(100, 50_000) * 1000)
    chain = []
    day = decided
    if rng.random() < 0.5:
        chain.append({"kind": "initiering", "subject": subject, "procurement_number": number})
        day += timedelta(days=rng.randrange(30, 120))
    notified = day + timedelta(days=rng.randrange(2))
    chain.append(
        {
            "kind": "tilldelningsbeslut",
            "subject": subject,
            "procurement_number": number,
            "parties": supplier,
            "decided_on": day.isoformat(),
            "notified_on": notified.isoformat(),
            "notified_by": "electronic" if rng.random() < 0.9 else "post",
            "amount": amount,
        }
    )
    if rng.random() < 0.8:
        # Signed after the avtalsspärr, now and then (as the checks expect) too early.
        signed = notified + timedelta(days=rng.randrange(8, 40))
        chain.append(
            {
                "kind": "kontrakt",
                "subject": subject,
                "procurement_number": number,
                "parties": supplier,
                "decided_on": signed.isoformat(),
                "amount": amount,
            }
        )
    if chain[0]["kind"] == "initiering":
        chain[0]["decided_on"] = decided.isoformat()
    return chain


def _agreement(rng: random.Random, decided: date) -> dict[str, str]:
    drug = rng.choice(DRUGS)
    return {
        "kind": "avtal",
        "subject": f"försäljning av läkemedel {drug}",
        "parties": f"{_company(rng)}; {rng.choice(PUBLIC_PARTIES)}",
        "decided_on": decided.isoformat(),
    }


def _data_processing(rng: random.Random, decided: date) -> dict[str, str]:
    return {
        "kind": "pub-avtal",
        "subject": f"personuppgiftsbehandling i {rng.choice(EQUIPMENT)}",
        "parties": f"{rng.choice(PUBLIC_PARTIES)}; {_company(rng)}",
        "decided_on": decided.isoformat(),
    }


def _supplement(rng: random.Random, decided: date) -> dict[str, str]:
    return {
        "kind": "tillaggsbeslut",
        "subject": rng.choice(MATTERS),
        "decided_on": decided.isoformat(),
    }


def _other(rng: random.Random, decided: date) -> dict[str, str]:
    return {
        "kind": "beslut" if rng.random() < 0.9 else "Övriga beslut",
        "subject": rng.choice(MATTERS),
        "decided_on": decided.isoformat(),
    }


def _finish(rng: random.Random, cells: dict[str, str], day: date, counters: _Counters) -> None:
    """Fields every kind has: delegate, point, secrecy, and the meeting that took the report."""
    cells["delegate"] = rng.choice(DELEGATES)
    cells["delegation_point"] = f"{rng.randrange(1, 8)}.{rng.randrange(1, 12)}"
    secret = rng.random() < 0.03
    cells["secret"] = "true" if secret else "false"
    if secret:
        cells["secret_reason"] = rng.choice(SECRET_REASONS)
    if day <= REPORTED_UNTIL:
        meeting = _meeting_for(day)
        item = counters.items.get(meeting, 0) + 1
        counters.items[meeting] = item
        cells["meeting"] = meeting.isoformat()
        cells["item"] = str(item)


def write_export(
    path: Path, rows: int, seed: int = 2024, *, distinct_subjects: bool = False
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for cells in decisions(rows, seed, distinct_subjects=distinct_subjects):
            writer.writerow([cells.get(name, "") for name in COLUMNS])
    return path


# --- agenda text ---------------------------------------------------------------------------

_PHRASES = {
    "tilldelningsbeslut": "fattat tilldelningsbeslut för",
    "kontrakt": "tecknat upphandlingskontrakt för",
    "initiering": "beslutat om initiering av upphandling för",
    "avtal": "tecknat avtal mellan {parties} om",
    "pub-avtal": "tecknat personuppgiftsbiträdesavtal med {parties} avseende",
    "tillaggsbeslut": "fattat tilläggsbeslut om",
    "beslut": "beslutat om",
    "Övriga beslut": "beslutat om",
}


def agenda_items(count: int, seed: int = 7) -> Iterator[str]:
    """Items in the Örebro board's phrasing, one decision each (numbered by the caller)."""
    for cells in decisions(count, seed):
        parties = cells.get("parties", "").replace("; ", " och ")
        phrase = _PHRASES[cells["kind"]].format(parties=parties)
        procurement = cells.get("procurement_number", "")
        tail = f" {procurement}" if procurement else ""
        yield (
            f"{cells['delegate']} har {phrase} {cells['subject']}{tail}, "
            f"{cells['diary_number'].removeprefix('Dnr: ')}."
        )


def write_agenda(path: Path, size: int, seed: int = 7) -> int:
    """An agenda of about ``size`` bytes: meetings of up to 40 items under their heading, with
    page furniture between them. Returns the number of items written."""
    items = 0
    written = 0
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as stream:
        lines = agenda_items(10**9, seed)
        while written < size:
            block = ["Hoppa över navigering", "", "Anmälningsärenden", ""]
            for number in range(1, rng.randrange(10, 40)):
                block.append(f"{number}. {next(lines)}")
                items += 1
            block += ["", "Bilagor", "Läs mer…", ""]
            text = "\n".join(block) + "\n"
            stream.write(text)
            written += len(text.encode())
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("rows", type=int)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--distinct-subjects", action="store_true", help="every decision its own subject"
    )
    arguments = parser.parse_args()
    write_export(
        arguments.path,
        arguments.rows,
        arguments.seed,
        distinct_subjects=arguments.distinct_subjects,
    )


if __name__ == "__main__":
    main()
