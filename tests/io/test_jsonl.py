"""JSONL read as a stream: a document is handed on before the rest of the input exists, the size limit is per
line, and a line that breaks it is refused by name while the lines after it are read."""
import io
import json
import os
import signal

import pytest

from depeche.errors import InputError
from depeche.io import lines
from depeche.io.readers import ReadOptions, iter_documents

ARTICLES = ["Des agriculteurs ont bloqué la rocade de Rennes mardi matin.",
            "Le maire de Brest a reçu les délégués du port vendredi.",
            "Farmers blocked a ring road outside Leeds on Tuesday.",
            "Des pompiers ont évacué une école de Tulle jeudi."]


def line(i: int, text: str | None = None) -> bytes:
    return (json.dumps({"id": f"d{i}", "text": text or ARTICLES[i % len(ARTICLES)]}, ensure_ascii=False) + "\n").encode()


@pytest.fixture
def alarm():
    """A reader that waits for the end of its input hangs here: the test fails instead of the suite stopping."""
    if not hasattr(signal, "SIGALRM"):
        pytest.skip("no SIGALRM on this platform")
    signal.alarm(30)
    yield
    signal.alarm(0)


def test_a_file_is_read_as_its_lines_are_asked_for(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(line(1))
    docs = iter_documents([str(f)])
    assert next(docs).id == "d1"
    with open(f, "ab") as out:  # written after the first document was handed on: a reader that loaded the
        out.write(line(2) + line(3))  # whole file at the start would never see these lines
    assert [d.id for d in docs] == ["d2", "d3"]


def test_stdin_jsonl_is_handed_on_line_by_line(alarm):
    r, w = os.pipe()
    stdin = open(r, "rb")
    try:
        os.write(w, line(1) + line(2) + line(3))  # the pipe stays open: its end is not known yet
        docs = iter_documents(["-"], stdin=stdin)
        assert next(docs).id == "d1"
        os.write(w, line(4))
        os.close(w)
        assert [d.id for d in docs] == ["d2", "d3", "d4"]
    finally:
        stdin.close()


def test_a_long_line_is_refused_by_name_and_the_lines_after_it_are_read(tmp_path):
    f = tmp_path / "long.jsonl"
    f.write_bytes(line(1) + line(2, "mot " * 5000) + line(3) + b"\n" + line(4))
    items = list(iter_documents([str(f)], ReadOptions(max_bytes=10_000)))
    assert [getattr(i, "id", None) for i in items] == ["d1", None, "d3", "d4"]
    assert str(items[1]).startswith(f"{f}:2: [E100] line is 20,024 bytes, over the 10,000 bytes limit for one document")


def test_the_limit_is_per_line_not_per_file(tmp_path):
    f = tmp_path / "many.jsonl"
    f.write_bytes(b"".join(line(i) for i in range(200)))
    assert f.stat().st_size > 10_000
    assert len([d for d in iter_documents([str(f)], ReadOptions(max_bytes=1000)) if not isinstance(d, InputError)]) == 200


def test_a_long_first_line_on_stdin_is_refused_and_the_rest_read():
    data = line(1, "mot " * 1000) + line(2) + line(3)
    items = list(iter_documents(["-"], ReadOptions(max_bytes=1000), stdin=io.BytesIO(data)))
    assert "<stdin>:1: [E100] line is" in str(items[0]) and [d.id for d in items[1:]] == ["d2", "d3"]


@pytest.mark.parametrize("data,ids", [
    (b'{"text": "Des pompiers sont intervenus."}', ["stdin"]),  # one object: a JSON document, named after stdin
    (b'{\n  "id": "p",\n  "text": "Des pompiers sont intervenus."\n}\n', ["p"]),  # pretty-printed JSON
    (line(1) + b"\n" + line(2), ["d1", "d2"]),
])
def test_stdin_json_or_jsonl(data, ids):
    assert [d.id for d in iter_documents(["-"], stdin=io.BytesIO(data))] == ids


def test_a_bad_byte_spoils_its_line_only(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(line(1) + b'{"id": "x", "text": "caf\xe9"}\n' + line(3))
    items = list(iter_documents([str(f)]))
    assert [getattr(i, "id", None) for i in items] == ["d1", None, "d3"]
    assert f"{f}:2: [E100] not valid utf-8 at byte 24 of the line" in str(items[1])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
def test_wide_encodings_stream_too(tmp_path, encoding):
    f = tmp_path / "wide.jsonl"
    text = "Une ligne\u2028et la suite\u0085ici."
    f.write_bytes(b"".join(line(i, text) for i in range(3)).decode().encode(encoding))
    docs = list(iter_documents([str(f)], ReadOptions(max_bytes=1000), stdin=None))
    assert [d.id for d in docs] == ["d0", "d1", "d2"] and docs[1].text == text


def test_repairs_name_five_lines_and_count_the_rest(tmp_path):
    f = tmp_path / "nul.jsonl"
    f.write_bytes(b"".join(line(i, "Des pompiers\x00 sont venus.") for i in range(8)))
    warned = []
    docs = list(iter_documents([str(f)], ReadOptions(warn=warned.append)))
    assert len(docs) == 8
    (w,) = warned
    assert "NUL characters removed: 8 (line 1, line 2, line 3, line 4, line 5 and 3 more)" in str(w)


def test_the_file_is_closed_when_reading_stops(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(line(1) + line(2))
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    docs = iter_documents([str(f)])
    next(docs)
    docs.close()
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before


@pytest.mark.parametrize("chunk", [64, 1024 * 1024])
def test_bad_utf16_further_on_stops_the_file_after_what_comes_before(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(lines, "CHUNK", chunk)  # the same documents wherever the chunks are cut
    f = tmp_path / "wide.jsonl"
    good = (line(1) + line(2)).decode().encode("utf-16")
    f.write_bytes(good + "\ud800x".encode("utf-16-le", "surrogatepass") + line(3).decode().encode("utf-16-le"))
    items = list(iter_documents([str(f)]))
    assert [getattr(i, "id", None) for i in items] == ["d1", "d2", None]
    assert str(items[2]).startswith(f"{f}: [E100] not valid UTF-16 at byte {len(good)}; the rest of the file")
