"""Exports analysts load: CSV in a common layout (counts in their own columns, no JSON in a cell) read back with csv
and pandas, GeoJSON that says what it left out, and one incident with its sources as GeoJSON (CLI and HTTP)."""
import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from depeche.cli import main
from depeche.io.rows import CSV_COLUMNS, flat_row
from depeche.io.writers import Writer

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents.jsonl"


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def url(doc_id: str) -> str:
    return f"https://news.example/{doc_id}"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("exports")
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = folder / "with-urls.jsonl"
    corpus.write_text("".join(json.dumps({**r, "url": url(r["id"])}, ensure_ascii=False) + "\n" for r in rows),
                      encoding="utf-8")
    path = folder / "events.db"
    assert cli("ingest", corpus, "--db", path, "--quiet").exit_code == 0
    return str(path)


@pytest.fixture(scope="module")
def records(db) -> dict:
    lines = cli("events", "--db", db, "--format", "jsonl", "--limit", 100_000).stdout.splitlines()
    return {r["event_id"]: r for r in map(json.loads, lines)}


def _csv(db) -> str:
    res = cli("events", "--db", db, "--format", "csv", "--limit", 100_000)
    assert res.exit_code == 0, res.stderr
    return res.stdout


def test_csv_has_the_analyst_layout_and_no_json_in_a_cell(db, records):
    reader = csv.DictReader(io.StringIO(_csv(db)))
    rows = list(reader)
    assert tuple(reader.fieldnames) == CSV_COLUMNS and len(rows) == len(records)
    for row in rows:
        rec = records[row["event_id"]]
        size, loc = rec.get("size") or {}, rec.get("location") or {}
        assert not any(v.startswith(("{", "[")) for v in row.values()), row
        for kind in ("dead", "injured", "arrested", "weapons"):
            assert row[kind] == ("" if size.get(kind) is None else str(size[kind]))
        assert row["url"] == url(rec["doc_id"]) and row["incident_id"] == (rec.get("incident") or "")
        assert row["date"] == (rec["date"] or "") and row["date_precision"] == (rec["date_precision"] or "")
        assert row["country"] == (loc.get("country") or "") and row["lat"] == str(loc.get("lat", ""))
        assert row["actor_codes"].split(";") == [a["code"] or "" for a in rec["actor"]] or not rec["actor"]
        assert row["published"] == rec["published"] and row["source"] == rec["source"]
    assert any(r["incident_id"] for r in rows) and any(r["weapons"] or r["dead"] or r["arrested"] for r in rows)


def test_pandas_reads_the_csv_with_numbers_as_numbers(db, records):
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(_csv(db)))
    assert list(frame.columns) == list(CSV_COLUMNS) and len(frame) == len(records)
    for column in ("lat", "lon", "dead", "injured", "arrested", "weapons"):
        assert pd.api.types.is_numeric_dtype(frame[column]), column
    counted = {k: (r.get("size") or {}).get("weapons") for k, r in records.items()}
    assert frame.set_index("event_id")["weapons"].dropna().to_dict() == {k: v for k, v in counted.items() if v is not None}


def test_flat_row_regions_precision_and_names():
    rec = {"event_id": "d:e1", "doc_id": "d", "type": "ASSAULT", "factuality": "fact", "evidence": {"text": "x"},
           "actor": [{"code": "UKR", "text": "les drones ukrainiens", "name": "Ukraine"}, {"code": None, "text": "X"}],
           "recipient": [], "claimant": {"code": "RUS", "text": "Moscou", "name": None},
           "size": {"dead": 2, "approximate": True},
           "location": {"text": "Orsk", "name": "Orsk", "country": "RUS", "precision": "city", "lat": 51.2, "lon": 58.6,
                        "region_code": "RU-ORE"}}
    row = flat_row(rec, {"url": "https://x.example/d"})
    assert row["admin1"] == "Orenburg Oblast" and row["admin1_code"] == "RU-ORE" and row["place_precision"] == "city"
    assert row["actor_codes"] == "UKR;" and row["actor_names"] == "Ukraine;X" and row["claimant_name"] == "Moscou"
    assert row["dead"] == 2 and row["injured"] == "" and row["counts_approximate"] == "true"
    assert row["url"] == "https://x.example/d" and set(row) == set(CSV_COLUMNS)
    region = {**rec, "location": {"text": "région d'Orenbourg", "name": "Orenburg Oblast", "precision": "region"}}
    assert flat_row(region)["admin1"] == "Orenburg Oblast"
    small = {**rec, "location": {"text": "Karakiya", "name": "Karakiya", "country": "KAZ", "precision": "city",
                                 "lat": 48.0, "lon": 68.0, "coordinates": "country"}}
    assert flat_row(small)["place_precision"] == "country"  # the coordinates are its country's


