"""Nothing secret, deleted or internal reaches any file of a published bundle, for any register.

Random small registers are built through the store (decisions public and secret, some made
secret or deleted after they were shown, some reported at a meeting), published in memory, and
every file is searched, a Word file's XML and the SQLite file's bytes included. Every text
that must stay out is made of letters no fixed text of the bundle holds together ("ZQ…"). A
decision not marked secret whose subject or party names a person by personal identity number
is kept out the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from delreg.config import load_config
from delreg.model import Decision, Meeting
from delreg.publish import bundle_files, publish_settings
from delreg.publish.snapshot import collect
from delreg.store import OpenMode, Store
from tests.helpers import readable_text
from tests.helpers.people import personal_numbers

CONFIG = load_config()
KINDS = sorted(CONFIG.kinds)
MEETING = Meeting(date="2024-03-14", board="Regionstyrelsen", posted_on="2024-03-20")
SETTINGS = publish_settings(
    CONFIG, base_url="https://region.example/beslut/", contact_email="registrator@region.example"
)
MARK = st.text(alphabet="QXZJW", min_size=3, max_size=6)


@dataclass(frozen=True)
class Plan:
    """One decision of a random register and what happens to it."""

    serial: int
    kind: str
    secret: bool
    made_secret: bool
    deleted: bool
    reported: bool
    procurement: bool
    mark: str
    # A personal identity number the subject or the party names, or None.
    person: str | None
    person_in: str

    @property
    def diary_number(self) -> str:
        return f"24RS{self.serial}"

    def word(self, what: str) -> str:
        written = f"ZQ{what}{self.serial}{self.mark}"
        return f"{written} {self.person}" if self.person and what == self.person_in else written


@st.composite
def plans(draw: st.DrawFn) -> list[Plan]:
    count = draw(st.integers(1, 6))
    return [
        Plan(
            serial=100 + serial,
            kind=draw(st.sampled_from(KINDS)),
            secret=draw(st.booleans()),
            made_secret=draw(st.booleans()),
            deleted=draw(st.booleans()),
            reported=draw(st.booleans()),
            procurement=draw(st.booleans()),
            mark=draw(MARK),
            person=draw(st.none() | personal_numbers()),
            person_in=draw(st.sampled_from(["subject", "party"])),
        )
        for serial in range(count)
    ]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(register=plans())
def test_no_secret_deleted_or_internal_text_in_any_file(
    tmp_path: Path, register: list[Plan]
) -> None:
    path = tmp_path / f"{register[0].mark}-{len(register)}.db"
    path.unlink(missing_ok=True)
    with Store.open(
        path, mode=OpenMode.CREATE, command="delreg ZQcommand", kind_labels={k: k for k in KINDS}
    ) as store:
        store.user = "ZQuser"  # the OS user the history records
        store.add_meeting(MEETING)
        for plan in register:
            store.add(
                Decision(
                    diary_number=plan.diary_number,
                    kind=plan.kind,
                    subject=plan.word("subject"),
                    parties=(plan.word("party"),),
                    procurement_number=f"MT 2024-0{plan.serial}" if plan.procurement else None,
                    decided_on="2024-03-01",
                    notified_on="2024-03-01" if plan.procurement else None,
                    secret=plan.secret,
                    secret_reason=plan.word("reason") if plan.secret else None,
                    amount=123_456_789 if plan.secret else None,
                    wording=f"Direktören har beslutat om {plan.word('wording')}",
                    source=f"/home/sekreterare/{plan.word('source')}.txt:3",
                )
            )
        reported = [plan.diary_number for plan in register if plan.reported]
        store.mark_reported(reported, MEETING)
        for plan in register:
            if plan.made_secret:
                store.edit(
                    plan.diary_number, {"secret": True, "secret_reason": plan.word("reason")}
                )
            if plan.deleted:
                store.delete(plan.diary_number)
        files = dict(bundle_files(collect(store, CONFIG), SETTINGS, CONFIG))

    texts = {name: readable_text(name, payload) for name, payload in files.items()}
    everything = "\n".join(texts.values())
    assert "ZQuser" not in everything and "ZQcommand" not in everything
    assert "123456789" not in everything and "123 456 789" not in everything
    for plan in register:
        hidden = plan.secret or plan.made_secret or plan.deleted or plan.person is not None
        if plan.person is not None:
            assert plan.person not in everything, plan
        # Internal, whatever the decision's state: the source file, the reason for secrecy.
        for what in ("source", "reason"):
            assert plan.word(what) not in everything, (plan, what)
        # The board's wording is public only as the sentence of a public decision.
        for what in ("subject", "party", "wording"):
            leaked = [name for name, text in texts.items() if plan.word(what) in text]
            assert not hidden or not leaked, (plan, what, leaked)
        if plan.deleted:
            leaked = [name for name, text in texts.items() if plan.diary_number in text]
            assert not leaked, (plan, leaked)
        elif not hidden:
            # The search works: what is public is found where it belongs.
            assert plan.word("subject") in texts["decisions.json"]
        if not plan.deleted:
            assert plan.diary_number in texts["decisions.json"]
