import json
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import damage
from depeche.cli import main

TEXT = "Le Kazakhstan a condamné la Russie lundi. Des manifestants ont défilé à Almaty."


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_extract_jsonl_from_a_txt(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    res = invoke("extract", str(f), "--lang", "fr", "--published", "2026-03-17")
    assert res.exit_code == 0
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert {r["type"] for r in recs} >= {"ACCUSE", "PROTEST"}


def test_extract_formats_and_stdin():
    data = json.dumps({"id": "s", "text": TEXT, "lang": "fr"})
    for fmt in ("csv", "table"):
        res = invoke("extract", "-", "--format", fmt, input=data)
        assert res.exit_code == 0 and "ACCUSE" in res.output


def test_bad_input_is_one_line_and_exit_status_says_so(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.json"
    good.write_text(TEXT, encoding="utf-8")
    bad.write_text("{not json", encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(good), str(bad)])
    assert res.exit_code == 1
    assert "ACCUSE" in res.stdout
    error, summary = res.stderr.splitlines()  # one line for the bad file, then the summary
    assert "bad.json" in error and "Traceback" not in res.stderr
    assert summary.startswith("read 1 documents") and "1 failed" in summary


def test_ingest_then_query(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "e.db")
    assert invoke("ingest", str(f), "--db", db, "--lang", "fr", "--published", "2026-03-17").exit_code == 0
    again = CliRunner().invoke(main, ["ingest", str(f), "--db", db, "--lang", "fr",
                                                      "--published", "2026-03-17"])
    assert "unchanged 1" in again.stderr
    res = invoke("events", "--db", db, "--type", "ACCUSE", "--format", "jsonl")
    assert [json.loads(x)["type"] for x in res.stdout.splitlines()] == ["ACCUSE"]
    res = invoke("events", "--db", db, "--country", "KAZ", "--format", "geojson")
    assert json.loads(res.stdout)["type"] == "FeatureCollection"


def test_search_articles(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "e.db")
    invoke("ingest", str(f), "--db", db, "--lang", "fr")
    res = invoke("search", "manifestants almaty", "--db", db)
    assert res.stdout.startswith("a\t")


def test_events_on_missing_database(tmp_path):
    res = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 2 and "no such database" in res.stderr


def test_not_a_database(tmp_path):
    f = tmp_path / "x.db"
    f.write_text("this is not sqlite " * 100)
    res = CliRunner().invoke(main, ["ingest", str(f), "--db", str(f)])
    assert res.exit_code == 2 and "E400" in res.stderr


def test_quotes_are_stored_and_listed(tmp_path):
    f = tmp_path / "q.txt"
    f.write_text("« Nous ne céderons pas », a déclaré le président ukrainien. Moscou a démenti.", encoding="utf-8")
    db = str(tmp_path / "q.db")
    invoke("ingest", str(f), "--db", db, "--lang", "fr")
    res = invoke("quotes", "--db", db, "--speaker", "UKR", "--format", "jsonl")
    (rec,) = [json.loads(x) for x in res.stdout.splitlines()]
    assert rec["text"] == "Nous ne céderons pas" and rec["speaker"]["code"] == "UKR" and rec["verb"] == "déclaré"
    assert f.read_text(encoding="utf-8")[rec["start"]:rec["end"]] == rec["text"]
    assert "UKR" in invoke("quotes", "--db", db).stdout


def test_incidents_and_incident_commands(tmp_path):
    db = str(tmp_path / "i.db")
    corpus = str(Path(__file__).resolve().parent / "data" / "incidents.jsonl")
    invoke("ingest", corpus, "--db", db)
    listing = invoke("incidents", "--db", db, "--conflicts", "--format", "jsonl").stdout.splitlines()
    first = json.loads(listing[0])
    assert first["conflicts"] > 0
    shown = invoke("incident", first["id"], "--db", db)
    assert first["id"] in shown.stdout and "!" in shown.stdout
    data = json.loads(invoke("incident", first["id"], "--db", db, "--format", "json").stdout)
    assert data["dispute"]["reports"]
    missing = CliRunner().invoke(main, ["incident", "inc-999999", "--db", db])
    assert missing.exit_code == 2 and "E501" in missing.stderr


def test_gazetteer_build_and_lookup(tmp_path):
    out = tmp_path / "g.sqlite"
    res = invoke("gazetteer", "build", "--path", str(out))
    assert out.exists() and "towns" in res.stdout
    assert invoke("gazetteer", "lookup", "Tachkent").stdout.startswith("Tashkent\ttown\tUZB")


def test_events_by_claimant(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("Selon le Kremlin, des drones ukrainiens ont attaqué la région de Koursk lundi.", encoding="utf-8")
    db = str(tmp_path / "e.db")
    invoke("ingest", str(f), "--db", db, "--lang", "fr", "--published", "2026-03-17")
    said = invoke("events", "--db", db, "--claimant", "RUS", "--format", "jsonl").stdout.splitlines()
    assert said and all(json.loads(x)["claimant"]["code"] == "RUS" for x in said)
    assert invoke("events", "--db", db, "--claimant", "KAZ", "--format", "jsonl").stdout.strip() == ""


def stored(tmp_path) -> str:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "e.db")
    assert invoke("ingest", str(f), "--db", db, "--lang", "fr", "--published", "2026-03-17").exit_code == 0
    return db


def one_line_error(res, code: str) -> str:
    assert res.exit_code == 2 and isinstance(res.exception, SystemExit), res.output
    assert "Traceback" not in res.output and res.stderr.count("\n") == 1 and code in res.stderr
    return res.stderr


@pytest.mark.parametrize("args", [["events", "--offset", "999999999999999999999"], ["events", "--limit", "-1"],
                                  ["events", "--limit", "9223372036854775808"],
                                  ["quotes", "--limit", "99999999999999999999"],
                                  ["incidents", "--limit", "999999999999999999999"]])
def test_limits_and_offsets_past_sqlite_integers_are_refused_cleanly(tmp_path, args):
    db = stored(tmp_path)
    res = CliRunner().invoke(main, [*args, "--db", db])
    assert res.exit_code == 2 and isinstance(res.exception, SystemExit) and "Invalid value" in res.stderr


def test_the_largest_offset_sqlite_holds_is_an_empty_page(tmp_path):
    db = stored(tmp_path)
    assert invoke("events", "--db", db, "--offset", str(2**63 - 1), "--format", "jsonl").stdout == ""


@pytest.mark.parametrize("command", [["events"], ["events", "--format", "csv"], ["incidents"],
                                     ["search", "Almaty"]])
def test_a_damaged_database_is_one_coded_line(tmp_path, command):
    db = stored(tmp_path)
    for table in ("events", "quotes", "incidents", "documents_fts_data"):
        damage(db, table)
    err = one_line_error(CliRunner().invoke(main, [*command, "--db", db]), "[E402]")
    assert "e.db" in err and "not a depeche database or is corrupted" in err


def test_random_bytes_and_another_programs_sqlite_file_are_refused_untouched(tmp_path):
    noise = tmp_path / "noise.db"
    noise.write_bytes(random.Random(3).randbytes(40_000))
    err = one_line_error(CliRunner().invoke(main, ["events", "--db", str(noise)]), "[E402]")
    assert "noise.db" in err and "corrupted" in err
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    one_line_error(CliRunner().invoke(main, ["events", "--db", str(other)]), "[E402]")
    assert other.read_bytes() == before  # no depeche tables were added to someone else's file


def test_percent_and_underscore_are_characters_in_filters(tmp_path):
    db = stored(tmp_path)
    assert invoke("events", "--db", db, "--format", "jsonl").stdout.strip()
    for option in ("--actor", "--claimant", "--text"):
        for value in ("%", "_", "K_Z"):
            assert invoke("events", "--db", db, option, value, "--format", "jsonl").stdout == "", (option, value)
    assert invoke("quotes", "--db", db, "--text", "%", "--format", "jsonl").stdout == ""


def test_export_writes_parquet_folders_pandas_reads(tmp_path):
    pd = pytest.importorskip("pandas")
    db = stored(tmp_path)
    res = invoke("export", "--db", db, "-o", str(tmp_path / "out"), "--format", "parquet")
    assert res.exit_code == 0 and "documents" in res.stderr
    events = pd.read_parquet(tmp_path / "out" / "events")
    listed = [json.loads(x) for x in invoke("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert sorted(events["event_id"]) == sorted(r["event_id"] for r in listed) != []
    assert list(pd.read_parquet(tmp_path / "out" / "documents")["id"]) == ["a"]


def test_export_of_a_missing_database_is_one_coded_line(tmp_path):
    res = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2 and "no such database" in res.stderr and not (tmp_path / "out").exists()


def test_events_are_listed_newest_first_then_in_the_order_stored(tmp_path):
    db = stored(tmp_path)
    listed = [json.loads(x) for x in invoke("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    keys = [(r["date"] or "", -int(r["event_id"].rsplit(":e", 1)[1])) for r in listed]
    assert len(listed) > 1 and keys == sorted(keys, reverse=True)
