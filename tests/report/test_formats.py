"""`delreg report` through the command line: the example meeting in every format, numbering,
--mark-reported, files, period reports, and the seed agenda read back as the board wrote it.

Snapshots live in tests/snapshots/; after a deliberate change to a report's look, regenerate
them with DELREG_UPDATE_SNAPSHOTS=1 and read the diff before committing it.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.helpers import SEED, SNAPSHOTS, Invoke, as_json
from tests.helpers.reports import BOARD, MEETING, NEXT_MEETING, build_example

SNAPSHOTS = SNAPSHOTS
FORMATS = ("txt", "md", "html", "json", "csv")


FEBRUARY = ["23RS710", "23RS764", "24RS278", "24RS611", "24RS700", "24RS841"]


@pytest.fixture
def example(delreg: Invoke) -> Invoke:
    return build_example(delreg)


def assert_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("DELREG_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot {name}; run with DELREG_UPDATE_SNAPSHOTS=1 to make it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its snapshot"


def docx_text(data: bytes) -> str:
    """What a reader of the Word file sees: properties, paragraphs with style, footer."""
    import docx

    document = docx.Document(io.BytesIO(data))
    properties = document.core_properties
    lines = [
        f"title: {properties.title}",
        f"created: {properties.created.isoformat() if properties.created else None}",
        f"language: {properties.language}",
    ]
    lines += [f"[{p.style.name if p.style else None}] {p.text}" for p in document.paragraphs]
    lines += [f"[footer] {p.text}" for p in document.sections[0].footer.paragraphs]
    return "\n".join(lines) + "\n"


def report(delreg: Invoke, *args: str) -> str:
    result = delreg("report", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


# --- the example meeting, every format ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_matches_its_snapshot(example: Invoke, fmt: str) -> None:
    assert_snapshot(f"meeting.{fmt}", report(example, "--meeting", MEETING, "--format", fmt))


def test_word_document_matches_its_snapshot(example: Invoke) -> None:
    result = example("report", "--meeting", MEETING, "--format", "docx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK")
    assert_snapshot("meeting.docx.txt", docx_text(result.stdout_bytes))


@pytest.mark.parametrize("fmt", ["txt", "json"])
def test_public_version_matches_its_snapshot(example: Invoke, fmt: str) -> None:
    text = report(example, "--meeting", MEETING, "--public", "--format", fmt)
    assert_snapshot(f"meeting-public.{fmt}", text)


def test_the_list_is_the_unreported_decisions_up_to_the_meeting_by_diary_number(
    example: Invoke,
) -> None:
    made = as_json(example("report", "--meeting", MEETING, "--format", "json"))
    assert [item["diary_number"] for item in made["items"]] == FEBRUARY
    assert [item["item"] for item in made["items"]] == [1, 2, 3, 4, 5, 6]
    assert made["appeal_ends_on"] == "2024-03-13" and made["paragraph"] == 16
    assert [notice["position"] for notice in made["notices"]] == [1, 2]
    # Contract keys of a decision, plus the item's place and sentence.
    assert {"diary_number", "kind", "parties", "meeting", "item", "sentence"} <= set(
        made["items"][0]
    )


def test_html_is_escaped_standalone_and_script_free(example: Invoke) -> None:
    html = report(example, "--meeting", MEETING, "--format", "html")
    assert "tolkning &lt;över&gt; 5 % &amp; *akut* [test]" in html
    assert "<över>" not in html
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", html, re.IGNORECASE)


def test_markdown_escapes_what_would_become_markup(example: Invoke) -> None:
    markdown = report(example, "--meeting", MEETING, "--format", "md")
    assert r"tolkning \<över\> 5 % & \*akut\* \[test\]" in markdown


def test_the_same_register_gives_byte_identical_reports(example: Invoke) -> None:
    for fmt in (*FORMATS, "docx"):
        for public in ([], ["--public"]):
            args = ("report", "--meeting", MEETING, "--format", fmt, *public)
            assert example(*args).stdout_bytes == example(*args).stdout_bytes, fmt


def test_a_report_without_mark_reported_changes_nothing(example: Invoke, database: Path) -> None:
    def state() -> list[object]:
        with sqlite3.connect(database) as connection:
            return [
                connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in ("reportings", "events", "decisions")
            ]

    before = state()
    for fmt in FORMATS:
        report(example, "--meeting", MEETING, "--format", fmt)
    report(example, "--month", "2024-01")
    assert state() == before


# --- numbering and --mark-reported --------------------------------------------------------------


def test_mark_reported_fixes_the_list_and_the_next_meeting_lists_the_rest(example: Invoke) -> None:
    draft = report(example, "--meeting", MEETING)
    marked = example("report", "--meeting", MEETING, "--mark-reported")
    assert marked.exit_code == 0
    assert marked.stdout == draft
    assert "reported 6 decisions at the meeting on 2024-02-15 (items 1–6)" in marked.stderr

    listed = as_json(example("list", "--meeting", MEETING, "--format", "json"))
    assert sorted((row["item"], row["diary_number"]) for row in listed) == list(
        enumerate(FEBRUARY, start=1)
    )
    following = as_json(example("report", "--meeting", NEXT_MEETING, "--format", "json"))
    assert [item["diary_number"] for item in following["items"]] == ["24RS900"]
    assert following["appeal_ends_on"] is None and following["notices"] == []

    # Re-running gives the same list, and marking again adds nothing.
    assert report(example, "--meeting", MEETING) == draft
    again = example("report", "--meeting", MEETING, "--mark-reported")
    assert again.stdout == draft and "nothing new" in again.stderr


def test_a_decision_found_after_the_list_was_fixed_goes_to_the_next_meeting(
    example: Invoke,
) -> None:
    report(example, "--meeting", MEETING, "--mark-reported")
    fixed = report(example, "--meeting", MEETING)
    late = ["add", "--kind", "beslut", "--diary-number", "24RS100", "--subject", "sent funnet",
            "--decided-on", "2024-02-05"]  # fmt: skip
    assert example(*late).exit_code == 0
    result = example("report", "--meeting", MEETING)
    assert result.stdout == fixed
    assert "1 unreported decisions decided by 2024-02-15" in result.stderr
    following = as_json(example("report", "--meeting", NEXT_MEETING, "--format", "json"))
    assert [item["diary_number"] for item in following["items"]] == ["24RS100", "24RS900"]


def test_an_imported_order_is_kept(delreg: Invoke) -> None:
    delreg("meetings", "add", MEETING)
    agenda = "Anmälningsärenden:\n\n1. Delegaten har beslutat om b, 24RS2.\n\n" + (
        "2. Delegaten har beslutat om a, 23RS9.\n"
    )
    assert (
        delreg("import", "-", "--format", "text", "--meeting", MEETING, input=agenda).exit_code == 0
    )
    made = as_json(delreg("report", "--meeting", MEETING, "--format", "json"))
    assert [(item["item"], item["diary_number"]) for item in made["items"]] == [
        (1, "24RS2"),
        (2, "23RS9"),
    ]


# --- edges and errors ---------------------------------------------------------------------------


def test_a_meeting_with_no_decisions_says_so(delreg: Invoke) -> None:
    delreg("meetings", "add", "2025-01-16", "--board", BOARD)
    result = delreg("report", "--meeting", "2025-01-16")
    assert result.exit_code == 0
    assert "Inga delegationsbeslut har anmälts." in result.stdout
    made = as_json(delreg("report", "--meeting", "2025-01-16", "--format", "json"))
    assert made["items"] == [] and made["notices"] == []
    for fmt in ("md", "html", "csv"):
        assert delreg("report", "--meeting", "2025-01-16", "--format", fmt).exit_code == 0


def test_an_unknown_meeting_is_a_clear_error(example: Invoke) -> None:
    result = example("report", "--meeting", "2030-01-01")
    assert result.exit_code == 2
    first, hint = result.stderr.splitlines()
    assert first == "delreg: error: no meeting on 2030-01-01"
    assert hint.startswith("hint:") and "delreg meetings add 2030-01-01" in hint


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "say what to report"),
        (["--meeting", MEETING, "--month", "2024-01"], "only one of"),
        (["--month", "2024-01", "--mark-reported"], "needs --meeting"),
        (["--meeting", "2024-02-30"], "not a real date"),
        (["--month", "2024-13"], "not a month"),
        (["--meeting", MEETING, "-o", "report.pdf"], "cannot tell the report format"),
    ],
)
def test_usage_errors(delreg: Invoke, database: Path, args: list[str], message: str) -> None:
    result = delreg("report", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not database.exists()


def test_a_word_document_is_not_written_to_a_terminal(
    example: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from delreg.cli.environment import Environment

    monkeypatch.setattr(Environment, "stdout_is_terminal", property(lambda self: True))
    result = example("report", "--meeting", MEETING, "--format", "docx")
    assert result.exit_code == 2 and "-o" in result.stderr
    assert result.stdout_bytes == b""


# --- files --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("lista.txt", b"H\xc3\xa4lso"),
        ("lista.md", b"# H"),
        ("lista.HTML", b"<!DOCTYPE html>"),
        ("lista.json", b"{"),
        ("lista.csv", b"diary_number,"),
        ("lista.docx", b"PK"),
    ],
)
def test_the_file_name_chooses_the_format(
    example: Invoke, tmp_path: Path, name: str, starts: bytes
) -> None:
    target = tmp_path / name
    result = example("report", "--meeting", MEETING, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"wrote {target}" in result.stderr
    assert target.read_bytes().startswith(starts)
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".partial")] == []


def test_format_wins_over_the_file_name_and_the_docx_file_opens(
    example: Invoke, tmp_path: Path
) -> None:
    as_text = tmp_path / "lista.txt"
    example("report", "--meeting", MEETING, "-o", str(as_text), "--format", "json")
    assert as_text.read_text(encoding="utf-8").startswith("{")
    document = tmp_path / "lista.docx"
    example("report", "--meeting", MEETING, "-o", str(document))
    with zipfile.ZipFile(document) as archive:
        assert archive.testzip() is None
        assert "word/document.xml" in archive.namelist()


def test_an_unwritable_file_is_an_error(example: Invoke, tmp_path: Path) -> None:
    result = example("report", "--meeting", MEETING, "-o", str(tmp_path / "no" / "lista.txt"))
    assert result.exit_code == 2 and "cannot write" in result.stderr


# --- period reports -----------------------------------------------------------------------------


def test_a_month_report_groups_by_kind(example: Invoke) -> None:
    assert_snapshot("period-2024-01.txt", report(example, "--month", "2024-01"))
    made = as_json(example("report", "--month", "2024-01", "--format", "json"))
    assert made["since"] == "2024-01-01" and made["until"] == "2024-01-31"
    assert made["kinds"] == [
        {"kind": "kontrakt", "label": "Upphandlingskontrakt", "count": 1},
        {"kind": "avtal", "label": "Avtal", "count": 1},
    ]
    assert made["total"] == 2 and made["reported"] == 0


def test_a_period_report_says_what_was_reported(example: Invoke) -> None:
    report(example, "--meeting", MEETING, "--mark-reported")
    text = report(example, "--since", "2024-02-01", "--until", "2024-02-29", "--public")
    assert_snapshot("period-2024-02-public.txt", text)
    made = as_json(example("report", "--since", "2024-02-01", "--format", "json"))
    assert [item["diary_number"] for item in made["items"]] == ["24RS611", "24RS900", "24RS700"]
    assert made["reported"] == 2 and made["until"] is None


def test_an_empty_period(example: Invoke) -> None:
    text = report(example, "--since", "2031-01-01", "--until", "2031-01-31")
    assert "Inga delegationsbeslut fattades under perioden." in text
    assert example("report", "--month", "last").exit_code == 0


# --- the appeal deadline ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "posted", "appeal_ends"),
    [
        ("2023-11-30", "2023-12-05", "2023-12-27"),  # day 21 is annandag jul
        ("2024-03-14", "2024-03-21", "2024-04-11"),
        ("2025-05-22", "2025-05-30", "2025-06-23"),  # day 21 is midsommarafton
        ("2026-12-10", "2026-12-10", "2027-01-04"),  # nyårsafton, nyårsdagen, a weekend
    ],
)
def test_the_report_gives_the_appeal_deadline(
    delreg: Invoke, meeting: str, posted: str, appeal_ends: str
) -> None:
    delreg("meetings", "add", meeting, "--adjusted-on", posted, "--posted-on", posted)
    made = as_json(delreg("report", "--meeting", meeting, "--format", "json"))
    assert made["appeal_ends_on"] == appeal_ends
    assert f"(kommunallagen 13 kap. 5 §): {appeal_ends}." in report(delreg, "--meeting", meeting)


# --- the seed agenda ----------------------------------------------------------------------------


def seed_list(text: str, heading: str, end: str) -> list[str]:
    """The numbered items of the seed's first list under ``heading``, each on one line."""
    block = text.split(heading, 1)[1].split(end, 1)[0]
    items = [" ".join(part.split()) for part in re.split(r"\n\s*\n", block) if part.strip()]
    return [re.sub(r"^\d+\.\s*", "", item) for item in items]


