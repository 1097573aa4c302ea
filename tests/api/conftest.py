"""A desk over a tmp_path database filled with the project's own French and English articles."""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the API tests need the [web] extra")

from fastapi.testclient import TestClient

from depeche.api import create_app

TOKEN = "test-token"
LOCAL = "http://localhost"  # a name the desk answers to (not the test client's default "testserver")


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, filled):
    return filled(tmp_path_factory.mktemp("desk") / "events.db")


@pytest.fixture(scope="module")
def client(db_path):
    with TestClient(create_app(db_path, token=TOKEN), base_url=LOCAL) as c:
        yield c


@pytest.fixture(scope="module")
def disputed(client) -> dict:
    """The incident that the claim and the denial form."""
    rows = client.get("/api/incidents", params={"conflicts": "true"}).json()["incidents"]
    assert rows, "the claim and the denial should form one disputed incident"
    return rows[0]


@pytest.fixture(scope="module")
def incidents_client(tmp_path_factory):
    """A desk over tests/data/incidents.jsonl: 39 articles, months apart, reports of one event from several
    outlets (a wire story copied among them)."""
    from pathlib import Path

    from depeche.service import ingest_paths
    from depeche.store import Database

    path = tmp_path_factory.mktemp("incidents") / "events.db"
    with Database(path) as database:
        assert ingest_paths([str(Path(__file__).resolve().parents[1] / "data" / "incidents.jsonl")], database).ok
    with TestClient(create_app(path), base_url=LOCAL) as c:
        yield c
