"""The only package that speaks SQL: schema, migrations, queries and the history."""

from delreg.store.files import OpenMode
from delreg.store.history import Event
from delreg.store.imports import Change, ImportCounts
from delreg.store.queries import DecisionQuery
from delreg.store.register import Store
from delreg.store.reportings import Reporting

__all__ = [
    "Change",
    "DecisionQuery",
    "Event",
    "ImportCounts",
    "OpenMode",
    "Reporting",
    "Store",
]
