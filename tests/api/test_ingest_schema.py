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


def test_an_article_in_a_language_without_tables_is_reported_not_stored(tmp_path, filled):
    path = filled(tmp_path / "w.db")
    spanish = ("El Ministerio de Defensa ruso afirmó el lunes que sus fuerzas derribaron cuarenta drones ucranianos "
               "lanzados contra la región de Oremburgo, según un comunicado oficial publicado por la mañana.")
    with TestClient(create_app(path, token="test-token"), base_url=LOCAL) as c:
        report = c.post("/api/documents", json={"id": "es", "text": spanish}, headers=AUTH).json()
        assert c.get("/api/documents/es").status_code == 404
    (outcome,) = report["documents"]
    assert report["unsupported"] == 1 and report["failed"] == 0 and outcome["outcome"] == "unsupported"
    assert "[W110]" in outcome["warning"] and "'es'" in outcome["warning"]
