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


def test_lone_surrogate_is_replaced_and_reported_once(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text('{"id": "a", "text": "Des manifestants ont d\\u00e9fil\\u00e9 \\ud800 \\u00e0 Lyon."}\n'
                 '{"id": "b", "text": "Bonjour \\udfff et \\ud83d\\ude00."}\n', encoding="utf-8")
    warned = []
    a, b = read([f], warn=warned.append)
    assert a.text == "Des manifestants ont défilé \ufffd à Lyon." and b.text == "Bonjour \ufffd et \U0001f600."
    (w,) = warned
    assert str(w).startswith(f"{f}: [W100]") and "surrogates replaced by U+FFFD: 2 (line 1, line 2)" in str(w)


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85"])
def test_jsonl_lines_split_on_newline_only(tmp_path, sep):
    f = tmp_path / "u.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": f"Premier{sep}second {i}."}, ensure_ascii=False) for i in (1, 2)]
    f.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    docs = read([f])
    assert [d.id for d in docs] == ["d1", "d2"] and docs[0].text == f"Premier{sep}second 1."


@pytest.mark.parametrize("encoding,option", [("utf-16", "utf-16"), ("utf-16", "utf-8"), ("utf-16-le", "utf-16-le"),
                                             ("utf-16-be", "utf-16-be"), ("utf-32", "utf-8"), ("utf-8-sig", "utf-8")])
def test_utf16_and_bom_are_decoded_before_the_nul_check(tmp_path, encoding, option):
    f = tmp_path / "u.txt"
    f.write_bytes("Des manifestants ont défilé à Lyon samedi.".encode(encoding))
    warned = []
    (doc,) = read([f], encoding=option, warn=warned.append)
    assert doc.text == "Des manifestants ont défilé à Lyon samedi." and not warned


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_and_said(tmp_path, encoding):
    f = tmp_path / "u.txt"
    f.write_bytes("La police a arrêté deux personnes à Paris.".encode(encoding))
    warned = []
    (doc,) = read([f], warn=warned.append)
    assert doc.text.startswith("La police a arrêté") and f"read as {encoding.upper()}" in str(warned[0])


def test_nul_characters_are_removed_and_reported(tmp_path):
    f = tmp_path / "n.txt"
    f.write_bytes("Des manifestants\x00 ont défilé à Lyon.\x00".encode())
    warned = []
    (doc,) = read([f], warn=warned.append)
    assert doc.text == "Des manifestants ont défilé à Lyon." and "NUL characters removed: 2" in str(warned[0])


def test_stdin_read_is_bounded():
    class Stream(io.BytesIO):
        asked: list[int] = []

        def read(self, n=-1):
            self.asked.append(n)
            return super().read(n)

        def read1(self, n=-1):
            self.asked.append(n)
            return super().read1(n)

    stream = Stream(b"x" * 5000)
    (err,) = list(iter_documents(["-"], ReadOptions(max_bytes=1000), stdin=stream))
    assert isinstance(err, InputError) and "limit" in str(err) and "<stdin>" in str(err)
    assert Stream.asked == [1001]


def test_stdin_under_the_limit_is_read():
    (doc,) = list(iter_documents(["-"], ReadOptions(max_bytes=1000), stdin=io.BytesIO(b"Des manifestants.")))
    assert doc.id == "stdin"


def test_unknown_encoding(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Texte.")
    (err,) = read([f], encoding="klingon")
    assert "unknown encoding 'klingon'" in str(err)


def test_unsupported_language_option_is_refused_per_document(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Des manifestants ont défilé à Lyon.")
    (err,) = read([f], lang="xx")
    assert isinstance(err, InputError) and "a.txt: [E100] unsupported lang 'xx'" in str(err)
