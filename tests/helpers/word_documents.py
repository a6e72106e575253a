"""Invented agendas as a word processor saves them: Word documents made with python-docx and
OpenDocument texts written with zipfile, each holding the same list of delegation decisions as
the agenda text ``agenda_text()`` (a numbered list, or a table). Every name and number here is
made up.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from typing import Any

BOARD = "Tekniska nämnden, Åsby kommun"
TITLE = "Kallelse till sammanträde 2024-03-14"
HEADING = "8 Anmälan av delegationsbeslut"
AFTER = "9 Övriga frågor"
AFTER_TEXT = "Inga övriga frågor har anmälts."
# Running furniture that names a diary number of its own: never a decision.
HEADER = "Tekniska nämnden – kallelse, dnr TN 2024/900"
FOOTER = "Sida 1 (2) – dnr TN 2024/901"

# (diary number, subject, who decided, decided on)
Entry = tuple[str, str, str, str]
ITEMS: tuple[Entry, ...] = (
    ("TN 2024/31", "Tilldelningsbeslut i upphandling av vinterväghållning",
     "Upphandlingschef Sara Öhman", "2024-01-19"),
    ("TN 2024/44", "Anställning av enhetschef vid gatuenheten", "Förvaltningschef Nils Berg",
     "2024-01-24"),
    ("TN 2024/52", "Avtal med Lärkbo Maskin AB om hyra av hjullastare",
     "Driftchef Karin Ahl", "2024-02-02"),
    ("TN 2024/58", "Yttrande till länsstyrelsen om strandskydd vid Norrsjön",
     "Miljöchef Olle Dahl", "2024-02-09"),
)  # fmt: skip
TABLE_HEADER = ("Nr", "Dnr", "Ärende", "Delegat", "Datum")


def sentence(entry: Entry) -> str:
    diary, subject, delegate, decided = entry
    return f"{subject}, dnr {diary}, {delegate}, {decided}."


def agenda_text(items: Sequence[Entry] = ITEMS) -> str:
    lines = [BOARD, TITLE, "", HEADING]
    lines += [f"{number}. {sentence(entry)}" for number, entry in enumerate(items, start=1)]
    return "\n".join([*lines, "", AFTER, AFTER_TEXT, ""])


# --- Word ------------------------------------------------------------------------------------


def _saved(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def word(build: Callable[[Any], None], *, furniture: bool = True) -> bytes:
    """A Word document: the board, the title, then what ``build`` adds to the document;
    a header and a footer naming diary numbers of their own where ``furniture``."""
    from docx import Document

    document = Document()
    if furniture:
        section = document.sections[0]
        section.header.paragraphs[0].text = HEADER
        section.footer.paragraphs[0].text = FOOTER
    document.add_paragraph(BOARD)
    document.add_paragraph(TITLE, style="Title")
    build(document)
    return _saved(document)


def numbered_docx(items: Sequence[Entry] = ITEMS, *, by: str = "style") -> bytes:
    """The list as Word numbers it: by the "List Number" style (``by="style"``) or by a
    numbering of the paragraph's own (``by="paragraph"``, as Word's numbering button does)."""

    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        for entry in items:
            if by == "style":
                document.add_paragraph(sentence(entry), style="List Number")
            else:
                number(document.add_paragraph(sentence(entry)), numbering=decimal_list(document))
        document.add_heading(AFTER, level=1)
        document.add_paragraph(AFTER_TEXT)

    return word(build)


def filled_table(document: Any, rows: Sequence[Sequence[str]], *, style: str | None = None) -> Any:
    """A python-docx table added to ``document``, each cell holding its text of ``rows``."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]), style=style)
    for cells, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, texts, strict=True):
            cell.text = text
    return table


