"""Reading one item of an agenda's list: what was decided, by whom, under which numbers.

An item is one sentence of the board's list, e.g. "Hälso- och sjukvårdsdirektören har tecknat
upphandlingskontrakt för ultraljudsutrustning MT 2023-0053a, 23RS1851". Its parts are found
as spans of that sentence; the subject is what is left of the sentence after the delegate, the
kind phrase, the party clause and the numbers are taken out (see agenda_parties).

Most items are the board's own sentence, and agenda_fast finds its delegate and numbers in one
match; ``_Item`` reads the rest, searching for each part in turn.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from delreg.config import FALLBACK_KIND, Config
from delreg.dates import MONTHS, parse_date
from delreg.errors import InvalidValue
from delreg.fields import MAX_AMOUNT
from delreg.model import Decision, Notice, normalise_diary_number
from delreg.parse.agenda_fast import Sentence, board_sentence
from delreg.parse.agenda_numbers import (
    Number,
    case_references,
    missing_number_problem,
    own_diary_number,
    procurement_numbers,
    with_parentheses,
)
from delreg.parse.agenda_parties import (
    Span,
    as_wording,
    read_lead_parties,
    read_parties,
    read_subject,
)
from delreg.parse.agenda_rules import COMPACT_DATE, DATE_TEXT, AgendaRules
from delreg.person_naming import initials
from delreg.personal_numbers import personal_number

# An anchored match never needs to look further than this into an item (dates, lead-ins).
_LOOKAHEAD = 200
_NUMBER_SEPARATORS = " \t,;:–—-"
_LETTER = re.compile(r"[^\W\d_]")
_DELEGATE_LAST_SEPARATORS = (" – ", " — ", " - ", ", ")
_DELEGATE_LAST_MAX = 60
# The longest first part of a compound whose last part is a kind's word ("samverkans|avtal").
_COMPOUND_LONGEST = 30
# What separates a date standing on its own at the end of an item, and what may follow it.
_DATE_SEPARATORS = (", ", " – ", " — ", " - ")
_DATE_TAIL = " .;)"
# Words that make a date after them a part of a phrase, not the day an item was decided.
_DATE_PHRASE_WORDS = frozenset({
    "från", "fr.o.m.", "fr.o.m", "t.o.m.", "t.o.m", "till", "den", "per", "före", "efter",
    "senast", "mellan", "och", "eller", "under", "inför", "sedan", "om", "ifrån", "intill",
    "datum", "daterad", "daterat", "daterade",
})  # fmt: skip
_BEFORE_NUMBER = frozenset(_NUMBER_SEPARATORS + "(")
# The words for a decision that may stand first in an item, before its day.
_DECISION_WORDS = (
    "delegationsbeslut ", "delegeringsbeslut ", "ordförandebeslut ", "beslut ", "beslutat ",
)  # fmt: skip
# The words that say an item was decided, before its date ("…, beslutat 2024-03-15").
_DECIDED = frozenset(
    {"beslutat", "beslutad", "beslutade", "fattat", "fattad", "daterat", "daterad", "tecknat"}
)
# " av teknisk chef" after the day a decision was taken: who took it (no digits, no punctuation
# that would end the part).
_WHO = r"[^,;()–.\d]{1,59}[^,;()–.\d\s]"
_BY_DELEGATE = re.compile(rf" av (?P<delegate>{_WHO})")
# "…, beslut av driftchef Karin Ahl": a part of its own that starts so names who decided (not
# a label: "överklagande av beslut av länsstyrelsen" within a sentence names no delegate).
_BY_WHOM = "beslut av "
_WHO_ALONE = re.compile(_WHO)
# "Kommundirektören har 240108 beslutat om …": a day written without dashes stands between
# "har" and the verb of deciding. Only there: elsewhere six digits are a serial or an amount.
# A word that marks the item secret, standing first ("Sekretessbelagt beslut om …").
_SECRET_FIRST = re.compile(r"sekretess(?:belag|markera)\w*\s+(?=\w)", re.IGNORECASE)
_COMPACT_DAY_BEFORE_VERB = re.compile(
    rf"(?:{COMPACT_DATE})(?= (?:beslutat|beslutade|fattat|fattade|tecknat|tecknade|undertecknat"
    r"|ingått|godkänt|beviljat|lämnat|avgett|avgivit)\b)",
    re.IGNORECASE,
)


# "15.3 Kommundirektören …": a point of the delegationsordning standing first, before a capital.
# "…, KS 2024/11. Avtalet gäller från 2024-02-09": a sentence after the diary number, which
# ends the decision's own; what it says is a detail, no part of the subject.
# A sentence inside an item that speaks of the decision or its subject by name ("Avtalet avser
# …", "Lokalen ligger …"), after a word of four letters or more or a name's capitals ("X AB.";
# "enl. Lagen …" is none).
_DETAIL_BEFORE = re.compile(
    r"(?:(?<=[^\W\d_]{4})|(?<=[A-ZÅÄÖ]{2}))\.\s+(?=[A-ZÅÄÖ][a-zåäö]+(?:et|en) [a-zåäö])"
)
# The longest sentence after an item that names another number and nothing else ("Avtal TN
# 2024-145.", "Se även avtal KS 2024/88.").
_NUMBER_SENTENCE_LONGEST = 40
_SENTENCE_AFTER = re.compile(r"[\s,;]*\.\s+(?=[A-ZÅÄÖ])")
# "Avtalet gäller från 2024-03-01", "Förordnandet gäller till och med 2024-06-30", "Avtalet
# gäller 2024-03-01--2025-02-28": from when and to when what was decided holds.
_UNTIL = r"(?:till och med|t\.o\.m\.?|till)"
_VALIDITY = re.compile(
    rf"[A-ZÅÄÖ]\w* gäller (?:(?:från(?: och med)?|fr\.o\.m\.?) (?P<start>{DATE_TEXT})"
    rf"|{_UNTIL} (?P<until>{DATE_TEXT})"
    rf"|(?P<first>{DATE_TEXT}) ?(?:--|[–—-]|{_UNTIL}) ?(?P<last>{DATE_TEXT}))"
    rf"(?: {_UNTIL} (?P<end>{DATE_TEXT}))?",
)
# Days a row's part may be written in besides those agenda_rules reads everywhere: "2024.03.05",
# "20240305", "5 mars -24" (a year of two digits only after its dash: "5 mars 24" may be a
# count).
_OTHER_DAY = re.compile(
    r"(?:19|20)\d{2}(?:\.?)(?:0[1-9]|1[0-2])\.?(?:0[1-9]|[12]\d|3[01])"
    rf"|(?:den )?\d{{1,2}} (?:{'|'.join(MONTHS)}) -\d{{2}}",
    re.IGNORECASE,
)
_LEADING_POINT = re.compile(r"(?P<point>\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?)(?![\d.])\s+(?=[A-ZÅÄÖ])")

# The words before a point of the delegationsordning that say the decision was taken under it.
_POINT_LEAD = re.compile(r",?\s(?:med stöd av|enligt)\s$", re.IGNORECASE)


class ItemReading(NamedTuple):
    """What an item turned out to be; the reader decides from it what to yield.

    A tuple rather than a dataclass: one is made for every item, and a tuple is made faster.
    """

    decision: Decision | None = None
    # Why no decision could be made of it (for a Rejected), when it looked like one.
    problem: str | None = None
    # It reads like a reported decision (a delegate, a kind phrase or "Beslut om …" up front).
    decision_like: bool = False
    # It has more text than its diary number.
    has_text: bool = False
    # It says that nothing is reported ("Inga delegationsbeslut har anmälts …").
    empty_report: bool = False
    # It names who decided.
    delegate_named: bool = False


def normalise_item_text(text: str, rules: AgendaRules) -> tuple[str, str]:
    """One line of text with single spaces and the configured typos corrected, and the same
    lower-cased (the reader looks in both)."""
    if "\u00ad" in text:
        text = text.replace("\u00ad", "")
    value = " ".join(text.split())
    lowered = value.lower()
    # Most items hold no typo: one search of the lower-cased text is cheaper than substituting.
    if rules.corrections is None or rules.correction_finder.search(lowered) is None:
        return value, lowered
    value = correct_typos(value, rules)
    return value, value.lower()


def correct_typos(text: str, rules: AgendaRules) -> str:
    if rules.corrections is None:
        return text

    def replace(found: re.Match[str]) -> str:
        written = found.group()
        right = rules.replacements.get(" ".join(written.split()).casefold(), written)
        return right[:1].upper() + right[1:] if written[:1].isupper() else right

    return rules.corrections.sub(replace, text)


def read_decision_item(
    text: str,
    *,
    source: str,
    rules: AgendaRules,
    config: Config,
    meeting_year: int | None,
    lowered: str | None = None,
) -> ItemReading:
    """Read an item of the decision list; ``text`` is already normalised.

    ``lowered`` is ``text.lower()`` when the caller has it already.
    """
    if not text:
        return _NO_TEXT
    if lowered is None:
        lowered = text.lower()
    # Most items hold none of the words that label a diary number, a date or a delegate, say
    # that nothing is reported or name a delegation point: one search tells, and then none of
    # those patterns is tried. Gates look by position: rare letters change length in lower().
    plain = len(lowered) == len(text) and rules.rare_gate.first(lowered) < 0
    if plain:
        sentence = board_sentence(text, lowered, rules)
        if sentence is not None:
            reading = _read_sentence(text, lowered, sentence, rules, config, source)
            if reading is not None:
                return reading
    return _Item(text, lowered, plain, rules, config, meeting_year).read(source)


def _read_sentence(
    text: str, lowered: str, sentence: Sentence, rules: AgendaRules, config: Config, source: str
) -> ItemReading | None:
    """The board's own sentence (see agenda_fast): the reading ``_Item`` gives, without the
    searches whose outcome the sentence's shape decides. It names its delegate and has words
    before its diary number; it names no date, delegation point or empty report. None for a
    sentence whose kind word stands first ("… har Programbeslut – …"): ``_Item`` reads that."""
    body_start = sentence.body_start
    diary = sentence.diary
    if (
        _amount_found(lowered, text, rules)
        or personal_number(text) is not None
        or initials(text) is not None
    ):
        return None  # "…, 25 000 kr, 24RS1003": ``_Item`` reads the amount, and secrecy
    if diary.end < len(text) and _SENTENCE_AFTER.match(text, diary.end) is not None:
        return None  # "…, RS 2024/3. Avtalet gäller …": ``_Item`` reads the sentence after
    head = diary.start
    while head and text[head - 1] in _BEFORE_NUMBER:
        head -= 1
    if head and text[head - 1].isdigit() and _date_before(text, head, rules):
        return None  # "…, 2024-04-03, 24RS1003": ``_Item`` reads the date
    lead_in = rules.subject_lead_in.match(text, body_start, body_start + _LOOKAHEAD)
    lead_end = lead_in.end() if lead_in is not None else body_start
    if rules.kind_lead.match(text, lead_end, lead_end + _LOOKAHEAD) is not None:
        return None
    if (text[lead_end : lead_end + 1].isdigit() or lowered.startswith("den ", lead_end)) and (
        rules.date.match(text, lead_end) is not None
        or _COMPACT_DAY_BEFORE_VERB.match(text, lead_end) is not None
    ):
        # "… har fattat 2024-01-12 tilläggsbeslut …", "… har den 19 januari 2024 tecknat …":
        # ``_Item`` reads the date
        return None
    kind_found = rules.kind_gate.match(rules.kind, text, lowered, body_start)
    procurement = sentence.procurement
    removed = [(found.start, found.end) for found in procurement]
    removed.extend((found.start, found.end) for found in case_references(text, rules))
    removed.append((diary.start, diary.end))
    kind = _kind_slug(kind_found, rules)
    kind_end = _kind_end(kind_found, lead_end, text, rules)
    parties = read_parties(
        text,
        lowered,
        rules,
        start=body_start,
        end=diary.start,
        removed=removed,
        kind=kind,
        kind_end=kind_end,
    )
    diary_number = _diary_number(diary.value, rules, config)
    if diary_number is None:
        return ItemReading(None, f"malformed diary number {diary.value!r}", True, True, False, True)
    decision = Decision(
        diary_number=diary_number,
        kind=kind,
        subject=read_subject(
            text, rules, cut=max(lead_end, kind_end or 0), body_start=body_start, removed=removed
        ),
        procurement_number=procurement[0].value if procurement else None,
        parties=parties,
        delegate=sentence.delegate,
        wording=as_wording(text),
        source=source,
    )
    return ItemReading(decision, None, True, True, False, True)


# Between the fields of a row read cell by cell (agenda_blocks: a column's gap as a dash).
_FIELD_GAP = " – "
# Why an item is secret where it cites no law.
_MARKED_SECRET = "sekretessmarkerad i nämndens lista"
_NAMES_A_PERSON = "namnger en person med personnummer"
_NAMES_BY_INITIALS = "namnger en person med initialer"
# Kronor in each unit an agenda writes an amount in.
_KRONOR = {"kr": 1, "kronor": 1, "sek": 1, "tkr": 1000, "mnkr": 10**6, "mkr": 10**6,
           "miljoner kronor": 10**6}  # fmt: skip


def _amount_found(lowered: str, text: str, rules: AgendaRules) -> re.Match[str] | None:
    # Every unit has "kr" or "sek" in it: most items have neither, and a substring is found
    # in a fraction of the time the pattern (a digit first) takes to fail.
    if "kr" not in lowered and "sek" not in lowered:
        return None
    return rules.amount.search(text)


def _amount(text: str, rules: AgendaRules) -> int | None:
    """The amount an item names in kronor ("bidrag med 25 000 kr", "ram på 1,5 mnkr"): the
    first, as whole kronor; None where it names none, or an amount too large to keep."""
    found = _amount_found(text.lower(), text, rules)
    if found is None:
        return None
    scale = _KRONOR[" ".join(found.group("unit").lower().split())]
    whole = int(found.group("whole").replace(" ", "").replace("\u00a0", ""))
    fraction = found.group("fraction") or ""
    kronor = whole * scale + int(fraction or "0") * scale // 10 ** len(fraction)
    return kronor if kronor <= MAX_AMOUNT else None


def _date_before(text: str, end: int, rules: AgendaRules) -> bool:
    """Whether a date ends at ``end`` (the sentence's last words before its diary number)."""
    return any(found.end() == end for found in rules.date.finditer(text, max(0, end - 24), end))


def _diary_number(written: str, rules: AgendaRules, config: Config) -> str | None:
    """The canonical diary number, or None when it fits no configured shape."""
    if rules.canonical_diary_number.fullmatch(written) is not None:
        return written
    try:
        return normalise_diary_number(written, config)
    except InvalidValue:
        return None


def _kind_end(
    found: re.Match[str] | None, lead_end: int, text: str, rules: AgendaRules
) -> int | None:
    """Where the kind's phrase ends, if it stands up front (no later than the lead-in words,
    or only a word that says which one between: "lokalt kollektivavtal")."""
    if found is None:
        return None
    start = found.start()
    if start <= lead_end or rules.kind_adjective.fullmatch(text, lead_end, start) is not None:
        return found.end()
    # "tecknat hyresavtal med … om …": the kind's word ends a compound for an agreement that
    # stands where the kind's word would, its party next; the compound is cut as the word is.
    # Without a party after it ("Hyresavtal för fritidsgården") the compound says what was
    # agreed, and stays.
    if rules.agreement_word.fullmatch(text, start, found.end()) is None or not text.startswith(
        (" med ", " mellan "), found.end()
    ):
        return None
    word = start
    while word > lead_end and start - word < _COMPOUND_LONGEST and text[word - 1].isalpha():
        word -= 1
    if (
        word < start
        and not text[word - 1 : word].isalpha()
        and not text[found.end() : found.end() + 1].isalpha()
        and (word == lead_end or rules.kind_adjective.fullmatch(text, lead_end, word) is not None)
    ):
        return found.end()
    return None


def _lead_kind_slug(word: str, rules: AgendaRules) -> str:
    """The kind a leading kind word names: a configured kind that matches in it, else the word
    itself ("Markanvisningsbeslut" → "markanvisningsbeslut"), kept rather than lost."""
    found = rules.kind.search(word)
    return _kind_slug(found, rules) if found is not None else word.lower()


def _kind_slug(found: re.Match[str] | None, rules: AgendaRules) -> str:
    if found is None:
        return FALLBACK_KIND
    # Each kind's phrases are one named group, which encloses any group of their own.
    slug = rules.kind_slug_of_group.get(found.lastgroup or "")
    if slug is not None:
        return slug
    for index, slug in enumerate(rules.kind_slugs):
        if found.group(f"k{index}") is not None:
            return slug
    return FALLBACK_KIND


_NO_TEXT = ItemReading(problem="the item has no text")
_EMPTY_REPORT = ItemReading(empty_report=True)


class _Item:
    """One item being read: the spans found so far and the parts made of them."""

    __slots__ = (
        "body_start",
        "config",
        "dated",
        "decided_on",
        "delegate",
        "diary",
        "end",
        "kind_found",
        "kind_lead",
        "lead_end",
        "leading_point",
        "lowered",
        "meeting_year",
        "number_first",
        "plain",
        "procurement",
        "removed",
        "rules",
        "text",
    )

    def __init__(
        self,
        text: str,
        lowered: str,
        plain: bool,
        rules: AgendaRules,
        config: Config,
        meeting_year: int | None,
    ) -> None:
        self.text = text
        self.rules = rules
        self.config = config
        self.meeting_year = meeting_year
        # Gates look in the lower-cased text by position; rare letters change length in it.
        low = lowered if len(lowered) == len(text) else None
        self.lowered = low
        self.plain = plain
        self.decided_on: str | None = None
        self.delegate: str | None = None
        self.leading_point: str | None = None
        # A date after who decided and the verb ("… har fattat 2024-01-12 …").
        self.dated: Span | None = None
        body_start = self._front(text, low, rules, config)
        self.body_start = body_start
        self.kind_found = rules.kind_gate.match(rules.kind, text, low, body_start)
        lead_in = rules.subject_lead_in.match(text, body_start, body_start + _LOOKAHEAD)
        lead_end = lead_in.end() if lead_in is not None else body_start
        if self.dated is not None and lead_end == self.dated[0]:
            # "… har fattat 2024-01-12 tilläggsbeslut om …", "… har 2024-01-12 fattat …": the
            # words after the day lead in as they would without it, and the kind's phrase
            # after them is no part of the subject.
            after = _skip(text, self.dated[1], _NUMBER_SEPARATORS)
            lead_in = rules.subject_lead_in.match(text, after, after + _LOOKAHEAD)
            lead_end = lead_in.end() if lead_in is not None else after
        self.lead_end = lead_end
        # "Programbeslut – Ombyggnad av kök …": the word that names the kind stands first.
        self.kind_lead = rules.kind_lead.match(text, self.lead_end, self.lead_end + _LOOKAHEAD)

    def _front(self, text: str, low: str | None, rules: AgendaRules, config: Config) -> int:
        """Find the numbers, a leading date and a delegate named first; where the body starts."""
        procurement = procurement_numbers(text, low, rules, config)
        self.procurement = procurement
        references = case_references(text, rules)
        excluded = sorted([*procurement, *references]) if references else procurement
        diary, number_first = own_diary_number(text, low, rules, excluded, labels=not self.plain)
        self.diary = diary
        self.number_first = number_first
        # Where the item's text ends after a number first (see ``_number_sentence_last``).
        self.end: int | None = None
        removed: list[Span] = [(found.start, found.end) for found in excluded]
        body_start = 0
        if diary is not None:
            span = with_parentheses(text, diary.start, diary.end)
            removed.append(span)
            if number_first:
                body_start = _skip(text, span[1], _NUMBER_SEPARATORS)
        self.removed = removed
        # "Delegationsbeslut nr 2024:15, Förordnande av …": the list's number for the decision.
        reference = rules.decision_reference.match(text, body_start)
        if reference is not None:
            body_start = reference.end()
        # "• 15.3 Kommundirektören har …", "1. 15.3 Kommundirektören har …": a second number
        # after the item's marker is the point of the delegationsordning it was decided under.
        point = _LEADING_POINT.match(text, body_start)
        if point is not None:
            self.leading_point = point.group("point")
            body_start = point.end()
        found = rules.date.match(text, body_start, body_start + _LOOKAHEAD)
        if found is not None:
            body_start = _skip(text, found.end(), _NUMBER_SEPARATORS)
            self.decided_on = self._date(found.group())
        elif low is not None and low.startswith(_DECISION_WORDS, body_start):
            # "Delegationsbeslut 2024-03-05 – Yttrande över …": the word for the decision,
            # then its day.
            at = low.index(" ", body_start) + 1
            found = rules.date.match(text, at, at + _LOOKAHEAD)
            if found is not None:
                self.decided_on = self._date(found.group())
                self.dated = found.span()
                removed.append(self.dated)
        if found is None and not self.plain:
            # "Beslutsdatum: 240315. Kommunstyrelsens ordförande har …": the day, labelled,
            # then the sentence.
            found = rules.decision_date.match(text, body_start, body_start + _LOOKAHEAD)
            if found is not None:
                body_start = _skip(text, found.end(), _NUMBER_SEPARATORS + ".")
                self.decided_on = self._date(found.group("date"))
        secret = _SECRET_FIRST.match(text, body_start)
        if secret is not None:
            # "Sekretessbelagt beslut om bistånd …": the mark (read by ``_secrecy``) is no
            # part of the subject, and the words after it lead in as they would without it.
            body_start = secret.end()
        delegate = rules.delegate_first(text, body_start, low)
        if delegate is not None:
            self.delegate, body_start = delegate
            if self.decided_on is None:
                # "Kommundirektörens beslut 2024-08-12 om …": the day, right after who decided
                # and the word for the decision.
                lead = rules.subject_lead_in.match(text, body_start, body_start + _LOOKAHEAD)
                at = lead.end() if lead is not None else body_start
                found = rules.date.match(text, at, at + _LOOKAHEAD)
                if found is None and at == body_start and _after_har(text, body_start):
                    found = _COMPACT_DAY_BEFORE_VERB.match(text, at)
                    if found is not None and self._date(found.group()) is None:
                        found = None  # "har 240230 beslutat": no day, whatever it is
                if found is not None:
                    self.decided_on = self._date(found.group())
                    self.dated = found.span()
                    removed.append(self.dated)
        # "Ärende: Avtal om …": an item written field by field names its subject so.
        label = rules.subject_label.match(text, body_start)
        return body_start if label is None else label.end()

    def read(self, source: str) -> ItemReading:
        if not self.plain and self._empty_report():
            return _EMPTY_REPORT
        text, rules = self.text, self.rules
        lead = self.kind_lead
        if lead is not None:
            kind = _lead_kind_slug(lead.group("word"), rules)
            kind_end: int | None = lead.end()
            parties = read_lead_parties(
                text, rules, start=lead.end(), end=self._text_end(), removed=self.removed, kind=kind
            )
        else:
            kind = _kind_slug(self.kind_found, rules)
            kind_end = _kind_end(self.kind_found, self.lead_end, text, rules)
            found = self.kind_found
            if (
                kind_end is None
                and found is not None
                and found.start() >= 2
                and text.startswith(", ", found.start() - 2)
                and text.startswith(",", found.end())
            ):
                # "Upphandling av revisionstjänster, tilldelningsbeslut, KS 2024/103": the
                # kind's word as a part of its own says the kind, no part of the subject.
                self.removed.append((found.start() - 2, found.end()))
            parties = read_parties(
                text,
                self.lowered,
                rules,
                start=self.body_start,
                end=self._text_end(),
                removed=self.removed,
                kind=kind,
                kind_end=kind_end,
            )
        if not self.plain:
            parties = self._labelled_parties(parties)
        # Before the dates: "…, SN 2024/49, 2024-02-20 (sekretess)" ends with its day once the
        # mark is out.
        secret, secret_reason = self._secrecy()
        valid_from = valid_to = None
        if self.number_first and self.diary is not None:
            self._number_sentence_last()
        if self.diary is not None:
            # "Avtalet gäller 2024-03-01 – 2024-12-31.": the days it holds between are not
            # the day it was decided, though they end the item.
            valid_from, valid_to = self._validity()
            if not self.number_first:
                self._detail_before_number()
            # The dates first: what is left at the end of the item may name who decided.
            if not self.plain:
                self._labelled_date()
            if self.decided_on is None and not self._date_in_parentheses():
                self._date_last()
        if self.delegate is None:
            self._delegate_last()
            if self.delegate is not None and self.diary is not None and self.decided_on is None:
                # "… – 2024-05-02 – Kommundirektör" (a table's columns): the date stood before
                # who decided.
                self._date_last()
        if not parties and self.delegate is not None and lead is None:
            # "… med Vallby Folkets Husförening, Kulturchef": the party's clause ends where who
            # decided, taken off the end, starts; read to the end, it named no party.
            end = self._text_end()
            cut = self._free_end(end)
            if cut < end:
                parties = read_parties(
                    text,
                    self.lowered,
                    rules,
                    start=self.body_start,
                    end=cut,
                    removed=self.removed,
                    kind=kind,
                    kind_end=kind_end,
                )
        if self.delegate is None and rules.delegate_words:
            # "Ordförandebeslut – …" and no delegate named anywhere: the chair.
            lowered = self.lowered if self.lowered is not None else text.lower()
            self.delegate = rules.delegate_by_word(lowered, self.body_start)
        if self.delegate is None and self.diary is None and self.decided_on is None:
            # "Upphandling – Avtal med … – Driftchef Karin Ahl – 2024-02-02" (a table's row
            # whose number cell is empty): who decided stands before the day, which is read
            # off the end first, as with a number; the row is an item cut off, not prose.
            self._date_last()
            if self.decided_on is not None:
                self._delegate_last()
        delegate = self.delegate
        decision_like = bool(
            delegate
            or kind_end is not None
            or rules.decision_start.match(text, self.body_start, self.body_start + _LOOKAHEAD)
        )
        diary = self.diary
        if diary is None:
            problem = missing_number_problem(text, self.lowered, rules, labels=not self.plain)
            return ItemReading(
                None, problem, decision_like, self._has_text(), False, delegate is not None
            )
        diary_number = _diary_number(diary.value, rules, self.config)
        if diary_number is None:
            problem = f"malformed diary number {diary.value!r}"
            return ItemReading(
                None, problem, decision_like, self._has_text(), False, delegate is not None
            )
        # Before the subject, which the point's words are then no part of.
        point = self.leading_point or (None if self.plain else self._delegation_point())
        self._details(diary)
        decision = Decision(
            diary_number=diary_number,
            kind=kind,
            subject=read_subject(
                text,
                rules,
                cut=max(self.lead_end, kind_end or 0),
                body_start=self.body_start,
                removed=self.removed,
            ),
            procurement_number=self.procurement[0].value if self.procurement else None,
            parties=parties,
            delegate=delegate,
            decided_on=self.decided_on,
            delegation_point=point,
            amount=_amount(text, rules),
            secret=secret,
            secret_reason=secret_reason,
            wording=as_wording(text),
            source=source,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        return ItemReading(
            decision, None, decision_like, self._has_text(), False, delegate is not None
        )

    def _detail_before_number(self) -> None:
        """ "Avtal om fönsterputs. Motpart: X AB. Avtalet avser tre år, KS 2024/14": a sentence
        before the number that speaks of the decision ("Avtalet …", "Beslutet …") is a detail,
        taken out of the subject up to the part after it (a day, who decided)."""
        text = self.text
        end = self._text_end()
        if text.find(". ", self.body_start, end) < 0:
            return  # most items: one sentence, then the number
        found = _DETAIL_BEFORE.search(text, self.body_start, end)
        if found is None or any(start <= found.start() < stop for start, stop in self.removed):
            return
        comma = text.find(",", found.end(), end)
        self.removed.append((found.start(), end if comma < 0 else comma))

    def _number_sentence_last(self) -> None:
        """ "TN 2024/31 Tilldelningsbeslut …, Upphandlingschef Sara Öhman, 2024-01-19. Avtal
        TN 2024-145.": a short sentence after the item's own that names another number (the
        agreement it led to) is a detail, taken off the end before the day and who decided are
        read from it; left on, they were not read and stayed in the subject."""
        text = self.text
        end = len(text.rstrip(" ."))
        sentence = text.rfind(". ", self.body_start, end)
        if sentence < 0 or end - sentence > _NUMBER_SENTENCE_LONGEST:
            return
        if self.rules.diary_number.search(text, sentence + 2, end) is not None:
            self.removed.append((sentence, len(text)))
            self.end = sentence

    def _details(self, diary: Number) -> None:
        """A sentence after the diary number ("…, KS 2024/11. Avtalet löper ut …") is a
        detail, taken out of the subject."""
        text = self.text
        if not self.number_first:
            after = with_parentheses(text, diary.start, diary.end)[1]
            if _SENTENCE_AFTER.match(text, after) is not None:
                self.removed.append((after, len(text)))

    def _validity(self) -> tuple[str | None, str | None]:
        """From when and to when the decision holds, where a sentence of its own says so
        ("Avtalet gäller från 2024-02-09"); the sentence is taken out of the subject."""
        text = self.text
        if "gäller " not in text:
            return None, None
        found = _VALIDITY.search(text, self.body_start)
        if found is None or found.start() <= self.body_start:
            return None, None
        self.removed.append(found.span())
        first = found.group("start") or found.group("first")
        last = found.group("until") or found.group("last") or found.group("end")
        return (
            None if first is None else self._date(first),
            None if last is None else self._date(last),
        )

    # --- numbers ---------------------------------------------------------------------------

    def _has_text(self) -> bool:
        """Whether there are words besides the diary number ("1. RS 2024/3" has none)."""
        text, diary = self.text, self.diary
        if diary is None:
            return _LETTER.search(text) is not None
        start, end = with_parentheses(text, diary.start, diary.end)
        return _LETTER.search(text, 0, start) is not None or _LETTER.search(text, end) is not None

    # --- parties ---------------------------------------------------------------------------

    def _labelled_parties(self, parties: tuple[str, ...]) -> tuple[str, ...]:
        """``parties`` and each party a label names ("Motpart: Vallby Städ AB", a table's
        column "Leverantör", once per party of a cell that names several), once each; the
        labels and their names are no part of the subject."""
        rules = self.rules
        for found in rules.party_label_gate.matches(
            rules.party_label, self.text, self.lowered, self.body_start
        ):
            self.removed.append(found.span())
            name = found.group("names").strip()
            if name not in parties:
                parties = (*parties, name)
        return parties

    # --- dates -----------------------------------------------------------------------------

    def _labelled_date(self) -> None:
        rules = self.rules
        found = rules.decision_date_gate.match(
            rules.decision_date, self.text, self.lowered, self.body_start
        )
        if found is None:
            return
        end = found.end()
        # "beslutat den 12 mars 2024 av handläggare": who decided, right after the day.
        by = _BY_DELEGATE.match(self.text, end)
        if by is not None:
            self.delegate = self.delegate or by.group("delegate")
            end = by.end()
        self.removed.append((found.start(), end))
        self.decided_on = self.decided_on or self._date(found.group("date"))

    def _date_last(self) -> None:
        """ "… läromedel, Dnr 2024-000121, 2024-04-10": a date that is a part of its own (after a
        comma or a spaced dash) at the end of the item, or just before a diary number that ends
        it, is the day it was decided. A date inside a phrase ("gäller från 2024-05-01", "1–30
        juni 2024") is the subject's."""
        text = self.text
        ends = [self._free_end(len(text.rstrip(_DATE_TAIL)))]
        diary = self.diary
        if diary is not None and not self.number_first:
            ends.append(len(text[: self._text_end()].rstrip(_NUMBER_SEPARATORS + "(")))
        for end in ends:
            at, separator = max((text.rfind(mark, 0, end), mark) for mark in _DATE_SEPARATORS)
            sentence = text.rfind(". ", 0, end)
            if max(at, self.body_start) < sentence and self._decided_by(sentence + 2, end):
                # "… om leverans. Beslutat 2024-01-15 av ekonomichef.": a sentence of its own
                # says when and who (no other part after a full stop is taken for the date).
                self.removed.append((sentence, end))
                if self.decided_on is None:
                    self._date_before_sentence(sentence)
                return
            if max(at, self.body_start) < sentence and self._named_then_dated(sentence, end):
                # "…, KS 2024/7. Beslutsfattare: Driftchef Karin Ahl 2024-02-09": the same
                # part after a full stop as after a comma.
                return
            if (
                max(at, self.body_start) < sentence
                and self.rules.delegate_label.match(text, sentence + 2, end) is not None
            ):
                # "…, 2024-03-08. Beslutet fattades av nämndens ordförande.": who decided in a
                # sentence of its own (read with the delegate), the day as the part before it.
                self._date_before_sentence(sentence)
                if self.decided_on is not None:
                    return
            found = None
            cut = at
            if at >= self.body_start:
                start = at + len(separator)
                if self._decided_by(start, end):
                    self.removed.append((at, end))
                    return
                found = self.rules.date.fullmatch(text, start, end) or _OTHER_DAY.fullmatch(
                    text, start, end
                )
                if found is None:
                    # "…, fattat av upphandlingschef 2024-03-12": who decided, then when (the
                    # title stays for the delegate); "…, beslutat 2024-03-15": the part is the
                    # date's.
                    found = self._date_after_title(start, end)
                    if found is not None and not self._decided_before(start, found.start()):
                        cut = found.start()
                        if text[start : start + len(_BY_WHOM)].lower() == _BY_WHOM:
                            # "…, beslut av driftchef Karin Ahl 2024-02-06": who, then when.
                            named = text[start + len(_BY_WHOM) : cut].strip(" ,")
                            self.delegate = self.delegate or named or None
                            cut = at
            if found is None and end == ends[0]:
                found = self._date_after_space(end)
                if found is not None:
                    cut = found.start() - 1
            if found is not None:
                decided_on = self._date(found.group())
                if decided_on is not None:
                    self.decided_on = decided_on
                    self.removed.append((self._by_whom_before(cut), end))
                    return

    def _date_before_sentence(self, sentence: int) -> None:
        """ "…, MBN 2024/221, 2024-03-08. Beslutet fattades av nämndens ordförande.": the day
        as the part before the sentence that says who decided."""
        text = self.text
        at = text.rfind(", ", 0, sentence)
        if at < self.body_start:
            return
        found = self.rules.date.fullmatch(text, at + 2, sentence)
        decided_on = None if found is None else self._date(found.group())
        if decided_on is not None:
            self.decided_on = decided_on
            self.removed.append((at, sentence))

    def _date_in_parentheses(self) -> bool:
        """Whether the item ends with its day in parentheses right after its diary number
        ("Startbesked, Tallen 4, BN 2024-000130 (2024-03-05)"): the day it was decided, read
        and no part of the subject."""
        text, diary = self.text, self.diary
        end = len(text.rstrip(" ."))
        if diary is None or self.number_first or not text.endswith(")", 0, end):
            return False
        start = text.rfind("(", diary.end, end)
        if start < 0 or text[diary.end : start].strip(_NUMBER_SEPARATORS):
            return False
        found = self.rules.date.fullmatch(text, start + 1, end - 1)
        decided_on = None if found is None else self._date(found.group())
        if decided_on is None:
            return False
        self.decided_on = decided_on
        self.removed.append((start, end))
        return True

    def _named_then_dated(self, sentence: int, end: int) -> bool:
        """Whether the sentence after the full stop at ``sentence`` says who decided, then the
        day ("Beslutsfattare: Driftchef Karin Ahl 2024-02-09", "Beslut av driftchef Karin Ahl
        2024-02-09"); the day and who are read from it. Only a part that names who decided:
        a sentence that ends with a date for another reason stays the subject's."""
        start = sentence + 2
        text = self.text
        for found in self.rules.date.finditer(text, start, end):
            if found.end() != end or found.start() <= start or text[found.start() - 1] != " ":
                continue
            if not self._names_who_decided(start, found.start()):
                return False
            decided_on = self._date(found.group())
            if decided_on is None:
                return False
            self.decided_on = decided_on
            if text[start : start + len(_BY_WHOM)].lower() == _BY_WHOM:
                named = text[start + len(_BY_WHOM) : found.start()].strip(" ,")
                if _WHO_ALONE.fullmatch(named) is not None:
                    self.delegate = self.delegate or named
            # A label's delegate is read from the text later on ("Beslutsfattare: …").
            self.removed.append((sentence, end))
            return True
        return False

    def _by_whom_before(self, cut: int) -> int:
        """Where the day's part starts, taking the part before it where that says who decided
        ("…, beslut av driftchef Karin Ahl, 2024-02-07"): the delegate is read from it."""
        text = self.text
        comma = text.rfind(", ", self.body_start, cut)
        if comma < 0 or self.delegate is not None or text[cut : cut + 2] != ", ":
            return cut
        start = comma + 2
        if text[start : start + len(_BY_WHOM)].lower() != _BY_WHOM:
            return cut
        if _WHO_ALONE.fullmatch(text, start + len(_BY_WHOM), cut) is None:
            return cut
        self.delegate = text[start + len(_BY_WHOM) : cut]
        return comma

    def _date_after_space(self, end: int) -> re.Match[str] | None:
        """ "… om städ KS 2024/106 2024-03-05", and a row that starts with its number "KS
        2024/103 Avtal om städ 2024-03-05": a date after a plain space at the end of the item
        is the day it was decided when it follows the diary number, or ends such a row, unless
        a word before it makes it a phrase's ("gäller från 2024-08-01", "den 2024-03-05")."""
        text = self.text
        space = text.rfind(" ", 0, end)
        if space <= self.body_start:
            return None
        found = self.rules.date.fullmatch(text, space + 1, end)
        if found is None:
            return None
        diary = self.diary
        if diary is not None and not self.number_first:
            return found if diary.end == space else None
        word = text[:space].rpartition(" ")[2].lower()
        return found if word[-1:].isalpha() and word not in _DATE_PHRASE_WORDS else None

    def _free_end(self, end: int) -> int:
        """Where the item's text ends before what has been taken off its end (a delegate)."""
        for start, stop in sorted(self.removed, reverse=True):
            if self.body_start < start < end and stop >= end:
                end = len(self.text[:start].rstrip(_NUMBER_SEPARATORS))
        return end

    def _decided_by(self, start: int, end: int) -> bool:
        """ "…, beslutat 2024-03-20 av teknisk chef": the item's last part says when, then who
        decided; both are read from it."""
        text = self.text
        head = text[start : start + 12].split(" ", 1)[0].lower()
        if head not in _DECIDED:
            return False
        by = text.rfind(" av ", start, end)
        if by < 0:
            return False
        found = self.rules.date.search(text, start + len(head), by)
        if found is None or found.end() != by:
            # "beslutat 5 mars -24 av socialchef": the day as a row's part may be written.
            found = _OTHER_DAY.search(text, start + len(head), by)
            if found is None or found.end() != by:
                return False
        between = text[start + len(head) : found.start()].split()
        named = _BY_DELEGATE.fullmatch(text, by, end)
        decided_on = self._date(found.group())
        if between not in ([], ["den"]) or named is None or decided_on is None:
            return False
        self.decided_on = decided_on
        self.delegate = self.delegate or named.group("delegate")
        return True

    def _date_after_title(self, start: int, end: int) -> re.Match[str] | None:
        """ "fattat av upphandlingschef 2024-03-12", "beslutat 2024-03-15": a date after who
        decided, or after the word that says it was decided, ends the item's last part."""
        text = self.text
        days = list(self.rules.date.finditer(text, start, end))
        if not days and text[end - 1 : end].isdigit():
            # "beslutat 2024.03.02", "fattat av enhetschef 20240306": the day written as a
            # row's part may be (``_OTHER_DAY``), as the part's last word.
            at = text.rfind(" ", start, end) + 1
            other = _OTHER_DAY.fullmatch(text, at, end) if at > start else None
            days = [] if other is None else [other]
        for found in days:
            if found.end() == end and found.start() > start and text[found.start() - 1] == " ":
                words = text[start : found.start()].split()
                last = words[-1].lower() if words else ""
                if _says_decided(words) or last.endswith(self.rules.delegate_endings):
                    return found
                if self._names_who_decided(start, found.start()):
                    return found
        return None

    def _names_who_decided(self, start: int, end: int) -> bool:
        """Whether the part ``text[start:end]`` says who decided, whoever they are ("beslut av
        driftchef Karin Ahl", "Beslutsfattare: Driftchef Karin Ahl"): the date that ends it is
        then the day, though a name rather than a title stands before it."""
        text = self.text
        if text[start : start + len(_BY_WHOM)].lower() == _BY_WHOM:
            return True
        return self.rules.delegate_label.match(text, start, end) is not None

    def _decided_before(self, start: int, end: int) -> bool:
        return _says_decided(self.text[start:end].split())

    def _date(self, written: str) -> str | None:
        if written[4:5] == "." and written[:4].isdigit():
            # "2024.03.05": the year first, dotted (``_OTHER_DAY``).
            written = written.replace(".", "-")
        elif written[-4:-2] == " -":
            # "5 mars -24": the year's last two digits (``_OTHER_DAY``).
            written = f"{written[:-3]}20{written[-2:]}"
        if written.isdigit():
            # "Beslutsdatum: 240315", "20240315": after a label, the date without dashes.
            century = "20" if len(written) == 6 else ""
            written = f"{century}{written[:-4]}-{written[-4:-2]}-{written[-2:]}"
        try:
            return parse_date(written, default_year=self.meeting_year)
        except InvalidValue:
            return None

    # --- who decided, and what kind of decision ----------------------------------------------

    def _delegate_last(self) -> None:
        """ "… – Regional utvecklingsdirektör, RS2022/2478": a title just before the number."""
        end = self._text_end()
        labelled = None if self.plain else self._labelled_delegate(end)
        # A date taken off the end ("…, upphandlingschef 2024-03-01") ends the region too.
        tail = len(self.text[:end].rstrip(_DATE_TAIL))
        for start, stop in self.removed:
            if self.body_start < start < end and stop >= tail:
                end = start
        if labelled is not None:
            self.delegate = labelled.group("delegate").strip()
            self.removed.append(labelled.span())
            return
        if self._parenthesised_delegate(self.body_start, end):
            return
        region = self.text[self.body_start : end].rstrip(_NUMBER_SEPARATORS + "(")
        found = _last_segment(region)
        if (
            found is not None
            and found[1][: len(_BY_WHOM)].lower() == _BY_WHOM
            and _WHO_ALONE.fullmatch(found[1], len(_BY_WHOM)) is not None
        ):
            # "…, beslut av driftchef Karin Ahl": the last part names who decided.
            self.delegate = found[1][len(_BY_WHOM) :]
            self.removed.append((self.body_start + found[0], end))
            return
        lead = self.kind_lead
        if lead is not None and self.body_start + found[0] < lead.end() if found else False:
            # "Anställning – Kommunjurist": who is appointed, not who decided.
            return
        if found is not None and (
            self._is_title(found[1]) or self._is_cell_after_date(region, found)
        ):
            self.delegate = found[1]
            self.removed.append((self.body_start + found[0], end))
            return
        self._delegate_after_number()

    def _is_cell_after_date(self, region: str, last: tuple[int, str]) -> bool:
        """ "KFN 2024/21   Avslag på …   2024-02-09   Fältkurator": in a row of cells (the
        number, the text, the date), a last cell of a few words after the date's is who
        decided, a title the configuration knows or not; so is it after the cells of a case
        system's row ("BN 2024-000215   Del av Björkhagen 2:15   Rivning av förråd
        Rivningslov   2024-03-07   Anna Lind": the property, the measure, the decision)."""
        at, cell = last
        if not self.number_first or region[at : at + 3] != " – ":
            return False
        before = region.rfind(" – ", 0, at)
        if before < 0:
            return False  # the text's and the date's cells at least
        written = cell.split()
        return (
            0 < len(written) <= 3
            and written[0][:1].isupper()
            and all(word.replace("-", "").isalpha() for word in written)
            and self.rules.date.fullmatch(region, before + 3, at) is not None
        )

    def _labelled_delegate(self, end: int) -> re.Match[str] | None:
        """ "Beslutsfattare: Ekonomidirektör" before the diary number, or after it when the
        item is written field by field ("… – Dnr: SN 2024/3 – Delegat: Socialchef")."""
        rules, text, lowered = self.rules, self.text, self.lowered
        found = rules.delegate_label_gate.match(
            rules.delegate_label, text, lowered, self.body_start, end
        )
        if found is not None or end == len(text) or self.diary is None:
            return found
        after = with_parentheses(text, self.diary.start, self.diary.end)[1]
        return rules.delegate_label_gate.match(rules.delegate_label, text, lowered, after)

    def _delegate_after_number(self) -> None:
        """ "Beslut om skolskjuts, Dnr 2024-000102, rektor Karin Ek, 2024-04-03": who decided,
        standing last after a diary number that does not end the item."""
        diary = self.diary
        if diary is None or self.number_first:
            return
        start = with_parentheses(self.text, diary.start, diary.end)[1]
        end = min((span[0] for span in self.removed if span[0] >= start), default=len(self.text))
        if self._parenthesised_delegate(start, end):
            return
        region = self.text[start:end].rstrip(_NUMBER_SEPARATORS + "." + ")")
        lead = len(region) - len(region.lstrip(_NUMBER_SEPARATORS + "("))
        found = _last_segment(region)
        at, title = found if found is not None else (lead, region[lead:])
        if (
            title[: len(_BY_WHOM)].lower() == _BY_WHOM
            and _WHO_ALONE.fullmatch(title, len(_BY_WHOM)) is not None
        ):
            # "…, KS 2024/1, beslut av driftchef Karin Ahl": as before the number.
            self.delegate = title[len(_BY_WHOM) :]
            self.removed.append((start + at, start + len(region)))
        elif self._is_title(title):
            self.delegate = title
            self.removed.append((start + at, start + len(region)))

    def _parenthesised_delegate(self, start: int, end: int) -> bool:
        """ "…, Skolan 1:4 (miljöinspektör)", "…, SN 2024/35 (verksamhetschef äldreomsorg)":
        who decided, in parentheses at the end of ``text[start:end]``; a title and the words
        that say which one may stand there."""
        text = self.text
        close = len(text[:end].rstrip(" .;,"))
        if close <= start or text[close - 1] != ")":
            return False
        opening = text.rfind("(", start, close)
        words = text[opening + 1 : close - 1].split() if opening >= 0 else []
        endings = self.rules.delegate_endings
        if not (
            0 < len(words) <= 4
            and all(word.replace("-", "").isalpha() for word in words)
            and any(word.lower().endswith(endings) for word in words)
        ):
            return False
        self.delegate = " ".join(words)
        self.removed.append((len(text[:opening].rstrip(" ,")), close))
        return True

    def _is_title(self, text: str) -> bool:
        written = text.split()
        if not (
            len(text) <= _DELEGATE_LAST_MAX
            and 0 < len(written) <= 4
            and all(word.replace("-", "").isalpha() for word in written)
        ):
            return False
        words = [word.lower() for word in written]
        endings = self.rules.delegate_endings
        # "Förvaltningschef", or "rektor Karin Ek": a title and the name of who holds it.
        return words[-1].endswith(endings) or (
            len(words) > 1
            and words[0].endswith(endings)
            and all(word[0].isupper() for word in written[1:])
        )

    def _empty_report(self) -> bool:
        rules = self.rules
        return (
            rules.empty_report_gate.match(rules.empty_report, self.text, self.lowered) is not None
        )

    def _secrecy(self) -> tuple[bool, str | None]:
        """Whether the item is secret, and why: the board marks it so ("(sekretess)",
        "Sekretessbelagt beslut", "… enligt 26 kap. 1 § OSL"), or it names a person by their
        personal identity number or by initials. The law it cites is the reason where it cites
        one."""
        rules, text = self.rules, self.text
        mark = None if self.plain else rules.secrecy.search(text)
        named = personal_number(text)
        if mark is None and named is None:
            if initials(text) is not None:
                return True, _NAMES_BY_INITIALS
            return False, None
        if mark is not None and mark.group().startswith("("):
            # "(sekretess)", "(sekretess enligt 26 kap. 1 § OSL)": the parentheses are the mark's.
            close = mark.end() if mark.group().endswith(")") else text.find(")", mark.end()) + 1
            if close > 0 and "(" not in text[mark.end() : close]:
                self.removed.append((mark.start(), close))
        law = rules.secrecy_law.search(text) if mark is not None else None
        if law is not None:
            start, end = law.span()
            if mark is not None and not mark.group().startswith("("):
                # The law alone marks it ("…, KS 2024/53 (26 kap. 1 § OSL)"), or the mark and
                # the law it cites ("…, sekretess enligt 26 kap. 1 § OSL, …"): no part of the
                # subject.
                if mark.group().lower() != "osl" and text[mark.end() : start] in (" enligt ", " "):
                    start = mark.start()
                if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
                    start, end = start - 1, end + 1
                if start <= mark.start() < end or mark.group().lower() == "osl":
                    self.removed.append((start, end))
            return True, law.group()
        return True, _MARKED_SECRET if mark is not None else _NAMES_A_PERSON

    def _delegation_point(self) -> str | None:
        gate = self.rules.delegation_point_gate
        if gate.first(self.lowered) < 0:
            return None
        for pattern in self.rules.delegation_points:
            found = gate.match(pattern, self.text, self.lowered)
            if found is not None and "point" in pattern.groupindex:
                start = found.start()
                # "… med stöd av punkt 3.4 i delegationsordningen": the words that lead to it.
                before = _POINT_LEAD.search(self.text, max(0, start - 20), start)
                self.removed.append((before.start() if before else start, found.end()))
                return found.group("point")
        return None

    # --- parties and subject -----------------------------------------------------------------

    def _text_end(self) -> int:
        # Where the sentence proper ends: at a diary number that follows it.
        diary = self.diary
        text = self.text
        if diary is not None and not self.number_first:
            return with_parentheses(text, diary.start, diary.end)[0]
        if self.end is not None:
            return self.end
        # After the number, at the first field a table's row labels ("KS 2024/48 – Avtal om
        # slamtömning med Vallby Slamtjänst AB – Beslutsfattare: Teknisk chef"): a party named
        # last ends there.
        at = text.find(_FIELD_GAP, self.body_start)
        while at >= 0:
            if self.rules.field_label.match(text, at + len(_FIELD_GAP)) is not None:
                return at
            at = text.find(_FIELD_GAP, at + len(_FIELD_GAP))
        return len(text)


def _last_segment(region: str) -> tuple[int, str] | None:
    """Where the last part of "subject – Title" starts, and that part.

    A spaced dash or a comma separates it; failing those, a hyphen before a capital
    ("färdtjänst-Trafikdirektör", but not the "-chef" of "HR-chef").
    """
    at, separator = max((region.rfind(mark), mark) for mark in _DELEGATE_LAST_SEPARATORS)
    if at >= 0:
        return at, region[at + len(separator) :].strip()
    at = region.rfind("-")
    while at > 0:
        if region[at + 1 : at + 2].isupper():
            return at, region[at + 1 :].strip()
        at = region.rfind("-", 0, at)
    return None


def _says_decided(words: list[str]) -> bool:
    """Whether the words of a part before its date say that it is the day of the decision:
    "beslutat", "fattat av upphandlingschef" end so; "beslut" is the part's only word ("…, RN
    2024-0045, beslut 2024-02-02"), not the end of a phrase ("länsstyrelsens beslut")."""
    if not words:
        return False
    last = words[-1].lower()
    return last in _DECIDED or (len(words) == 1 and last == "beslut")


def _after_har(text: str, position: int) -> bool:
    """Whether ``text`` before ``position`` ends with the word "har" ("Kommundirektören har ")."""
    return text[max(0, position - 4) : position].rstrip().lower() == "har"


def _skip(text: str, position: int, characters: str) -> int:
    while position < len(text) and text[position] in characters:
        position += 1
    return position


def read_notice_item(
    text: str,
    *,
    source: str,
    position: int,
    rules: AgendaRules,
    meeting_year: int | None,
) -> Notice:
    """A meddelandeärende: its text, and its date where it names one."""
    found = rules.date.search(text)
    date = None
    if found is not None:
        try:
            date = parse_date(found.group(), default_year=meeting_year)
        except InvalidValue:
            date = None
    return Notice(text=text, date=date, position=position, source=source)
