"""The content hash that makes re-ingesting a no-op: unambiguous, and the same as before for ordinary documents."""
import hashlib

import pytest

from depeche.model import Document
from depeche.store.prepare import content_hash

TEXT = "Des manifestants ont défilé à Lyon samedi."


def legacy(doc: Document) -> str:
    """The hash earlier versions stored: the fields joined with U+001F."""
    h = hashlib.sha256()
    for part in (doc.id, doc.source or "", doc.text, doc.published or "", doc.lang or "", doc.title or ""):
        h.update(part.encode("utf-8") + b"\x1f")
    return h.hexdigest()


@pytest.mark.parametrize("a,b", [
    (dict(id="a\x1fb", source="c", text=TEXT), dict(id="a", source="b\x1fc", text=TEXT)),
    (dict(id="a", source="s\x1f" + TEXT, text="x"), dict(id="a", source="s", text=TEXT + "\x1fx")),
    (dict(id="a", text=TEXT + "\x1f2025", published="06-02"), dict(id="a", text=TEXT, published="2025\x1f06-02")),
    (dict(id="a", text=TEXT, lang="fr\x1fLyon", title="x"), dict(id="a", text=TEXT, lang="fr", title="Lyon\x1fx")),
])
def test_fields_that_joined_alike_hash_apart(a, b):
    da, db_ = Document(**a), Document(**b)
    assert legacy(da) == legacy(db_)  # the collision issue 27 reports
    assert content_hash(da) != content_hash(db_)


def test_an_ordinary_document_keeps_the_hash_stored_by_earlier_versions():
    doc = Document(id="a", text=TEXT, lang="fr", published="2025-06-02", source="Agence", title="Lyon")
    assert content_hash(doc) == legacy(doc)


def test_text_that_is_not_valid_unicode_still_hashes():
    assert content_hash(Document(id="a", text="x\ud800")) != content_hash(Document(id="a", text="x\udc00"))


def test_a_crafted_document_is_not_skipped_as_unchanged(db):
    assert db.add_document(Document(id="a\x1fb", source="c", text=TEXT), []) == "added"
    assert db.add_document(Document(id="a", source="b\x1fc", text=TEXT), []) == "added"
    assert db.add_document(Document(id="a", source="b\x1fc", text=TEXT), []) == "unchanged"
    assert db.counts()["documents"] == 2


def test_an_old_database_is_not_duplicated_when_a_hash_changed(db):
    """A document with U+001F in a field hashed otherwise before: re-ingested, it replaces itself once."""
    doc = Document(id="a", text=TEXT + "\x1f")
    assert db.add_document(doc, []) == "added"
    db.conn.execute("UPDATE documents SET content_hash = ?", (legacy(doc),))  # as an earlier version stored it
    assert db.add_document(doc, []) == "updated"
    assert db.add_document(doc, []) == "unchanged"
    assert db.counts()["documents"] == 1
