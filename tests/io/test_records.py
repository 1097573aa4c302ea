"""What the readers share: the ids already read in a batch, the notes of repairs."""
from collections import Counter

from depeche.io.records import Notes, SeenIds


def test_seen_ids_tell_each_id_read_before():
    seen = SeenIds()
    ids = [f"article-{i}" for i in range(20_000)] + ["", "é", "\ud800", "a" * 5000]
    assert not any(seen.add(doc_id) for doc_id in ids)  # the table grows several times on the way
    assert all(seen.add(doc_id) for doc_id in ids)
    assert not seen.add("article-20000")


def test_notes_name_five_places_and_count_the_rest():
    notes = Notes()
    for n in range(1, 9):
        notes.add(Counter({"NUL characters removed": 2}), f"line {n}")
    notes.guessed("UTF-16-LE")
    assert notes.message() == ("no byte-order mark, read as UTF-16-LE (pass --encoding to choose); NUL characters removed: "
                               "16 (line 1, line 2, line 3, line 4, line 5 and 3 more)")
