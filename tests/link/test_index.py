import datetime as dt

from depeche.link.incidents import Report
from depeche.link.index import IncidentIndex, keys


def rep(doc, *, day=12, month=3, place="belgorod region", country="RUS", actors=("UKR",), precise=True):
    return Report(f"{doc}:e1", doc, "ASSAULT", dt.date(2026, month, day), precise, place, country, bool(place),
                  "region", None, frozenset(actors), frozenset(), frozenset(), frozenset(), frozenset())


def test_keys_are_codes_place_and_region():
    assert keys(rep("a")) == {"RUS", "UKR", "@belgorod region"}


def test_candidates_share_a_key_within_the_window():
    index = IncidentIndex()
    index.add("inc-1", rep("a"))
    index.add("inc-2", rep("b", place="", country="FRA", actors=("FRA",)))
    index.add("inc-3", rep("c", day=25))
    assert set(index.candidates(rep("d", day=13))) == {"inc-1"}


def test_a_month_date_sees_the_whole_month_around_it():
    index = IncidentIndex()
    index.add("inc-1", rep("a", day=20))
    assert set(index.candidates(rep("b", day=1, precise=False))) == {"inc-1"}


def test_merge_moves_members_and_keys():
    index = IncidentIndex()
    index.add("inc-1", rep("a"))
    index.add("inc-2", rep("b"))
    index.merge("inc-1", "inc-2")
    found = index.candidates(rep("c"))
    assert set(found) == {"inc-1"} and {m.doc_id for m in found["inc-1"]} == {"a", "b"}
