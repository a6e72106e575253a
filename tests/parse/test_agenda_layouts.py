"""Other boards' layouts (issue 13) and the import's account of every item and line.

The invented documents under fixtures/agendas/layouts/ hold one layout each (the file name
starts with it): l1 a list with no heading, l4 a heading inside a long flattened line, l5
agenda numbers without a period and lettered sub-items, l6 items cut off before their diary
number, l7 prose, bare numbers and notes around the list, l8 every diary-number shape, l9 the
kind word first and who the decision concerns, l10 what registries print besides sentences (a
year and serial as the diary number, the date and who decided standing last, an item written
one field a line, a table with a numbered first column, rows that start with their diary
number under a table head and no heading, a protocol's page with its own diary number and
running head, rows under a field that each take it, the list's own number for each decision
before it, "beslutat DATE av X", items grouped under a title of a word or two, a table written
with pipes, "Kommundirektörens beslut DATE om …"), l11 what other boards write besides (the
day between the verb and the kind's phrase, who receives a grant, rows that end with their
number and the day under the title of who decided them, the margin's line numbers and words
broken over the lines of text copied from a PDF, more diary-number shapes, minutes'
paragraphs, decisions counted rather than named, who decided in parentheses, "Delegationsbeslut
DATE – …" on a web page, a title ending in -konsulent, fields in other orders, decisions
listed in one sentence between semicolons), l13 what other boards print besides (a point of
the delegationsordning first, cells wrapped under their column, rows between semicolons,
"beslut DATE" last, items lettered after the point's number), l14 what building,
environment and social boards' case systems print (who decided after the day, a property
designation in the subject), l15 a meeting system's page that links each decision's document
(its ending and size after its name, "Bilagor" under the heading), l16 what more boards write
(a delegate's title with the official's name above a group, a line leading into its items
without a colon, a sentence after the diary number, a building board's kind words, minutes'
paragraphs, groups under the delegationsordning's points, other ways to write a day), l17 tables
whose head names their columns in the board's own words, in any order ("Lagrum" after who
decided, "Anmärkning" last, the point of the delegationsordning in a column). Each is written
out below by hand: the items written into it, and what each must become. Nothing may be lost:
every item written is stored, rejected (with its line) or a notice, and the import says so.
"""

from __future__ import annotations

import json
import os
import sqlite3
import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delreg.config import Config, load_config
from delreg.model import Decision, Notice
from delreg.parse import Rejected
from delreg.parse.accounting import Account
from delreg.parse.agenda import read_agenda
from tests.helpers import FIXTURES, SEED, Invoke

AGENDAS = FIXTURES / "agendas"
LAYOUTS = AGENDAS / "layouts"


def _built_in_config() -> Config:
    with mock.patch.dict(os.environ, {"DELREG_CONFIG": str(AGENDAS / "no-such-config.toml")}):
        return load_config()


CONFIG = _built_in_config()


@dataclass(frozen=True)
class Layout:
    """What a document holds: its decisions (diary number, kind, parties), the lines of the
    items rejected, and the number of notices."""

    decisions: list[tuple[str, str, tuple[str, ...]]]
    rejected: list[int] = field(default_factory=list)
    notices: int = 0

    @property
    def written(self) -> int:
        return len(self.decisions) + len(self.rejected) + self.notices


