"""`depeche serve`: a thin wrapper that builds the app and hands it to uvicorn; reads never wait for the writer."""
import uvicorn
from click.testing import CliRunner
from fastapi.testclient import TestClient

from depeche.api import create_app
from depeche.cli import main


def test_serve_builds_the_desk_with_the_token_from_the_environment(tmp_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setenv("DEPECHE_TOKEN", "from-env")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "new.db"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert seen["app"].state.desk.token == "from-env" and (tmp_path / "new.db").exists()


def test_serve_on_a_file_that_is_not_a_database_fails_cleanly(tmp_path, monkeypatch):
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite at all" * 100)
    result = CliRunner().invoke(main, ["serve", "--db", str(bad)])
    assert result.exit_code == 2 and "[E400]" in result.output


def test_reads_go_on_while_the_writer_holds_its_lock(db_path):
    with TestClient(create_app(db_path, token="t")) as c:
        with c.app.state.desk.lock:  # an ingest in progress
            assert c.get("/api/events").status_code == 200
            assert c.get("/api/incidents").status_code == 200
