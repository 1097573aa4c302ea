"""One JSON error envelope for 400, 401, 403, 404, 405, 413, 422, 500 and 503; browsers get it as a page."""
import random
import shutil
import sqlite3

import pytest
from fastapi.testclient import TestClient

from conftest import damage
from depeche.api import create_app
from depeche.errors import StoreError

from .conftest import LOCAL


def assert_envelope(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize("path", ["/api/events/nope:e1", "/api/documents/nope", "/api/incidents/inc-999999",
                                  "/api/no-such-thing"])
def test_404(client, path):
    assert_envelope(client.get(path), 404, "not_found")


@pytest.mark.parametrize("params", [{"type": "BOMBING"}, {"since": "last week"}, {"limit": 0}, {"limit": 10_000},
                                    {"sort": "random()"}, {"factuality": "maybe"}])
def test_422_names_the_bad_parameter(client, params):
    err = assert_envelope(client.get("/api/events", params=params), 422, "invalid_request")
    assert err["details"] and next(iter(params)) in err["details"][0]["where"]


def test_a_bad_date_says_what_a_date_looks_like(client):
    err = assert_envelope(client.get("/api/events", params={"until": "31/12/2026"}), 422, "invalid_request")
    assert "YYYY-MM-DD" in err["message"]


def test_405(client):
    assert_envelope(client.delete("/api/events"), 405, "method_not_allowed")


def test_401_and_403_on_ingest(client, db_path):
    assert_envelope(client.post("/api/documents", json={"id": "x", "text": "y"}), 401, "unauthorized")
    wrong = client.post("/api/documents", json={"id": "x", "text": "y"}, headers={"Authorization": "Bearer nope"})
    assert_envelope(wrong, 401, "unauthorized")
    with TestClient(create_app(db_path), base_url=LOCAL) as no_token:
        assert_envelope(no_token.post("/api/documents", json={"id": "x", "text": "y"}), 403, "forbidden")


def test_413_when_the_body_is_too_large(db_path):
    with TestClient(create_app(db_path, token="t", max_body=1000), base_url=LOCAL) as small:
        r = small.post("/api/documents", json={"id": "big", "text": "x" * 5000}, headers={"Authorization": "Bearer t"})
        assert_envelope(r, 413, "payload_too_large")

        def chunks():  # no Content-Length: the limit is counted as the body streams in
            for _ in range(10):
                yield b'{"id": "big", "text": "' + b"x" * 500

        r = small.post("/api/documents", content=chunks(), headers={"Authorization": "Bearer t"})
        assert_envelope(r, 413, "payload_too_large")


def test_500_hides_the_traceback(db_path):
    app = create_app(db_path)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False, base_url=LOCAL) as c:
        err = assert_envelope(c.get("/api/boom"), 500, "internal_error")
        assert "secret" not in err["message"]


def test_a_browser_gets_the_error_as_a_page(client):
    r = client.get("/events/nope:e1", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no event" in r.text


def test_pages_forbid_inline_scripts(client):
    csp = client.get("/events").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.mark.parametrize("path", ["/api/events", "/api/documents", "/events", "/documents"])
def test_an_offset_past_sqlite_integers_is_422_not_500(client, path):
    r = client.get(path, params={"offset": "999999999999999999999"}, headers={"Accept": "application/json"})
    err = assert_envelope(r, 422, "invalid_request")
    assert "offset" in err["details"][0]["where"]


@pytest.fixture(scope="module")
def damaged(tmp_path_factory, filled):
    """A copy of a desk database whose events table's first page is garbage; its header and schema read fine."""
    path = filled(tmp_path_factory.mktemp("damaged") / "damaged.db")
    damage(path, "events")
    return path


@pytest.mark.parametrize("path", ["/api/events", "/api/map", "/api/events.csv", "/api/documents/claim-fr"])
def test_a_damaged_database_is_a_coded_error_in_the_envelope(damaged, path):
    with TestClient(create_app(damaged), base_url=LOCAL, raise_server_exceptions=False) as c:
        err = assert_envelope(c.get(path), 503, "unavailable")
    assert "[E402]" in err["message"] and "damaged.db" in err["message"] and "corrupted" in err["message"]
    assert str(damaged.parent) not in err["message"]  # the file's name, not where the server keeps it


def test_a_browser_gets_the_damaged_database_as_a_page(damaged):
    with TestClient(create_app(damaged), base_url=LOCAL, raise_server_exceptions=False) as c:
        r = c.get("/events", headers={"Accept": "text/html"})
    assert r.status_code == 503 and "[E402]" in r.text and r.headers["content-type"].startswith("text/html")


def test_a_file_of_random_bytes_does_not_start_a_desk(tmp_path, db_path):
    noise = tmp_path / "noise.db"
    noise.write_bytes(random.Random(8).randbytes(64 * 1024))
    with pytest.raises(StoreError, match=r"noise.db: \[E402\] the database is not a depeche database or is corrupted"):
        create_app(noise)
    other = tmp_path / "other.db"  # an SQLite file, but another program's
    shutil.copy(db_path, other)
    conn = sqlite3.connect(other)
    conn.execute("DROP TABLE migrations")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"\[E402\]"):
        create_app(other)
