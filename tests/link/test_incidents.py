import datetime as dt

from depeche.link.incidents import Report, cluster, compatible, report, report_entities, similarity


def rep(i, doc, *, day=12, place="", country="RUS", level="region", actors=(), recipients=(), origin=None,
        etype="ASSAULT", names=()):
    return Report(f"{doc}:e{i}", doc, etype, dt.date(2026, 3, day), True, place, country, bool(place), level, origin,
                  frozenset(actors), frozenset(recipients), frozenset(names), frozenset(names), frozenset())


def test_same_night_different_regions_veto():
    a = rep(1, "a", place="belgorod region", actors={"UKR"})
    b = rep(1, "b", place="kursk region", actors={"UKR"})
    assert not compatible(a, b)


def test_launch_site_and_target_can_be_one_incident():
    a = rep(1, "a", place="kazakhstan", country="KAZ", level="country", origin="KAZ")
    b = rep(1, "b", place="orenburg region", country="RUS", origin="KAZ")
    assert compatible(a, b)


def test_dates_outside_the_window_are_not_compared():
    assert not compatible(rep(1, "a", day=1), rep(1, "b", day=9))


def test_attack_and_crash_reports_can_match_but_protest_cannot():
    assert compatible(rep(1, "a"), rep(1, "b", etype="CRASH"))
    assert not compatible(rep(1, "a"), rep(1, "b", etype="PROTEST"))


def test_more_shared_evidence_scores_higher():
    base = rep(1, "a", place="belgorod region", actors={"UKR"}, names={"shebekino"})
    close = rep(1, "b", place="belgorod region", actors={"UKR"}, names={"shebekino"})
    far = rep(1, "c", place="", country=None, actors={"RUS"})
    assert similarity(base, close) > 0.5 > similarity(base, far)


def test_cluster_is_single_link_with_vetoes():
    a = rep(1, "a", place="belgorod region", actors={"UKR"}, names={"x"})
    b = rep(1, "b", place="belgorod region", actors={"UKR"}, names={"x"})
    c = rep(1, "c", place="kursk region", actors={"UKR"}, names={"x"})
    groups = cluster([a, b, c])
    assert [[r.doc_id for r in g] for g in groups] == [["a", "b"], ["c"]]


def test_interception_is_compared_from_the_attacker_side():
    rec = {"event_id": "d:e1", "doc_id": "d", "type": "ASSAULT", "date": "2026-03-12", "interception": True,
           "actor": [{"code": "RUS"}], "recipient": [{"code": "UKR"}], "evidence": {"text": ""}}
    r = report(rec)
    assert r.actors == {"UKR"} and r.recipients == {"RUS"}


def test_a_report_made_with_its_document_and_entities_equals_one_filled_in_after():
    import dataclasses
    import pickle

    rec = {"event_id": "d:e1", "doc_id": "d", "type": "ASSAULT", "lang": "fr", "size": {"killed": 3},
           "location": {"name": "Belgorod", "country": "RUS", "precision": "city", "lat": 50.6, "lon": 36.6},
           "actor": [{"code": "UKR"}], "evidence": {"text": "Des drones ont frappé Belgorod."}}
    document = frozenset({"UKR", "belgorod"})
    slow = dataclasses.replace(report({**rec, "published": "2026-03-16"}), document=document)
    fast = report(rec, document, "2026-03-16", report_entities(rec))
    every = [f.name for f in dataclasses.fields(Report)]
    assert fast == slow and hash(fast) == hash(slow)
    assert [getattr(fast, f) for f in every] == [getattr(slow, f) for f in every]
    assert fast.date == dt.date(2026, 3, 16) and fast.entities == {"#3", "belgorod"}
    assert pickle.loads(pickle.dumps(fast)) == slow


def test_a_report_read_back_from_its_stored_json_equals_the_one_linked_on_ingest():
    """The store keeps `report_record` as JSON and reloads it with `Report.from_record`: named fields, every
    one of Report's but the document's fingerprint (kept once per document)."""
    import dataclasses
    import json

    from depeche.link.incidents import report_record

    rec = {"event_id": "d:e1", "doc_id": "d", "type": "ASSAULT", "lang": "fr", "date": "2026-03",
           "location": {"name": "Belgorod", "region": "Belgorod", "country": "RUS", "lat": 50.6, "lon": 36.6,
                        "region_code": "RU-BEL"},
           "actor": [{"code": "UKR"}], "recipient": [{"code": "RUS"}], "origin": {"country": "UKR"},
           "evidence": {"text": "Des drones ont frappé Belgorod."}}
    document = frozenset({"UKR", "belgorod"})
    stored = json.loads(json.dumps(report_record(rec, "2026-03-16")))
    assert set(stored) == {f.name for f in dataclasses.fields(Report)} - {"document"}
    assert Report.from_record(stored, document) == report(rec, document, "2026-03-16")
    assert Report.from_record(stored).point == (50.6, 36.6) and not Report.from_record(stored).day_precise


def test_an_incident_spans_at_most_its_window():
    from depeche.link.incidents import WINDOW_DAYS, within_window

    assert within_window((100, 110), 105) and within_window((100, 110), 100 + WINDOW_DAYS)
    assert not within_window((100, 110), 101 + WINDOW_DAYS) and not within_window((100, 110), 110 - WINDOW_DAYS - 1)
    assert within_window((100, 100), 114, window=14) and not within_window((100, 100), 115, window=14)
