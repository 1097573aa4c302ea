"""First stages: normalise the text, find its language, split tokens and sentences."""
from __future__ import annotations

from ..errors import LanguageWarning
from ..lang import available_languages, load_language
from ..model import Document
from ..text.langid import identify
from ..text.normalize import normalize
from ..text.segment import split_sentences, tokenize


def normalize_stage(doc: Document) -> Document:
    doc.norm, doc.offsets = normalize(doc.text)
    return doc


def language_stage(doc: Document) -> Document:
    """The declared language when depeche has tables for it, else the one identified among those it has tables
    for (one folder of data each); an article in another language is reported, never read as one of them."""
    langs = available_languages()
    declared = doc.lang.lower()[:2] if doc.lang else None
    found = declared if declared in langs else identify(doc.norm, langs)
    if found not in langs:
        what = f"is in {found!r}, a language" if found else "is in no language that can be told, or one"
        raise LanguageWarning(f"document {doc.id!r} {what} depeche has no tables for (it reads {', '.join(langs)}); "
                              "left out: no events read from it", path=doc.path, lang=found)
    doc.lang = found
    return doc


def segment_stage(doc: Document) -> Document:
    doc.tokens = tokenize(doc.norm)
    doc.sentences = split_sentences(doc.norm, doc.tokens, load_language(doc.lang).words("abbreviations"))
    return doc
