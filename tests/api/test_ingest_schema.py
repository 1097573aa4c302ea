"""POST /api/documents checks each document with the readers' input schema: a bad one fails, the rest are stored."""
from fastapi.testclient import TestClient

from depeche.api import create_app

from .conftest import LOCAL

AUTH = {"Authorization": "Bearer test-token", "Content-Type": "application/json"}


def test_the_api_shares_the_input_schema(tmp_path, filled):
    path = filled(tmp_path / "w.db")
    body = (b'[{"id": "ok", "text": "Des manifestants\\u0000 ont d\\u00e9fil\\u00e9 \\u00e0 Lyon samedi."},'
            b' {"id": "xx", "text": "La police a arr\\u00eat\\u00e9 deux personnes.", "lang": "xx"},'
            b' {"id": "day", "text": "Des manifestants ont d\\u00e9fil\\u00e9.", "published": "2025-13-45"}]')
    with TestClient(create_app(path, token="test-token"), base_url=LOCAL) as c:
        report = c.post("/api/documents", content=body, headers=AUTH).json()
        stored = c.get("/api/documents/ok").json()
    ok, xx, day = report["documents"]
    assert report["added"] == 1 and report["failed"] == 2
    assert ok["warning"] == "NUL characters removed: 1" and "\x00" not in stored["text"]
    assert "[E100] unsupported lang 'xx'" in xx["error"] and "[E100] 'published' is not a date" in day["error"]
