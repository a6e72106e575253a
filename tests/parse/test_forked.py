"""Work shared with a forked helper gives what the caller alone gives: a PDF's pages, an
agenda's items.

The helper (delreg.parse.forked) works from the last index backwards while the caller works
from the first; where they meet depends on the machine's load, so each document is read both
ways where it can be: with the caller busy a while first (the helper does all it can), and at
once. Every PDF layout the reader knows is used, tables ruled and unruled (pages the helper must
leave to the reader), in fpdf2's PDFs and LibreOffice's of Word documents; and long agendas
with every kind of item (rejected, printed twice, notices, no heading).
"""

from __future__ import annotations

import io
import marshal
import os
import random
import signal
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.model import Decision
from delreg.parse import Record, agenda, forked, pdf
from delreg.parse.accounting import Account
from delreg.parse.agenda_blocks import Segmenter
from delreg.parse.agenda_lines import LineKind, classify_lines
from delreg.parse.agenda_rules import agenda_rules
from delreg.parse.forked import Helper, helper_is_sound, shared
from delreg.parse.pdf import _page_texts, _PageReader, pdf_lines
from tests.helpers.documents import (
    EDGE_WORDS,
    agenda_text,
    board_items,
    corpus_fpdf,
    corpus_word_pdfs,
    fpdf_agenda,
    libreoffice,
    many_items,
)
from tests.helpers.office_pdfs import FIXTURES

CONFIG = load_config()
# Enough to run onto several pages in every layout.
ITEMS = many_items(80)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("pages")
    made = {
        f"fpdf2 {layout}, long": fpdf_agenda(ITEMS, layout=layout, font_folder=folder)
        for layout in ("bullets", "table", "unruled table")
    }
    made["fpdf2 bullets"] = corpus_fpdf("bullets", folder)
    if libreoffice() is not None:
        word = corpus_word_pdfs(folder)
        made.update(
            {f"Word {name}": path.read_bytes() for name, path in word.items() if "-" not in name}
        )
    return made


def alone(data: bytes) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "PAGES_FOR_A_HELPER", 10**9)
        return _page_texts(io.BytesIO(data), "a.pdf")


def helped(data: bytes, meanwhile: Callable[[], object] | None = None) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "PAGES_FOR_A_HELPER", 2)
        return _page_texts(io.BytesIO(data), "a.pdf", meanwhile)


