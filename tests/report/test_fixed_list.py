"""`report --mark-reported` records the list as fixed; `verify --report` tells whether a document
is that list, in every format the report writes."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import SEED, Invoke, as_json

MEETING = "2024-02-15"


@pytest.fixture
def fixed(delreg: Invoke, tmp_path: Path) -> Path:
    """A meeting whose list was fixed, and the internal Word file that fixed it."""
    delreg("meetings", "add", MEETING, "--board", "Hälso- och sjukvårdsnämnden")
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "en rutin")
    assert delreg("import", str(SEED)).exit_code == 0
    document = tmp_path / "lista.docx"
    made = delreg("report", "--meeting", MEETING, "-o", str(document), "--mark-reported")
    assert made.exit_code == 0, made.stderr
    assert "the list's SHA-256 is " in made.stderr
    return document


def verdict(delreg: Invoke, document: Path) -> tuple[int, dict[str, object]]:
    result = delreg("verify", "--report", MEETING, str(document), "--json")
    return result.exit_code, as_json(result)


def test_every_format_is_recognised_and_one_changed_byte_is_not(
    delreg: Invoke, fixed: Path, tmp_path: Path
) -> None:
    code, found = verdict(delreg, fixed)
    assert code == 0 and "as the internal docx" in str(found["message"])
    for fmt, public in itertools.product(("txt", "md", "html", "docx", "json", "csv"), (0, 1)):
        document = tmp_path / f"lista-{public}.{fmt}"
        options = ["--public"] if public else []
        delreg("report", "--meeting", MEETING, *options, "-o", str(document))
        code, found = verdict(delreg, document)
        assert code == 0 and found["matches"] is True, (fmt, public)
        if fmt not in ("docx", "txt"):
            continue
        data = bytearray(document.read_bytes())
        middle = len(data) // 2
        data[middle] = (data[middle] + 1) % 256
        document.write_bytes(bytes(data))
        code, found = verdict(delreg, document)
        assert code == 1 and found["matches"] is False


def test_a_document_made_later_of_the_same_list_is_it(
    delreg: Invoke, fixed: Path, tmp_path: Path
) -> None:
    # The minutes are posted after the meeting; the list's documents now show the appeal date.
    updated = delreg("meetings", "add", MEETING, "--update", "--posted-on", "2024-02-21")
    assert updated.exit_code == 0, updated.stderr
    later = tmp_path / "efter-anslag.html"
    delreg("report", "--meeting", MEETING, "-o", str(later))
    code, found = verdict(delreg, later)
    assert code == 0 and "made since" in str(found["message"])


def test_a_list_edited_after_fixing_is_no_longer_it(
    delreg: Invoke, fixed: Path, tmp_path: Path
) -> None:
    delreg("edit", "24RS1", "--subject", "en annan rutin")
    now = tmp_path / "nu.txt"
    delreg("report", "--meeting", MEETING, "-o", str(now))
    code, found = verdict(delreg, now)
    assert code == 1 and "has changed since it was fixed" in str(found["message"])
    # The document made when the list was fixed still is the fixed list.
    assert verdict(delreg, fixed)[0] == 0


def test_the_recorded_digest_is_the_lists_canonical_json(
    delreg: Invoke, fixed: Path, database: Path
) -> None:
    with closing(sqlite3.connect(database)) as connection:
        rows = connection.execute("SELECT new FROM events WHERE action = 'fix-list'").fetchall()
    assert len(rows) == 1
    recorded = json.loads(rows[0][0])
    assert recorded["meeting"] == MEETING and recorded["items"] == 30
    # The digest is the list's canonical JSON: sorted keys, no spaces, without source and
    # sentence, recomputed here from the JSON report (whose legal status of each decision is
    # derived from the register, not part of what the list says).
    listed = as_json(delreg("report", "--meeting", MEETING, "--format", "json"))
    items = [
        {key: v for key, v in item.items() if key not in ("source", "sentence", "status")}
        for item in listed["items"]
    ]
    canonical = {"meeting": MEETING, "board": listed["board"], "items": items}
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert recorded["sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert set(recorded["documents"]) == {
        f"{prefix}{fmt}"
        for prefix in ("", "public.")
        for fmt in ("txt", "md", "html", "docx", "json", "csv")
    }
    # Reporting again adds nothing new, so records nothing new.
    delreg("report", "--meeting", MEETING, "--mark-reported")
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute(
            "SELECT count(*) FROM events WHERE action = 'fix-list'"
        ).fetchone() == (1,)


def test_a_meeting_never_fixed_and_a_missing_file(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    delreg("meetings", "add", MEETING)
    document = tmp_path / "utkast.txt"
    delreg("report", "--meeting", MEETING, "-o", str(document))
    code, found = verdict(delreg, document)
    assert code == 1 and "no list was fixed" in str(found["message"])
    missing = delreg("verify", "--report", MEETING, str(tmp_path / "saknas.docx"))
    assert missing.exit_code == 2
    assert missing.stderr.startswith("delreg: error: cannot read")
    assert "hint:" in missing.stderr


def test_a_broken_chain_is_no_proof(delreg: Invoke, fixed: Path, database: Path) -> None:
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("UPDATE events SET user = 'någon' WHERE id = 1")
    code, found = verdict(delreg, fixed)
    assert code == 1 and "cannot be trusted" in str(found["message"])