NONE: tuple[str, ...] = ()
RUN = "RUN 2024/"
EXPECTED: dict[str, Layout] = {
    # A bulleted run among other agenda material, no heading; agenda points with their own Dnr.
    "l1_ruts_bullets.txt": Layout([
        ("RS 2024/411", "yttrande", NONE),
        ("RS 2024/392", "foretagsutvecklingsbidrag", ("Nordlyset Turism AB",)),
        ("RS 2024/371", "programbeslut", NONE),
        ("RS 2024/288", "byggnadsinvestering", NONE),
    ]),
    "l1_ks_dashes.txt": Layout([
        ("KS 2024/88", "anstallning", NONE),
        ("KS 2024/91", "yttrande", NONE),
        ("KS 2024/95", "vidaredelegering", NONE),
        ("KS 2024/99", "avtal", ("Älvdala Energi AB",)),
    ]),
    "l1_run_protocol.txt": Layout([
        (RUN + "1021", "foretagsutvecklingsbidrag", ("Fjällgården Konferens AB",)),
        (RUN + "1033", "forstudie", NONE),
        (RUN + "1040", "bidrag", ("Föreningen Österfjälls Hembygdsförbund",)),
        (RUN + "1052", "kollektivavtal", ("Kommunal",)),
        (RUN + "1060", "forordnande", NONE),
    ]),
    # Whole agenda points on one line.
    "l4_ks_flattened.txt": Layout([
        ("KS 2024/88", "anstallning", NONE),
        ("KS 2024/91", "yttrande", NONE),
        ("KS 2024/97", "avtal", ("Vallby Energi AB",)),
    ]),
    "l4_sn_lists.txt": Layout(
        [
            ("SN 2024/4", "bidrag", ("Föreningen Gläntan",)),
            ("SN 2024/7", "forordnande", NONE),
            ("SN 2024/11", "yttrande", NONE),
        ],
        rejected=[2],  # "4. Delegationslista äldreomsorg januari 2024": a list, no number
    ),
    "l4_run_inline_notices.txt": Layout(
        [
            ("BUN 2024/31", "beslut", NONE),
            ("BUN 2024/35", "anstallning", NONE),
            ("BUN 2024/38", "avtal", ("Nordanå Skolmåltider AB",)),
        ],
        notices=2,
    ),
    # "28 Anmälan av …" without a full stop; lettered items up to the next agenda number.
    "l5_sn_numbers.txt": Layout(
        [
            ("SN 2024/201", "yttrande", NONE),
            ("SN 2024/207", "forordnande", NONE),
            ("SN 2024/215", "bidrag", ("Föreningen Gläntan",)),
            ("SN 2024/219", "yttrande", NONE),
        ],
        notices=2,
    ),
    "l5_ks_lettered_lower.txt": Layout([
        ("KS 2024/301", "anstallning", NONE),
        ("KS 2024/305", "beslut", NONE),
        ("KS 2024/311", "yttrande", NONE),
        ("KS 2024/318", "beslut", NONE),
        ("KS 2024/322", "avtal", ("Vallby Schakt AB",)),
        ("KS 2024/325", "beslut", NONE),
    ]),
    "l5_rn_points.txt": Layout([
        ("RS 2024/2210", "beslut", NONE),
        ("RS 2024/2217", "yttrande", NONE),
        ("RS 2024/2231", "programbeslut", NONE),
        ("RS 2024/2240", "beslut", NONE),
    ]),
    # Items cut off at a page's end or an excerpt's: rejected, never glued on.
    "l6_unmarked_pdf.txt": Layout(
        [
            ("RS 2024/2201", "yttrande", NONE),
            ("RS 2024/2210", "foretagsutvecklingsbidrag", ("Nordlyset Turism AB",)),
            ("RS 2024/2231", "programbeslut", NONE),
            ("RS 2024/2240", "byggnadsinvestering", NONE),
        ],
        rejected=[8, 14],
    ),
    "l6_bullets_page_cut.txt": Layout(
        [
            ("RS 2024/1412", "yttrande", NONE),
            ("RS 2024/1418", "avtal", ("Österfjälls kommun",)),
            ("RS 2024/1433", "programbeslut", NONE),
            ("RS 2024/1440", "byggnadsinvestering", NONE),
        ],
        rejected=[9, 13],
    ),
    "l6_excerpt.txt": Layout(
        [("MBN 2024/511", "beslut", NONE), ("MBN 2024/517", "beslut", NONE)], rejected=[6]
    ),
    # A monthly report's paragraph, a reservation, a protocol note, bare numbers: no noise.
    "l7_bun_prose.txt": Layout([
        ("BUN 2024/140", "beslut", NONE),
        ("BUN 2024/151", "yttrande", NONE),
        ("BUN 2024/155", "anstallning", NONE),
    ]),
    "l7_monthly_report.txt": Layout(
        [("HSN 2024/880", "tilldelningsbeslut", NONE), ("HSN 2024/905", "kontrakt", NONE)],
        notices=1,
    ),
    "l7_numbers_furniture.txt": Layout(
        [("KS 2024/40", "beslut", NONE), ("KS 2024/44", "beslut", NONE)]
    ),
    # The diary-number shapes of about thirty organisations; a closing paragraph of non-numbers.
    "l8_shapes.txt": Layout([
        ("KA12/471", "bidrag", ("Föreningen Gläntan",)),
        ("RS 912-2025", "yttrande", NONE),
        ("2021/6", "beslut", NONE),
        ("SN 18/0098", "forordnande", NONE),
        ("BUN/2017:52-002", "beslut", NONE),
        ("SON 2018.0097", "beslut", NONE),
        ("LD11/02896", "anstallning", NONE),
        ("4468-2017", "bidrag", NONE),
        ("2024/KS 0107", "yttrande", NONE),
        ("MR 406/12", "beslut", NONE),
        ("106-156/2013", "beslut", NONE),
        ("002-443/05", "beslut", NONE),
        ("NST15-5", "beslut", NONE),
        ("KS/2018:60", "beslut", NONE),
        ("1.6-216/2013", "beslut", NONE),
        ("SON:2019/45", "beslut", NONE),
    ]),
    # The kind word first, then who it concerns; an unknown kind word kept as the kind.
    "l9_run_fields.txt": Layout(
        [
            (RUN + "301", "foretagsutvecklingsbidrag", ("Nordlyset Turism AB",)),
            (RUN + "305", "foretagsutvecklingsbidrag", ("Fjällgården Konferens AB",)),
            (RUN + "311", "bidrag", ("Föreningen Österfjälls Hembygdsförbund",)),
            (RUN + "320", "kollektivavtal", ("Vision",)),
            (RUN + "322", "vidaredelegering", NONE),
            (RUN + "330", "forordnande", NONE),
            (RUN + "333", "anstallning", NONE),
            (RUN + "340", "markanvisningsbeslut", ("Vallby Bostäder AB",)),
            (RUN + "345", "yttrande", NONE),
            (RUN + "350", "byggnadsinvestering", NONE),
            (RUN + "351", "programbeslut", NONE),
            (RUN + "355", "forstudie", NONE),
        ],
        notices=1,
    ),
    "l9_ks_columns.txt": Layout([
        ("KS 2024/610", "bidrag", ("Nordanå Idrottsförening",)),
        ("KS 2024/615", "kollektivavtal", ("Kommunal",)),
        ("KS 2024/619", "forordnande", NONE),
        ("KS 2024/622", "investeringsbeslut", NONE),
    ]),
    "l9_kinds_mixed.txt": Layout([
        ("KS 2024/701", "kollektivavtal", ("Vårdförbundet",)),
        ("KS 2024/705", "anstallning", NONE),
        ("KS 2024/708", "forordnande", NONE),
        ("KS 2024/712", "bidrag", ("Vallby Ridklubb ideell förening",)),
        ("KS 2024/715", "avtal", ("Nordanå kommun",)),
    ]),
    # What registries print besides the board's sentences.
    "l10_bun_year_serial.txt": Layout([
        ("2024-000102", "beslut", NONE),
        ("2024-000115", "beslut", NONE),
        ("2024-000121", "avtal", ("Lärborgen Förlag AB",)),
        ("2024-000130", "yttrande", NONE),
        ("2024-000133", "beslut", NONE),
    ]),
    "l10_sn_fields.txt": Layout(
        [
            ("SN 2024/0231", "tilldelningsbeslut", NONE),
            ("SN 2024/0240", "avtal", ("Städlaget i Norrvik AB",)),
            ("SN 2024/0255", "pub-avtal", ("Journalia Vård AB",)),
        ],
        rejected=[20],
    ),
    "l10_ks_table_rows.txt": Layout([
        ("KS/2024:145", "yttrande", NONE),
        ("KS/2024:151", "beslut", NONE),
        ("KS/2024:160", "forordnande", NONE),
        ("KS/2024:166", "avtal", NONE),
    ]),
    "l10_mbn_registry_rows.txt": Layout([
        ("MBN 2024-000231", "beslut", NONE),
        ("MBN 2024-000245", "beslut", NONE),
        ("MBN 2024-000260", "beslut", NONE),
        ("MBN 2024-000262", "beslut", NONE),
    ]),
    "l10_on_registry_cards.txt": Layout([
        ("ON 2024/0231", "tilldelningsbeslut", NONE),
        ("ON 2024/0240", "avtal", ("Städlaget i Norrvik AB",)),
    ]),
    "l10_ks_protocol_page.txt": Layout([
        ("KS 2024/45", "beslut", NONE),
        ("KS 2024/51", "beslut", NONE),
        ("KS 2024/57", "avtal", ("Vallby Städ AB",)),
    ]),
    # The paragraph's own Dnr and a sentence pointing to the attachment, which holds the list.
    "l10_ks_minutes_attachment.txt": Layout([
        ("KS 2024/45", "beslut", NONE),
        ("KS 2024/51", "beslut", NONE),
    ]),
    # A number and a title above the sentence; rows of numbers under a delegate's field.
    "l10_ks_titled_items.txt": Layout([
        ("KS 2024/45", "beslut", NONE),
        ("KS 2024/51", "beslut", NONE),
    ]),
    "l10_ks_delegate_groups.txt": Layout([
        ("KS 2024/45", "beslut", NONE),
        ("KS 2024/46", "yttrande", NONE),
        ("KS 2024/51", "beslut", NONE),
    ]),
    # Rows under "Delegat: …" each take the field; a date after a plain space ends a row.
    "l10_upph_groups_bare_dates.txt": Layout([
        ("UPN 2024/101", "tilldelningsbeslut", NONE),
        ("UPN 2024/102", "avtal", ("Norrviks Fönsterputs AB",)),
        ("UPN 2024/104", "beslut", NONE),
        ("UPN 2024/110", "yttrande", NONE),
        ("UPN 2024/112", "beslut", NONE),
    ]),
    # The list's own number for each decision first; "KS.2024.101" with dots.
    "l10_ks_decision_references.txt": Layout([
        ("KS.2024.101", "forordnande", NONE),
        ("KS-2024-108", "tilldelningsbeslut", NONE),
        ("KS 2024/0112", "yttrande", NONE),
    ]),
    # "beslutat DATE av X"; "dnr tn 2024/77" in lower case; a number at the tail's edge.
    "l10_tn_decided_by.txt": Layout([
        ("TN 2024/77", "tilldelningsbeslut", NONE),
        ("TN 2024/81", "beslut", NONE),
        ("TN 2024/85", "avtal", ("Vallby Asfalt AB",)),
        ("TN 2024/90", "yttrande", NONE),
    ]),
    # Items in groups under a title of a word or two ("Skolskjuts", "Personal").
    "l10_bun_group_titles.txt": Layout([
        ("BUN 2024/301", "beslut", NONE),
        ("BUN 2024/305", "beslut", NONE),
        ("BUN 2024/310", "anstallning", NONE),
    ]),
    # A table written with pipes, as wikis and Markdown write one.
    "l10_ks_pipe_table.txt": Layout([
        ("KS 2024/401", "avtal", ("Ljusdalsvägen Bygg AB",)),
        ("KS 2024/405", "yttrande", NONE),
    ]),
    # "Kommundirektörens beslut 2024-08-12 om …": who decided, then the day.
    "l10_ks_dated_by_title.txt": Layout([
        ("KS 2024/377", "forordnande", NONE),
        ("KS 2024/380", "beslut", NONE),
        ("KS 2024/383", "yttrande", NONE),
    ]),
    "l10_ks_paragraphs.txt": Layout([
        ("KS 2024/210", "yttrande", NONE),
        ("KS 2024/0188", "beslut", NONE),
    ]),
    "l10_tn_word_dates.txt": Layout(
        [
            ("TN 2024.0034", "beslut", NONE),
            ("TN 2024.0041", "tilldelningsbeslut", NONE),
            ("TN 2024.0047", "avtal", NONE),
            ("TN 2024.0050", "beslut", NONE),
        ],
        notices=1,
    ),
    # The day between the verb and the kind's phrase ("har fattat 2024-01-12 tilläggsbeslut").
    "l11_tn_day_after_verb.txt": Layout([
        ("TN 2024/12", "tillaggsbeslut", ("Bussbolaget AB",)),
        ("TN 2024/14", "tilldelningsbeslut", NONE),
        ("TN 2024/17", "avtal", ("Vallby Taxi AB",)),
    ]),
    # "bidrag till Föreningen Solrosen": who receives a grant; "till" before other words is not.
    "l11_kfn_grant_recipients.txt": Layout([
        ("KFN 2024/3", "bidrag", ("Föreningen Solrosen",)),
        ("KFN 2024/4", "bidrag", ("Vallby Schackklubb",)),
        ("KFN 2024/5", "beslut", ("Studieförbundet Norrljus",)),
        ("KFN 2024/6", "bidrag", ("Norrby IF",)),
        ("KFN 2024/7", "bidrag", NONE),
        ("KFN 2024/8", "yttrande", NONE),
    ]),
    # Rows that end with their number and the day, under the title of who decided them.
    "l11_bmn_rows_under_titles.txt": Layout([
        ("BYGG.2024.123", "beslut", NONE),
        ("MBN 2024-123", "beslut", NONE),
        ("B 2024-000456", "beslut", NONE),
        ("SBN/2024:88", "beslut", NONE),
    ]),
    # A region's items under the title of each delegate; procurement's own words.
    "l11_rs_delegate_headings.txt": Layout([
        ("RS 2024/310", "forordnande", NONE),
        ("RS 2024/318", "yttrande", NONE),
        ("RS 2024/322", "beslut", NONE),
        ("RS 2024/325", "beslut", NONE),
        ("RS 2024/330", "tilldelningsbeslut", NONE),
        ("RS 2024/333", "beslut", NONE),
        ("RS 2024/337", "avtal", ("Norrtvätt AB",)),
        ("RS 2024/340", "avtal", NONE),
        ("RS 2024/342", "beslut", NONE),
    ]),
    # Text copied from a PDF: each line's number in the margin, words broken over the lines.
    "l11_bun_margin_numbers.txt": Layout([
        ("BUN 2024/201", "tilldelningsbeslut", NONE),
        ("BUN 2024/205", "avtal", ("Läromedelshuset Norr AB",)),
        ("BUN 2024/209", "beslut", NONE),
        ("BUN 2024/214", "beslut", NONE),
    ]),
    # More diary-number shapes: a colon after the year, a series with a capital only, a
    # classification code after the serial, the series last, the serial before the year.
    "l11_more_number_shapes.txt": Layout([
        ("123/2024", "beslut", NONE),
        ("ÄN 2024/12", "beslut", NONE),
        ("ÖFN 2024/7", "yttrande", NONE),
        ("MK 2024.1234", "beslut", NONE),
        ("2024/123-1.2.3", "beslut", NONE),
        ("SN-2024-0045", "beslut", NONE),
        ("KS 2024:131", "beslut", NONE),
        ("KS 2024/45-003", "yttrande", NONE),
        ("2024.123 KS", "beslut", NONE),
        ("BMN 2024/88", "beslut", NONE),
    ]),
    # Minutes: the paragraph's own number, then a paragraph for each decision with its day
    # written three ways and its point of the delegationsordning in a sentence after it.
    "l11_ks_minutes_paragraphs.txt": Layout([
        ("KS 2024:128", "forordnande", NONE),
        ("KS/2024:130", "beslut", NONE),
        ("KS 2024:131", "kollektivavtal", ("Vision",)),
        ("KS 2024/45-003", "yttrande", NONE),
    ]),
    # A social board's monthly list: secret decisions counted, not named (notices, never lost
    # nor rejected as items without their numbers), then the decisions with numbers.
    "l11_sn_counted_decisions.txt": Layout(
        [
            ("SN-2024-0045", "forordnande", NONE),
            ("SN-2024-0051", "avtal", ("Omsorgshuset i Vallby AB",)),
        ],
        rejected=[14],  # a decision without its number
        notices=3,
    ),
    # Fields in another order, one a line: who decided first, the number last.
    "l11_tn_fields_reordered.txt": Layout([
        ("TN 2024/55", "beslut", NONE),
        ("TN 2024/58", "tilldelningsbeslut", NONE),
        ("TN 2024/61", "avtal", ("Vallby Schakt AB",)),
    ]),
    # Headings in capitals; items that wrap over lines.
    "l11_mhn_caps_wrapped.txt": Layout([
        ("MHN 2024/88", "beslut", NONE),
        ("MHN 2024/91", "beslut", NONE),
        ("MHN 2024/95", "beslut", NONE),
    ]),
    # A table whose columns start with the day and end with who decided.
    "l11_run_date_first_columns.txt": Layout(
        [
            ("RUN 2024/55", "yttrande", NONE),
            ("RUN 2024/61", "bidrag", ("Föreningen Fjällbygden",)),
            ("RUN 2024/64", "avtal", ("Norrbottens Turism AB",)),
        ],
        notices=1,
    ),
    # A web page: "Delegationsbeslut DATE – … – Dnr … – Beslutsfattare: …".
    "l11_ks_web_dashes.txt": Layout([
        ("KS 2024/155", "yttrande", NONE),
        ("KS 2024/162", "forordnande", NONE),
        ("KS 2024/170", "avtal", ("Vallby Fastighets AB",)),
    ]),
    # "Dnr …: Beslut om …, fastighet (miljöinspektör)": who decided in parentheses last.
    "l11_mbn_number_first_parenthesised.txt": Layout([
        ("MBN 2024/301", "beslut", NONE),
        ("MBN 2024/305", "beslut", NONE),
        ("MBN 2024/311", "beslut", NONE),
    ]),
    "l11_sn_parenthesised_delegates.txt": Layout([
        ("SN 2024/33", "beslut", NONE),
        ("SN 2024/35", "beslut", NONE),
        ("SN 2024/38", "yttrande", NONE),
    ]),
    # A registry's table under a head of its columns; a title ending in -konsulent.
    "l11_kfn_register_columns.txt": Layout([
        ("KFN 2024/17", "bidrag", ("Norrby IF",)),
        ("KFN 2024/21", "bidrag", NONE),
        ("KFN 2024/25", "beslut", NONE),
    ]),
    # A kommunalförbund's minutes: "…, RTJ 2024/17. Beslutat av brandinspektör 2024-05-02."
    "l11_rtj_decided_by_sentence.txt": Layout([
        ("RTJ 2024/17", "beslut", NONE),
        ("RTJ 2024/19", "beslut", NONE),
        ("RTJ 2024/22", "avtal", ("Norrdals kommun",)),
    ]),
    # Minutes that list the decisions in one sentence, between semicolons.
    "l11_ks_semicolon_sentence.txt": Layout([
        ("KS 2024/301", "forordnande", NONE),
        ("KS 2024/305", "yttrande", NONE),
        ("KS 2024/309", "avtal", ("Vallby Energi AB",)),
    ]),
    # Another case's number named in the item: the item's own is the last.
    "l11_ks_reference_numbers.txt": Layout([
        ("KS 2024/77", "avtal", NONE),
        ("KS 2024/80", "beslut", NONE),
        ("KS 2024/83", "yttrande", NONE),
    ]),
    # A page's foot and head inside an item.
    "l11_sn_page_break_mid_item.txt": Layout([
        ("SN 2024/301", "forordnande", NONE),
        ("SN 2024/305", "avtal", ("Vallby Omsorg AB",)),
        ("SN 2024/309", "beslut", NONE),
    ]),
    # Cards whose first line says what was decided, then labelled fields.
    "l11_bn_cards_title_first.txt": Layout([
        ("BN 2024-000456", "beslut", NONE),
        ("BN 2024-000470", "beslut", NONE),
        ("BN 2024-000481", "beslut", NONE),
    ]),
    # An agenda point's sub-items numbered 5.1, 5.2; a wrapped line that starts "3.4 i …".
    "l12_bun_sub_numbers.txt": Layout([
        ("BUN 2024/0015", "beslut", NONE),
        ("BUN 2024/0017", "beslut", NONE),
        ("BUN 2024/0021", "beslut", NONE),
    ]),
    # Rows of cells whose last cell, after the date's, names a title the list alone knows.
    "l12_kfn_row_titles.txt": Layout([
        ("KFN 2024/21", "bidrag", NONE),
        ("KFN 2024/24", "anstallning", NONE),
        ("KFN 2024/27", "beslut", NONE),
    ]),
    # Groups under headings that name whose decisions follow, in the genitive or after "av".
    "l12_ks_whose_decisions.txt": Layout([
        ("KS 2024/101", "yttrande", NONE),
        ("KS 2024/102", "forordnande", NONE),
        ("KS 2024/110", "beslut", NONE),
        ("KS 2024/120", "tilldelningsbeslut", NONE),
        ("KS 2024/121", "avtal", ("Vallby Städ AB",)),
        ("KS 2024/140", "beslut", NONE),
    ]),
    # Bullets whose text starts with the point of the delegationsordning ("• 15.3 …").
    "l13_ks_points_first.txt": Layout([
        ("KS 2024/31", "yttrande", NONE),
        ("KS 2024/36", "beslut", NONE),
        ("KS 2024/40", "anstallning", NONE),
    ]),
    # A table without rules whose cells wrap onto lines of their own, each under its column.
    "l13_sn_wrapped_cells.txt": Layout([
        ("SN 2024/11", "yttrande", NONE),
        ("SN 2024/14", "avtal", ("Norrby Omsorg AB",)),
        ("SN 2024/19", "forordnande", NONE),
        ("SN 2024/23", "beslut", NONE),
        ("SN 2024/27", "beslut", NONE),
    ]),
    # Rows exported with their cells between semicolons, the diary number first.
    "l13_ofn_semicolon_rows.txt": Layout([
        ("ÖFN 2024/112", "beslut", NONE),
        ("ÖFN 2024/118", "beslut", NONE),
        ("ÖFN 2024/121", "beslut", NONE),
    ]),
    # Unmarked lines that end "…, RN 2024-0045, beslut 2024-02-02", under a sentence of who.
    "l13_rn_decided_word_last.txt": Layout([
        ("RN 2024-0045", "beslut", NONE),
        ("RN 2024-0051", "beslut", NONE),
        ("RN 2024-0058", "beslut", NONE),
    ]),
    # An agenda point's items lettered after its number ("7a.", "7b."), indented, wrapped.
    "l13_tn_point_letters.txt": Layout([
        ("TN 2024-00034", "beslut", NONE),
        ("TN 2024-00041", "tilldelningsbeslut", NONE),
        ("TN 2024-00047", "avtal", ("Vallby kommun",)),
    ]),
    # The secrecy mark after the day; decisions counted in an appendix (no number: rejected).
    "l13_sn_secret_last.txt": Layout(
        [
            ("SN 2024/44", "avtal", NONE),
            ("SN 2024/49", "beslut", NONE),
            ("SN 2024/52", "beslut", NONE),
        ],
        rejected=[5],
    ),
    # The diary number in parentheses after the kind's word, or last; the chair's decisions.
    "l13_vn_parenthesised_numbers.txt": Layout([
        ("VN 2024/3", "beslut", NONE),
        ("VN 2024/5", "beslut", NONE),
        ("VN 2024/7", "beslut", NONE),
    ]),
    # A building board's rows printed from its case system: subject and property, number, day,
    # then who decided; every ByggR number shape.
    "l14_bn_rows_delegate_last.txt": Layout([
        ("BN 2024-000123", "beslut", NONE),
        ("BN 2024-000130", "beslut", NONE),
        ("MBN 2024-1234", "beslut", NONE),
        ("SBN 2024/456", "beslut", NONE),
        ("B 2024-000789", "beslut", NONE),
        ("2024-000140", "beslut", NONE),
        ("BN 2024-000151", "beslut", NONE),
        ("BN 2024-000160", "beslut", NONE),
    ]),
    # Rows whose ends were not all read (the series after the year and serial, a title and a
    # name, a day in parentheses): each row is an item of its own, none runs into the next.
    "l14_mhn_rows_ends_unread.txt": Layout(
        [
            ("2024-580 MHN", "beslut", NONE),
            ("BN 2024-000301", "beslut", NONE),
            ("MHN 2024-567", "beslut", NONE),
            ("MHN.2024.571", "beslut", NONE),
            ("BN 2024-000130", "beslut", NONE),
            ("2024-000262", "beslut", NONE),
        ],
    ),
    # A case system's table: Diarienummer | Fastighet | Åtgärd | Beslut | Datum | Handläggare.
    "l14_bn_table_columns.txt": Layout([
        ("BN 2024-000201", "beslut", NONE),
        ("BN 2024-000207", "beslut", NONE),
        ("BN 2024-000215", "beslut", NONE),
        ("BN 2024-000220", "beslut", NONE),
    ]),
    # A social board's table with a "Sekretess" column: "Ja" makes the row secret.
    "l14_sn_secrecy_column.txt": Layout([
        ("SN 2024/401", "beslut", NONE),
        ("SN 2024/402", "beslut", NONE),
        ("SN 2024/403", "beslut", NONE),
        ("SN 2024/404", "yttrande", NONE),
    ]),
    # A social board's list from its case system: decisions counted (notices), then decisions
    # that name a person by personal identity number, with or without its dash, or by initials.
    "l14_sn_case_system.txt": Layout(
        [
            ("SN 2024/301", "beslut", NONE),
            ("SN 2024/302", "beslut", NONE),
            ("SN 2024/303", "beslut", NONE),
            ("SN 2024/304", "beslut", NONE),
            ("SN 2024/305", "beslut", NONE),
            ("SN 2024/306", "beslut", NONE),
        ],
        notices=2,
    ),
    # A meeting system's page: each decision a link to its document, with the file's ending
    # and size after its name; "Bilagor" right under the list's heading (l15).
    "l15_sn_linked_documents.txt": Layout([
        ("SN 2024/88", "beslut", NONE),
        ("SN 2024/91", "tilldelningsbeslut", NONE),
        ("SN 2024/95", "avtal", ("Omsorgshuset Vallby AB",)),
        ("SN 2024/97", "yttrande", NONE),
        ("SN 2024/102", "beslut", NONE),
    ], notices=2),
    "l15_ks_agenda_links.txt": Layout([
        ("KS 2024/45", "avtal", NONE),
        ("KS 2023/512", "avtal", ("Nordnät AB",)),
        ("KS 2024/61", "bidrag", NONE),
    ]),
    # Items grouped under a delegate's title with the official's name ("Kommundirektör Anna
    # Berg"), as under a bare title (l16).
    "l16_ks_named_delegate_groups.txt": Layout([
        ("KS 2024/101", "yttrande", NONE),
        ("KS 2024/102", "forordnande", NONE),
        ("KS 2024/103", "tilldelningsbeslut", NONE),
        ("KS 2024/104", "beslut", NONE),
    ]),
    # A line that leads into its items without a colon ("Räddningschefen har fattat följande
    # beslut"), naming who decided them (l16).
    "l16_rn_lead_ins_without_colon.txt": Layout([
        ("RÄN 2024/15", "beslut", NONE),
        ("RÄN 2024/14", "yttrande", NONE),
        ("RÄN 2024/17", "beslut", NONE),
        ("RÄN 2024/18", "beslut", NONE),
        ("RÄN 2024/19", "yttrande", NONE),
    ]),
    # A sentence after the diary number or a labelled party: a detail, from when and to when
    # the decision holds where it says so (l16).
    "l16_ks_details_after_number.txt": Layout([
        ("KS 2024/11", "avtal", ("Vallby Entreprenad AB",)),
        ("KS 2024/12", "forordnande", NONE),
        ("KS 2024/13", "avtal", ("Vallby Städ AB",)),
        ("KS 2024/14", "avtal", ("Glasklart i Vallby AB",)),
        ("KS 2024/15", "avtal", ("Nordvakt AB",)),
        ("KS 2024/16", "avtal", NONE),
    ]),
    # A building or environment board's kind words before a dash ("Startbesked – …",
    # "Rivningslov – …", "Förbud – …") kept as the kind; without the dash, in the subject (l16).
    "l16_bn_kind_words.txt": Layout([
        ("BMN 2024/201", "startbesked", NONE),
        ("BMN 2024/202", "slutbesked", NONE),
        ("BMN 2024/203", "rivningslov", NONE),
        ("BMN 2024/204", "marklov", NONE),
        ("BMN 2024/205", "strandskyddsdispens", NONE),
        ("BMN 2024/206", "föreläggande", NONE),
        ("BMN 2024/207", "förbud", NONE),
        ("BMN 2024/208", "byggsanktionsavgift", NONE),
        ("BMN 2024/209", "tillstånd", NONE),
        ("BMN 2024/210", "avskrivning", NONE),
        ("BMN 2024/211", "beslut", NONE),
        ("BMN 2024/212", "beslut", NONE),
    ]),
    # Groups under the delegationsordning's chapters and points ("Kapitel 3 Personal", "3.2
    # Anställning"), each point the title of the rows below it (l16).
    "l16_sn_delegation_order_chapters.txt": Layout(
        [
            ("SN 2024/31", "anstallning", NONE),
            ("SN 2024/32", "anstallning", NONE),
            ("SN 2024/33", "forordnande", NONE),
            ("SN 2024/34", "avtal", ("Vallby Bil AB",)),
        ],
    ),
    # Minutes' paragraphs ("Beslutet fattades den … av …", "Brådskande beslut enligt 6 kap. 39 §
    # kommunallagen: …"), a personnel list by month, notices and decisions under one point,
    # the number and day above the text, days written "5 mars -24", "2024.03.05", "20240305" (l16).
    "l16_mbn_minutes_paragraphs.txt": Layout(
        [
            ("MBN 2024/210", "beslut", NONE),
            ("MBN 2024/214", "beslut", NONE),
            ("MBN 2024/219", "yttrande", NONE),
            ("MBN 2024/221", "yttrande", NONE),
        ],
    ),
    "l16_pn_personnel_by_month.txt": Layout(
        [
            ("PN 2024/12", "anstallning", NONE),
            ("PN 2024/13", "anstallning", NONE),
            ("PN 2024/14", "beslut", NONE),
            ("PN 2024/15", "kollektivavtal", ("Vision",)),
            ("PN 2024/16", "beslut", NONE),
            ("PN 2024/17", "anstallning", NONE),
        ],
    ),
    "l16_tn_notices_and_decisions.txt": Layout(
        [
            ("TN 2024/41", "avtal", ("Norrby Entreprenad AB",)),
            ("TN 2024/42", "yttrande", NONE),
            ("TN 2024/43", "beslut", NONE),
        ],
        notices=2,
    ),
    "l16_kfn_number_and_day_above_text.txt": Layout(
        [
            ("KFN 2024/51", "bidrag", ("Vallby Schackklubb",)),
            ("KFN 2024/52", "avtal", ("Vallby Folkets Husförening",)),
            ("KFN 2024/53", "forordnande", NONE),
        ],
    ),
    "l16_ksau_date_shapes.txt": Layout(
        [
            ("KS 2024/61", "yttrande", NONE),
            ("KS 2024/62", "avtal", ("Vallby Städ AB",)),
            ("KS 2024/63", "forordnande", NONE),
            ("KS 2024/64", "anstallning", NONE),
            ("KS 2024/65", "beslut", NONE),
        ],
    ),
    # Items grouped by month ("Januari 2024") and the chair's under "Ordförandebeslut" (l16).
    "l16_ks_month_and_chair_groups.txt": Layout(
        [
            ("KS 2024/71", "avtal", ("Vallby Entreprenad AB",)),
            ("KS 2024/72", "yttrande", NONE),
            ("KS 2024/73", "forordnande", NONE),
            ("KS 2024/76", "avtal", ("Norrby IK",)),
            ("KS 2024/74", "yttrande", NONE),
            ("KS 2024/75", "beslut", NONE),
        ],
    ),
    # "Beslut fattade av …" and "Ordförandebeslut enligt 6 kap. 39 § kommunallagen" as the
    # titles of groups; "Avtalet gäller DATE – DATE." after the number: no day of the decision.
    "l16_sn_chair_title_and_validity.txt": Layout(
        [
            ("SN 2024/81", "avtal", ("Omsorgshuset Vallby AB",)),
            ("SN 2024/82", "yttrande", NONE),
            ("SN 2024/83", "beslut", NONE),
            ("SN 2024/84", "forordnande", NONE),
            ("SN 2024/85", "yttrande", NONE),
        ],
    ),
    # One numbered list under "Meddelanden och delegationsbeslut": an item that says it is a
    # delegation decision ("Delegationsbeslut: …, TN 2024/41") is one, the others notices (l16).
    "l16_tn_mixed_notices_and_decisions.txt": Layout(
        [
            ("TN 2024/41", "avtal", ("Norrby Entreprenad AB",)),
            ("TN 2024/42", "yttrande", NONE),
        ],
        notices=3,
    ),
    # Each item two lines: its number, diary number and day on the first, its text below
    # ("2. KS 2024/92, 2024-02-07" / "Yttrande över …"), marked or not (l16).
    "l16_ks_number_and_day_first.txt": Layout(
        [
            ("KS 2024/91", "avtal", ("Vallby Fastigheter AB",)),
            ("KS 2024/92", "yttrande", NONE),
            ("KS 2024/93", "forordnande", NONE),
            ("KS 2024/94", "anstallning", NONE),
        ],
    ),
    # Tables whose head names the columns (l17): a "Lagrum" column after who decided; a
    # board's own names ("Beslut", "Delegat", "Anmärkning") with cells wrapped under them;
    # numbered rows with the delegation order's point in a column.
    "l17_sn_lagrum_after_delegate.txt": Layout([
        ("SN 2024/301", "beslut", NONE),
        ("SN 2024/302", "avtal", ("Vårdbolaget Ek AB",)),
        ("SN 2024/303", "yttrande", NONE),
        ("SN 2024/307", "beslut", NONE),
    ]),
    "l17_tn_named_columns.txt": Layout([
        ("TN 2024/45", "tilldelningsbeslut", NONE),
        ("TN 2024/48", "avtal", ("Vallby Slamtjänst AB",)),
        ("TN 2024/52", "beslut", NONE),
        ("TN 2024/57", "yttrande", NONE),
    ]),
    "l17_bun_numbered_rows.txt": Layout([
        ("BUN 2024/101", "beslut", NONE),
        ("BUN 2024/104", "beslut", NONE),
        ("BUN 2024/109", "beslut", NONE),
    ]),
}  # fmt: skip

