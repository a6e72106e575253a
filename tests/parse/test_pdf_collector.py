"""A PDF's text is read with Python's cyclic collector held off (delreg.parse.pdf.read_pdf):
its lines, blocks and records hold no cycles, so the collector's passes would find nothing of
theirs, and it runs again once the reading ends or is abandoned."""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from delreg.config import load_config
from delreg.errors import InputError
from delreg.parse import pdf
from delreg.parse.pdf import _numbers_made_whole as numbers_made_whole
from delreg.parse.pdf import read_pdf
from tests.helpers.documents import FpdfLayout, corpus_fpdf, fpdf_agenda, many_items

CONFIG = load_config()
# What PDFium's calls through ctypes leave (while pages are read): array types made on the fly
# hold themselves.
CTYPES_GARBAGE = {"PyCArrayType", "StgDict", "getset_descriptor", "tuple", "dict"}


@pytest.fixture
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_is_off_while_a_pdf_is_read_and_on_after(
    tmp_path: Path, collecting: None
) -> None:
    data = fpdf_agenda(many_items(40), layout="bullets", font_folder=tmp_path)
    seen = [gc.isenabled() for _ in read_pdf(io.BytesIO(data), source="a.pdf", config=CONFIG)]
    assert len(seen) >= 40 and not any(seen)
    assert gc.isenabled()
    # Abandoned part-way, or failing, the reading gives the collector back.
    reading = read_pdf(io.BytesIO(data), source="a.pdf", config=CONFIG)
    next(reading)
    assert not gc.isenabled()
    del reading  # closed as it goes
    assert gc.isenabled()
    # A broken PDF is refused before its text is read, the collector untouched.
    with pytest.raises(InputError):
        list(read_pdf(io.BytesIO(data[: len(data) // 3]), source="b.pdf", config=CONFIG))
    assert gc.isenabled()
    # Held off already (the command line's start-up), it stays off.
    gc.disable()
    list(read_pdf(io.BytesIO(data), source="a.pdf", config=CONFIG))
    assert not gc.isenabled()


@pytest.mark.parametrize("layout", ["bullets", "table", "unruled table"])
def test_a_pdf_read_leaves_no_cycles_of_its_own(
    tmp_path: Path, collecting: None, layout: FpdfLayout
) -> None:
    data = corpus_fpdf(layout, tmp_path)
    list(read_pdf(io.BytesIO(data), source="a.pdf", config=CONFIG))  # every module loaded
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        records = list(read_pdf(io.BytesIO(data), source="a.pdf", config=CONFIG))
        gc.collect()
        left = {type(found).__name__ for found in gc.garbage}
        own = [found for found in gc.garbage if type(found).__module__.startswith("delreg")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert len(records) >= 25
    assert not own
    if layout == "bullets":  # no ruled table read by pdfplumber, whose objects do hold cycles
        assert left <= CTYPES_GARBAGE


def test_the_collector_is_off_while_the_pages_lines_are_made(
    tmp_path: Path, collecting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def whole(lines: list[pdf.PdfLine]) -> list[pdf.PdfLine]:
        seen.append(gc.isenabled())
        return numbers_made_whole(lines)

    monkeypatch.setattr(pdf, "_numbers_made_whole", whole)
    data = fpdf_agenda(many_items(60), layout="bullets", font_folder=tmp_path)
    lines = pdf.pdf_lines(io.BytesIO(data), source="a.pdf")
    assert seen == [False]
    assert len(lines) > 60 and gc.isenabled()
