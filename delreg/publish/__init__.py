"""`delreg publish DIR`: the public register as files anyone may copy.

The register is read once into a PublicRegister (delreg.publish.snapshot: deleted decisions
left out, secret ones masked by delreg.public, internal fields dropped); each artefact
(delreg.publish.artefacts) turns that into files; delreg.publish.bundle writes the ones that
changed. Every file is a function of the register alone, dated by its last change, so the same
register gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from delreg.config import Config
from delreg.publish.artefacts import artefacts
from delreg.publish.bundle import BundleSummary, write_bundle
from delreg.publish.settings import PublishSettings, publish_settings
from delreg.publish.snapshot import PublicRegister, collect

if TYPE_CHECKING:
    from delreg.store import Store

__all__ = ["BundleSummary", "PublishSettings", "bundle_files", "publish", "publish_settings"]


def bundle_files(
    register: PublicRegister, settings: PublishSettings, config: Config
) -> Iterator[tuple[str, bytes]]:
    for artefact in artefacts():
        yield from artefact.files(register, settings, config)


def publish(
    store: Store,
    directory: Path,
    settings: PublishSettings,
    config: Config,
    board: str | None = None,
) -> BundleSummary:
    """Publish the decisions of ``board`` (a code), or of every board."""
    register = collect(store, config, board)
    if not settings.publisher:
        settings = replace(settings, publisher=next(iter(register.boards), settings.title))
    return write_bundle(directory, bundle_files(register, settings, config))