# The l10 and l11 documents' decisions field by field: (diary number, subject, delegate, date).
FIELDS: dict[str, list[tuple[str, str, str | None, str | None]]] = {
    "l10_bun_year_serial.txt": [
        ("2024-000102", "skolskjuts för elev i årskurs 4", "rektor Karin Ek", "2024-04-03"),
        (
            "2024-000115",
            "tilläggsbelopp för elev med särskilda behov",
            "förvaltningschef",
            "2024-04-08",
        ),
        ("2024-000121", "läromedel", None, "2024-04-10"),
        # A date inside a phrase is the subject's, not the day of the decision.
        ("2024-000130", "remiss om skolans lokalförsörjning, gäller från 2024-08-01", None, None),
        ("2024-000133", "mottagande i grundsärskola", "verksamhetschef", "2024-04-19"),
    ],
    "l10_sn_fields.txt": [
        (
            "SN 2024/0231",
            "upphandling av städtjänster för särskilda boenden",
            "Upphandlingschef",
            "2024-03-04",
        ),
        ("SN 2024/0240", "städtjänster", "Socialchef", "2024-03-20"),
        ("SN 2024/0255", "Personuppgiftsbiträdesavtal", "Förvaltningschef", "2024-03-22"),
    ],
    "l10_ks_table_rows.txt": [
        ("KS/2024:145", "remiss om vindkraftspark vid Hällberget", "Kommundirektör", "2024-05-02"),
        (
            "KS/2024:151",
            "Direktupphandling av konsulttjänst, Vallby Analys AB",
            "Ekonomichef",
            "2024-05-06",
        ),
        (
            "KS/2024:160",
            "tillförordnad kommundirektör",
            "Kommunstyrelsens ordförande",
            "2024-05-13",
        ),
        ("KS/2024:166", "hyra av lokal för fritidsgård", "Fastighetschef", "2024-05-20"),
    ],
    "l10_mbn_registry_rows.txt": [
        (
            "MBN 2024-000231",
            "Bygglov för nybyggnad av enbostadshus, Åby 3:14",
            "Bygglovshandläggare",
            "2024-04-02",
        ),
        (
            "MBN 2024-000245",
            "Startbesked, tillbyggnad av fritidshus, Näs 1:2",
            "Bygglovsingenjör",
            "2024-04-05",
        ),
        (
            "MBN 2024-000260",
            "Föreläggande om åtgärder, enskilt avlopp, Berga 2:7",
            "Miljöinspektör",
            "2024-04-11",
        ),
        ("MBN 2024-000262", "Slutbesked, garage, Åby 3:20", "Bygglovsingenjör", "2024-04-12"),
    ],
    "l10_on_registry_cards.txt": [
        (
            "ON 2024/0231",
            "upphandling av städtjänster för särskilda boenden",
            "Upphandlingschef",
            "2024-03-04",
        ),
        ("ON 2024/0240", "städtjänster", "Omsorgschef", "2024-03-20"),
    ],
    "l10_ks_protocol_page.txt": [
        (
            "KS 2024/45",
            "tillförordnad ekonomichef under semesterperioden",
            "Kommundirektören",
            None,
        ),
        ("KS 2024/51", "avskrivning av fordringar", "Ekonomichefen", None),
        ("KS 2024/57", "förlängning av avtal", "upphandlingschef", None),
    ],
    "l10_ks_titled_items.txt": [
        (
            "KS 2024/45",
            "att utse Anna Berg till tillförordnad ekonomichef under perioden 1–31 juli 2024"
            " – Tillförordnad ekonomichef",
            "Kommundirektören",
            None,
        ),
        (
            "KS 2024/51",
            "att skriva av fordringar om sammanlagt 12 400 kr – Avskrivning av fordringar",
            "Ekonomichefen",
            None,
        ),
    ],
    "l10_ks_delegate_groups.txt": [
        ("KS 2024/45", "Tillförordnad ekonomichef", "Kommundirektör", "2024-06-20"),
        ("KS 2024/46", "remiss om kollektivtrafik", "Kommundirektör", "2024-06-21"),
        ("KS 2024/51", "Avskrivning av fordringar", "Ekonomichef", "2024-06-22"),
    ],
    "l10_upph_groups_bare_dates.txt": [
        ("UPN 2024/101", "städtjänster för skolorna", "Upphandlingschef Eva Berg", "2024-03-01"),
        ("UPN 2024/102", "fönsterputs", "Upphandlingschef Eva Berg", "2024-03-05"),
        # A date inside a phrase is the subject's; the row still takes its group's delegate.
        (
            "UPN 2024/104",
            "Avbrytande av upphandling av arbetskläder, gäller från 2024-04-01",
            "Upphandlingschef Eva Berg",
            None,
        ),
        (
            "UPN 2024/110",
            "remiss om regional upphandlingsstrategi",
            "Förvaltningschef",
            "2024-03-07",
        ),
        # Not a row that starts with its number: no group's field, but the date after the number.
        ("UPN 2024/112", "ändrade öppettider för servicecenter", None, "2024-03-11"),
    ],
    "l10_ks_decision_references.txt": [
        (
            "KS.2024.101",
            "tillförordnad kommundirektör under semester 1–21 juli 2024",
            "kommundirektör Lars Holm",
            None,
        ),
        ("KS-2024-108", "ramavtal för konsulttjänster inom IT", "upphandlingschef", None),
        # "Ordförandebeslut": the chair's decision.
        ("KS 2024/0112", "till Länsstyrelsen om strandskyddsdispens", "Ordföranden", None),
    ],
    "l10_tn_decided_by.txt": [
        ("TN 2024/77", "vinterväghållning", "upphandlingschef", "2024-03-12"),
        ("TN 2024/81", "parkeringstillstånd", "handläggare", "2024-03-12"),
        ("TN 2024/85", "beläggningsarbeten", "teknisk chef", "2024-03-20"),
        (
            "TN 2024/90",
            "till Polismyndigheten angående ansökan om tillstånd att använda offentlig plats",
            "gatuchef",
            "2024-03-22",
        ),
    ],
    "l10_bun_group_titles.txt": [
        ("BUN 2024/301", "skolskjuts på grund av växelvis boende", "rektor", "2024-05-03"),
        (
            "BUN 2024/305",
            "skolskjuts på grund av funktionsnedsättning",
            "skolskjutshandläggare",
            "2024-05-08",
        ),
        (
            "BUN 2024/310",
            "förskolechef vid Solgläntans förskola",
            "förvaltningschef",
            "2024-05-14",
        ),
    ],
    "l10_ks_pipe_table.txt": [
        ("KS 2024/401", "renovering av stadshuset", "Kommundirektör", "2024-08-12"),
        (
            "KS 2024/405",
            "förslag till regional transportplan",
            "Kommunstyrelsens ordförande",
            "2024-08-19",
        ),
    ],
    # The kind's phrase after the day is no part of the subject, as without the day.
    "l10_ks_dated_by_title.txt": [
        ("KS 2024/377", "tillförordnad ekonomichef", "Kommundirektören", "2024-08-12"),
        ("KS 2024/380", "avskrivning av fordringar", "Ekonomichefen", "2024-08-15"),
        (
            "KS 2024/383",
            "i ärende om laglighetsprövning, Förvaltningsrätten mål nr 4521-24",
            "Ordföranden",
            "2024-08-20",
        ),
    ],
    "l10_ks_paragraphs.txt": [
        (
            "KS 2024/210",
            "till Länsstyrelsen angående ansökan om tillstånd för vindkraft",
            "kommunstyrelsens ordförande",
            "2024-02-12",
        ),
        ("KS 2024/0188", "att utse dataskyddsombud", "Kommundirektören", "2024-02-01"),
    ],
    "l10_tn_word_dates.txt": [
        ("TN 2024.0034", "parkeringstillstånd för rörelsehindrad", None, "2024-02-05"),
        ("TN 2024.0041", "vinterväghållning", None, "2024-02-09"),
        ("TN 2024.0047", "vinterväghållning med Vägservice Norr AB", None, "2024-02-26"),
        ("TN 2024.0050", "trafikföreskrift för Storgatan", "upphandlingschef", "2024-03-01"),
    ],
    "l11_kfn_grant_recipients.txt": [
        ("KFN 2024/3", "sommarläger", "Kultur- och fritidschefen", None),
        ("KFN 2024/4", "föreningsbidrag", "Förvaltningschefen", None),
        ("KFN 2024/5", "stöd för studiecirklar", "Kultur- och fritidschefen", None),
        ("KFN 2024/6", "aktivitetsbidrag med 12 500 kr", "Fritidsintendenten", None),
        ("KFN 2024/7", "ombyggnad av Vallby bygdegård", "Kultur- och fritidschefen", None),
        (
            "KFN 2024/8",
            "till Länsstyrelsen om Allmänna arvsfonden",
            "Kultur- och fritidschefen",
            None,
        ),
    ],
    "l11_bmn_rows_under_titles.txt": [
        (
            "BYGG.2024.123",
            "Bygglov för tillbyggnad av enbostadshus, Norrby 4:12",
            "Bygglovshandläggare",
            "2024-02-05",
        ),
        (
            "MBN 2024-123",
            "Strandskyddsdispens för brygga, Sjövik 1:7",
            "Bygglovshandläggare",
            "2024-02-07",
        ),
        (
            "B 2024-000456",
            "Startbesked för nybyggnad av garage, Åby 2:3",
            "Bygglovsingenjör",
            "2024-02-09",
        ),
        (
            "SBN/2024:88",
            "Rivningslov för ekonomibyggnad, Berga 5:1",
            "Bygglovsingenjör",
            "2024-02-12",
        ),
    ],
    "l11_rs_delegate_headings.txt": [
        (
            "RS 2024/310",
            "tillförordnad hälso- och sjukvårdsdirektör under semester",
            "Regiondirektör",
            None,
        ),
        ("RS 2024/318", "remiss om nationell plan för vaccinationer", "Regiondirektör", None),
        ("RS 2024/322", "upplåning inom ramen för finansplanen", "Ekonomidirektör", None),
        ("RS 2024/325", "Avskrivning av fordringar 2023", "Ekonomidirektör", None),
        ("RS 2024/330", "tolktjänster", "Upphandlingschef", None),
        ("RS 2024/333", "Avbrytande av upphandling av städtjänster", "Upphandlingschef", None),
        ("RS 2024/337", "Förlängning av avtal om textilservice", "Upphandlingschef", None),
        ("RS 2024/340", "Avrop från ramavtal för IT-konsulter", "Upphandlingschef", None),
        ("RS 2024/342", "Direktupphandling av utbildning i brandskydd", "Upphandlingschef", None),
    ],
    "l11_bun_margin_numbers.txt": [
        ("BUN 2024/201", "upphandling av skolskjutstjänster", "Förvaltningschefen", None),
        ("BUN 2024/205", "digitala läromedel", "Förvaltningschefen", None),
        ("BUN 2024/209", "mottagande av elev i grundsärskola", "Rektor", None),
        (
            "BUN 2024/214",
            "ändrad läsårstid för hälso- och sjukvårdsprogrammet och om IT-konsulter för"
            " e-tjänster",
            "Förvaltningschefen",
            None,
        ),
    ],
    "l11_ks_minutes_paragraphs.txt": [
        # "den 1 mars": no year known (the import gives the meeting's).
        (
            "KS 2024:128",
            "tillförordnad ekonomichef under perioden 2024-03-01 -- 2024-03-31",
            "Kommundirektören",
            None,
        ),
        ("KS/2024:130", "avskrivning av kundfordringar", "Ekonomichefen", "2024-03-15"),
        ("KS 2024:131", "flextid", "Personalchefen", "2024-03-15"),
        (
            "KS 2024/45-003",
            "remiss om regional cykelplan",
            "Kommunstyrelsens ordförande",
            "2024-03-15",
        ),
    ],
    "l11_more_number_shapes.txt": [
        ("123/2024", "tillfälligt serveringstillstånd för Sommarfesten", None, None),
        ("ÄN 2024/12", "färdtjänst", None, None),
        ("ÖFN 2024/7", "detaljplan för Östra hamnen", None, None),
        ("MK 2024.1234", "Föreläggande om sotning", None, None),
        ("2024/123-1.2.3", "gallring av handlingar", None, None),
        ("SN-2024-0045", "ändrad taxa för hemtjänst", None, None),
        ("KS 2024:131", "avskrivning av kundfordringar", None, None),
        ("KS 2024/45-003", "remiss om regional cykelplan", None, None),
        ("2024.123 KS", "tillfällig lokalhyra", None, None),
        # A statute's number in its collection is no diary number.
        ("BMN 2024/88", "bygglov enligt BFS 2011:6", None, None),
    ],
    "l11_tn_fields_reordered.txt": [
        (
            "TN 2024/55",
            "Lokal trafikföreskrift om förbud att parkera på Storgatan",
            "Gatuchef",
            "2024-02-14",
        ),
        ("TN 2024/58", "snöröjning i Norrby", "Upphandlingschef", "2024-02-20"),
        ("TN 2024/61", "grävarbeten", "Teknisk chef", "2024-02-27"),
    ],
    "l11_mhn_caps_wrapped.txt": [
        (
            "MHN 2024/88",
            "föreläggande om åtgärder för enskilt avlopp på fastigheten Berga 2:7",
            "Miljöinspektören",
            None,
        ),
        ("MHN 2024/91", "sanktionsavgift för otillåten eldning", "Miljöchefen", None),
        ("MHN 2024/95", "registrering av livsmedelsanläggning", "Livsmedelsinspektören", None),
    ],
    "l11_run_date_first_columns.txt": [
        (
            "RUN 2024/55",
            "remiss om länsplan för transportinfrastruktur",
            "Regional utvecklingsdirektör",
            "2024-03-04",
        ),
        ("RUN 2024/61", "Projektbidrag för besöksnäring", "Enhetschef", "2024-03-11"),
        ("RUN 2024/64", "marknadsföring", "Regional utvecklingsdirektör", "2024-03-18"),
    ],
    "l11_ks_web_dashes.txt": [
        ("KS 2024/155", "samråd om vindkraft i Västerskog", "Kommundirektör", "2024-03-05"),
        ("KS 2024/162", "tillförordnad HR-chef", "Kommundirektör", "2024-03-12"),
        ("KS 2024/170", "hyra av lokal", "Ekonomichef", "2024-03-19"),
    ],
    "l11_mbn_number_first_parenthesised.txt": [
        (
            "MBN 2024/301",
            "föreläggande att åtgärda brister i ventilation, Skolan 1:4",
            "miljöinspektör",
            None,
        ),
        (
            "MBN 2024/305",
            "bygglov för tillbyggnad av förskola, Lyckan 2:1",
            "bygglovshandläggare",
            None,
        ),
        ("MBN 2024/311", "avgift för tillsyn enligt miljöbalken", "miljöchef", None),
    ],
    "l11_sn_parenthesised_delegates.txt": [
        ("SN 2024/33", "ändrad öppettid för träffpunkten Linden", "socialchef", None),
        (
            "SN 2024/35",
            "tillfällig utökning av platser på korttidsboendet Eken",
            "verksamhetschef äldreomsorg",
            None,
        ),
        (
            "SN 2024/38",
            "till Inspektionen för vård och omsorg",
            "socialnämndens ordförande",
            None,
        ),
    ],
    "l11_kfn_register_columns.txt": [
        ("KFN 2024/17", "ungdomsverksamhet", "Fritidskonsulent", "2024-02-02"),
        (
            "KFN 2024/21",
            "Avslag på ansökan om arrangemangsbidrag",
            "Fritidskonsulent",
            "2024-02-09",
        ),
        ("KFN 2024/25", "Hyra av Folkets hus för kulturnatten", "Kulturchef", "2024-02-16"),
    ],
    "l11_rtj_decided_by_sentence.txt": [
        (
            "RTJ 2024/17",
            "Tillstånd för hantering av brandfarlig vara, Norrby 4:12",
            "brandinspektör",
            "2024-05-02",
        ),
        (
            "RTJ 2024/19",
            "Föreläggande enligt lagen om skydd mot olyckor, Sjövik 1:7",
            "stf räddningschef",
            "2024-05-08",
        ),
        ("RTJ 2024/22", "sotning", "förbundsdirektör", "2024-05-14"),
    ],
    "l11_ks_semicolon_sentence.txt": [
        ("KS 2024/301", "tillförordnad kommundirektör under semester", None, None),
        ("KS 2024/305", "remiss om regional transportplan", None, None),
        ("KS 2024/309", "laddstolpar", None, None),
    ],
    "l11_sn_page_break_mid_item.txt": [
        ("SN 2024/301", "tillförordnad enhetschef för hemtjänsten Norr", "Socialchefen", None),
        ("SN 2024/305", "korttidsplatser under hösten 2024", "Socialchefen", None),
        (
            "SN 2024/309",
            "ändrade öppettider för dagverksamheten Solrosen",
            "Verksamhetschefen",
            None,
        ),
    ],
    "l11_bn_cards_title_first.txt": [
        (
            "BN 2024-000456",
            "Bygglov för nybyggnad av enbostadshus, Norrby 4:12",
            "Bygglovshandläggare",
            "2024-03-04",
        ),
        (
            "BN 2024-000470",
            "Startbesked för tillbyggnad, Åby 2:3",
            "Bygglovsingenjör",
            "2024-03-06",
        ),
        (
            "BN 2024-000481",
            "Avskrivning av ärende om olovligt byggande, Berga 5:1",
            "Byggnadsinspektör",
            "2024-03-08",
        ),
    ],
    "l11_tn_day_after_verb.txt": [
        ("TN 2024/12", "förlängning av avtal", "Trafikdirektören", "2024-01-12"),
        ("TN 2024/14", "skolskjutstrafik i Norrby", "Trafikdirektören", "2024-01-15"),
        ("TN 2024/17", "sjukresor", "Upphandlingschefen", "2024-01-19"),
    ],
    "l12_bun_sub_numbers.txt": [
        ("BUN 2024/0015", "skolskjuts för elev vid Norrby skola", None, None),
        ("BUN 2024/0017", "tilläggsbelopp för elev med omfattande behov", None, None),
        ("BUN 2024/0021", "mottagande i grundsärskola", None, None),
    ],
    "l12_kfn_row_titles.txt": [
        ("KFN 2024/21", "Avslag på ansökan om bidrag", "Fältkurator", "2024-02-09"),
        ("KFN 2024/24", "fritidsledare", "Enhetsledare", "2024-02-12"),
        ("KFN 2024/27", "Ändrade öppettider i Åby bibliotek", "Förste bibliotekarie", "2024-02-15"),
    ],
    "l12_ks_whose_decisions.txt": [
        ("KS 2024/101", "remiss om regional cykelplan", "Kommundirektören", None),
        ("KS 2024/102", "tillförordnad förvaltningschef", "Kommundirektören", None),
        ("KS 2024/110", "Avskrivning av kundfordringar", "Ekonomichefen", None),
        ("KS 2024/120", "städtjänster", "upphandlingschefen", None),
        # An item that names who decided keeps its own; a group of no one's names no one.
        ("KS 2024/121", "fönsterputs", "kommundirektören", None),
        ("KS 2024/140", "Avskrivning av fordran på Norrby Bygg AB", None, None),
    ],
    "l13_sn_wrapped_cells.txt": [
        (
            "SN 2024/11",
            "till Inspektionen för vård och omsorg om tillsyn av hem för vård eller boende",
            "Socialchef",
            "2024-01-15",
        ),
        ("SN 2024/14", "korttidsplatser", "Socialchef", "2024-01-22"),
        (
            "SN 2024/19",
            "tillförordnad enhetschef för individ- och familjeomsorgen",
            "Avdelningschef IFO",
            "2024-02-02",
        ),
        (
            "SN 2024/23",
            "ändrade öppettider för träffpunkt Solgläntan under sommaren, med "
            "hänvisning till personalbrist",
            "Enhetschef",
            "2024-02-09",
        ),
        # "ledsagar-" / "service": one word again, as in running text.
        (
            "SN 2024/27",
            "tillfällig utökning av ledsagarservice vid Norrby gruppboende",
            "Enhetschef",
            "2024-02-16",
        ),
    ],
    "l13_ofn_semicolon_rows.txt": [
        ("ÖFN 2024/112", "Arvode till god man för ensamkommande barn", "Handläggare", "2024-02-05"),
        ("ÖFN 2024/118", "Samtycke till uttag från spärrat konto", "Handläggare", "2024-02-09"),
        (
            "ÖFN 2024/121",
            "Godkännande av årsräkning 2023",
            "Överförmyndarhandläggare",
            "2024-02-16",
        ),
    ],
    "l13_rn_decided_word_last.txt": [
        (
            "RN 2024-0045",
            "Tillstånd för hantering av brandfarlig vara, Åby Bilservice AB",
            "Räddningschef",
            "2024-02-02",
        ),
        ("RN 2024-0051", "Föreläggande om brandskydd, Norrby skola", "Räddningschef", "2024-02-09"),
        (
            "RN 2024-0058",
            "Avslag på ansökan om tillstånd för hantering av explosiv vara",
            "Räddningschef",
            "2024-02-20",
        ),
    ],
    "l13_tn_point_letters.txt": [
        (
            "TN 2024-00034",
            "ändrad tidtabell för linje 12 Åby–Vallby",
            "Trafikdirektören",
            "2024-01-29",
        ),
        ("TN 2024-00041", "skärgårdstrafik", "Upphandlingschefen", "2024-02-05"),
        ("TN 2024-00047", "anropsstyrd trafik", "Trafikdirektören", "2024-02-12"),
    ],
    "l13_sn_secret_last.txt": [
        ("SN 2024/44", "Förlängning av avtal om skyddat boende", "Socialchefen", "2024-02-14"),
        ("SN 2024/49", "omedelbart omhändertagande enligt 6 § LVU", "Ordföranden", "2024-02-20"),
        ("SN 2024/52", "tillfällig flytt enligt 11 § LVU", "Ordföranden", "2024-02-27"),
    ],
    "l13_vn_parenthesised_numbers.txt": [
        ("VN 2024/3", "lokal för förtidsröstning i Åby bibliotek", "Ordföranden", "2024-01-22"),
        (
            "VN 2024/5",
            "ändrade öppettider för röstmottagning i Norrby",
            "Ordföranden",
            "2024-02-06",
        ),
        ("VN 2024/7", "rekrytering av röstmottagare", "Valsamordnaren", None),
    ],
    "l13_ks_points_first.txt": [
        ("KS 2024/31", "remiss om regional cykelplan", "Kommundirektören", None),
        ("KS 2024/36", "avskrivning av kundfordringar", "Ekonomichefen", None),
        ("KS 2024/40", "nämndsekreterare", "Personalchefen", None),
    ],
    "l14_mhn_rows_ends_unread.txt": [
        (
            "2024-580 MHN",
            "Registrering av livsmedelsanläggning, Torget 5",
            "Livsmedelsinspektör",
            "2024-04-04",
        ),
        (
            "BN 2024-000301",
            "Bygglov för carport, Björken 2:4",
            "Bygglovshandläggare Anna Lind",
            "2024-04-05",
        ),
        ("MHN 2024-567", "Föreläggande om åtgärder, avlopp, STORBY 3:4", None, None),
        ("MHN.2024.571", "avgift för tillsyn, Kvarnen 2", None, None),
        ("BN 2024-000130", "Startbesked, Tallen 4", None, "2024-03-05"),
        ("2024-000262", "Slutbesked, garage, Åby 3:20", None, None),
    ],
    # The head's names are no row; the last cell after the date's is who handled the case,
    # a title or a name.
    "l14_bn_table_columns.txt": [
        (
            "BN 2024-000201",
            "GRANEN 1:23 – Nybyggnad av enbostadshus – Bygglov",
            "Bygglovshandläggare",
            "2024-03-04",
        ),
        (
            "BN 2024-000207",
            "Tallen 4 – Tillbyggnad av garage – Startbesked",
            "Bygglovsingenjör",
            "2024-03-05",
        ),
        (
            "BN 2024-000215",
            "Del av Björkhagen 2:15 – Rivning av förråd – Rivningslov",
            "Anna Lind",
            "2024-03-07",
        ),
        (
            "BN 2024-000220",
            "LÖVSTA 3:1 – Nybyggnad av fritidshus – Förhandsbesked",
            "Per Ek",
            "2024-03-08",
        ),
    ],
    # The property stays in the subject, never taken for a day or a number; the day and the
    # title after the number are the row's.
    "l14_bn_rows_delegate_last.txt": [
        (
            "BN 2024-000123",
            "Bygglov för nybyggnad av enbostadshus, GRANEN 1:23",
            "Bygglovshandläggare",
            "2024-03-04",
        ),
        ("BN 2024-000130", "Startbesked, Tallen 4", "Bygglovsingenjör", "2024-03-05"),
        (
            "MBN 2024-1234",
            "Slutbesked för tillbyggnad av garage, EKEN 12:7",
            "Byggnadsinspektör",
            "2024-03-06",
        ),
        (
            "SBN 2024/456",
            "Rivningslov för komplementbyggnad, Del av Björkhagen 2:15",
            "Bygglovshandläggare",
            "2024-03-07",
        ),
        (
            "B 2024-000789",
            "Förhandsbesked för nybyggnad av fritidshus, LÖVSTA 3:1",
            "Bygglovshandläggare",
            "2024-03-08",
        ),
        (
            "2024-000140",
            "Strandskyddsdispens för brygga, Sjövik 1:45",
            "Planarkitekt",
            "2024-03-11",
        ),
        (
            "BN 2024-000151",
            "Föreläggande om att ta bort olovligt uppförd byggnad, ASPEN 7",
            "Byggnadsinspektör",
            "2024-03-12",
        ),
        ("BN 2024-000160", "Byggsanktionsavgift, Rönnen 3:2", "Byggnadsinspektör", "2024-03-13"),
    ],
    "l15_sn_linked_documents.txt": [
        ("SN 2024/88", "avstängning av leverantör av hemtjänst", None, None),
        ("SN 2024/91", "korttidsboende Eken", None, None),
        ("SN 2024/95", "platser i korttidsboende", None, None),
        ("SN 2024/97", "remiss om länets äldreomsorgsplan", None, None),
        ("SN 2024/102", "ändrade öppettider för dagverksamheten Lönnen", None, None),
    ],
    "l15_ks_agenda_links.txt": [
        ("KS 2024/45", "tilldelning av ramavtal för städtjänster", None, None),
        ("KS 2023/512", "förlängning av avtal om IT-drift", None, None),
        ("KS 2024/61", "till Hembygdsföreningen Lönnen", None, None),
    ],
    "l16_ks_named_delegate_groups.txt": [
        (
            "KS 2024/101",
            "till Länsstyrelsen över ansökan om vindkraft",
            "Kommundirektör Anna Berg",
            "2024-02-05",
        ),
        (
            "KS 2024/102",
            "tillförordnad ekonomichef",
            "Kommundirektör Anna Berg",
            "2024-02-12",
        ),
        (
            "KS 2024/103",
            "Upphandling av revisionstjänster",
            "Ekonomichef Per Holm",
            "2024-02-14",
        ),
        ("KS 2024/104", "lönerevision för tjänstemän", "Personalchef", "2024-02-20"),
    ],
    "l16_rn_lead_ins_without_colon.txt": [
        ("RÄN 2024/15", "Föreläggande om brandskydd, Vallby 3:4", "Räddningschefen", "2024-02-05"),
        (
            "RÄN 2024/14",
            "ansökan om tillstånd att hantera brandfarlig vara",
            "Räddningschefen",
            "2024-02-03",
        ),
        (
            "RÄN 2024/17",
            "Föreläggande om brandskydd, Vallby 3:5",
            "Brandinspektör Olle Sjö",
            "2024-02-06",
        ),
        (
            "RÄN 2024/18",
            "Förbud mot användning av byggnad, Vallby 3:6",
            "Brandinspektör Olle Sjö",
            "2024-02-07",
        ),
        (
            "RÄN 2024/19",
            "ansökan om tillstånd för explosiv vara",
            "räddningschefen",
            "2024-02-09",
        ),
    ],
    "l16_ks_details_after_number.txt": [
        ("KS 2024/11", "snöröjning", None, None),
        ("KS 2024/12", "tillförordnad skolchef", None, None),
        ("KS 2024/13", "städ", None, None),
        ("KS 2024/14", "fönsterputs", None, None),
        ("KS 2024/15", "larmcentral", "Kommundirektören", None),
        ("KS 2024/16", "skolskjuts", None, None),
    ],
    "l16_bn_kind_words.txt": [
        ("BMN 2024/201", "Nybyggnad av enbostadshus, Vallby 2:14", None, "2024-02-01"),
        ("BMN 2024/202", "Tillbyggnad av garage, Åby 3:20", None, "2024-02-02"),
        ("BMN 2024/203", "Ekonomibyggnad, Norrby 1:7", None, "2024-02-05"),
        ("BMN 2024/204", "Schaktning för parkering, Sörby 4:1", None, "2024-02-06"),
        ("BMN 2024/205", "Brygga, Sjövik 1:45", None, "2024-02-07"),
        ("BMN 2024/206", "Åtgärder för enskilt avlopp, Lövsta 3:1", None, "2024-02-08"),
        ("BMN 2024/207", "Utsläpp av avloppsvatten, Lövsta 3:2", None, "2024-02-09"),
        ("BMN 2024/208", "Start utan startbesked, Ekby 5:5", None, "2024-02-12"),
        ("BMN 2024/209", "Värmepump, Ekby 5:6", None, "2024-02-13"),
        ("BMN 2024/210", "Ärende om bygglov, Ekby 5:7", None, "2024-02-14"),
        ("BMN 2024/211", "Startbesked för nybyggnad av carport, Ekby 5:8", None, "2024-02-15"),
        ("BMN 2024/212", "Sanktionsavgift för olovlig åtgärd, Ekby 5:9", None, "2024-02-15"),
    ],
    "l16_sn_delegation_order_chapters.txt": [
        ("SN 2024/31", "enhetschef för hemtjänsten", "Socialchef", "2024-02-01"),
        ("SN 2024/32", "biståndshandläggare", "Enhetschef", "2024-02-05"),
        ("SN 2024/33", "tillförordnad socialchef under semester", "Förvaltningschef", "2024-02-07"),
        ("SN 2024/34", "leasing av bilar", "Ekonomichef", "2024-02-12"),
    ],
    "l16_mbn_minutes_paragraphs.txt": [
        (
            "MBN 2024/210",
            "Bygglov för nybyggnad av fritidshus, Lövsta 2:3",
            "bygglovshandläggare Eva Ström",
            "2024-03-04",
        ),
        (
            "MBN 2024/214",
            "Rivningslov för ladugård, Åby 1:9",
            "byggnadsinspektör Lars Öst",
            "2024-03-06",
        ),
        (
            "MBN 2024/219",
            "till Länsstyrelsen över överklagande av bygglov",
            "Ordföranden",
            "2024-03-07",
        ),
        (
            "MBN 2024/221",
            "till Mark- och miljödomstolen i mål om strandskydd",
            "nämndens ordförande",
            "2024-03-08",
        ),
    ],
    "l16_pn_personnel_by_month.txt": [
        ("PN 2024/12", "enhetschef", "HR-chef", "2024-02-01"),
        ("PN 2024/13", "löneadministratör", "HR-chef", "2024-02-03"),
        ("PN 2024/14", "avstängning av anställd", "Personalchef", "2024-02-06"),
        ("PN 2024/15", "flextid", "Förhandlingschef", "2024-02-09"),
        ("PN 2024/16", "tjänstledighet", "HR-specialist", "2024-02-12"),
        ("PN 2024/17", "controller", "Ekonomichef", "2024-03-01"),
    ],
    "l16_tn_notices_and_decisions.txt": [
        ("TN 2024/41", "vinterväghållning", "Gatuchef", "2024-02-02"),
        (
            "TN 2024/42",
            "till Polismyndigheten över ansökan om markupplåtelse",
            "Trafikingenjör",
            "2024-02-05",
        ),
        ("TN 2024/43", "lokala trafikföreskrifter för Storgatan", "Trafikingenjör", "2024-02-07"),
    ],
    "l16_kfn_number_and_day_above_text.txt": [
        ("KFN 2024/51", "ungdomsturnering", "Fritidschef", "2024-02-02"),
        (
            "KFN 2024/52",
            "hyra av Folkets hus",
            "Kulturchef",
            "2024-02-09",
        ),
        ("KFN 2024/53", "tillförordnad bibliotekschef", "Förvaltningschef", "2024-02-15"),
    ],
    "l16_ksau_date_shapes.txt": [
        ("KS 2024/61", "detaljplan för Norrby centrum", "kommundirektör", "2024-03-05"),
        ("KS 2024/62", "lokalvård", "Upphandlingschef", "2024-03-05"),
        ("KS 2024/63", "tillförordnad ekonomichef", "Kommundirektör", "2024-03-05"),
        ("KS 2024/64", "kommunikatör", "HR-chef", "2024-03-05"),
        ("KS 2024/65", "tillfällig bilparkering", "Gatuchef", "2024-03-06"),
    ],
    "l16_ks_month_and_chair_groups.txt": [
        ("KS 2024/71", "snöröjning", "Gatuchef", "2024-01-10"),
        ("KS 2024/72", "detaljplan för Åby", "Planchef", "2024-01-15"),
        ("KS 2024/73", "tillförordnad kommundirektör", "Kommunstyrelsens ordförande", "2024-02-01"),
        ("KS 2024/76", "hyra av idrottshall", "Fritidschef", "2024-02-14"),
        ("KS 2024/74", "till Länsstyrelsen om vindbruksplan", "Ordföranden", "2024-02-10"),
        ("KS 2024/75", "att ställa in sammanträde", "Ordföranden", "2024-02-12"),
    ],
    "l16_sn_chair_title_and_validity.txt": [
        ("SN 2024/81", "korttidsplatser", "socialchefen", None),
        ("SN 2024/82", "till IVO", "socialchefen", "2024-03-02"),
        (
            "SN 2024/83",
            "tillfällig stängning av dagverksamhet",
            "enhetschef Lena Bok",
            "2024-03-04",
        ),
        ("SN 2024/84", "tillförordnad enhetschef", "enhetschef Lena Bok", "2024-03-05"),
        ("SN 2024/85", "till förvaltningsrätten i mål om LVU", "Ordföranden", "2024-03-06"),
    ],
    "l16_tn_mixed_notices_and_decisions.txt": [
        ("TN 2024/41", "vinterväghållning", None, "2024-02-02"),
        ("TN 2024/42", "till Polismyndigheten över ansökan om markupplåtelse", None, "2024-02-05"),
    ],
    "l16_ks_number_and_day_first.txt": [
        ("KS 2024/91", "hyra av lokal för ungdomsverksamhet", None, "2024-02-05"),
        ("KS 2024/92", "remiss om regional transportplan", None, "2024-02-07"),
        ("KS 2024/93", "tillförordnad kanslichef", None, "2024-02-09"),
        ("KS 2024/94", "kommunjurist", None, "2024-02-12"),
    ],
    # Who decided is the column so named, wherever it stands; a column after it is no part of
    # who decided, and stays in the subject.
    "l17_sn_lagrum_after_delegate.txt": [
        (
            "SN 2024/301",
            "bistånd i form av hemtjänst – 4 kap. 1 § SoL",
            "Biståndshandläggare",
            "2024-02-03",
        ),
        ("SN 2024/302", "köp av platser på HVB-hem", "Socialchef", "2024-02-05"),
        (
            "SN 2024/303",
            "till tingsrätten i vårdnadsmål – 6 kap. 19 § FB",
            "Enhetschef IFO",
            "2024-02-09",
        ),
        (
            "SN 2024/307",
            "Avslag på ansökan om färdtjänst – 7 § lag om färdtjänst",
            "Handläggare färdtjänst",
            "2024-02-12",
        ),
    ],
    "l17_tn_named_columns.txt": [
        (
            "TN 2024/45",
            "upphandling av vinterväghållning – Överprövad",
            "Upphandlingschef",
            "2024-03-04",
        ),
        ("TN 2024/48", "slamtömning", "Teknisk chef", "2024-03-06"),
        (
            "TN 2024/52",
            "Parkeringstillstånd för rörelsehindrad – Bifall",
            "Handläggare",
            "2024-03-11",
        ),
        ("TN 2024/57", "detaljplan för Norra hamnen – Ingen erinran", "Teknisk chef", "2024-03-15"),
    ],
    "l17_bun_numbered_rows.txt": [
        ("BUN 2024/101", "Skolskjuts av särskilda skäl", "Skolskjutshandläggare", None),
        ("BUN 2024/104", "Mottagande i grundsärskola", "Rektor", None),
        ("BUN 2024/109", "Avstängning av elev i gymnasieskolan", "Rektor", None),
    ],
}


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_what_a_registry_prints_is_read_field_by_field(name: str) -> None:
    records, _ = read(LAYOUTS / name)
    decisions = [record for record in records if isinstance(record, Decision)]
    read_fields = [(d.diary_number, d.subject, d.delegate, d.decided_on) for d in decisions]
    assert read_fields == FIELDS[name]


