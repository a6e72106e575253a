"""The DCAT-AP-SE catalogue (``dcat.rdf``) that Sveriges dataportal harvests.

Written as RDF with rdflib, not from a template, so the XML is well-formed and the graph is
what it says. Every node has an IRI under the base URL (no blank nodes), which with a fixed
order of triples keeps the file the same from run to run. The mandatory properties of
DCAT-AP-SE: the catalogue's title, description, publisher, licence and datasets; the dataset's
title, description, publisher and contact point; each distribution's access URL; and the
licence on each distribution as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from delreg.config import Config
from delreg.publish import paths
from delreg.publish.settings import PublishSettings
from delreg.publish.snapshot import PublicRegister

# (file in the bundle, title, media type) of each distribution.
DISTRIBUTIONS: tuple[tuple[str, str, str], ...] = (
    (paths.DECISIONS_CSV, "Delegationsbeslut som CSV", "text/csv"),
    (paths.DECISIONS_JSON, "Delegationsbeslut som JSON", "application/json"),
    (paths.DATABASE, "Delegationsbeslut som SQLite-databas", "application/vnd.sqlite3"),
    (paths.FEED, "Nya, ändrade och återkallade beslut (Atom)", "application/atom+xml"),
    (paths.CALENDAR, "Överklagandetider och avtalsspärrar (iCalendar)", "text/calendar"),
)
NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
LANGUAGE_SV = "http://publications.europa.eu/resource/authority/language/SWE"
THEME_GOVERNMENT = "http://publications.europa.eu/resource/authority/data-theme/GOVE"


def files(
    register: PublicRegister, settings: PublishSettings, config: Config
) -> Iterator[tuple[str, bytes]]:
    yield paths.CATALOGUE, catalogue_rdf(register, settings)


def catalogue_rdf(register: PublicRegister, settings: PublishSettings) -> bytes:
    from rdflib import RDF, Graph, Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, FOAF, XSD, Namespace

    VCARD = Namespace(NAMESPACES["vcard"])

    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)):
        graph.bind(prefix, namespace)
    graph.bind("vcard", VCARD)

    def iri(fragment: str) -> URIRef:
        return URIRef(settings.url(paths.CATALOGUE) + "#" + fragment)

    def text(value: str) -> Literal:
        return Literal(value, lang="sv")

    catalogue, dataset = iri("katalog"), iri("delegationsbeslut")
    publisher, contact = iri("utgivare"), iri("kontakt")
    licence = URIRef(settings.licence)
    modified = Literal(register.last_change[:10], datatype=XSD.date)

    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, text(settings.publisher)))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, text(settings.publisher)))
    graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + settings.contact_email)))

    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, text(settings.title)))
    graph.add((catalogue, DCTERMS.description, text(settings.description)))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, DCTERMS.license, licence))
    graph.add((catalogue, DCTERMS.language, URIRef(LANGUAGE_SV)))
    graph.add((catalogue, DCTERMS.modified, modified))
    graph.add((catalogue, FOAF.homepage, URIRef(settings.url(paths.SITE + "index.html"))))
    graph.add((catalogue, DCAT.dataset, dataset))

    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, text(settings.title)))
    graph.add((dataset, DCTERMS.description, text(settings.description)))
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((dataset, DCTERMS.modified, modified))
    graph.add((dataset, DCTERMS.language, URIRef(LANGUAGE_SV)))
    graph.add((dataset, DCAT.theme, URIRef(THEME_GOVERNMENT)))
    graph.add((dataset, DCAT.landingPage, URIRef(settings.url(paths.SITE + "index.html"))))
    for keyword in ("delegationsbeslut", "anmälningsärenden", "nämnd", "upphandling"):
        graph.add((dataset, DCAT.keyword, text(keyword)))

    for path, title, media_type in DISTRIBUTIONS:
        distribution = iri("distribution-" + path.replace(".", "-"))
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, text(title)))
        graph.add((distribution, DCAT.accessURL, URIRef(settings.url(path))))
        graph.add((distribution, DCAT.downloadURL, URIRef(settings.url(path))))
        graph.add((distribution, DCAT.mediaType, URIRef(_iana(media_type))))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((distribution, DCTERMS.modified, modified))
    payload = graph.serialize(format="xml", encoding="utf-8")
    return canonical_xml(payload if isinstance(payload, bytes) else payload.encode())


def canonical_xml(payload: bytes) -> bytes:
    """rdflib's flat RDF/XML in one fixed order.

    rdflib writes subjects, properties and namespace declarations in the order of its sets,
    which follows Python's per-process string hashing, so two runs order the same graph
    differently. In RDF/XML without containers the order of descriptions and of properties
    carries no meaning, so sorting both gives the same graph and the same bytes every run.
    """
    import xml.etree.ElementTree as ET

    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(payload)
    for description in root:
        description[:] = sorted(description, key=_sort_key)
    root[:] = sorted(root, key=_sort_key)
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def _sort_key(element: Any) -> tuple[str, tuple[tuple[str, str], ...], str]:
    return (element.tag, tuple(sorted(element.attrib.items())), element.text or "")


def _iana(media_type: str) -> str:
    return "http://www.iana.org/assignments/media-types/" + media_type
