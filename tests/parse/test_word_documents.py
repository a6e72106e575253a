"""A Word document (.docx) or an OpenDocument text (.odt) is read as the same agenda given as
text: `delreg import lista.docx --meeting …` registers the same decisions, each located by the
paragraph or table row it stands in."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from delreg.errors import InputError
from delreg.parse.detect import detect_format
from delreg.parse.readers.base import HEAD_BYTES
from tests.helpers import FIXTURES, Invoke, as_json, snapshot
from tests.helpers.word_documents import (
    AFTER,
    AFTER_TEXT,
    BOARD,
    FOOTER,
    HEADER,
    HEADING,
    ITEMS,
    MERGED_TABLE_DECISIONS,
    TABLE_HEADER,
    TITLE,
    add_numbering,
    agenda_html,
    agenda_odt,
    agenda_text,
    alt_chunk,
    body_xml,
    decimal_list,
    element,
    filled_table,
    google_docs_docx,
    level,
    merged_table_odt,
    number,
    numbered_docx,
    odt,
    odt_cell,
    odt_frame,
    odt_paragraph,
    odt_table,
    outline_numbered_odt,
    raw_paragraph,
    replaced_part,
    run,
    sentence,
    styled,
    sub_numbered_odt,
    sub_numbered_text,
    table_docx,
    text_box,
    text_box_docx,
    word,
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


def read_as_text(
    delreg: Invoke, database: Path, document: Path, text: str = ""
) -> list[dict[str, Any]]:
    """The decisions ``document`` gives, having asserted that they are those the same list
    given as plain text (``text``, the agenda text where empty) gives."""
    plain = document.parent / "som-text" / "lista.txt"
    plain.parent.mkdir(exist_ok=True)
    plain.write_text(text or agenda_text(), encoding="utf-8")

    def read(path: Path) -> list[dict[str, Any]]:
        decisions = imported(delreg, path)
        database.unlink()
        # In the list's order, those located by one paragraph (a text box's) too.
        return sorted(decisions, key=lambda decision: int(decision["item"]))

    expected = [{field: decision[field] for field in FIELDS} for decision in read(plain)]
    assert expected
    found = read(document)
    assert [{field: decision[field] for field in FIELDS} for decision in found] == expected
    return found


# --- what of a Word document is read, and how ---------------------------------------------


def test_a_list_in_a_text_box_is_read_once_where_it_is_anchored(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    # The box is anchored in an empty paragraph; the next point follows the box.
    document = tmp_path / "lista.docx"
    document.write_bytes(text_box_docx())
    found = read_as_text(delreg, database, document)
    # Located by the paragraph the box is anchored in: the third of the body.
    assert [decision["source"] for decision in found] == [f"{document}#paragraph=3"] * len(ITEMS)
    lines = lines_of(document.read_bytes())
    assert sum(ITEMS[0][0] in line for line in lines) == 1
    assert lines.index(AFTER) > lines.index(f"1. {sentence(ITEMS[0])}")


def test_a_text_box_written_only_as_vml_is_read_too() -> None:
    # An older Word's box: the VML shape alone, no drawing and no choice between the two.
    box = text_box(styled("TN 2024/31 Tilldelningsbeslut", "Normal"))
    vml = box[box.index("<w:pict>") : box.index("</w:pict>") + len("</w:pict>")]

    def build(document: Any) -> None:
        raw_paragraph(document, run("Anmälan av delegationsbeslut") + f"<w:r>{vml}</w:r>")

    assert lines_of(word(build, furniture=False))[-2:] == [
        "Anmälan av delegationsbeslut",
        "TN 2024/31 Tilldelningsbeslut",
    ]


def test_a_text_box_in_a_paragraph_and_in_a_table_cell_is_read_after_its_text() -> None:
    def build(document: Any) -> None:
        raw_paragraph(
            document,
            run("Anmälan av delegationsbeslut")
            + text_box(styled("TN 2024/31 Tilldelningsbeslut", "Normal"), number=1),
        )
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "TN 2024/44"
        cell = table.cell(0, 1).paragraphs[0]
        for child in raw_paragraph(
            document, run("Anställning") + text_box(styled("av enhetschef", "Normal"), number=2)
        )._p:
            cell._p.append(child)
        document.paragraphs[-1]._p.getparent().remove(document.paragraphs[-1]._p)

    assert [line for line in lines_of(word(build, furniture=False)) if line][2:] == [
        "Anmälan av delegationsbeslut",
        "TN 2024/31 Tilldelningsbeslut",
        "| TN 2024/44 | Anställning av enhetschef |",
    ]


def lines_of(document: bytes) -> list[str]:
    from delreg.parse.word_text import word_lines

    return word_lines(io.BytesIO(document), "lista.docx", 1 << 26).lines


def odt_lines_of(document: bytes) -> list[str]:
    from delreg.parse.odt_text import odt_lines

    return odt_lines(io.BytesIO(document), "lista.odt", 1 << 26).lines


def test_tracked_deletions_are_not_read_and_insertions_are(delreg: Invoke, tmp_path: Path) -> None:
    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        raw_paragraph(
            document,
            run("Avtal med ")
            + '<w:del w:id="1" w:author="Registrator"><w:r><w:delText>Gamla Maskin AB'
            "</w:delText></w:r></w:del>"
            + f'<w:ins w:id="2" w:author="Registrator">{run("Lärkbo Maskin AB")}</w:ins>'
            + run(" om hyra av hjullastare, dnr TN 2024/52, Driftchef Karin Ahl, 2024-02-02."),
        ).style = "List Number"
        # A whole item struck out: no decision, not even a rejected one.
        deleted = (
            '<w:r><w:delText xml:space="preserve">Avtal med Borttagna AB om städning, '
            "dnr TN 2024/77, 2024-02-05.</w:delText></w:r>"
        )
        raw_paragraph(
            document, f'<w:del w:id="3" w:author="Registrator">{deleted}</w:del>'
        ).style = "List Number"

    document = tmp_path / "lista.docx"
    document.write_bytes(word(build))
    text = "\n".join(lines_of(document.read_bytes()))
    assert "Gamla" not in text and "Borttagna" not in text and "TN 2024/77" not in text
    (found,) = imported(delreg, document)
    assert found["diary_number"] == "TN 2024/52"
    assert found["parties"] == ["Lärkbo Maskin AB"]


TRACKED = 'w:author="Registrator" w:date="2024-03-01T10:15:00Z"'


def tracked_row(*cells: str, deleted: bool = False) -> str:
    """A table's row of WordprocessingML, each cell's runs given (a deleted row's mark)."""
    mark = f'<w:trPr><w:del w:id="40" {TRACKED}/></w:trPr>' if deleted else ""
    return (
        f"<w:tr>{mark}" + "".join(f"<w:tc><w:p>{cell}</w:p></w:tc>" for cell in cells) + "</w:tr>"
    )


def test_only_what_word_shows_once_changes_are_accepted_is_read(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    def struck(document: Any, runs: str, listed: str, kind: str) -> None:
        paragraph = number(raw_paragraph(document, runs), numbering=listed)
        paragraph._p.pPr.append(element(f'<w:rPr><w:{kind} w:id="30" {TRACKED}/></w:rPr>'))

    inserted = f'<w:ins w:id="31" {TRACKED}>{{}}</w:ins>'
    deleted = f'<w:del w:id="32" {TRACKED}><w:r><w:delText>{{}}</w:delText></w:r></w:del>'

    # A numbered list edited with changes tracked: an item struck out whole, its paragraph's
    # mark too; an item moved down (moveFrom, moveTo). Word shows "1." to "4." once accepted.
    def listed(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        listed = decimal_list(document)
        number(document.add_paragraph(sentence(ITEMS[0])), numbering=listed)
        gone = "Avtal med Borttagna AB om städning, dnr TN 2024/77, 2024-02-05."
        struck(document, deleted.format(gone), listed, "del")
        moved = f'<w:moveFrom w:id="33" {TRACKED}>{run(sentence(ITEMS[3]))}</w:moveFrom>'
        struck(document, moved, listed, "moveFrom")
        for entry in ITEMS[1:3]:
            number(document.add_paragraph(sentence(entry)), numbering=listed)
        moved = f'<w:moveTo w:id="34" {TRACKED}>{run(sentence(ITEMS[3]))}</w:moveTo>'
        struck(document, moved, listed, "moveTo")
        document.add_heading(AFTER, level=1)
        document.add_paragraph(AFTER_TEXT)

    # The same decisions in a table: a delegate inserted in its cell, a diary number
    # corrected, a row deleted; the table split in two by an empty paragraph.
    def tabled(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        body = document.element.body
        rows = [
            tracked_row(run(ITEMS[0][0]), run(ITEMS[0][1]), inserted.format(run(ITEMS[0][2])),
                        run(ITEMS[0][3])),
            tracked_row(deleted.format("TN 2024/40") + inserted.format(run(ITEMS[1][0])),
                        *map(run, ITEMS[1][1:])),
            tracked_row(*map(run, ("TN 2024/77", "Avtal med Borttagna AB om städning",
                                   "Driftchef Karin Ahl", "2024-02-05")), deleted=True),
        ]  # fmt: skip
        second = [tracked_row(*map(run, entry)) for entry in ITEMS[2:]]
        for table in ("".join(rows), "".join(second)):
            body.insert(len(body) - 1, element(f"<w:tbl>{table}</w:tbl>"))
            body.insert(len(body) - 1, element("<w:p/>"))
        document.add_heading(AFTER, level=1)
        document.add_paragraph(AFTER_TEXT)

    for build in (listed, tabled):
        document = tmp_path / f"{build.__name__}.docx"
        document.write_bytes(word(build))
        lines = lines_of(document.read_bytes())
        text = "\n".join(lines)
        assert "TN 2024/77" not in text and "TN 2024/40" not in text
        if build is listed:
            assert lines[lines.index(HEADING) + 1 :][:4] == [
                f"{at}. {sentence(entry)}" for at, entry in enumerate(ITEMS, start=1)
            ]
        else:
            assert [line for line in lines if line.startswith("|")] == [
                f"| {' | '.join(entry)} |" for entry in ITEMS
            ]
        found = imported(delreg, document)
        database.unlink()
        assert [(d["diary_number"], d["delegate"], d["decided_on"]) for d in found] == [
            (diary, delegate, decided) for diary, _, delegate, decided in ITEMS
        ]


def test_a_paragraph_whose_mark_is_deleted_is_one_with_the_next_as_word_shows_it(
    delreg: Invoke, tmp_path: Path
) -> None:
    # An item broken in two by an Enter, the break then deleted with changes tracked: once
    # the changes are accepted it is one paragraph, which keeps the second's mark (its number).
    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        listed = decimal_list(document)
        broken = number(raw_paragraph(document, run("Avtal om leasing av ")), numbering=listed)
        broken._p.pPr.append(element(f'<w:rPr><w:del w:id="35" {TRACKED}/></w:rPr>'))
        number(
            document.add_paragraph(
                "tjänstebilar med Bilpool Väst AB, dnr TN 2024/81, Driftchef Karin Ahl, 2024-02-12."
            ),
            numbering=listed,
        )
        number(document.add_paragraph(sentence(ITEMS[1])), numbering=listed)
        document.add_heading(AFTER, level=1)
        document.add_paragraph(AFTER_TEXT)

    document = tmp_path / "lista.docx"
    document.write_bytes(word(build))
    lines = lines_of(document.read_bytes())
    assert lines[lines.index(HEADING) + 1 :][:2] == [
        "1. Avtal om leasing av tjänstebilar med Bilpool Väst AB, dnr TN 2024/81, Driftchef "
        "Karin Ahl, 2024-02-12.",
        f"2. {sentence(ITEMS[1])}",
    ]
    # Located by the paragraph that keeps its mark, as python-docx counts the paragraphs.
    at = next(
        at
        for at, paragraph in enumerate(docx.Document(str(document)).paragraphs, start=1)
        if paragraph.text.startswith("tjänstebilar")
    )
    found = imported(delreg, document)
    assert [(d["diary_number"], d["subject"], d["source"]) for d in found][:1] == [
        ("TN 2024/81", "leasing av tjänstebilar", f"{document}#paragraph={at}")
    ]


def test_headers_footers_and_comments_are_not_read() -> None:
    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        paragraph = document.add_paragraph(sentence(ITEMS[0]), style="List Number")
        document.add_comment(
            paragraph.runs, text="Kolla dnr TN 2024/902 med registrator", author="Registrator"
        )

    text = "\n".join(lines_of(word(build)))
    assert ITEMS[0][0] in text
    for furniture in (HEADER, FOOTER, "TN 2024/902", "Registrator"):
        assert furniture not in text and furniture.split("dnr ")[-1] not in text


def test_content_controls_hyperlinks_and_field_results_are_read_field_codes_are_not() -> None:
    def build(document: Any) -> None:
        raw_paragraph(
            document,
            run("Dnr ") + f"<w:sdt><w:sdtPr><w:alias w:val='Diarienummer'/></w:sdtPr><w:sdtContent>"
            f"{run('TN 2024/60')}</w:sdtContent></w:sdt>"
            + run("\u00a0– ")
            + f'<w:hyperlink w:anchor="beslut">{run("Avtal om snöröjning")}</w:hyperlink>'
            + run(", beslutat ")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + '<w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy-MM-dd" </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + run("2024-02-12")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>dold text</w:t></w:r>",
        )

    assert lines_of(word(build, furniture=False))[-1] == (
        "Dnr TN 2024/60\u00a0– Avtal om snöröjning, beslutat 2024-02-12"
    )


# What a template's content control shows while nothing was filled in (Word's own prompt).
PROMPT = "Klicka eller tryck här för att ange text."


def prompting(content: str, *, shown: bool = True) -> str:
    """A content control holding ``content``: its placeholder where ``shown``."""
    flag = "<w:showingPlcHdr/>" if shown else ""
    return f"<w:sdt><w:sdtPr>{flag}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def test_a_content_control_showing_its_placeholder_is_not_read(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    # A case system's template leaves its prompts where the secretary wrote nothing: after an
    # item (which took its delegate and date away from it), as a paragraph of its own, and
    # in a table's cell, by a control inside the cell or one around it.
    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        for entry in ITEMS[:2]:
            raw_paragraph(
                document, run(sentence(entry) + " ") + prompting(run(PROMPT))
            ).style = "List Number"
        body = document.element.body
        body.insert(len(body) - 1, element(prompting(f"<w:p>{run(PROMPT)}</w:p>")))
        table = filled_table(document, [(entry[0], sentence(entry), "") for entry in ITEMS[2:]])
        table.rows[0].cells[2].paragraphs[0]._p.append(element(prompting(run(PROMPT))))
        table.rows[1].cells[2].text = PROMPT
        cell = table.rows[1].cells[2]._tc
        cell.addprevious(element(prompting("")))
        control = cell.getprevious()
        control[-1].append(cell)
        document.add_heading(AFTER, level=1)
        document.add_paragraph(AFTER_TEXT)

    document = tmp_path / "lista.docx"
    document.write_bytes(word(build))
    lines = lines_of(document.read_bytes())
    assert not any("Klicka" in line for line in lines)
    found = imported(delreg, document)
    assert [(d["diary_number"], d["delegate"], d["decided_on"]) for d in found] == [
        (diary, delegate, decided) for diary, _, delegate, decided in ITEMS
    ]
    # A control whose text was filled in is read.
    filled = word(lambda d: raw_paragraph(d, prompting(run("TN 2024/60"), shown=False)))
    assert lines_of(filled)[-1] == "TN 2024/60"


def field(code: str, result: str) -> str:
    """A complex field as Word writes it: its code, then its result, in runs of their own."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_what_stands_inline_in_a_paragraph_is_read_as_word_shows_it(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    hyphen = "<w:r><w:noBreakHyphen/></w:r>"
    items = [
        # A content control, a hyperlink and a smart tag hold text that shows as it is.
        run("Tilldelningsbeslut i upphandling av ")
        + f'<w:hyperlink w:anchor="upphandling">{run("vinterväghållning")}</w:hyperlink>'
        + run(", dnr ")
        + f"<w:sdt><w:sdtPr><w:alias w:val='Dnr'/></w:sdtPr><w:sdtContent>{run('TN 2024/31')}"
        + "</w:sdtContent></w:sdt>"
        + run(", Upphandlingschef ")
        + f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="PersonName">'
        f"{run('Sara Öhman')}</w:smartTag>" + run(", 2024-01-19."),
        # Custom XML, a simple field's result, a date written with non-breaking hyphens.
        f'<w:customXml w:element="arende">{run("Anställning av enhetschef vid gatuenheten")}'
        "</w:customXml>"
        + run(", dnr ")
        + f'<w:fldSimple w:instr=" DOCPROPERTY Diarienummer ">{run("TN 2024/44")}</w:fldSimple>'
        + run(", Förvaltningschef Nils Berg, 2024")
        + hyphen
        + run("01")
        + hyphen
        + run("24."),
        # A complex field whose code holds another field (its result no text either), a
        # symbol from the Symbol font, and runs written twice in markup compatibility.
        run("Avtal med Lärkbo Maskin AB om hyra av hjullastare, dnr TN 2024")
        + '<w:r><w:sym w:font="Symbol" w:char="F02F"/></w:r>'
        + run("52, ")
        + field(
            ' IF "" = "" "TN 2023/1" '
            + "</w:instrText></w:r>"
            + field(" DATE ", run("2099-12-31"))
            + '<w:r><w:instrText xml:space="preserve"> ',
            run("Driftchef Karin Ahl"),
        )
        + '<mc:AlternateContent><mc:Choice Requires="w14">'
        + run(", 2024-02-02.")
        + "</mc:Choice><mc:Fallback>"
        + run(", 2024-02-02.")
        + "</mc:Fallback></mc:AlternateContent>",
        # A soft line break (Shift+Enter): the item goes on in the next line.
        run("Yttrande till länsstyrelsen om strandskydd vid Norrsjön, dnr TN 2024/58,")
        + "<w:r><w:br/></w:r>"
        + run("Miljöchef Olle Dahl, 2024-02-09."),
    ]

    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        for runs in items:
            raw_paragraph(document, runs).style = "List Number"
        document.add_heading(AFTER, level=1)
        document.add_paragraph(AFTER_TEXT)

    document = tmp_path / "lista.docx"
    document.write_bytes(word(build))
    text = agenda_text().replace("TN 2024/58, ", "TN 2024/58,\n")
    read_as_text(delreg, database, document, text)
    lines = lines_of(document.read_bytes())
    for entry in ITEMS[:3]:
        assert any(line.endswith(sentence(entry)) for line in lines), entry
    assert "Miljöchef Olle Dahl, 2024-02-09." in lines
    assert "2099" not in "\n".join(lines) and "TN 2023/1" not in "\n".join(lines)


def test_fields_hyphens_and_tabs_as_a_case_system_merges_them_read_as_word_shows_them(
    delreg: Invoke, tmp_path: Path
) -> None:
    # A case system's merge: the diary number a link to the case (a HYPERLINK field), the
    # delegate a MERGEFIELD, the date a DATE field, each read by its result; a soft hyphen
    # in a long word (shown only where the line breaks), a non-breaking hyphen in the
    # number, a tab between the number and the subject.
    soft, hard, tab = (
        "<w:r><w:softHyphen/></w:r>",
        "<w:r><w:noBreakHyphen/></w:r>",
        "<w:r><w:tab/></w:r>",
    )
    link = ' HYPERLINK "https://diarium.example/arende?dnr=TN%202024%2F31" \\o "Öppna ärendet" '
    runs = (
        field(link, run("TN 2024") + hard + run("31"))
        + tab
        + run("Tilldelningsbeslut i upphandling av vinterväg")
        + soft
        + run("hållning, ")
        + field(" MERGEFIELD Delegat \\* MERGEFORMAT ", run("Upphandlingschef Sara Öhman"))
        + run(", ")
        + field(' DATE \\@ "yyyy-MM-dd" ', run("2024-01-19"))
        + run(".")
    )

    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        raw_paragraph(document, runs).style = "List Number"

    document = tmp_path / "lista.docx"
    document.write_bytes(word(build))
    assert (
        "1. TN 2024-31\tTilldelningsbeslut i upphandling av vinterväghållning, Upphandlingschef "
        "Sara Öhman, 2024-01-19." in lines_of(document.read_bytes())
    )
    (found,) = imported(delreg, document)
    assert (found["diary_number"], found["delegate"], found["decided_on"]) == (
        "TN 2024-31",
        "Upphandlingschef Sara Öhman",
        "2024-01-19",
    )


def test_a_web_page_or_word_document_imported_where_it_stands_is_read_there(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    def with_page(document: Any) -> None:
        page = agenda_html().encode("cp1252")
        alt_chunk(document, "afchunk1.htm", page, "text/html")

    def with_word(document: Any) -> None:
        docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        alt_chunk(document, "afchunk2.docx", numbered_docx(), docx)

    def with_mht(document: Any) -> None:
        # A page and its pictures in one MIME message, as Word's "Single File Web Page".
        from email.message import EmailMessage

        message = EmailMessage()
        message["MIME-Version"] = "1.0"
        message.make_related()
        message.add_related(
            agenda_html(), subtype="html", charset="windows-1252", cte="quoted-printable"
        )
        alt_chunk(document, "afchunk3.mht", message.as_bytes(), "message/rfc822")

    for name, build in (("sida", with_page), ("word", with_word), ("mht", with_mht)):
        document = tmp_path / f"lista-{name}.docx"
        document.write_bytes(word(build))
        found = read_as_text(delreg, database, document)
        # Located by the paragraph before the part: the title's.
        assert {decision["source"] for decision in found} == {f"{document}#paragraph=2"}


def test_an_imported_part_of_a_kind_not_read_is_named_and_its_size_is_bounded(
    delreg: Invoke, tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(document: Any) -> None:
        rtf = b"{\\rtf1\\ansi TN 2024/99 Avtal om st\\'e4dning\\par}"
        alt_chunk(document, "afchunk1.rtf", rtf, "application/rtf")
        document.add_heading(HEADING, level=1)
        document.add_paragraph(sentence(ITEMS[0]), style="List Number")

    document = tmp_path / "lista.docx"
    document.write_bytes(word(build))
    result = delreg("import", str(document), "--meeting", "2024-03-14")
    assert result.exit_code == 0, result.stderr
    assert (
        f"note: {document}: the part word/afchunk1.rtf it imports where it stands "
        "(altChunk, RTF) is not read" in result.stderr
    )
    assert [decision["diary_number"] for decision in imported(delreg, document)] == [ITEMS[0][0]]
    # The JSON summary names it too, and a page larger than [limits] document_bytes allows is
    # refused as the document's own parts are.
    database.unlink()
    result = delreg("import", str(document), "--meeting", "2024-03-14", "--json", "--dry-run")
    (unread,) = as_json(result)["inputs"][0]["unread"]
    assert "afchunk1.rtf" in unread

    def large(document: Any) -> None:
        page = agenda_html().replace("<body>", "<body>" + " " * 2_000_000)
        alt_chunk(document, "afchunk1.htm", page.encode(), "text/html")

    config = tmp_path / "config.toml"
    config.write_text("[limits]\ndocument_bytes = 1000000\n", encoding="utf-8")
    monkeypatch.setenv("DELREG_CONFIG", str(config))
    document.write_bytes(word(large))
    result = delreg("import", str(document), "--meeting", "2024-03-14")
    assert result.exit_code == 2 and "unpacks to more than 1 000 000 bytes" in result.stderr


def test_line_breaks_and_tabs_stay_as_they_are() -> None:
    def build(document: Any) -> None:
        raw_paragraph(
            document,
            run("TN 2024/31")
            + "<w:r><w:tab/></w:r>"
            + run("Tilldelningsbeslut")
            + "<w:r><w:br/></w:r>"
            + run("Upphandlingschef Sara Öhman"),
        )

    assert lines_of(word(build, furniture=False))[-2:] == [
        "TN 2024/31\tTilldelningsbeslut",
        "Upphandlingschef Sara Öhman",
    ]


def test_word_numbers_are_written_as_word_shows_them() -> None:
    def build(document: Any) -> None:
        decimal = decimal_list(document)
        letters = decimal_list(document, text="%1)", style="lowerLetter")
        outline = decimal_list(document, text="%1.%1.")
        number(document.add_paragraph("Första"), numbering=decimal)
        number(document.add_paragraph("Under första"), numbering=decimal, level=1)
        number(document.add_paragraph("Andra under första"), numbering=decimal, level=1)
        number(document.add_paragraph("Andra"), numbering=decimal)
        number(document.add_paragraph("Under andra"), numbering=decimal, level=1)
        number(document.add_paragraph("Ett"), numbering=letters)
        number(document.add_paragraph("Två"), numbering=letters)
        number(document.add_paragraph("Avsnitt"), numbering=outline)
        document.add_paragraph("Punkt", style="List Bullet")
        document.add_paragraph("Utan nummer", style="List Number")
        number(document.add_paragraph("Nummer borttaget"), numbering="0")

    assert lines_of(word(build, furniture=False))[-11:] == [
        "1. Första",
        "  a) Under första",
        "  b) Andra under första",
        "2. Andra",
        "  a) Under andra",
        "a) Ett",
        "b) Två",
        "1.1. Avsnitt",  # a sub-item's number, as the agenda reader knows it
        "• Punkt",
        "1. Utan nummer",
        "Nummer borttaget",
    ]


def test_a_list_numbered_by_a_list_style_reads_as_word_shows_its_numbers(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    # A list style ("Delegeringslista") defined in one abstract numbering and used by
    # another, its first level started at 8 for this list, its second "%1.%2": Word shows
    # "8 Anmälan av delegationsbeslut", "8.1 …", "8.2 …", then "9 Övriga frågor".
    def build(document: Any) -> None:
        add_numbering(
            document,
            abstracts=[
                '<w:abstractNum w:abstractNumId="100"><w:styleLink w:val="Delegeringslista"/>'
                + level(0, "%1")
                + level(1, "%1.%2")
                + "</w:abstractNum>",
                '<w:abstractNum w:abstractNumId="101">'
                '<w:numStyleLink w:val="Delegeringslista"/></w:abstractNum>',
            ],
            lists=[
                '<w:num w:numId="100"><w:abstractNumId w:val="100"/></w:num>',
                '<w:num w:numId="101"><w:abstractNumId w:val="101"/><w:lvlOverride w:ilvl="0">'
                '<w:startOverride w:val="8"/></w:lvlOverride></w:num>',
            ],
        )
        points = "101"
        number(document.add_heading(HEADING.partition(" ")[2], level=1), numbering=points)
        for entry in ITEMS:
            number(document.add_paragraph(sentence(entry)), numbering=points, level=1)
        number(document.add_heading(AFTER.partition(" ")[2], level=1), numbering=points)
        document.add_paragraph(AFTER_TEXT)

    document = tmp_path / "lista.docx"
    document.write_bytes(word(build))
    text = "\n".join(
        [BOARD, TITLE, "", HEADING]
        + [f"8.{at} {sentence(entry)}" for at, entry in enumerate(ITEMS, start=1)]
        + ["", AFTER, AFTER_TEXT, ""]
    )
    read_as_text(delreg, database, document, text)
    assert [line.strip() for line in lines_of(document.read_bytes())][4:7] == [
        HEADING,
        f"8.1 {sentence(ITEMS[0])}",
        f"8.2 {sentence(ITEMS[1])}",
    ]


def test_numbers_without_a_full_stop_and_three_levels_deep_keep_every_item_apart(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    # Word shows "8", "8.1", "8.1.1 Tilldelningsbeslut …" (levels "%1", "%1.%2", "%1.%2.%3")
    # and, in a list of its own, "1 Yttrande …" ("%1", no full stop). Neither "8.1.1" nor a
    # bare "1" is an item's marker to the agenda reader: a bullet keeps each item apart, and
    # the group's number stays before its title.
    def build(document: Any) -> None:
        add_numbering(
            document,
            abstracts=[
                '<w:abstractNum w:abstractNumId="110">'
                + level(0, "%1", start=8)
                + level(1, "%1.%2")
                + level(2, "%1.%2.%3")
                + "</w:abstractNum>",
                f'<w:abstractNum w:abstractNumId="111">{level(0, "%1")}</w:abstractNum>',
            ],
            lists=[
                f'<w:num w:numId="{at}"><w:abstractNumId w:val="{at}"/></w:num>'
                for at in (110, 111)
            ],
        )
        number(document.add_heading(HEADING.partition(" ")[2], level=1), numbering="110")
        for group, entries in (("plan- och bygglagen", ITEMS[:2]), ("miljöbalken", ITEMS[2:])):
            number(document.add_paragraph(f"Beslut enligt {group}"), numbering="110", level=1)
            for entry in entries:
                number(document.add_paragraph(sentence(entry)), numbering="110", level=2)
        number(document.add_heading(AFTER.partition(" ")[2], level=1), numbering="110")
        document.add_paragraph(AFTER_TEXT)

    def bare(document: Any) -> None:
        listed = decimal_list(document, text="%1")
        document.add_heading(HEADING, level=1)
        for entry in ITEMS:
            number(document.add_paragraph(sentence(entry)), numbering=listed)
        document.add_heading(AFTER, level=1)

    for make in (build, bare):
        document = tmp_path / f"{make.__name__}.docx"
        document.write_bytes(word(make))
        lines = [line.strip() for line in lines_of(document.read_bytes()) if line.strip()]
        assert HEADING in lines and AFTER in lines
        assert [line for line in lines if line.startswith("•")] == [
            f"• {sentence(entry)}" for entry in ITEMS
        ]
        if make is build:
            assert "8.1 Beslut enligt plan- och bygglagen" in lines
            assert "8.2 Beslut enligt miljöbalken" in lines
        found = imported(delreg, document)
        database.unlink()
        assert [(d["diary_number"], d["delegate"], d["decided_on"]) for d in found] == [
            (diary, delegate, decided) for diary, _, delegate, decided in ITEMS
        ]


def test_word_number_formats_restarts_and_styled_levels_are_as_word_shows_them() -> None:
    def build(document: Any) -> None:
        add_numbering(
            document,
            abstracts=[
                # "01.", its second level never starting again ("a)" "b)" across points).
                '<w:abstractNum w:abstractNumId="102">'
                + level(0, "%1.", style="decimalZero")
                + level(1, "%2)", style="lowerLetter", extra='<w:lvlRestart w:val="0"/>')
                + "</w:abstractNum>",
                # "I." and, numbered the legal way, "1.1" below it.
                '<w:abstractNum w:abstractNumId="103">'
                + level(0, "%1.", style="upperRoman")
                + level(1, "%1.%2", extra="<w:isLgl/>")
                + level(2, "%3.", style="upperLetter")
                + "</w:abstractNum>",
                # Headings numbered by their styles, each style taking its level.
                '<w:abstractNum w:abstractNumId="104">'
                + level(0, "§ %1", start=8, extra='<w:pStyle w:val="Heading1"/>')
                + level(1, "%1.%2", extra='<w:pStyle w:val="Heading2"/>')
                + "</w:abstractNum>",
            ],
            lists=[
                f'<w:num w:numId="{at}"><w:abstractNumId w:val="{at}"/></w:num>'
                for at in (102, 103, 104)
            ],
        )
        for text, at in (("Ett", 0), ("Under ett", 1), ("Två", 0), ("Under två", 1)):
            number(document.add_paragraph(text), numbering="102", level=at)
        for text, at in (("Romersk", 0), ("Laglig", 1), ("Bokstav", 2), ("liten", 1)):
            number(document.add_paragraph(text), numbering="103", level=at)
        for style in ("Heading 1", "Heading 2"):
            properties = document.styles[style].element.get_or_add_pPr()
            properties.append(element('<w:numPr><w:numId w:val="104"/></w:numPr>'))
        document.add_heading("Anmälan av delegationsbeslut", level=1)
        document.add_heading("Beslut enligt socialtjänstlagen", level=2)

    assert [line for line in lines_of(word(build, furniture=False)) if line][-10:] == [
        "01. Ett",
        "  a) Under ett",
        "02. Två",
        "  b) Under två",
        "I. Romersk",
        "  1.1 Laglig",
        "    A. Bokstav",
        # "1.2" before a small letter is no sub-item to the agenda reader: a bullet keeps the
        # item apart.
        "  • liten",
        "§ 8 Anmälan av delegationsbeslut",
        "  8.1 Beslut enligt socialtjänstlagen",
    ]


def test_a_cell_merged_down_stands_in_each_row_it_spans_and_a_row_written_on_is_one_row(
    delreg: Invoke, tmp_path: Path
) -> None:
    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        rows = [
            ("Område", "Dnr", "Ärende", "Delegat", "Datum"),
            ("Personal", "TN 2024/44", "Anställning av enhetschef vid gatuenheten",
             "Förvaltningschef Nils Berg", "2024-01-24"),
            ("", "TN 2024/45", "Anställning av arbetsledare vid parkenheten", "", "2024-01-26"),
            ("Avtal", "TN 2024/52", "Avtal med Lärkbo Maskin AB om hyra av",
             "Driftchef Karin Ahl", "2024-02-02"),
            ("", "", "hjullastare för vinterväghållning", "", ""),
        ]  # fmt: skip
        table = filled_table(document, rows, style="Table Grid")
        # "Personal" and its delegate stand beside both its rows: each merged down.
        table.cell(1, 0).merge(table.cell(2, 0))
        table.cell(1, 3).merge(table.cell(2, 3))
        # The subject's cell a line break apart, and the last row going on with it, the
        # delegate's cell merged down into it (the same cell: its text once).
        table.cell(3, 2).paragraphs[0].runs[0].add_break()
        table.cell(3, 2).paragraphs[0].add_run("(vinter 2024)")
        table.cell(3, 3).merge(table.cell(4, 3))
        # The head's "Ärende" over two columns: its text once, the columns after it in place.
        table.cell(0, 2).merge(table.cell(0, 3))

    document = tmp_path / "lista.docx"
    document.write_bytes(word(build))
    lines = lines_of(document.read_bytes())
    table = [line for line in lines if line.startswith("|")]
    assert table == [
        "| Område | Dnr | Ärende Delegat | Datum |",
        "| Personal | TN 2024/44 | Anställning av enhetschef vid gatuenheten "
        "| Förvaltningschef Nils Berg | 2024-01-24 |",
        "| Personal | TN 2024/45 | Anställning av arbetsledare vid parkenheten "
        "| Förvaltningschef Nils Berg | 2024-01-26 |",
        "| Avtal | TN 2024/52 | Avtal med Lärkbo Maskin AB om hyra av (vinter 2024) "
        "hjullastare för vinterväghållning | Driftchef Karin Ahl | 2024-02-02 |",
    ]
    found = imported(delreg, document)
    assert [(d["diary_number"], d["delegate"], d["decided_on"]) for d in found] == [
        ("TN 2024/44", "Förvaltningschef Nils Berg", "2024-01-24"),
        ("TN 2024/45", "Förvaltningschef Nils Berg", "2024-01-26"),
        ("TN 2024/52", "Driftchef Karin Ahl", "2024-02-02"),
    ]
    assert found[2]["source"] == f"{document}#table=1:row=4"
    assert "hjullastare för vinterväghållning" in found[2]["subject"]


def test_a_word_table_with_its_head_repeated_a_table_in_a_cell_and_breaks_reads_each_row(
    delreg: Invoke, tmp_path: Path
) -> None:
    # The head marked to repeat on each page (w:tblHeader) and typed again halfway down, who
    # decided in a table of its own in the cell, a subject broken by a line break (w:br).
    head = "".join(f"<w:tc><w:p>{run(name)}</w:p></w:tc>" for name in TABLE_HEADER[1:])
    nested = (
        f"<w:tbl><w:tr><w:tc><w:p>{run('Driftchef')}</w:p></w:tc></w:tr>"
        f"<w:tr><w:tc><w:p>{run('Karin Ahl')}</w:p></w:tc></w:tr></w:tbl><w:p/>"
    )
    rows = [tracked_row(*map(run, entry)) for entry in ITEMS]
    diary, subject, _, decided = ITEMS[2]
    first, _, rest = subject.partition(" om ")
    rows[2] = (
        f"<w:tr><w:tc><w:p>{run(diary)}</w:p></w:tc><w:tc><w:p>{run(first)}<w:r><w:br/></w:r>"
        f"{run('om ' + rest)}</w:p></w:tc><w:tc>{nested}</w:tc>"
        f"<w:tc><w:p>{run(decided)}</w:p></w:tc></w:tr>"
    )
    table = (
        f"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>{''.join(rows[:2])}"
        f"<w:tr>{head}</w:tr>{''.join(rows[2:])}</w:tbl>"
    )

    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        body = document.element.body
        body.insert(len(body) - 1, element(table))
        document.add_heading(AFTER, level=1)

    document = tmp_path / "lista.docx"
    document.write_bytes(word(build))
    assert f"| {diary} | {subject} | Driftchef Karin Ahl | {decided} |" in lines_of(
        document.read_bytes()
    )
    found = imported(delreg, document)
    assert [(d["diary_number"], d["delegate"], d["decided_on"]) for d in found] == [
        (diary, delegate, decided) for diary, _, delegate, decided in ITEMS
    ]
    assert [d["source"].rpartition("#")[2] for d in found] == [
        "table=1:row=2", "table=1:row=3", "table=1:row=5", "table=1:row=6"
    ]  # fmt: skip


def test_a_cell_merged_down_over_thousands_of_rows_is_written_again_within_a_bound() -> None:
    from delreg.parse.document_lines import DocumentLines

    lines = DocumentLines()
    written = [lines.merged_down("x" * 1000) for _ in range(3000)]
    # Two million characters are written again; after that the cell stands in its first row.
    assert sum(map(len, written)) == 2_000_000 and written[-1] == ""


# --- what of an OpenDocument text is read, and how ---------------------------------------


def test_an_opendocument_text_leaves_out_deletions_notes_and_comments() -> None:
    body = (
        "<text:tracked-changes><text:changed-region text:id='ct1'><text:deletion>"
        "<office:change-info><dc:creator>Registrator</dc:creator></office:change-info>"
        "<text:p>Avtal med Borttagna AB, dnr TN 2024/77</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<text:h text:outline-level='1'>8 Anmälan av delegationsbeslut</text:h>"
        "<text:p>TN 2024/31<text:tab/>Tilldelningsbeslut<text:s text:c='2'/>i upphandling"
        "<text:change text:change-id='ct1'/><text:line-break/>"
        "<text:span>Upphandlingschef</text:span> <text:a xlink:href='#x' "
        "xmlns:xlink='http://www.w3.org/1999/xlink'>Sara Öhman</text:a>"
        "<text:note text:note-class='footnote'><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>Se dnr TN 2024/903</text:p></text:note-body></text:note>"
        "<office:annotation><dc:creator>Registrator</dc:creator>"
        "<text:p>Kolla TN 2024/904</text:p></office:annotation></text:p>"
    )
    assert odt_lines_of(odt(body)) == [
        "8 Anmälan av delegationsbeslut",
        "TN 2024/31\tTilldelningsbeslut  i upphandling",
        "Upphandlingschef Sara Öhman",
    ]


def test_opendocument_lists_and_tables() -> None:
    def item(text: str, inner: str = "") -> str:
        return f"<text:list-item>{odt_paragraph(text)}{inner}</text:list-item>"

    nested = f"<text:list>{item('Under första')}{item('Andra under första')}</text:list>"
    body = (
        f"<text:list text:style-name='L1'>{item('Första', nested)}{item('Andra')}</text:list>"
        "<text:p>Mellan listorna</text:p>"
        f"<text:list text:style-name='L1' text:continue-numbering='true'>{item('Tredje')}"
        "</text:list>"
        f"<text:list text:style-name='L2'>{item('Punkt')}</text:list>"
        "<table:table><table:table-column table:number-columns-repeated='3'/>"
        "<table:table-header-rows><table:table-row>"
        "<table:table-cell table:number-columns-spanned='2'><text:p>Dnr och ärende</text:p>"
        "</table:table-cell><table:covered-table-cell/>"
        "<table:table-cell><text:p>Datum</text:p></table:table-cell>"
        "</table:table-row></table:table-header-rows>"
        "<table:table-row><table:table-cell table:number-rows-spanned='2'>"
        "<text:p>Personal</text:p></table:table-cell>"
        "<table:table-cell><text:p>TN 2024/44 Anställning<text:line-break/>av enhetschef</text:p>"
        "</table:table-cell><table:table-cell><text:p>2024-01-24</text:p></table:table-cell>"
        "</table:table-row><table:table-row><table:covered-table-cell/>"
        "<table:table-cell><text:p>TN 2024/45 Anställning av arbetsledare</text:p>"
        "</table:table-cell><table:table-cell><text:p>2024-01-26</text:p></table:table-cell>"
        "</table:table-row></table:table>"
    )
    assert odt_lines_of(odt(body)) == [
        "1. Första",
        "  a) Under första",
        "  b) Andra under första",
        "2. Andra",
        "Mellan listorna",
        "3. Tredje",
        "• Punkt",
        "",
        "| Dnr och ärende | Datum |",
        "| Personal | TN 2024/44 Anställning av enhetschef | 2024-01-24 |",
        "| Personal | TN 2024/45 Anställning av arbetsledare | 2024-01-26 |",
        "",
    ]


def test_an_opendocument_list_in_a_frame_is_read_with_its_numbers_spaces_and_breaks(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    one, two, three, four = (sentence(entry) for entry in ITEMS)

    def item(text: str, *, start: str = "") -> str:
        return f"<text:list-item{start}><text:p>{text}</text:p></text:list-item>"

    deleted = "Avtal med Borttagna AB om städning, dnr TN 2024/77, 2024-02-05."
    lists = (
        # Spaces and a soft page break as LibreOffice writes them; a tab; a line break.
        "<text:list xml:id='lista1' text:style-name='L1'>"
        + item(one.replace(" av ", " av<text:s/>").replace("beslut ", "beslut<text:s/> ", 1))
        + "<text:list-item><text:soft-page-break/><text:p>"
        + two.replace("dnr ", "dnr<text:tab/>")
        + "</text:p></text:list-item></text:list><text:p/>"
        # Numbering goes on after the empty paragraph; a deleted item is only a change mark.
        + "<text:list text:style-name='L1' text:continue-numbering='true'>"
        + item(three.replace("hjullastare, ", "hjullastare,<text:line-break/>"))
        + "</text:list><text:p><text:change text:change-id='ct1'/></text:p>"
        + "<text:list text:style-name='L1' text:continue-list='lista1'>"
        + item(four, start=" text:start-value='4'")
        + "</text:list>"
    )
    body = (
        "<text:tracked-changes><text:changed-region xml:id='ct1' text:id='ct1'><text:deletion>"
        "<office:change-info><dc:creator>Registrator</dc:creator></office:change-info>"
        f"<text:list text:style-name='L1'>{item(deleted)}</text:list>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        + odt_paragraph(BOARD)
        + odt_paragraph(TITLE)
        # The list in a text box anchored in an empty paragraph, the next point after it.
        + f"<text:p>{odt_frame(odt_paragraph(HEADING, heading=1) + lists)}</text:p>"
        + odt_paragraph(AFTER, heading=1)
        + odt_paragraph(AFTER_TEXT)
    )
    document = tmp_path / "lista.odt"
    document.write_bytes(odt(body))
    items = [
        "1. " + one.replace("beslut ", "beslut  ", 1),
        "2. " + two.replace("dnr ", "dnr\t"),
        "",
        "3. " + three.replace("hjullastare, ", "hjullastare,\n"),
        "",
        "4. " + four,
    ]
    text = "\n".join([BOARD, TITLE, "", HEADING, *items, "", AFTER, AFTER_TEXT, ""])
    found = read_as_text(delreg, database, document, text)
    assert {decision["source"] for decision in found} == {f"{document}#paragraph=3"}
    assert "TN 2024/77" not in "\n".join(odt_lines_of(document.read_bytes()))


def test_an_opendocument_table_with_merged_and_nested_cells_reads_as_the_list(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    covered = "<table:covered-table-cell/>"
    rows = [[odt_cell(text) for text in TABLE_HEADER]]
    for position, (diary, subject, delegate, decided) in enumerate(ITEMS, start=1):
        row = [odt_cell(str(position)), odt_cell(diary), odt_cell(subject)]
        rows.append([*row, odt_cell(delegate), odt_cell(decided)])
    # A title over the whole table, its cell spanning the others (covered); who decided in a
    # table of its own in the cell; a soft page break between rows.
    rows.insert(0, [odt_cell("Delegationsbeslut", spanned=5)] + [covered] * 4)
    diary, subject, delegate, decided = ITEMS[1]
    title, name = delegate.split(" ", 1)
    rows[3][3] = (
        f"<table:table-cell>{odt_table([[odt_cell(title), odt_cell(name)]])}</table:table-cell>"
    )
    table = odt_table(rows).replace(
        "</table:table-row><table:table-row>",
        "</table:table-row><text:soft-page-break/><table:table-row>",
    )
    body = (
        odt_paragraph(BOARD)
        + odt_paragraph(TITLE)
        + odt_paragraph(HEADING, heading=1)
        + table
        + odt_paragraph(AFTER, heading=1)
        + odt_paragraph(AFTER_TEXT)
    )
    document = tmp_path / "lista.odt"
    document.write_bytes(odt(body))
    lines = odt_lines_of(document.read_bytes())
    assert f"| 2 | {diary} | {subject} | {delegate} | {decided} |" in lines
    assert "| Delegationsbeslut |" in lines
    found = read_as_text(delreg, database, document)
    assert [d["source"] for d in found] == [f"{document}#table=1:row={at}" for at in range(3, 7)]


def test_an_opendocument_cell_merged_down_stands_in_each_row_and_changes_read_as_shown(
    delreg: Invoke, tmp_path: Path
) -> None:
    document = tmp_path / "lista.odt"
    document.write_bytes(merged_table_odt())
    assert [line for line in odt_lines_of(document.read_bytes()) if line.startswith("|")] == [
        "| Dnr | Ärende | Delegat | Datum |",
        f"| TN 2024/31 | {ITEMS[0][1]} | Driftchef Karin Ahl | 2024-01-19 |",
        f"| TN 2024/44 | {ITEMS[1][1]} | Driftchef Karin Ahl | 2024-01-24 |",
        "| TN 2024/52 | Avtal med Lärkbo Maskin AB om hyra av hjullastare "
        "| Miljöchef Olle Dahl 2024-02-09 |",
        f"| TN 2024/58 | {ITEMS[3][1]} | Miljöchef Olle Dahl 2024-02-09 |",
    ]
    found = imported(delreg, document)
    assert [(d["diary_number"], d["delegate"], d["decided_on"]) for d in found] == list(
        MERGED_TABLE_DECISIONS
    )


def test_an_opendocument_point_numbered_by_its_list_keeps_its_number_over_its_items(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    document = tmp_path / "lista.odt"
    document.write_bytes(sub_numbered_odt())
    assert [line.strip() for line in odt_lines_of(document.read_bytes())][3:6] == [
        HEADING,  # "8 Anmälan av delegationsbeslut", not a bullet before it
        f"8.1 {sentence(ITEMS[0])}",
        f"8.2 {sentence(ITEMS[1])}",
    ]
    read_as_text(delreg, database, document, sub_numbered_text())


def test_opendocument_headings_numbered_by_the_heading_numbering_keep_their_numbers(
    delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    document = tmp_path / "lista.odt"
    document.write_bytes(outline_numbered_odt())
    lines = odt_lines_of(document.read_bytes())
    assert HEADING in lines and AFTER in lines
    read_as_text(delreg, database, document)


# --- telling a word processor's document from its name and its first bytes -----------------


def _pptx() -> bytes:
    """The start of a PowerPoint file: its content types name a presentation."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/ppt/presentation.xml" ContentType="'
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
            '"/></Types>',
        )
        package.writestr("ppt/presentation.xml", "<p:presentation/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "detected"),
    [
        ("lista.docx", numbered_docx, "docx"),
        ("lista.odt", agenda_odt, "odt"),
        # The name lies: the package's content types or mimetype say what it is.
        ("lista.txt", numbered_docx, "docx"),
        ("lista.pdf", numbered_docx, "docx"),
        ("lista.xlsx", numbered_docx, "docx"),
        ("lista.docx", agenda_odt, "odt"),
        ("lista.zip", agenda_odt, "odt"),
        ("-", numbered_docx, "docx"),
        ("-", agenda_odt, "odt"),
    ],
)
def test_a_word_document_and_an_opendocument_text_are_told_by_their_content(
    name: str, make: Callable[[], bytes], detected: str
) -> None:
    assert detect_format(name, make()[:HEAD_BYTES]) == detected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bilder.pptx", _pptx, "is a PowerPoint file"),
        ("bilder.docx", _pptx, "is a PowerPoint file"),
        ("ritning.odg", lambda: odt("", mimetype=ODG), "is an OpenDocument drawing"),
        ("ritning.odt", lambda: odt("", mimetype=ODG), "is an OpenDocument drawing"),
        ("arkiv.zip", lambda: b"PK\x03\x04" + bytes(100), "is a zip archive"),
    ],
)
def test_other_packages_are_still_refused(
    name: str, content: Callable[[], bytes], message: str, delreg: Invoke, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match=message):
        detect_format(name, content()[:HEAD_BYTES])
    path = tmp_path / name
    path.write_bytes(content())
    result = delreg("import", str(path))
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "hint: save it as PDF or text" in result.stderr


def test_import_format_docx_and_odt_read_what_they_name(delreg: Invoke, tmp_path: Path) -> None:
    # Named as neither: --format says what it is.
    for fmt, make in (("docx", numbered_docx), ("odt", agenda_odt)):
        path = tmp_path / f"lista-{fmt}.bin"
        path.write_bytes(make())
        result = delreg("import", str(path), "--format", fmt, "--dry-run")
        assert result.exit_code == 0, result.stderr
        assert f"read {len(ITEMS)} items" in result.stderr
    # A document of another kind is refused by its first bytes.
    result = delreg("import", str(tmp_path / "lista-docx.bin"), "--format", "pdf")
    assert result.exit_code == 2 and "is not a PDF" in result.stderr
    # An encrypted Word document is an OLE file whatever it is named.
    protected = tmp_path / "skyddad.bin"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    result = delreg("import", str(protected), "--format", "docx")
    assert result.exit_code == 2 and "probably protected by a password" in result.stderr


# --- bad input: one line naming the file, exit 2, the register as it was ---------------------

ODG = "application/vnd.oasis.opendocument.graphics"
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
)
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _with_prologue(prologue: str) -> bytes:
    document = numbered_docx()
    body = body_xml(document)
    start = body.index("<w:document")
    body = prologue + body[start:].replace("TN 2024/31", "TN 2024/31 &c; &x;")
    return replaced_part(document, "word/document.xml", body.encode("utf-8"))


