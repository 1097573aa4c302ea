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
    index.add("inc-1", rep("a"), 1)
    index.add("inc-2", rep("b", place="", country="FRA", actors=("FRA",)), 2)
    index.add("inc-3", rep("c", day=25), 3)
    assert set(index.candidates(rep("d", day=13))) == {"inc-1"}


def test_a_month_date_sees_the_whole_month_around_it():
    index = IncidentIndex()
    index.add("inc-1", rep("a", day=20), 1)
    assert set(index.candidates(rep("b", day=1, precise=False))) == {"inc-1"}


def test_merge_moves_members_and_keys():
    index = IncidentIndex()
    index.add("inc-1", rep("a"), 1)
    index.add("inc-2", rep("b"), 2)
    index.merge("inc-1", "inc-2")
    found = index.candidates(rep("c"))
    assert set(found) == {"inc-1"} and {m.doc_id for m in found["inc-1"]} == {"a", "b"}


def test_members_are_offered_in_arrival_order_however_they_entered_the_index():
    """Live, loaded back later in another order, or gathered by a merge: the same members, in arrival order."""
    reports = [rep(f"d{k}") for k in range(12)]
    live, loaded, merged = IncidentIndex(), IncidentIndex(), IncidentIndex()
    for seq, r in enumerate(reports, 1):
        live.add("inc-1", r, seq)
        merged.add("inc-1" if seq % 2 else "inc-2", r, seq)
    for seq, r in reversed(list(enumerate(reports, 1))):
        loaded.add("inc-1", r, seq)
    merged.merge("inc-1", "inc-2")
    probe = rep("new", day=13)
    assert live.candidates(probe) == loaded.candidates(probe) == merged.candidates(probe)
    # the oldest of their veto signature, and the latest to arrive
    assert [m.doc_id for m in live.candidates(probe)["inc-1"]] == ["d0", *(f"d{k}" for k in range(4, 12))]


def test_a_report_is_compared_with_the_latest_members_of_its_own_month():
    """Members more than a month away are not compared, and do not push out the ones that are."""
    index = IncidentIndex()
    index.add("inc-1", rep("early", day=10), 1)
    index.add("inc-1", rep("alike", day=10, actors=("UKR", "BLR")), 2)  # the same veto signature as "early"
    for k in range(8):
        index.add("inc-1", rep(f"late{k}", day=20, month=4), 3 + k)  # 41 days later
    assert [m.doc_id for m in index.candidates(rep("new", day=11))["inc-1"]] == ["early", "alike"]
