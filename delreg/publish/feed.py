"""The Atom feed (``feed.atom``, RFC 4287) of new, changed and withdrawn decisions.

One entry per decision, with the same id for its whole life, so a reader or a mirror replaces
what it holds when the entry comes again. A decision deleted or made secret after it was shown
comes again as *withdrawn*: made secret, it keeps its public part (diary number, kind, date);
deleted, it keeps nothing but its id, a UUID derived from its diary number that does not name
it. Dates are those of the register's history, so the feed changes only when the register does.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from delreg.config import Config
from delreg.publish import paths
from delreg.publish.settings import PublishSettings
from delreg.publish.snapshot import FeedEntry, PublicRegister

ATOM = "http://www.w3.org/2005/Atom"
TITLES = {"new": "Nytt beslut", "changed": "Ändrat beslut", "withdrawn": "Återkallat beslut"}
WITHDRAWN_TEXT = "Beslutet har tagits bort ur det offentliga registret. Ta bort det ur kopior."
MADE_SECRET_TEXT = (
    "Uppgifter i beslutet omfattas av sekretess (OSL 5 kap. 2 §) och har tagits bort ur det "
    "offentliga registret. Ta bort dem ur kopior."
)


def entry_id(diary_number: str, settings: PublishSettings) -> str:
    """A decision's entry id: the same in every run and for its whole life."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, settings.url(diary_number)))


def files(
    register: PublicRegister, settings: PublishSettings, config: Config
) -> Iterator[tuple[str, bytes]]:
    yield paths.FEED, atom_feed(register, settings)


def atom_feed(register: PublicRegister, settings: PublishSettings) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "sv"})
    _text(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, settings.base_url)))
    _text(feed, "title", settings.title)
    _text(feed, "subtitle", "Nya, ändrade och återkallade delegationsbeslut")
    _text(feed, "updated", register.last_change)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", settings.publisher)
    _text(author, "email", settings.contact_email)
    _text(feed, "rights", f"Licens: {settings.licence_name} ({settings.licence})")
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": settings.url(paths.FEED)})
    ET.SubElement(
        feed,
        f"{{{ATOM}}}link",
        {"rel": "alternate", "type": "text/html", "href": settings.url(paths.SITE + "index.html")},
    )
    for entry in register.feed[: settings.feed_entries]:
        _entry(feed, entry, settings)
    ET.indent(feed)
    body: bytes = ET.tostring(feed, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def _entry(feed: ET.Element, entry: FeedEntry, settings: PublishSettings) -> None:
    element = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(element, "id", entry_id(entry.key, settings))
    _text(element, "updated", entry.at)
    ET.SubElement(
        element,
        f"{{{ATOM}}}category",
        {"term": entry.status, "label": TITLES[entry.status]},
    )
    shown = entry.decision
    if shown is None:
        _text(element, "title", TITLES["withdrawn"])
        _text(element, "summary", WITHDRAWN_TEXT)
        return
    decision = shown.decision
    _text(element, "title", f"{TITLES[entry.status]}: {decision.diary_number}")
    ET.SubElement(
        element,
        f"{{{ATOM}}}link",
        {
            "rel": "alternate",
            "type": "text/html",
            "href": settings.url(paths.decision_page(decision.diary_number)),
        },
    )
    if decision.decided_on:
        _text(element, "published", decision.decided_on + "T00:00:00Z")
    summary = shown.sentence
    if entry.status == "withdrawn":
        summary = f"{MADE_SECRET_TEXT} {summary}"
    _text(element, "summary", summary)


def _text(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value
