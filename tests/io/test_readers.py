import io
import json

import pytest

from depeche.errors import InputError
from depeche.io.readers import ReadOptions, iter_documents


def read(paths, **kw):
    return list(iter_documents([str(p) for p in paths], ReadOptions(**kw)))


def test_txt_takes_metadata_from_options(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Le Kazakhstan a démenti.", encoding="utf-8")
    (doc,) = read([f], lang="fr", published="2025-06-02", source="X")
    assert doc.id == "a" and doc.lang == "fr" and doc.published == "2025-06-02" and doc.source == "X"


def test_json_jsonl_and_folders(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.json").write_text(json.dumps({"id": "d1", "text": "Texte.", "lang": "fr"}))
    (tmp_path / "many.jsonl").write_text("\n".join(json.dumps({"id": f"d{i}", "text": "T."}) for i in (2, 3)))
    docs = read([tmp_path])
    assert sorted(d.id for d in docs) == ["d1", "d2", "d3"]


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary"),
    (b"caf\xe9 au lait", "not valid utf-8"),
])
def test_bad_text_files(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    (err,) = read([f])
    assert isinstance(err, InputError) and message in str(err).lower() and "bad.txt" in str(err)


def test_other_encoding_on_request(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Le président a parlé.".encode("latin-1"))
    (doc,) = read([f], encoding="latin-1")
    assert "président" in doc.text


def test_malformed_json_names_the_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "ok", "text": "Bien."}\n{"id": "broken", "text": \n{"id": "x"}\n')
    items = read([f])
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError"]
    assert "bad.jsonl:2" in str(items[1]) and "no 'text'" in str(items[2])


def test_too_large_file(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("x" * 3000)
    (err,) = read([f], max_bytes=1000)
    assert "limit" in str(err)


def test_missing_path(tmp_path):
    (err,) = read([tmp_path / "nope.txt"])
    assert "no such file" in str(err)


def test_html_main_text(tmp_path):
    f = tmp_path / "page.html"
    body = "<p>" + "Le Kazakhstan a fermement démenti les accusations de la Russie lundi soir. " * 5 + "</p>"
    f.write_text(f"<html><head><title>Titre</title></head><body><nav>Menu</nav><article>{body}</article></body></html>")
    (doc,) = read([f])
    assert "démenti" in doc.text and "Menu" not in doc.text


def test_html_without_text(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><body><script>var x = 1;</script></body></html>")
    (err,) = read([f])
    assert isinstance(err, InputError)


def test_stdin_json():
    data = json.dumps({"id": "s", "text": "Texte."}).encode()
    (doc,) = list(iter_documents(["-"], stdin=io.BytesIO(data)))
    assert doc.id == "s"


def test_deeply_nested_json(tmp_path):
    f = tmp_path / "deep.json"
    f.write_text("[" * 50000 + "]" * 50000)
    (err,) = read([f])
    assert "nested" in str(err)