def until(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 60
    while not done():
        assert time.monotonic() < deadline, "the helper never got there"
        time.sleep(0.005)


@pytest.fixture(autouse=True)
def a_core_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper is tried however busy the machine running the tests is."""
    monkeypatch.setattr(forked, "core_to_spare", lambda: True)


needs_two_cores = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="no second core, or not Linux: no helper",
)


@needs_two_cores
def test_every_layout_reads_the_same_with_a_helper(pdfs: dict[str, bytes]) -> None:
    for name, data in pdfs.items():
        expected = alone(data)
        # The reader busy a while: the helper reads every page it can.
        assert helped(data, meanwhile=lambda: time.sleep(0.1)) == expected, name
        assert helped(data) == expected, name


@needs_two_cores
def test_the_helper_gives_bare_pages_and_leaves_tables_to_the_reader(
    pdfs: dict[str, bytes],
) -> None:
    for name in ("fpdf2 bullets, long", "fpdf2 table, long", "fpdf2 unruled table, long"):
        data = pdfs[name]
        document = pdfium.PdfDocument(data)
        pages = len(document)
        helper = Helper(pages, _PageReader(document, data, "a.pdf").helped)
        try:
            until(partial(helper.reaches, 0))
        finally:
            helper.stop()
        expected = alone(data)
        assert sorted(helper.read) == list(range(pages))
        bare = {index for index, text in helper.read.items() if text is not None}
        for index in bare:
            assert helper.read[index] == expected[index], (name, index)
        if name == "fpdf2 bullets, long":
            assert bare == set(range(pages))
        else:
            # Each page of a table is the reader's to read, with its geometry.
            assert not bare, name


@needs_two_cores
def test_the_pages_a_helper_never_sent_are_read_by_the_reader(
    pdfs: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pdfs["fpdf2 bullets, long"]
    expected = alone(data)
    pages = len(expected)
    reader_bare = _PageReader.bare

    def dies_on_the_fourth_page_from_the_end(self: _PageReader, index: int) -> str | None:
        if index == pages - 4:
            os.kill(os.getpid(), signal.SIGKILL)
        return reader_bare(self, index)

    monkeypatch.setattr(_PageReader, "bare", dies_on_the_fourth_page_from_the_end)
    document = pdfium.PdfDocument(data)
    helper = Helper(pages, _PageReader(document, data, "a.pdf").helped)
    try:
        until(helper.ended)
        # What it had sent before it died (it sends a few pages at a time), and no more.
        assert set(helper.read) <= set(range(pages - 3, pages))
        assert not helper.reaches(0)
    finally:
        helper.stop()
    assert helped(data, meanwhile=lambda: time.sleep(0.1)) == expected
    assert helped(data) == expected


@needs_two_cores
def test_no_process_to_be_had_leaves_all_the_work_to_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    descriptors = len(os.listdir("/proc/self/fd"))
    done = list(shared(30, str, lambda index: None, str, least=1))
    assert done == [str(index) for index in range(30)]
    assert len(os.listdir("/proc/self/fd")) == descriptors


def test_no_helper_for_a_short_document_or_beside_another_thread() -> None:
    assert not helper_is_sound(pdf.PAGES_FOR_A_HELPER - 1, pdf.PAGES_FOR_A_HELPER)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not helper_is_sound(10**9, 1)
    finally:
        stop.set()
        thread.join()


@needs_two_cores
def test_the_lines_of_a_long_pdf_are_the_same_read_by_one_process_or_two(
    pdfs: dict[str, bytes], tmp_path: Path
) -> None:
    data = pdfs["fpdf2 bullets, long"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "PAGES_FOR_A_HELPER", 10**9)
        expected = pdf_lines(io.BytesIO(data), source="a.pdf")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "PAGES_FOR_A_HELPER", 2)
        assert pdf_lines(io.BytesIO(data), source="a.pdf") == expected


# --- an agenda's items ------------------------------------------------------------------------


def long_agenda(seed: int, count: int) -> str:
    """A board's list in its own phrasing (some items near the reader's edges, some cut off),
    printed twice, then notices."""
    rng = random.Random(seed)
    lines = ["Anmälningsärenden", ""]
    for number, item in enumerate(board_items(count, seed), start=1):
        if rng.random() < 0.3:
            words = item.split(" ")
            words.insert(rng.randrange(len(words) + 1), rng.choice(EDGE_WORDS))
            item = " ".join(words)
        if rng.random() < 0.02:
            item = item.rsplit(",", 1)[0]
        lines.append(f"{number}. {item}")
    listed = "\n".join(lines)
    notices = [f"• Protokoll från samverkansgruppen {day} mars" for day in range(1, 29)]
    return "\n".join([listed, "", listed, "", "Meddelandeärenden", *notices, "", "Bilagor"])


AGENDAS = {
    "board's list": long_agenda(1, 300),
    "no heading": "\n".join(f"• {item}" for item in board_items(300, 2)),
    "the PDF benchmark's list": agenda_text(many_items(300)),
}


def read_agenda_text(text: str, least: int) -> tuple[list[Record], Account]:
    account = Account("a.txt")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(agenda, "ITEMS_FOR_A_HELPER", least)
        records = list(
            agenda.read_agenda(text, source="a", config=CONFIG, meeting_year=2024, account=account)
        )
    return records, account


@needs_two_cores
@pytest.mark.parametrize("name", list(AGENDAS))
def test_a_long_agenda_reads_the_same_with_a_helper(name: str) -> None:
    records, account = read_agenda_text(AGENDAS[name], least=10**9)
    assert any(isinstance(record, Decision) for record in records)
    assert read_agenda_text(AGENDAS[name], least=2) == (records, account)


def test_each_reading_comes_through_the_pipe_as_it_was() -> None:
    """What the helper sends of an item (its text and reading) is taken in unchanged."""
    rules = agenda_rules(CONFIG)
    readings: list[agenda.Read] = []
    for text in AGENDAS.values():
        lines = classify_lines(text, rules)
        headed = any(line.kind is LineKind.DECISION_HEADING for line in lines)
        records = agenda._Records(
            source="a", config=CONFIG, rules=rules, meeting_year=2024, locate=None
        )
        blocks = Segmenter(rules, CONFIG, headed=headed).blocks(lines)
        readings += [item for item in map(records.reading, blocks) if item is not None]
    # Decisions, and items that are none (rejected, text about the list).
    assert {reading.decision is None for _, reading in readings} == {False, True}
    for item in readings:
        sent = agenda._sent(item)
        assert sent is not None
        assert agenda._taken(marshal.loads(marshal.dumps(sent))) == item


@needs_two_cores
@settings(max_examples=12, deadline=None)
@given(
    count=st.integers(0, 60),
    left=st.sets(st.integers(0, 59)),
    failing=st.sets(st.integers(0, 59)),
    busy=st.booleans(),
)
def test_whatever_the_helper_leaves_or_fails_the_caller_does(
    count: int, left: set[int], failing: set[int], busy: bool
) -> None:
    def own(index: int) -> str:
        return f"item {index}"

    def helped(index: int) -> str | None:
        if index in failing:
            raise ValueError(index)
        return None if index in left else own(index)

    done = shared(
        count,
        own,
        helped,
        lambda given: given,
        least=1,
        meanwhile=(lambda: time.sleep(0.05)) if busy else None,
    )
    assert list(done) == [own(index) for index in range(count)]


def process_state(pid: int) -> str | None:
    """The state letter of a process ("Z": dead, not reaped); None where there is none."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return None


