"""Invented agendas as LibreOffice writes them, committed under tests/fixtures/word/ (CI need
not have LibreOffice): LibreOffice's own .odt and its Word export (.docx) of the same list.

- ``textruta.odt``: a Word document with the list in a text box (tests.helpers.word_documents,
  as Word writes a box) opened and saved by LibreOffice, which writes the box as a shape
  holding the list (``draw:custom-shape``), not as a frame;
- ``textruta.docx``: that .odt saved by LibreOffice as Word (its own way of writing a text box);
- ``lista.docx``: the numbered list of ``agenda_odt`` saved by LibreOffice as Word (its own
  numbering.xml and styles);
- ``underpunkter.docx``: ``sub_numbered_odt`` (a point "8" and its items "8.1", "8.2" …) saved
  by LibreOffice as Word (a list whose second level is written "%1.%2");
- ``sammanfogad.odt`` and ``sammanfogad.docx``: ``merged_table_odt`` (a table whose cells are
  merged down over rows, with tracked changes) saved by LibreOffice as its own and as Word
  (``w:vMerge``, ``w:gridSpan``, ``w:ins`` and ``w:del`` in a cell).

This module makes them again::

    PYTHONPATH=. python -m tests.helpers.libreoffice_documents tests/fixtures/word

Every name and number in them is made up (tests.helpers.word_documents).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.helpers.word_documents import (
    agenda_odt,
    merged_table_odt,
    sub_numbered_odt,
    text_box_docx,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "word"
NAMES = (
    "textruta.odt",
    "textruta.docx",
    "lista.docx",
    "underpunkter.docx",
    "sammanfogad.odt",
    "sammanfogad.docx",
)


def libreoffice() -> str:
    """The LibreOffice command of this machine (the fixtures are made where it is installed)."""
    command = shutil.which("soffice") or shutil.which("libreoffice")
    assert command is not None, "LibreOffice is not installed"
    return command


def convert(
    command: str, work: Path, source: Path, to: str, *, infilter: str | None = None
) -> Path:
    """``source`` saved by LibreOffice (``command``) as ``to``, in a folder under ``work``;
    ``infilter`` says how to read it where LibreOffice cannot tell (a CSV's separators)."""
    # A profile of its own: LibreOffice refuses to start beside another instance's profile.
    out = work / to
    options = [f"--infilter={infilter}"] if infilter else []
    subprocess.run(
        [command, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", *options,
         "--convert-to", to, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out / f"{source.stem}.{to}"


def main(arguments: list[str]) -> None:
    folder = Path(arguments[0]) if arguments else FIXTURES
    folder.mkdir(parents=True, exist_ok=True)
    command = libreoffice()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        (work / "textruta.docx").write_bytes(text_box_docx())
        (work / "lista.odt").write_bytes(agenda_odt())
        (work / "underpunkter.odt").write_bytes(sub_numbered_odt())
        (work / "sammanfogad.odt").write_bytes(merged_table_odt())
        as_odt = convert(command, work, work / "textruta.docx", "odt")
        made = {
            "textruta.odt": as_odt,
            "textruta.docx": convert(command, work, as_odt, "docx"),
            "lista.docx": convert(command, work, work / "lista.odt", "docx"),
            "underpunkter.docx": convert(command, work, work / "underpunkter.odt", "docx"),
            "sammanfogad.odt": convert(command, work, work / "sammanfogad.odt", "odt"),
            "sammanfogad.docx": convert(command, work, work / "sammanfogad.odt", "docx"),
        }
        for name in NAMES:
            shutil.copyfile(made[name], folder / name)
            print(folder / name)


if __name__ == "__main__":
    main(sys.argv[1:])
