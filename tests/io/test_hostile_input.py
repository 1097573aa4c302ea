"""Hostile input through `depeche ingest`: no traceback, one clear line naming the input, the rest of the batch
stored, and the database intact with what it held before."""
from __future__ import annotations

import errno
import json
import os
import random
import signal
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from depeche.cli import main

TEXT = "Des manifestants ont défilé à Lyon samedi."
ENGLISH = "Police arrested two people in Leeds on Monday."
GOOD = {"previous", "before", "after"}  # stored before the batch, and the two good inputs around the hostile one


@dataclass(frozen=True)
class Case:
    """A hostile input: `make` builds it under a folder and returns what to pass to `depeche ingest` and the
    name the line must give (a file inside a folder, a JSONL line). `code`: the line's code, None when the input
    must be read without a word; `says`: words of the line; `stored`: ids of the input that must be stored."""

    id: str
    make: Callable[[Path, pytest.MonkeyPatch], tuple[str, str]]
    code: str | None = None
    says: str = ""
    stored: tuple[str, ...] = ()
    args: tuple[str, ...] = ()
    skip: str | None = None


def raw(name: str, content: bytes | str, *, line: int | None = None, at: str = "") -> Callable[..., tuple[str, str]]:
    """An input file holding `content` (str: written as UTF-8); the line names it, its line `line`, or `at` in it
    (an item of a JSON list)."""
    def make(folder: Path, _mp: pytest.MonkeyPatch) -> tuple[str, str]:
        path = folder / name
        path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
        return str(path), str(path) + (f":{line}" if line else at)
    return make


def record(**fields: object) -> Callable[..., tuple[str, str]]:
    """A JSONL file whose first line is one record; the line names `h.jsonl:1`."""
    return raw("h.jsonl", json.dumps(fields) + "\n", line=1)


def inner(build: Callable[[Path], Path], name: str) -> Callable[..., tuple[str, str]]:
    """A folder `d` given to the command; `build` puts the hostile thing in it and the line names `name` in it."""
    def make(folder: Path, _mp: pytest.MonkeyPatch) -> tuple[str, str]:
        d = folder / "d"
        d.mkdir()
        build(d)
        return str(d), str(d / name)
    return make


def _fifo(d: Path) -> Path:
    os.mkfifo(d / "p.txt")
    return d


def _fifo_alone(folder: Path, _mp: pytest.MonkeyPatch) -> tuple[str, str]:
    os.mkfifo(folder / "p.jsonl")
    return str(folder / "p.jsonl"), str(folder / "p.jsonl")


def sparse(name: str) -> Callable[..., tuple[str, str]]:
    """1 GB that takes no room on disk: a whole-file input is refused by its size, never read; a JSONL stream
    by its first bytes (NULs), never read further."""
    def make(folder: Path, _mp: pytest.MonkeyPatch) -> tuple[str, str]:
        path = folder / name
        with open(path, "wb") as f:
            f.truncate(2**30)
        return str(path), str(path)
    return make


def _unreadable(d: Path) -> Path:
    (d / "locked").mkdir()
    (d / "locked" / "a.txt").write_text(TEXT)
    (d / "locked").chmod(0)
    return d


def _unreadable_simulated(folder: Path, mp: pytest.MonkeyPatch) -> tuple[str, str]:
    """A folder whose listing fails as an unreadable one's does, whoever runs the tests (root reads all)."""
    d = folder / "d"
    (d / "locked").mkdir(parents=True)
    (d / "locked" / "a.txt").write_text(TEXT)
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == d / "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    mp.setattr(os, "scandir", scandir)
    return str(d), str(d / "locked")


def _unreadable_file_simulated(folder: Path, mp: pytest.MonkeyPatch) -> tuple[str, str]:
    path = folder / "locked.txt"
    path.write_text(TEXT)
    real = os.open

    def open_(p: object, flags: int, *a: object, **kw: object) -> int:
        if Path(str(p)) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(p))
        return real(p, flags, *a, **kw)  # type: ignore[arg-type]

    mp.setattr(os, "open", open_)
    return str(path), str(path)


