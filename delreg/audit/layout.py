"""The audit pack as a document: headings, paragraphs, tables and charts, in Swedish, for the
HTML and Word renderings to draw alike. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from delreg.audit.pack import AuditPack, SampledDecision
from delreg.audit.statistics import GroupStatistics

if TYPE_CHECKING:
    from delreg.store import Event

INTERNAL = (
    "INTERN HANDLING – revisionsunderlag. Innehåller uppgifter som kan omfattas av sekretess "
    "(OSL); pröva sekretessen innan något lämnas ut."
)


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    name: str  # the PNG's file name in the pack's folder
    caption: str


@dataclass(frozen=True)
class Heading:
    text: str


Block = str | Table | Chart | Heading


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class AuditDocument:
    title: str
    internal: str
    sections: tuple[Section, ...]
    dated_on: str


def kronor(amount: int | None) -> str:
    return "–" if amount is None else f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def days(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}".replace(".", ",")


def share(value: float) -> str:
    return f"{round(value * 100):d}\u00a0%"


def _statistics(title: str, rows: tuple[GroupStatistics, ...], names: dict[str, str]) -> Table:
    return Table(
        (title, "Beslut", "Anmälda", "Median dagar", "Längst dagar", "Sent anmälda", "Andel sena"),
        tuple(
            (
                names.get(row.group, row.group),
                str(row.decisions),
                str(row.reported),
                days(row.median_days),
                days(row.max_days),
                str(row.late),
                share(row.late_share),
            )
            for row in rows
        ),
    )


def _what(event: Event) -> str:
    """What an event changed, in a few words: the fields of an update, the meeting of a
    report, the reason of an acknowledgement."""
    new = event.new or {}
    if event.action == "report":
        return f"sammanträde {new.get('meeting')}, punkt {new.get('item')}"
    if event.action in ("ack", "unack"):
        return f"{(new or event.old or {}).get('rule')}: {new.get('reason', 'återtagen')}"
    if event.action == "update":
        return ", ".join(event.changes())
    return ""


def _sampled(item: SampledDecision, labels: dict[str, str]) -> tuple[Block, ...]:
    decision = item.decision
    facts = [
        ("Beslutstyp", labels.get(decision.kind, decision.kind)),
        ("Ärende", decision.subject),
        ("Motpart", "; ".join(decision.parties) or "–"),
        ("Delegat", decision.delegate or "–"),
        ("Delegationspunkt", decision.delegation_point or "–"),
        ("Beslutsdatum", decision.decided_on or "–"),
        ("Belopp", kronor(decision.amount)),
        ("Upphandlingsnummer", decision.procurement_number or "–"),
        (
            "Sekretess",
            f"ja ({decision.secret_reason})"
            if decision.secret and decision.secret_reason
            else "ja"
            if decision.secret
            else "nej",
        ),
        (
            "Anmält",
            f"sammanträdet {decision.meeting}, punkt {decision.item} "
            f"({days(item.days_to_report)} dagar efter beslutet)"
            if decision.meeting
            else "inte anmält",
        ),
        ("Sent anmält", "ja" if item.late else "nej"),
    ]
    history = Table(
        ("Tid", "Användare", "Händelse", "Vad", "Kommando"),
        tuple((e.at, e.user, e.action, _what(e), e.command) for e in item.history),
    )
    findings: Block = (
        Table(
            ("Regel", "Allvar", "Iakttagelse", "Godtagen"),
            tuple(
                (
                    f.rule,
                    "fel" if str(f.severity) == "error" else "varning",
                    f.message,
                    f.acknowledged.reason if f.acknowledged else "",
                )
                for f in item.findings
            ),
        )
        if item.findings
        else "Kontrollerna (delreg check) har inga iakttagelser om beslutet."
    )
    return (
        Heading(f"{decision.diary_number}"),
        Table(("Uppgift", "Värde"), tuple(facts)),
        "Historik:",
        history,
        findings,
    )


def layout(pack: AuditPack) -> AuditDocument:
    year = pack.year
    labels = pack.kind_labels
    total = pack.total
    overview = Section(
        "Översikt",
        (
            f"Underlaget omfattar {total.decisions} delegationsbeslut med beslutsdatum {year}"
            + (f" i {pack.board}" if pack.board else "")
            + f", sammanställt per {pack.as_of}. {total.reported} av dem är anmälda till "
            f"nämnden; {total.late} ({share(total.late_share)}) anmäldes senare än "
            f"{pack.limit} dagar efter beslutet eller är inte anmälda fast de är äldre än så.",
            f"Mediantiden från beslut till anmälan är {days(total.median_days)} dagar, den "
            f"längsta {days(total.max_days)} dagar.",
        ),
    )
    statistics = Section(
        "Statistik",
        (
            Heading("Per delegat"),
            _statistics("Delegat", pack.per_delegate, {}),
            Chart("beslut-per-delegat.png", "Beslut per delegat, varav sent anmälda."),
            Heading("Per beslutstyp"),
            _statistics("Beslutstyp", pack.per_kind, labels),
            Chart("dagar-till-anmalan.png", "Dagar från beslut till anmälan per beslutstyp."),
            Heading("Per månad"),
            _statistics("Månad", pack.per_month, {}),
            Chart("beslut-per-manad.png", "Beslut per månad, varav sent anmälda."),
        ),
    )
    thresholds = ", ".join(f"{kronor(amount)} från {day}" for day, amount in pack.thresholds)
    awards: list[Block] = [
        Heading("Direktupphandlingar till samma leverantör över gränsen"),
        "Direktupphandlingar av samma slag under ett år räknas samman (LOU 19 kap. 8 §). "
        f"Gränsen enligt konfigurationen: {thresholds or 'ingen angiven'}.",
    ]
    if pack.direct_awards:
        awards.append(
            Table(
                ("Leverantör", "Beslut", "Summa", "Gräns"),
                tuple(
                    (
                        found.supplier,
                        ", ".join(
                            f"{d.diary_number} ({d.decided_on}, {kronor(d.amount)})"
                            for d in found.decisions
                        ),
                        kronor(found.total),
                        f"{kronor(found.threshold)} (från {found.threshold_from})",
                    )
                    for found in pack.direct_awards
                ),
            )
        )
    else:
        awards.append("Inga leverantörer med flera direktupphandlingar över gränsen.")
    awards.append(Heading("Beslut av delegat som delegationsordningen inte nämner"))
    if pack.unnamed_delegates is None:
        awards.append("Ingen delegationsordning är inläst (delreg delegation load); inte prövat.")
    elif pack.unnamed_delegates:
        awards.append(
            Table(
                ("Diarienummer", "Beslutsdatum", "Delegat"),
                tuple(
                    (d.diary_number, d.decided_on or "–", d.delegate or "")
                    for d in pack.unnamed_delegates
                ),
            )
        )
    else:
        awards.append("Alla beslut är fattade av delegater som delegationsordningen nämner.")
    sample_blocks: list[Block] = [
        f"Stickprov av {len(pack.sample)} av {total.decisions} beslut, dragna med fröet "
        f"{pack.seed}: samma frö ger samma stickprov (besluten sorteras på diarienummer och "
        f"dras med Pythons random.Random({pack.seed}).sample)."
    ]
    for item in pack.sample:
        sample_blocks.extend(_sampled(item, labels))
    return AuditDocument(
        title=f"Revisionsunderlag: delegationsbeslut {year}",
        internal=INTERNAL,
        sections=(
            overview,
            statistics,
            Section("Avvikelser att granska", tuple(awards)),
            Section("Stickprov", tuple(sample_blocks)),
        ),
        dated_on=pack.as_of,
    )
