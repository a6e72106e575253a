"""Writing a publication's files into its folder: only what changed, each file whole.

A file whose bytes are already there is left alone (its time stamp too, so a web server's
caches and a mirror's rsync see no change); a file written by an earlier run and not made by
this one (a deleted decision's page) is removed. What the folder holds from delreg is listed
in its manifest, so delreg never removes a file it did not write.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from delreg.errors import DelregError

MANIFEST = ".delreg-publish"


@dataclass
class BundleSummary:
    directory: str
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.written) + self.unchanged

    def to_json(self) -> dict[str, object]:
        return {
            "directory": self.directory,
            "files": self.files,
            "written": len(self.written),
            "unchanged": self.unchanged,
            "removed": len(self.removed),
            "written_files": self.written,
            "removed_files": self.removed,
        }


def write_bundle(directory: Path, files: Iterable[tuple[str, bytes]]) -> BundleSummary:
    previous = _previous_files(directory)
    summary = BundleSummary(str(directory))
    made: list[str] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for path, payload in files:
            made.append(path)
            target = directory / path
            if _same(target, payload):
                summary.unchanged += 1
                continue
            _write(target, payload)
            summary.written.append(path)
        for path in sorted(previous - set(made)):
            (directory / path).unlink(missing_ok=True)
            summary.removed.append(path)
        manifest = "".join(f"{path}\n" for path in sorted(made)).encode()
        if not _same(directory / MANIFEST, manifest):
            _write(directory / MANIFEST, manifest)
    except OSError as error:
        raise DelregError(
            f"cannot write the bundle in {str(directory)!r}: {error.strerror or error}",
            hint="check that the folder is writable and the disk has room; running again "
            "finishes what was left",
        ) from None
    return summary


def _previous_files(directory: Path) -> set[str]:
    if not directory.exists():
        return set()
    if not directory.is_dir():
        raise DelregError(
            f"{str(directory)!r} is not a folder", hint="give a new or empty folder to publish to"
        )
    manifest = directory / MANIFEST
    if manifest.exists():
        return {line for line in manifest.read_text(encoding="utf-8").splitlines() if line}
    if any(directory.iterdir()):
        raise DelregError(
            f"{str(directory)!r} holds files that delreg did not publish",
            hint="publish to a new or empty folder; delreg writes and removes its own files there",
        )
    return set()


def _same(target: Path, payload: bytes) -> bool:
    try:
        if target.stat().st_size != len(payload):
            return False
        return target.read_bytes() == payload
    except FileNotFoundError:
        return False


def _write(target: Path, payload: bytes) -> None:
    """Whole or not at all: a reader of the folder never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(payload)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