def _link_loop(d: Path) -> Path:
    (d / "a.txt").symlink_to(d / "a.txt")
    return d


def _folder_loop(d: Path) -> Path:
    (d / "ok.txt").write_text(TEXT)
    (d / "loop").symlink_to(d)
    return d


def _dangling(d: Path) -> Path:
    (d / "gone.txt").symlink_to(d / "nowhere.txt")
    return d


def _dangling_alone(folder: Path, _mp: pytest.MonkeyPatch) -> tuple[str, str]:
    (folder / "gone.json").symlink_to(folder / "nowhere.json")
    return str(folder / "gone.json"), str(folder / "gone.json")


def _dir_named_like_a_file(folder: Path, _mp: pytest.MonkeyPatch) -> tuple[str, str]:
    (folder / "x.jsonl").mkdir()
    (folder / "x.jsonl" / "inside.txt").write_text(ENGLISH)
    return str(folder / "x.jsonl"), str(folder / "x.jsonl")


def _empty_dir_named_like_a_file(folder: Path, _mp: pytest.MonkeyPatch) -> tuple[str, str]:
    (folder / "y.jsonl").mkdir()
    return str(folder / "y.jsonl"), str(folder / "y.jsonl")


def _bytes_in_name(folder: Path, _mp: pytest.MonkeyPatch) -> tuple[str, str]:
    d = folder / "d"
    d.mkdir()
    try:
        (Path(os.fsdecode(bytes(d) + b"/caf\xe9.txt"))).write_text(TEXT)
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    return str(d), str(d / "caf\\udce9.txt")


def _newline_in_name(folder: Path, _mp: pytest.MonkeyPatch) -> tuple[str, str]:
    (folder / "a\nb.txt").write_bytes(b"")
    return str(folder / "a\nb.txt"), str(folder / "a\\nb.txt")


JUNK = random.Random(27).randbytes(3000)
NO_FIFO = None if hasattr(os, "mkfifo") else "no FIFOs on this platform"
AS_ROOT = "root reads every folder" if hasattr(os, "geteuid") and os.geteuid() == 0 else None
NO_LINKS = "symbolic links need privileges here" if sys.platform == "win32" else None
DEEP = "[" * 100_000 + "]" * 100_000