def test_geojson_says_how_many_events_had_no_coordinates(db, records):
    res = cli("events", "--db", db, "--format", "geojson", "--limit", 100_000)
    data = json.loads(res.stdout)
    missing = sum(1 for r in records.values() if (r.get("location") or {}).get("lat") is None)
    assert missing and data["events"] == len(records) and data["without_coordinates"] == missing
    assert len(data["features"]) == len(records) - missing
    assert all(f["properties"]["url"].startswith("https://news.example/") for f in data["features"])
    (line,) = [x for x in res.stderr.splitlines() if "[W600]" in x]
    assert line == f"depeche: [W600] {missing:,} of {len(records):,} events have no coordinates and are not in the " \
                   "GeoJSON (its member `without_coordinates` says so too)"


def test_a_geojson_with_every_event_placed_warns_of_nothing():
    out = io.StringIO()
    w = Writer(out, "geojson")
    w.write([{"event_id": "d:e1", "doc_id": "d", "type": "PROTEST", "factuality": "fact", "actor": [], "recipient": [],
              "evidence": {"text": "x"}, "location": {"name": "Lyon", "lat": 45.76, "lon": 4.84}}])
    w.close()
    data = json.loads(out.getvalue())
    assert data["without_coordinates"] == 0 == w.without_coordinates and data["features"][0]["id"] == "d:e1"


@pytest.fixture(scope="module")
def incident_id(db) -> str:
    listing = [json.loads(x) for x in cli("incidents", "--db", db, "--format", "jsonl").stdout.splitlines()]
    return max(listing, key=lambda inc: (inc["sources"], inc["reports"]))["id"]


def test_one_incident_as_geojson_with_its_sources(db, records, incident_id):
    res = cli("incident", incident_id, "--db", db, "--format", "geojson")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    mine = [r for r in records.values() if r.get("incident") == incident_id]
    assert data["type"] == "FeatureCollection" and data["incident"]["id"] == incident_id
    assert data["events"] == len(mine) and len(data["features"]) == len(mine) - data["without_coordinates"]
    assert {s["doc_id"] for s in data["sources"]} == {r["doc_id"] for r in mine} and len(data["sources"]) > 1
    for source in data["sources"]:
        assert source["url"] == url(source["doc_id"]) and source["title"] and source["published"]
    for feat in data["features"]:
        props = feat["properties"]
        assert feat["geometry"]["type"] == "Point" and props["incident_id"] == incident_id
        assert props["url"] == url(props["doc_id"]) and props["title"]


def test_an_unknown_incident_is_a_coded_error(db):
    res = cli("incident", "inc-999999", "--db", db, "--format", "geojson")
    assert res.exit_code == 2 and "[E501]" in res.stderr and res.stdout == ""


def test_the_http_export_of_an_incident_is_the_same(db, incident_id):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from depeche.api import create_app

    with TestClient(create_app(db), base_url="http://localhost") as c:
        r = c.get(f"/api/incidents/{incident_id}.geojson")
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
        assert r.json() == json.loads(cli("incident", incident_id, "--db", db, "--format", "geojson").stdout)
        missing = c.get("/api/incidents/inc-999999.geojson")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
        rows = list(csv.DictReader(io.StringIO(c.get("/api/events.csv").text)))
    assert rows and all(row["url"] == url(row["doc_id"]) for row in rows) and any(row["incident_id"] for row in rows)
