"""The PDF reader's shortcuts answer what the plain calls they stand in for answer.

Whether a page draws lines is counted with PDFium's own calls rather than through pypdfium2's
``get_objects``, and a page's text is searched for a table's header only where two substring
tests let it: here each is compared with the plain call on real pages (fpdf2's, LibreOffice's,
a table drawn inside a form) and on generated text.
"""

from __future__ import annotations

import io
from itertools import islice
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.model import Decision
from delreg.parse import Rejected
from delreg.parse.pdf import _has_rules, _may_head_a_table, _rows, read_pdf
from delreg.parse.table_columns import NUMBER_COLUMN
from tests.helpers.documents import CORPUS_ITEMS, corpus_fpdf, fpdf_agenda, many_items

CONFIG = load_config()


def draws_lines_plainly(page: Any) -> bool:
    """What the reader asked before: three path objects, on the page or one form down."""
    paths = page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2)
    return next(islice(paths, 2, None), None) is not None


def in_forms(data: bytes) -> bytes:
    """The same PDF with each page's content moved into a form object (as n-up and stamping
    tools write it): its rules are one level down."""
    source = pdfium.PdfDocument(data)
    made = pdfium.PdfDocument.new()
    for index in range(len(source)):
        width, height = source[index].get_size()
        form = source.page_as_xobject(index, made)
        page = made.new_page(width, height)
        page.insert_obj(form.as_pageobject())
        page.gen_content()
    out = io.BytesIO()
    made.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("fonts")
    made = {layout: corpus_fpdf(layout, folder) for layout in ("bullets", "table", "unruled table")}
    made["table in forms"] = in_forms(made["table"])
    made["bullets in forms"] = in_forms(made["bullets"])
    return made


def test_rules_are_counted_as_get_objects_counts_them(pdfs: dict[str, bytes]) -> None:
    answers: dict[str, set[bool]] = {}
    for name, data in pdfs.items():
        for page in pdfium.PdfDocument(data):
            assert _has_rules(page) == draws_lines_plainly(page), name
            answers.setdefault(name, set()).add(_has_rules(page))
    # Both answers were compared: pages with rules, in forms too, and pages without.
    assert answers["table"] == answers["table in forms"] == {True}
    assert answers["bullets"] == answers["bullets in forms"] == {False}


def test_a_table_drawn_inside_a_form_reads_as_the_table_does(pdfs: dict[str, bytes]) -> None:
    def read(data: bytes) -> list[Any]:
        return list(read_pdf(io.BytesIO(data), source="a.pdf", config=CONFIG))

    plain = read(pdfs["table"])
    assert plain == read(pdfs["table in forms"])
    assert len([record for record in plain if isinstance(record, Decision)]) == len(CORPUS_ITEMS)


# Pieces of text around a table's header: its words in any case, near misses, other words.
_PIECES = st.sampled_from(
    [
        "Diarienummer", "DIARIENR", "diarie nr.", "Ärendenummer", "ärende nr", "ÄRENDE",
        "Dnr", "dnr.", "DNR:", "Diarie", "nummer", "Nr", "nR", "n r", "Ärende", "Henrik",
        "Konrad", "summera", "Diarie\nnummer", "ärende\tnr", " ", "\n", "•", "24RS1000", "—",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_the_header_is_looked_for_wherever_the_pattern_would_find_it(text: str) -> None:
    assert _may_head_a_table(text) == (NUMBER_COLUMN.search(text) is not None)


def test_a_labelled_delegate_is_no_header_without_a_column_for_what_was_decided() -> None:
    """A page of items whose every other line is "Beslutsfattare: Ekonomichef" read the runs of
    every line for a header (twice the page's cost); a header names what was decided too."""
    assert not _may_head_a_table("• KS 2024/1 Avtal om fjärrvärme\nBeslutsfattare: Ekonomichef")
    assert not _may_head_a_table("Fattat av: Ekonomichef\nDag för sammanträdet")
    assert _may_head_a_table("Anmälan\nÄrende Beslut Datum Delegat\nKS 2024/1 …")
    assert _may_head_a_table("Ärendebeskrivning   Dag   Beslutad av")


def test_the_space_between_rows_is_kept_in_order_over_the_tables() -> None:
    """A long table's pages do not sort every space between rows read so far again."""
    gaps: list[float] = [9.0]
    lines = [(["24RS1", "a"], 0.0), (["24RS2", "b"], 14.0), (["24RS3", "c"], 3.0)]
    _rows(lines, gaps)
    assert gaps == [3.0, 9.0, 14.0]


def test_a_diary_number_given_twice_names_the_first_by_its_page_and_line(tmp_path: Path) -> None:
    items = many_items(40)
    # The first item again at the end, with other words: rejected, pointing at the first.
    items.append((items[0][0], "Regiondirektören har tecknat avtal med Ny Part AB om något"))
    data = fpdf_agenda(items, layout="bullets", font_folder=tmp_path)
    records = list(read_pdf(io.BytesIO(data), source="agenda.pdf", config=CONFIG))
    first = next(r for r in records if isinstance(r, Decision) and r.diary_number == items[0][0])
    (rejected,) = [record for record in records if isinstance(record, Rejected)]
    assert (first.source or "").startswith("agenda.pdf#page=1:")
    assert (rejected.source or "").startswith("agenda.pdf#page=")
    assert rejected.source != first.source
    assert f"(first at {first.source})" in rejected.reason
