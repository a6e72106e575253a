"""The agenda reader's rules: the [agenda] and [kinds] configuration, compiled once per Config.

Everything an organisation words its own way (headings, page noise, delegate titles, typos,
shapes of numbers in running text) comes from configuration; this module only turns it into
regular expressions. None of them repeats inside a repetition, which keeps reading linear.

Each case-insensitive list also gets a ``Gate`` (see agenda_gates) so that it runs only where
one of its words stands.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from delreg.config import FALLBACK_KIND, Config
from delreg.dates import MONTHS
from delreg.diary_numbers import (
    canonical_shapes,
    is_not_a_number,
    labelled_shapes,
    search_shapes,
)
from delreg.errors import InputError
from delreg.parse.agenda_gates import Gate, gate, trie_pattern, union
from delreg.parse.pattern_text import comma_free
from delreg.secrecy_law import SECRECY_LAW_TEXT

_NEVER = "(?!)"
_MONTH_NAMES = "|".join(sorted({*MONTHS, *(name[:3] for name in MONTHS)}, key=len, reverse=True))
# "2023-12-08", "8 december 2023", "den 14 mars", "8 dec. 2023", "15.3.2024", "15/3 2024": the
# dates agendas write (the last two always with their year: "3.4" is a delegation point, "15/3"
# a fraction as well as a day).
DATE_TEXT = (
    r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)"
    rf"|(?<!\w)(?:den\s)?\d{{1,2}}\s(?:{_MONTH_NAMES})\.?(?:\s\d{{4}}(?!\d))?(?!\w)"
    r"|(?<![\w.])(?:den\s)?\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}(?![\d.]\d)"
    r"|(?<![\w/])(?:den\s)?\d{1,2}/\d{1,2}\s(?:19|20)\d{2}(?!\d)"
)
# After a label ("Beslutsdatum: 240315", "Datum: 20240315"): the date written without dashes.
COMPACT_DATE = r"(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"
# "25 000 kr", "25000 kronor", "350 tkr", "1,5 mnkr": an amount and its unit, not the end of a
# range ("500-2000 kr") nor part of a longer number.
AMOUNT_TEXT = (
    r"(?<![\w,.\-–])(?P<whole>\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(?P<fraction>\d{1,2}))?"
    r"\s?(?P<unit>kr|kronor|sek|tkr|mnkr|mkr|miljoner kronor)(?!\w)"
)
# "MT 2023-0053a", "MTH 2021-0115", "MT 2023-0034-1" after the prefix.
_PROCUREMENT_TAIL = r"\s?\d{4}\s?[-–/]\s?\d{1,6}[a-zA-Z]?(?:-\d{1,4})?(?![\w/])"
# How far into an item its delegate is looked for, and how many words a title may have.
DELEGATE_WINDOW = 120
DELEGATE_WORDS = 6
# Letters that are letters to str.isalpha() and keep their length in str.lower(), as a
# delegate's words must be (``_is_title``): the board's sentence spells them out (``_sentence``).
_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"
_WORD = rf"[{_LETTERS}][{_LETTERS}-]*"
_GENITIVE = "s beslut"
# A title first and a dash (or a colon: "Upphandlingschef: Tilldelningsbeslut …") after it,
# within this many characters.
_DELEGATE_DASHES = (" – ", " - ", " — ", ": ")
_DASHED_TITLE_MAX = 60


@dataclass(frozen=True, slots=True)
class AgendaRules:
    """Compiled patterns; see delreg/defaults/agenda.toml for what each one is for."""

    noise: re.Pattern[str]
    # Groups `decision`, `notice`, `end`, `sub`: which kind of heading a line is.
    heading: re.Pattern[str]
    # An end heading that heads the point's documents ("Bilagor"): see ``document_headings``.
    document_heading: re.Pattern[str]
    # A list's heading inside a long line of a flattened transcript, and the words it starts with.
    inline_heading: re.Pattern[str]
    inline_heading_gate: Gate
    heading_max_length: int
    repeated_line_noise: int
    empty_report: re.Pattern[str]
    empty_report_gate: Gate
    item_marker: re.Pattern[str]
    diary_number: re.Pattern[str]
    # Without the label: for the end of an item, where labels have been looked for already.
    diary_number_bare: re.Pattern[str]
    diary_number_alone: re.Pattern[str]
    # After its label, in any case: "dnr tn 2024/77" is TN 2024/77 (the label says what
    # follows is a number; unlabelled, a lower-case word before a year is no series).
    diary_number_labelled: re.Pattern[str]
    diary_label_gate: Gate
    diary_label_value: re.Pattern[str]
    procurement_prefixed: re.Pattern[str]
    procurement_prefixes: tuple[str, ...]
    procurement_labelled: re.Pattern[str]
    procurement_label_gate: Gate
    kind: re.Pattern[str]
    kind_gate: Gate
    kind_slugs: tuple[str, ...]
    # The named group of each kind in ``kind`` ("k0", "k1" …) and its slug.
    kind_slug_of_group: dict[str, str]
    # Lower-case endings of a delegate's last word ("direktören", "ordförande", "chefen").
    delegate_endings: tuple[str, ...]
    # " har ", "s beslut": what follows a delegate named first.
    delegate_verbs: tuple[str, ...]
    delegate_abbreviated: re.Pattern[str]
    delegate_abbreviations: dict[str, str]
    # "ordförandebeslut": the chair's decision; first in an item, it names who took it.
    delegate_words: dict[str, str]
    delegate_label: re.Pattern[str]
    delegate_label_gate: Gate
    # "Ärende: " before an item's subject, written field by field.
    subject_label: re.Pattern[str]
    # "Datum för anslag:": a field of the item that is no part of the decision.
    unread_label: re.Pattern[str]
    # "Delegationsbeslut nr 2024:15, " before an item's text: the list's number for it.
    decision_reference: re.Pattern[str]
    # "(jfr KS 2023/45)": parentheses that may refer to another case (a diary number inside
    # tells); see ``case_reference_spans``.
    case_reference: re.Pattern[str]
    # Any field's label and its colon at the start of a line ("Beslutsdatum:"), group `label`.
    field_label: re.Pattern[str]
    # A column's name in a table's head ("Nr", "Dnr", "Beslutsdatum"), for ``fullmatch``.
    column_name: re.Pattern[str]
    corrections: re.Pattern[str] | None
    replacements: dict[str, str]
    # The wrong words, lower case, to see whether an item holds any before substituting.
    correction_finder: re.Pattern[str]
    subject_lead_in: re.Pattern[str]
    # A word that says which agreement, between the lead-in and the kind's word ("tecknat
    # lokalt kollektivavtal om …"): cut with the kind's word.
    kind_adjective: re.Pattern[str]
    # A word for an agreement (agenda.party_after): a compound that ends with the kind's word
    # and is one ("hyresavtal", "ramavtal") is cut as the kind's word ("tecknat hyresavtal med
    # … om …"); another ("föreningsbidrag") says what the decision is about and stays.
    agreement_word: re.Pattern[str]
    subject_connector: re.Pattern[str]
    party_intro: re.Pattern[str]
    party_intro_gate: Gate
    party_pair_intros: frozenset[str]
    party_list_intros: frozenset[str]
    party_joiner: re.Pattern[str]
    party_clause_end: re.Pattern[str]
    party_clause_break: re.Pattern[str]
    # An intro word right after the kind's phrase ("fattat tilldelningsbeslut med A för …").
    party_after_kind: re.Pattern[str]
    # An intro word anywhere, for parties named last ("beslutat om X mellan A och B").
    party_last: re.Pattern[str]
    party_last_gate: Gate
    # A grant's word and "till" before who receives it ("bidrag till Föreningen …"), group
    # `intro` (the "till"); where that name ends.
    recipient: re.Pattern[str]
    recipient_gate: Gate
    recipient_end: re.Pattern[str]
    # A labelled party ("Motpart: Vallby Städ AB"); group `names`.
    party_label: re.Pattern[str]
    party_label_gate: Gate
    # ``party_clause_end`` with the word that ties each kind to its subject ("för"), by slug.
    party_clause_end_by_kind: dict[str, re.Pattern[str]]
    # The kinds whose phrase is a bare verb ("beslutat om"): their parties come last.
    parties_last_kinds: frozenset[str]
    decision_start: re.Pattern[str]
    # A word that names the kind, first in an item, and the dash after it ("Programbeslut – ").
    kind_lead: re.Pattern[str]
    # A part of an item that names who the decision concerns ("Nordlyset Turism AB").
    party_name: re.Pattern[str]
    # Words that mark text about the list rather than an item of it.
    prose: re.Pattern[str]
    # An item that counts decisions ("januari 2024: 134 beslut") rather than names one.
    counted_decisions: re.Pattern[str]
    date: re.Pattern[str]
    # "25 000 kr", "1,5 mnkr": groups `whole`, `fraction`, `unit`.
    amount: re.Pattern[str]
    # "(sekretess)", "Sekretessbelagt": an item the board marks as secret.
    secrecy: re.Pattern[str]
    # "26 kap. 1 § OSL", "OSL 31:16": the provision that makes it secret.
    secrecy_law: re.Pattern[str]
    decision_date: re.Pattern[str]
    decision_date_gate: Gate
    delegation_points: tuple[re.Pattern[str], ...]
    delegation_point_gate: Gate
    # The words of the gates that rarely open (an empty report; labels of diary numbers,
    # delegates and dates; delegation points): closed, none of their patterns is tried.
    rare_gate: Gate
    # All the shapes of a canonical diary or procurement number ([numbers] in the
    # configuration) in one pattern: a number written canonically needs no normalising.
    canonical_diary_number: re.Pattern[str]
    canonical_procurement_number: re.Pattern[str]
    # Every delegate verb in one pattern: the earliest one in an item is found in one search.
    delegate_verb_finder: re.Pattern[str]
    # The board's sentence in one match (see agenda_fast); None where the configuration allows
    # no such shortcut (see ``_Compiler._sentence``).
    sentence: re.Pattern[str] | None

    def delegate_first(
        self, text: str, start: int = 0, lowered: str | None = None
    ) -> tuple[str, int] | None:
        """The delegate an item starts with, and where what was decided starts after it.

        "Hälso- och sjukvårdsdirektören har tecknat …", "Regiondirektörens beslut om …",
        "RD:s beslut om …". Found with ``str.find`` rather than a pattern: a pattern would have
        to try every title at every letter of the first words.
        """
        end = start + DELEGATE_WINDOW
        window = lowered[start:end] if lowered is not None else text[start:end].lower()
        found = sorted((at, verb) for verb in self.delegate_verbs if (at := window.find(verb)) > 0)
        for at, verb in found:
            if self._is_title(window[:at]):
                delegate = " ".join(text[start : start + at].split())
                # After "… har " what was decided follows; after "…s beslut" it is "beslut …".
                end = start + at + (1 if verb == _GENITIVE else len(verb))
                return delegate, _skip_spaces(text, end)
        return self._delegate_dashed(text, start, window) or self._delegate_abbreviated(text, start)

    def delegate_by_word(self, lowered: str, start: int) -> str | None:
        """ "Ordförandebeslut – yttrande …": who took the decision, by the word that starts it
        ([agenda.delegate_words]); for an item that names its delegate nowhere else."""
        for word, delegate in self.delegate_words.items():
            if lowered.startswith(word, start) and not lowered[start + len(word) :][:1].isalpha():
                return delegate
        return None

    def _is_title(self, words_before: str) -> bool:
        """Whether the lower-cased words before a verb or dash can be a delegate's title."""
        words = words_before.split()
        return (
            0 < len(words) <= DELEGATE_WORDS
            and all(word.replace("-", "").isalpha() for word in words)
            and words[-1].endswith(self.delegate_endings)
        )

    def _delegate_dashed(self, text: str, start: int, window: str) -> tuple[str, int] | None:
        """ "Kommundirektören – Anställning av HR-chef, KS 2024/301": a title, then a dash or a
        colon."""
        for dash in _DELEGATE_DASHES:
            at = window.find(dash, 0, _DASHED_TITLE_MAX)
            # "Förordnande av tillförordnad kommundirektör – …" is what was decided.
            if (
                at > 0
                and self._is_title(window[:at])
                and _NOT_IN_TITLES.isdisjoint(window[:at].split())
            ):
                delegate = " ".join(text[start : start + at].split())
                return delegate, _skip_spaces(text, start + at + len(dash))
        return None

    def _delegate_abbreviated(self, text: str, start: int) -> tuple[str, int] | None:
        found = self.delegate_abbreviated.match(text, start, start + DELEGATE_WINDOW)
        if found is None:
            return None
        abbreviation = found.group("abbreviation")
        known = self.delegate_abbreviations.get(abbreviation)
        if known is None and ":s" not in found.group():
            return None
        return known or abbreviation, found.end()

    def starts_decision(self, text: str, start: int = 0) -> bool:
        """Whether ``text`` reads like a reported decision from ``start`` on."""
        limit = start + DELEGATE_WINDOW
        number = self.diary_number.match(text, start, limit)
        return bool(
            self.delegate_first(text, start)
            or self.decision_start.match(text, start, limit)
            or self.kind_lead.match(text, start, limit)
            or (
                number is not None
                and not is_not_a_number(
                    number.group("number"), labelled=number.group("label") is not None
                )
            )
            # A row of a table of decisions starts with the date of the decision.
            or self.date.match(text, start, limit)
        )


