"""Every event filter of the listing (each alone and the common combinations) reads indexes in the listing's
order: EXPLAIN QUERY PLAN shows no scan of the events table and no sort for the default order, except the
sort of a small set (an incident's events, the events of the few articles a full-text search finds). And the
plans select what the filters mean: the same events as a plain reading of every record, in the same order."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from depeche.service import ingest_paths
from depeche.store import Database, EventFilter, plan, reads
from depeche.store.layout import keys_sql

DATA = Path(__file__).resolve().parents[1] / "data"

FILTERS = [
    {}, {"type": "ASSAULT"}, {"country": "UKR"}, {"actor": "RUS"}, {"actor": "Ukraine"}, {"actor": "drones"},
    {"claimant": "RUS"}, {"factuality": "denied"}, {"since": "2026-03-16"}, {"until": "2026-03"},
    {"since": "2026-03-01", "until": "2026-03-17"}, {"text": "drones"}, {"text": "Belgorod"}, {"incident": "inc-000001"},
    {"type": "ASSAULT", "country": "UKR"}, {"type": "ASSAULT", "country": "RUS", "since": "2026-03-01"},
    {"actor": "RUS", "type": "ASSAULT"}, {"claimant": "RUS", "type": "ASSAULT"}, {"country": "UKR", "factuality": "fact"},
    {"actor": "UKR", "country": "RUS"}, {"type": "ASSAULT", "text": "drones"},
    {"country": "UKR", "until": "2026-03-17"}, {"actor": "RUS", "claimant": "UKR"},
    {"incident": "inc-000001", "type": "ASSAULT"},
]


def _filter(**kw) -> EventFilter:
    return EventFilter(**kw)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("plans") / "plans.db"
    with Database(path) as db:
        report = ingest_paths([str(DATA / "incidents.jsonl"), str(DATA / "desk.jsonl")], db)
        assert report.ok, report.errors
        db.refresh_incidents()
    db = Database(path)
    yield db
    db.close()


def query_plan(db: Database, s: plan.Selection, **kw) -> list[str]:
    return [r[3] for r in db.conn.execute("EXPLAIN QUERY PLAN " + s.sql(**kw), (*s.params, 100, 0))]


TABLE_SCAN = re.compile(r"^SCAN (e|events)$|^SCAN (e|events) ")
DATE_INDEX = re.compile(r"^SCAN e USING (COVERING )?INDEX events_date$")


def assert_indexed(lines: list[str], s: plan.Selection) -> None:
    for line in lines:
        if DATE_INDEX.match(line):  # the date index read in order, as far as the page goes
            continue
        assert not TABLE_SCAN.match(line), lines
        assert not line.startswith(("SCAN k", "SCAN x", "SCAN event_keys")), lines
    sorts = [line for line in lines if "TEMP B-TREE FOR ORDER BY" in line]
    assert not sorts or s.sorted, lines


@pytest.mark.parametrize("kw", FILTERS, ids=lambda kw: ",".join(f"{k}={v}" for k, v in kw.items()) or "none")
def test_every_filter_reads_indexes_in_the_listing_order(store, kw):
    f = _filter(**kw)
    s = plan.select(store.conn, f)
    if s.empty:
        return
    assert_indexed(query_plan(store, s), s)
    assert_indexed(query_plan(store, plan.select(store.conn, f, row=True), extra="e.has_point = 1"), s)  # the map
    if s.sorted:  # a set small enough to sort: an incident's events, or the articles' a rare word finds
        assert kw.get("incident") or kw.get("text")
        assert len(reads.rowids(store.conn, s, limit=10**6)) <= plan.SMALL


@pytest.mark.parametrize("kw", [{"incident": "inc-000001"}, {"text": "drones"}, {"text": "Belgorod", "type": "ASSAULT"}])
def test_large_sets_are_read_down_the_date_index_instead_of_sorted(store, monkeypatch, kw):
    monkeypatch.setattr(plan, "SMALL", 0)
    s = plan.select(store.conn, _filter(**kw))
    lines = query_plan(store, s)
    assert not s.sorted and not any("TEMP B-TREE FOR ORDER BY" in line for line in lines)
    assert_indexed(lines, s)


def test_a_multi_key_filter_is_a_merge_of_ordered_reads(store):
    s = plan.select(store.conn, EventFilter(actor="drones"))  # words: several entities, several keys
    assert len(s.arms) > 1
    lines = query_plan(store, s)
    assert any(line.startswith("MERGE") for line in lines) and not any("FOR ORDER BY" in line for line in lines)


# --- what the plans select ----------------------------------------------------------------------------------

def _fold(text: str | None) -> str:
    """SQLite's lower() and LIKE fold ASCII letters only."""
    return "".join(c.lower() if c.isascii() else c for c in text or "")


