"""A document's encoding: UTF-8, or UTF-16 where its byte-order mark declares it (Excel's
"Unicode text", Notepad's "Unicode"), or the one the user names (`--encoding windows-1252`),
read alike by the agenda's reader and the export's; any other bytes refused with the line of
the first bad one and a hint that says what the bytes most likely are, and nothing written."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from delreg.errors import InputError
from delreg.parse.readers.base import ReadRequest, text_stream, whole_text
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


UTF16 = {"little-endian": b"\xff\xfe", "big-endian": b"\xfe\xff"}


def utf16(text: str, order: str) -> bytes:
    """``text`` as UTF-16 of that byte order, its byte-order mark first (as Windows writes it)."""
    return UTF16[order] + text.encode("utf-16-le" if order == "little-endian" else "utf-16-be")


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(LINE, min_size=1, max_size=40),
    ending=st.sampled_from(["\n", "\r\n"]),
    order=st.sampled_from(sorted(UTF16)),
)
def test_utf16_with_its_mark_reads_as_the_same_text(
    lines: list[str], ending: str, order: str
) -> None:
    text = ending.join(lines)
    assert read(utf16(text, order)) == read(text.encode()) == text


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(LINE, min_size=1, max_size=40), at=st.integers(0, 39))
def test_a_broken_utf16_character_is_found_on_its_line(lines: list[str], at: int) -> None:
    # Half a surrogate pair: what a program that cut UTF-16 text between two bytes pairs leaves.
    at = min(at, len(lines) - 1)
    data = bytearray(utf16("\n".join(lines), "little-endian"))
    line_starts = [2] + [i + 2 for i in range(2, len(data), 2) if data[i : i + 2] == b"\n\x00"]
    data[line_starts[at] : line_starts[at]] = "\ud800".encode("utf-16-le", "surrogatepass")
    with pytest.raises(InputError) as raised:
        read(bytes(data))
    assert raised.value.line == at + 1
    assert raised.value.reason.startswith("not UTF-16")


def test_a_utf16_file_cut_mid_character_is_refused_with_its_last_line() -> None:
    with pytest.raises(InputError) as raised:
        read(utf16("Anmälningsärenden\n\n1. Avtal", "little-endian") + b"K")
    assert raised.value.line == 3 and raised.value.reason.startswith("not UTF-16")


AGENDA = (
    "Kallelse\n\n7. Anmälningsärenden\n\n"
    "1. Tilldelningsbeslut avseende städtjänster, dnr KS 2024/101, beslutat 2024-02-12 av "
    "upphandlingschef.\n"
    "2. Avtal om personuppgiftsbiträde med Molnbolaget AB, dnr KS 2024/102.\n"
)
EXPORT = (
    "Diarienummer\tBeslutsdatum\tBeslut\tMotpart\n"
    "KS 2024/11\t2024-02-01\tAvtal om städtjänster\tÅbergs Städ AB\n"
    "KS 2024/12\t2024-02-03\tTilldelningsbeslut skolskjuts\tÖstra Buss AB\n"
)


@pytest.mark.parametrize("order", sorted(UTF16))
@pytest.mark.parametrize(
    ("names", "text", "read_as"),
    [
        (("kallelse.txt", "kallelse.txt"), AGENDA, "text"),
        # Excel's "Unicode text" is a .txt; in UTF-8 the same table is a .tsv.
        (("export.tsv", "export.txt"), EXPORT, "csv"),
    ],
)
def test_notepads_and_excels_unicode_import_as_their_utf8(
    delreg: Invoke, tmp_path: Path, names: tuple[str, str], text: str, read_as: str, order: str
) -> None:
    """An agenda saved by Notepad as "Unicode" and a registry export saved by Excel as "Unicode
    text" (tab-separated): the same decisions as the same document in UTF-8."""
    listed = {}
    encodings = (("utf-8", text.encode()), ("utf-16", utf16(text, order)))
    for name, (encoded, data) in zip(names, encodings, strict=True):
        path = tmp_path / encoded / name
        path.parent.mkdir()
        path.write_bytes(data)
        listed[encoded] = imported_and_listed(delreg, path)
    assert listed["utf-16"] == listed["utf-8"]
    assert {decision["diary_number"] for decision in listed["utf-16"]} == (
        {"KS 2024/101", "KS 2024/102"} if read_as == "text" else {"KS 2024/11", "KS 2024/12"}
    )
    assert "Åbergs Städ AB" in str(listed["utf-16"]) or read_as == "text"