def test_the_delegation_point_of_an_item_written_field_by_field_is_no_part_of_its_subject() -> None:
    records, _ = read(LAYOUTS / "l10_on_registry_cards.txt")
    points = [(r.delegation_point, r.subject) for r in records if isinstance(r, Decision)]
    assert points == [
        ("3.2", "upphandling av städtjänster för särskilda boenden"),
        ("3.4", "städtjänster"),
    ]


def test_decisions_counted_rather_than_named_are_notices_with_their_text() -> None:
    records, _ = read(LAYOUTS / "l11_sn_counted_decisions.txt")
    notices = [record.text for record in records if isinstance(record, Notice)]
    assert notices == [
        "Beslut enligt SoL 4 kap. 1 §, januari 2024: 134 beslut",
        "Beslut enligt LSS 9 §, januari 2024: 41 beslut",
        "Antal beslut om bostadsanpassningsbidrag: 12",
    ]


def test_a_social_boards_list_registers_secret_every_decision_that_names_a_person() -> None:
    records, _ = read(LAYOUTS / "l14_sn_case_system.txt")
    notices = [record.text for record in records if isinstance(record, Notice)]
    assert notices == [
        "Beslut om försörjningsstöd: 134 st",
        "Beslut om ekonomiskt bistånd enligt 4 kap. 1 § SoL (212 st)",
    ]
    secrets = [
        (r.diary_number, r.secret_reason) for r in records if isinstance(r, Decision) and r.secret
    ]
    assert secrets == [
        ("SN 2024/301", "namnger en person med personnummer"),
        ("SN 2024/302", "namnger en person med personnummer"),
        ("SN 2024/303", "namnger en person med personnummer"),
        ("SN 2024/304", "namnger en person med initialer"),
        ("SN 2024/305", "namnger en person med initialer"),
    ]