def table_docx(items: Sequence[Entry] = ITEMS) -> bytes:
    """The list as a table with a head: number, diary number, subject, who, when."""

    def build(document: Any) -> None:
        document.add_heading(HEADING, level=1)
        table = document.add_table(rows=1, cols=len(TABLE_HEADER), style="Table Grid")
        for cell, text in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
            cell.text = text
        for position, (diary, subject, delegate, decided) in enumerate(items, start=1):
            cells = table.add_row().cells
            for cell, text in zip(
                cells, (f"{position}", diary, subject, delegate, decided), strict=True
            ):
                cell.text = text
        document.add_heading(AFTER, level=1)
        document.add_paragraph(AFTER_TEXT)

    return word(build)


# The namespaces of a drawing's and a VML shape's text box, besides Word's own.
_DRAWING_NAMESPACES = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def element(xml: str) -> Any:
    """A piece of WordprocessingML (its ``w:`` prefix declared, and those of a drawing) as
    python-docx's element."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    name_end = min(at for at in (xml.find(" "), xml.find(">"), xml.find("/>")) if at >= 0)
    declared = f"{nsdecls('w', 'wp', 'a')} {_DRAWING_NAMESPACES}"
    return parse_xml(f"{xml[:name_end]} {declared}{xml[name_end:]}")


def text_box(content: str, *, number: int = 1) -> str:
    """A run holding a text box whose content is ``content`` (paragraphs, tables), as Word
    writes it: a drawing for Word 2010 and later, and the same box again as VML for older
    programs, which only one of is to be read."""
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{number}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        f'</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
        f'</wp:posOffset></wp:positionV><wp:extent cx="5400000" cy="1800000"/>'
        f'<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="{number}" name="Textruta {number}"/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>'
        f"<w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        f"</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>"
        f'<w:pict><v:shape id="Textruta {number}" type="#_x0000_t202" style="width:425pt;'
        f'height:142pt"><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox>'
        f"</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def alt_chunk(document: Any, name: str, data: bytes, content_type: str) -> None:
    """A part imported where it stands (``w:altChunk``) added to the end of the body, as a
    case management system's template or a mail merge writes one: the part ``word/<name>``."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    part = Part(PackURI(f"/word/{name}"), content_type, data, document.part.package)
    relation = document.part.relate_to(part, RELATIONSHIP_TYPE.A_F_CHUNK)
    placeholder = document.add_paragraph()._p
    placeholder.addprevious(element(f'<w:altChunk r:id="{relation}"/>'))
    placeholder.getparent().remove(placeholder)


def agenda_html(items: Sequence[Entry] = ITEMS) -> str:
    """The list as a web page (a numbered list under its heading)."""
    entries = "".join(f"<li>{_escaped(sentence(entry))}</li>" for entry in items)
    return (
        '<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Kallelse</title></head>'
        f"<body><h2>{HEADING}</h2><ol>{entries}</ol>"
        f"<h2>{AFTER}</h2><p>{AFTER_TEXT}</p></body></html>"
    )


def styled(text: str, style: str) -> str:
    """A paragraph of WordprocessingML in the style ``style`` (its id: "ListNumber")."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run(text)}</w:p>'


_DECIMAL = "delreg-decimal"


def decimal_list(
    document: Any, *, text: str = "%1.", style: str = "decimal", start: int = 1
) -> str:
    """The id of a list numbered "1.", "2." … (or as ``text`` and ``style`` say) added to the
    document's numbering once for each shape."""
    numbering = document.part.numbering_part.element
    key = f"{_DECIMAL}-{style}-{text}-{start}"
    for num in numbering.findall(f"{{{_W}}}num"):
        if num.get(f"{{{_W}}}key") == key:
            return str(num.get(f"{{{_W}}}numId"))
    abstract_id = 9000 + len(numbering.findall(f"{{{_W}}}abstractNum"))
    num_id = 9000 + len(numbering.findall(f"{{{_W}}}num"))
    abstract = element(
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="0">'
        f'<w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{style}"/><w:lvlText w:val="{text}"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        f'<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
    )
    # Word wants every abstract numbering before the first list that uses one.
    first_num = numbering.find(f"{{{_W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = element(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    num.set(f"{{{_W}}}key", key)  # found again by it; Word ignores what it does not know
    numbering.append(num)
    return str(num_id)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_numbering(document: Any, *, abstracts: Sequence[str], lists: Sequence[str]) -> None:
    """Abstract numberings and lists (``w:abstractNum``, ``w:num`` as WordprocessingML) added
    to the document's numbering as Word orders them: every abstract before the first list."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{_W}}}num")
    for abstract in abstracts:
        if first_num is not None:
            first_num.addprevious(element(abstract))
        else:
            numbering.append(element(abstract))
    for listed in lists:
        numbering.append(element(listed))


def level(at: int, text: str, *, style: str = "decimal", start: int = 1, extra: str = "") -> str:
    """A level of an abstract numbering (``w:lvl``): its number's text ("%1.%2") and style."""
    return (
        f'<w:lvl w:ilvl="{at}"><w:start w:val="{start}"/><w:numFmt w:val="{style}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def number(paragraph: Any, *, numbering: str, level: int = 0) -> Any:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        element(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{numbering}"/></w:numPr>')
    )
    return paragraph


