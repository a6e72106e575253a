"""The artefacts a publication writes, behind one small protocol.

An artefact is a module with a function ``files(register, settings, config)`` that yields the
bundle's files it makes, as (path inside the bundle, bytes). Adding an artefact is adding such
a module and naming it here. Each is imported only when a publication runs, since some load
heavy libraries (rdflib, python-docx, jinja2).
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from typing import Protocol

from delreg.config import Config
from delreg.publish.settings import PublishSettings
from delreg.publish.snapshot import PublicRegister

# In the order they are written; none depends on another's files.
ARTEFACTS: tuple[str, ...] = (
    "delreg.publish.database",  # the public SQLite file
    "delreg.publish.datasette",  # its Datasette metadata
    "delreg.publish.opendata",  # decisions as CSV and JSON
    "delreg.publish.catalogue",  # the DCAT-AP-SE catalogue
    "delreg.publish.feed",  # the Atom feed
    "delreg.publish.icalendar",  # appeal deadlines and standstill ends
    "delreg.publish.site",  # the static site
)


class Artefact(Protocol):
    def files(
        self, register: PublicRegister, settings: PublishSettings, config: Config
    ) -> Iterator[tuple[str, bytes]]: ...


def artefacts() -> Iterator[Artefact]:
    for name in ARTEFACTS:
        module: Artefact = import_module(name)
        yield module
