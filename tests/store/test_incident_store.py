"""Incidents across articles, in the store: incremental linking, stable ids, the dispute view."""
import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from depeche.errors import StoreError
from depeche.io.readers import iter_documents
from depeche.model import Document
from depeche.service import extract_document, quote_records
from depeche.store import Database

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents.jsonl"

CLAIM = Document(id="claim", lang="fr", published="2026-03-17", source="Agence A", text=(
    "Selon le ministère russe de la Défense, 40 drones ukrainiens lancés depuis le Kazakhstan ont attaqué "
    "lundi la région d'Orenbourg. Moscou accuse Kyiv d'avoir utilisé le territoire kazakh."))
DENIAL = Document(id="denial", lang="en", published="2026-03-17", source="Steppe Wire", text=(
    "Kazakhstan's foreign ministry on Tuesday denied that drones were launched from its territory towards "
    "Russia's Orenburg region. The spokesman said the claims were baseless."))
UNRELATED = Document(id="other", lang="fr", published="2026-03-17", source="Agence A", text=(
    "Des manifestants ont défilé lundi à Almaty contre la hausse des prix de l'énergie."))


def add(db, doc):
    return db.add_document(doc, extract_document(doc), quote_records(doc))


def incident_of(db, doc_id, etype="ASSAULT"):
    rows = db.conn.execute("SELECT ie.incident_id FROM incident_events ie JOIN events e ON e.id = ie.event_id "
                           "WHERE e.doc_id = ? AND e.type = ?", (doc_id, etype)).fetchall()
    return {r[0] for r in rows}


def test_claim_and_denial_from_two_articles_are_one_incident_with_the_conflict_flagged(db):
    add(db, CLAIM)
    add(db, DENIAL)
    add(db, UNRELATED)
    shared = incident_of(db, "claim") & incident_of(db, "denial")
    assert len(shared) == 1
    inc = db.incident(shared.pop())
    occurred = {c["doc_id"]: c["occurred"] for c in inc["dispute"]["reports"]}
    assert occurred["denial"] == "denied" and occurred["claim"] in ("fact", "possible")
    assert any(c["kind"] == "asserted_vs_denied" for c in inc["dispute"]["conflicts"])
    assert inc["sources"] == 2 and inc["conflicts"] >= 1
    assert not incident_of(db, "other") & incident_of(db, "claim")


def test_merged_incident_ids_resolve_and_are_never_reused(db):
    conn = db.conn
    with db.transaction():
        a, b = db._new_incident(conn, "ASSAULT"), db._new_incident(conn, "ASSAULT")
        db._merge(conn, [a, b], {a: [], b: []})
        c = db._new_incident(conn, "ASSAULT")
    assert c not in (a, b) and db.incident(b)["id"] == a


def test_incident_ids_stay_stable_and_reingest_is_a_no_op(db):
    add(db, CLAIM)
    first = incident_of(db, "claim")
    add(db, DENIAL)
    assert incident_of(db, "claim") == first
    assert add(db, DENIAL) == "unchanged"
    assert incident_of(db, "claim") == first


