"""The input schema shared by the readers and the HTTP API: what it rejects, and what it repairs."""
import pytest

from depeche.errors import InputError
from depeche.io.schema import NULS, SURROGATES, check_document, known_language, supported_languages

TEXT = "Des manifestants ont défilé à Lyon samedi."


def test_a_plain_document_passes_unchanged():
    doc, repairs = check_document({"id": "a", "text": TEXT, "lang": "fr", "published": "2025-06-02",
                                   "title": "Lyon", "source": "Agence", "url": "https://example.org/a"}, path="f:1")
    assert (doc.id, doc.text, doc.lang, doc.published, doc.path) == ("a", TEXT, "fr", "2025-06-02", "f:1")
    assert not repairs


@pytest.mark.parametrize("fields,message", [
    ({"text": TEXT}, "no 'id'"),
    ({"id": None, "text": TEXT}, "no 'id'"),
    ({"id": "   ", "text": TEXT}, "no 'id'"),
    ({"id": {"a": 1}, "text": TEXT}, "'id' must be a string, not an object"),
    ({"id": ["a"], "text": TEXT}, "'id' must be a string, not a list"),
    ({"id": 42, "text": TEXT}, 'not a number; write it in quotes ("42")'),
    ({"id": 4.5, "text": TEXT}, "not a number"),
    ({"id": True, "text": TEXT}, "not true/false"),
    ({"id": "a"}, "no 'text'"),
    ({"id": "a", "text": None}, "no 'text'"),
    ({"id": "a", "text": 12}, "'text' must be a string, not a number"),
    ({"id": "a", "text": ["x"]}, "'text' must be a string, not a list"),
    ({"id": "a", "text": ""}, "no text"),
    ({"id": "a", "text": " \n\t"}, "no text"),
    ({"id": "a", "text": TEXT, "published": "not a date"}, "'published' is not a date: 'not a date'"),
    ({"id": "a", "text": TEXT, "published": "2025-13-45"}, "'published' is not a date"),
    ({"id": "a", "text": TEXT, "published": "2025-02-30"}, "'published' is not a date"),
    ({"id": "a", "text": TEXT, "published": "2025-06-02T25:00"}, "'published' is not a date"),
    ({"id": "a", "text": TEXT, "published": 20250602}, "'published' must be a string"),
    ({"id": "a", "text": TEXT, "lang": "xx"}, "unsupported lang 'xx': depeche has tables for en, fr"),
    ({"id": "a", "text": TEXT, "lang": 7}, "'lang' must be a string"),
    ({"id": "a", "text": TEXT, "title": {"t": 1}}, "'title' must be a string"),
    ({"id": "x" * 5000, "text": TEXT}, "'id' has 5,000 characters"),
])
def test_what_cannot_be_right_is_rejected_with_a_coded_message(fields, message):
    with pytest.raises(InputError) as err:
        check_document(fields, path="in.jsonl:3")
    assert str(err.value).startswith("in.jsonl:3: [E100] ") and message in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("published", ["2025", "2025-06", "2025-06-02", "2025-06-02T08:30", "2025-06-02T08:30:00Z",
                                       "2025-06-02 08:30:00.123+02:00", " 2025-06-02 "])
def test_dates_that_are_dates_pass(published):
    doc, _ = check_document({"id": "a", "text": TEXT, "published": published})
    assert doc.published == published.strip()


@pytest.mark.parametrize("given,code", [("fr", "fr"), ("FR", "fr"), ("fr-FR", "fr"), ("en_GB", "en"), ("", None)])
def test_language_tags_are_normalised(given, code):
    doc, _ = check_document({"id": "a", "text": TEXT, "lang": given})
    assert doc.lang == code


def test_supported_languages_are_the_data_folders():
    assert set(supported_languages()) >= {"fr", "en"} and known_language("xx") is None


def test_surrogates_and_nuls_are_repaired_and_counted():
    doc, repairs = check_document({"id": "a\ud800", "text": "Des\x00 manifestants \udc00 à Lyon.", "title": "T\x00"})
    assert doc.id == "a\ufffd" and doc.text == "Des manifestants \ufffd à Lyon." and doc.title == "T"
    assert repairs == {SURROGATES: 2, NULS: 2}


def test_default_id_fills_a_missing_one():
    doc, _ = check_document({"text": TEXT}, default_id="stem")
    assert doc.id == "stem"


def test_long_text_is_refused():
    with pytest.raises(InputError, match="over the 10 limit"):
        check_document({"id": "a", "text": "x" * 11}, max_text_chars=10)
