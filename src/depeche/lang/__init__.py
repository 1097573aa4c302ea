"""Language knowledge: loaders for the YAML/TSV tables under depeche/data, one folder per language."""
from .language import Language, available_languages, load_language, shared_tables

__all__ = ["Language", "available_languages", "load_language", "shared_tables"]