def test_pairwise_grouping_on_the_incident_corpus(db):
    """Own articles: 12 incidents told by 2-3 sources each, from different sides, and 8 same-day look-alikes."""
    gold, docs = {}, {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        gold[item["id"]] = item["incident"]
    for doc in iter_documents([str(CORPUS)]):
        records = extract_document(doc)
        db.add_document(doc, records, quote_records(doc))
        docs[doc.id] = [r["event_id"] for r in records]
    docs = {d: {db.incident_of_event(e) for e in events} - {None} for d, events in docs.items()}
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same, linked = gold[a] == gold[b], bool(docs[a] & docs[b])
        tp, fp, fn = tp + (same and linked), fp + (linked and not same), fn + (same and not linked)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.9 and recall >= 0.85, (precision, recall)


def test_dispute_views_are_refreshed_once_per_batch_and_on_read(db):
    add(db, CLAIM)
    add(db, DENIAL)
    assert db.conn.execute("SELECT count(*) FROM incidents WHERE dirty = 1").fetchone()[0] >= 1
    shared = (incident_of(db, "claim") & incident_of(db, "denial")).pop()
    assert db.incident(shared)["reports"] >= 2
    assert db.conn.execute("SELECT count(*) FROM incidents WHERE dirty = 1").fetchone()[0] == 0


def test_a_second_connection_links_against_what_the_first_stored(tmp_path):
    path = tmp_path / "shared.db"
    with Database(path) as first, Database(path) as second:
        add(second, CLAIM)  # the index of `second` now holds the claim
        add(first, UNRELATED)  # `first` writes: `second` must see it, and the denial must still link
        add(second, DENIAL)
        assert incident_of(second, "claim") & incident_of(second, "denial")


def test_an_incident_country_tie_goes_to_the_first_report_not_to_hash_order():
    from depeche.link.dispute import fold, summary

    def place(*countries):  # claims in event-id order, placed in these countries
        return [{"event_id": f"d:e{i}", "occurred": "fact", "perpetrator": [], "target": [], "origin": None,
                 "place_country": c, "date": None, "counts": {}} for i, c in enumerate(countries)]

    assert summary(fold(place("UKR", "RUS", "RUS", "UKR", "KAZ")))[2] == "UKR"
    assert summary(fold(place("KAZ", "RUS", "RUS")))[2] == "RUS"
    later = place("UKR", "RUS", "RUS", "UKR")
    assert summary(fold(later[2:], fold(later[:2])))[2] == summary(fold(later[2:][::-1] + later[:2]))[2] == "UKR"
    assert summary(fold([]))[2] is None


def attack(doc_id: str, date: str, text: str, place: str = "Belgorod") -> tuple[Document, list[dict]]:
    """A document with one attack record, reduced to what linking and the store read; `date` a day or a month."""
    record = {"event_id": f"{doc_id}:e1", "doc_id": doc_id, "type": "ASSAULT", "mode": None, "date": date,
              "date_source": "text", "factuality": "fact", "lang": "en",
              "location": {"name": place, "country": "RUS", "precision": "city"}, "actor": [{"code": "UKR"}],
              "recipient": [], "evidence": {"start": 0, "end": len(text), "text": text}}
    published = date if len(date) == 10 else f"{date}-28"
    return Document(id=doc_id, text=text, lang="en", published=published, source=f"Outlet {doc_id}"), [record]


def monthly() -> list[tuple[Document, list[dict]]]:
    """Six follow-ups, each dated only to its month: each within reach of the month before (31 days at most)."""
    return [attack(f"m{k}", f"2026-{k + 1:02d}", f"Ukrainian drones struck the fuel depot of Belgorod, report {k}.")
            for k in range(6)]


def spans(db) -> list[tuple[str, int, int]]:
    return db.conn.execute("SELECT incident_id, min(day), max(day) FROM incident_events GROUP BY incident_id "
                           "ORDER BY incident_id").fetchall()


def test_month_dated_follow_ups_no_longer_chain_one_incident_over_half_a_year(db, monkeypatch):
    from depeche.link.incidents import WINDOW_DAYS

    for doc, records in monthly():
        db.add_document(doc, records)
    found = spans(db)
    assert len(found) > 1 and all(last - first <= WINDOW_DAYS for _, first, last in found)
    monkeypatch.setenv("DEPECHE_INCIDENT_WINDOW_DAYS", "366")  # a window wider than the chain: single link alone
    with Database(":memory:") as wide:
        for doc, records in monthly():
            wide.add_document(doc, records)
        assert len(spans(wide)) == 1


def test_the_window_can_be_set_and_a_bad_value_is_refused(db, monkeypatch):
    monkeypatch.setenv("DEPECHE_INCIDENT_WINDOW_DAYS", "0")  # same-day reports only
    days = [attack(f"d{k}", f"2026-03-{10 + k % 2}", f"Ukrainian drones struck Belgorod, report {k}.")
            for k in range(4)]
    for doc, records in days:
        db.add_document(doc, records)
    assert [last - first for _, first, last in spans(db)] == [0, 0]
    monkeypatch.setenv("DEPECHE_INCIDENT_WINDOW_DAYS", "two weeks")
    with Database(":memory:") as other, pytest.raises(StoreError, match=r"\[E400\].*DEPECHE_INCIDENT_WINDOW_DAYS"):
        other.add_document(*days[0])


def test_a_report_merges_two_incidents_only_if_the_one_made_fits_the_window(db):
    from depeche.link.incidents import WINDOW_DAYS as W

    conn = db.conn
    with db.transaction():
        index = db._held(conn).index
        ids = [db._new_incident(conn, "ASSAULT") for _ in range(4)]
        half = W // 2
        for incident_id, span in zip(ids, [(0, half), (half + 2, W + 1), (0, half), (half + 1, W)], strict=True):
            index.set_span(incident_id, span)
        apart = db._merge(conn, ids[:2], {i: [] for i in ids[:2]}, day=half + 1)
        near = db._merge(conn, ids[2:], {i: [] for i in ids[2:]}, day=half)
    assert apart == ids[0] and db.incident(ids[1])["id"] == ids[1]  # one day too long: left apart
    assert near == ids[2] and index.span(near) == (0, W) and db.incident(ids[3])["id"] == ids[2]


def dated_stream(days: int, per_day: int = 2) -> list[tuple[Document, list[dict]]]:
    """Reports of a few places over `days` days, in date order: most days' reports make one incident."""
    places = ["Belgorod", "Kursk", "Bryansk"]
    out = []
    for k in range(days * per_day):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=k // per_day)
        place = places[k // per_day % 3]
        out.append(attack(f"s{k:04d}", day.isoformat(), f"Ukrainian drones struck {place} overnight, report {k}.",
                          place))
    return out


def test_memory_follows_the_window_not_the_store_and_linking_does_not_notice(tmp_path, monkeypatch):
    from depeche.store import window

    stream = dated_stream(150)
    with Database(tmp_path / "kept.db") as db:
        for doc, records in stream:
            db.add_document(doc, records)
        kept, held = groups(db), db._window.index.size
    monkeypatch.setattr(window, "KEEP_DOCUMENTS", 10)
    monkeypatch.setattr(window, "EVICT_EVERY", 5)
    sizes = []
    with Database(tmp_path / "evicted.db") as db:
        for doc, records in stream:
            db.add_document(doc, records)
            sizes.append(db._window.index.size)
        assert groups(db) == kept
        days = [day for _, day in db._window.used]
        assert max(days) - min(days) <= 2 * window.MONTH
    assert held == len(stream) and max(sizes) <= 2 * (window.MONTH + 10)


def groups(db) -> list[tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for event_id, incident_id in db.conn.execute("SELECT event_id, incident_id FROM incident_events ORDER BY rowid"):
        out.setdefault(incident_id, []).append(event_id)
    return sorted((i, *members) for i, members in out.items())


VIEWS = ("SELECT id, type, first_date, last_date, country, reports, documents, sources, conflicts, state, dirty "
         "FROM incidents ORDER BY id")


def test_views_updated_batch_by_batch_are_those_made_in_one_go(tmp_path, monkeypatch):
    """Each refresh adds the reports that joined since the last to the views; a merge or a document stored anew
    makes its incidents' views anew. Either way, the views are those made from all the reports at once."""
    import depeche.store.views as views

    updated = []  # views updated rather than made anew: their earlier groups of copies are given
    real = views.syndication_groups
    monkeypatch.setattr(views, "syndication_groups",
                        lambda sketches, groups=None: updated.append(bool(groups)) or real(sketches, groups))
    docs = [(doc, extract_document(doc), quote_records(doc)) for doc in iter_documents([str(CORPUS)])]
    with Database(tmp_path / "batches.db") as db:
        for k, (doc, records, quotes) in enumerate(docs):
            db.add_document(doc, records, quotes)
            if k % 8 == 7:
                db.refresh_incidents()
        again = Document(id=docs[3][0].id, text=docs[3][0].text + " Les autorités n'ont pas confirmé.", lang="fr",
                         published=docs[3][0].published, source=docs[3][0].source)
        assert add(db, again) == "updated"
        db.refresh_incidents()
        batches = [tuple(r) for r in db.conn.execute(VIEWS)]
        db.conn.execute("UPDATE incidents SET view_seq = 0, dirty = 1")
        db.refresh_incidents()
        assert [tuple(r) for r in db.conn.execute(VIEWS)] == batches
    assert any(updated)


def test_an_incident_read_shows_no_more_than_it_did(db):
    add(db, CLAIM)
    add(db, DENIAL)
    shared = (incident_of(db, "claim") & incident_of(db, "denial")).pop()
    assert set(db.incident(shared)) == {"id", "type", "first_date", "last_date", "country", "reports", "documents",
                                        "sources", "conflicts", "dispute", "created_at", "dirty"}


def test_a_long_ingest_refreshes_the_views_as_it_goes_to_the_views_of_one_refresh(tmp_path, monkeypatch):
    """Every REFRESH_EVERY documents stored, the views are brought up to date (a long run's last refresh is then
    a batch's worth, and its memory flat); they end as one refresh at the end makes them."""
    import depeche.service as service
    from depeche.service import ingest_paths

    dumps, refreshes = [], []
    for every in (10**9, 7):
        monkeypatch.setattr(service, "REFRESH_EVERY", every)
        with Database(tmp_path / f"every-{every}.db") as db:
            real = db.refresh_incidents
            db.refresh_incidents = lambda real=real, every=every: refreshes.append(every) or real()
            assert ingest_paths([str(CORPUS)], db).ok
            dumps.append([tuple(r) for r in db.conn.execute(VIEWS)])
    assert refreshes.count(10**9) == 1 and refreshes.count(7) > 3
    assert dumps[0] == dumps[1]