CASES = [
    Case("surrogate-jsonl", raw("h.jsonl", '{"id": "s", "text": "Des manifestants \\ud800 ont défilé."}\n'),
         "W100", "lone surrogates replaced by U+FFFD: 1 (line 1)", ("s",)),
    Case("surrogate-json", raw("h.json", '{"id": "s", "text": "Bonjour \\udc00 Lyon."}'), "W100", "U+FFFD", ("s",)),
    Case("surrogate-id", raw("h.jsonl", '{"id": "s\\udfff", "text": "Des manifestants ont défilé."}\n'),
         "W100", "U+FFFD", ("s\ufffd",)),
    *(Case(f"separator-{hex(ord(sep))}", raw("h.jsonl", json.dumps({"id": "s", "text": f"Un{sep}deux."},
                                                                    ensure_ascii=False) + "\n"), stored=("s",))
      for sep in ("\u2028", "\u2029", "\x85")),
    Case("utf16-bom", raw("h.txt", TEXT.encode("utf-16")), stored=("h",)),
    Case("utf16-bom-option", raw("h.txt", TEXT.encode("utf-16")), stored=("h",), args=("--encoding", "utf-16")),
    Case("utf16le-no-bom", raw("h.txt", TEXT.encode("utf-16-le")), "W100", "read as UTF-16-LE", ("h",)),
    Case("utf16be-no-bom", raw("h.txt", TEXT.encode("utf-16-be")), "W100", "read as UTF-16-BE", ("h",)),
    Case("utf32-bom", raw("h.txt", TEXT.encode("utf-32")), stored=("h",)),
    Case("utf8-bom-jsonl", raw("h.jsonl", b"\xef\xbb\xbf" + json.dumps({"id": "s", "text": TEXT}).encode()),
         stored=("s",)),
    Case("utf8-bom-json", raw("h.json", b"\xef\xbb\xbf" + json.dumps({"id": "s", "text": TEXT}).encode()),
         stored=("s",)),
    Case("nul-in-text", raw("h.txt", TEXT.replace(" ", " \x00", 1)), "W100", "NUL characters removed: 1", ("h",)),
    Case("nul-escaped-json", raw("h.jsonl", json.dumps({"id": "s", "text": TEXT + "\x00"}) + "\n"),
         "W100", "NUL characters removed: 1 (line 1)", ("s",)),
    Case("nul-bytes-binary", raw("h.txt", b"\x00" * 64 + b"PK\x03\x04"), "E100", "binary file"),
    Case("empty", raw("h.txt", b""), "E100", "empty file"),
    Case("empty-jsonl", raw("h.jsonl", b""), "E100", "empty file"),
    Case("whitespace-only", raw("h.jsonl", " \n\t\r\n  \n"), "E100", "empty file (only whitespace)"),
    Case("binary-junk", raw("h.txt", JUNK), "E100", "binary file"),
    Case("binary-junk-json", raw("h.json", JUNK), "E100", "binary file"),
    Case("binary-junk-jsonl", raw("h.jsonl", JUNK), "E100", "binary file"),
    Case("over-long-line", raw("h.jsonl", json.dumps({"id": "s", "text": TEXT}) + "\n" + "x" * (1024 * 1024 + 1)
                                + "\n", line=2), "E100", "over the 1 MB limit for one document", ("s",),
         args=("--max-size", "1")),
    Case("latin1", raw("h.txt", TEXT.encode("latin-1")), "E100", "not valid utf-8 at byte"),
    Case("truncated-json", raw("h.json", '{"id": "s", "text": "Des manif'), "E100", "not valid JSON at line 1"),
    Case("truncated-jsonl", raw("h.jsonl", json.dumps({"id": "s", "text": TEXT}) + '\n{"id": "t", "te', line=2),
         "E100", "not valid JSON", ("s",)),
    Case("json-array", raw("h.json", json.dumps([{"id": "s", "text": TEXT}, {"id": "t", "text": ENGLISH}])),
         stored=("s", "t")),
    Case("json-object", raw("h.json", json.dumps({"id": "s", "text": TEXT})), stored=("s",)),
    Case("json-scalar", raw("h.json", "42"), "E100", "expected a JSON object with 'id' and 'text', not a number"),
    Case("json-string", raw("h.json", '"Des manifestants"'), "E100", "not a string"),
    Case("json-null", raw("h.json", "null"), "E100", "not null"),
    Case("json-empty-array", raw("h.json", "[]"), "E100", "empty JSON list"),
    Case("json-array-of-scalars", raw("h.json", '[{"id": "s", "text": "Des manifestants."}, 3]', at="[2]"), "E100",
         "not a number", ("s",)),
    Case("deep-json", raw("h.json", DEEP), "E100", "nested too deeply"),
    Case("deep-jsonl", raw("h.jsonl", DEEP + "\n", line=1), "E100", "nested too deeply"),
    Case("long-number", raw("h.jsonl", '{"id": ' + "7" * 5000 + ', "text": "x"}\n', line=1), "E100",
         "out of range"),
    Case("huge-line", raw("h.jsonl", json.dumps({"id": "s", "text": "mot " * 600_000}) + "\n", line=1), "E100",
         "over the 2,000,000 limit"),
    Case("id-object", record(id={"a": 1}, text=TEXT), "E100", "'id' must be a string, not an object"),
    Case("id-list", record(id=["a"], text=TEXT), "E100", "'id' must be a string, not a list"),
    Case("id-number", record(id=42, text=TEXT), "E100", 'write it in quotes ("42")'),
    Case("id-null", record(id=None, text=TEXT), "E100", "no 'id'"),
    Case("text-number", record(id="s", text=3), "E100", "'text' must be a string, not a number"),
    Case("text-list", record(id="s", text=[TEXT]), "E100", "'text' must be a string, not a list"),
    Case("text-null", record(id="s", text=None), "E100", "no 'text'"),
    Case("text-empty", record(id="s", text=""), "E100", "no text"),
    Case("published-words", record(id="s", text=TEXT, published="not a date"), "E100", "'published' is not a date"),
    Case("published-impossible", record(id="s", text=TEXT, published="2025-13-45"), "E100", "is not a date"),
    Case("published-number", record(id="s", text=TEXT, published=20250602), "E100", "'published' must be a string"),
    Case("lang-xx", record(id="s", text=TEXT, lang="xx"), "E100", "unsupported lang 'xx'"),
    Case("lang-number", record(id="s", text=TEXT, lang=33), "E100", "'lang' must be a string"),
    Case("extra-fields", record(id="s", text=TEXT, colour="blue", nested={"a": [1, 2]}), stored=("s",)),
    Case("duplicate-ids", raw("h.jsonl", "\n".join(json.dumps({"id": "s", "text": t}) for t in (TEXT, ENGLISH))),
         "W100", "ids already read in this batch (the later document wins): 1 (line 2)", ("s",)),
    Case("sparse-1gb", sparse("big.txt"), "E100", "file is 1024.0 MB, over the 50 MB limit"),
    Case("sparse-1gb-json", sparse("big.json"), "E100", "file is 1024.0 MB, over the 50 MB limit"),
    Case("sparse-1gb-jsonl", sparse("big.jsonl"), "E100", "binary file (control characters), not text"),
    Case("fifo", _fifo_alone, "E100", "not a regular file", skip=NO_FIFO),
    Case("fifo-in-folder", inner(_fifo, "p.txt"), "E100", "not a regular file", skip=NO_FIFO),
    Case("unreadable-folder", inner(_unreadable, "locked"), "E100", "cannot read folder", skip=AS_ROOT),
    Case("unreadable-folder-simulated", _unreadable_simulated, "E100", "cannot read folder: Permission denied"),
    Case("unreadable-file-simulated", _unreadable_file_simulated, "E100", "cannot read: Permission denied"),
    Case("symlink-loop", inner(_link_loop, "a.txt"), "E100", "symbolic link loop", skip=NO_LINKS),
    Case("folder-symlink-loop", inner(_folder_loop, "loop"), "W100", "not followed", ("ok",), skip=NO_LINKS),
    Case("dangling-symlink", inner(_dangling, "gone.txt"), "E100", "broken symbolic link", skip=NO_LINKS),
    Case("dangling-symlink-given", _dangling_alone, "E100", "broken symbolic link", skip=NO_LINKS),
    Case("dir-named-like-a-file", _dir_named_like_a_file, stored=("inside",)),
    Case("empty-dir-named-like-a-file", _empty_dir_named_like_a_file, "E100", "folder has no"),
    Case("unsupported-extension", raw("h.pdf", b"%PDF-1.7\n"), "E100", "unsupported file type '.pdf'"),
    Case("html-no-body", raw("h.html", "<html><head><title>Vide</title></head></html>"), "E100", "no main text"),
    Case("html-broken", raw("h.html", "<html><body><p>Des manif<<</b></i><script>"), stored=("h",)),
    Case("html-script-only", raw("h.htm", "<html><body><script>var x = 1;</script>"), "E100", "no main text"),
    Case("long-words", raw("h.txt", TEXT + " " + "a" * 100_000 + " " + "é" * 50_000 + "."), stored=("h",)),
    Case("control-characters", raw("h.txt", TEXT + "\x07\x1b[31m Lyon.\x0b\x0c"), stored=("h",)),
    Case("control-characters-many", raw("h.txt", "\x01\x02\x03\x04\x05\x06" * 50), "E100", "binary file"),
    Case("raw-tab-in-json-string", raw("h.jsonl", '{"id": "s", "text": "Des\tmanifestants."}\n'), stored=("s",)),
    Case("crlf-jsonl", raw("h.jsonl", json.dumps({"id": "s", "text": TEXT}) + "\r\n"), stored=("s",)),
    Case("bytes-in-file-name", _bytes_in_name, stored=("caf\\udce9",), skip="not POSIX" if os.name != "posix" else None),
    Case("newline-in-file-name", _newline_in_name, "E100", "empty file", skip="not POSIX" if os.name != "posix" else None),
]


