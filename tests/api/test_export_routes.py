"""Exports of the filtered view: CSV, GeoJSON and JSON Lines, through the CLI's writers."""
import csv
import io
import json


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
    assert len(data["features"]) == len(client.get("/api/map").json()["points"])


def test_jsonl_is_the_record_contract(client):
    lines = client.get("/api/events.jsonl", params={"country": "KEN"}).text.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all({"event_id", "evidence", "trigger", "claimant"} <= set(r) for r in records)


def test_unknown_format_is_an_error(client):
    r = client.get("/api/events.xml")
    assert r.status_code in (404, 422) and "error" in r.json()
