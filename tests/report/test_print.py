"""The Word and HTML reports as a board member reads them: on A4, numbers whole, pages counted.

The first tests read the .docx itself. The last render it as a reader's program would, where
one is installed: the Word file with LibreOffice (`soffice --headless --convert-to pdf`), the
HTML page with headless Chromium (`--print-to-pdf`), and read the pages back with poppler's
pdfinfo and pdftotext. They are skipped, saying why, on a machine without those programs.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from delreg.report.layout import LABELS, agreeing
from delreg.report.typography import NB_HYPHEN, NBSP, nowrap_numbers, unbreakable
from tests.helpers import DATA, SEED, Invoke

MEETING = "2024-02-15"
APPEAL_ENDS = "2024-03-13"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def example(delreg: Invoke) -> Invoke:
    for args in (
        ["meetings", "add", MEETING, "--board", "Hälso- och sjukvårdsnämnden",
         "--paragraph", "16", "--adjusted-on", "2024-02-20", "--posted-on", "2024-02-21"],
        ["import", str(SEED), "--meeting", MEETING],
        ["import", str(DATA / "example-diarium.csv")],
    ):  # fmt: skip
        assert delreg(*args).exit_code == 0
    return delreg


def diary_numbers(delreg: Invoke) -> list[str]:
    result = delreg("list", "--meeting", MEETING, "--format", "csv")
    return [line.split(",")[0] for line in result.stdout.splitlines()[1:]]


def word_document(delreg: Invoke) -> Any:
    import docx

    result = delreg("report", "--meeting", MEETING, "--format", "docx")
    assert result.exit_code == 0, result.stderr
    return docx.Document(io.BytesIO(result.stdout_bytes))


def test_the_word_report_is_a4_with_swedish_margins(example: Invoke) -> None:
    section = word_document(example).sections[0]
    # Word stores twips: millimetres to within a twentieth of a point.
    assert abs(section.page_width.mm - 210) < 0.1 and abs(section.page_height.mm - 297) < 0.1
    for margin in (section.top_margin, section.bottom_margin, section.left_margin):
        assert abs(margin.cm - 2.5) < 0.01


def test_pages_are_numbered_sida_1_of_3(example: Invoke) -> None:
    footer = word_document(example).sections[0].footer
    pages = footer.paragraphs[-1]._p
    fields = [field.get(f"{W}instr") for field in pages.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]
    texts = "".join(node.text or "" for node in pages.iter(f"{W}t"))
    assert texts == "Sida 1 (1)"  # the fields' cached values, which Word and LibreOffice update


def test_numbers_never_break_and_headings_keep_with_their_list(example: Invoke) -> None:
    document = word_document(example)
    paragraphs = document.paragraphs
    award = next(p for p in paragraphs if "23RS710" in p.text)
    xml = award._p.xml
    # "MT 2023-0043": a non-breaking space, and Word's non-breaking hyphen.
    assert f"MT{NBSP}2023" in xml and "<w:noBreakHyphen/>" in xml
    subtitle = next(p for p in paragraphs if p.style.name == "Subtitle")
    assert f"§{NBSP}16" in subtitle.text
    for paragraph in paragraphs:
        if paragraph.style.name.startswith("Heading") or paragraph.style.name == "Subtitle":
            assert paragraph.paragraph_format.keep_with_next, paragraph.text


def test_what_is_tied_and_what_is_not() -> None:
    assert unbreakable("MT 2023-0043, § 16, 1 450 000 kr, 13 kap. 5 §") == (
        f"MT{NBSP}2023{NB_HYPHEN}0043, §{NBSP}16, 1{NBSP}450{NBSP}000 kr, "
        f"13{NBSP}kap.{NBSP}5{NBSP}§"
    )
    # Words keep their ordinary spaces and hyphens ("Hälso- och", "avtal med AB").
    assert unbreakable("Hälso- och sjukvårdsdirektören har tecknat avtal") == (
        "Hälso- och sjukvårdsdirektören har tecknat avtal"
    )
    assert str(nowrap_numbers("för <b> MT 2023-0043, 23RS710")) == (
        'för &lt;b&gt; <span class="nr">MT 2023-0043</span>, 23RS710'
    )


@pytest.mark.parametrize(("count", "word"), [(0, "anmälda"), (1, "anmält"), (2, "anmälda")])
def test_the_summary_agrees_with_its_count(count: int, word: str) -> None:
    assert agreeing(count, LABELS) == word


def test_a_period_summary_reads_1_anmalt_beslut(example: Invoke) -> None:
    one = example("report", "--since", "2024-02-01", "--until", "2024-02-29").stdout
    summary = next(line for line in one.splitlines() if line.startswith("Totalt"))
    assert re.fullmatch(
        r"Totalt (\d+) beslut, varav (\d+) anmäl(t|da) till nämnden och .*", summary
    )
    counts = [int(n) for n in re.findall(r"\d+", summary)]
    for count, word in zip(counts[1:], re.findall(r"anmäl(?:t|da)", summary), strict=True):
        assert word == agreeing(count, LABELS), summary


# --- rendered as a reader's program renders them -------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = next(
    (found for name in ("chromium-headless-shell", "chromium", "google-chrome")
     if (found := shutil.which(name))),
    None,
)  # fmt: skip
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
A4_POINTS = (595.3, 841.9)


def pdf_pages(pdf: Path) -> tuple[tuple[float, float], int]:
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    pages = re.search(r"Pages:\s+(\d+)", info)
    assert size and pages, info
    return (float(size.group(1)), float(size.group(2))), int(pages.group(1))


def words_on_pages(pdf: Path) -> tuple[str, list[tuple[float, float, str]]]:
    """The text, line by line, and every word's left and right edge (in points)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=30
    ).stdout
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, timeout=30
    ).stdout
    words = [
        (float(x_min), float(x_max), word)
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            boxes,
        )
    ]
    return text, words


