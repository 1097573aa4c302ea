"""Documents, incidents, map and timeline: each HTML page and its JSON twin, and untrusted text escaped."""
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
    assert all(r["document"]["title"] for r in reports)
    assert "occurred" in inc["flags"] and any(c["kind"] == "asserted_vs_denied" for c in inc["dispute"]["conflicts"])
    html = client.get(f"/incidents/{disputed['id']}").text
    assert 'id="conflicts"' in html and 'class="conflict"' in html and "Astana denies" in html


def test_incident_list_filters(client, disputed):
    all_rows = client.get("/api/incidents").json()["incidents"]
    assert len(all_rows) >= 2
    assert all(r["type"] == "PROTEST" for r in client.get("/api/incidents?type=protest").json()["incidents"])


def test_map_points_have_coordinates_and_follow_the_filters(client):
    data = client.get("/api/map").json()
    assert data["points"] and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in data["points"])
    assert data["total"] == data["without_place"] + len(data["points"])
    only = client.get("/api/map", params={"type": "PROTEST"}).json()["points"]
    assert only and {p["type"] for p in only} == {"PROTEST"}
    html = client.get("/map").text
    assert 'id="map-data"' in html and "/static/map.js" in html


def test_base_map_is_shipped(client):
    world = client.get("/static/world-110m.geojson").json()
    codes = {f["properties"]["code"] for f in world["features"]}
    assert len(world["features"]) > 150 and {"FRA", "RUS", "KAZ", "MLI"} <= codes


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
