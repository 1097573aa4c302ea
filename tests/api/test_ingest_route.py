"""POST /api/documents: token, validation, the same extraction as the CLI, idempotent re-sends."""
import pytest
from fastapi.testclient import TestClient

from depeche.api import create_app

from .conftest import LOCAL

AUTH = {"Authorization": "Bearer test-token"}
ARTICLE = {"id": "api-1", "lang": "fr", "published": "2026-04-02", "source": "Agence B", "title": "Bamako",
           "text": "Des manifestants ont défilé mardi à Bamako contre la junte. La police a arrêté 12 personnes."}


@pytest.fixture
def writable(tmp_path, filled):
    path = filled(tmp_path / "w.db")
    with TestClient(create_app(path, token="test-token"), base_url=LOCAL) as c:
        yield c


def test_ingest_one_document_then_read_it_back(writable):
    r = writable.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["added"] == 1 and report["events"] >= 1 and report["documents"][0]["outcome"] == "added"
    assert writable.get("/api/documents/api-1").json()["source"] == "Agence B"
    assert writable.get("/api/events", params={"text": "Bamako"}).json()["total"] >= 1
    again = writable.post("/api/documents", json=ARTICLE, headers=AUTH).json()
    assert again["unchanged"] == 1 and again["events"] == 0


def test_ingest_a_list(writable):
    docs = [ARTICLE, {**ARTICLE, "id": "api-2", "lang": "en", "text": "Police arrested 30 people in Dakar on Monday."}]
    report = writable.post("/api/documents", json=docs, headers=AUTH).json()
    assert report["added"] == 2 and [d["id"] for d in report["documents"]] == ["api-1", "api-2"]


@pytest.mark.parametrize("body", [{"text": "no id"}, {"id": "x"}, {"id": "x", "text": ""},
                                  {"id": "x", "text": "t", "published": "yesterday"}, [{"id": 1}], "just a string"])
def test_invalid_documents_are_422(writable, body):
    r = writable.post("/api/documents", json=body, headers=AUTH)
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


def test_malformed_json_is_422(writable):
    r = writable.post("/api/documents", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422 and "error" in r.json()