def test_a_tables_sekretess_column_makes_its_rows_secret_and_is_no_part_of_them() -> None:
    records, _ = read(LAYOUTS / "l14_sn_secrecy_column.txt")
    read_fields = [
        (r.diary_number, r.secret, r.delegate, r.decided_on)
        for r in records
        if isinstance(r, Decision)
    ]
    assert read_fields == [
        ("SN 2024/401", True, "Biståndshandläggare", "2024-03-04"),
        ("SN 2024/402", False, "Enhetschef", "2024-03-05"),
        ("SN 2024/403", True, "Socialsekreterare", "2024-03-06"),
        ("SN 2024/404", False, "Socialchef", "2024-03-07"),
    ]
    subjects = " ".join(r.subject for r in records if isinstance(r, Decision))
    assert "Ja" not in subjects.split()
    assert "Nej" not in subjects.split()


def test_no_public_output_of_a_social_boards_list_shows_whom_it_names(
    delreg: Invoke, tmp_path: Path
) -> None:
    path = LAYOUTS / "l14_sn_case_system.txt"
    assert delreg("import", str(path), "--meeting", "2024-04-17").exit_code == 0
    report = delreg("report", "--meeting", "2024-04-17", "--public", "--format", "txt")
    assert report.exit_code == 0, report.stderr
    listed = delreg("list", "--public", "--format", "json")
    published = delreg("publish", str(tmp_path / "out"), "--base-url",
                       "https://norrvik.example/delegationsbeslut/", "--contact",
                       "registrator@norrvik.example")  # fmt: skip
    assert published.exit_code == 0, published.stderr
    # Every file written, its SQLite database too, read as bytes.
    files = [p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert files
    for output in (report.stdout_bytes, listed.stdout_bytes, *files):
        for hidden in ("1212", "A.B.", "K.L.M", "korttidsvistelse", "ledsagarservice",
                       "kontaktperson", "hemtjänst"):  # fmt: skip
            assert hidden.encode() not in output
    # The decision that names no one is shown.
    assert "träffpunkten Solgården" in report.stdout


def test_a_point_of_the_delegationsordning_in_a_sentence_of_its_own_is_read_and_left_out() -> None:
    records, _ = read(LAYOUTS / "l11_ks_minutes_paragraphs.txt")
    first = next(record for record in records if isinstance(record, Decision))
    assert first.delegation_point == "3.4"
    assert "delegationsordningen" not in first.subject


@pytest.mark.parametrize(
    ("item", "point", "subject"),
    [
        ("Beslut om färdtjänst med stöd av punkt 4.2 i delegationsordningen, SN 2024/12",
         "4.2", "färdtjänst"),
        ("Beslut om hemtjänst enligt punkt 4.3 i nämndens delegationsordning, SN 2024/12",
         "4.3", "hemtjänst"),
        ("Beslut om ledsagning, SN 2024/12. Beslutet togs enligt punkt 4.4 i "
         "delegationsordningen.", "4.4", "ledsagning"),
        # A point of something else stays in the subject.
        ("Beslut om ändring av punkt 4 i taxan, SN 2024/12", None, "ändring av punkt 4 i taxan"),
    ],
)  # fmt: skip
def test_the_point_of_the_delegationsordning_written_out(
    item: str, point: str | None, subject: str
) -> None:
    decision = one_decision(item)
    assert (decision.delegation_point, decision.subject) == (point, subject)


def test_a_day_without_its_year_takes_the_meetings(delreg: Invoke) -> None:
    path = LAYOUTS / "l11_ks_minutes_paragraphs.txt"
    assert delreg("import", str(path), "--meeting", "2024-03-14").exit_code == 0
    shown = json.loads(delreg("show", "KS 2024:128", "--format", "json").stdout)
    assert shown["decided_on"] == "2024-03-01"


def test_a_pages_links_import_as_decisions_and_its_one_line_about_them_is_told(
    delreg: Invoke,
) -> None:
    path = LAYOUTS / "l15_sn_linked_documents.txt"
    result = delreg("import", str(path), "--meeting", "2024-04-17")
    assert result.exit_code == 0, result.stderr
    assert "5 decisions, 0 rejected, 2 notices (1 line of text about the list)" in result.stderr
    shown = json.loads(delreg("show", "SN 2024/97", "--format", "json").stdout)
    assert shown["wording"] == "Yttrande över remiss om länets äldreomsorgsplan, SN 2024/97."


def test_every_layout_document_has_an_expectation() -> None:
    assert {path.name for path in LAYOUTS.glob("*.txt")} == set(EXPECTED)


def read(path: Path) -> tuple[list[Decision | Notice | Rejected], Account]:
    account = Account(path.name)
    text = path.read_text(encoding="utf-8")
    records = list(read_agenda(text, source="doc", config=CONFIG, account=account))
    return records, account


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_layout_gives_its_decisions_rejections_and_notices(name: str) -> None:
    records, _ = read(LAYOUTS / name)
    expected = EXPECTED[name]
    decisions = [record for record in records if isinstance(record, Decision)]
    assert [(d.diary_number, d.kind, d.parties) for d in decisions] == expected.decisions
    rejected = [record for record in records if isinstance(record, Rejected)]
    assert [int(r.source.rsplit(":", 1)[1]) for r in rejected] == expected.rejected
    assert sum(isinstance(record, Notice) for record in records) == expected.notices


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_line_of_a_list_is_accounted_for(name: str) -> None:
    _, account = read(LAYOUTS / name)
    assert account.list_found
    assert sum(account.lines.values()) == account.section_lines > 0


def test_a_run_of_spaces_never_becomes_a_dash_in_the_boards_sentence() -> None:
    records, _ = read(LAYOUTS / "l9_ks_columns.txt")
    wordings = [record.wording for record in records if isinstance(record, Decision)]
    assert wordings[0] == "Bidrag Nordanå Idrottsförening KS 2024/610."
    assert not any(wording and "–" in wording for wording in wordings)


def test_an_unknown_leading_kind_word_is_kept_as_the_kind(delreg: Invoke, database: Path) -> None:
    delreg("import", str(LAYOUTS / "l9_run_fields.txt"))
    shown = json.loads(delreg("show", "RUN 2024/340", "--format", "json").stdout)
    assert shown["kind"] == "markanvisningsbeslut"
    report = delreg("report", "--month", "2024-08", "--format", "md")
    assert report.exit_code == 0, report.stderr
    with sqlite3.connect(database) as connection:
        kinds = dict(connection.execute("SELECT name, label FROM kinds"))
    assert kinds["foretagsutvecklingsbidrag"] == "Företagsutvecklingsbidrag"
    assert kinds["markanvisningsbeslut"] == "Markanvisningsbeslut"
    listed = json.loads(delreg("list", "--kind", "markanvisningsbeslut", "--format", "json").stdout)
    assert [row["diary_number"] for row in listed] == ["RUN 2024/340"]
    assert delreg("list", "--kind", "markanvisning").exit_code != 0  # a typo is still one


# --- the import's account, over every invented document -----------------------------------------

EVERY_DOCUMENT = sorted([*LAYOUTS.glob("*.txt"), *AGENDAS.glob("*.txt"), SEED])


@pytest.mark.parametrize("path", EVERY_DOCUMENT, ids=lambda path: path.name)
def test_items_seen_are_stored_rejected_or_notices(
    path: Path, delreg: Invoke, database: Path
) -> None:
    result = delreg("import", str(path), "--skip-invalid", "--json")
    summary = json.loads(result.stdout)
    items = summary["items"]
    stored = summary["inserted"] + summary["updated"] + summary["unchanged"]
    assert items["seen"] == stored + len(summary["rejected"]) + summary["notices"]
    assert items["decisions"] == stored
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT count(*) FROM decisions").fetchone()[0] if stored else 0
    assert rows == stored
    (one,) = summary["inputs"]
    assert (
        sum(value for key, value in one["lines"].items() if key != "total") == one["lines"]["total"]
    )
    if one["list_found"] or items["seen"]:
        assert f"read {items['seen']} items from {path}" in result.stderr
    else:  # "mention_only.txt" names diary numbers in other agenda points: no list at all
        assert f"delreg: warning: {path}: no list of decisions found" in result.stderr
        assert result.exit_code == 1
    if path.parent == LAYOUTS:
        expected = EXPECTED[path.name]
        lost = expected.written - stored - len(summary["rejected"]) - summary["notices"]
        assert lost == 0
        assert result.exit_code == (1 if expected.rejected else 0)


# --- a file with no list at all -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("README.md", "# Vallby\n\nEtt verktyg för kommunens diarium. Se KS 2024/12.\n"),
        ("config.toml", '[register]\nboard = "Socialnämnden"\n\n[numbers]\nx = 1\n'),
        ("tom.txt", ""),
    ],
)
def test_a_file_with_no_list_warns_and_exits_1(
    name: str, content: str, delreg: Invoke, database: Path, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = delreg("import", str(path), "--json")
    assert result.exit_code == 1
    assert f"delreg: warning: {path}: no list of decisions found" in result.stderr
    assert "Anmälningsärenden" in result.stderr  # what was looked for
    assert json.loads(result.stdout)["items"]["seen"] == 0


def test_empty_standard_input_warns_and_exits_1(delreg: Invoke) -> None:
    result = delreg("import", "-", input="")
    assert result.exit_code == 1
    assert "<stdin>: no list of decisions found" in result.stderr


def test_an_empty_report_is_a_list_and_no_warning(delreg: Invoke) -> None:
    result = delreg("import", str(AGENDAS / "empty_report.txt"))
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # Rows a case system prints, each number above its text, the first just under the
        # heading: the first was taken for the point's own number and title, and lost.
        (
            "Anmälan av delegationsbeslut\n\nSBN 2024/31\nBygglov för nybyggnad av förråd\n\n"
            "SBN 2024/37\nRivningslov för ekonomibyggnad\n",
            ["SBN 2024/31", "SBN 2024/37"],
        ),
        # The point's own number, labelled, above items whose numbers are not: it stays out.
        (
            "§ 34 Anmälan av delegationsbeslut\nDnr SN 2024/3\nSocialnämnden noterar anmälan\n\n"
            "SN 2024/88\nAvstängning av leverantör\n\nSN 2024/89\nBygglov för förråd\n",
            ["SN 2024/88", "SN 2024/89"],
        ),
    ],
    ids=["numbers above their text", "the point's own number"],
)
def test_the_first_of_items_written_number_first_is_an_item_like_the_rest(
    text: str, numbers: list[str]
) -> None:
    records = list(read_agenda(text, source="doc", config=CONFIG))
    assert [r.diary_number for r in records if isinstance(r, Decision)] == numbers


