"""The CLI says what it did not show: lists cut by --limit, dates it cannot read, a database it would have to
create, articles in a language it has no tables for; DEPECHE_DB stands for --db; tables have a header."""
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from depeche.cli import main
from depeche.datefilter import date_filter
from depeche.errors import QueryError

CORPUS = Path(__file__).resolve().parent / "data" / "incidents.jsonl"
SPANISH = ("El Ministerio de Defensa ruso afirmó el lunes que sus fuerzas derribaron cuarenta drones ucranianos "
           "lanzados contra la región de Oremburgo, según un comunicado oficial publicado por la mañana.")
FRENCH = "Des manifestants ont défilé mardi à Bamako contre la junte. La police a arrêté 12 personnes."


def cli(*args, **kw):
    return CliRunner().invoke(main, [str(a) for a in args], **kw)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("honest") / "events.db"
    result = cli("ingest", CORPUS, "--db", path, "--quiet")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    return str(path)


@pytest.fixture(scope="module")
def total(db) -> int:
    return len(cli("events", "--db", db, "--format", "jsonl", "--limit", 100_000).stdout.splitlines())


# --- lists cut by --limit -------------------------------------------------------------------------------------

def test_a_cut_list_says_how_many_match(db, total):
    res = cli("events", "--db", db, "--limit", 3, "--format", "jsonl")
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 3
    assert res.stderr == f"depeche: showing 3 of {total:,} events; use --limit to see more\n"


def test_a_whole_list_says_nothing(db, total):
    res = cli("events", "--db", db, "--limit", total, "--format", "jsonl")
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == total and res.stderr == ""


def test_a_capped_count_says_at_least(db, monkeypatch):
    from depeche import listing

    monkeypatch.setattr(listing, "COUNT_CAP", 5)
    res = cli("events", "--db", db, "--limit", 2, "--format", "jsonl")
    assert "showing 2 of at least 5 events" in res.stderr


def test_an_offset_page_and_one_past_the_end(db, total):
    res = cli("events", "--db", db, "--limit", 2, "--offset", 4, "--format", "csv")
    assert f"showing events 5 to 6 of {total:,}; use --limit and --offset" in res.stderr
    res = cli("events", "--db", db, "--offset", 10_000, "--format", "csv")
    assert res.stdout == "" and f"showing none of {total:,} events: --offset 10,000 is past the end" in res.stderr


def test_nothing_matching_is_said(db):
    res = cli("events", "--db", db, "--actor", "nobody-at-all", "--format", "jsonl")
    assert res.exit_code == 0 and res.stdout == "" and res.stderr == "depeche: no events match\n"


def test_incidents_say_when_they_are_cut(db):
    every = cli("incidents", "--db", db, "--format", "jsonl", "--limit", 100_000).stdout.splitlines()
    res = cli("incidents", "--db", db, "--limit", 2, "--format", "jsonl")
    assert len(res.stdout.splitlines()) == 2
    assert f"showing 2 of {len(every):,} incidents; use --limit to see more" in res.stderr


# --- dates --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "yesterday", "2025/01/01", "25-01-01", "7 days", "0000"])
@pytest.mark.parametrize("command", ["events", "incidents"])
def test_a_date_that_cannot_be_read_is_a_coded_error(db, command, value):
    res = cli(command, "--db", db, "--since", value)
    assert res.exit_code == 2 and res.stdout == ""
    (line,) = res.stderr.splitlines()
    assert line.startswith("depeche: [E500] --since ") and repr(value) in line and "YYYY-MM-DD" in line


def test_until_is_checked_too_and_a_range_backwards_is_refused(db):
    res = cli("events", "--db", db, "--until", "2026-02-31")
    assert res.exit_code == 2 and "[E500] --until '2026-02-31'" in res.stderr
    res = cli("events", "--db", db, "--since", "2026-04", "--until", "2026-03")
    assert res.exit_code == 2 and "[E500] --since 2026-04 is after --until 2026-03" in res.stderr


@pytest.mark.parametrize("value", ["2026", "2026-03", "2026-03-17", "7d", "2w", "3M", "1y"])
def test_dates_that_can_be_read_are_taken(db, value):
    res = cli("events", "--db", db, "--since", value, "--format", "jsonl")
    assert res.exit_code == 0, res.stderr