def test_the_seed_reads_back_as_the_boards_29_sentences_and_3_notices(delreg: Invoke) -> None:
    pytest.importorskip("delreg.parse.agenda")
    text = SEED.read_text(encoding="utf-8")
    sentences = seed_list(text, "Anmälningsärenden:", "Meddelandeärenden:")
    notices = seed_list(text, "Meddelandeärenden:", "•")
    expected_sentences = [
        (s if s.endswith(".") else s + ".").replace("har beslutar", "har beslutat")
        for s in sentences
    ]
    delreg("meetings", "add", MEETING, "--board", BOARD, "--paragraph", "16")
    assert delreg("import", str(SEED), "--meeting", MEETING).exit_code == 0
    lines = report(delreg, "--meeting", MEETING).splitlines()
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    expected = [f"{n}. {s}" for n, s in enumerate(expected_sentences, start=1)]
    expected += [f"{n}. {s}" for n, s in enumerate(notices, start=1)]
    assert len(expected) == 32
    assert numbered == expected
    assert lines.index("Meddelandeärenden") > lines.index(numbered[28])


def test_the_text_report_reads_back_as_the_same_list(example: Invoke, tmp_path: Path) -> None:
    pytest.importorskip("delreg.parse.agenda")
    text = report(example, "--meeting", MEETING)
    copy = tmp_path / "copy.db"
    example("--db", str(copy), "meetings", "add", MEETING, "--board", BOARD, "--paragraph", "16",
            "--adjusted-on", "2024-02-20", "--posted-on", "2024-02-21")  # fmt: skip
    imported = example("--db", str(copy), "import", "-", "--format", "text", "--meeting",
                       MEETING, input=text)  # fmt: skip
    assert imported.exit_code == 0, imported.stderr
    assert example("--db", str(copy), "report", "--meeting", MEETING).stdout == text


# --- the Word document as LibreOffice prints it -------------------------------------------------


def test_the_word_document_converts_to_a_pdf_with_the_list(example: Invoke, tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    from pypdf import PdfReader

    document = tmp_path / "lista.docx"
    example("report", "--meeting", MEETING, "-o", str(document))
    done = subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(document)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pages = PdfReader(tmp_path / "lista.pdf").pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    for expected in (
        BOARD,
        "Sammanträde 2024-02-15, § 16",
        "Anmälningsärenden",
        "1. Hälso- och sjukvårdsdirektören har fattat tilldelningsbeslut för "
        "ultraljudsutrustning MT 2023-0043, 23RS710.",
        "Meddelandeärenden",
        "Protokoll beredning för psykiatri 2023-12-08.",
        "2024-03-13",
    ):
        assert expected in text, expected
