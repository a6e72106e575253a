"""The limits every reader keeps, from the ``[limits]`` table of the configuration. Pure.

The defaults and what each limit means are in ``delreg/defaults/limits.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from delreg.config import Config
from delreg.errors import InputError, InvalidValue


@dataclass(frozen=True, slots=True)
class Limits:
    cell_chars: int
    line_chars: int
    rows: int
    columns: int
    empty_rows: int
    document_bytes: int

    def check_length(self, text: str) -> str:
        """``text``, or InvalidValue when it is longer than a value may be."""
        if len(text) > self.cell_chars:
            raise InvalidValue(
                f"is {len(text):,} characters long; a value may have at most "
                f"{self.cell_chars:,}".replace(",", " "),
                hint=raise_hint("cell_chars"),
            )
        return text

    def too_many_rows(self, source: str, line: int | None = None) -> InputError:
        return InputError(
            f"has more than {self.rows:,} rows".replace(",", " "),
            source=source,
            line=line,
            hint="split the file, or " + raise_hint("rows"),
        )

    def too_many_columns(self, count: int, source: str, line: int | None = None) -> InputError:
        return InputError(
            f"{count:,} columns; a row may have at most {self.columns:,}".replace(",", " "),
            source=source,
            line=line,
            hint=raise_hint("columns"),
        )


def raise_hint(name: str) -> str:
    return f"if the file is right, raise [limits] {name} in the configuration"


@cache
def limits(config: Config) -> Limits:
    """The configuration's limits (a Config is hashed by identity: computed once for each)."""
    section = config.section("limits")
    values: dict[str, int] = {}
    for field in fields(Limits):
        value = section.get(field.name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(
                f"limits.{field.name} must be a whole number of at least 1, not {value!r}",
                source=config.source,
                hint="see delreg/defaults/limits.toml for each limit and its default",
            )
        values[field.name] = value
    return Limits(**values)