NOTICE_OF_MEETING = (
    "Kallelse till Socialnämndens sammanträde 2024-04-17\n\n"
    "6. Ekonomisk uppföljning mars 2024\n"
    "7. Anmälan av delegationsbeslut\n"
    "{under}"
    "8. Information från förvaltningen\n"
    "9. Övriga frågor\n"
)


def test_a_lists_heading_with_nothing_under_it_warns_with_its_line_and_exits_1(
    delreg: Invoke, tmp_path: Path
) -> None:
    """A notice of the meeting names the point and leaves its list to an attachment: zero
    decisions, said as a plain summary, would read as a month without decisions."""
    path = tmp_path / "kallelse.txt"
    path.write_text(NOTICE_OF_MEETING.format(under=""), encoding="utf-8")
    result = delreg("import", str(path), "--json")
    assert result.exit_code == 1
    assert (
        f"delreg: warning: {path}:4: nothing stands under the heading "
        "'7. Anmälan av delegationsbeslut'" in result.stderr
    )
    assert "attachment" in result.stderr
    (account,) = json.loads(result.stdout)["inputs"]
    assert account["empty_heading"] == {
        "source": f"{path}:4",
        "heading": "7. Anmälan av delegationsbeslut",
    }
    assert account["list_found"] is True


@pytest.mark.parametrize(
    "under",
    [
        "Inga delegationsbeslut har anmälts till dagens sammanträde.\n",
        "1. Beslut om avstängning av leverantör, SN 2024/88\n",
        # An item it cannot register is the list's too: rejected, with its line.
        "1. Beslut om avstängning av leverantör\n",
    ],
    ids=["nothing reported", "an item", "a rejected item"],
)
def test_a_heading_with_its_list_or_a_statement_that_nothing_is_reported_is_no_warning(
    delreg: Invoke, tmp_path: Path, under: str
) -> None:
    path = tmp_path / "kallelse.txt"
    path.write_text(NOTICE_OF_MEETING.format(under=under), encoding="utf-8")
    result = delreg("import", str(path), "--json")
    assert "nothing stands under the heading" not in result.stderr
    (account,) = json.loads(result.stdout)["inputs"]
    assert "empty_heading" not in account


def test_a_heading_in_the_table_of_contents_is_no_warning_when_the_list_follows(
    delreg: Invoke, tmp_path: Path
) -> None:
    contents = NOTICE_OF_MEETING.format(under="")
    body = "\n7. Anmälan av delegationsbeslut\n1. Beslut om hemtjänst, SN 2024/12\n"
    path = tmp_path / "kallelse.txt"
    path.write_text(contents + body, encoding="utf-8")
    result = delreg("import", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr


# --- a random register rendered in each layout reads back -----------------------------------------

KINDS = {
    # kind: (the word that stands first, who it may concern)
    "foretagsutvecklingsbidrag": ("Företagsutvecklingsbidrag", True),
    "bidrag": ("Bidrag", True),
    "programbeslut": ("Programbeslut", False),
    "byggnadsinvestering": ("Byggnadsinvestering", False),
    "kollektivavtal": ("Kollektivavtal", True),
    "forordnande": ("Förordnande", False),
    "anstallning": ("Anställning", False),
    "vidaredelegering": ("Vidaredelegering", False),
    "markanvisningsbeslut": ("Markanvisningsbeslut", True),
}
PARTIES = [
    "Nordlyset Turism AB",
    "Fjällgården Konferens AB",
    "Föreningen Gläntan",
    "Österfjälls kommun",
    "Vallby Ridklubb ideell förening",
    "Kommunal",
    "Vision",
    "Stiftelsen Gårdsbo",
]
SUBJECTS = [
    "Ombyggnad av kök i hus 4",
    "Ny ambulansstation i Vallby",
    "sommarläger för unga",
    "Tillförordnad enhetschef för mottagningsenheten",
    "lokalt avtal om arbetstid",
]
PREFIXES = ["RS", "KS", "SN", "RUN", "BUN"]


@dataclass(frozen=True)
class Planned:
    diary_number: str
    kind: str
    party: str | None
    subject: str

    def item(self) -> str:
        word, concerns = KINDS[self.kind]
        parts = [word, *([self.party] if self.party and concerns else []), self.subject]
        return " – ".join(parts) + f", {self.diary_number}"

    def expected(self) -> tuple[str, str, tuple[str, ...]]:
        concerns = KINDS[self.kind][1]
        return (self.diary_number, self.kind, (self.party,) if self.party and concerns else ())


@st.composite
def registers(draw: st.DrawFn) -> list[Planned]:
    serials = draw(st.lists(st.integers(1, 9999), min_size=2, max_size=8, unique=True))
    prefix = draw(st.sampled_from(PREFIXES))
    year = draw(st.integers(2015, 2030))
    return [
        Planned(
            f"{prefix} {year}/{serial}",
            draw(st.sampled_from(sorted(KINDS))),
            draw(st.none() | st.sampled_from(PARTIES)),
            draw(st.sampled_from(SUBJECTS)),
        )
        for serial in serials
    ]


def render(planned: list[Planned], layout: str) -> str:
    items = [entry.item() for entry in planned]
    if layout == "no heading":
        body = "\n".join(f"• {item}" for item in items)
        return f"Föredragningslista\n\n• Information om budgetläget\n{body}\n• Övriga frågor\n"
    if layout == "flattened":
        body = " ".join(f"{n}. {item}" for n, item in enumerate(items, 1))
        return (
            "Protokoll § 12 Dnr KS 2024/1 Redovisning av delegationsbeslut Till nämnden "
            f"redovisas följande beslut. {body} Nämnden beslutar att lägga redovisningen till "
            "handlingarna. § 13 Övriga frågor\n"
        )
    if layout == "agenda numbers":
        letters = "ABCDEFGHIJ"
        body = "\n".join(f"{letters[n]}. {item}" for n, item in enumerate(items))
        return f"26 Budget 2025\n27 Anmälan av delegationsbeslut\n{body}\n28 Övriga frågor\n"
    if layout == "cut off":
        body = "\n".join(items)
        return f"Anmälningsärenden\n{body}\nProgrambeslut – Renovering av hus 7\n"
    if layout == "linked documents":
        # A meeting system's page: each decision a link to its document, its ending and size.
        body = "\n".join(
            item.rstrip(".") + LINK_ENDINGS[n % len(LINK_ENDINGS)] for n, item in enumerate(items)
        )
        return f"§ 34 Anmälan av delegationsbeslut\nBilagor\n{body}\n§ 35 Övriga frågor\n"
    # prose around the list
    body = "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
    return (
        "§ 8 Anmälan av delegationsbeslut\nDnr KS 2024/3\n\nUnder perioden har förvaltningen "
        "fattat 40 beslut. De redovisas nedan.\n\n"
        f"{body}\n\n4\n\nReservation\nLedamoten reserverar sig mot beslutet.\n"
    )


LAYOUT_NAMES = ["no heading", "flattened", "agenda numbers", "cut off", "prose", "linked documents"]
# How meeting systems' pages write a linked document's ending and size after its name.
LINK_ENDINGS = [
    ".pdf (245 kB)", " (PDF, 312 kB)", ".docx", " PDF (1,2 MB)", ".pdf", " (pdf 88 KB)",
    ".PDF [45 kB]", " (Word-dokument, 36 kB)", ".xlsx (20 kB)",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planned=registers(), layout=st.sampled_from(LAYOUT_NAMES))
def test_a_random_register_in_each_layout_reads_back(planned: list[Planned], layout: str) -> None:
    records = list(read_agenda(render(planned, layout), source="doc", config=CONFIG))
    decisions = [record for record in records if isinstance(record, Decision)]
    assert [(d.diary_number, d.kind, d.parties) for d in decisions] == [
        entry.expected() for entry in planned
    ]
    rejected = [record for record in records if isinstance(record, Rejected)]
    assert len(rejected) == (1 if layout == "cut off" else 0), rejected
    if layout == "linked documents":
        # The document's ending and size are no part of the decision's text.
        assert not any(
            ending.strip(" .").lower() in (decision.wording or "").lower()
            for decision in decisions
            for ending in LINK_ENDINGS
        ), [decision.wording for decision in decisions]


def test_an_export_with_no_rows_is_an_empty_list_and_no_warning(delreg: Invoke) -> None:
    # `delreg list --format json | delreg import -` on an empty register round-trips quietly.
    result = delreg("import", "-", "--format", "json", input="[]\n")
    assert result.exit_code == 0, result.stderr
    assert "read 0 items from <stdin>" in result.stderr


@pytest.mark.parametrize("bullet", ["•", "◦", "▪", "–", "-", "*", "·", "➢", "1.", "a)", "A."])
@pytest.mark.parametrize("heading", ["Anmälan av delegationsbeslut\n", ""])
def test_every_ordinary_bullet_starts_an_item(bullet: str, heading: str) -> None:
    items = [
        "Programbeslut – Ombyggnad av kök, hus 4, RS 2024/371",
        "Bidrag – Föreningen Gläntan för sommarläger, RS 2024/372",
        "Yttrande över remiss om länstrafikens plan, RS 2024/373",
    ]
    if bullet in ("1.", "a)", "A."):
        marks = [bullet.replace(bullet[0], chr(ord(bullet[0]) + n)) for n in range(3)]
    else:
        marks = [bullet] * 3
    body = "\n".join(f"{mark} {item}" for mark, item in zip(marks, items, strict=True))
    records = list(read_agenda(f"{heading}{body}\n", source="doc", config=CONFIG))
    decisions = [record for record in records if isinstance(record, Decision)]
    assert [d.diary_number for d in decisions] == ["RS 2024/371", "RS 2024/372", "RS 2024/373"]
    assert [d.kind for d in decisions] == ["programbeslut", "bidrag", "yttrande"]


# --- rules the l11 documents called for -----------------------------------------------------------

DELEGATES = ["Trafikdirektören", "Upphandlingschefen", "Kommundirektören", "Socialchefen"]
# The kind's phrase after the verb, its kind, and a subject it may take.
DATED_PHRASES = [
    ("fattat tilläggsbeslut om", "tillaggsbeslut", "förlängning av avtal"),
    ("fattat tilldelningsbeslut för", "tilldelningsbeslut", "skolskjutstrafik i Norrby"),
    ("tecknat avtal om", "avtal", "sjukresor"),
    ("lämnat yttrande över", "yttrande", "remiss om kollektivtrafik"),
    ("beslutat om förordnande av", "forordnande", "tillförordnad socialchef"),
]
MONTH_WORDS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december"]  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    delegate=st.sampled_from(DELEGATES),
    phrase=st.sampled_from(DATED_PHRASES),
    day=st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    form=st.sampled_from(["iso", "words", "dotted", "slashed"]),
    before_verb=st.booleans(),
    labelled=st.booleans(),
)
def test_a_day_beside_the_verb_is_the_decisions_and_no_part_of_its_subject(
    delegate: str,
    phrase: tuple[str, str, str],
    day: date,
    form: str,
    before_verb: bool,
    labelled: bool,
) -> None:
    """ "… har fattat 2024-01-12 tilläggsbeslut om …", "… har den 12 januari 2024 fattat …",
    "… har 12.1.2024 fattat …", "… har 12/1 2024 fattat …" read as the sentence without the
    day does, and the day is the decision's."""
    words, kind, subject = phrase
    verb, rest = words.split(" ", 1)
    written = written_day(day, form)
    said = f"{written} {verb} {rest}" if before_verb else f"{verb} {written} {rest}"
    number = f"dnr TN {day.year}/12" if labelled else f"TN {day.year}/12"
    undated = f"{delegate} har {words} {subject}, {number}."
    dated = f"{delegate} har {said} {subject}, {number}."
    plain, read_ = one_decision(undated), one_decision(dated)
    assert (read_.kind, read_.subject, read_.delegate) == (kind, plain.subject, delegate)
    assert plain.kind == kind
    assert read_.decided_on == day.isoformat()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    delegate=st.sampled_from(DELEGATES),
    phrase=st.sampled_from(DATED_PHRASES),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    form=st.sampled_from(["compact", "compact8"]),
)
def test_a_day_without_dashes_between_har_and_the_verb_is_the_decisions(
    delegate: str, phrase: tuple[str, str, str], day: date, form: str
) -> None:
    """ "Kommundirektören har 240108 beslutat om …": six or eight digits where a day stands
    (after "har", before the verb) are the day, and no part of the subject."""
    words, kind, subject = phrase
    plain = one_decision(f"{delegate} har {words} {subject}, KS 2024/12.")
    read_ = one_decision(f"{delegate} har {written_day(day, form)} {words} {subject}, KS 2024/12.")
    assert (read_.kind, read_.subject, read_.delegate) == (kind, plain.subject, delegate)
    assert read_.decided_on == day.isoformat()


