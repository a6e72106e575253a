"""The only package that speaks SQL: schema, migrations, queries and the history."""

from delreg.store.files import OpenMode
from delreg.store.queries import DecisionQuery
from delreg.store.register import Change, Event, ImportCounts, Reporting, Store

__all__ = [
    "Change",
    "DecisionQuery",
    "Event",
    "ImportCounts",
    "OpenMode",
    "Reporting",
    "Store",
]
