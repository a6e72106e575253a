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
    NOTICES,
    SYMBOL_BULLET,
    WINGDINGS_BULLETS,
    agenda_text,
    fpdf_agenda,
    libreoffice,
    libreoffice_pdfs,
    many_items,
    word_document,
)

ITEMS = many_items(26)
CUT_OFF = "Regiondirektören har beslutat om"


def layouts(folder: Path) -> dict[str, Callable[[], list[Record]]]:
    config = load_config()

    def text(cut: bool) -> Callable[[], list[Record]]:
        body = agenda_text(ITEMS, cut_off=CUT_OFF if cut else None)
        return lambda: list(read_agenda(body, source="agenda.txt", config=config))

    def pdf(data: bytes) -> Callable[[], list[Record]]:
        return lambda: list(read_pdf(io.BytesIO(data), source="agenda.pdf", config=config))

    found: dict[str, Callable[[], list[Record]]] = {}
    for cut in (False, True):
        suffix = ", cut-off item" if cut else ""
        cut_off = CUT_OFF if cut else None
        found[f"text, • bullets{suffix}"] = text(cut)
        bullets = fpdf_agenda(
            ITEMS,
            layout="bullets",
            font_folder=folder,
            bullets=(SYMBOL_BULLET, *WINGDINGS_BULLETS),
            page_breaks=(4,),
            cut_off=cut_off,
        )
        found[f"fpdf2 PDF, Symbol/Wingdings bullets{suffix}"] = pdf(bullets)
        for layout, label in (("table", "ruled table"), ("unruled table", "table without rules")):
            table = fpdf_agenda(ITEMS, layout=layout, font_folder=folder, cut_off=cut_off)  # type: ignore[arg-type]
            found[f"fpdf2 PDF, {label}{suffix}"] = pdf(table)
        if libreoffice() is not None:
            words = {
                f"{layout}{'-cut' if cut else ''}": word_document(
                    ITEMS, layout=layout, page_breaks=(4,), cut_off=cut_off
                )
                for layout in ("symbol", "wingdings", "table", "unruled table")
            }
            made = libreoffice_pdfs(words, folder)  # type: ignore[arg-type]
            for name, label in (
                ("symbol", "Word PDF, Symbol bullets"),
                ("wingdings", "Word PDF, Wingdings bullets"),
                ("table", "Word PDF, table"),
                ("unruled table", "Word PDF, table without rules"),
            ):
                path = made[f"{name}{'-cut' if cut else ''}"]
                found[f"{label}{suffix}"] = pdf(path.read_bytes())
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