def body_xml(document: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        return package.read("word/document.xml").decode("utf-8")


def replaced_part(document: bytes, name: str, content: bytes | None) -> bytes:
    """The package with its part ``name`` replaced by ``content`` (left out where None)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(document)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename == name:
                if content is not None:
                    target.writestr(name, content)
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


# --- Google Docs ---------------------------------------------------------------------------

_GOOGLE_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:styles xmlns:w="{_W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" '
    'w:hAnsi="Arial"/><w:sz w:val="22"/><w:lang w:val="sv"/></w:rPr></w:rPrDefault>'
    "</w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="normal"/>'
    "<w:qFormat/></w:style>"
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext w:val="1"/>'
    '<w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    "</w:style></w:styles>"
)
# Google's lists: nine levels each, numbers "1." then "a." then "i.", bullets "●" "○" "■".
_GOOGLE_NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:numbering xmlns:w="{_W}"><w:abstractNum w:abstractNumId="1">'
    + "".join(
        f'<w:lvl w:ilvl="{at}"><w:start w:val="1"/><w:numFmt w:val="{style}"/>'
        f'<w:lvlText w:val="%{at + 1}."/><w:lvlJc w:val="left"/><w:pPr><w:ind '
        f'w:left="{720 * (at + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for at, style in enumerate(["decimal", "lowerLetter", "lowerRoman"] * 3)
    )
    + '</w:abstractNum><w:abstractNum w:abstractNumId="2">'
    + "".join(
        f'<w:lvl w:ilvl="{at}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:lvlText w:val="{shape}"/></w:lvl>'
        for at, shape in enumerate(["●", "○", "■"] * 3)
    )
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num></w:numbering>'
)


def google_docs_docx(items: Sequence[Entry] = ITEMS, *, listed: bool = False) -> bytes:
    """The list as Google Docs exports a document as .docx: plain paragraphs in its "Normal"
    style (no style named on them), a heading by its style, each paragraph its runs with
    their fonts, a bookmark about a heading; the numbers typed by hand and no numbering
    part, or (``listed``) the numbers of a Google list and its numbering part."""

    def paragraph(text: str, style: str = "", numbered: bool = False) -> str:
        properties = f'<w:pStyle w:val="{style}"/>' if style else ""
        if numbered:
            properties += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        runs = (
            f'<w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:rtl w:val="0"/></w:rPr>'
            f'<w:t xml:space="preserve">{_escaped(text)}</w:t></w:r>'
        )
        bookmark = (
            f'<w:bookmarkStart w:colFirst="0" w:colLast="0" w:name="_heading=h.{len(text)}"'
            ' w:id="0"/><w:bookmarkEnd w:id="0"/>'
            if style == "Heading1"
            else ""
        )
        spacing = '<w:spacing w:after="0" w:before="0"/>'
        return f"<w:p><w:pPr>{spacing}{properties}</w:pPr>{bookmark}{runs}</w:p>"

    entries = [
        paragraph(sentence(entry), numbered=True)
        if listed
        else paragraph(f"{at}. {sentence(entry)}")
        for at, entry in enumerate(items, start=1)
    ]
    body = "".join(
        [
            paragraph(BOARD),
            paragraph(TITLE, "Title"),
            paragraph(HEADING, "Heading1"),
            *entries,
            paragraph(AFTER, "Heading1"),
            paragraph(AFTER_TEXT),
        ]
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:h="16834" w:w="11909"/>'
        "</w:sectPr></w:body></w:document>"
    )
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {"styles": ("styles.xml", _GOOGLE_STYLES)}
    if listed:
        parts["numbering"] = ("numbering.xml", _GOOGLE_NUMBERING)
    relations = "".join(
        f'<Relationship Id="rId{at}" Type="{office}/{kind}" Target="{target}"/>'
        for at, (kind, (target, _)) in enumerate(parts.items(), start=1)
    )
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = "".join(
        f'<Override PartName="/word/{target}" ContentType="{main}.{kind}+xml"/>'
        for kind, (target, _) in parts.items()
    )
    package_rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    out = io.BytesIO()
    # Google's order: the parts of the document first, the content types last.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for target, content in parts.values():
            package.writestr(f"word/{target}", content)
        package.writestr("word/document.xml", document)
        package.writestr(
            "word/_rels/document.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package_rels}">'
            f"{relations}</Relationships>",
        )
        package.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package_rels}">'
            f'<Relationship Id="rId1" Type="{office}/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="xml" ContentType="application/'
            'xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/>{overrides}<Override PartName="/word/document.xml" '
            f'ContentType="{main}.document.main+xml"/></Types>',
        )
    return out.getvalue()


# --- OpenDocument ----------------------------------------------------------------------------

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
_ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xml="http://www.w3.org/XML/1998/namespace" '
    'office:version="1.3"'
)
# A numbered list style ("1.", then "a)" inside it), as LibreOffice's "Numbering 123" writes.
ODT_LIST_STYLES = (
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>'
    '<text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/>'
    "</text:list-style>"
    '<text:list-style style:name="L2">'
    '<text:list-level-style-bullet text:level="1" text:bullet-char="•"/>'
    "</text:list-style>"
)


def odt(
    body: str,
    *,
    automatic_styles: str = ODT_LIST_STYLES,
    mimetype: str = ODT_MIMETYPE,
    prologue: str = "",
    styles: str | None = None,
) -> bytes:
    """A minimal OpenDocument text whose ``office:text`` holds ``body`` (ODF's XML), written
    as the standard asks: the mimetype first and stored, then the manifest and the content."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prologue}'
        f"<office:document-content {_ODT_NAMESPACES}>"
        f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), mimetype, zipfile.ZIP_STORED)
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        if styles is not None:
            package.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def odt_paragraph(text: str, *, heading: int = 0) -> str:
    if heading:
        return f'<text:h text:outline-level="{heading}">{_escaped(text)}</text:h>'
    return f"<text:p>{_escaped(text)}</text:p>"


