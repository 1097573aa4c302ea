"""Shared fixtures: run the pipeline on a string, an in-memory database, a database file of test articles."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from depeche.model import Document
from depeche.pipeline import process
from depeche.store import Database

# The gazetteer (30 MB, built on first use) goes to the checkout's pytest cache, never the user's home; set
# before any test runs, so that the CLI, servers and Spark workers the tests start inherit it.
os.environ["DEPECHE_CACHE"] = str(Path(__file__).resolve().parents[1] / ".pytest_cache" / "depeche")


def run(text: str, lang: str = "fr", published: str | None = "2026-03-17", title: str | None = None) -> Document:
    return process(Document(id="t", text=text, lang=lang, published=published, title=title))


def events_of(text: str, lang: str = "fr", **kw) -> list:
    return run(text, lang, **kw).events


def by_type(events, etype: str):
    return [e for e in events if e.type == etype]


def codes(entities) -> set:
    return {e.code for e in entities}


@pytest.fixture
def db():
    database = Database(":memory:")
    yield database
    database.close()


DESK_ARTICLES = Path(__file__).resolve().parent / "data" / "desk.jsonl"


@pytest.fixture(scope="session")
def filled():
    """A function that ingests tests/data/desk.jsonl (a claim, its denial, a protest, an article full of markup)
    into a database file and returns its path."""
    from depeche.service import ingest_paths

    def fill(path: Path) -> Path:
        with Database(path) as database:
            report = ingest_paths([str(DESK_ARTICLES)], database)
        assert report.ok and report.added == 4, report.errors
        return path

    return fill


def damage(path, table: str) -> None:
    """Write garbage over the first page of one table, as a failing disk or an interrupted copy would."""
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xff" * size)
