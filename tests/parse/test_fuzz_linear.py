"""No input makes a reader hang: time grows linearly with the input.

A regular expression that backtracks, or a loop that rescans what it has read, takes time that
grows with the square of the input (or worse): ten times the text, a hundred times the wait, and
a single long line in a scraped page stalls an import. Each test times the same work on an input
and on one ten times larger and bounds the ratio, generously: linear work gives about 10,
quadratic 100. Nothing is compared with a number of seconds, so a slow machine passes too, and
the time measured is the CPU time of the work, so a busy one does.
"""

from __future__ import annotations

import contextlib
import gc
import io
import time
from collections.abc import Callable
from typing import Any

import pytest

from delreg.config import load_config
from delreg.dates import parse_date
from delreg.errors import DelregError
from delreg.fields import normalise_field, parse_amount
from delreg.importer import read_input
from delreg.model import classify_kind, normalise_diary_number, normalise_procurement_number
from delreg.parse.agenda import read_agenda

CONFIG = load_config()
MB = 1_000_000
# Linear is 10; caches and the allocator can add a little; backtracking gives 100 and more.
BOUND = 40


def seconds(work: Callable[[str], Any], text: str, runs: int) -> float:
    """The best of ``runs`` timings of ``work(text)`` (delreg's own errors are a result too)."""
    best = float("inf")
    gc.disable()  # a collection in one run and not the other would skew the ratio
    try:
        for _ in range(runs):
            # The process's CPU time, not the wall clock: on a busy machine (CI beside other
            # jobs, tests running side by side) the time spent waiting for a core is not work.
            started = time.process_time()
            with contextlib.suppress(DelregError):
                work(text)
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


def repeated(piece: str, size: int) -> str:
    # Ends with a character that matches nothing, where a backtracking pattern would fail late.
    return (piece * (size // len(piece) + 1))[:size] + "§"


# Below this, a timing is the clock's and the scheduler's noise rather than the work's: a run
# that reads a megabyte in under a tenth of a millisecond stopped early, which is linear too.
RESOLUTION = 1e-4


def growth(work: Callable[[str], Any], piece: str, small: int) -> float:
    """How much longer ``work`` takes on ten times the input.

    A busy machine (CI beside other jobs) can stall one timing; quadratic work is slow every
    time, so a ratio over the bound is measured again, up to three times, and the best kept.
    """
    best = float("inf")
    for _ in range(3):
        little = seconds(work, repeated(piece, small), runs=3)
        large = seconds(work, repeated(piece, 10 * small), runs=2)
        best = min(best, large / max(little, RESOLUTION))
        if best < BOUND:
            break
    return best


def agenda(text: str) -> list[Any]:
    return list(read_agenda("Anmälningsärenden\n" + text, source="x", config=CONFIG))


ITEM = (
    "1. Hälso- och sjukvårdsdirektören har fattat tilldelningsbeslut för ultraljudsutrustning "
    "MT 2023-0043, 23RS710. "
)
# Shapes the agenda rules look for, repeated on one line with no end: numbers, separators,
# item markers, dnr prefixes, parentheses.
AGENDA_PIECES = [
    ITEM,
    "a",
    "Dnr RS 2022/",
    "23RS",
    "1",
    " ",
    "- ",
    ", ",
    "(",
    "1.",
    "har beslutat om ",
    "MT 2023-0043 ",
    "8 december 2023 ",
    # A kind word first, parties between commas, the closing sentence, the number grammar.
    "Programbeslut – ",
    "Kollektivavtal – Kommunal, Vision, ",
    "beslutar att ",
    "002 – 443 / 05 4468-2017 ",
]


def test_a_10_mb_line_of_agenda_text_reads_in_linear_time() -> None:
    assert growth(agenda, ITEM, MB) < BOUND


@pytest.mark.parametrize("piece", AGENDA_PIECES, ids=repr)
def test_the_agenda_reader_is_linear_on_pathological_lines(piece: str) -> None:
    assert growth(agenda, piece, MB // 10) < BOUND


def unheaded(text: str) -> list[Any]:
    return list(read_agenda(text, source="x", config=CONFIG))


@pytest.mark.parametrize(
    "piece",
    [
        # A flattened transcript: headings, item numbers and closing sentences on one line.
        "Redovisning av delegationsbeslut Till nämnden 1. Bidrag - Föreningen Gläntan, KS 2024/4 ",
        "• Företagsutvecklingsbidrag - Nordlyset Turism AB RS2024/392\n",
        "• Protokoll från folkhälsorådet\n",
        "Kommundirektören – Anställning av ekonomichef, KS 2024/88\n",
    ],
    ids=repr,
)
def test_flattened_and_unheaded_documents_are_read_in_linear_time(piece: str) -> None:
    # Without a heading the whole document is one list's section, and runs are looked for.
    assert growth(unheaded, piece, MB // 40) < BOUND


# Each normaliser with the shapes its patterns look for, repeated: digits with optional
# separators (the amount), date words, a number's letters and separators.
NORMALISERS: dict[str, tuple[Callable[[str], Any], list[str]]] = {
    "amount": (parse_amount, ["1", "1 000 ", "1."]),
    "date": (parse_date, ["den ", "8 december ", "1 000 "]),
    "diary number": (
        lambda text: normalise_diary_number(text, CONFIG),
        ["23RS1-", "RS ", "/", "Dnr "],
    ),
    "procurement number": (
        lambda text: normalise_procurement_number(text, CONFIG),
        ["MT 2023-", "1 000 ", "/"],
    ),
    "kind": (lambda text: classify_kind(text, CONFIG), ["avtal ", "tilldelningsbeslut ", "a"]),
    "subject": (lambda text: normalise_field("subject", text, CONFIG), [" ", "1 000 "]),
}


@pytest.mark.parametrize("name", sorted(NORMALISERS))
def test_the_normalisers_are_linear(name: str) -> None:
    normalise, pieces = NORMALISERS[name]
    worst = max((growth(normalise, piece, MB // 10), piece) for piece in pieces)
    assert worst[0] < BOUND, worst


def read_json_subject(text: str) -> list[Any]:
    data = ('[{"diary_number": "23RS1", "subject": "' + text + '"}]').encode()
    return list(read_input("-", fmt="json", config=CONFIG, stdin=io.BytesIO(data)))


def read_csv_line(text: str) -> list[Any]:
    data = ("diary_number,subject\n23RS1," + text + "\n").encode()
    return list(read_input("-", fmt="csv", config=CONFIG, stdin=io.BytesIO(data)))


@pytest.mark.parametrize("read", [read_json_subject, read_csv_line], ids=["json", "csv"])
def test_a_10_mb_value_reads_in_linear_time(read: Callable[[str], Any]) -> None:
    # The CSV reader refuses a line over 1 MB (an unclosed quote, not an export); it must find
    # that out without reading on to the end.
    assert growth(read, "ultraljud den 8 december, ", MB) < BOUND
