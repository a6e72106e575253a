"""The only package that speaks SQL: schema, migrations, queries and the history."""

from delreg.store.files import OpenMode
from delreg.store.queries import DecisionQuery
from delreg.store.register import Event, ImportSummary, Reporting, Store

__all__ = ["DecisionQuery", "Event", "ImportSummary", "OpenMode", "Reporting", "Store"]