@pytest.mark.parametrize(
    ("item", "subject"),
    [
        # No valid day: the number stays where it was written.
        ("Kommundirektören har 240230 beslutat om yttrande över remiss, KS 2024/12",
         "240230 beslutat om yttrande över remiss"),
        # Six digits elsewhere are a serial or an amount, not the day.
        ("Kommundirektören har beslutat om yttrande över remiss 240108, KS 2024/12",
         "remiss 240108"),
        ("Kommundirektören har beslutat om bidrag med 240108 kr till Vallby IF, KS 2024/12",
         "med 240108 kr till Vallby IF"),
    ],
)  # fmt: skip
def test_six_digits_where_no_day_stands_are_no_day(item: str, subject: str) -> None:
    decision = one_decision(item)
    assert decision.decided_on is None
    assert subject in decision.subject


def written_day(day: date, form: str) -> str:
    """``day`` as agendas write it: "2024-01-12", "den 12 januari 2024", "12.1.2024",
    "12/1 2024", or after a label "240112"."""
    return {
        "iso": day.isoformat(),
        "words": f"den {day.day} {MONTH_WORDS[day.month - 1]} {day.year}",
        "dotted": f"{day.day}.{day.month}.{day.year}",
        "slashed": f"{day.day}/{day.month} {day.year}",
        "compact": day.strftime("%y%m%d"),
        "compact8": day.strftime("%Y%m%d"),
    }[form]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    form=st.sampled_from(["iso", "words", "dotted", "slashed", "compact", "compact8"]),
    where=st.sampled_from(["labelled", "last", "first"]),
)
def test_a_day_in_any_written_form_is_the_day_it_was_decided(
    day: date, form: str, where: str
) -> None:
    """A day after a label ("Beslutsdatum: 240315"), last after the diary number, or first in
    the item, in each form agendas write it (a day without dashes only after a label)."""
    if form.startswith("compact"):
        where = "labelled"
    written = written_day(day, form)
    item = {
        "labelled": f"Beslut om färdtjänst, beslutsdatum: {written}, SN 2024/12",
        "last": f"Beslut om färdtjänst, SN 2024/12, {written}",
        "first": f"{written} Beslut om färdtjänst, SN 2024/12",
    }[where]
    decision = one_decision(item)
    assert (decision.diary_number, decision.decided_on) == ("SN 2024/12", day.isoformat())
    assert decision.subject == "färdtjänst"


def one_decision(item: str) -> Decision:
    """The one decision of a list holding ``item`` alone."""
    text = f"Anmälan av delegationsbeslut\n\n1. {item}\n\n§ 9 Övriga frågor\n"
    records = list(read_agenda(text, source="doc", config=CONFIG))
    (decision,) = [record for record in records if isinstance(record, Decision)]
    return decision


RECIPIENTS = [
    "Föreningen Solrosen",
    "Vallby Schackklubb",
    "Studieförbundet Norrljus",
    "Norrby IF",
    "Nordanå Hembygdsförening",
    "Region Norrland",
    "Vallby Ridklubb ideell förening",
    "Stiftelsen Gårdsbo",
]
# A grant's phrase, its kind, and what the subject keeps of the phrase.
GRANTS = [
    ("beslutat om bidrag till", "bidrag", ""),
    ("beviljat föreningsbidrag till", "bidrag", "föreningsbidrag"),
    ("beviljat verksamhetsbidrag till", "bidrag", "verksamhetsbidrag"),
    ("beslutat om stöd till", "beslut", "stöd"),
    ("beviljat anslag till", "beslut", "anslag"),
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    recipient=st.sampled_from(RECIPIENTS),
    grant=st.sampled_from(GRANTS),
    purpose=st.sampled_from(["", " för sommarläger", " med 25 000 kr", ", avseende 2024"]),
    capital=st.booleans(),
)
def test_who_receives_a_grant_is_its_party_and_no_part_of_its_subject(
    recipient: str, grant: tuple[str, str, str], purpose: str, capital: bool
) -> None:
    words, kind, kept = grant
    name = recipient if capital else recipient.lower()
    decision = one_decision(f"Kultur- och fritidschefen har {words} {name}{purpose}, KFN 2024/3.")
    assert decision.kind == kind
    if not capital:
        # "bidrag till föreningen solrosen": a lower-case word after "till" names no one.
        assert decision.parties == ()
        assert name in decision.subject
        return
    assert decision.parties == (recipient,)
    assert recipient not in decision.subject
    assert kept in decision.subject
    assert purpose.rsplit(" ", 1)[-1] in decision.subject


ROW_SUBJECTS = [
    "Strandskyddsdispens för brygga, Sjövik 1:7",
    "Rivningslov för ekonomibyggnad, Berga 5:1",
    "Startbesked för nybyggnad av garage",
    "Tillfälligt serveringstillstånd för Sommarfesten",
]
ROW_NUMBERS = ["BYGG.2024.{n}", "MBN 2024-{n}", "B 2024-000{n}", "SBN/2024:{n}", "KS 2024/{n}"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(ROW_SUBJECTS),
            st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
            st.none() | st.sampled_from(["bygglovshandläggare", "Miljöinspektör"]),
        ),
        min_size=2,
        max_size=6,
    ),
    shape=st.sampled_from(ROW_NUMBERS),
    title=st.none() | st.sampled_from(["Bygglovsingenjör", "Upphandlingschef"]),
)
def test_rows_that_end_with_their_number_and_day_are_one_decision_each(
    rows: list[tuple[str, date, str | None]], shape: str, title: str | None
) -> None:
    """Unmarked rows "subject, number[, who], day" that start like no decision: each is one."""
    numbers = [shape.format(n=100 + index) for index in range(len(rows))]
    lines = [
        ", ".join([subject, number, *([who] if who else []), day.isoformat()])
        for (subject, day, who), number in zip(rows, numbers, strict=True)
    ]
    head = f"{title}\n" if title else ""
    text = "Redovisning av delegeringsbeslut\n\n" + head + "\n".join(lines) + "\n\n§ 9 Övrigt\n"
    records = list(read_agenda(text, source="doc", config=CONFIG))
    decisions = [record for record in records if isinstance(record, Decision)]
    assert [d.diary_number for d in decisions] == numbers
    assert [d.decided_on for d in decisions] == [day.isoformat() for _, day, _ in rows]
    assert [d.delegate for d in decisions] == [who or title for _, _, who in rows]
    assert not [record for record in records if isinstance(record, Rejected)]


PDF_ITEMS = [
    "Förvaltningschefen har fattat tilldelningsbeslut för upphandling av skolskjutstjänster",
    "Rektor har beslutat om mottagande av elev i grundsärskola",
    "Förvaltningschefen har tecknat avtal med Läromedelshuset Norr AB om digitala läromedel",
    "Kommundirektören har lämnat yttrande över remiss om regional utvecklingsstrategi",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(st.sampled_from(PDF_ITEMS), min_size=1, max_size=4),
    cuts=st.lists(st.integers(20, 90), min_size=4, max_size=4),
    margin=st.none() | st.integers(1, 400),
)
def test_text_copied_from_a_pdf_reads_as_the_list_it_was(
    items: list[str], cuts: list[int], margin: int | None
) -> None:
    """Each item broken over two lines inside a word (a hyphen at the break) or between words,
    each line numbered in the margin or not: the same decisions as the items on a line each."""
    plain = [f"{item}, BUN 2024/{n}." for n, item in enumerate(items, 1)]
    lines: list[str] = []
    for item, cut in zip(plain, cuts, strict=False):
        at = min(cut, len(item) - 20)
        # A PDF breaks a word with two letters or more on either side of the hyphen.
        broken = item[at - 2 : at].isalpha() and item[at : at + 2].isalpha()
        if not broken and (item[at - 1].isalpha() and item[at].isalpha()):
            at = item.rfind(" ", 0, at) + 1
        lines += [item[:at] + ("-" if broken else ""), item[at:].lstrip()]
    assert one_list(lines, margin) == one_list(plain)


def one_list(
    lines: list[str], margin: int | None = None
) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    """The decisions of a list of ``lines``; each line of the page numbered from ``margin``
    (a line left empty too: the number alone) where given."""
    page = ["Anmälningsärenden", "", *lines, "", "§ 19 Övriga frågor"]
    if margin is not None:
        page = [f"{margin + n}  {line}".rstrip() for n, line in enumerate(page)]
    records = list(read_agenda("\n".join(page) + "\n", source="doc", config=CONFIG))
    assert all(isinstance(record, Decision) for record in records), records
    return [
        (r.diary_number, r.subject, r.delegate, r.parties)
        for r in records
        if isinstance(r, Decision)
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=st.lists(
        st.tuples(
            st.sampled_from(["Beslut enligt SoL 4 kap. 1 §", "Beslut om färdtjänst", "Avslag LSS"]),
            st.sampled_from(["januari 2024", "vecka 12", "perioden 1–31 mars"]),
            st.integers(0, 99_999),
            st.sampled_from(["{text}, {when}: {n} beslut", "Antal beslut, {when}: {n}",
                             "{text} ({when}): {n} st beslut"]),
        ),
        min_size=1,
        max_size=5,
        # The same line twice is the list printed twice: one notice (see l4_run_inline_notices).
        unique_by=lambda count: count[3].format(text=count[0], when=count[1], n=count[2]),
    ),
    numbered=st.booleans(),
)  # fmt: skip
def test_decisions_counted_are_notices_each_never_lost_nor_rejected(
    counts: list[tuple[str, str, int, str]], numbered: bool
) -> None:
    lines = [form.format(text=text, when=when, n=n) for text, when, n, form in counts]
    marked = [f"{index}. {line}" if numbered else line for index, line in enumerate(lines, 1)]
    text = (
        "Anmälan av delegationsbeslut\n\n" + "\n".join(marked) + "\n"
        "Socialchefen har beslutat om ändrade öppettider, SN 2024/12.\n\n§ 9 Övrigt\n"
    )
    records = list(read_agenda(text, source="doc", config=CONFIG))
    assert [record.text for record in records if isinstance(record, Notice)] == lines
    assert [r.diary_number for r in records if isinstance(r, Decision)] == ["SN 2024/12"]
    assert not [record for record in records if isinstance(record, Rejected)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.sampled_from(["miljöinspektör", "socialchef", "verksamhetschef äldreomsorg",
                           "Bygglovshandläggare", "fritidskonsulent", "socialnämndens ordförande"]),
    subject=st.sampled_from(["ändrad öppettid för träffpunkten Linden",
                             "föreläggande om ventilation, Skolan 1:4"]),
    number_first=st.booleans(),
    stop=st.sampled_from(["", "."]),
)  # fmt: skip
def test_who_decided_in_parentheses_last_is_the_delegate(
    title: str, subject: str, number_first: bool, stop: str
) -> None:
    if number_first:
        item = f"Dnr MBN 2024/301: Beslut om {subject} ({title}){stop}"
    else:
        item = f"Beslut om {subject}, MBN 2024/301 ({title}){stop}"
    decision = one_decision(item)
    assert (decision.diary_number, decision.delegate, decision.subject) == (
        "MBN 2024/301",
        title,
        subject,
    )


@pytest.mark.parametrize(
    "item",
    [
        "Beslut om ledsagning (sekretess), SN 2024/12",
        "Beslut om bidrag till Föreningen Ljuset (delegationspunkt 3.2), SN 2024/12",
        "Beslut om hyra av lokal för föreningen (Vallby Ridklubb), SN 2024/12",
    ],
)
def test_words_in_parentheses_that_name_no_title_are_no_delegate(item: str) -> None:
    assert one_decision(item).delegate is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(
        st.sampled_from(["förordnande av tillförordnad kommundirektör under semester",
                         "yttrande över remiss om regional transportplan",
                         "avtal med Vallby Energi AB om laddstolpar",
                         "beslut om avskrivning av fordringar"]),
        min_size=2,
        max_size=6,
    ),
    lead=st.sampled_from(["Följande beslut redovisas: ", "Följande beslut anmäls: ", ""]),
    parenthesised=st.booleans(),
)  # fmt: skip
def test_decisions_listed_between_semicolons_are_one_each(
    parts: list[str], lead: str, parenthesised: bool
) -> None:
    numbers = [f"KS 2024/{300 + index}" for index in range(len(parts))]
    written = [
        f"{part} ({number})" if parenthesised else f"{part}, {number}"
        for part, number in zip(parts, numbers, strict=True)
    ]
    sentence = lead + "; ".join(written) + "."
    text = f"§ 52 Redovisning av delegationsbeslut\n\n{sentence}\n\n§ 53 Övriga frågor\n"
    records = list(read_agenda(text, source="doc", config=CONFIG))
    assert [r.diary_number for r in records if isinstance(r, Decision)] == numbers
    assert not [record for record in records if isinstance(record, Rejected)]
    for decision in records:
        assert isinstance(decision, Decision)
        assert "KS 2024/" not in decision.subject
        assert "Följande" not in decision.subject


@pytest.mark.parametrize(
    ("item", "number", "subject"),
    [
        ("Beslut om tillfällig lokalhyra, Dnr 2024.123", "2024.123", "tillfällig lokalhyra"),
        ("Beslut om tillfällig lokalhyra (Dnr: 2024.123-2)", "2024.123-2", "tillfällig lokalhyra"),
    ],
)
def test_a_labelled_year_and_serial_after_a_dot_is_read_as_written(
    item: str, number: str, subject: str
) -> None:
    decision = one_decision(item)
    assert (decision.diary_number, decision.subject) == (number, subject)


SUB_ITEM_SUBJECTS = [
    "skolskjuts för elev vid Norrby skola",
    "tilläggsbelopp för elev i Åby",
    "mottagande i grundsärskola",
    "Vallby musikskolas avgifter",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    point=st.integers(1, 20),
    subjects=st.lists(st.sampled_from(SUB_ITEM_SUBJECTS), min_size=1, max_size=5),
    wrapped=st.booleans(),
)
def test_an_agenda_points_sub_numbers_are_its_items_markers(
    point: int, subjects: list[str], wrapped: bool
) -> None:
    # "5.1 Beslut om …": the sub-number is the item's marker, never its subject's; a line that
    # goes on from the one before with a number ("3.4 i delegationsordningen") starts no item.
    tail = "enligt punkt\n3.4 i delegationsordningen" if wrapped else ""
    items = "".join(
        f"{point}.{n} Beslut om {subject} {tail}, BUN 2024/{n:04d}\n"
        for n, subject in enumerate(subjects, start=1)
    )
    text = f"{point}. Anmälan av delegationsbeslut\n{items}\n{point + 1}. Övriga frågor\n"
    records = list(read_agenda(text, source="doc", config=CONFIG))
    decisions = [record for record in records if isinstance(record, Decision)]
    assert [(d.diary_number, d.subject) for d in decisions] == [
        (f"BUN 2024/{n:04d}", subject) for n, subject in enumerate(subjects, start=1)
    ]
    assert len(records) == len(subjects)


def test_a_point_written_first_is_the_items_delegation_point() -> None:
    records, _ = read(LAYOUTS / "l13_ks_points_first.txt")
    points = [r.delegation_point for r in records if isinstance(r, Decision)]
    assert points == ["15.3", "4.2", "2.1"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    points=st.lists(
        st.tuples(st.integers(1, 20), st.integers(1, 12)), min_size=1, max_size=4, unique=True
    ),
    marker=st.sampled_from(["• ", "- ", "{n}. ", ""]),
    numbered_heading=st.booleans(),
)
def test_a_point_of_the_delegationsordning_first_is_no_sub_items_marker(
    points: list[tuple[int, int]], marker: str, numbered_heading: bool
) -> None:
    # "• 15.3 Kommundirektören har …", "1. 15.3 …", or "15.3 …" alone where the numbers do not
    # run as an agenda point's sub-items (5.1, 5.2 under "5. …"): the point, and the delegate
    # read after it. Under "21. …", no point numbers the agenda's (points stop at 20).
    if not marker and (points[0][1] == 1 or numbered_heading):
        points = [(point, sub + 1) for point, sub in points]  # no run that starts at .1
        if len(set(points)) < len(points):
            return
    lines = "".join(
        f"{marker.format(n=n)}{point}.{sub} Kommundirektören har beslutat om yttrande över "
        f"remiss nr {n}, KS 2024/{n}\n"
        for n, (point, sub) in enumerate(points, start=1)
    )
    heading = (
        "21. Anmälan av delegationsbeslut" if numbered_heading else "Anmälan av delegationsbeslut"
    )
    text = f"{heading}\n\n{lines}\nÖvriga frågor\n"
    decisions = [
        r for r in read_agenda(text, source="doc", config=CONFIG) if isinstance(r, Decision)
    ]
    assert [(d.delegation_point, d.delegate, d.subject) for d in decisions] == [
        (f"{point}.{sub}", "Kommundirektören", f"remiss nr {n}")
        for n, (point, sub) in enumerate(points, start=1)
    ]


