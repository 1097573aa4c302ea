"""Language identification: among the languages with tables, or another one, never a supported one by default."""
import pytest

from depeche.errors import LanguageWarning
from depeche.lang import available_languages
from depeche.model import Document
from depeche.pipeline import process
from depeche.text.langid import identify

SUPPORTED = available_languages()

OTHERS = {
    "es": "El Ministerio de Defensa ruso afirmó el lunes que sus fuerzas derribaron cuarenta drones ucranianos "
          "lanzados contra la región de Oremburgo, según un comunicado oficial publicado por la mañana.",
    "it": "Il ministero della Difesa russo ha dichiarato lunedì di aver abbattuto quaranta droni ucraini lanciati "
          "contro la regione di Orenburg, secondo un comunicato ufficiale diffuso in mattinata.",
    "de": "Das russische Verteidigungsministerium erklärte am Montag, seine Streitkräfte hätten in der Nacht vierzig "
          "ukrainische Drohnen abgeschossen, die auf die Region Orenburg abgefeuert worden waren, wie es hieß.",
    "ru": "Министерство обороны России заявило в понедельник, что его силы сбили сорок украинских беспилотников.",
}


def test_the_supported_languages_are_the_folders_of_data():
    assert set(SUPPORTED) >= {"en", "fr"}


@pytest.mark.parametrize("text, lang", [
    ("Le Kazakhstan a rejeté les accusations de la Russie.", "fr"),
    ("Kazakhstan rejected the accusations made by Russia.", "en"),
    ("Moscou a démenti.", "fr"),
    ("Kyiv denied it.", "en"),
    # foreign names do not make an article foreign ("Shavkat Mirziyoyev" alone reads as Shona)
    ("Volodymyr Zelensky et Kassym-Jomart Tokaïev se sont entretenus à Astana avec Shavkat Mirziyoyev au sujet "
     "du Karakalpakstan et de Noukous, a indiqué Akorda.", "fr"),
    ("Kassym-Jomart Tokayev met Shavkat Mirziyoyev in Tashkent and Ilham Aliyev in Baku, Akorda said on Tuesday, "
     "according to Kazinform and Trend.", "en"),
])
def test_french_and_english_short_or_full_of_names(text, lang):
    assert identify(text, SUPPORTED) == lang


@pytest.mark.parametrize("lang", sorted(OTHERS))
def test_another_language_is_named_not_taken_for_a_supported_one(lang):
    assert identify(OTHERS[lang], SUPPORTED) == lang


def test_no_letters_no_language():
    assert identify("", SUPPORTED) is None
    assert identify("12 345 — 2026", SUPPORTED) is None


def test_long_noise_does_not_hide_the_language():
    text = "Des manifestants ont défilé mardi à Lyon contre la réforme. " + "a" * 5000 + " " + "é" * 3000
    assert identify(text, SUPPORTED) == "fr"


def test_the_pipeline_reports_an_article_it_cannot_read():
    with pytest.raises(LanguageWarning, match=r"\[W110\].*'es'") as caught:
        process(Document(id="es1", text=OTHERS["es"]))
    assert caught.value.lang == "es"


def test_a_declared_language_is_kept():
    doc = process(Document(id="d", text="Kyiv denied it. Moscou a démenti.", lang="fr"))
    assert doc.lang == "fr"
