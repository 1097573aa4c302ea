"""Feedback on long work: a bar on a terminal, a plain line now and then in a log, nothing with --quiet, and a word
while the gazetteer is built on first use."""
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from depeche import progress
from depeche.cli import main
from depeche.io.readers import input_size
from depeche.progress import Progress, gazetteer_ready
from depeche.service import ingest_paths
from depeche.store import Database

TEXT = "Des manifestants ont défilé mardi à Bamako contre la junte. La police a arrêté 12 personnes."


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def corpus(tmp_path: Path, n: int = 3) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "lang": "fr", "text": TEXT}) + "\n" for i in range(n)),
                    encoding="utf-8")
    return path


def test_a_log_gets_a_line_every_so_many_seconds_with_the_share_and_time_left():
    out, clock = io.StringIO(), Clock()
    p = Progress("ingest", 1000, stream=out, clock=clock)
    p.read(100)
    clock.now += 5
    p.step()
    assert out.getvalue() == ""  # not yet 10 s
    clock.now += 5
    p.step()
    assert out.getvalue() == "depeche: ingest: 2 documents (10% of the input), 0.2 docs/s, about 0:01:30 left\n"


def test_a_log_gets_a_line_every_thousand_documents(monkeypatch):
    out, clock = io.StringIO(), Clock()
    p = Progress("extract", None, stream=out, clock=clock)  # stdin: no total, no share
    for _ in range(2 * progress.EVERY_DOCS + 1):
        p.step()
        clock.now += 0.001
    lines = out.getvalue().splitlines()
    assert [line.split(" documents")[0] for line in lines] == ["depeche: extract: 1,000", "depeche: extract: 2,000"]


def test_quiet_says_nothing_but_errors():
    out, clock = io.StringIO(), Clock()
    p = Progress("ingest", 1000, quiet=True, stream=out, clock=clock)
    clock.now += 60
    p.step()
    p.echo("[E100] an error")
    assert out.getvalue() == "depeche: [E100] an error\n"


def test_a_terminal_gets_a_bar_with_rate_and_eta_and_messages_above_it():
    term, clock = Terminal(), Clock()
    p = Progress("ingest", 1000, stream=term, clock=clock)
    p.read(500)
    clock.now += 10
    p.step()
    shown = term.getvalue()
    assert "ingest" in shown and "50%" in shown and "1 docs, 0.1 docs/s, ETA 0:00:10" in shown
    p.echo("[W100] a repair")
    assert "\r\033[K" + "depeche: [W100] a repair\n" in term.getvalue()
    p.read(500)
    p.close()
    assert "100%" in term.getvalue() and term.getvalue().endswith("\033[?25h\n")  # the cursor is shown again


@pytest.mark.parametrize("total, bar", [(None, True), (1000, False)])
def test_a_terminal_gets_lines_when_the_size_is_unknown_or_the_output_goes_there(total, bar):
    term, clock = Terminal(), Clock()
    p = Progress("extract", total, bar=bar, stream=term, clock=clock)
    clock.now += 11
    p.step()
    assert p.bar is None and term.getvalue().startswith("depeche: extract: 1 documents")


def test_the_cli_prints_progress_lines_in_a_log_and_none_when_quiet(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "EVERY_DOCS", 2)
    src = corpus(tmp_path, 5)
    res = CliRunner().invoke(main, ["ingest", str(src), "--db", str(tmp_path / "a.db")])
    lines = res.stderr.splitlines()
    assert res.exit_code == 0 and len(lines) == 3 and lines[-1].startswith("added 5,")
    assert lines[0].startswith("depeche: ingest: 2 documents (") and "of the input)" in lines[0]
    assert lines[1].startswith("depeche: ingest: 4 documents (")
    quiet = CliRunner().invoke(main, ["ingest", str(src), "--db", str(tmp_path / "b.db"), "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    res = CliRunner().invoke(main, ["extract", str(src), "-o", str(tmp_path / "out.jsonl")])
    assert res.stderr.splitlines()[0].startswith("depeche: extract: 2 documents")


def test_ingest_paths_calls_progress_after_each_document(tmp_path):
    seen = []
    with Database(":memory:") as db:
        report = ingest_paths([str(corpus(tmp_path))], db, progress=lambda r: seen.append(r.added))
    assert seen == [1, 2, 3] and report.added == 3


def test_input_size_counts_the_files_that_would_be_read(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_bytes(b"x" * 10)
    (tmp_path / "in" / "sub" / "b.jsonl").write_bytes(b"y" * 5)
    (tmp_path / "in" / "skip.pdf").write_bytes(b"z" * 1000)
    other = tmp_path / "c.json"
    other.write_bytes(b"{}")
    assert input_size([str(tmp_path / "in"), str(other), str(tmp_path / "missing.txt")]) == 17
    assert input_size(["-", str(other)]) is None


def test_the_gazetteer_built_on_first_use_is_announced(tmp_path, monkeypatch):
    from depeche.geo import gazetteer

    target, real = tmp_path / "cache" / "gazetteer.sqlite", gazetteer.default_gazetteer
    built = []
    monkeypatch.setattr(gazetteer, "cache_path", lambda: target)  # never written: each run finds it missing
    monkeypatch.setattr(gazetteer, "default_gazetteer", lambda: built.append(target) or real())
    said: list[str] = []
    gazetteer_ready(said.append)
    assert built == [target] and said[0].startswith("building the place gazetteer") and str(target) in said[0]
    assert said[1].startswith("gazetteer built in ")
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(article), "--lang", "fr"])
    assert res.exit_code == 0 and res.stderr.startswith("depeche: building the place gazetteer, once")
    quiet = CliRunner().invoke(main, ["extract", str(article), "--lang", "fr", "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_the_gazetteer_already_built_is_not_mentioned(tmp_path, monkeypatch):
    from depeche.geo import gazetteer

    target = tmp_path / "g.sqlite"
    target.write_bytes(b"")
    monkeypatch.setattr(gazetteer, "cache_path", lambda: target)
    monkeypatch.setattr(gazetteer, "default_gazetteer", lambda: pytest.fail("no build"))
    said: list[str] = []
    gazetteer_ready(said.append)
    assert said == []