def test_spans_count_back_from_today():
    today = dt.date(2026, 5, 31)
    assert date_filter("7d", today=today) == "2026-05-24"
    assert date_filter("2w", today=today) == "2026-05-17"
    assert date_filter("3m", today=today) == "2026-02-28"  # no 31 February: its last day
    assert date_filter("1y", today=dt.date(2024, 2, 29)) == "2023-02-28"
    assert date_filter(" 2026-03 ") == "2026-03"
    with pytest.raises(QueryError, match="before the year 1"):
        date_filter("999999y", today=today)


# --- DEPECHE_DB and table headers ------------------------------------------------------------------------------

def test_depeche_db_stands_for_db_in_every_command(db, monkeypatch, tmp_path):
    monkeypatch.setenv("DEPECHE_DB", db)
    for command in (["events", "--limit", "1"], ["incidents", "--limit", "1"], ["quotes"], ["search", "drones"]):
        res = cli(*command)
        assert res.exit_code == 0 and res.stdout, (command, res.output)
    target = tmp_path / "env.db"
    monkeypatch.setenv("DEPECHE_DB", str(target))
    article = tmp_path / "a.txt"
    article.write_text(FRENCH, encoding="utf-8")
    assert cli("ingest", article, "--quiet").exit_code == 0 and target.exists()
    monkeypatch.delenv("DEPECHE_DB")
    res = cli("events")
    assert res.exit_code == 2 and "Missing option '--db'" in res.stderr and "DEPECHE_DB" in cli("events", "--help").stdout


def test_tables_have_a_header_row(db):
    lines = cli("events", "--db", db, "--limit", 2).stdout.splitlines()
    assert lines[0].split()[:3] == ["EVENT", "TYPE", "MODE"] and "EVIDENCE" in lines[1] and len(lines) == 2 + 2 * 2
    assert cli("quotes", "--db", db, "--limit", 1).stdout.split()[:3] == ["QUOTE", "SPEAKER", "VERB"]


# --- serve: a database is created only when asked -----------------------------------------------------------

@pytest.mark.parametrize("token", [None, "t"])
def test_serve_refuses_a_missing_database_without_create(tmp_path, monkeypatch, token):
    uvicorn = pytest.importorskip("uvicorn")
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: pytest.fail("the server should not start"))
    monkeypatch.delenv("DEPECHE_TOKEN", raising=False)
    res = cli("serve", "--db", tmp_path / "typo.db", *(["--token", token] if token else []))
    assert res.exit_code == 2 and "[E401] no such database" in res.stderr and "--create" in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_serve_create_without_a_token_makes_an_empty_desk_it_only_reads(tmp_path, monkeypatch):
    uvicorn = pytest.importorskip("uvicorn")
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app))
    monkeypatch.delenv("DEPECHE_TOKEN", raising=False)
    res = cli("serve", "--db", tmp_path / "new.db", "--create")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "new.db").exists() and seen["app"].state.desk.writer is None


# --- languages depeche has no tables for ------------------------------------------------------------------------

def _mixed(tmp_path) -> Path:
    path = tmp_path / "mixed.jsonl"
    rows = [{"id": "es", "text": SPANISH}, {"id": "fr", "text": FRENCH}, {"id": "declared", "lang": "en",
                                                                            "text": "Moscou a démenti."}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_ingest_reports_and_counts_an_article_in_another_language(tmp_path):
    db = tmp_path / "m.db"
    res = cli("ingest", _mixed(tmp_path), "--db", db)
    assert res.exit_code == 0, res.stderr
    warning, summary = res.stderr.splitlines()
    assert warning.startswith("depeche: ") and "mixed.jsonl:1: [W110] document 'es' is in 'es'" in warning
    assert summary.startswith("added 2,") and "1 in a language depeche has no tables for" in summary
    docs = [json.loads(x) for x in cli("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert {d["doc_id"] for d in docs} <= {"fr", "declared"} and all(d["lang"] != "es" for d in docs)
    stored = cli("search", "démenti", "--db", db).stdout
    assert stored.startswith("declared\t")  # kept as declared (en), though it reads as French


def test_extract_reports_and_counts_it_too(tmp_path):
    res = cli("extract", _mixed(tmp_path), "--format", "jsonl")
    assert res.exit_code == 0 and {json.loads(x)["doc_id"] for x in res.stdout.splitlines()} == {"fr"}
    warning, summary = res.stderr.splitlines()
    assert "[W110]" in warning and summary.startswith("read 2 documents")
    assert summary.endswith("0 failed; 1 in a language depeche has no tables for")
    quiet = cli("extract", _mixed(tmp_path), "--quiet")
    assert quiet.stderr.splitlines() == [warning]  # warnings stay; the summary goes
