"""A Word document (.docx) or an OpenDocument text (.odt) is read as the same agenda given as
text: `delreg import lista.docx --meeting …` registers the same decisions, each located by the
paragraph or table row it stands in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Invoke, as_json
from tests.helpers.word_documents import (
    ITEMS,
    agenda_odt,
    agenda_text,
    numbered_docx,
    table_docx,
)

FORMS: dict[str, Callable[[], bytes]] = {
    "lista.txt": lambda: agenda_text().encode("utf-8"),
    "lista-numrerad.docx": numbered_docx,
    "lista-numrerad-stycke.docx": lambda: numbered_docx(by="paragraph"),
    "lista-tabell.docx": table_docx,
    "lista.odt": agenda_odt,
}
FIELDS = ("diary_number", "decided_on", "delegate", "kind", "subject", "parties")


def imported(delreg: Invoke, path: Path, *options: str) -> list[dict[str, Any]]:
    """The decisions the register holds after importing ``path``, in the list's order."""
    result = delreg("import", str(path), "--meeting", "2024-03-14", *options)
    assert result.exit_code == 0, result.stderr
    listed = as_json(delreg("list", "--format", "json"))
    return sorted(listed, key=lambda decision: str(decision["source"]))


@pytest.mark.parametrize("name", list(FORMS))
def test_the_same_agenda_as_text_word_and_opendocument_gives_the_same_decisions(
    name: str, delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    text = tmp_path / "text" / "lista.txt"
    text.parent.mkdir()
    text.write_text(agenda_text(), encoding="utf-8")
    document = tmp_path / name
    document.write_bytes(FORMS[name]())
    expected = [{field: decision[field] for field in FIELDS} for decision in imported(delreg, text)]
    assert [decision["diary_number"] for decision in expected] == [item[0] for item in ITEMS]
    database.unlink()
    found = imported(delreg, document)
    assert [{field: decision[field] for field in FIELDS} for decision in found] == expected
    assert database.exists()
    # Every decision says where it stands: the paragraph, or the table's row.
    sources = [decision["source"] for decision in found]
    if name.endswith(".txt"):
        return
    if "tabell" in name:
        assert sources == [f"{document}#table=1:row={row}" for row in range(2, 6)]
    else:
        assert sources == [f"{document}#paragraph={number}" for number in range(4, 8)]
