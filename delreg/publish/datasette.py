"""The Datasette metadata (``metadata.yml``) that makes the public file a public register with
no further work: Swedish titles and column descriptions, the licence and the source, label
columns, facets, sort orders, and canned queries for the questions people come with.

`delreg publish` writes it without Datasette: the metadata is plain data, written as YAML by
the small writer below (block style, every string double-quoted, which YAML reads as JSON
reads it). ``datasette serve -i DIR/delreg.db -m DIR/metadata.yml`` serves the bundle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from delreg.config import Config
from delreg.publish import paths
from delreg.publish.settings import PublishSettings
from delreg.publish.snapshot import PublicRegister

DECISION_COLUMNS = {
    "id": "Löpnummer i den publicerade filen",
    "diary_number": "Diarienummer",
    "kind": "Typ av beslut",
    "procurement_number": "Upphandlingsnummer",
    "subject": "Vad beslutet gäller (utelämnat om sekretess gäller)",
    "parties": "Motparter, som JSON-lista (utelämnade om sekretess gäller)",
    "delegate": "Vem som fattade beslutet på delegation",
    "decided_on": "Beslutsdatum",
    "notified_on": "Dag då tilldelningsbeslutet meddelades",
    "standstill_ends_on": "Sista dag av avtalsspärren (LOU 20 kap. 1 §)",
    "secret": "1 om uppgifter omfattas av sekretess (OSL 5 kap. 2 §)",
    "amount": "Belopp i kronor",
    "delegation_point": "Punkt i delegationsordningen",
    "meeting": "Sammanträdet där beslutet anmäldes",
    "item": "Beslutets nummer i sammanträdets lista",
    "meeting_id": "Sammanträdet där beslutet anmäldes",
    "sentence": "Beslutet som meningen i nämndens lista",
    "page": "Beslutets sida på den statiska webbplatsen",
}

_DECISION_LIST = (
    "SELECT d.diary_number, d.kind, d.decided_on, d.subject, d.parties, d.meeting, d.item, "
    "d.sentence FROM decisions d"
)

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "meeting_list": {
        "title": "Ett sammanträdes lista",
        "description": "Delegationsbesluten som anmäldes vid ett sammanträde, i listans "
        "ordning. Ange datum som 2024-02-15.",
        "sql": "SELECT m.date AS sammantrade, m.board AS namnd, r.item AS punkt, "
        "d.diary_number, d.sentence, m.appeal_ends_on FROM reportings r "
        "JOIN meetings m ON m.id = r.meeting_id JOIN decisions d ON d.id = r.decision_id "
        "WHERE m.date = :date ORDER BY m.board, r.item",
    },
    "month": {
        "title": "En månads beslut",
        "description": "Beslut fattade under en månad. Ange månad som 2024-01.",
        "sql": f"{_DECISION_LIST} WHERE substr(d.decided_on, 1, 7) = :month "
        "ORDER BY d.decided_on, d.diary_number",
    },
    "procurement_chain": {
        "title": "En upphandlings kedja",
        "description": "Besluten i en upphandling i tidsordning: initiering, "
        "tilldelningsbeslut, avtalsspärr, kontrakt. Ange upphandlingsnummer som MT 2023-0043.",
        "sql": "SELECT d.decided_on, d.kind, d.diary_number, d.notified_on, "
        "d.standstill_ends_on, d.subject, d.parties FROM decisions d "
        "WHERE d.procurement_number = :procurement ORDER BY d.decided_on, d.id",
    },
    "party_decisions": {
        "title": "En motparts beslut",
        "description": "Beslut där en motparts namn innehåller texten, t.ex. Gilead.",
        "sql": f"{_DECISION_LIST} WHERE EXISTS (SELECT 1 FROM json_each(d.parties) p "
        "WHERE p.value LIKE '%' || :party || '%') ORDER BY d.decided_on DESC, d.diary_number",
    },
}


def metadata(settings: PublishSettings) -> dict[str, Any]:
    return {
        "title": settings.title,
        "description": settings.description,
        "license": settings.licence_name,
        "license_url": settings.licence,
        "source": settings.publisher,
        "source_url": settings.base_url,
        "databases": {
            "delreg": {
                "title": settings.title,
                "description": settings.description,
                "tables": {
                    "decisions": {
                        "title": "Delegationsbeslut",
                        "description": "Ett beslut per rad. Hemliga beslut visar bara "
                        "diarienummer, typ, datum och delegat.",
                        "label_column": "diary_number",
                        "sort_desc": "decided_on",
                        "facets": ["kind", {"array": "parties"}, "meeting_id", "delegate"],
                        "fts_table": "decisions_fts",
                        "columns": DECISION_COLUMNS,
                    },
                    "meetings": {
                        "title": "Sammanträden",
                        "description": "Nämndens sammanträden och sista dag att överklaga "
                        "(kommunallagen 13 kap. 5 §).",
                        "label_column": "date",
                        "sort_desc": "date",
                        "facets": ["board"],
                        "columns": {
                            "id": "Sammanträdets beteckning",
                            "date": "Datum",
                            "board": "Nämnd",
                            "paragraph": "Paragraf i protokollet",
                            "adjusted_on": "Dag då protokollet justerades",
                            "posted_on": "Dag då protokollet anslogs",
                            "appeal_ends_on": "Sista dag att överklaga",
                            "decisions": "Antal anmälda beslut",
                            "page": "Sammanträdets sida",
                        },
                    },
                    "procurements": {
                        "title": "Upphandlingar",
                        "description": "Upphandlingar med beslut i registret.",
                        "label_column": "number",
                        "sort_desc": "last_decided_on",
                        "columns": {
                            "number": "Upphandlingsnummer",
                            "first_decided_on": "Första beslutet",
                            "last_decided_on": "Senaste beslutet",
                            "decisions": "Antal beslut",
                            "page": "Upphandlingens sida",
                        },
                    },
                    "kinds": {
                        "title": "Typer av beslut",
                        "label_column": "label",
                        "columns": {"name": "Kortnamn", "label": "Benämning"},
                    },
                    "reportings": {
                        "title": "Anmälningar",
                        "description": "Vilket beslut som anmäldes vid vilket sammanträde, "
                        "som vilken punkt.",
                        "columns": {
                            "decision_id": "Beslut",
                            "meeting_id": "Sammanträde",
                            "item": "Punkt i listan",
                        },
                    },
                    "notices": {
                        "title": "Meddelandeärenden",
                        "columns": {
                            "meeting_id": "Sammanträde",
                            "position": "Ordning",
                            "text": "Ärendet",
                            "date": "Datum",
                        },
                    },
                    "history": {
                        "title": "Ändringshistorik",
                        "description": "När ett beslut registrerades, ändrades eller anmäldes, "
                        "och vilka offentliga uppgifter som ändrades (inte värdena).",
                        "sort_desc": "at",
                        "facets": ["action"],
                        "columns": {
                            "decision_id": "Beslut",
                            "at": "Tidpunkt (UTC)",
                            "action": "Vad som hände",
                            "fields": "Ändrade uppgifter",
                        },
                    },
                    "decisions_per_month": {"title": "Beslut per månad och typ"},
                    "decisions_per_kind": {"title": "Beslut per typ"},
                    "decisions_per_party": {"title": "Beslut per motpart"},
                    "latest_decisions": {"title": "De senaste besluten"},
                    "appeal_deadlines": {"title": "Överklagandetider per sammanträde"},
                    "procurement_chains": {"title": "Upphandlingarnas kedjor"},
                },
                "queries": CANNED_QUERIES,
            }
        },
    }


def files(
    register: PublicRegister, settings: PublishSettings, config: Config
) -> Iterator[tuple[str, bytes]]:
    yield paths.METADATA, to_yaml(metadata(settings)).encode()


def to_yaml(value: Any) -> str:
    """``value`` (dicts, lists, strings, numbers, booleans) as a YAML document."""
    return "".join(_lines(value, 0)) if isinstance(value, dict | list) else _scalar(value) + "\n"


def _lines(value: Any, indent: int) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                yield f"{pad}{_key(str(key))}:\n"
                yield from _lines(item, indent + 2)
            else:
                yield f"{pad}{_key(str(key))}: {_scalar(item)}\n"
    else:
        for item in value:
            if isinstance(item, dict) and item:
                first, *rest = list(_lines(item, indent + 2))
                yield f"{pad}- {first.lstrip()}"
                yield from rest
            else:
                yield f"{pad}- {_scalar(item)}\n"


def _key(key: str) -> str:
    # Plain names stay bare; anything YAML might read as another type is quoted.
    if _PLAIN_KEY.fullmatch(key) and key.lower() not in _YAML_WORDS:
        return key
    return _scalar(key)


_PLAIN_KEY = re.compile(r"[a-z_][a-z0-9_]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _scalar(value: Any) -> str:
    if value == {}:
        return "{}"
    if value == []:
        return "[]"
    # A JSON string or number is a YAML flow scalar with the same meaning.
    return json.dumps(value, ensure_ascii=False)
