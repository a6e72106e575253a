"""`delreg publish DIR`: the bundle, read back the way its users' tools read it.

One example register (the bundled agenda and diarium export, one decision made secret after
it was published, one deleted) is published once for the module; each test reads a part.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from delreg.cli import whole_app
from tests.helpers import DATA, readable_text

BASE = "https://region.example/delegationsbeslut/"
CONTACT = "registrator@region.example"
MEETING = "2024-02-15"
BOARD = "Hälso- och sjukvårdsnämnden"
MEETING_PAGE = "site/sammantraden/2024-02-15-halso-och-sjukvardsnamnden.html"
# The export marks the Gilead agreement on Epclusa (24RS278) secret; the one on Harvoni
# (24RS279) is made secret after a first publication; 24RS999 is deleted after it.
SECRET = "24RS279"
SECRET_WORDS = ("Epclusa", "Harvoni", "31:16")
DELETED = "24RS999"
DELETED_SUBJECT = "felregistrerad provtagningsutrustning"


class Register:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "register.db"
        self.config = folder / "config.toml"
        self.config.write_text("", encoding="utf-8")
        self.runner = CliRunner()

    def run(self, *args: str) -> Result:
        return self.runner.invoke(
            whole_app(), ["--db", str(self.db), "--config", str(self.config), *args],
            catch_exceptions=False,
        )  # fmt: skip

    def publish(self, directory: Path, *extra: str) -> Result:
        return self.run("publish", str(directory), "--base-url", BASE, "--contact", CONTACT, *extra)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Register, Path]]:
    folder = tmp_path_factory.mktemp("publish")
    register = Register(folder)
    for args in (
        ("meetings", "add", MEETING, "--board", BOARD, "--paragraph", "16",
         "--adjusted-on", "2024-02-20", "--posted-on", "2024-02-21"),
        ("import", str(DATA / "example-agenda.txt"), "--meeting", MEETING),
        ("import", str(DATA / "example-diarium.csv")),
        ("add", "--kind", "beslut", "--diary-number", DELETED, "--subject", DELETED_SUBJECT,
         "--decided-on", "2024-02-01"),
    ):  # fmt: skip
        done = register.run(*args)
        assert done.exit_code == 0, done.output
    first = folder / "first"
    assert register.publish(first).exit_code == 0
    changes: tuple[tuple[str, ...], ...] = (
        ("edit", SECRET, "--secret", "--secret-reason", "OSL 31:16 rabattvillkor"),
        ("delete", DELETED, "--yes"),
    )
    for change in changes:
        assert register.run(*change).exit_code == 0
    bundle = folder / "bundle"
    done = register.publish(bundle)
    assert done.exit_code == 0, done.output
    yield register, bundle


@pytest.fixture
def bundle(example: tuple[Register, Path]) -> Path:
    return example[1]


def bundle_files(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


# --- the bundle as a whole -------------------------------------------------------------------


def test_publish_writes_every_artefact_and_says_what_it_did(
    example: tuple[Register, Path], tmp_path: Path
) -> None:
    register, bundle = example
    files = bundle_files(bundle)
    for path in (
        "delreg.db", "metadata.yml", "decisions.csv", "decisions.json", "feed.atom",
        "deadlines.ics", "dcat.rdf", "index.html", "site/index.html", MEETING_PAGE,
        MEETING_PAGE.replace(".html", ".csv"), MEETING_PAGE.replace(".html", ".json"),
        MEETING_PAGE.replace(".html", ".docx"), "site/upphandlingar/MT_2023-0043.html",
        "site/beslut/23RS710.html", "site/beslut/2023.html", "site/beslut/index.html",
    ):  # fmt: skip
        assert path in files, path
    done = register.publish(tmp_path / "fresh", "--json")
    summary = json.loads(done.stdout)
    assert summary["written"] == summary["files"] == len(files) - 1  # the manifest is no file
    assert summary["unchanged"] == summary["removed"] == 0
    assert f"published {summary['files']} files" in done.stderr


def test_nothing_secret_deleted_or_internal_in_any_file(bundle: Path) -> None:
    for path, payload in bundle_files(bundle).items():
        text = readable_text(path, payload)
        for word in (*SECRET_WORDS, "rabattvillkor", DELETED, DELETED_SUBJECT):
            assert word not in text, (word, path)
        assert "example-agenda.txt" not in text, path  # the source files' paths are internal
    assert SECRET in (bundle / "decisions.json").read_text()  # masked, not hidden


def test_the_same_register_gives_the_same_bytes_in_any_process(
    example: tuple[Register, Path], tmp_path: Path
) -> None:
    register, bundle = example
    trees = []
    for seed in ("1", "2"):
        target = tmp_path / f"run{seed}"
        done = subprocess.run(
            [sys.executable, "-m", "delreg", "--db", str(register.db), "--config",
             str(register.config), "publish", str(target), "--base-url", BASE, "--contact",
             CONTACT],
            env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        trees.append(bundle_files(target))
    assert trees[0] == trees[1] == bundle_files(bundle)


def test_publishing_again_rewrites_only_what_changed(
    example: tuple[Register, Path], tmp_path: Path
) -> None:
    register, _ = example
    target = tmp_path / "bundle"
    assert register.publish(target).exit_code == 0
    again = json.loads(register.publish(target, "--json").stdout)
    assert again["written"] == again["removed"] == 0
    before = {path: (target / path).stat().st_mtime_ns for path in bundle_files(target)}

    assert register.run("edit", "24RS564", "--decided-on", "2024-02-02").exit_code == 0
    done = register.publish(target, "--json")
    changed = json.loads(done.stdout)
    written = set(changed["written_files"])
    assert "site/beslut/24RS564.html" in written and "decisions.json" in written
    assert "delreg.db" in written and "feed.atom" in written
    assert "site/beslut/23RS710.html" not in written  # another decision's page stays as it was
    assert changed["unchanged"] > 30 and changed["removed"] == 0
    assert "wrote site/beslut/24RS564.html" in done.stderr
    for path in bundle_files(target):
        if path not in written and path != ".delreg-publish":
            assert (target / path).stat().st_mtime_ns == before[path], path

    assert register.run("delete", "24RS564", "--yes").exit_code == 0
    removed = json.loads(register.publish(target, "--json").stdout)
    assert removed["removed_files"] == ["site/beslut/24RS564.html"]
    assert not (target / "site/beslut/24RS564.html").exists()
    assert register.run("undelete", "24RS564").exit_code == 0


def test_a_folder_delreg_did_not_write_is_refused(
    example: tuple[Register, Path], tmp_path: Path
) -> None:
    register, _ = example
    (tmp_path / "index.html").write_text("the region's own page")
    done = register.publish(tmp_path)
    assert done.exit_code == 2
    assert done.stderr.startswith("delreg: error: ") and "hint: " in done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["index.html"]


def test_publishing_needs_an_address_and_a_contact(
    example: tuple[Register, Path], tmp_path: Path
) -> None:
    register, _ = example
    done = register.run("publish", str(tmp_path / "out"))
    assert done.exit_code == 2
    assert "--base-url and --contact" in done.stderr and "hint: " in done.stderr
    bad = register.run("publish", str(tmp_path / "out"), "--base-url", "region", "--contact", "x")
    assert bad.exit_code == 2 and "not a web address" in bad.stderr
    assert not (tmp_path / "out").exists()


# --- the public SQLite file and its Datasette metadata -----------------------------------------


def _rows(database: Path, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def test_public_database_has_real_keys_search_and_views(bundle: Path) -> None:
    database = bundle / "delreg.db"
    assert _rows(database, "PRAGMA foreign_key_check") == []
    references = {row[2] for row in _rows(database, "PRAGMA foreign_key_list(decisions)")}
    assert references == {"kinds", "procurements", "meetings"}
    columns = {row[1] for row in _rows(database, "PRAGMA table_info(decisions)")}
    assert not columns & {"source", "wording", "secret_reason", "notified_by", "created_at"}
    found = _rows(
        database,
        "SELECT diary_number, subject FROM decisions WHERE id IN "
        "(SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH ?) ORDER BY diary_number",
        '"ultraljud"',
    )
    assert [number for number, _ in found] == [
        "23RS1851", "23RS2747", "23RS2748", "23RS710", "23RS764"
    ]  # fmt: skip
    assert all(subject == "ultraljudsutrustning" for _, subject in found)
    masked = _rows(
        database, "SELECT subject, parties FROM decisions WHERE diary_number = ?", SECRET
    )
    assert masked == [("Uppgift omfattas av sekretess", "[]")]
    assert _rows(database, "SELECT count(*) FROM decisions WHERE diary_number = ?", DELETED) == [
        (0,)
    ]
    per_kind = dict(_rows(database, "SELECT kind, decisions FROM decisions_per_kind"))
    assert per_kind["tilldelningsbeslut"] == 6
    assert _rows(database, "SELECT appeal_ends_on FROM appeal_deadlines") == [("2024-03-13",)]
    assert _rows(database, "SELECT count(*) FROM history WHERE decision_id IS NULL") == [(0,)]


def test_canned_queries_answer_the_common_questions(bundle: Path) -> None:
    import yaml

    from delreg.publish.datasette import CANNED_QUERIES

    metadata = yaml.safe_load((bundle / "metadata.yml").read_text(encoding="utf-8"))
    assert metadata["license_url"].startswith("http://creativecommons.org/")
    assert metadata["source"] == BOARD and metadata["source_url"] == BASE
    tables = metadata["databases"]["delreg"]["tables"]
    assert tables["decisions"]["title"] == "Delegationsbeslut"
    assert tables["decisions"]["label_column"] == "diary_number"
    assert tables["decisions"]["columns"]["decided_on"] == "Beslutsdatum"
    queries = metadata["databases"]["delreg"]["queries"]
    assert queries == CANNED_QUERIES
    database = bundle / "delreg.db"
    answers = {
        "meeting_list": {"date": MEETING},
        "month": {"month": "2023-11"},
        "procurement_chain": {"procurement": "MT 2023-0043"},
        "party_decisions": {"party": "Takeda"},
    }
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = {
            name: connection.execute(queries[name]["sql"], answers[name]).fetchall()
            for name in answers
        }
    finally:
        connection.close()
    assert len(rows["meeting_list"]) == 29 and rows["meeting_list"][0][2] == 1
    assert [row[2] for row in rows["procurement_chain"]] == ["23RS710", "23RS764"]
    assert [row[0] for row in rows["party_decisions"]] == ["22RS320"]
    assert rows["month"] and all(row[2].startswith("2023-11") for row in rows["month"])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return json.load(answer)


def test_datasette_serves_the_bundle(bundle: Path) -> None:
    pytest.importorskip("datasette", reason="datasette is a dev dependency (pip install -e .[dev])")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", "-i", str(bundle / "delreg.db"),
         "-m", str(bundle / "metadata.yml"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"datasette did not start: {server.stderr.read()!r}")  # type: ignore[union-attr]
                time.sleep(0.2)
        table = _get(f"{base}/delreg/decisions.json?_shape=array&_size=max")
        assert len(table) == 31 and {row["diary_number"] for row in table} >= {"23RS710"}
        search = _get(f"{base}/delreg/decisions.json?_search=ultraljud&_shape=array")
        assert sorted(row["diary_number"] for row in search) == [
            "23RS1851", "23RS2747", "23RS2748", "23RS710", "23RS764"
        ]  # fmt: skip
        assert _get(f"{base}/-/metadata.json")["title"] == "Delegationsbeslut"
        for name, parameters, expected in (
            ("meeting_list", {"date": MEETING}, 29),
            ("month", {"month": "2024-01"}, None),
            ("procurement_chain", {"procurement": "MT 2023-0043"}, 2),
            ("party_decisions", {"party": "Gilead"}, 2),  # the secret two are masked
        ):
            query = urllib.parse.urlencode({**parameters, "_shape": "array"})
            rows = _get(f"{base}/delreg/{name}.json?{query}")
            assert rows if expected is None else len(rows) == expected, (name, rows)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


# --- feed, calendar, catalogue, open data ------------------------------------------------------


def in_bundle(url: str, bundle: Path) -> Path:
    assert url.startswith(BASE), url
    return bundle / url.removeprefix(BASE)


def test_feed_has_new_changed_and_withdrawn_decisions(bundle: Path) -> None:
    import feedparser

    from delreg.publish.feed import entry_id
    from delreg.publish.settings import publish_settings

    feed = feedparser.parse((bundle / "feed.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Delegationsbeslut"
    assert feed.feed.language == "sv"
    assert feed.feed.author_detail.email == CONTACT
    by_status: dict[str, list[Any]] = {}
    for entry in feed.entries:
        by_status.setdefault(entry.tags[0].term, []).append(entry)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries) == 32
    # Newest first: the deletion was the register's last change.
    assert feed.entries[0].updated == feed.feed.updated
    # Deleted, or made secret: 24RS278 by the export after the agenda showed it, 24RS279 by hand.
    deleted, *made_secret = sorted(by_status["withdrawn"], key=lambda entry: entry.title)
    assert deleted.title == "Återkallat beslut" and not deleted.get("links")
    settings = publish_settings(_config(), base_url=BASE, contact_email=CONTACT)
    assert deleted.id == entry_id(DELETED, settings)
    assert [entry.title for entry in made_secret] == [
        "Återkallat beslut: 24RS278", f"Återkallat beslut: {SECRET}"
    ]  # fmt: skip
    for entry in made_secret:
        assert "sekretess" in entry.summary and "läkemedel" not in entry.summary
    new = next(entry for entry in by_status["new"] if entry.title.endswith(": 23RS1851"))
    assert new.summary.startswith("Hälso- och sjukvårdsdirektören har tecknat upphandlingskontrakt")
    assert in_bundle(new.link, bundle).is_file()
    # An entry is published on its decision date, where the register knows it.
    dated = {
        entry.title.split(": ")[-1]: entry.published
        for entry in feed.entries
        if "published" in entry
    }
    assert dated["23RS710"] == "2023-11-02T00:00:00Z" and "23RS1851" not in dated
    assert by_status["changed"]  # the export added dates and parties to the agenda's decisions


def _config() -> Any:
    from delreg.config import load_config

    return load_config()


def test_calendar_follows_rfc_5545(bundle: Path) -> None:
    payload = (bundle / "deadlines.ics").read_bytes()
    assert payload.endswith(b"\r\n") and b"\n" not in payload.replace(b"\r\n", b"")
    lines = payload.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    unfolded = payload.decode().replace("\r\n ", "").split("\r\n")[:-1]
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    events: list[dict[str, str]] = []
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and ":" in line and not line.startswith("END:"):
            name, value = line.split(":", 1)
            events[-1][name] = value
    uids = [event["UID"] for event in events]
    assert len(set(uids)) == len(uids)
    appeal = next(event for event in events if event["UID"].startswith("overklagande-"))
    assert appeal["DTSTART;VALUE=DATE"] == "20240313" and appeal["DTEND;VALUE=DATE"] == "20240314"
    assert appeal["SUMMARY"] == f"Sista dag att överklaga: {BOARD} {MEETING}"
    assert in_bundle(appeal["URL"], bundle).is_file()
    standstill = next(event for event in events if "23RS710" in event["UID"])
    # Notified 2023-11-02 (a Thursday): day 10 is Sunday 12 November, rolled to Monday.
    assert standstill["DTSTART;VALUE=DATE"] == "20231113"
    assert "MT 2023-0043" in standstill["SUMMARY"]
    assert all(event["DTSTAMP"].endswith("Z") for event in events)


def test_catalogue_has_dcat_ap_se_mandatory_properties(bundle: Path) -> None:
    from rdflib import RDF, Graph, Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF

    vcard = "http://www.w3.org/2006/vcard/ns#"
    graph = Graph().parse(bundle / "dcat.rdf", format="xml")
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    (dataset,) = graph.subjects(RDF.type, DCAT.Dataset)
    assert graph.value(catalogue, DCAT.dataset) == dataset
    for subject in (catalogue, dataset):
        assert graph.value(subject, DCTERMS.title) == Literal("Delegationsbeslut", lang="sv")
        assert "sekretess" in str(graph.value(subject, DCTERMS.description))
        publisher = graph.value(subject, DCTERMS.publisher)
        assert graph.value(publisher, FOAF.name) == Literal(BOARD, lang="sv")
    licence = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
    assert graph.value(catalogue, DCTERMS.license) == licence
    contact = graph.value(dataset, DCAT.contactPoint)
    assert graph.value(contact, URIRef(vcard + "hasEmail")) == URIRef(f"mailto:{CONTACT}")
    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == 5
    for distribution in distributions:
        assert graph.value(distribution, DCTERMS.title) is not None
        assert graph.value(distribution, DCTERMS.license) == licence
        assert in_bundle(str(graph.value(distribution, DCAT.accessURL)), bundle).is_file()


def test_open_data_has_the_contracts_keys(bundle: Path, delreg: Any) -> None:
    import csv

    records = json.loads((bundle / "decisions.json").read_text(encoding="utf-8"))
    assert len(records) == 31
    contract = {
        "diary_number", "kind", "procurement_number", "subject", "parties", "delegate",
        "decided_on", "notified_on", "secret", "meeting", "item", "source",
    }  # fmt: skip
    for record in records:
        assert contract <= set(record)
        assert not set(record) & {"wording", "secret_reason", "notified_by", "standstill_days"}
        assert record["source"] is None
        assert in_bundle(record["url"], bundle).is_file()
    secret = next(record for record in records if record["diary_number"] == SECRET)
    assert secret["subject"] == "Uppgift omfattas av sekretess" and secret["parties"] == []
    with (bundle / "decisions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["diary_number"] for row in rows] == [record["diary_number"] for record in records]
    # The published CSV reads back into a register as the contract promises.
    done = delreg("import", str(bundle / "decisions.csv"), "--format", "csv", "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["inserted"] == 31


# --- the static site ---------------------------------------------------------------------------


class Page(HTMLParser):
    """What a page links to and loads, and whether its elements are closed in order."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.loads: list[str] = []
        self.scripts = 0
        self.lang: str | None = None
        self.open: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "script":
            self.scripts += 1
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag == "link" and values.get("href"):
            self.loads.append(str(values["href"]))
        if values.get("src"):
            self.loads.append(str(values["src"]))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()


