"""`depeche serve`: a thin wrapper that builds the app and hands it to uvicorn; reads never wait for the writer;
without a token nothing writes."""
import hashlib
import sqlite3

import pytest
import uvicorn
from click.testing import CliRunner
from fastapi.testclient import TestClient

from depeche.api import create_app
from depeche.cli import main
from depeche.errors import StoreError

from .conftest import LOCAL


def test_serve_builds_the_desk_with_the_token_from_the_environment(tmp_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setenv("DEPECHE_TOKEN", "from-env")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "new.db"), "--port", "8123", "--create"])
    assert result.exit_code == 0, result.output
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert seen["app"].state.desk.token == "from-env" and (tmp_path / "new.db").exists()


@pytest.mark.parametrize("token", [None, "t"])
def test_serve_on_a_file_that_is_not_a_database_fails_cleanly(tmp_path, monkeypatch, token):
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    monkeypatch.delenv("DEPECHE_TOKEN", raising=False)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    result = CliRunner().invoke(main, ["serve", "--db", str(bad)] + (["--token", token] if token else []))
    assert result.exit_code == 2 and "[E402]" in result.output and "Traceback" not in result.output
    assert bad.read_bytes() == b"not sqlite at all" * 100


def test_serve_without_a_token_refuses_a_missing_file_and_creates_none(tmp_path, monkeypatch):
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: pytest.fail("the server should not start"))
    monkeypatch.delenv("DEPECHE_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 2 and "[E401] no such database" in result.stderr and "typo.db" in result.stderr
    assert list(tmp_path.iterdir()) == []


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_without_a_token_the_desk_only_reads(tmp_path, filled):
    """No migration, no incident refresh, no write of any kind: the file is the same byte for byte."""
    path = filled(tmp_path / "ro.db")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE incidents SET dirty = 1")  # as an ingest cut short leaves them
    conn.commit()
    conn.close()
    before = digest(path)
    with TestClient(create_app(path), base_url=LOCAL) as c:
        assert c.app.state.desk.writer is None
        for url in ("/api/events", "/api/incidents", "/incidents", "/api/documents/claim-fr", "/api/events.csv"):
            assert c.get(url).status_code == 200, url
        assert c.post("/api/documents", json={"id": "x", "text": "y"}).status_code == 403
    assert digest(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM incidents WHERE dirty = 0").fetchone()[0] == 0  # left to the writer
    conn.close()
    with TestClient(create_app(path, token="t"), base_url=LOCAL):  # the writer brings them up to date
        pass
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM incidents WHERE dirty = 1").fetchone()[0] == 0
    conn.close()


def test_a_read_only_desk_refuses_an_older_schema(tmp_path, filled):
    path = filled(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    newest = conn.execute("SELECT max(name) FROM migrations").fetchone()[0]
    conn.execute("DELETE FROM migrations WHERE name = ?", (newest,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="older depeche"):
        create_app(path)


def test_reads_go_on_while_the_writer_holds_its_lock(db_path):
    with TestClient(create_app(db_path, token="t"), base_url=LOCAL) as c:
        with c.app.state.desk.lock:  # an ingest in progress
            assert c.get("/api/events").status_code == 200
            assert c.get("/api/incidents").status_code == 200
