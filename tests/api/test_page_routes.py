"""Documents, incidents, map and timeline: each HTML page and its JSON twin, and untrusted text escaped."""
from pathlib import Path

import pytest


def test_documents_list_and_search(client):
    docs = client.get("/api/documents").json()
    assert docs["total"] == 4 and {d["id"] for d in docs["documents"]} >= {"claim-fr", "hostile"}
    found = client.get("/api/documents", params={"q": "orenbourg"}).json()["documents"]
    assert [d["id"] for d in found] == ["claim-fr"]
    assert client.get("/api/documents", params={"q": 'drones" OR *'}).status_code == 200  # never FTS syntax


def test_document_marks_actors_places_dates_and_triggers(client):
    doc = client.get("/api/documents/claim-fr").json()
    kinds = {m["kind"] for m in doc["marks"]}
    assert {"trigger", "actor", "place", "date"} <= kinds
    for m in doc["marks"]:
        assert 0 <= m["start"] < m["end"] <= len(doc["text"])
    triggers = [m for m in doc["marks"] if m["kind"] == "trigger"]
    assert all(m["event_id"] for m in triggers)
    html = client.get("/documents/claim-fr").text
    assert 'class="hl hl-trigger"' in html and 'class="hl hl-place"' in html


def test_article_markup_is_shown_as_text_never_as_markup(client):
    for path in ("/documents/hostile", "/events?text=Nairobi", "/documents", "/incidents"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Evil" not in html, path
    html = client.get("/documents/hostile").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html


def test_incidents_and_the_dispute_view(client, disputed):
    assert disputed["conflicts"] >= 1 and disputed["sources"] == 2
    inc = client.get(f"/api/incidents/{disputed['id']}").json()
    reports = inc["dispute"]["reports"]
    assert {r["doc_id"] for r in reports} >= {"claim-fr", "denial-en"}
    assert {a["doc_id"] for a in inc["articles"]} >= {"claim-fr", "denial-en"} and all(a["title"] for a in inc["articles"])
    assert "occurred" in inc["flags"] and any(c["kind"] == "asserted_vs_denied" for c in inc["dispute"]["conflicts"])
    html = client.get(f"/incidents/{disputed['id']}").text
    assert 'id="conflicts"' in html and 'class="conflict"' in html and "Astana denies" in html


def test_incident_list_filters(client, disputed):
    all_rows = client.get("/api/incidents").json()["incidents"]
    assert len(all_rows) >= 2
    assert all(r["type"] == "PROTEST" for r in client.get("/api/incidents?type=protest").json()["incidents"])


def test_map_points_are_parallel_arrays_with_coordinates_and_follow_the_filters(client):
    data = client.get("/api/map").json()
    pts = data["points"]
    assert set(pts) == {"event_id", "lat", "lon", "type", "factuality"}
    assert {len(column) for column in pts.values()} == {data["placed"]} and data["placed"] > 0
    assert all(-90 <= lat <= 90 for lat in pts["lat"]) and all(-180 <= lon <= 180 for lon in pts["lon"])
    assert data["total"] == data["without_place"] + data["placed"]
    records = {e["event_id"]: e for e in client.get("/api/events", params={"limit": 500}).json()["events"]}
    for i, event_id in enumerate(pts["event_id"]):
        rec = records[event_id]
        assert (pts["lat"][i], pts["lon"][i]) == (round(rec["location"]["lat"], 4), round(rec["location"]["lon"], 4))
        assert data["types"][pts["type"][i]] == rec["type"]
        assert data["factualities"][pts["factuality"][i]] == rec["factuality"]
    only = client.get("/api/map", params={"type": "PROTEST"}).json()
    assert only["placed"] and only["types"] == ["PROTEST"]


def test_the_map_page_loads_leaflet_from_the_package_and_keeps_the_filters(client):
    html = client.get("/map", params={"type": "PROTEST", "since": "2026-01"}).text
    assert 'id="map-data"' in html and "/static/map.js" in html and "/static/vendor/leaflet/leaflet.js" in html
    assert '<option value="PROTEST" selected>' in html and 'value="2026-01"' in html
    assert "events?type=PROTEST&amp;since=2026-01" in html  # the table of the same events
    assert "http" not in "".join(line for line in html.splitlines() if "<script" in line or "<link" in line)
    for path in ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "vendor/leaflet/images/marker-icon.png",
                 "vendor/leaflet.markercluster/leaflet.markercluster.js", "vendor/leaflet.markercluster/MarkerCluster.css",
                 "vendor/leaflet.markercluster/MarkerCluster.Default.css", "map.css"):
        assert client.get(f"/static/{path}").status_code == 200, path


def test_a_record_kept_whole_is_on_the_map_too(tmp_path):
    from fastapi.testclient import TestClient

    from depeche.api import create_app
    from depeche.model import Document
    from depeche.store import Database

    text = "Drones struck a depot near Sumy."
    rec = {"doc_id": "w", "event_id": "w:e1", "type": "ASSAULT", "factuality": "fact", "date": "2026-02-01",
           "location": {"name": "Sumy", "country": "UKR", "lat": 50.9077, "lon": 34.7981},
           "evidence": {"text": text, "start": 0, "end": len(text)}, "@note": "a key the store keeps the record whole for"}
    with Database(tmp_path / "w.db") as db:
        db.add_document(Document(id="w", text=text, lang="en", published="2026-02-02"), [rec])
    with TestClient(create_app(tmp_path / "w.db"), base_url="http://localhost") as c:
        pts = c.get("/api/map").json()["points"]
    assert (pts["event_id"], pts["lat"], pts["lon"]) == (["w:e1"], [50.9077], [34.7981])


def test_base_map_is_shipped(client):
    world = client.get("/static/world-110m.geojson").json()
    codes = {f["properties"]["code"] for f in world["features"]}
    assert len(world["features"]) > 150 and {"FRA", "RUS", "KAZ", "MLI"} <= codes


def test_every_static_file_is_package_data():
    """`pip install .` ships what the pages load: the package-data globs of pyproject.toml reach every file."""
    tomllib = pytest.importorskip("tomllib")
    root = Path(__file__).resolve().parents[2]
    package = root / "src" / "depeche"
    globs = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    shipped = {p for pattern in globs["depeche"] for p in package.glob(pattern) if p.is_file()}
    static = {p for p in (package / "web").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert static - shipped == set()


@pytest.mark.parametrize("bucket", ["day", "week", "month"])
def test_timeline_counts_by_bucket_and_type(client, bucket):
    data = client.get("/api/timeline", params={"bucket": bucket}).json()
    assert data["bucket"] == bucket and data["series"]
    total = client.get("/api/events").json()["total"]
    assert sum(s["total"] for s in data["series"]) + data["imprecise_or_undated"] == total
    assert all(sum(s["counts"].values()) == s["total"] for s in data["series"])


def test_every_page_renders(client, disputed):
    for path in ("/events", "/map", "/timeline", "/documents", "/incidents", f"/incidents/{disputed['id']}",
                 "/documents/claim-fr"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        assert 'id="json-twin"' in r.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/events"