def imported_and_listed(delreg: Invoke, path: Path, *options: str) -> list[dict[str, object]]:
    """The decisions of ``path`` imported with ``options`` into a new register beside it, as
    `delreg list` shows them, without what names where they were read."""
    database = str(path.parent / "register.db")
    imported = delreg(
        "--db", database, "import", str(path), "--meeting", "2024-03-14", "--json", *options
    )
    assert imported.exit_code == 0, imported.stderr
    assert json.loads(imported.stdout)["inserted"] == 2
    shown = delreg("--db", database, "list", "--format", "json")
    return [
        {key: value for key, value in decision.items() if key not in ("id", "source")}
        for decision in json.loads(shown.stdout)
    ]


@pytest.mark.parametrize(
    ("name", "data", "message", "hinted"),
    [
        (
            "kallelse.txt",
            "Kallelse\n\n7. Anmälningsärenden\n\n1. Avtal med Acme AB om städ, KS 2024/78\n".encode(
                "cp1252"
            ),
            "kallelse.txt:3: not UTF-8 (byte 0xE4)",
            ("'ä' in Windows-1252", "--encoding windows-1252"),
        ),
        (
            "export.txt",
            utf16(EXPORT, "little-endian") + "\udc00".encode("utf-16-le", "surrogatepass"),
            "export.txt:4: not UTF-16, though it starts as UTF-16 (a broken character)",
            ("save it again",),
        ),
    ],
    ids=["windows-1252 agenda", "broken utf-16 export"],
)
def test_undecodable_bytes_are_refused_with_their_line_and_nothing_is_written(
    delreg: Invoke,
    database: Path,
    tmp_path: Path,
    name: str,
    data: bytes,
    message: str,
    hinted: tuple[str, ...],
) -> None:
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "x")
    before = snapshot(database)
    document = tmp_path / name
    document.write_bytes(data)
    result = delreg("import", str(document), "--meeting", "2024-02-15")
    assert result.exit_code == 2
    line = one_clear_line(result.stderr)
    assert line.endswith(message), line
    assert all(words in result.stderr for words in hinted)
    assert snapshot(database) == before


# --encoding: what Swedish Excel saves as "CSV (semikolonavgränsad)" and Notepad as "ANSI".

LATIN = st.text(alphabet="abcdefghij klmnopqrstuvwxyz0123456789,./-åäöÅÄÖéü§", max_size=90)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(LATIN, min_size=1, max_size=40),
    ending=st.sampled_from(["\n", "\r\n"]),
    encoding=st.sampled_from(["windows-1252", "cp1252", "iso-8859-1", "latin-1", "cp850"]),
)
def test_text_in_the_encoding_named_reads_as_the_same_text(
    lines: list[str], ending: str, encoding: str
) -> None:
    text = ending.join(lines)
    request = ReadRequest(source="kallelse.txt", config=CONFIG, encoding=encoding)
    assert whole_text(io.BytesIO(text.encode(encoding)), request) == text
    stream: io.BufferedReader = io.BufferedReader(io.BytesIO(text.encode(encoding)))
    assert text_stream(stream, request).read() == text


HTML_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kallelse</title></head><body>"
    "<h2>7. Anmälningsärenden</h2><ol>"
    "<li>Tilldelningsbeslut avseende städtjänster, dnr KS 2024/101, beslutat 2024-02-12 av "
    "upphandlingschef.</li>"
    "<li>Avtal om personuppgiftsbiträde med Molnbolaget AB, dnr KS 2024/102.</li>"
    "</ol></body></html>\n"
)
SEMICOLONS = EXPORT.replace("\t", ";").replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("name", "text"),
    [("kallelse.txt", AGENDA), ("export.csv", SEMICOLONS), ("kallelse.html", HTML_PAGE)],
    ids=["notepad ansi agenda", "excel semicolon csv", "page declaring utf-8 wrongly"],
)
def test_a_windows_1252_document_imports_with_encoding_as_its_utf8(
    delreg: Invoke, tmp_path: Path, name: str, text: str
) -> None:
    """Without --encoding it is refused with the hint to give it; with it, the same decisions as
    the same document in UTF-8 (a web page's own declaration outweighed, as a browser's "Text
    encoding" menu does)."""
    listed = {}
    for encoded, data in (("utf-8", text.encode()), ("cp1252", text.encode("cp1252"))):
        path = tmp_path / encoded / name
        path.parent.mkdir()
        path.write_bytes(data)
        options: tuple[str, ...] = ()
        if encoded == "cp1252":
            refused = delreg("--db", str(path.parent / "register.db"), "import", str(path))
            assert refused.exit_code == 2
            assert "not UTF-8" in one_clear_line(refused.stderr)
            assert "--encoding windows-1252" in refused.stderr
            assert not (path.parent / "register.db").exists()
            options = ("--encoding", "windows-1252")
        listed[encoded] = imported_and_listed(delreg, path, *options)
    assert listed["cp1252"] == listed["utf-8"]
    assert "Åbergs Städ AB" in str(listed["cp1252"]) or name != "export.csv"