@pytest.mark.parametrize(
    "title", ["Skolkurator", "Nämndsekreterare", "Kultursamordnare", "Digitaliseringsstrateg",
              "Förvaltningscontroller"],
)  # fmt: skip
def test_a_title_ending_so_names_who_decided(title: str) -> None:
    decision = one_decision(f"Beslut om stödsamtal för elev – {title}, BUN 2024/31")
    assert (decision.subject, decision.delegate) == ("stödsamtal för elev", title)


ROW_TITLES = ["Enhetsledare", "Förste bibliotekarie", "Fältkurator", "Badmästare", "Kanslist"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(SUB_ITEM_SUBJECTS),
            st.dates(date(2020, 1, 1), date(2030, 12, 31)),
            st.sampled_from(ROW_TITLES),
        ),
        min_size=1,
        max_size=5,
    ),
    gap=st.sampled_from(["\t", "   "]),
)  # fmt: skip
def test_the_last_cell_after_the_date_of_a_row_is_who_decided(
    rows: list[tuple[str, date, str]], gap: str
) -> None:
    lines = "".join(
        f"KFN 2024/{n}{gap}{subject.capitalize()}{gap}{day.isoformat()}{gap}{title}\n"
        for n, (subject, day, title) in enumerate(rows, start=1)
    )
    text = f"Anmälan av delegationsbeslut\n\n{lines}\nÖvriga frågor\n"
    decisions = [
        r for r in read_agenda(text, source="doc", config=CONFIG) if isinstance(r, Decision)
    ]
    assert [(d.subject, d.delegate, d.decided_on) for d in decisions] == [
        (subject.capitalize(), title, day.isoformat()) for subject, day, title in rows
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    adjective=st.sampled_from(["lokalt", "nytt", "tillfälligt", "förlängt", "reviderat", ""]),
    kind=st.sampled_from([("kollektivavtal", "Vision"), ("avtal", "Vallby Städ AB")]),
    delegate=st.sampled_from(DELEGATES),
    subject=st.sampled_from(["flextid", "städtjänster i Norrby", "arbetstid för lärare"]),
)
def test_a_word_saying_which_agreement_is_cut_with_the_kinds_word(
    adjective: str, kind: tuple[str, str], delegate: str, subject: str
) -> None:
    word, party = kind
    phrase = f"{adjective} {word}".strip()
    decision = one_decision(
        f"{delegate} har tecknat {phrase} med {party} om {subject}, KS 2024/131."
    )
    assert (decision.kind, decision.subject, decision.parties) == (word, subject, (party,))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    compound=st.sampled_from(["hyres", "ram", "samverkans", "tjänste", "leasing", "service"]),
    adjective=st.sampled_from(["nytt", "förlängt", ""]),
    party=st.sampled_from(["Fastighets AB Norrporten", "Region Norrland", "Norrdata AB"]),
    subject=st.sampled_from(["lokaler för hemtjänsten", "drift av e-post", "kontorsmaterial"]),
    first=st.booleans(),
)
def test_an_agreement_named_by_a_compound_reads_as_avtal(
    compound: str, adjective: str, party: str, subject: str, first: bool
) -> None:
    # "tecknat hyresavtal med … om …" as "tecknat avtal med … om …": the compound's kind word
    # is the kind's, and no part of the subject; so where the compound stands first.
    phrase = f"{adjective} {compound}avtal".strip()
    item = (
        f"{phrase.capitalize()} med {party} om {subject}, KS 2024/88"
        if first
        else f"Ekonomichefen har tecknat {phrase} med {party} om {subject}, KS 2024/88."
    )
    decision = one_decision(item)
    assert (decision.kind, decision.subject, decision.parties) == ("avtal", subject, (party,))


@pytest.mark.parametrize(
    ("item", "kind", "subject", "parties"),
    [
        # A grant's compound says which grant: it stays in the subject.
        ("Kultursekreteraren har beviljat föreningsbidrag till Vallby IF för ungdomsverksamhet, "
         "KFN 2024/95", "bidrag", "föreningsbidrag för ungdomsverksamhet", ("Vallby IF",)),
        # The kind's word inside a longer word, or a compound later in the sentence: as before.
        ("Ekonomichefen har tecknat avtal om hyresavtalsförlängning med Fastighets AB "
         "Norrporten, KS 2024/97", "avtal", "hyresavtalsförlängning",
         ("Fastighets AB Norrporten",)),
        ("Ekonomichefen har beslutat om uppsägning av hyresavtal med Fastighets AB Norrporten, "
         "KS 2024/98", "avtal", "uppsägning av hyresavtal", ("Fastighets AB Norrporten",)),
        # No party after it: the compound says what was agreed.
        ("Hyresavtal för fritidsgården, KS 2024/99", "avtal", "Hyresavtal för fritidsgården", ()),
    ],
)  # fmt: skip
def test_a_compound_is_cut_only_where_the_kinds_word_stands(
    item: str, kind: str, subject: str, parties: tuple[str, ...]
) -> None:
    decision = one_decision(item)
    assert (decision.kind, decision.subject, decision.parties) == (kind, subject, parties)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.sampled_from(["jfr", "jfr.", "se", "se även", "tidigare dnr", "ersätter beslut i"]),
    other=st.sampled_from(["KS 2023/45", "KS 2022/1275", "23KS145"]),
    sentence=st.booleans(),
)
def test_a_reference_in_parentheses_to_another_case_is_no_part_of_the_subject(
    words: str, other: str, sentence: bool
) -> None:
    item = (
        f"Ekonomichefen har tecknat avtal med Vallby Städ AB om städtjänster ({words} {other}), "
        "KS 2024/77."
        if sentence
        else f"Beslut om ändrad taxa för städtjänster ({words} {other}), KS 2024/77"
    )
    decision = one_decision(item)
    expected = "städtjänster" if sentence else "ändrad taxa för städtjänster"
    assert (decision.diary_number, decision.subject) == ("KS 2024/77", expected)


def test_parentheses_that_refer_to_no_case_stay_in_the_subject() -> None:
    decision = one_decision("Beslut om ny taxa (se bilaga 2), KS 2024/82")
    assert decision.subject == "ny taxa (se bilaga 2)"


@pytest.mark.parametrize(
    ("item", "parties"),
    [
        ("Beslut att inte lämna ut allmän handling (begäran om e-post mellan förvaltningen och "
         "en entreprenör), KS 2024/66", ()),
        ("Beslut att inte lämna ut allmän handling om e-post mellan förvaltningen och en "
         "entreprenör, KS 2024/66", ()),
        ("Beslut om samverkan (mellan Vallby kommun och Åby Energi AB), KS 2024/66", ()),
        # Names: the parties, as before.
        ("Beslut om samverkan mellan Vallby kommun och Åby Energi AB, KS 2024/66",
         ("Vallby kommun", "Åby Energi AB")),
    ],
)  # fmt: skip
def test_mellan_names_parties_only_outside_parentheses_and_with_names(
    item: str, parties: tuple[str, ...]
) -> None:
    decision = one_decision(item)
    assert decision.parties == parties
    if not parties:
        assert "mellan" in decision.subject


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.sampled_from(["Kommundirektören", "Ekonomichefen", "Upphandlingschefen",
                           "Kommunstyrelsens ordförande", "Socialsekreteraren"]),
    form=st.sampled_from(["{g} beslut", "{g} delegationsbeslut", "Beslut fattade av {t}"]),
    count=st.integers(1, 4),
)  # fmt: skip
def test_a_heading_naming_whose_decisions_follow_names_who_decided_them(
    title: str, form: str, count: int
) -> None:
    genitive = title + "s" if not title.endswith("s") else title
    heading = form.format(g=genitive, t=title.lower())
    rows = "".join(f"KS 2024/{n} Avskrivning av fordran nr {n}\n" for n in range(1, count + 1))
    # A group of no one's after it: its heading names no one, and so no one decided its item.
    others = "Övriga beslut\nKS 2024/99 Avskrivning av fordran\n"
    text = f"Anmälan av delegationsbeslut\n\n{heading}\n{rows}\n{others}\n§ 9 Övriga frågor\n"
    decisions = [
        r for r in read_agenda(text, source="doc", config=CONFIG) if isinstance(r, Decision)
    ]
    who = title.lower() if form.startswith("Beslut") else title
    assert [d.delegate for d in decisions] == [who] * count + [None]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.sampled_from(["förvaltningen", "kommunen", "Vallby kommun", "Åby Energi AB"]),
    second=st.sampled_from(["en entreprenör", "ett bolag", "Norrby Bygg AB", "regionen"]),
    parenthesised=st.booleans(),
)
def test_mellan_names_parties_only_where_both_are_names_outside_parentheses(
    first: str, second: str, parenthesised: bool
) -> None:
    clause = f"om e-post mellan {first} och {second}"
    written = f"(begäran {clause})" if parenthesised else clause
    decision = one_decision(f"Beslut att inte lämna ut allmän handling {written}, KS 2024/66")
    named = first[0].isupper() and second[0].isupper()
    assert decision.parties == ((first, second) if named and not parenthesised else ())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(
            st.lists(st.sampled_from(SUB_ITEM_SUBJECTS), min_size=1, max_size=3),
            st.dates(date(2020, 1, 1), date(2030, 12, 31)),
            st.sampled_from(ROW_TITLES),
        ),
        min_size=1,
        max_size=5,
    ),
    width=st.integers(24, 40),
)  # fmt: skip
def test_a_cell_wrapped_onto_the_lines_below_its_row_keeps_the_rows_date(
    rows: list[tuple[list[str], date, str]], width: int
) -> None:
    # "SN 2024/1   Beslut om skolskjuts för elev   2024-01-15   Socialchef" / "    vid Norrby
    # skola": each row keeps its day and who decided, and its wrapped text joins its subject.
    def row(serial: str, words: str, day: str, title: str) -> str:
        return f"{serial:<14}{words:<{width + 3}}{day:<15}{title}".rstrip() + "\n"

    lines = [row("Dnr", "Ärende", "Beslutsdatum", "Delegat")]
    for n, (parts, day, title) in enumerate(rows, start=1):
        chunks = textwrap.wrap("Beslut om " + " och ".join(parts), width)
        lines.append(row(f"SN 2024/{n}", chunks[0], day.isoformat(), title))
        lines.extend(row("", chunk, "", "") for chunk in chunks[1:])
    text = f"§ 7 Anmälan av delegationsbeslut\n\n{''.join(lines)}\n§ 8 Övriga frågor\n"
    records = list(read_agenda(text, source="doc", config=CONFIG))
    assert [(r.subject, r.decided_on, r.delegate) for r in records if isinstance(r, Decision)] == [
        (" och ".join(parts), day.isoformat(), title) for parts, day, title in rows
    ]
    assert len(records) == len(rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    point=st.integers(1, 30),
    subjects=st.lists(st.sampled_from(SUB_ITEM_SUBJECTS), min_size=1, max_size=4),
    form=st.sampled_from(["{p}{l}.", "{p}{l})", "{p} {l})", "{p} {l}."]),
    indent=st.sampled_from(["", "  "]),
)
def test_an_agenda_points_lettered_items_are_one_each(
    point: int, subjects: list[str], form: str, indent: str
) -> None:
    # "7a. Trafikdirektören har …", "7 b) …": the point's number and a letter mark each item;
    # the items were read as one, and all numbers but the last were lost in its subject.
    lines = "".join(
        f"{indent}{form.format(p=point, l='abcd'[n - 1])} Trafikdirektören har beslutat om "
        f"{subject}, TN 2024-{n:05d}\n"
        for n, subject in enumerate(subjects, start=1)
    )
    text = f"Punkt {point}: Anmälan av delegationsbeslut\n{lines}\nPunkt {point + 1}: Övrigt\n"
    records = list(read_agenda(text, source="doc", config=CONFIG))
    assert [(r.diary_number, r.subject) for r in records if isinstance(r, Decision)] == [
        (f"TN 2024-{n:05d}", subject) for n, subject in enumerate(subjects, start=1)
    ]
    assert len(records) == len(subjects)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(SUB_ITEM_SUBJECTS),
            st.dates(date(2020, 1, 1), date(2030, 12, 31)),
            st.sampled_from(ROW_TITLES),
        ),
        min_size=1,
        max_size=5,
    ),
    separator=st.sampled_from(["; ", ";  "]),
)  # fmt: skip
def test_a_row_whose_cells_stand_between_semicolons_is_read_cell_by_cell(
    rows: list[tuple[str, date, str]], separator: str
) -> None:
    lines = "".join(
        separator.join([f"ÖFN 2024/{n}", subject.capitalize(), day.isoformat(), title]) + "\n"
        for n, (subject, day, title) in enumerate(rows, start=1)
    )
    text = f"Anmälan av delegationsbeslut\n\n{lines}\nÖvriga frågor\n"
    decisions = [
        r for r in read_agenda(text, source="doc", config=CONFIG) if isinstance(r, Decision)
    ]
    assert [(d.subject, d.delegate, d.decided_on) for d in decisions] == [
        (subject.capitalize(), title, day.isoformat()) for subject, day, title in rows
    ]


@pytest.mark.parametrize(
    ("item", "decided_on", "subject"),
    [
        # "beslut DATE" as the item's last part, as "beslutat DATE" was.
        ("Föreläggande om brandskydd, Norrby skola, RN 2024-0051, beslut 2024-02-09",
         "2024-02-09", "Föreläggande om brandskydd, Norrby skola"),
        # A decision of another's, dated, within the sentence: no day of this one.
        ("Yttrande över länsstyrelsens beslut 2024-01-02, RN 2024-0052", None,
         "länsstyrelsens beslut 2024-01-02"),
        # The secrecy mark after the day: the day is still the part's.
        ("Beslut om omedelbart omhändertagande, SN 2024/49, 2024-02-20 (sekretess)",
         "2024-02-20", "omedelbart omhändertagande"),
        ("Beslut om tillfällig flytt, SN 2024/52, 2024-02-27 (sekretess enligt 26 kap. 1 § OSL)",
         "2024-02-27", "tillfällig flytt"),
    ],
)  # fmt: skip
def test_the_day_in_an_items_last_part_after_its_number(
    item: str, decided_on: str | None, subject: str
) -> None:
    decision = one_decision(item)
    assert (decision.decided_on, decision.subject) == (decided_on, subject)


def test_unmarked_lines_that_end_beslut_and_a_day_are_one_decision_each() -> None:
    text = (
        "§ 12 Delegationsbeslut\n\n"
        "Tillstånd för brandfarlig vara, Åby Bilservice AB, RN 2024-0045, beslut 2024-02-02\n"
        "Föreläggande om brandskydd, Norrby skola, RN 2024-0051, beslut 2024-02-09\n"
        "Avslag på ansökan om tillstånd, RN 2024-0058, beslut 2024-02-20\n\n"
        "§ 13 Övriga frågor\n"
    )
    records = list(read_agenda(text, source="doc", config=CONFIG))
    assert [(r.diary_number, r.decided_on) for r in records if isinstance(r, Decision)] == [
        ("RN 2024-0045", "2024-02-02"),
        ("RN 2024-0051", "2024-02-09"),
        ("RN 2024-0058", "2024-02-20"),
    ]
    assert len(records) == 3


def test_a_sentence_that_says_from_when_a_decision_holds_gives_its_dates() -> None:
    records, _ = read(LAYOUTS / "l16_ks_details_after_number.txt")
    dates = {
        record.diary_number: (record.valid_from, record.valid_to)
        for record in records
        if isinstance(record, Decision)
    }
    assert dates == {
        "KS 2024/11": ("2024-02-09", None),
        "KS 2024/12": (None, "2024-06-30"),
        "KS 2024/13": ("2024-03-01", "2025-02-28"),
        "KS 2024/14": (None, None),
        "KS 2024/15": ("2024-03-01", "2025-02-28"),
        "KS 2024/16": (None, None),
    }


def test_items_under_a_point_of_the_delegationsordning_as_their_title_take_it() -> None:
    records, _ = read(LAYOUTS / "l16_sn_delegation_order_chapters.txt")
    points = [(r.diary_number, r.delegation_point) for r in records if isinstance(r, Decision)]
    assert points == [
        ("SN 2024/31", "3.2"),
        ("SN 2024/32", "3.2"),
        ("SN 2024/33", "3.4"),
        ("SN 2024/34", "5.1"),
    ]


def test_the_days_a_decision_holds_between_are_not_the_day_it_was_decided() -> None:
    records, _ = read(LAYOUTS / "l16_sn_chair_title_and_validity.txt")
    first = next(record for record in records if isinstance(record, Decision))
    assert (first.decided_on, first.valid_from, first.valid_to) == (
        None,
        "2024-03-01",
        "2024-12-31",
    )
