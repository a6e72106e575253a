"""A board's web page: its blocks as the agenda reader's lines, and its list read as the same
list in text is, each item located by its line in the page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delreg.model import Decision
from delreg.parse import Rejected
from delreg.parse.agenda import read_agenda
from delreg.parse.html_text import COLUMN_GAP, page_lines
from delreg.parse.readers.agenda_html import recognises, sniffs
from tests.helpers import FIXTURES, Invoke, built_in_config
from tests.helpers.documents import ITEMS, agenda_text, many_items, web_page

CONFIG = built_in_config()
DELEGATES = ("Kommundirektör", "Ekonomichef", "Upphandlingschef")


def lines_of(markup: str) -> list[str]:
    return page_lines(markup)[0].split("\n")


def test_each_block_is_a_line_and_list_items_are_marked() -> None:
    markup = (
        "<h2>Anmälan av delegationsbeslut</h2><ul><li>Avtal med Acme AB, KS 2024/1</li>"
        "<li>Yttrande<ul><li>till Länsstyrelsen</li></ul></li></ul>"
        '<ol start="4"><li>Fyra</li><li>Fem</li></ol><p>Ett<br>två</p>'
    )
    assert lines_of(markup) == [
        "Anmälan av delegationsbeslut",
        "",
        "• Avtal med Acme AB, KS 2024/1",
        "• Yttrande",
        "  • till Länsstyrelsen",
        "",
        "4. Fyra",
        "5. Fem",
        "",
        "Ett",
        "två",
        "",
    ]


def test_a_table_row_is_a_line_of_columns_and_hidden_text_is_left_out() -> None:
    markup = (
        "<html><head><title>Titel</title><style>td { color: red }</style></head><body>"
        "<script>var dnr = 'KS 2024/9';</script><noscript>Slå på JavaScript</noscript>"
        "<table><tr><th>Dnr</th><th>Ärende</th></tr>"
        "<tr><td>KS&nbsp;2024/12</td><td>Avtal &ndash; Acme&nbsp;AB &amp; Söner</td></tr>"
        "</table></body></html>"
    )
    assert lines_of(markup) == [
        "Dnr   Ärende",
        "KS\u00a02024/12   Avtal – Acme\u00a0AB & Söner",
        "",
    ]


def test_the_sites_menus_side_panels_and_foot_are_no_part_of_the_agenda(
    delreg: Invoke, tmp_path: Path
) -> None:
    # A menu that names the agenda's points, a side panel and a foot after the notices: read,
    # each would open a list or be a notice of its own.
    markup = (
        web_page(many_items(3), layout="numbered")
        .replace(
            "<body>\n",
            "<body>\n<nav><ul><li><a href='/anm'>Anmälningsärenden</a></li>"
            "<li><a href='/medd'>Meddelanden</a></li></ul></nav>\n"
            "<aside><h2>Relaterat</h2><p>Avtal med Acme AB, KS 2024/999</p></aside>\n",
        )
        .replace(
            "</body>",
            "<footer><p>Kontakt: registrator@vallby.example</p>"
            "<p>Telefon 0771-20 11 00</p></footer>\n</body>",
        )
    )
    assert "Kontakt" not in page_lines(markup)[0] and "Relaterat" not in page_lines(markup)[0]
    page = tmp_path / "kallelse.html"
    page.write_text(markup, encoding="utf-8")
    result = delreg("import", str(page), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "read 5 items" in result.stderr  # three decisions, the page's two notices


def test_preformatted_text_keeps_its_lines() -> None:
    assert lines_of("<pre>1. Avtal, KS 2024/1\n2. Yttrande, KS 2024/2</pre>") == [
        "1. Avtal, KS 2024/1",
        "2. Yttrande, KS 2024/2",
        "",
    ]


def test_each_line_knows_the_line_of_the_page_it_came_from() -> None:
    markup = "<html>\n<body>\n<h2>Rubrik</h2>\n<ul>\n<li>Ett</li>\n<li>Två\nfortsätter</li>\n</ul>"
    text, origins = page_lines(markup)
    by_line = dict(zip(text.split("\n"), origins, strict=True))
    assert (by_line["Rubrik"], by_line["• Ett"], by_line["• Två fortsätter"]) == (3, 5, 6)


def read_page(markup: str) -> list[Decision | Rejected]:
    text, origins = page_lines(markup)
    records = read_agenda(
        text, source="sida.html", config=CONFIG, locate=lambda n: f"sida.html:{origins[n - 1]}"
    )
    return [record for record in records if isinstance(record, Decision | Rejected)]


def read_text(text: str) -> list[Decision | Rejected]:
    records = read_agenda(text, source="sida.txt", config=CONFIG)
    return [record for record in records if isinstance(record, Decision | Rejected)]


def fields(records: list[Decision | Rejected]) -> list[tuple[str | None, ...]]:
    return [
        (r.diary_number, r.kind, r.subject, r.procurement_number, r.delegate)
        if isinstance(r, Decision)
        else (r.reason,)
        for r in records
    ]


@pytest.mark.parametrize("layout", ["list", "numbered", "table"])
def test_a_page_gives_the_decisions_its_text_gives(layout: str) -> None:
    items = many_items(12)
    page = read_page(web_page(items, layout=layout))  # type: ignore[arg-type]
    assert fields(page) == fields(read_text(agenda_text(items)))
    assert [r.diary_number for r in page if isinstance(r, Decision)] == [d for d, _ in items]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    chosen=st.lists(st.sampled_from(range(len(ITEMS))), min_size=1, max_size=8, unique=True),
    layout=st.sampled_from(["list", "numbered", "table"]),
)
def test_any_list_on_a_page_reads_as_in_text(chosen: list[int], layout: str) -> None:
    items = [ITEMS[index] for index in chosen]
    page = read_page(web_page(items, layout=layout))  # type: ignore[arg-type]
    assert fields(page) == fields(read_text(agenda_text(items)))


def test_an_item_cut_off_names_its_line_in_the_page() -> None:
    markup = web_page(many_items(3), layout="list", cut_off="Regiondirektören har tecknat avtal")
    line = markup.split("\n").index("<li>Regiondirektören har tecknat avtal</li>") + 1
    [rejected] = [r for r in read_page(markup) if isinstance(r, Rejected)]
    assert rejected.source == f"sida.html:{line}"


def test_a_page_is_known_by_its_first_bytes() -> None:
    assert recognises(b"\xef\xbb\xbf<!DOCTYPE html>\n<html>", ".txt")
    assert recognises(b"<!-- sparad -->\n<html lang='sv'>", "")
    assert not recognises(b"Anmalningsarenden\n<html>", ".html")
    assert sniffs("\n  <!doctype HTML>")
    assert not sniffs("Diarienummer;Ärende")


def test_import_reads_a_saved_page_and_a_piped_one(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    items = many_items(5)
    markup = web_page(items, layout="table")
    saved = tmp_path / "kallelse.htm"
    saved.write_text(markup, encoding="utf-8")
    result = delreg("import", str(saved), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "read 7 items" in result.stderr  # five decisions, two notices
    piped = delreg("import", "-", input=markup)
    assert piped.exit_code == 0, piped.stderr
    listed = json.loads(delreg("list", "--format", "json").stdout)
    assert sorted(decision["diary_number"] for decision in listed) == [d for d, _ in items]


def test_a_page_in_windows_1252_is_read_as_it_declares(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    markup = web_page([("KS 2024/12", "Beslut om bidrag till Föreningen Älvgården")], layout="list")
    markup = markup.replace('charset="utf-8"', 'charset="iso-8859-1"')
    page = tmp_path / "kallelse.html"
    page.write_bytes(markup.encode("cp1252"))
    result = delreg("import", str(page), "--format", "html")
    assert result.exit_code == 0, result.stderr
    shown = delreg("show", "KS 2024/12", "--format", "json")
    assert "Föreningen Älvgården" in shown.stdout


def test_a_page_in_windows_1252_declared_by_http_equiv_is_read_so(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    markup = web_page(
        [("KS 2024/15", "Beslut om bidrag till Föreningen Älvgården – ”Sommarläger”")],
        layout="list",
    ).replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    )
    page = tmp_path / "kallelse.html"
    page.write_bytes(markup.encode("cp1252"))
    result = delreg("import", str(page))
    assert result.exit_code == 0, result.stderr
    shown = json.loads(delreg("show", "KS 2024/15", "--format", "json").stdout)
    assert "”Sommarläger”" in json.dumps(shown, ensure_ascii=False)


def test_an_undeclared_page_not_in_utf8_is_refused_with_its_line(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    markup = web_page([("KS 2024/16", "Beslut om bidrag till Föreningen Älvgården")], layout="list")
    page = tmp_path / "kallelse.html"
    page.write_bytes(markup.replace('<meta charset="utf-8">\n', "").encode("cp1252"))
    result = delreg("import", str(page))
    assert result.exit_code != 0
    # Refused where its first letter outside ASCII stands (the page's title), never guessed.
    lines = markup.replace('<meta charset="utf-8">\n', "").split("\n")
    line = next(number for number, text in enumerate(lines, 1) if not text.isascii())
    assert f"kallelse.html:{line}: not UTF-8 (byte 0x" in result.stderr


@pytest.mark.parametrize("mark", ["utf-16", "utf-8-sig"])
def test_a_page_is_read_by_its_mark_whatever_it_declares(
    delreg: Invoke, database: Path, tmp_path: Path, mark: str
) -> None:
    # A page saved as "Unicode" or as UTF-8 with a mark keeps its meta tag's charset: its
    # byte-order mark is what holds.
    markup = web_page([("KS 2024/13", "Beslut om bidrag till Föreningen Älvgården")], layout="list")
    markup = markup.replace('charset="utf-8"', 'charset="windows-1252"')
    page = tmp_path / "kallelse.html"
    page.write_bytes(markup.encode(mark))
    result = delreg("import", str(page))
    assert result.exit_code == 0, result.stderr
    shown = delreg("show", "KS 2024/13", "--format", "json")
    assert "Föreningen Älvgården" in shown.stdout


# --- pages as municipal sites and meeting systems publish them -------------------------------

PAGES = FIXTURES / "html"


def imported(
    delreg: Invoke, page: Path, *extra: str, code: int = 0
) -> dict[str, dict[str, object]]:
    """The decisions an import of ``page`` registers, by diary number; ``code`` is the exit
    code the import ends with."""
    result = delreg("import", str(page), "--meeting", "2024-03-14", *extra)
    assert result.exit_code == code, result.stderr
    listed = json.loads(delreg("list", "--format", "json").stdout)
    return {decision["diary_number"]: decision for decision in listed}


def test_a_municipal_cms_page_reads_its_shown_list_only(delreg: Invoke, database: Path) -> None:
    # Sitevision's shape: the list deep in divs, links and <strong> in its items, items hidden
    # with `hidden` and `display: none`, a link's "(pdf, 120 kB)", the page's foot in plain
    # divs ("Sidansvarig: …, KS 2024/99") and a cookie banner after it.
    decisions = imported(delreg, PAGES / "sitevision.html")
    assert sorted(decisions) == ["KS 2024/12", "KS 2024/15", "KS 2024/21", "KS 2024/33"]
    assert decisions["KS 2024/21"]["subject"] == "Beslut om bidrag"
    assert decisions["KS 2024/21"]["parties"] == ["Vallby Hembygdsförening"]
    assert decisions["KS 2024/15"]["kind"] == "yttrande"
    # What only a screen reader reads out ("…, länk till dokument") is no part of it either.
    assert decisions["KS 2024/12"]["subject"] == "markarbeten"


def test_an_element_hidden_from_the_eye_is_not_read_but_one_hidden_from_screen_readers_is() -> None:
    markup = (
        "<ul><li hidden>KS 2024/1 Utkast<li>KS 2024/2 Avtal</li>"
        '<li><span style="visibility:hidden">KS 2024/3</span>Avtal '
        '<span aria-hidden="true">(pdf)</span></li>'
        '<li><img hidden src="x.png">KS 2024/4 Yttrande<span class="Sr-only visible-md">'
        " (öppnas i nytt fönster)</span></li></ul>"
        '<div style="DISPLAY:NONE"><div><p>KS 2024/5</p></div></div><p>Slut</p>'
    )
    assert lines_of(markup) == [
        "• KS 2024/2 Avtal",
        "• Avtal (pdf)",
        "• KS 2024/4 Yttrande",
        "",
        "Slut",
        "",
    ]


def test_a_cookie_banner_after_the_list_is_no_part_of_it(delreg: Invoke, tmp_path: Path) -> None:
    # Its choices are a list of their own, right after the decisions: read, each would be an
    # item rejected for its missing diary number.
    markup = web_page(many_items(2), layout="list").replace(
        "<h2>Meddelandeärenden</h2>",
        '<div id="cookie-panel"><p>Vi använder kakor.</p><ul><li>Nödvändiga kakor</li>'
        "<li>Statistikkakor (lagras i 13 månader)</li></ul></div>\n<h2>Meddelandeärenden</h2>",
    )
    page = tmp_path / "kallelse.html"
    page.write_text(markup, encoding="utf-8")
    result = delreg("import", str(page), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "read 4 items" in result.stderr  # two decisions, the page's two notices


def test_the_sites_foot_in_plain_blocks_ends_the_page_but_not_before_the_list() -> None:
    markup = (
        "<h1>Kallelse</h1><p>Publicerad 2024-03-01</p><h2>Anmälningsärenden</h2>"
        "<ul><li>Avtal, KS 2024/1</li></ul><div><p>Senast uppdaterad 2024-03-07</p>"
        "<p>Sidansvarig: Anna Berg, KS 2024/99</p></div>"
    )
    assert lines_of(markup) == [
        "Kallelse",
        "",
        "Anmälningsärenden",
        "",
        "• Avtal, KS 2024/1",
        "",
    ]


def test_a_meeting_systems_agenda_reads_each_table_row_whole(
    delreg: Invoke, database: Path
) -> None:
    # Each point an element with its number apart from its title; the decisions a table whose
    # cells hold paragraphs and line breaks, a number and who decided spanning two rows, an
    # empty cell, a title across the table, and more rows in an accordion.
    result = delreg(
        "import", str(PAGES / "meetings.html"), "--meeting", "2024-03-14", "--json", "--dry-run"
    )
    summary = json.loads(result.stdout)
    assert summary["items"] == {
        "seen": 7,
        "decisions": 5,
        "rejected": 1,
        "notices": 1,
        "repeated": 0,
    }
    # BUN 2024/52's second row is a second decision of the case, which the register (one
    # decision a diary number) cannot hold: said, with the page's lines of both rows.
    [rejected] = summary["rejected"]
    lines = (PAGES / "meetings.html").read_text(encoding="utf-8").split("\n")
    first = lines.index('  <td rowspan="2">BUN 2024/52</td>') + 1
    second = lines.index("  <td>Tilläggsavtal med Lärkans Städ AB om fönsterputs</td>") + 1
    assert rejected["source"].endswith(f"meetings.html:{second}")
    assert rejected["reason"].startswith("diary number BUN 2024/52 appears twice")
    assert rejected["reason"].endswith(f"meetings.html:{first})")
    decisions = imported(delreg, PAGES / "meetings.html", "--skip-invalid", code=1)
    assert sorted(decisions) == [f"BUN 2024/{n}" for n in (51, 52, 53, 57, 60)]
    got = {
        number: (d["decided_on"], d["delegate"], d["subject"]) for number, d in decisions.items()
    }
    assert got["BUN 2024/51"] == (
        "2024-02-05",
        "Skolskjutshandläggare",
        "Skolskjuts för elev i årskurs 3 Beviljas",
    )
    assert got["BUN 2024/52"] == ("2024-02-07", "Förvaltningschef", "lokalvård")
    assert got["BUN 2024/53"] == (
        None,
        "Utbildningschef",
        "till Skolinspektionen om klagomål på Norrbyskolan",
    )
    assert got["BUN 2024/57"] == ("2024-02-22", "Rektor", "tilläggsbelopp")


def test_a_cell_spanning_rows_stands_in_each_and_a_cells_blocks_stay_in_its_row() -> None:
    markup = (
        "<table><tr><th>Dnr</th><th>Ärende</th><th>Beslutsfattare</th></tr>\n"
        '<tr>\n <td rowspan="3">KS 2024/5</td>\n <td><p>Avtal</p><ul><li>Acme AB</li></ul></td>\n'
        ' <td rowspan="2">Kommundirektör</td>\n</tr>\n'
        "<tr><td>Tillägg 1<br>till avtalet</td></tr>\n"
        "<tr><td>Tillägg 2</td><td>Ekonomichef</td></tr>\n"
        '<tr><td colspan="3">Beslut av ekonomichefen</td></tr>\n'
        "<tr><td>KS 2024/6</td><td></td><td>Ekonomichef</td></tr></table>"
    )
    assert lines_of(markup) == [
        "Dnr   Ärende   Beslutsfattare",
        "KS 2024/5   Avtal Acme AB   Kommundirektör",
        "KS 2024/5   Tillägg 1 till avtalet   Kommundirektör",
        "KS 2024/5   Tillägg 2   Ekonomichef",
        "",
        "Beslut av ekonomichefen",
        "",
        "KS 2024/6      Ekonomichef",
        "",
    ]


def test_a_points_number_in_an_element_of_its_own_begins_its_title() -> None:
    markup = (
        '<div><span class="nr">8</span><h3>Anmälan av delegationsbeslut</h3></div>'
        "<article><div>§ 45</div><h2>Anmälningsärenden</h2></article><p>Sida</p><p>2</p>"
    )
    assert lines_of(markup) == [
        "8. Anmälan av delegationsbeslut",
        "",
        "§ 45 Anmälningsärenden",
        "",
        "Sida",
        "",
        "2",
    ]


CARDS_AS_TEXT = """Samhällsbyggnadsnämnden 14 mars 2024