@needs_two_cores
def test_a_stopped_helper_is_dead_at_once_and_reaped_before_the_next_starts() -> None:
    def slow(index: int) -> None:
        time.sleep(0.001)

    helper: Helper[None] = Helper(10**6, slow)
    pid = helper._pid
    assert pid is not None and process_state(pid) not in (None, "Z")
    helper.stop()
    deadline = time.monotonic() + 10
    while process_state(pid) not in (None, "Z"):
        assert time.monotonic() < deadline, "the stopped helper is still running"
        time.sleep(0.005)
    other: Helper[None] = Helper(10, slow)
    try:
        assert process_state(pid) is None  # reaped as the next one started
    finally:
        other.stop()
        forked.reap_ended()
    assert other._pid is None and not forked._ended


@needs_two_cores
def test_results_in_turn_come_as_done_and_the_helper_ends_with_the_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pids: list[int] = []
    start = forked.start_child

    def recorded(work: Callable[[int], object], *, room: int = 0) -> tuple[int, int]:
        pid, reading = start(work, room=room)
        pids.append(pid)
        return pid, reading

    monkeypatch.setattr(forked, "start_child", recorded)
    calls: list[int] = []

    def own(index: int) -> int:
        calls.append(index)
        return index

    def slow(index: int) -> int:
        time.sleep(0.005)
        return index

    made = forked.shared(10_000, own, slow, int, least=1)
    assert (next(made), next(made), calls) == (0, 1, [0, 1])
    assert len(pids) == 1 and process_state(pids[0]) not in (None, "Z")
    made.close()
    forked.reap_ended()
    assert process_state(pids[0]) is None
    # The agenda's reading: a caller that stops taking its records ends its helper.
    text = agenda_text(many_items(agenda.ITEMS_FOR_A_HELPER + 300))
    reading = agenda.read_agenda(text, source="a.txt", config=CONFIG)
    assert isinstance(next(reading), Decision)
    assert len(pids) == 2 and process_state(pids[1]) not in (None, "Z")
    del reading
    forked.reap_ended()
    assert process_state(pids[1]) is None


@needs_two_cores
def test_a_table_going_on_without_its_header_reads_the_same_with_a_helper() -> None:
    """A Word table without rules whose header is on its first page only: the pages after have
    nothing for the helper to tell them from bare text, and the reader reads them itself."""
    data = (FIXTURES / "long-table-plain-once.pdf").read_bytes()
    expected = alone(data)
    assert helped(data, meanwhile=lambda: time.sleep(0.1)) == expected
    assert helped(data) == expected
