"""Confidentiality (OSL 5 kap. 2 §): no public output of the command line, in any format, shows a
secret decision's subject, parties, wording, source or amount, and no public filter finds a
secret decision by them. A decision not marked secret whose subject names a person by personal
identity number is masked the same way.

The registers are random: decisions secret or not, reported at the meeting or waiting, with the
board's wording or without. The report package proves its own masking over the same kind of
data (test_report_public); this proves every public command on top of the register.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import Invoke, as_json
from tests.helpers.people import personal_numbers, unseparated_personal_numbers
from tests.helpers.public_outputs import public_commands

MEETING = "2024-02-15"
# Words made of letters no fixed text of delreg's output holds together: finding one in a
# public output can only be a leak.
SECRET_WORDS = st.text(alphabet="QXZJW", min_size=4, max_size=7).map(lambda tail: "ZQ" + tail)
PUBLIC_WORDS = st.sampled_from(["ultraljud", "städning", "tolkning", "Acme AB", "Region Örebro"])
KINDS = st.sampled_from(["beslut", "avtal", "kontrakt", "tilldelningsbeslut", "initiering"])
DAYS = st.sampled_from(["2024-01-10", "2024-01-25", "2024-02-01"])


@st.composite
def registers(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Decisions as `delreg import --format json` reads them; at least one of them secret. A
    decision not secret may name a person by personal identity number: its subject is then
    secret words and the number (so a subject starting "ZQ" is one the public must not see)."""
    count = draw(st.integers(1, 5))
    secret_at = draw(st.integers(0, count - 1))
    made = []
    for serial in range(1, count + 1):
        secret = serial - 1 == secret_at or draw(st.booleans())
        words = SECRET_WORDS if secret else PUBLIC_WORDS
        subject = draw(words)
        if not secret and draw(st.booleans()):
            # With its dash or, as case systems print it, without ("198503121231").
            number = draw(st.one_of(personal_numbers(), unseparated_personal_numbers()))
            subject = f"{draw(SECRET_WORDS)} för {number}"
        parties = draw(st.lists(words, min_size=0, max_size=2, unique=True))
        decision: dict[str, Any] = {
            "diary_number": f"24RS{serial}",
            "kind": draw(KINDS),
            "subject": subject,
            "parties": parties,
            "decided_on": draw(DAYS),
            "secret": secret,
            # A reason makes a decision secret (issue 19), so only a secret one has one.
            "secret_reason": draw(st.sampled_from(["", "OSL 31:16", "OSL 19:3"])) if secret else "",
            "amount": draw(st.sampled_from([None, 7_314_159])) if secret else 1000,
            "source": f"{draw(words)}.csv:{serial}",
        }
        if draw(st.booleans()):
            # An agenda's own sentence names everything the decision is about.
            decision["wording"] = (
                f"Direktören har beslutat om {subject} med {' och '.join(parties) or 'ingen'}, "
                f"24RS{serial}"
            )
        if draw(st.booleans()):
            decision["meeting"], decision["item"] = MEETING, serial
        made.append(decision)
    return made


def secrets_of(register: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for decision in register:
        if decision["subject"].startswith("ZQ") and not decision["secret"]:
            words, _, number = decision["subject"].partition(" för ")
            found.update([words, number, decision["subject"]])
        elif decision["secret"]:
            found.update([decision["subject"], *decision["parties"], decision["source"]])
            if decision["amount"]:
                found.add(str(decision["amount"]))
    return found


def readable(output: bytes) -> str:
    """The text of an output; every part of a Word file (document, properties, footer)."""
    if output.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(output)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return output.decode()


def public_outputs(delreg: Invoke, db: Path, register: list[dict[str, Any]]) -> dict[str, bytes]:
    """Every public output delreg can make of the register, by the command that made it."""
    commands = public_commands(
        meeting=MEETING,
        month="2024-01",
        shown=[decision["diary_number"] for decision in register if decision["secret"]],
    )
    outputs = {}
    for command in commands:
        result = delreg("--db", str(db), *command)
        assert result.exit_code == 0, (command, result.stderr)
        outputs[" ".join(command)] = result.stdout_bytes
    return outputs


@settings(
    max_examples=12,
    deadline=None,
    # The runner fixture holds no state; each example writes a register of its own.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(register=registers())
def test_no_public_output_shows_a_secret(
    delreg: Invoke, tmp_path_factory: pytest.TempPathFactory, register: list[dict[str, Any]]
) -> None:
    db = tmp_path_factory.mktemp("public") / "register.db"
    assert delreg("--db", str(db), "meetings", "add", MEETING).exit_code == 0
    loaded = delreg("--db", str(db), "import", "-", "--format", "json", input=json.dumps(register))
    assert loaded.exit_code == 0, loaded.stderr
    secrets = secrets_of(register)
    for command, output in public_outputs(delreg, db, register).items():
        text = readable(output)
        leaked = {word for word in secrets if word in text}
        assert not leaked, (command, leaked)
    # A public list still names every decision by its diary number: the case is public.
    listed = as_json(delreg("--db", str(db), "list", "--public", "--format", "json"))
    assert {row["diary_number"] for row in listed} == {d["diary_number"] for d in register}
    # Nor does a public filter find a secret decision by what it hides.
    for word in sorted(secrets):
        for option in ("--search", "--party"):
            found = as_json(
                delreg("--db", str(db), "list", "--public", option, word, "--format", "json")
            )
            assert not [row for row in found if row["secret"]], (option, word)


def test_public_filters_still_find_public_decisions(delreg: Invoke) -> None:
    delreg("add", "--kind", "avtal", "--diary-number", "24RS1", "--subject", "ultraljud",
           "--party", "Acme AB", "--procurement-number", "MT 2024-0001")  # fmt: skip
    delreg("add", "--kind", "avtal", "--diary-number", "24RS2", "--subject", "ultraljud hemlig",
           "--party", "Acme AB", "--procurement-number", "MT 2024-0001",
           "--secret-reason", "OSL 31:16")  # fmt: skip
    for option, value in (
        ("--search", "ultraljud"),
        ("--party", "Acme"),
        ("--procurement", "MT 2024-0001"),
    ):
        public = as_json(delreg("list", "--public", option, value, "--format", "json"))
        assert [row["diary_number"] for row in public] == ["24RS1"], option
        internal = as_json(delreg("list", option, value, "--format", "json"))
        assert len(internal) == 2
    limited = as_json(
        delreg("list", "--public", "--search", "ultraljud", "--limit", "1", "--format", "json")
    )
    assert [row["diary_number"] for row in limited] == ["24RS1"]
    shown = as_json(delreg("show", "24RS2", "--public", "--format", "json"))
    assert shown["subject"] == "Uppgift omfattas av sekretess" and shown["parties"] == []
    assert shown["procurement_number"] is None and shown["secret_reason"] == "OSL 31:16"
