"""One JSON error envelope for 401, 403, 404, 405, 413, 422 and 500; browsers get it as a page."""
import pytest
from fastapi.testclient import TestClient

from depeche.api import create_app


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
    with TestClient(create_app(db_path)) as no_token:
        assert_envelope(no_token.post("/api/documents", json={"id": "x", "text": "y"}), 403, "forbidden")


def test_413_when_the_body_is_too_large(db_path):
    with TestClient(create_app(db_path, token="t", max_body=1000)) as small:
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

    with TestClient(app, raise_server_exceptions=False) as c:
        err = assert_envelope(c.get("/api/boom"), 500, "internal_error")
        assert "secret" not in err["message"]


def test_a_browser_gets_the_error_as_a_page(client):
    r = client.get("/events/nope:e1", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no event" in r.text


def test_pages_forbid_inline_scripts(client):
    csp = client.get("/events").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
