"""The OpenAPI description: served, valid JSON, every endpoint and the ingest body documented."""
import json


def test_openapi_lists_the_endpoints(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    spec = json.loads(r.text)
    assert spec["openapi"].startswith("3.") and spec["info"]["title"] == "depeche"
    paths = spec["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/events.{fmt}", "/api/documents",
                 "/api/documents/{doc_id}", "/api/incidents", "/api/incidents/{incident_id}", "/api/map",
                 "/api/timeline"):
        assert path in paths, path
    assert "post" in paths["/api/documents"] and "get" in paths["/api/documents"]
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"type", "actor", "country", "since", "until", "factuality", "claimant", "incident", "text", "sort",
            "limit", "offset"} <= params
    assert "DocumentIn" in json.dumps(spec["components"]["schemas"])


def test_html_pages_stay_out_of_the_api_description(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if not p.startswith("/api")]


def test_api_index(client):
    assert "/api/events" in client.get("/api").json()["endpoints"]