def odt_frame(content: str, *, anchor: str = "paragraph") -> str:
    """A frame holding a text box whose content is ``content`` (paragraphs, lists, tables),
    as LibreOffice writes one (Insert ▸ Text Box, or a frame)."""
    return (
        f'<draw:frame draw:name="Ram1" text:anchor-type="{anchor}" svg:width="16cm" '
        f'svg:height="6cm" draw:z-index="0"><draw:text-box>{content}</draw:text-box>'
        "</draw:frame>"
    )


def odt_table(rows: Sequence[Sequence[str]]) -> str:
    """A table, each row its cells' XML (``<table:table-cell>`` … or a covered cell)."""
    body = "".join(f"<table:table-row>{''.join(row)}</table:table-row>" for row in rows)
    columns = max(len(row) for row in rows)
    return (
        f'<table:table table:name="Tabell1"><table:table-column '
        f'table:number-columns-repeated="{columns}"/>{body}</table:table>'
    )


def odt_cell(text: str, *, spanned: int = 1) -> str:
    span = f' table:number-columns-spanned="{spanned}"' if spanned > 1 else ""
    return f"<table:table-cell{span}><text:p>{_escaped(text)}</text:p></table:table-cell>"


# The agenda's points numbered by a list from 8, their items "8.1", "8.2" below them.
ODT_POINT_STYLES = (
    '<text:list-style style:name="L3">'
    '<text:list-level-style-number text:level="1" style:num-format="1" text:start-value="8"/>'
    '<text:list-level-style-number text:level="2" style:num-format="1" '
    'text:display-levels="2"/></text:list-style>'
)


