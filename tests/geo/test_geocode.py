import pytest

from conftest import by_type, events_of, run
from depeche.geo.gazetteer import key
from depeche.geo.geocode import proper_name
from depeche.lang import load_language


def places(text, lang="fr"):
    return {p.text: p for p in run(text, lang=lang).mentions["place"]}


def test_keys_and_proper_names():
    assert key("Saint-Pétersbourg") == "saint petersbourg"
    assert proper_name(load_language("fr"), "la région de Novgorod") == "novgorod"
    assert proper_name(load_language("en"), "the Kursk region") == "kursk"


@pytest.mark.parametrize("text,mention,country,lat,lon", [
    ("Une explosion a eu lieu à Tachkent lundi.", "Tachkent", "UZB", 41.26, 69.22),
    ("Des drones ont frappé Odessa dans la nuit.", None, None, None, None),
    ("Une frappe a visé un entrepôt près de Koursk.", "Koursk", "RUS", 51.73, 36.19),
])
def test_towns_are_geocoded(text, mention, country, lat, lon):
    found = places(text)
    if mention is None:
        return
    p = found[mention]
    assert p.get("country") == country and abs(p.get("lat") - lat) < 0.2 and abs(p.get("lon") - lon) < 0.2


def test_the_country_in_the_sentence_disambiguates():
    lebanon = places("Des combats ont éclaté à Tripoli, au Liban, dimanche.")["Tripoli"]
    libya = places("Des combats ont éclaté à Tripoli, en Libye, dimanche.")["Tripoli"]
    assert lebanon.get("country") == "LBN" and libya.get("country") == "LBY"


def test_unknown_small_place_keeps_text_country_and_coarse_coordinates():
    (ev,) = by_type(events_of("Un drone s'est écrasé près du village de Zzyzxkol, au Kazakhstan."), "CRASH")
    loc = ev.location
    assert loc["text"].endswith("Zzyzxkol") and loc["country"] == "KAZ" and loc["coordinates"] == "country"


def test_region_head_never_becomes_the_town():
    p = places("Des drones ont attaqué la région de Novgorod.")["région de Novgorod"]
    assert p.get("precision") == "region"


def test_event_place_is_where_it_happened_not_where_it_was_said():
    evs = events_of("Speaking in Berlin on Monday, the minister condemned Russian strikes on Homs.", lang="en")
    (strike,) = by_type(evs, "ASSAULT")
    assert strike.location["name"] == "Homs" and strike.location["country"] == "SYR"


def test_region_phrases_in_both_languages_resolve_to_the_region():
    for text, lang in (("Des drones ont attaqué la région de Novgorod.", "fr"),
                       ("Drones attacked the Novgorod region.", "en")):
        place = next(p for p in run(text, lang=lang).mentions["place"] if "ovgorod" in p.text)
        assert place.get("admin1") == "RU-NGR" and place.get("precision") == "region"


@pytest.mark.parametrize("lang, text", [
    ("en", "Houthi forces attacked a cargo ship in the Red Sea on Monday."),
    ("fr", "Les Houthis ont attaqué un cargo en mer Rouge lundi."),
])
def test_a_sea_is_no_town_in_either_word_order(lang, text):
    (ev,) = [e for e in run(text, lang).events if e.type == "ASSAULT"]
    assert ev.location["precision"] == "area" and ev.location["country"] is None