def test_reconcile_reads_an_export_in_the_encoding_named(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    export = tmp_path / "diarium.csv"
    export.write_bytes(SEMICOLONS.encode("cp1252"))
    delreg("add", "--kind", "avtal", "--diary-number", "KS 2024/11", "--subject", "städ")
    refused = delreg("reconcile", str(export), "--format", "json")
    assert refused.exit_code == 2 and "--encoding windows-1252" in refused.stderr
    result = delreg("reconcile", str(export), "--encoding", "windows-1252", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert json.loads(result.stdout)["rows"]["seen"] == 2


def test_importing_again_in_another_encoding_reads_the_file_again(
    delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    """A first import in the wrong encoding (Excel's export read as an old DOS program's) is
    mended by importing the same file in the right one: the same file, but not the same
    import, so it is read again rather than taken as unchanged."""
    export = tmp_path / "diarium.csv"
    export.write_bytes(SEMICOLONS.encode("cp1252"))
    wrong = delreg("import", str(export), "--encoding", "cp850", "--json")
    assert json.loads(wrong.stdout)["inserted"] == 2, wrong.stderr
    assert "Åbergs" not in delreg("list", "--format", "json").stdout
    right = delreg("import", str(export), "--encoding", "windows-1252", "--json")
    assert json.loads(right.stdout)["updated"] == 2, right.stderr
    assert "Åbergs Städ AB" in delreg("list", "--format", "json").stdout
    again = delreg("import", str(export), "--encoding", "windows-1252", "--json")
    assert json.loads(again.stdout)["unchanged"] == 2


@pytest.mark.parametrize(
    ("data", "options", "message", "hinted"),
    [
        (
            b"\xef\xbb\xbf" + SEMICOLONS.encode(),
            ("--encoding", "windows-1252"),
            "export.csv:1: starts with the byte-order mark of UTF-8, not windows-1252",
            "leave out --encoding",
        ),
        (
            SEMICOLONS.replace("Östra", "\x81stra").encode("latin-1"),
            ("--encoding", "windows-1252"),
            "export.csv:3: not windows-1252 (byte 0x81)",
            "give the encoding it was saved in",
        ),
        (
            SEMICOLONS.encode(),
            ("--encoding", "klingon"),
            "unknown encoding 'klingon'",
            "name a text encoding",
        ),
        (SEMICOLONS.encode(), ("--encoding", "base64"), "unknown encoding 'base64'", "utf-8"),
    ],
    ids=["mark of another encoding", "byte the encoding lacks", "unknown", "not a text encoding"],
)
def test_an_encoding_that_does_not_fit_is_refused_and_nothing_is_written(
    delreg: Invoke,
    database: Path,
    tmp_path: Path,
    data: bytes,
    options: tuple[str, ...],
    message: str,
    hinted: str,
) -> None:
    delreg("add", "--kind", "beslut", "--diary-number", "24RS1", "--subject", "x")
    before = snapshot(database)
    export = tmp_path / "export.csv"
    export.write_bytes(data)
    result = delreg("import", str(export), *options)
    assert result.exit_code == 2
    assert one_clear_line(result.stderr).endswith(message), result.stderr
    assert hinted in result.stderr
    assert snapshot(database) == before


def test_a_mark_that_agrees_with_the_encoding_named_is_read_and_dropped() -> None:
    text = "Anmälningsärenden\n1. Avtal med Åbergs Bygg AB, KS 2024/1\n"
    for named, data in (
        ("utf-8", b"\xef\xbb\xbf" + text.encode()),
        ("utf-16", utf16(text, "big-endian")),
    ):
        request = ReadRequest(source="kallelse.txt", config=CONFIG, encoding=named)
        assert whole_text(io.BytesIO(data), request) == text
