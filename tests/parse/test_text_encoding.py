"""A document that is not UTF-8: refused with the line of its first bad byte and a hint that
says what the bytes most likely are, by the agenda's reader as by the export's, and nothing
written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.errors import InputError
from delreg.parse.readers.base import ReadRequest, whole_text
from tests.helpers import Invoke, built_in_config, one_clear_line, snapshot

CONFIG = built_in_config()
LINE = st.text(alphabet="abcdefghij klmnopqrstuvwxyz0123456789,./-åäöÅÄÖ–", max_size=90)


def read(data: bytes, name: str = "kallelse.txt") -> str:
    return whole_text(io.BytesIO(data), ReadRequest(source=name, config=CONFIG))


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(LINE, min_size=1, max_size=40), at=st.integers(0, 39), data=st.data())
def test_the_bad_byte_is_found_on_its_own_line(
    lines: list[str], at: int, data: st.DataObject
) -> None:
    at = min(at, len(lines) - 1)
    line = lines[at]
    cut = data.draw(st.integers(0, len(line)))
    encoded = [text.encode() for text in lines]
    encoded[at] = line[:cut].encode() + "ö".encode("cp1252") + line[cut:].encode()
    ending = data.draw(st.sampled_from([b"\n", b"\r\n"]))
    with pytest.raises(InputError) as raised:
        read(ending.join(encoded))
    assert raised.value.line == at + 1
    assert raised.value.reason == "not UTF-8 (byte 0xF6)"
    assert "'ö' in Windows-1252" in (raised.value.hint or "")


def test_a_bad_byte_past_the_first_megabyte_still_names_its_line() -> None:
    # UTF-8 throughout but for one line: the decoder's pieces end mid-file, mid-line.
    lines = [f"{n}. Beslut om städ till Region Västmark, KS 2024/{n}" for n in range(40_000)]
    data = "\n".join(lines).encode()
    bad = data.index(b"\n25000. ") + 1
    data = data[:bad] + "25000. Beslut om läkemedel\n".encode("cp1252") + data[bad:]
    assert bad > 1 << 20
    with pytest.raises(InputError) as raised:
        read(data)
    assert raised.value.line == 25_001
    assert raised.value.reason == "not UTF-8 (byte 0xE4)"


def test_utf8_text_reads_whole_whatever_its_line_breaks_and_mark() -> None:
    text = "Anmälningsärenden\r\n\r\n1. Avtal med Åbergs Bygg AB – städ, KS 2024/1\n"
    assert read(b"\xef\xbb\xbf" + text.encode()) == text
    assert read(text.encode()) == text


def test_utf16_says_so() -> None:
    with pytest.raises(InputError) as raised:
        read("Anmälningsärenden\n".encode("utf-16"))
    assert raised.value.line == 1 and "UTF-16" in (raised.value.hint or "")


def test_a_windows_agenda_is_refused_with_its_line_and_nothing_is_written(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "x")
    before = snapshot(database)
    agenda = tmp_path / "kallelse.txt"
    agenda.write_bytes(
        "Kallelse\n\n7. Anmälningsärenden\n\n1. Avtal med Acme AB om städ, KS 2024/78\n".encode(
            "cp1252"
        )
    )
    result = delreg("import", str(agenda), "--meeting", "2024-02-15")
    assert result.exit_code != 0
    line = one_clear_line(result.stderr)
    assert line.endswith("kallelse.txt:3: not UTF-8 (byte 0xE4)"), line
    assert "'ä' in Windows-1252" in result.stderr and "iconv" in result.stderr
    assert snapshot(database) == before