@functools.lru_cache(maxsize=16)
def agenda_rules(config: Config) -> AgendaRules:
    """The rules for ``config``, compiled on first use (a Config is immutable, and compares and
    hashes by identity)."""
    return _Compiler(config).rules()


def _any_of(shapes: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that matches what any of ``shapes`` matches.

    Shapes that refer back to their own groups ("\\1", "(?P=…)") or that do not combine keep a
    pattern that never matches, and the caller normalises every number as before.
    """
    texts = [shape.pattern for shape in shapes]
    if not texts or any(_BACK_REFERENCE.search(text) for text in texts):
        return re.compile(_NEVER)
    try:
        return re.compile("|".join(f"(?:{text})" for text in texts))
    except re.error:
        return re.compile(_NEVER)


_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")


# Words that join what was decided to a title, and stand in no title themselves.
_NOT_IN_TITLES = frozenset({"av", "om", "med", "till", "avseende", "gällande", "angående"})


def _standing_alone(shapes: str, group: str | None = None) -> str:
    """A diary number of one of ``shapes`` that is not part of a word, a path or a longer
    number, in the named group ``group`` if one is given."""
    number = f"(?P<{group}>{shapes})" if group else f"(?:{shapes})"
    return rf"(?<![\w/.]){number}(?![\w/])"


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


class _Compiler:
    """Reads the [agenda] table, checking types, and reports a bad entry by its key."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.section = config.section("agenda")

    def rules(self) -> AgendaRules:
        corrections = {key.casefold(): value for key, value in self.table("corrections").items()}
        rare = [
            self.gate(key)
            for key in (
                "empty_report",
                "diary_number_labels",
                "delegate_labels",
                "decision_date_labels",
                "delegation_point_patterns",
                "secrecy_marks",
                "party_labels",
            )
        ]
        verbs = (*(f" {verb.lower()} " for verb in self.strings("delegate_verbs")), _GENITIVE)
        subject_words = self._kind_subject_words()
        return AgendaRules(
            noise=self.compile("noise", self.alternatives("noise"), re.I),
            heading=self._heading(),
            document_heading=self.compile(
                "document_headings",
                rf"{self.text('heading_prefix', '')}(?:{self.alternatives('document_headings')})"
                r"\s*:?",
                re.I,
            ),
            inline_heading=self.compile(
                "headings",
                rf"(?:{self.alternatives('headings')}|{self.alternatives('notice_headings')})"
                r"(?=\s+[A-ZÅÄÖ0-9])",
                re.I,
            ),
            inline_heading_gate=gate([*self.strings("headings"), *self.strings("notice_headings")]),
            heading_max_length=self.number("heading_max_length", 160),
            repeated_line_noise=self.number("repeated_line_noise", 3),
            empty_report=self.compile("empty_report", self.alternatives("empty_report"), re.I),
            empty_report_gate=self.gate("empty_report"),
            item_marker=self._item_marker(),
            diary_number=self._diary_number(),
            diary_number_bare=self.compile(
                "diary_number_search", _standing_alone(self.diary_shapes(), "number")
            ),
            diary_number_alone=self._diary_number_alone(),
            diary_number_labelled=self.compile(
                "diary_number_search",
                rf"(?P<label>(?i:\b(?:{self.alternatives('diary_number_labels')}))\b\.?"
                rf"(?:\s*:)?\s*)(?i:{_standing_alone(self.labelled_diary_shapes(), 'number')})",
            ),
            diary_label_gate=self.gate("diary_number_labels"),
            diary_label_value=self.compile(
                "diary_number_labels",
                rf"\b(?:{self.alternatives('diary_number_labels')})\b\.?(?:\s*:)?\s*"
                # Not a dash: "Nr   Dnr   Datum" is a table's head, its gaps made dashes.
                r"(?P<value>[^\s,;()–—-][^\s,;()]{0,29}(?: \d[^\s,;()]{0,20})?)",
                re.I,
            ),
            procurement_prefixed=self._procurement_prefixed(),
            procurement_prefixes=tuple(self.strings("procurement_prefixes")),
            procurement_labelled=self.compile(
                "procurement_labels",
                # A whole word: "upphandlingschef 2024-03-12" names no procurement.
                rf"\b(?:{self.alternatives('procurement_labels')})(?!\w)\.?(?:\s*:)?\s*"
                rf"(?P<number>[A-ZÅÄÖ]{{1,8}}{_PROCUREMENT_TAIL})",
                re.I,
            ),
            procurement_label_gate=self.gate("procurement_labels"),
            kind=self._kind_pattern(),
            kind_gate=gate(
                [p for slug in self._kind_slugs() for p in self.config.kinds[slug].match]
            ),
            kind_slugs=self._kind_slugs(),
            kind_slug_of_group={f"k{index}": slug for index, slug in enumerate(self._kind_slugs())},
            delegate_endings=self._delegate_endings(),
            delegate_verbs=verbs,
            delegate_abbreviated=self.compile(
                "delegate_abbreviations",
                r"(?P<abbreviation>[A-ZÅÄÖ]{2,6})(?::s\s+(?=beslut)|\s+har\b\s*)",
            ),
            delegate_abbreviations=self.table("delegate_abbreviations"),
            delegate_words={
                word.lower(): name for word, name in self.table("delegate_words").items()
            },
            delegate_label=self.compile(
                "delegate_labels",
                # A whole word: "Delegaten har …" is no label.
                rf"\b(?:{self.alternatives('delegate_labels')})\b(?:\s*:)?\s*"
                # No digits: "fattat av upphandlingschef 2024-03-12" ends at the date.
                r"(?P<delegate>[^,;()–.\d]{1,59}[^,;()–.\d\s])",
                re.I,
            ),
            delegate_label_gate=self.gate("delegate_labels"),
            party_label=self.compile(
                "party_labels",
                # To the next field (" – "), a comma, a parenthesis or the sentence's end: a
                # full stop before the next sentence's capital, not one that abbreviates a
                # company's form ("Östra Vägföreningen ek. för.").
                rf"\b(?:{self.alternatives('party_labels')})\s*:\s*"
                r"(?P<names>[^,;()–—\n]*?[^,;()–—.\s])"
                r"(?=\.?\s*(?:[,;()–—]|$)|\.\s+(?-i:[A-ZÅÄÖ0-9]))",
                re.I,
            ),
            party_label_gate=self.gate("party_labels"),
            subject_label=self.compile(
                "subject_labels", rf"(?:{self.alternatives('subject_labels')})\s*:\s*", re.I
            ),
            unread_label=self.compile(
                "unread_labels", rf"(?:{self.alternatives('unread_labels')})\s*:", re.I
            ),
            case_reference=self.compile(
                "case_references",
                rf"\((?:{self.alternatives('case_references')})\b\.?[^()]{{0,80}}\)",
                re.I,
            ),
            decision_reference=self.compile(
                "decision_references",
                rf"(?:{self.alternatives('decision_references')})(?![\d:/.-])[\s,:;–—-]*",
                re.I,
            ),
            field_label=self._field_label(),
            column_name=self._field_label(column=True),
            corrections=self._corrections(corrections),
            replacements=corrections,
            correction_finder=self._correction_finder(corrections),
            subject_lead_in=self.compile(
                "subject_lead_ins",
                rf"(?:(?:{self.alternatives('subject_lead_ins')})\b[\s,:–-]*)*",
                re.I,
            ),
            kind_adjective=self.compile(
                "kind_adjectives", rf"(?:{self.alternatives('kind_adjectives')})\s+", re.I
            ),
            agreement_word=self.compile(
                "party_after", rf"(?:{self.alternatives('party_after')})", re.I
            ),
            subject_connector=self.compile(
                "subject_connectors",
                rf"[\s,:;–-]*(?:(?:{self.alternatives('subject_connectors')})\b\s*){{0,2}}",
                re.I,
            ),
            party_intro=self.compile(
                "party_intros",
                rf"(?:{self.alternatives('party_after')}),?\s+"
                rf"(?P<intro>{self.alternatives('party_intros')})\s",
                re.I,
            ),
            party_intro_gate=self.gate("party_after"),
            party_list_intros=frozenset(
                word.casefold() for word in self.strings("party_list_intros")
            ),
            party_pair_intros=frozenset(
                word.casefold() for word in self.strings("party_pair_intros")
            ),
            party_joiner=self.compile(
                "party_joiners", rf"(?<!-)\s(?:{self.alternatives('party_joiners')})\s", re.I
            ),
            party_clause_end=self.compile(
                "party_clause_ends", self.alternatives("party_clause_ends"), re.I
            ),
            party_clause_break=self.compile(
                "party_clause_breaks", self.alternatives("party_clause_breaks"), re.I
            ),
            party_after_kind=self.compile(
                "party_intros", rf",?\s+(?P<intro>{self.alternatives('party_intros')})\s", re.I
            ),
            # Starting with the word itself, so that its gate can find it.
            party_last=self.compile(
                "party_intros", rf"(?<=\s)(?P<intro>{self.alternatives('party_intros')})\s", re.I
            ),
            party_last_gate=self.gate("party_intros"),
            recipient=self.compile(
                "recipient_after",
                rf"(?:{self.alternatives('recipient_after')})\s(?P<intro>till)\s(?=(?-i:[A-ZÅÄÖ0-9]))",
                re.I,
            ),
            recipient_gate=self.gate("recipient_after"),
            recipient_end=self.compile(
                "recipient_ends",
                rf"{self.alternatives('recipient_ends')}|{self.alternatives('party_clause_ends')}"
                rf"|{self.alternatives('party_clause_breaks')}",
                re.I,
            ),
            party_clause_end_by_kind={
                slug: self.compile(
                    "party_clause_ends",
                    rf"{self.alternatives('party_clause_ends')}|,?\s(?:{re.escape(word)})\b",
                    re.I,
                )
                for slug, (word, _) in subject_words.items()
                if word
            },
            parties_last_kinds=frozenset(slug for slug, (_, bare) in subject_words.items() if bare)
            | self._kinds_with_party_words(),
            decision_start=self.compile(
                "decision_starts", self.alternatives("decision_starts"), re.I
            ),
            kind_lead=self.compile(
                "kind_word_endings",
                rf"(?P<word>(?=[A-ZÅÄÖ])(?i:[a-zåäöéü]{{0,40}}(?:{self.alternatives('kind_word_endings')})))"
                r"[ \t]?[-–—:][ \t]*(?=\S)",
            ),
            party_name=self.compile("party_names", self.alternatives("party_names")),
            prose=self.compile("prose", self.alternatives("prose"), re.I),
            counted_decisions=self.compile(
                "counted_decisions", self.alternatives("counted_decisions"), re.I
            ),
            date=re.compile(DATE_TEXT, re.I),
            amount=re.compile(AMOUNT_TEXT, re.I),
            secrecy=self.compile(
                "secrecy_marks", rf"\(?\b(?:{self.alternatives('secrecy_marks')})\)?", re.I
            ),
            secrecy_law=re.compile(SECRECY_LAW_TEXT, re.I),
            decision_date=self.compile(
                "decision_date_labels",
                rf"\b(?:{self.alternatives('decision_date_labels')})(?:\s*:)?\s*(?P<date>{DATE_TEXT}|{COMPACT_DATE})",
                re.I,
            ),
            decision_date_gate=self.gate("decision_date_labels"),
            delegation_points=tuple(
                self.compile("delegation_point_patterns", pattern, re.I)
                for pattern in self.strings("delegation_point_patterns")
            ),
            delegation_point_gate=self.gate("delegation_point_patterns"),
            rare_gate=union(*rare),
            canonical_diary_number=_any_of(
                (*map(re.compile, canonical_shapes()), *self.config.diary_number_patterns)
            ),
            canonical_procurement_number=_any_of(self.config.procurement_number_patterns),
            delegate_verb_finder=re.compile(trie_pattern(sorted(set(verbs))) if verbs else _NEVER),
            sentence=self._sentence(verbs),
        )

    # --- reading the table -------------------------------------------------------------------

    def value(self, key: str) -> Any:
        return self.section.get(key)

    def strings(self, key: str) -> list[str]:
        value = self.value(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(key, "must be a list of strings")
        return value

    def text(self, key: str, default: str) -> str:
        value = self.value(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.error(key, "must be a string")
        return value

    def number(self, key: str, default: int) -> int:
        value = self.value(key)
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.error(key, "must be a whole number, 0 or more")
        return value

    def table(self, key: str) -> dict[str, str]:
        value = self.value(key)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(item, str) for item in (*value, *value.values())
        ):
            raise self.error(key, "must be a table of strings")
        return {name: text for name, text in value.items() if name != "replace"}

    def alternatives(self, key: str) -> str:
        patterns = self.strings(key)
        return "|".join(f"(?:{pattern})" for pattern in patterns) if patterns else _NEVER

    def diary_shape_list(self) -> list[str]:
        # The built-in grammar first, then the organisation's own shapes.
        return [*search_shapes(), *self.strings("diary_number_search")]

    def diary_shapes(self) -> str:
        return "|".join(f"(?:{shape})" for shape in self.diary_shape_list())

    def labelled_diary_shapes(self) -> str:
        # After its label (a group "label" matched before) a number may also have a shape
        # taken nowhere else ("Dnr 2024.123"); without it, the other shapes alone.
        only = "|".join(f"(?:{shape})" for shape in labelled_shapes())
        return f"{self.diary_shapes()}|(?(label)(?:{only})|(?!))"

    def gate(self, key: str) -> Gate:
        return gate(self.strings(key))

    def compile(self, key: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
        try:
            return re.compile(pattern, flags)
        except re.error as error:
            raise self.error(
                key, f"holds a pattern that is not a regular expression ({error})"
            ) from None

    def error(self, key: str, problem: str) -> InputError:
        return InputError(
            f"agenda.{key} {problem}",
            source=self.config.source,
            hint="see delreg/defaults/agenda.toml for the expected form",
        )

    # --- the composite patterns --------------------------------------------------------------

    def _heading(self) -> re.Pattern[str]:
        # A whole line: prefix, one heading, an optional qualifier, an optional colon. The kinds
        # are tried in this order, so a decision heading wins over the others.
        prefix = self.text("heading_prefix", "")
        qualifier = self.text("heading_qualifier", _NEVER)
        kinds = {
            "decision": "headings",
            "notice": "notice_headings",
            "end": "end_headings",
            "sub": "subheadings",
        }
        body = "|".join(f"(?P<{name}>{self.alternatives(key)})" for name, key in kinds.items())
        return self.compile("headings", rf"{prefix}(?:{body})(?:{qualifier})?\s*:?", re.I)

    def _item_marker(self) -> re.Pattern[str]:
        styles = self.table("item_markers")
        for style in styles:
            if not style.isidentifier():
                raise self.error("item_markers", f"has a style name {style!r} that is no word")
        body = "|".join(f"(?P<{style}>{pattern})" for style, pattern in styles.items())
        return self.compile("item_markers", rf"(?:{body or _NEVER})\s*")

    def _diary_number(self) -> re.Pattern[str]:
        labels = self.alternatives("diary_number_labels")
        return self.compile(
            "diary_number_search",
            rf"(?P<label>(?i:\b(?:{labels}))\b\.?(?:\s*:)?\s*)?"
            + _standing_alone(self.labelled_diary_shapes(), "number"),
        )

    def _field_label(self, *, column: bool = False) -> re.Pattern[str]:
        keys = (
            "subject_labels",
            "diary_number_labels",
            "decision_date_labels",
            "delegate_labels",
            "party_labels",
            "field_labels",
            "unread_labels",
        )
        labels = "|".join(self.alternatives(key) for key in keys)
        if column:
            # A table's head names its columns so, and numbers its rows "Nr", "Löpnr" or "#".
            return self.compile("field_labels", rf"(?:{labels}|nr|löpnr|löpnummer|#)\.?", re.I)
        return self.compile("field_labels", rf"(?P<label>(?:{labels}))\s*:", re.I)

    def _diary_number_alone(self) -> re.Pattern[str]:
        # A line that holds a diary number and nothing else ("Dnr: RS 2022/1275").
        labels = self.alternatives("diary_number_labels")
        return self.compile(
            "diary_number_search",
            rf"\(?\s*(?P<label>(?i:{labels})\.?(?:\s*:)?\s*)?"
            rf"(?P<number>{self.labelled_diary_shapes()})\s*\)?\s*[.,;:]?",
        )

    def _sentence(self, verbs: tuple[str, ...]) -> re.Pattern[str] | None:
        """The board's sentence, "<Delegate> har …, <diary number>.", as one pattern for
        agenda_fast, or None where the configuration allows no such shortcut.

        The shortcut rests on three facts about the configuration, checked here: no verb starts
        with another (so the earliest verb found is the only one there), no diary-number shape
        can take in a comma (so a number found before the ", " at an item's end cannot reach
        over it to the item's own number), and none matches nothing.
        """
        spaced = [verb for verb in verbs if verb.startswith(" ") and verb.endswith(" ")]
        prefix_free = not any(a != b and b.startswith(a) for a in verbs for b in verbs)
        shapes = self.diary_shape_list()
        safe = shapes and all(comma_free(shape) for shape in shapes)
        if not (spaced and prefix_free and safe):
            return None
        number = _standing_alone(self.diary_shapes())
        verb = "|".join(re.escape(verb.strip()) for verb in spaced)
        try:
            if any(re.fullmatch(shape, "") for shape in shapes):
                return None
            return re.compile(
                # Not a diary number first: the general reader would take the item from there.
                rf"(?!{number})"
                # The fewest words before a verb: the general reader takes the earliest verb.
                rf"(?P<delegate>{_WORD}(?: {_WORD}){{0,{DELEGATE_WORDS - 1}}}?) (?P<verb>{verb}) "
                # The greedy run backs off from the end to the last ", <number>"; the number is
                # matched as the general reader's own pattern would match it there, no other way.
                rf"(?=\S).*, (?P<diary>(?>{number}))\.?"
            )
        except re.error:
            return None

    def _procurement_prefixed(self) -> re.Pattern[str]:
        # Starting with the literal prefixes lets the regular-expression engine skip ahead; the
        # reader checks that a match does not start inside a word.
        prefixes = sorted(self.strings("procurement_prefixes"), key=len, reverse=True)
        alternatives = "|".join(re.escape(prefix) for prefix in prefixes) or _NEVER
        return self.compile("procurement_prefixes", rf"(?:{alternatives}){_PROCUREMENT_TAIL}")

    def _kind_slugs(self) -> tuple[str, ...]:
        return tuple(
            slug for slug, spec in self.config.kinds.items() if slug != FALLBACK_KIND and spec.match
        )

    def _kind_pattern(self) -> re.Pattern[str]:
        # One alternation, a named group per kind in the configuration's order: the earliest
        # phrase in the sentence decides, and at the same place the kind listed first.
        groups = []
        for index, slug in enumerate(self._kind_slugs()):
            phrases = "|".join(f"(?:{pattern})" for pattern in self.config.kinds[slug].match)
            groups.append(f"(?P<k{index}>{phrases})")
        try:
            return re.compile("|".join(groups) or _NEVER, re.I)
        except re.error as error:
            raise InputError(
                f"kinds: a match pattern is not a regular expression ({error})",
                source=self.config.source,
            ) from None

    def _delegate_endings(self) -> tuple[str, ...]:
        # The titles in their definite forms, and the delegate the report writes for a decision
        # that names none ([register] delegate, "Delegaten"), so that its sentences read back.
        endings = [
            title.lower() + ending
            for title in self.strings("delegate_titles")
            for ending in ("", "en", "n")
        ]
        default = self.config.default_delegate.split()
        if default and default[-1].replace("-", "").isalpha():
            endings.append(default[-1].lower())
        return tuple(endings)

    def _kinds_with_party_words(self) -> frozenset[str]:
        # Kinds whose parties the report writes after the subject with a word of their own
        # ([report.party_words]: "tilldelningsbeslut för X till förmån för A"), so that its
        # sentences read back.
        words = self.config.section("report").get("party_words", {})
        return frozenset(kind for kind, word in words.items() if word)

    def _kind_subject_words(self) -> dict[str, tuple[str | None, bool]]:
        """For each kind: the word that ties it to its subject, and whether its phrase without
        that word is a bare verb ("beslutat" of "beslutat om"), as the report composes them."""
        connector = self.compile(
            "subject_connectors", rf"(?:{self.alternatives('subject_connectors')})", re.I
        )
        own = self.table("subject_words")
        report = self.config.section("report").get("subject_words")
        if isinstance(report, dict):
            own.update({slug: word for slug, word in report.items() if isinstance(word, str)})
        words: dict[str, tuple[str | None, bool]] = {}
        for slug, spec in self.config.kinds.items():
            phrase = spec.phrase.split()
            word: str | None = own.get(slug) or None
            if len(phrase) > 1 and connector.fullmatch(phrase[-1]):
                word = phrase.pop()
            words[slug] = (word, len(phrase) == 1)
        return words

    def _correction_finder(self, corrections: dict[str, str]) -> re.Pattern[str]:
        # The wrong words in the lower-cased text, case-sensitive and branching letter by
        # letter so the engine can skip to their first letters; each must end a word ("har
        # fatta" is a typo, but every "har fattat" starts with it). A word start is not tested
        # here (it would make the engine try every position): ``corrections`` tests both.
        words = sorted({wrong.lower() for wrong in corrections})
        return re.compile(rf"(?:{trie_pattern(words)})(?!\w)" if words else _NEVER)

    def _corrections(self, corrections: dict[str, str]) -> re.Pattern[str] | None:
        if not corrections:
            return None
        words = sorted(corrections, key=len, reverse=True)
        phrases = "|".join(r"\s+".join(map(re.escape, word.split())) for word in words)
        return self.compile("corrections", rf"(?<!\w)(?:{phrases})(?!\w)", re.I)
