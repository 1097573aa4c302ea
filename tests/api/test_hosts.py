"""The Host allow-list: the desk answers to its own names only, so a rebound DNS name cannot reach it."""
import pytest
import uvicorn
from click.testing import CliRunner
from fastapi.testclient import TestClient

from depeche.api.hosts import host_name
from depeche.cli import main


@pytest.mark.parametrize("header, name", [("localhost:8000", "localhost"), ("[::1]:8000", "::1"), ("::1", "::1"),
                                          ("Desk.Example.ORG.", "desk.example.org"), ("127.0.0.1", "127.0.0.1")])
def test_host_name_drops_the_port(header, name):
    assert host_name(header) == name


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"])
def test_loopback_names_are_answered(client, host):
    assert client.get("/api/events", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["rebound.example", "rebound.example:8000", "localhost.rebound.example", ""])
def test_other_names_get_400_in_the_envelope(client, host):
    r = client.get("/api/events", headers={"Host": host})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"
    assert "--allowed-host" in r.json()["error"]["message"]


def test_serve_answers_to_its_bound_host_and_the_allowed_ones(db_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    result = CliRunner().invoke(main, ["serve", "--db", str(db_path), "--host", "192.0.2.7",
                                       "--allowed-host", "desk.lan", "--allowed-host", "desk.example.org"])
    assert result.exit_code == 0, result.output
    c = TestClient(seen["app"])
    for base in ("http://192.0.2.7:8000", "http://desk.lan", "http://DESK.example.org:8000", "http://localhost"):
        assert c.get(base + "/api/events").status_code == 200, base
    assert c.get("http://elsewhere.lan/api/events").status_code == 400
