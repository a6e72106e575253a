"""Messages about input that name the right cause (issue 19 item 11): an AES-encrypted PDF, a
value thousands of characters long, and a `hint:` line under every error about an input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import Invoke


def _aes_pdf() -> bytes:
    """A one-page PDF encrypted with AES-128 (/V 4, /AESV2) under an empty user password, as
    Word's "Encrypt with password" and many scanners write them."""
    from pypdf._encryption import AlgV4

    identifier = b"delreg-aes-test!"
    permissions = 0xFFFFFFFC  # /P -4, as an unsigned 32-bit number
    owner = AlgV4.compute_O_value(AlgV4.compute_O_value_key(b"", 4, 128), b"", 4)
    key = AlgV4.compute_key(b"", 4, 128, owner, permissions, identifier, True)
    user = AlgV4.compute_U_value(key, 4, identifier)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length 32 >>\nstream\n" + bytes(32) + b"\nendstream",
        b"<< /Filter /Standard /V 4 /R 4 /Length 128 /P -4 /CF << /StdCF << /CFM /AESV2 "
        b"/AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF "
        b"/O <" + owner.hex().encode() + b"> /U <" + user.hex().encode() + b"> >>",
    ]
    pdf = bytearray(b"%PDF-1.6\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 5 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        identifier.hex().encode(),
        identifier.hex().encode(),
    )
    pdf += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(pdf)


def _one_error(stderr: str) -> tuple[str, str]:
    lines = stderr.splitlines()
    assert len(lines) == 2, stderr
    error, hint = lines
    assert error.startswith("delreg: error: ") and hint.startswith("hint: "), stderr
    assert "Traceback" not in stderr and len(error) < 300, stderr
    return error, hint


def test_an_aes_encrypted_pdf_names_no_package(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    # PDFium decrypts AES itself; this one's single page holds no text, which is what it says.
    agenda = tmp_path / "dagordning.pdf"
    agenda.write_bytes(_aes_pdf())
    result = delreg("import", str(agenda))
    assert result.exit_code == 2
    _one_error(result.stderr)
    for word in ("cryptography", "pycryptodome", "pip install", "pypdf"):
        assert word not in result.stderr, result.stderr
    assert not database.exists()


def test_a_10_000_character_diary_number_is_shown_cut(delreg: Invoke, tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text(f"Diarienummer;Beslut\n{'X' * 10_000};städning\n", encoding="utf-8")
    result = delreg("import", str(export))
    assert result.exit_code == 1
    (rejected,) = [line for line in result.stderr.splitlines() if line.startswith("rejected:")]
    assert len(rejected) < 300 and "10 000 characters" in rejected, rejected
    shown = delreg("show", "Y" * 10_000)
    assert shown.exit_code == 2
    _one_error(shown.stderr)


def _write(tmp_path: Path, name: str, content: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize(
    ("name", "content", "options"),
    [
        ("mapp", None, ()),
        ("saknas.csv", None, ()),
        ("tom.csv", "", ()),
        ("utan-rubrik.csv", "a;b;c\n1;2;3\n", ()),
        ("binär.dat", b"\x00\x01\x02" * 100, ()),
        ("binär.csv", b"Diarienummer;Beslut\n24RS1;st\x00dning\n", ()),
        ("latin1.csv", "Diarienummer;Beslut\n24RS1;städning\n".encode("cp1252"), ()),
        ("trasig.json", '[{"diary_number": "24RS1", ', ()),
        ("trasig.xlsx", b"PK\x03\x04" + bytes(100), ()),
        ("trasig.pdf", b"%PDF-1.4\n" + bytes(100), ()),
        ("word.docx", b"PK\x03\x04" + bytes(100), ()),
        ("gammal.xls", b"\xd0\xcf\x11\xe0" + bytes(100), ()),
        ("export.csv", "Diarienummer;Beslut\n24RS1;städning\n", ("--sheet", "Blad9")),
    ],
)
def test_every_error_about_an_input_has_a_hint(
    delreg: Invoke,
    tmp_path: Path,
    name: str,
    content: bytes | str | None,
    options: tuple[str, ...],
) -> None:
    if name == "mapp":
        (tmp_path / name).mkdir()
        path = str(tmp_path / name)
    elif content is None:
        path = str(tmp_path / name)
    else:
        path = _write(tmp_path, name, content)
    fmt = ("--format", "xlsx") if options else ()
    result = delreg("import", path, *fmt, *options)
    assert result.exit_code == 2, result.stderr
    _one_error(result.stderr)


@pytest.mark.parametrize(
    "config",
    [
        "[columns]\nsubjekt = ['Rubrik']\n",
        "[columns]\nsubject = 'Rubrik'\n",
        "[numbers]\ndiary_number_patterns = ['(']\n",
        "[limits]\nrows = 0\n",
        "[limits\n",
    ],
)
def test_every_error_about_the_configuration_has_a_hint(
    delreg: Invoke, tmp_path: Path, config: str
) -> None:
    path = _write(tmp_path, "config.toml", config)
    export = _write(tmp_path, "export.csv", "Diarienummer;Beslut\n24RS1;städning\n")
    result = delreg("--config", path, "import", export)
    assert result.exit_code == 2, result.stderr
    _one_error(result.stderr)


# Rich text as Word and WordPad save it (often named .doc), its list of decisions invented.
RTF = (
    b"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\n"
    b"\\pard\\b Anm\\'e4lan av delegationsbeslut\\b0\\par\n"
    b"1. Avtal om st\\'e4dtj\\'e4nster, KS 2024/101\\par\n}"
)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("delegationsbeslut.rtf", RTF),
        ("delegationsbeslut.doc", RTF),
        ("delegationsbeslut.json", RTF),
        ("delegationsbeslut.txt", b"\xef\xbb\xbf" + RTF),
        ("-", b"\r\n" + RTF),
    ],
)
def test_rich_text_is_named_not_taken_for_json(
    delreg: Invoke, tmp_path: Path, name: str, content: bytes
) -> None:
    if name == "-":
        result = delreg("import", "-", input=content)
    else:
        path = tmp_path / name
        path.write_bytes(content)
        result = delreg("import", str(path))
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].endswith("is an RTF document (rich text)"), result.stderr
    assert "JSON" not in result.stderr
    assert "save it as .docx or PDF" in lines[1]
