"""Validation at the door (issue 19 item 7): dates a register accepts, integers within range,
text that XML can carry, configuration and file names that cannot be read. Each bad value is
one line and a hint, exit 2 (or a rejected line, exit 1), and the register stays as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.dates import FIRST_DAY, LAST_DAY, parse_date, parse_month
from delreg.errors import InvalidValue
from delreg.fields import MAX_AMOUNT, normalise_field
from tests.helpers import Invoke, as_json

ADD = ("add", "--kind", "avtal", "--diary-number", "24RS1", "--subject", "städning")
# XML 1.0's Char production, less the non-characters Unicode reserves.
XML_TEXT = re.compile("[\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


def _digest(database: Path) -> str:
    if not database.exists():
        return ""
    return hashlib.sha256(database.read_bytes()).hexdigest()


def _refused(result: object, code: int = 2) -> str:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == code, stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert lines[0].startswith("delreg: error: "), stderr
    assert any(line.startswith("hint: ") for line in lines), stderr
    assert all(len(line) < 400 for line in lines), stderr
    return stderr


@pytest.fixture
def register(delreg: Invoke, database: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(database.parent)
    assert delreg(*ADD, "--decided-on", "2024-01-10").exit_code == 0
    assert delreg("meetings", "add", "2024-02-15").exit_code == 0
    return database


BAD_COMMANDS = [
    ("list", "--month", "9999-12"),
    ("list", "--month", "0001-01"),
    ("report", "--month", "9999-12"),
    ("list", "--since", "0001-01-01"),
    ("check", "--as-of", "0001-01-01"),
    ("check", "--as-of", "9999-12-31"),
    ("meetings", "add", "2024-03-14", "--posted-on", "9999-12-31"),
    ("meetings", "add", "9999-12-31"),
    ("edit", "24RS1", "--notified-on", "9999-12-31"),
    ("edit", "24RS1", "--decided-on", "0001-01-01"),
    ("edit", "24RS1", "--amount", "9223372036854775808"),
    ("edit", "24RS1", "--amount", "99999999999999999999999"),
    ("edit", "24RS1", "--standstill-days", "99999999999999999999"),
    ("meetings", "add", "2024-03-14", "--paragraph", "99999999999999999999"),
    ("edit", "24RS1", "--subject", "städ\uffffning"),
    ("edit", "24RS1", "--party", "Acme\ufffe AB"),
    ("edit", "24RS1", "--delegate", "chef\ufdd0"),
    ("meetings", "add", "2024-03-14", "--board", "Nämnd\uffff"),
    ("show", "X" * 10_000),
    ("edit", "24RS1", "--procurement-number", "M" * 10_000),
]


@pytest.mark.parametrize("command", BAD_COMMANDS)
def test_a_bad_value_on_the_command_line_is_refused(
    delreg: Invoke, register: Path, command: tuple[str, ...]
) -> None:
    before = _digest(register)
    _refused(delreg(*command))
    assert _digest(register) == before


def test_after_every_bad_value_the_register_still_reads(delreg: Invoke, register: Path) -> None:
    for command in BAD_COMMANDS:
        assert delreg(*command).exit_code == 2
    assert delreg("meetings", "list").exit_code == 0
    assert delreg("check", "--as-of", "2024-03-01").exit_code in (0, 1)
    report = delreg("report", "--meeting", "2024-02-15", "--format", "docx", "-o", "r.docx")
    assert report.exit_code == 0, report.stderr


def test_a_huge_limit_lists_everything(delreg: Invoke, register: Path) -> None:
    result = delreg("list", "--limit", "99999999999999999999", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [row["diary_number"] for row in as_json(result)] == ["24RS1"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", 1e308),
        ("amount", 9223372036854775808),
        ("standstill_days", 1e20),
        ("item", 2**70),
        ("notified_on", "9999-12-31"),
        ("decided_on", "0001-01-01"),
        ("subject", "st\ud800dning"),
        ("subject", "st\uffffdning"),
        ("parties", ["Acme \udfff AB"]),
    ],
)
def test_a_bad_value_in_json_is_rejected_with_its_line(
    delreg: Invoke, register: Path, tmp_path: Path, field: str, value: object
) -> None:
    before = _digest(register)
    export = tmp_path / "export.ndjson"
    good = {"diary_number": "24RS2", "subject": "ok"}
    bad = {"diary_number": "24RS3", "subject": "x", field: value}
    export.write_text(f"{json.dumps(good)}\n{json.dumps(bad)}\n", encoding="utf-8")
    result = delreg("import", str(export))
    assert result.exit_code == 1, result.stderr
    assert f"rejected: {export}:2: {field}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert _digest(register) == before


def test_a_bad_character_in_csv_and_agenda_text_is_rejected(
    delreg: Invoke, register: Path, tmp_path: Path
) -> None:
    before = _digest(register)
    export = tmp_path / "export.csv"
    export.write_text("Diarienummer;Beslut\n24RS2;städ\ufdd0ning\n", encoding="utf-8")
    result = delreg("import", str(export))
    assert result.exit_code == 1 and f"{export}:2: subject" in result.stderr, result.stderr
    agenda = tmp_path / "dagordning.txt"
    agenda.write_text(
        "Anmälningsärenden\n"
        "1. Direktören har fattat tilldelningsbeslut för städ\uffffning, 24RS5.\n",
        encoding="utf-8",
    )
    result = delreg("import", str(agenda), "--meeting", "2024-02-15")
    assert result.exit_code == 1, result.stderr
    assert f"rejected: {agenda}:2: " in result.stderr and "U+FFFF" in result.stderr
    assert _digest(register) == before


def test_deeply_nested_configuration_is_one_line(delreg: Invoke, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    _refused(delreg("--config", str(config), "list"))


def test_a_very_long_file_name_is_one_short_line(delreg: Invoke, database: Path) -> None:
    _refused(delreg("import", "a" * 3000 + ".csv"))
    _refused(delreg("import", "/tmp/" + "b" * 3000))
    assert not database.exists()


@pytest.mark.parametrize("fmt", ["auto", "text", "csv", "json", "xlsx", "pdf"])
def test_import_of_dev_zero_ends_quickly(delreg: Invoke, database: Path, fmt: str) -> None:
    started = time.monotonic()
    _refused(delreg("import", "/dev/zero", "--format", fmt))
    assert time.monotonic() - started < 10
    assert not database.exists()


# --- the rules themselves, at their boundaries -----------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.dates())
def test_a_date_is_accepted_exactly_within_the_register_range(day: date) -> None:
    inside = FIRST_DAY <= day <= LAST_DAY
    try:
        assert parse_date(day.isoformat()) == day.isoformat()
        accepted = True
    except InvalidValue as error:
        assert "1900-01-01 to 2099-12-31" in (error.hint or "")
        accepted = False
    assert accepted == inside


def test_the_range_leaves_room_for_every_deadline() -> None:
    # Deadlines run from a register's dates (three weeks to appeal, a spärr, a notice period of
    # years) and Word dates its zip entries no later than 2107.
    assert (LAST_DAY + timedelta(days=5 * 366)).year <= 2107
    assert parse_month("2099-12", today=date(2024, 1, 1)) == ("2099-12-01", "2099-12-31")
    with pytest.raises(InvalidValue):
        parse_month("2100-01", today=date(2024, 1, 1))


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.integers(-10, 10),
        st.integers(MAX_AMOUNT - 10, MAX_AMOUNT + 10),
        st.integers(2**63 - 10, 2**63 + 10),
        st.integers(0, 10**400),
    )
)
def test_an_amount_is_accepted_exactly_within_its_range(amount: int) -> None:
    config = load_config()
    for given_as in (str(amount), amount, float(amount) if amount < 10**300 else None):
        if given_as is None:
            continue
        try:
            value = normalise_field("amount", given_as, config)
        except InvalidValue:
            assert not 0 <= amount <= MAX_AMOUNT or isinstance(given_as, float)
            continue
        assert value == int(given_as) and 0 <= value <= MAX_AMOUNT


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 0x10FFFF).map(chr), st.sampled_from(["subject", "parties", "delegate"]))
def test_any_code_point_is_refused_or_kept_as_text_xml_carries(char: str, field: str) -> None:
    config = load_config()
    try:
        value = normalise_field(field, f"a{char}b", config)
    except InvalidValue as error:
        assert f"U+{ord(char):04X}" in error.message
        return
    texts = value if isinstance(value, tuple) else (value,)
    assert all(XML_TEXT.fullmatch(text) for text in texts), (char, value)


def test_a_decision_a_door_let_in_renders_in_every_format(
    delreg: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    odd = "\u00ad\u200b\u2028\U0001f600\U000e0001\ue000 städ"
    assert delreg(*ADD[:-1], odd, "--decided-on", "2099-12-31").exit_code == 0
    assert delreg("meetings", "add", "2099-12-31", "--posted-on", "2099-12-31").exit_code == 0
    for fmt in ("docx", "html", "md", "txt", "json", "csv"):
        result = delreg("report", "--meeting", "2099-12-31", "--format", fmt, "-o", f"r.{fmt}")
        assert result.exit_code == 0, (fmt, result.stderr)
    assert delreg("check", "--as-of", "2099-12-31").exit_code in (0, 1)
    shown = json.loads(delreg("meetings", "list", "--format", "json").stdout)
    assert shown[0]["appeal_ends_on"] > "2099-12-31"
