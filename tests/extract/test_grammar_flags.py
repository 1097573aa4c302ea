"""The grammar the stages read from lexicon.yaml, in both languages: clause breaks, the place of modifiers and
of a place's name, demonym case, names after a role, possessive clitics, year prepositions, ordinal days,
what ends a request's content, datives, places after a spatial noun and "of"."""
import pytest

from conftest import by_type, codes, events_of, run
from depeche.extract.syntax import Arguments
from depeche.geo.geocode import proper_name
from depeche.lang import load_language


def _one(text: str, lang: str, etype: str = "ASSAULT"):
    found = by_type(events_of(text, lang), etype)
    assert len(found) == 1, found
    return found[0]


def _places(text: str, lang: str) -> dict[str, str]:
    return {p.text: p.get("precision") for p in run(text, lang).mentions["place"]}


@pytest.mark.parametrize("lang, text, breaks, words", [
    ("fr", "L'armée a riposté car les rebelles ont attaqué un poste.", {"car"}, set()),
    ("en", "A Taliban car bomb killed four police officers in Kabul.", set(), {"car"}),
])
def test_clause_breaks_are_the_language_s_own(lang, text, breaks, words):
    """'car' ends a clause in French ('because'); in English it is a word ('car bomb')."""
    doc = run(text, lang)
    args = Arguments.of(doc, load_language(lang))
    found = {doc.tokens[k].fold for k in args.blocking}
    assert breaks <= found and not words & found


def test_an_english_car_bomb_keeps_its_actor():
    assert codes(_one("A Taliban car bomb killed four police officers in Kabul.", "en").actor) == {"AFG"}


@pytest.mark.parametrize("lang, text", [
    ("fr", "Des frappes russes ont touché Odessa dimanche."),        # the demonym after the noun
    ("en", "Russian strikes hit Odesa on Sunday."),                 # before it
    ("fr", "L'attaque russe contre Kharkiv a fait deux morts."),
    ("en", "The Russian attack on Kharkiv killed two people."),
])
def test_a_demonym_on_its_side_of_the_noun_is_the_actor(lang, text):
    ev = _one(text, lang)
    assert codes(ev.actor) == {"RUS"} and codes(ev.recipient) == {"UKR"}


@pytest.mark.parametrize("lang, text, place, precision", [
    ("fr", "Un navire a été attaqué en mer Rouge.", "mer Rouge", "area"),            # name after the head
    ("fr", "Les combats ont repris dans la région de Koursk.", "région de Koursk", "region"),
    ("en", "Fighting resumed in the Kursk region on Monday.", "Kursk region", "region"),  # name before it
])
def test_a_place_s_name_stands_on_its_side_of_the_head(lang, text, place, precision):
    assert _places(text, lang).get(place) == precision


@pytest.mark.parametrize("lang, text, code", [
    ("fr", "Des drones russes ont frappé Odessa.", "RUS"),   # French demonyms are lowercase
    ("en", "The russian drones hit Odesa.", None),           # English ones are capitalised: not a demonym
    ("en", "The Russian drones hit Odesa.", "RUS"),
])
def test_demonyms_count_in_the_language_s_case(lang, text, code):
    ev = _one(text, lang)
    assert (next(iter(codes(ev.actor))) if ev.actor else None) == code


@pytest.mark.parametrize("lang, text, actor", [
    ("en", "Defence Minister Halvorsen met the Ukrainian president.", "Defence Minister Halvorsen"),
    ("fr", "Le ministre Halvorsen a rencontré le président ukrainien.", "ministre"),
    ("fr", "Le ministre Jonas Halvorsen a rencontré le président ukrainien.", "ministre Jonas Halvorsen"),
])
def test_capitalised_words_after_a_role_name_its_holder(lang, text, actor):
    assert [a.text for a in _one(text, lang, "CONSULT").actor] == [actor]


@pytest.mark.parametrize("lang, text", [
    ("en", "Russia's attack on Kharkiv killed two people."),          # a possessive clitic
    ("fr", "L'attaque de la Russie contre Kharkiv a fait deux morts."),  # none in French: 'de'
])
def test_the_owner_of_an_attack_is_its_actor(lang, text):
    assert codes(_one(text, lang).actor) == {"RUS"}


@pytest.mark.parametrize("lang, text, value", [
    ("fr", "Les combats ont repris dans la région de Koursk en 2024.", "2024"),
    ("en", "Fighting resumed in the Kursk region in 2024.", "2024"),
    ("fr", "Le ministre a rencontré le président ukrainien le 1er mai 2025.", "2025-05-01"),
    ("en", "The minister met the Ukrainian president on May 1st, 2025.", "2025-05-01"),
])
def test_year_prepositions_and_ordinal_days(lang, text, value):
    assert value in [m.get("value") for m in run(text, lang).mentions["date"]]


@pytest.mark.parametrize("lang, text", [
    ("fr", "L'Ukraine a demandé un cessez-le-feu et la Russie a bombardé Kharkiv."),
    ("en", "Ukraine demanded a ceasefire and Russia shelled Kharkiv."),
])
def test_a_coordinator_ends_what_is_asked(lang, text):
    """The shelling after 'et' / 'and' is an event of its own, not part of the request."""
    assert len(by_type(events_of(text, lang), "ASSAULT")) == 1


@pytest.mark.parametrize("lang, text, places", [
    ("fr", "Le Mali a demandé à la France de retirer ses troupes.", {}),       # 'à' + a country: a dative
    ("fr", "Des soldats ont été déployés en France.", {"France": "country"}),
    ("en", "Troops were deployed in France.", {"France": "country"}),
])
def test_a_country_after_a_town_preposition_is_no_place(lang, text, places):
    assert _places(text, lang) == places


@pytest.mark.parametrize("lang, text, place", [
    ("fr", "Des drones ont frappé les environs de Kiev lundi.", "Kiev"),
    ("en", "Drones struck the outskirts of Kyiv on Monday.", "Kyiv"),
])
def test_a_capital_after_a_spatial_noun_and_of_is_a_place(lang, text, place):
    assert _places(text, lang).get(place) == "city"


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "la région de Novgorod", "novgorod"),
    ("fr", "l'île de la Tortue", "tortue"),
    ("en", "the Kursk region", "kursk"),
])
def test_place_names_lose_their_small_words_before_lookup(lang, text, name):
    assert proper_name(load_language(lang), text) == name


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_of_words_do_not_count_in_a_trigger_s_gap(lang):
    language = load_language(lang)
    assert language.words("of_words") and language.words("of_words") <= language.filler_words
