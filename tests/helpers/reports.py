"""The example register the report tests build through the command line."""

from __future__ import annotations

from tests.helpers import DATA, Invoke

BOARD = "Hälso- och sjukvårdsnämnden"

DIRECTOR = "Hälso- och sjukvårdsdirektören"

MEETING = "2024-02-15"

NEXT_MEETING = "2024-03-14"

NOTICES = """Meddelandeärenden:

1. Protokoll beredning för psykiatri 2023-12-08.

2. Protokoll beredning för forskning och utbildning 2023-12-15.
"""

# The example register: decisions added by hand, in an order unlike the report's.
DECISIONS = [
    ["--kind", "avtal", "--diary-number", "24RS278", "--subject",
     "försäljning av läkemedel Epclusa", "--party", "Gilead Sciences Sweden AB", "--party",
     "Region Örebro län", "--decided-on", "2024-01-25", "--delegate", DIRECTOR,
     "--secret", "--secret-reason", "OSL 31:16", "--amount", "1250000"],
    ["--kind", "kontrakt", "--diary-number", "23RS764", "--procurement-number", "MT 2023-0043",
     "--subject", "ultraljudsutrustning", "--party", "Acme Medical AB", "--decided-on",
     "2024-01-19", "--delegate", DIRECTOR],
    ["--kind", "tilldelningsbeslut", "--diary-number", "23RS710", "--procurement-number",
     "MT 2023-0043", "--subject", "ultraljudsutrustning", "--decided-on", "2023-11-02",
     "--delegate", DIRECTOR],
    ["--kind", "pub-avtal", "--diary-number", "24RS611", "--subject",
     "service och support på instrumentet Liason XL", "--party", "Diasorin AB",
     "--decided-on", "2024-02-01"],
    ["--kind", "beslut", "--diary-number", "24RS841", "--subject",
     "läsbehörighet i patientjournal", "--delegate", DIRECTOR],
    ["--kind", "beslut", "--diary-number", "24RS700", "--subject",
     "tolkning <över> 5 % & *akut* [test]", "--decided-on", "2024-02-10",
     "--delegate", DIRECTOR],
    ["--kind", "initiering", "--diary-number", "24RS900", "--subject", "diskdesinfektor",
     "--decided-on", "2024-02-20", "--delegate", DIRECTOR],
]  # fmt: skip


def build_example(delreg: Invoke) -> Invoke:
    """Two meetings, seven decisions (one secret, one decided after the first meeting, one
    undated) and the first meeting's notices, all through the command line."""
    steps = [
        ["meetings", "add", MEETING, "--board", BOARD, "--paragraph", "16",
         "--adjusted-on", "2024-02-20", "--posted-on", "2024-02-21"],
        ["meetings", "add", NEXT_MEETING, "--board", BOARD, "--paragraph", "31"],
        *(["add", *decision] for decision in DECISIONS),
    ]  # fmt: skip
    for step in steps:
        result = delreg(*step)
        assert result.exit_code == 0, (step, result.stderr)
    result = delreg("import", "-", "--format", "text", "--meeting", MEETING, input=NOTICES)
    assert result.exit_code == 0, result.stderr
    return delreg


def build_imported_example(delreg: Invoke) -> Invoke:
    """The example register, then the board's agenda reported at the first meeting and the
    registry's export: a board's wording, a secret decision and reported ones."""
    build_example(delreg)
    for step in (
        ["import", str(DATA / "example-agenda.txt"), "--meeting", MEETING],
        ["import", str(DATA / "example-diarium.csv")],
    ):
        result = delreg(*step)
        assert result.exit_code == 0, (step, result.stderr)
    return delreg