def sub_numbered_odt(items: Sequence[Entry] = ITEMS) -> bytes:
    """The list as LibreOffice numbers an agenda's point and its items: the heading an item
    of a numbered list ("8"), the decisions a list inside it ("8.1", "8.2" …)."""
    entries = "".join(
        f"<text:list-item>{odt_paragraph(sentence(entry))}</text:list-item>" for entry in items
    )
    point = odt_paragraph(HEADING.partition(" ")[2], heading=1)
    body = (
        odt_paragraph(BOARD)
        + odt_paragraph(TITLE)
        + f'<text:list text:style-name="L3"><text:list-item>{point}'
        + f"<text:list>{entries}</text:list></text:list-item></text:list>"
        + odt_paragraph(AFTER, heading=1)
        + odt_paragraph(AFTER_TEXT)
    )
    return odt(body, automatic_styles=ODT_POINT_STYLES)


def sub_numbered_text(items: Sequence[Entry] = ITEMS) -> str:
    """The same list as text: the point "8", its items "8.1", "8.2" …"""
    lines = [BOARD, TITLE, "", HEADING]
    lines += [f"8.{number} {sentence(entry)}" for number, entry in enumerate(items, start=1)]
    return "\n".join([*lines, "", AFTER, AFTER_TEXT, ""])


def outline_numbered_odt(items: Sequence[Entry] = ITEMS) -> bytes:
    """The list under headings numbered by LibreOffice's heading numbering (Tools ▸ Heading
    Numbering, from 8): "8 Anmälan av delegationsbeslut", "9 Övriga frågor"."""
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-styles '
        f"{_ODT_NAMESPACES}><office:styles>"
        '<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" '
        'style:num-format="1" text:start-value="8"/><text:outline-level-style text:level="2" '
        'style:num-format=""/></text:outline-style>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" '
        'style:family="paragraph" style:default-outline-level="1"/>'
        "</office:styles></office:document-styles>"
    )
    entries = "".join(
        f"<text:list-item>{odt_paragraph(sentence(entry))}</text:list-item>" for entry in items
    )

    def heading(text: str) -> str:
        style = 'text:style-name="Heading_20_1" text:outline-level="1"'
        return f"<text:h {style}>{_escaped(text.partition(' ')[2])}</text:h>"

    body = (
        odt_paragraph(BOARD)
        + odt_paragraph(TITLE)
        + heading(HEADING)
        + f'<text:list text:style-name="L1">{entries}</text:list>'
        + heading(AFTER)
        + odt_paragraph(AFTER_TEXT)
    )
    return odt(body, styles=styles)


def agenda_odt(items: Sequence[Entry] = ITEMS) -> bytes:
    """The list as LibreOffice numbers it: a list of the numbered list style."""
    entries = "".join(
        f"<text:list-item>{odt_paragraph(sentence(entry))}</text:list-item>" for entry in items
    )
    body = (
        odt_paragraph(BOARD)
        + odt_paragraph(TITLE)
        + odt_paragraph(HEADING, heading=1)
        + f'<text:list text:style-name="L1">{entries}</text:list>'
        + odt_paragraph(AFTER, heading=1)
        + odt_paragraph(AFTER_TEXT)
    )
    return odt(body)


