"""depeche: offline extraction of political events (PLOVER) from French and English news."""

__version__ = "0.1.0"