def test_every_page_is_swedish_html_whose_links_stay_inside_the_bundle(bundle: Path) -> None:
    pages = sorted(bundle.rglob("*.html"))
    assert len(pages) > 35
    for page in pages:
        parsed = Page()
        parsed.feed(page.read_text(encoding="utf-8"))
        parsed.close()
        name = page.relative_to(bundle)
        assert parsed.lang == "sv", name
        assert parsed.scripts == 0, name
        assert not parsed.errors and not parsed.open, (name, parsed.errors, parsed.open)
        for target in [*parsed.links, *parsed.loads]:
            if target.startswith(("mailto:", "http://creativecommons.org/")):
                assert target not in parsed.loads, (name, target)  # a link, never a resource
                continue
            address = urllib.parse.urlsplit(target)
            assert not address.scheme and not address.netloc, (name, target)
            resolved = (page.parent / urllib.parse.unquote(address.path)).resolve()
            assert resolved.is_relative_to(bundle.resolve()), (name, target)
            assert resolved.is_file(), (name, target)
            if address.fragment and resolved.suffix == ".html":
                anchors = Page()
                anchors.feed(resolved.read_text(encoding="utf-8"))
                assert address.fragment in anchors.ids, (name, target)


def test_the_meeting_page_shows_the_list_as_adopted(bundle: Path) -> None:
    page = (bundle / MEETING_PAGE).read_text(encoding="utf-8")
    assert page.count("<li value=") == 29
    assert '<li value="14" class="secret">Hälso- och sjukvårdsdirektören har tecknat avtal' in page
    assert "<strong>13\u00a0mars\u00a02024</strong>" in page
    for suffix in (".csv", ".json", ".docx"):
        assert Path(MEETING_PAGE).with_suffix(suffix).name in page
    listed = json.loads((bundle / MEETING_PAGE.replace(".html", ".json")).read_text())
    assert listed["public"] is True and len(listed["items"]) == 29
    assert listed["appeal_ends_on"] == "2024-03-13"
    chain = (bundle / "site/upphandlingar/MT_2023-0043.html").read_text(encoding="utf-8")
    assert chain.index("23RS710") < chain.index("Avtalsspärren slutar") < chain.index("23RS764")