# (diary number, who decided, decided on) of each decision of ``merged_table_odt``.
MERGED_TABLE_DECISIONS = (
    ("TN 2024/31", "Driftchef Karin Ahl", "2024-01-19"),
    ("TN 2024/44", "Driftchef Karin Ahl", "2024-01-24"),
    ("TN 2024/52", "Miljöchef Olle Dahl", "2024-02-09"),
    ("TN 2024/58", "Miljöchef Olle Dahl", "2024-02-09"),
)


def merged_table_odt() -> bytes:
    """The list as a table as a secretary edits it in LibreOffice: who decided written once
    beside two decisions (its cell spans two rows, the cell below covered), who and when in
    one cell merged down beside the next two across their columns; a tracked deletion and
    insertion in a diary number; a soft page break inside a subject."""
    covered = "<table:covered-table-cell/>"

    def spanning(text: str, *, rows: int, columns: int = 1) -> str:
        across = f' table:number-columns-spanned="{columns}"' if columns > 1 else ""
        return (
            f'<table:table-cell table:number-rows-spanned="{rows}"{across}>'
            f"<text:p>{text}</text:p></table:table-cell>"
        )

    info = (
        "<office:change-info><dc:creator>Registrator</dc:creator>"
        "<dc:date>2024-03-01T10:15:00</dc:date></office:change-info>"
    )
    changed = (
        '<text:change-start text:change-id="ct2"/>TN 2024/52<text:change-end text:change-id="ct2"/>'
        '<text:change text:change-id="ct1"/>'
    )
    rows = [
        [odt_cell(text) for text in ("Dnr", "Ärende", "Delegat", "Datum")],
        [odt_cell("TN 2024/31"), odt_cell(ITEMS[0][1]), spanning("Driftchef Karin Ahl", rows=2),
         odt_cell("2024-01-19")],
        [odt_cell("TN 2024/44"), odt_cell(ITEMS[1][1]), covered, odt_cell("2024-01-24")],
        [f"<table:table-cell><text:p>{changed}</text:p></table:table-cell>",
         "<table:table-cell><text:p>Avtal med Lärkbo Maskin AB om hyra<text:soft-page-break/>"
         " av hjullastare</text:p></table:table-cell>",
         spanning("Miljöchef Olle Dahl 2024-02-09", rows=2, columns=2), covered],
        [odt_cell("TN 2024/58"), odt_cell(ITEMS[3][1]), covered, covered],
    ]  # fmt: skip
    body = (
        "<text:tracked-changes><text:changed-region text:id='ct1'><text:deletion>"
        f"{info}<text:p>TN 2024/50</text:p></text:deletion></text:changed-region>"
        f"<text:changed-region text:id='ct2'><text:insertion>{info}</text:insertion>"
        "</text:changed-region></text:tracked-changes>"
        + odt_paragraph(BOARD)
        + odt_paragraph(HEADING, heading=1)
        + odt_table(rows)
        + odt_paragraph(AFTER, heading=1)
    )
    return odt(body)


def raw_paragraph(document: Any, runs: str) -> Any:
    """A paragraph added to the document whose content is ``runs`` (WordprocessingML)."""
    paragraph = document.add_paragraph()
    for child in element(f"<w:p>{runs}</w:p>"):
        paragraph._p.append(child)
    return paragraph


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{_escaped(text)}</w:t></w:r>'


def text_box_docx() -> bytes:
    """The list in a Word text box anchored in an empty paragraph, the next point after it."""
    inside = styled(HEADING, "Heading1") + "".join(
        styled(sentence(entry), "ListNumber") for entry in ITEMS
    )

    def build(document: Any) -> None:
        raw_paragraph(document, text_box(inside))
        document.add_heading(AFTER, level=1)
        document.add_paragraph(AFTER_TEXT)

    return word(build)
