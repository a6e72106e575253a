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
from delreg.parse.html_text import page_lines
from delreg.parse.readers.agenda_html import recognises, sniffs
from tests.helpers import Invoke, built_in_config
from tests.helpers.documents import ITEMS, agenda_text, many_items, web_page

CONFIG = built_in_config()


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
