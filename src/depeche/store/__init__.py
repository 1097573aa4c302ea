"""Storage: one Database class over SQLite."""
from .database import Database, EventFilter

__all__ = ["Database", "EventFilter"]