def check_pages(pdf: Path, numbers: list[str], margin: float) -> str:
    (width, height), pages = pdf_pages(pdf)
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2, (width, height)
    assert 1 <= pages <= 6
    text, words = words_on_pages(pdf)
    flat = " ".join(text.split())
    for number in numbers:
        assert number in flat, f"{number} is not on the pages"
    assert APPEAL_ENDS in flat
    # Nothing runs into the margin or off the page.
    for x_min, x_max, word in words:
        assert margin - 3 <= x_min and x_max <= width - margin + 3, (word, x_min, x_max)
    # Every procurement number is whole on one line.
    for procurement in set(re.findall(r"MTH? \d{4}-\d{4}[\w-]*", flat)):
        assert any(procurement in line for line in text.splitlines()), procurement
    return text


def printed(delreg: Invoke, folder: Path, suffix: str, program: list[str]) -> Path:
    """The meeting's report written as anmalningar``suffix`` and printed to PDF by ``program``
    (its arguments, with {source} and {pdf} filled in), bounded in time."""
    source, pdf = folder / f"anmalningar{suffix}", folder / "anmalningar.pdf"
    assert delreg("report", "--meeting", MEETING, "-o", str(source)).exit_code == 0
    command = [part.format(source=source, pdf=pdf, uri=source.as_uri()) for part in program]
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    return pdf


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfinfo) is not installed")
def test_the_word_report_printed_by_libreoffice(example: Invoke, tmp_path: Path) -> None:
    assert SOFFICE
    # A profile of its own, so a LibreOffice the user (or another test run) has open is not
    # asked to do the conversion.
    profile = (tmp_path / "profile").as_uri()
    pdf = printed(
        example,
        tmp_path,
        ".docx",
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), "{source}"],
    )  # fmt: skip
    text = check_pages(pdf, diary_numbers(example), margin=2.5 * 28.35)
    # Every page says which it is, of how many, and carries the appeal deadline.
    _, pages = pdf_pages(pdf)
    for page in range(1, pages + 1):
        assert f"Sida {page} ({pages})" in text
    assert text.count(APPEAL_ENDS) == pages


@pytest.mark.skipif(not CHROMIUM, reason="no headless Chromium (chromium-headless-shell)")
@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfinfo) is not installed")
def test_the_html_report_printed_by_chromium(example: Invoke, tmp_path: Path) -> None:
    assert CHROMIUM
    pdf = printed(
        example,
        tmp_path,
        ".html",
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={tmp_path / 'profile'}", "--print-to-pdf={pdf}", "{uri}"],
    )  # fmt: skip
    check_pages(pdf, diary_numbers(example), margin=2 * 28.35)