Redovisning av delegeringsbeslut

Dnr: SBN 2024/12
Ärende: Avtal med Ekgårdens Bygg AB om markarbeten
Beslutsdatum: 2024-02-05
Beslutsfattare: Förvaltningschef

Dnr: SBN 2024/15
Ärende: Yttrande till Länsstyrelsen om strandskydd vid Lillsjön
Beslutsdatum: 2024-02-09
Beslutsfattare: Planchef

Delegationsbeslut från bygglovsenheten

Rivningslov för ekonomibyggnad, Ekgården 1:4
SBN 2024/37

SBN 2024/31
Bygglov för nybyggnad av förråd, Norrby 3:12

Strandskyddsdispens för brygga vid Lillsjön
SBN 2024/34

Beslut i diariet

Dnr            Ärende                                   Datum

SBN 2024/40    Avtal med Norrby Konsult AB              2024-02-12
SBN 2024/41    Yttrande till Trafikverket               2024-02-13

Meddelanden

Cirkulär 24:03 från Sveriges Kommuner och Regioner
"""


def test_cards_items_set_apart_by_line_breaks_and_a_registrys_block_read_as_in_text(
    delreg: Invoke, database: Path
) -> None:
    # A definition list a decision (<dt>Dnr</dt><dd>…</dd>), items in one paragraph set apart
    # by <br><br> only, and a <pre> copied from the registry.
    page = PAGES / "cards.html"
    assert page_lines(page.read_text(encoding="utf-8"))[0] == CARDS_AS_TEXT
    decisions = imported(delreg, page)
    assert sorted(decisions) == [f"SBN 2024/{n}" for n in (12, 15, 31, 34, 37, 40, 41)]
    assert [decisions["SBN 2024/15"][f] for f in ("decided_on", "delegate", "subject")] == [
        "2024-02-09",
        "Planchef",
        "till Länsstyrelsen om strandskydd vid Lillsjön",
    ]
    assert decisions["SBN 2024/34"]["subject"] == "Strandskyddsdispens för brygga vid Lillsjön"
    assert fields(read_page(page.read_text(encoding="utf-8"))) == fields(read_text(CARDS_AS_TEXT))


def test_a_term_and_its_description_are_one_line_and_two_breaks_a_blank_one() -> None:
    markup = (
        "<dl><dt>Dnr<dd>KS 2024/1<dt>Beslutsfattare:</dt><dd>Kommundirektör</dd></dl>"
        "<p>Ett<br>\n<br>två<br>tre</p><pre>\tA   B\n\n    C</pre>"
    )
    assert lines_of(markup) == [
        "Dnr: KS 2024/1",
        "Beslutsfattare: Kommundirektör",
        "",
        "Ett",
        "",
        "två",
        "tre",
        "",
        "    A   B",
        "",
        "    C",
        "",
    ]


def test_a_page_saved_by_a_browser_reads_the_minutes_paragraphs_list_only(
    delreg: Invoke, database: Path
) -> None:
    # "Spara som … Webbsida, fullständig": <base>, a style and scripts naming the heading and a
    # diary number, <noscript>; the minutes' paragraphs each with its "Dnr KS …" line, the
    # decisions under § 45 only.
    decisions = imported(delreg, PAGES / "saved_minutes.html")
    assert sorted(decisions) == ["KS 2024/12", "KS 2024/15", "KS 2024/33"]
    assert decisions["KS 2024/33"]["procurement_number"] == "MT 2023-0043"


def test_an_older_sites_layout_table_keeps_its_cells_blocks_as_lines(
    delreg: Invoke, tmp_path: Path
) -> None:
    # The whole page in a cell of a table without a header row: its paragraphs and list items
    # are lines of their own; a table with a header row inside it keeps each row whole, and a
    # cell spanning rows below its end reaches into no later table.
    markup = (
        '<html><head><meta charset="utf-8"></head><body><table width="100%"><tr>\n'
        '<td width="180"><a href="/">Startsida</a><br><a href="/ks">Kommunstyrelsen</a></td>\n'
        "<td><h2>Anmälan av delegationsbeslut</h2>\n"
        "<p>Avtal med Ekgårdens Bygg AB om markarbeten, KS 2024/12</p>\n"
        "<p>Yttrande till Länsstyrelsen om strandskydd, KS 2024/15</p>\n"
        '<table border="1"><tr><th>Dnr</th><th>Ärende</th></tr>\n'
        '<tr><td rowspan="5">KS 2024/21</td><td><p>Beslut om bidrag</p>'
        "<p>till Vallby Hembygdsförening</p></td></tr></table>\n"
        "<ul><li>Tilldelningsbeslut – upphandling av skolskjuts, KS 2024/33</li>\n"
        "<li>Beslut om parkeringstillstånd, KS 2024/34</li></ul>\n"
        "<table><tr><td>Beslut om färdtjänst, KS 2024/35</td></tr></table>\n"
        "<h2>Övriga frågor</h2></td></tr></table></body></html>\n"
    )
    assert [line for line in lines_of(markup) if line] == [
        "Startsida",
        "Kommunstyrelsen",
        "Anmälan av delegationsbeslut",
        "Avtal med Ekgårdens Bygg AB om markarbeten, KS 2024/12",
        "Yttrande till Länsstyrelsen om strandskydd, KS 2024/15",
        "Dnr   Ärende",
        "KS 2024/21   Beslut om bidrag till Vallby Hembygdsförening",
        "• Tilldelningsbeslut – upphandling av skolskjuts, KS 2024/33",
        "• Beslut om parkeringstillstånd, KS 2024/34",
        "Beslut om färdtjänst, KS 2024/35",
        "Övriga frågor",
    ]
    page = tmp_path / "sida.html"
    page.write_text(markup, encoding="utf-8")
    result = delreg("import", str(page), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "read 6 items" in result.stderr and "6 decisions" in result.stderr


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(range(len(ITEMS))), st.sampled_from(DELEGATES)),
        min_size=1,
        max_size=8,
    ),
    spans=st.lists(st.tuples(st.booleans(), st.booleans()), min_size=8, max_size=8),
)
def test_any_table_with_cells_spanning_rows_reads_as_its_rows_written_out(
    rows: list[tuple[int, str]], spans: list[tuple[bool, bool]]
) -> None:
    # Where a row's number or who decided is the row above's, the page writes the cell once,
    # spanning both rows; read, each row is whole again, as the table written out in text.
    written = [(ITEMS[index][0], ITEMS[index][1], who) for index, who in rows]
    for at in range(1, len(written)):
        same_number, same_who = spans[at]
        number, text, who = written[at]
        written[at] = (
            written[at - 1][0] if same_number else number,
            text,
            written[at - 1][2] if same_who else who,
        )
    cells: list[list[str]] = []
    for at, row in enumerate(written):
        line = []
        for column, value in ((0, row[0]), (1, row[1]), (2, row[2])):
            if column != 1 and at and written[at - 1][column] == value:
                continue  # spanned by the cell above
            reach = 1
            while (
                column != 1 and at + reach < len(written) and written[at + reach][column] == value
            ):
                reach += 1
            span = f' rowspan="{reach}"' if reach > 1 else ""
            line.append(f"<td{span}>{value.replace('&', '&amp;')}</td>")
        cells.append(line)
    markup = (
        "<h2>Anmälan av delegationsbeslut</h2><table>"
        "<tr><th>Diarienummer</th><th>Ärende</th><th>Beslutsfattare</th></tr>\n"
        + "\n".join(f"<tr>{''.join(line)}</tr>" for line in cells)
        + "</table>"
    )
    assert lines_of(markup)[3:-1] == [COLUMN_GAP.join(row) for row in written]


def test_an_items_paragraphs_stay_with_its_marker(delreg: Invoke, tmp_path: Path) -> None:
    # Editors wrap each item's text in paragraphs: the marker stood on a line of its own and
    # the item's number and text blank lines apart, read as text about the list and lost.
    markup = (
        '<html><head><meta charset="utf-8"></head><body>\n'
        "<h2>Anmälan av delegationsbeslut</h2>\n<ul>\n"
        "<li><p>KS 2024/12</p><p>Bygglov för nybyggnad av förråd</p></li>\n"
        "<li><p>KS&nbsp;2024/&#8203;15</p><p>Rivningslov för ekonomibyggnad</p></li>\n"
        "<li><p>Regiondirektören har tecknat avtal</p></li>\n"
        "</ul>\n<h2>Övriga frågor</h2>\n</body></html>\n"
    )
    assert lines_of(markup) == [
        "Anmälan av delegationsbeslut",
        "",
        "• KS 2024/12",
        "Bygglov för nybyggnad av förråd",
        "• KS\u00a02024/15",
        "Rivningslov för ekonomibyggnad",
        "• Regiondirektören har tecknat avtal",
        "",
        "Övriga frågor",
        "",
    ]
    page = tmp_path / "sida.html"
    page.write_text(markup, encoding="utf-8")
    result = delreg("import", str(page), "--dry-run", "--json")
    summary = json.loads(result.stdout)
    assert [change["diary_number"] for change in summary["changes"]] == ["KS 2024/12", "KS 2024/15"]
    [rejected] = summary["rejected"]
    assert rejected["source"] == f"{page}:6"


def test_cells_spanning_rows_write_a_bounded_text_again() -> None:
    # A page of 44 kB whose thousand cells each span a thousand empty rows would be a million
    # cells written out: the cells are written again up to a bound, then stand once.
    width = 1000
    markup = (
        "<table><tr><th>Dnr</th></tr><tr>"
        + "".join(f'<td rowspan="{width}">KS 2024/{n}</td>' for n in range(width))
        + "</tr>"
        + "<tr></tr>" * width
        + "</table>"
    )
    text = page_lines(markup)[0]
    assert all(f"KS 2024/{n}" in text for n in range(width))
    assert len(text) < len(markup) + 150_000
