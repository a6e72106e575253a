"""What becomes of every item of the invented agendas, per layout: stored, rejected, lost.

The same list (tests/helpers/documents.py, 26 decisions, 2 notices, and one item cut off at the
list's end in the "cut-off" variants) as text, as fpdf2 PDFs and as Word documents turned into
PDF by LibreOffice (where installed). An item is stored when a decision with its diary number
comes back, rejected when a rejection names it, and lost otherwise (must be 0):

    .venv/bin/python bench/pdf_corpus.py [OTHER-CHECKOUT]
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if len(sys.argv) > 1:  # another checkout's delreg (e.g. an older one) reads the same documents
    sys.path.insert(0, sys.argv[1])

from delreg.config import load_config
from delreg.model import Decision, Notice
from delreg.parse import Record, Rejected
from delreg.parse.agenda import read_agenda
from delreg.parse.pdf import read_pdf
from tests.helpers.documents import (
    CORPUS_ITEMS,
    CUT_OFF,
    NOTICES,
    FpdfLayout,
    agenda_text,
    corpus_fpdf,
    corpus_word_pdfs,
    libreoffice,
)

ITEMS = CORPUS_ITEMS
FPDF_LAYOUTS: tuple[tuple[FpdfLayout, str], ...] = (
    ("bullets", "Symbol/Wingdings bullets"),
    ("table", "ruled table"),
    ("unruled table", "table without rules"),
)


def layouts(folder: Path) -> dict[str, Callable[[], list[Record]]]:
    config = load_config()

    def text(cut_off: str | None) -> Callable[[], list[Record]]:
        body = agenda_text(ITEMS, cut_off=cut_off)
        return lambda: list(read_agenda(body, source="agenda.txt", config=config))

    def pdf(data: bytes) -> Callable[[], list[Record]]:
        return lambda: list(read_pdf(io.BytesIO(data), source="agenda.pdf", config=config))

    word = corpus_word_pdfs(folder) if libreoffice() is not None else {}
    found: dict[str, Callable[[], list[Record]]] = {}
    for suffix, cut_off in (("", None), (", cut-off item", CUT_OFF)):
        found[f"text, • bullets{suffix}"] = text(cut_off)
        for layout, label in FPDF_LAYOUTS:
            made = corpus_fpdf(layout, folder, cut_off=cut_off)
            found[f"fpdf2 PDF, {label}{suffix}"] = pdf(made)
        for name, label in (
            ("symbol", "Symbol bullets"),
            ("wingdings", "Wingdings bullets"),
            ("table", "table"),
            ("unruled", "table without rules"),
        ):
            path = word.get(f"{name}{'-cut' if cut_off else ''}")
            if path is not None:
                found[f"Word PDF, {label}{suffix}"] = pdf(path.read_bytes())
    return found


def main() -> None:
    print("| layout | items | stored | rejected | notices | lost |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for label, read in layouts(Path(folder)).items():
            records = read()
            cut = "cut-off" in label
            numbers = {record.diary_number for record in records if isinstance(record, Decision)}
            stored = sum(diary in numbers for diary, _ in ITEMS)
            rejected = [record for record in records if isinstance(record, Rejected)]
            cut_rejected = cut and any(CUT_OFF in record.reason for record in rejected)
            notices = sum(isinstance(record, Notice) for record in records)
            items = len(ITEMS) + int(cut) + len(NOTICES)
            lost = items - stored - int(cut_rejected) - min(notices, len(NOTICES))
            print(f"| {label} | {items} | {stored} | {len(rejected)} | {notices} | {lost} |")


if __name__ == "__main__":
    main()
