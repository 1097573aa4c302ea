from depeche.lang import load_language
from depeche.text.langid import detect

STOPS = {code: load_language(code).words("stopwords") for code in ("en", "fr")}


def test_detects_french_and_english():
    assert detect("Le Kazakhstan a rejeté les accusations de la Russie.", STOPS) == "fr"
    assert detect("Kazakhstan rejected the accusations made by Russia.", STOPS) == "en"


def test_short_or_empty_text_falls_back():
    assert detect("", STOPS) == "en"