def _encrypted_odt() -> bytes:
    manifest = (
        '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
        'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"'
        ' manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1"'
        ' manifest:checksum="AAAA"/></manifest:file-entry></manifest:manifest>'
    )
    return replaced_part(agenda_odt(), "META-INF/manifest.xml", manifest.encode())


BAD: dict[str, tuple[Callable[[], bytes], str]] = {
    "trasig.docx": (lambda: b"PK\x03\x04" + bytes(200), "is not a readable zip package"),
    "avklippt.docx": (lambda: numbered_docx()[:3000], "is not a readable zip package"),
    "avklippt.odt": (lambda: agenda_odt()[:400], "is not a readable zip package"),
    "utan-dokument.docx": (
        lambda: replaced_part(numbered_docx(), "word/document.xml", None),
        "without a Word document in it (no word/document.xml)",
    ),
    "utan-innehåll.odt": (
        lambda: replaced_part(agenda_odt(), "content.xml", None),
        "without an OpenDocument text in it (no content.xml)",
    ),
    "skyddad.docx": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
        "is a Word document probably protected by a password",
    ),
    "skyddad.odt": (_encrypted_odt, "is protected by a password"),
    "skratt.docx": (lambda: _with_prologue(BILLION_LAUGHS), "declares XML entities"),
    "extern.docx": (lambda: _with_prologue(EXTERNAL), "declares XML entities"),
    "extern.odt": (
        lambda: odt("<text:p>&x;</text:p>", prologue=EXTERNAL[21:].replace("w:document", "x")),
        "declares XML entities",
    ),
    "trasig-xml.docx": (
        lambda: replaced_part(numbered_docx(), "word/document.xml", b"<w:document><w:body>"),
        "is not well-formed XML",
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_document_is_one_line_naming_it_and_the_register_is_untouched(
    name: str, delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    assert delreg("add", "--kind", "beslut", "--diary-number", "TN 2024/1",
                  "--subject", "tidigare beslut").exit_code == 0  # fmt: skip
    before = snapshot(database)
    make, message = BAD[name]
    path = tmp_path / name
    path.write_bytes(make())
    result = delreg("import", str(path), "--meeting", "2024-03-14")
    assert result.exit_code == 2, result.stderr
    error, hint = result.stderr.splitlines()
    assert error.startswith(f"delreg: error: {path}") and message in error, error
    assert hint.startswith("hint: ") and "Traceback" not in result.stderr
    assert "root:" not in result.stderr and "passwd" not in result.stderr
    assert snapshot(database) == before


def _bomb(size: int) -> bytes:
    """A Word document whose body unpacks to ``size`` bytes of spaces: a few KB zipped."""
    document = numbered_docx()
    body = body_xml(document).replace("<w:body>", "<w:body>" + " " * size, 1)
    return replaced_part(document, "word/document.xml", body.encode())


def _lying(document: bytes, part: str, declared: int) -> bytes:
    """``document`` with ``part``'s size told as ``declared`` in both of the zip's headers."""
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        info = package.getinfo(part)
    told = struct.pack("<III", info.CRC, info.compress_size, info.file_size)
    assert document.count(told) == 2
    return document.replace(told, struct.pack("<III", info.CRC, info.compress_size, declared))


def test_a_zip_bomb_is_refused_by_the_document_limit(
    delreg: Invoke, database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[limits]\ndocument_bytes = 1000000\n", encoding="utf-8")
    monkeypatch.setenv("DELREG_CONFIG", str(config))
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_bomb(5_000_000))
    assert bomb.stat().st_size < 60_000
    result = delreg("import", str(bomb))
    assert result.exit_code == 2, result.stderr
    assert "unpacks to more than 1 000 000 bytes" in result.stderr
    assert "[limits] document_bytes" in result.stderr
    assert not database.exists()
    # A part that says it is small is read no further than it says: it is then damaged.
    liar = tmp_path / "liar.docx"
    liar.write_bytes(_lying(_bomb(5_000_000), "word/document.xml", 2000))
    result = delreg("import", str(liar))
    assert result.exit_code == 2, result.stderr
    assert "has a damaged part word/document.xml" in result.stderr
    assert not database.exists()
    # Within the limit, the same document is read.
    within = tmp_path / "within.docx"
    within.write_bytes(_bomb(500_000))
    assert delreg("import", str(within), "--dry-run").exit_code == 0


# --- the same documents as LibreOffice saves them -------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _convert(command: str, folder: Path, to: str, paths: list[Path]) -> list[Path]:
    # A profile of its own: LibreOffice refuses to start beside another instance's profile.
    profile = folder / "lo-profile"
    out = folder / to
    subprocess.run(
        [command, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
         "--outdir", str(out), *map(str, paths)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return [out / f"{path.stem}.{to}" for path in paths]


def _decisions(path: Path) -> list[tuple[object, ...]]:
    from delreg.config import load_config
    from delreg.importer import read_input
    from delreg.model import Decision

    records = read_input(str(path), fmt="auto", config=load_config(), meeting_year=2024)
    return [
        (record.diary_number, record.decided_on, record.delegate, record.kind, record.subject,
         record.parties, record.source.rpartition("#")[2] if record.source else None)
        for record in records
        if isinstance(record, Decision)
    ]  # fmt: skip


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_what_libreoffice_saves_of_our_documents_reads_the_same(tmp_path: Path) -> None:
    assert SOFFICE is not None
    ours = []
    for name, make in (("numrerad", numbered_docx), ("tabell", table_docx)):
        path = tmp_path / f"{name}.docx"
        path.write_bytes(make())
        ours.append(path)
    as_odt = _convert(SOFFICE, tmp_path, "odt", ours)
    again = _convert(SOFFICE, tmp_path, "docx", as_odt)
    for mine, odt_file, docx_file in zip(ours, as_odt, again, strict=True):
        expected = _decisions(mine)
        assert [decision[0] for decision in expected] == [item[0] for item in ITEMS]
        assert _decisions(odt_file) == expected
        assert _decisions(docx_file) == expected
        # LibreOffice's own packages are told by their content under any name.
        for converted, kind in ((odt_file, "odt"), (docx_file, "docx")):
            assert detect_format("lista.bin", converted.read_bytes()[:HEAD_BYTES]) == kind


@pytest.mark.parametrize(
    "name", ["textruta.odt", "textruta.docx", "lista.docx", "underpunkter.docx"]
)
def test_what_libreoffice_wrote_reads_as_the_same_list_as_text(
    name: str, delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    # Committed (tests.helpers.libreoffice_documents says how they were made): LibreOffice
    # writes a Word text box in an .odt as a shape holding the list, and in a .docx its own way.
    document = tmp_path / name
    document.write_bytes((FIXTURES / "word" / name).read_bytes())
    text = sub_numbered_text() if name.startswith("underpunkter") else ""
    found = read_as_text(delreg, database, document, text)
    where = "paragraph=3" if name.startswith("textruta") else None
    assert where is None or {d["source"] for d in found} == {f"{document}#{where}"}
    kind = name.rpartition(".")[2]
    assert detect_format("lista.bin", document.read_bytes()[:HEAD_BYTES]) == kind


@pytest.mark.parametrize("name", ["sammanfogad.odt", "sammanfogad.docx"])
def test_a_table_merged_and_changed_in_libreoffice_reads_each_rows_delegate(
    name: str, delreg: Invoke, tmp_path: Path
) -> None:
    # Committed (tests.helpers.libreoffice_documents): merged_table_odt as LibreOffice saves
    # it, its own way and as Word (w:vMerge, w:gridSpan, w:ins and w:del in a cell).
    document = tmp_path / name
    document.write_bytes((FIXTURES / "word" / name).read_bytes())
    text = "\n".join((odt_lines_of if name.endswith(".odt") else lines_of)(document.read_bytes()))
    assert "TN 2024/50" not in text  # the number struck out
    found = imported(delreg, document)
    assert [(d["diary_number"], d["delegate"], d["decided_on"]) for d in found] == list(
        MERGED_TABLE_DECISIONS
    )


@pytest.mark.parametrize("listed", [False, True], ids=["typed-numbers", "google-list"])
def test_a_google_docs_export_reads_as_the_same_list_as_text(
    listed: bool, delreg: Invoke, tmp_path: Path, database: Path
) -> None:
    document = tmp_path / "lista.docx"
    document.write_bytes(google_docs_docx(listed=listed))
    read_as_text(delreg, database, document)
    assert detect_format("lista.bin", document.read_bytes()[:HEAD_BYTES]) == "docx"


def test_a_numbered_heading_keeps_its_number_as_word_shows_it() -> None:
    def build(document: Any) -> None:
        # The agenda's eighth point: the list starts at 8.
        paragraphs = decimal_list(document, text="§ %1", start=8)
        number(document.add_heading("Anmälan av delegationsbeslut", level=1), numbering=paragraphs)
        number(document.add_paragraph("Punkt som inte är en rubrik"), numbering=paragraphs)

    assert lines_of(word(build, furniture=False))[-3:] == [
        "",
        "§ 8 Anmälan av delegationsbeslut",
        "• Punkt som inte är en rubrik",  # "§ 9" is no item marker: a bullet keeps it apart
    ]


def test_a_word_document_on_standard_input_is_told_by_its_content(delreg: Invoke) -> None:
    result = delreg("import", "-", "--dry-run", input=numbered_docx())
    assert result.exit_code == 0, result.stderr
    assert f"read {len(ITEMS)} items from <stdin>: {len(ITEMS)} decisions" in result.stderr


def test_a_table_of_contents_is_not_read() -> None:
    from docx.enum.style import WD_STYLE_TYPE

    def build(document: Any) -> None:
        document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
        document.add_paragraph(f"{HEADING}\t4", style="toc 1")
        document.add_paragraph(f"{AFTER}\t5", style="toc 1")
        document.add_heading(HEADING, level=1)
        document.add_paragraph(sentence(ITEMS[0]), style="List Number")

    lines = lines_of(word(build, furniture=False))
    assert [line for line in lines if HEADING in line or AFTER in line] == [HEADING]


def test_opendocument_white_space_is_collapsed_as_the_standard_says() -> None:
    body = (
        "<text:p>\n  TN 2024/31\n    Tilldelningsbeslut<text:s text:c='3'/>i  upphandling\n"
        "</text:p>"
    )
    assert odt_lines_of(odt(body)) == ["TN 2024/31 Tilldelningsbeslut   i upphandling"]


def test_an_opendocument_header_and_footer_are_not_read() -> None:
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-styles '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        "<office:master-styles><style:master-page style:name='Standard'>"
        f"<style:header><text:p>{HEADER}</text:p></style:header>"
        f"<style:footer><text:p>{FOOTER}</text:p></style:footer>"
        "</style:master-page></office:master-styles></office:document-styles>"
    )
    lines = odt_lines_of(odt(odt_paragraph(sentence(ITEMS[0])), styles=styles))
    assert lines == [sentence(ITEMS[0])]


def test_a_row_filled_but_for_its_diary_number_is_not_joined_to_the_row_above() -> None:
    def build(document: Any) -> None:
        filled_table(
            document,
            [
                ("Dnr", "Ärende", "Delegat", "Datum"),
                ("TN 2024/31", "Avtal med Lärkbo Maskin AB", "Driftchef Karin Ahl", "2024-02-02"),
                ("", "Avtal med Norrby Bygg AB", "Driftchef Karin Ahl", "2024-02-05"),
            ],
        )

    assert [line for line in lines_of(word(build, furniture=False)) if line][-2:] == [
        "| TN 2024/31 | Avtal med Lärkbo Maskin AB | Driftchef Karin Ahl | 2024-02-02 |",
        "|  | Avtal med Norrby Bygg AB | Driftchef Karin Ahl | 2024-02-05 |",
    ]


def test_a_row_with_its_own_diary_number_and_no_first_cell_is_no_row_written_on() -> None:
    # The day's cell empty in the second and third rows: the second names a party where the
    # first names none, the third only its own diary number beside the first's. Taken for the
    # first row written on, each ran into it and its decision was lost; a row that only goes
    # on with the first's subject stays part of it.
    rows = [
        ["Datum", "Dnr", "Ärende", "Motpart", "Beslutsfattare", "Anmärkning"],
        ["2024-02-05", "SN 2024/312", "Avtal om köp av platser på HVB-hem", "", "Socialchef",
         "4 kap. 1 § SoL"],
        ["", "SN 2024/313", "Avtal om tolktjänster", "Tolkförmedlingen Norr AB",
         "Enhetschef IFO", ""],
        ["", "SN 2024/314", "Yttrande till tingsrätten", "", "Enhetschef IFO", ""],
        ["2024-02-09", "SN 2024/315", "Avtal om hyra av", "", "Socialchef", ""],
        ["", "", "korttidsboende", "", "", ""],
    ]  # fmt: skip

    def build(document: Any) -> None:
        document.add_paragraph(HEADING)
        filled_table(document, rows, style="Table Grid")

    lines = [line for line in lines_of(word(build, furniture=False)) if line.startswith("|")]
    assert [line.split(" | ")[1] for line in lines[1:]] == [
        "SN 2024/312",
        "SN 2024/313",
        "SN 2024/314",
        "SN 2024/315",
    ]
    assert "Avtal om hyra av korttidsboende" in lines[-1]
