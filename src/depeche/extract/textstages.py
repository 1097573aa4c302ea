"""First stages: normalise the text, find its language, split tokens and sentences."""
from __future__ import annotations

from ..lang import available_languages, load_language
from ..model import Document
from ..text.langid import detect
from ..text.normalize import normalize
from ..text.segment import split_sentences, tokenize


def normalize_stage(doc: Document) -> Document:
    doc.norm, doc.offsets = normalize(doc.text)
    return doc


def language_stage(doc: Document) -> Document:
    langs = available_languages()
    if doc.lang:
        doc.lang = doc.lang.lower()[:2]
    if doc.lang not in langs:
        stops = {code: load_language(code).words("stopwords") for code in langs}
        doc.lang = detect(doc.norm, stops)
    return doc


def segment_stage(doc: Document) -> Document:
    doc.tokens = tokenize(doc.norm)
    doc.sentences = split_sentences(doc.norm, doc.tokens, load_language(doc.lang).words("abbreviations"))
    return doc
