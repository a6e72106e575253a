"""A long PDF's pages read by a second process give the text the reader alone gives.

The helper (delreg.parse.pdf_pages) reads pages from the last backwards while the reader reads
from the first; where they meet depends on the machine's load, so each document is read both
ways: with the reader busy a while before its first page (the helper reads them all), and at
once. Every layout the reader knows is used, tables ruled and unruled (pages the helper must
leave to the reader), in fpdf2's PDFs and LibreOffice's of Word documents.
"""

from __future__ import annotations

import io
import os
import signal
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from delreg.parse import pdf_pages
from delreg.parse.pdf import _page_texts, _PageReader, pdf_lines
from delreg.parse.pdf_pages import Helper, helper_is_sound
from tests.helpers.documents import (
    corpus_fpdf,
    corpus_word_pdfs,
    fpdf_agenda,
    libreoffice,
    many_items,
)

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
        patch.setattr(pdf_pages, "PAGES_FOR_A_HELPER", 10**9)
        return _page_texts(io.BytesIO(data), "a.pdf")


def helped(data: bytes, meanwhile: Callable[[], object] | None = None) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_pages, "PAGES_FOR_A_HELPER", 2)
        return _page_texts(io.BytesIO(data), "a.pdf", meanwhile)


def until(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 60
    while not done():
        assert time.monotonic() < deadline, "the helper never got there"
        time.sleep(0.005)


needs_two_cores = pytest.mark.skipif(
    not helper_is_sound(10**9), reason="no second core, or not Linux: no helper"
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
        helper = Helper(pages, _PageReader(document, data, "a.pdf").bare)
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
    helper = Helper(pages, _PageReader(document, data, "a.pdf").bare)
    try:
        until(helper.ended)
        assert sorted(helper.read) == list(range(pages - 3, pages))
        assert not helper.reaches(0)
    finally:
        helper.stop()
    assert helped(data, meanwhile=lambda: time.sleep(0.1)) == expected
    assert helped(data) == expected


def test_no_helper_for_a_short_document_or_beside_another_thread() -> None:
    assert not helper_is_sound(pdf_pages.PAGES_FOR_A_HELPER - 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not helper_is_sound(10**9)
    finally:
        stop.set()
        thread.join()


@needs_two_cores
def test_the_lines_of_a_long_pdf_are_the_same_read_by_one_process_or_two(
    pdfs: dict[str, bytes], tmp_path: Path
) -> None:
    data = pdfs["fpdf2 bullets, long"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_pages, "PAGES_FOR_A_HELPER", 10**9)
        expected = pdf_lines(io.BytesIO(data), source="a.pdf")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_pages, "PAGES_FOR_A_HELPER", 2)
        assert pdf_lines(io.BytesIO(data), source="a.pdf") == expected
