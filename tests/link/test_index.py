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


def test_evicting_a_day_forgets_its_reports_and_keeps_the_rest():
    index = IncidentIndex()
    index.add("inc-1", rep("a", day=10), 1)
    index.add("inc-1", rep("b", day=11), 2)
    index.add("inc-2", rep("c", day=10, place="kursk region"), 3)
    assert index.evict({("ASSAULT", rep("a", day=10).date.toordinal())}) == {"a", "c"}
    assert index.size == 1 and set(index.entries) == {"inc-1"}
    assert [m.doc_id for m in index.candidates(rep("d", day=11))["inc-1"]] == ["b"]
    assert not any(day == rep("a", day=10).date.toordinal() for _, _, day, _ in index.by_key)


def test_an_evicted_day_loaded_again_offers_what_it_did():
    reports = [rep(f"d{k}", day=10 + k % 3) for k in range(6)]
    index = IncidentIndex()
    for seq, r in enumerate(reports, 1):
        index.add("inc-1", r, seq)
    probe = rep("new", day=11)
    before = index.candidates(probe)
    gone = {("ASSAULT", r.date.toordinal()) for r in reports[:2]}
    index.evict(gone)
    for seq, r in enumerate(reports, 1):  # the store loads the evicted days back, whole
        if ("ASSAULT", r.date.toordinal()) in gone:
            index.add("inc-1", r, seq)
    assert index.candidates(probe) == before


def test_closed_incidents_are_passed_over_for_the_next_open_ones():
    index = IncidentIndex()
    for k in range(6):
        index.add(f"inc-{k}", rep(f"d{k}"), k + 1)
    closed = {"inc-5", "inc-4"}
    found = index.candidates(rep("new"), lambda i: i not in closed)
    assert list(found) == ["inc-3", "inc-2", "inc-1", "inc-0"]


def test_a_merge_joins_the_spans_of_both_incidents():
    index = IncidentIndex()
    index.add("inc-1", rep("a", day=10), 1)
    index.add("inc-2", rep("b", day=12), 2)
    index.set_span("inc-1", (5, 10))
    index.set_span("inc-2", (12, 20))
    index.merge("inc-1", "inc-2")
    assert index.span("inc-1") == (5, 20) and index.span("inc-2") is None
    assert index.slices[("ASSAULT", rep("b", day=12).date.toordinal())].incidents == {"inc-1"}


def test_the_days_read_for_a_report_reach_no_further_than_an_open_incident_can():
    from depeche.link.index import lookup_days

    day = dt.date(2026, 3, 12).toordinal()
    first = dt.date(2026, 3, 1).toordinal()
    assert lookup_days(rep("a", day=12), 14) == [(day - 3, day + 3), (first, first)]  # the 1st: 11 days off
    april = dt.date(2026, 4, 1).toordinal()  # 12 days after the 20th, where March's 1st is 19 days before it
    assert lookup_days(rep("a", day=20), 14) == [(day + 5, day + 11), (april, april)]
    assert lookup_days(rep("a", day=1, precise=False), 14) == [(first - 14, first + 14)]
    assert lookup_days(rep("a", day=1, precise=False), 90) == [(first - 31, first + 31)]  # at most a month