def _chromium() -> str | None:
    import shutil

    return next(
        (
            found
            for name in ("chromium", "chromium-browser", "google-chrome")
            if (found := shutil.which(name))
        ),
        None,
    )


def _distinct_bytes(png: bytes) -> int:
    """How varied a PNG's pixels are: a blank page decompresses to one or two byte values."""
    import struct
    import zlib

    position, data = 8, b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        if kind == b"IDAT":
            data += png[position + 8 : position + 8 + length]
        position += 12 + length
    return len(set(zlib.decompress(data)))


@pytest.mark.parametrize("page", ["site/index.html", MEETING_PAGE])
def test_pages_render_in_a_browser(bundle: Path, tmp_path: Path, page: str) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("no headless browser installed (apt-get install chromium)")
    picture = tmp_path / "page.png"
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--screenshot={picture}", "--window-size=390,1200", (bundle / page).as_uri()],
        capture_output=True, timeout=60,
    )  # fmt: skip
    assert picture.exists(), done.stderr[-2000:]
    assert _distinct_bytes(picture.read_bytes()) > 20


def test_the_date_of_the_last_change_is_only_in_the_files_that_show_it(
    example: tuple[Register, Path],
) -> None:
    # Publishing the day after a change must not rewrite every page for a date in a footer:
    # only the catalogue's modified date, the feed's updated and the start page show it.
    from dataclasses import replace

    from delreg.config import load_config
    from delreg.publish import bundle_files as made_files
    from delreg.publish import publish_settings
    from delreg.publish.snapshot import collect
    from delreg.store import OpenMode, Store

    register, _ = example
    config = load_config(register.config)
    settings = publish_settings(config, base_url=BASE, contact_email=CONTACT)
    with Store.open(register.db, mode=OpenMode.EXISTING) as store:
        snapshot = collect(store, config)
    before = dict(made_files(snapshot, settings, config))
    later = replace(snapshot, last_change="2031-05-05T10:00:00Z")
    after = dict(made_files(later, settings, config))
    assert before.keys() == after.keys()
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {"dcat.rdf", "feed.atom", "site/index.html"}
