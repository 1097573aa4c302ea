"""Exports of the filtered view: CSV, GeoJSON and JSON Lines, through the CLI's writers."""
import csv
import io
import json

from fastapi.testclient import TestClient

from depeche.api import create_app
from depeche.service import ingest_paths
from depeche.store import Database

from .conftest import LOCAL


def test_csv_keeps_the_filters(client):
    r = client.get("/api/events.csv", params={"type": "ASSAULT", "limit": 1})  # pagination does not cut exports
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    total = client.get("/api/events", params={"type": "ASSAULT"}).json()["total"]
    assert len(rows) == total and {row["type"] for row in rows} == {"ASSAULT"}
    assert "attachment" in r.headers["content-disposition"]


def test_geojson_has_only_placed_events(client):
    data = client.get("/api/events.geojson").json()
    assert data["type"] == "FeatureCollection" and data["features"]
    assert all(f["geometry"]["type"] == "Point" for f in data["features"])
    assert len(data["features"]) == client.get("/api/map").json()["placed"]


def test_jsonl_is_the_record_contract(client):
    lines = client.get("/api/events.jsonl", params={"country": "KEN"}).text.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all({"event_id", "evidence", "trigger", "claimant"} <= set(r) for r in records)


def test_unknown_format_is_an_error(client):
    r = client.get("/api/events.xml")
    assert r.status_code in (404, 422) and "error" in r.json()


def test_csv_cells_a_spreadsheet_would_run_are_quoted(tmp_path):
    """An article whose sentence starts with '=' exports it as text; a negative longitude stays a number."""
    articles = tmp_path / "formula.jsonl"
    texts = {"f1": "=1+2 Des manifestants ont défilé mardi à Bamako.",
             "f2": "@SOMME(A1) Des manifestants ont défilé à Bamako."}
    rows = [{"id": k, "lang": "fr", "published": "2026-03-17", "text": t} for k, t in texts.items()]
    articles.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    path = tmp_path / "formula.db"
    with Database(path) as db:
        assert ingest_paths([str(articles)], db).ok
    with TestClient(create_app(path), base_url=LOCAL) as c:
        text = c.get("/api/events.csv").text
    out = {row["doc_id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert out["f1"]["evidence"] == "'=1+2 Des manifestants ont défilé mardi à Bamako."
    assert out["f2"]["evidence"].startswith("'@SOMME(A1)")
    assert float(out["f1"]["lon"]) < 0 and not out["f1"]["lon"].startswith("'")