def _ingest(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", *args, "--db", str(db)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database already holding one document: the hostile batch must leave it there."""
    path, previous = tmp_path / "store" / "events.db", tmp_path / "previous.txt"
    path.parent.mkdir()
    previous.write_text(ENGLISH, encoding="utf-8")
    assert _ingest(path, str(previous))[0] == 0
    return path


@pytest.fixture
def alarm():
    """A hang (a FIFO opened for reading, say) fails the test instead of stopping the suite."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return
    signal.alarm(30)
    yield
    signal.alarm(0)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch, alarm: None) -> None:
    if case.skip:
        pytest.skip(case.skip)
    (tmp_path / "in").mkdir()
    # the good inputs in the encoding the batch is read with
    encoding = case.args[case.args.index("--encoding") + 1] if "--encoding" in case.args else "utf-8"
    (tmp_path / "before.jsonl").write_text(json.dumps({"id": "before", "text": TEXT}) + "\n", encoding=encoding)
    (tmp_path / "after.txt").write_text(ENGLISH, encoding=encoding)
    arg, named = case.make(tmp_path / "in", monkeypatch)
    status, stderr = _ingest(db, str(tmp_path / "before.jsonl"), arg, str(tmp_path / "after.txt"), *case.args)
    monkeypatch.undo()
    lines = stderr.splitlines()
    assert lines[-1].startswith("added "), stderr
    if case.code is None:
        assert status == 0 and lines[:-1] == [], stderr
    else:
        assert status == (1 if case.code.startswith("E") else 0), stderr
        (line,) = lines[:-1]  # one line, and it is about the hostile input
        assert line.startswith(f"depeche: {named}: [{case.code}] ") and case.says in line, line
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = {row[0] for row in conn.execute("SELECT id FROM documents")}
    assert ids == GOOD | set(case.stored)


def test_the_suite_has_the_cases_the_issue_asks_for():
    assert len(CASES) >= 40 and len({c.id for c in CASES}) == len(CASES)


def test_surrogates_with_two_workers_store_every_document(tmp_path: Path) -> None:
    """Issue 27: with --workers 2, a lone surrogate stopped the batch and half of it was never stored."""
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text('{"id": "bad", "text": "Des manifestants \\ud800 ont défilé à Lyon."}\n'
                     + "".join(json.dumps({"id": f"a{i}", "text": TEXT}) + "\n" for i in range(20)))
    second.write_text("".join(json.dumps({"id": f"b{i}", "text": ENGLISH}) + "\n" for i in range(20)))
    db = tmp_path / "w.db"
    status, stderr = _ingest(db, str(first), str(second), "--workers", "2")
    assert status == 0 and stderr.count("[W100]") == 1 and f"{first}: [W100]" in stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 41


def test_extract_survives_a_surrogate(tmp_path: Path) -> None:
    f = tmp_path / "s.json"
    f.write_text('{"id": "s", "text": "Des manifestants \\ud800 ont défilé à Lyon samedi.", "lang": "fr"}')
    result = CliRunner().invoke(main, ["extract", str(f)])
    warning, summary = result.stderr.splitlines()  # one line for the repair, then the summary
    assert result.exit_code == 0 and "[W100]" in warning and summary.startswith("read 1 documents")
    assert all(json.loads(line)["doc_id"] == "s" for line in result.stdout.splitlines())


def test_stdin_over_max_size_is_refused_and_the_files_stored(tmp_path: Path) -> None:
    after = tmp_path / "after.txt"
    after.write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", "-", str(after), "--db", str(db), "--max-size", "1"],
                                input=b"x" * (1024 * 1024 + 1))
    assert result.exit_code == 1 and "<stdin>: [E100] more than the 1 MB limit on stdin" in result.stderr
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM documents")] == ["after"]
