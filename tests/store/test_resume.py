"""Linking does not depend on where a run stopped: an ingest resumed in a new process groups incidents exactly as
one run over the same documents does."""
import json
import multiprocessing
from pathlib import Path

import pytest

from depeche import service
from depeche.errors import InputError
from depeche.model import Document
from depeche.service import extract_document, ingest_paths
from depeche.store import Database

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents.jsonl"


def groups(db: Database) -> list[tuple[str, tuple[str, ...]]]:
    """Each incident with its reports: ids and membership."""
    out: dict[str, list[str]] = {}
    for event_id, incident_id in db.conn.execute("SELECT event_id, incident_id FROM incident_events ORDER BY event_id"):
        out.setdefault(incident_id, []).append(event_id)
    return sorted((i, tuple(members)) for i, members in out.items())


def test_the_incident_corpus_ingested_in_two_runs_links_as_in_one(tmp_path):
    lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)
    first = tmp_path / "first-half.jsonl"
    first.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    with Database(tmp_path / "one.db") as db:
        assert ingest_paths([str(CORPUS)], db).ok
        once = groups(db)
    with Database(tmp_path / "two.db") as db:
        assert ingest_paths([str(first)], db).ok
    with Database(tmp_path / "two.db") as db:  # a new process: its index starts empty and is loaded from the store
        assert ingest_paths([str(CORPUS)], db).ok
        twice = groups(db)
    assert len(once) > 12 and twice == once


def record(doc_id: str, date: str, actor: str, text: str, place: str | None = "Belgorod") -> dict:
    """An attack event record as the pipeline writes it, reduced to what linking and the store read."""
    location = {"name": place, "country": "RUS", "precision": "city"} if place else {"country": "RUS"}
    return {"event_id": f"{doc_id}:e1", "doc_id": doc_id, "type": "ASSAULT", "mode": None, "date": date,
            "date_source": "text", "factuality": "fact", "lang": "en", "location": location,
            "actor": [{"code": actor}], "recipient": [], "evidence": {"start": 0, "end": len(text), "text": text}}


def scene() -> list[tuple[Document, list[dict]]]:
    """One incident whose latest reports are more than a month after its first ones, then a report of the
    first days. That report is like one early member (same actor, the words of its sentence) and unlike the
    member that stands for their shared place and day: it joins only if it is compared with the former."""
    texts = {"a": "Belarusian artillery shelled the outskirts of Belgorod overnight.",
             "m": "Ukrainian drones struck a fuel depot near Belgorod at dawn.",
             "c": "Belarusian artillery kept shelling Belgorod throughout the month.",
             "y": "Ukrainian drones struck a fuel depot at dawn, the governor said."}
    plan = [("a", "2026-03-10", "BLR", texts["a"], "Belgorod"), ("m", "2026-03-10", "UKR", texts["m"], "Belgorod"),
            ("c", "2026-04", "BLR", texts["c"], "Belgorod")]
    plan += [(f"e{k}", "2026-04-15", "BLR", f"Belarusian artillery shelled Belgorod again, report {k}.", "Belgorod")
             for k in range(8)]
    plan.append(("y", "2026-03-10", "UKR", texts["y"], None))
    return [(Document(id=i, text=text, lang="en", published="2026-04-20", source=f"Outlet {i}"),
             [record(i, date, actor, text, place)]) for i, date, actor, text, place in plan]


def one_run_and_resumed(tmp_path, docs, first, then) -> tuple:
    """The incidents of `docs` stored in one run, and of `first` stored, the store closed, then `then` stored
    in a second run (the early reports come back from the store)."""
    with Database(tmp_path / "one.db") as db:
        for doc, records in docs:
            db.add_document(doc, records)
        once = groups(db)
    for part in (first, then):
        with Database(tmp_path / "two.db") as db:
            for doc, records in part:
                db.add_document(doc, records)
            twice = groups(db)
    return once, twice


def test_a_report_links_alike_whether_its_incident_was_seen_arriving_or_reloaded(tmp_path):
    docs = scene()
    once, twice = one_run_and_resumed(tmp_path, docs, docs[:-1], docs)
    assert twice == once
    # and the report is compared with the early member it is like, not only with the late ones
    assert any({"m:e1", "y:e1"} <= set(members) for _, members in once)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_ingest_run_again_extracts_nothing_it_had_stored(tmp_path, monkeypatch, workers):
    if workers > 1 and "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the extraction processes must inherit the patch below")
    monkeypatch.setattr(service, "_start_method", lambda: "fork")
    lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)
    first = tmp_path / "first.jsonl"
    first.write_text("".join(lines[:30]), encoding="utf-8")
    with Database(tmp_path / "s.db") as db:
        assert ingest_paths([str(first)], db).added == 30

    def refuse(doc):  # a stored document reaching extraction again fails the run
        raise InputError(f"{doc.id} was extracted again")

    monkeypatch.setattr(service, "extract_document", lambda doc: refuse(doc) if doc.id in stored else real(doc))
    real, stored = extract_document, {json.loads(line)["id"] for line in lines[:30]}
    with Database(tmp_path / "s.db") as db:
        report = ingest_paths([str(CORPUS)], db, workers=workers)
    assert report.errors == [] and (report.unchanged, report.added) == (30, len(lines) - 30)


def follow_ups() -> list[tuple[Document, list[dict]]]:
    """Reports over five months: a few days of one attack, then follow-ups dated only to their month, each
    within reach of the one before. Which incident a follow-up may join depends on the first and last days of
    incidents whose early reports a resumed run has not loaded."""
    plan = [(f"d{k}", f"2026-01-{10 + k}", "UKR", f"Ukrainian drones struck Belgorod overnight, report {k}.")
            for k in range(3)]
    plan += [(f"m{k}", f"2026-{k + 2:02d}", "UKR", f"Ukrainian drones struck Belgorod again, report {k}.")
             for k in range(4)]
    return [(Document(id=i, text=text, lang="en", published="2026-06-01", source=f"Outlet {i}"),
             [record(i, date, actor, text)]) for i, date, actor, text in plan]


@pytest.mark.parametrize("window", ["", "31"])
@pytest.mark.parametrize("cut", range(1, 7))
def test_incidents_closed_by_their_window_close_alike_in_a_resumed_run(tmp_path, monkeypatch, cut, window):
    """With a window of a month, a resumed run that starts after the February follow-up holds February but
    not January: only the stored span tells it that the incident is closed to March."""
    monkeypatch.setenv("DEPECHE_INCIDENT_WINDOW_DAYS", window)
    docs = follow_ups()
    once, twice = one_run_and_resumed(tmp_path, docs, docs[:cut], docs[cut:])
    assert twice == once and len(once) > 1