def _entity_matches(e: dict | None, value: str) -> bool:
    if not e:
        return False
    return (str(e.get("code") or "").upper() == value.upper() and bool(e.get("code"))) or \
        _fold(e.get("name")) == _fold(value) and e.get("name") is not None or _fold(value) in _fold(e.get("text"))


def matches(db: Database, rec: dict, f: EventFilter) -> bool:
    """The filters as the store documents them, read off a record."""
    date, loc = rec.get("date"), rec.get("location") or {}
    codes = {e.get("code") for e in rec["actor"] + rec["recipient"]}
    if f.text:
        words = plan.fts_query(f.text)
        docs = {r[0] for r in db.conn.execute(
            "SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ?", (words,))}
    checks = [
        not f.type or rec["type"] == f.type.upper(),
        not f.factuality or rec["factuality"] == f.factuality,
        not f.since or (date is not None and date >= f.since),
        not f.until or (date is not None and date[:len(f.until)] <= f.until),
        not f.country or loc.get("country") == f.country.upper() or f.country.upper() in codes,
        not f.actor or any(_entity_matches(e, f.actor) for e in rec["actor"]),
        not f.claimant or _entity_matches(rec.get("claimant"), f.claimant),
        not f.incident or db.incident_of_event(rec["event_id"]) == f.incident,
        not f.text or rec["doc_id"] in docs,
    ]
    return all(checks)


def listing(db: Database) -> list[dict]:
    """Every record in the listing's order: newest date first, undated last, then in the order stored."""
    rowids = [r[0] for r in db.conn.execute("SELECT rowid FROM events ORDER BY date IS NULL, date DESC, rowid")]
    return reads.records(db.conn, rowids)


@pytest.mark.parametrize("small", [plan.SMALL, 0])
@pytest.mark.parametrize("kw", FILTERS, ids=lambda kw: ",".join(f"{k}={v}" for k, v in kw.items()) or "none")
def test_the_plans_select_what_the_filters_mean_in_the_listing_order(store, monkeypatch, kw, small):
    monkeypatch.setattr(plan, "SMALL", small)
    f = _filter(**kw)
    expected = [r["event_id"] for r in listing(store) if matches(store, r, f)]
    assert [r["event_id"] for r in store.events(f)] == expected
    page = list(store.events(EventFilter(**{**vars(f), "limit": 3, "offset": 2})))
    assert [r["event_id"] for r in page] == expected[2:5]


def test_the_filters_find_something_here(store):
    """(so that the comparisons above are not of empty lists)"""
    for kw in FILTERS[:14]:
        assert list(store.events(_filter(**kw))), kw


def test_the_keys_are_those_the_events_give_after_replacements(store, tmp_path):
    with Database(tmp_path / "k.db") as db:
        ingest_paths([str(DATA / "incidents.jsonl")], db)
        from depeche.model import Document
        from depeche.service import extract_document

        for doc_id in ("belgorod-en-01", "kunar-fr-01"):  # replaced by other texts: their old keys must go
            d = Document(id=doc_id, text="Moscou a menacé le Kazakhstan lundi.", lang="fr", published="2026-03-17")
            assert db.add_document(d, extract_document(d)) == "updated"
        written = db.conn.execute("SELECT key, date, event FROM event_keys ORDER BY 1, 2, 3").fetchall()
        derived = db.conn.execute(f"SELECT * FROM ({keys_sql('1')}) ORDER BY 1, 2, 3").fetchall()
        assert [tuple(r) for r in written] == [tuple(r) for r in derived] != []


@pytest.mark.parametrize("kw", [{"actor": "RUS"}, {"actor": "drones", "type": "ASSAULT"}, {"claimant": "RUS"}])
def test_words_that_name_too_many_entities_are_checked_event_by_event(store, monkeypatch, kw):
    monkeypatch.setattr(plan, "MAX_KEYS", 0)
    f = _filter(**kw)
    expected = [r["event_id"] for r in listing(store) if matches(store, r, f)]
    assert expected and [r["event_id"] for r in store.events(f)] == expected


def test_a_count_that_runs_out_of_time_is_a_bound_that_still_tells_a_next_page(store):
    s = plan.select(store.conn, EventFilter(type="ASSAULT"))
    everything = reads.count(store.conn, s, 10_000)
    assert everything[1] and everything[0] > 3
    assert reads.count(store.conn, s, 10_000, floor=2, seconds=60) == everything  # in time: the same total
    assert reads.count(store.conn, s, 10_000, floor=2, seconds=0) == (3, False)  # at once: page and one more
    assert store.conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0  # the handler is gone again
